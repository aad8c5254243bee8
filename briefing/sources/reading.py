"""Reading sources: bytes on disk → a Document of metadata, headings and paragraphs."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from briefing.errors import BriefingError
from briefing.limits import env_number
from briefing.sources import formats, markdown_briefing
from briefing.sources.dating import parse_date_line
from briefing.sources.document import (
    BOMS,
    HEADING,
    ITEM,
    NUMBERED,
    PARAGRAPH,
    QUOTE,
    Block,
    Document,
    SourceError,
    table_blocks,
    tables_in,
    title_place,
)
from briefing.sources.markdown_briefing import unescaped

_DATE_LINE = re.compile(r"\A\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_SENTENCE_END = tuple('.!?…:;,"”’\'»)]')
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16/32 with BOM; anything else is refused."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise SourceError(f"{path}: broken {encoding.upper()} text at byte {err.start}") from None
    if b"\x00" in data:
        sample = data[:4000]
        if sample[1::2].count(0) > len(sample) * 0.4 or sample[0::2].count(0) > len(sample) * 0.4:
            raise SourceError(f"{path}: looks like UTF-16 without a byte-order mark; save it as UTF-8")
        raise SourceError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SourceError(
            f"{path}: not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "save it as UTF-8"
        ) from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        raise SourceError(f"{path}: binary file, not text")
    return text


def max_source_bytes() -> int:
    """Sources larger than this are refused before being read ($BRIEFING_MAX_SOURCE_MB, 50 MB)."""
    return int(env_number("BRIEFING_MAX_SOURCE_MB", 50) * (1 << 20))


def read_limited(path: Path) -> bytes:
    """A file's bytes, refused (one line) when larger than the limit, whether its size is
    known beforehand or not (/dev/zero, a pipe)."""
    limit = max_source_bytes()
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file or folder") from None
    except OSError as err:
        raise SourceError(f"{path}: cannot read ({err.strerror})") from None
    if len(data) > limit:
        raise SourceError(f"{path}: larger than {limit >> 20} MB; raise BRIEFING_MAX_SOURCE_MB to read it")
    return data


def read_document(path: Path, date: dt.date | None = None) -> Document:
    """Read one source file (or standard input, `-`); raise SourceError with a one-line message
    on anything unusable. A `date` given by the user wins over the one the file states."""
    return parse_document(path, read_stdin() if str(path) == STDIN else read_limited(path), date)


def parse_document(path: Path, data: bytes, date: dt.date | None = None) -> Document:
    """A source's bytes read as `read_document` reads them (where they were read: a cluster's
    worker parses what the client sent)."""
    if not data.strip():
        raise SourceError(f"{path}: empty file, nothing to translate")
    kind = source_kind(path, data)
    document = parse_text(decode(data, path), path) if kind == "text" else formats.read_structured(kind, data, path)
    if str(path) == STDIN:
        document = replace(document, output_name="stdin")
    _within_text_limits(document, path)
    return replace(document, date=date) if date else document


def _within_text_limits(document: Document, path: Path) -> None:
    """Refuse a document whose text a run could not hold: a translation keeps about 130 bytes
    of memory per byte of text (its sentences, analyses, outputs and checks), so a 10 MB line
    under the 50 MB file limit would need gigabytes. A paragraph past $BRIEFING_MAX_PARAGRAPH_KB
    (256) is no paragraph (a dump, a table flattened); the whole text past $BRIEFING_MAX_TEXT_MB
    (8) is to be split into documents. Either is one line; the run's other sources go on."""
    paragraph_limit = int(env_number("BRIEFING_MAX_PARAGRAPH_KB", 256) * 1024)
    text_limit = int(env_number("BRIEFING_MAX_TEXT_MB", 8) * (1 << 20))
    total = 0
    for number, block in enumerate(document.blocks, start=1):
        size = len(block.text.encode("utf-8"))
        if size > paragraph_limit:
            raise SourceError(f"{path}: paragraph {number} holds {size >> 10} KB of text, more than "
                              f"{paragraph_limit >> 10} KB (BRIEFING_MAX_PARAGRAPH_KB); split it into paragraphs")
        total += size
        if total > text_limit:
            raise SourceError(f"{path}: more than {text_limit >> 20} MB of text (BRIEFING_MAX_TEXT_MB); split it "
                              "into several sources")


STDIN = "-"
_SUFFIX_KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".odt": "odt", ".pdf": "pdf"}
_SIGNATURES = ((b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"))
_UNSUPPORTED = {".doc": "save it as .docx", ".rtf": "save it as .docx", ".epub": "convert it to .html or .txt",
                ".pages": "export it as .docx", ".ppt": "export it as .pdf", ".pptx": "export it as .pdf",
                ".xls": "export it as .csv text", ".xlsx": "export it as .csv text"}
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", *_SUFFIX_KINDS)


def source_kind(path: Path, data: bytes) -> str:
    """text, html, docx, odt or pdf: by the file's suffix, else (standard input, an unknown
    suffix) by its first bytes."""
    suffix = path.suffix.lower()
    if suffix in _UNSUPPORTED:
        raise SourceError(f"{path}: {suffix} files are not read; {_UNSUPPORTED[suffix]}")
    if suffix in _SUFFIX_KINDS:
        return _SUFFIX_KINDS[suffix]
    signature = next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)
    if signature == "zip":
        return "odt" if b"application/vnd.oasis.opendocument.text" in data[:200] else "docx"
    if signature:
        return signature
    head = data[:2000].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in data[:20000].lower()):
        return "html"
    return "text"


def read_stdin() -> bytes:
    import sys

    limit = max_source_bytes()
    if sys.stdin.isatty():
        import logging

        logging.getLogger("briefing").info("reading the source from the terminal; end it with Ctrl+D")
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise SourceError(f"standard input: larger than {limit >> 20} MB; raise BRIEFING_MAX_SOURCE_MB")
    return data


def parse_text(text: str, path: Path) -> Document:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    metadata, text = _front_matter(text)
    match = _DATE_LINE.match(text)
    if match:
        metadata.setdefault("date", match.group(1))
        text = text[match.end() :]
    elif "date" not in metadata:
        first, _, rest = text.lstrip("\n").partition("\n")
        second, _, after = rest.partition("\n")
        dated = parse_date_line(first.lstrip("# ").strip())
        if dated:  # "March 9, 2025" alone on the first line: the report date, not a heading
            metadata["date"], text = dated.isoformat(), rest
        elif second.strip() and _looks_like_heading([first.strip()]) and parse_date_line(second.strip()):
            metadata["date"] = parse_date_line(second.strip()).isoformat()  # a title, then its date line
            text = f"{first}\n{after}"
    markdown = path.suffix.lower() in _MARKDOWN_SUFFIXES
    blocks = _markdown_blocks(text) if markdown else _plain_blocks(text)
    if not blocks:
        raise SourceError(f"{path}: no text to translate besides metadata")
    title = metadata.get("title")
    if title is None and markdown and blocks[0].kind == HEADING:
        title = blocks[0].text
    return Document(
        path=path,
        blocks=tuple(blocks),
        date=_parse_date(metadata.get("date"), path),
        title=title,
        metadata=metadata,
        title_block=title_place([(b.text, b.cell) for b in blocks], title),
    )


def _parse_date(value: str | None, path: Path) -> dt.date | None:
    if value is None:
        return None
    dated = parse_date_line(value)
    if dated is None:
        raise SourceError(f"{path}: date {value!r} is not a date (write 2025-03-09 or 9 March 2025)")
    return dated


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` lines between two `---` lines at the very top (as Markdown tools write)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    metadata = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            metadata[key.strip().lower()] = value.strip().strip("\"'")
    rest = text[end + 4 :]
    return metadata, rest.split("\n", 1)[1] if "\n" in rest else ""


def text_chunks(text: str) -> list[list[str]]:
    """Runs of non-blank lines separated by blank lines."""
    chunks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            chunks[-1].append(line.strip())
        elif chunks[-1]:
            chunks.append([])
    return [chunk for chunk in chunks if chunk]


def _looks_like_heading(lines: list[str]) -> bool:
    """A short single line without final punctuation, e.g. "Electricity, water cut off"."""
    if len(lines) != 1:
        return False
    line = lines[0]
    return (
        len(line) <= 100
        and len(line.split()) <= 12
        and not line.endswith(_SENTENCE_END)
        and not line.startswith(("“", '"', "‘", "'", "«", "-", "*"))
        and any(ch.isalpha() for ch in line)
    )


def _plain_blocks(text: str) -> list[Block]:
    found = text_chunks(text)
    chunks = [paragraph for chunk in found for paragraph in _paragraphs_of(chunk, blank_lines=len(found) > 1)]
    blocks = []
    for chunk in chunks:
        kind = HEADING if len(chunks) > 1 and _looks_like_heading(chunk) else PARAGRAPH
        blocks.append(Block(kind, " ".join(chunk)))
    return blocks


_WRAP_WIDTH = 100  # no hard-wrapped text has lines wider: a longer line is a paragraph on one line


def _paragraphs_of(lines: list[str], blank_lines: bool) -> list[list[str]]:
    """A run of lines as paragraphs. What Word's and LibreOffice's "save as text" write has one
    paragraph per line and no blank line anywhere (title, date line, headings, table cells); a
    hard-wrapped paragraph has lines no wider than its wrap width, and a text that separates its
    paragraphs by blank lines keeps its runs of lines whole."""
    if len(lines) < 2:
        return [lines]
    if max(map(len, lines)) > _WRAP_WIDTH or not blank_lines and all(
            _complete_line(line, after) for line, after in zip(lines, lines[1:], strict=False)):
        return [[line] for line in lines]
    return [lines]


def _complete_line(line: str, after: str) -> bool:
    """A line that ends its paragraph: a sentence's end, or a heading the next line does not continue."""
    if line.endswith(_SENTENCE_END) and not line.endswith(","):
        return True
    return _looks_like_heading([line]) and not after[:1].islower()


def _markdown_blocks(text: str) -> list[Block]:
    """Headings, quotes, paragraphs and pipe tables; backslash escapes read as CommonMark reads them."""
    blocks = []
    for chunk in text_chunks(text):
        rows = markdown_briefing.table_rows(chunk)
        if rows is not None:
            blocks += table_blocks(rows, tables_in(blocks), markdown_briefing.column_alignments(chunk))
            continue
        kind, lines = PARAGRAPH, []
        for line in chunk:
            heading = re.match(r"#{1,6}\s+(.*?)\s*#*$", line)
            item = markdown_briefing.LIST_MARK.match(line)
            if heading or item:
                blocks += _markdown_block(kind, lines)
                kind, lines = PARAGRAPH, []
            if heading:
                blocks.append(Block(HEADING, unescaped(heading.group(1))))
            elif item:  # each item a block of its own: a list is never run together into one paragraph
                kind, lines = (NUMBERED if item.group(1) else ITEM), [line[item.end():]]
            else:
                lines.append(line)  # a paragraph's line, or an item's continued
        blocks += _markdown_block(kind, lines)
    return blocks


def _markdown_block(kind: str, lines: list[str]) -> list[Block]:
    if not lines:
        return []
    if kind == PARAGRAPH and all(line.startswith(">") for line in lines):
        return [Block(QUOTE, unescaped(" ".join(line.lstrip(">").strip() for line in lines)))]
    return [Block(kind, unescaped(" ".join(lines)))]


def without_briefing_header(document: Document, keep_title: bool = False) -> Document:
    """A briefing that `translate` wrote, without the header it added (title, the details line,
    the machine-translation note), so that its body lines up with the source; other
    documents as they are. The title stays when the source had one to translate."""
    blocks = document.blocks
    if not markdown_briefing.has_header(blocks):
        return document
    body = blocks[markdown_briefing.HEADER_PARAGRAPHS:]
    return replace(document, blocks=(blocks[:1] if keep_title else ()) + body, title=None, title_block=None)


def distinct_names(documents: list[Document]) -> tuple[list[Document], list[str]]:
    """Documents whose output names are unique within a run (d1/report.txt and d2/report.txt, or
    report.txt and report.md, would overwrite each other's briefings), and one line per rename."""
    taken: set[str] = set()
    renamed, notes = [], []
    for document in documents:
        name, number = document.name, 1
        while name in taken:
            number += 1
            name = f"{document.path.stem}-{number}"
        taken.add(name)
        if name != document.name:
            document = replace(document, output_name=name)
            notes.append(f"{document.path}: written as {name}.* (another source is named {document.path.stem})")
        renamed.append(document)
    return renamed, notes


def source_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to read: a folder gives the supported files in it (not its subfolders, hidden
    files, nor a run's own output), in name order; `-` is standard input. One line for each path
    that gives none."""
    files, failures = [], []
    for path in paths:
        if str(path) != STDIN and path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                           and not p.name.startswith(".") and not _run_output(p))
            if not found:
                failures.append(f"{path}: no source files in this folder ({', '.join(SUPPORTED_SUFFIXES)})")
            files += found
        else:
            files.append(path)
    return list(dict.fromkeys(files)), failures


def _run_output(path: Path) -> bool:
    """Whether a folder's file is what a run wrote there (a briefing beside its QA report
    NAME.LANG.qa.json, or the batch report qa.html beside qa.csv), not a source: `--out` may be
    the sources' own folder, and the next run must not translate the last one's briefings."""
    if path.name.endswith(".qa.json") or (path.name == "qa.html" and path.with_name("qa.csv").is_file()):
        return True
    return path.with_name(f"{path.name[: -len(path.suffix)]}.qa.json").is_file() if path.suffix else False


def read_documents(paths: list[Path], date: dt.date | None = None,
                   progress: Callable[[int], None] = lambda n: None) -> tuple[list[Document], list[str]]:
    """Every source that can be read, and one line for each that cannot: one bad source never
    sinks the others. `progress` is told of each file read."""
    files, failures = source_files(paths)
    documents = []
    for path in files:
        try:
            documents.append(read_document(path, date))
        except BriefingError as err:
            failures.append(str(err))
        progress(1)
    return documents, failures
