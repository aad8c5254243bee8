"""Word documents (.docx): headings from styles, paragraphs, tables cell by cell, footnotes.

python-docx opens the package and resolves styles; the body is walked in its XML order here
because python-docx's `Paragraph.text` leaves out text inside tracked insertions, and neither
reads footnotes. Tracked changes are read as accepted (insertions kept, deletions left out) and
said so; images, text boxes, comments, headers and footers are counted as left out.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from briefing.sources.document import (
    HEADING,
    ITEM,
    MAX_TABLE_COLUMNS,
    NUMBERED,
    PARAGRAPH,
    QUOTE,
    Block,
    Document,
    SourceError,
    assembled,
    counted,
    table_blocks,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The paragraph styles a briefing's Word file gives its header (title, details, note) and what
# follows the body (key terms, QA box): what a reviewer's text is not.
HEADER_STYLES = ("Title", "Briefing Header")
APPENDIX_STYLE = "Briefing Appendix"
# what python-docx, LibreOffice and Word put in an untitled file's properties: not a title
_PLACEHOLDER_TITLES = {"", "word document", "document", "untitled", "untitled document", "microsoft word document",
                       "document1", "doc1", "sans titre", "document sans titre"}
_TEMPLATE_STAMP = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.timezone.utc)  # python-docx's own template


@dataclass
class WordText:
    """The body of a Word file as blocks with their style names, and what was left out."""

    blocks: list[tuple[Block, str]] = field(default_factory=list)  # (block, style name)
    insertions: int = 0
    deletions: int = 0
    images: int = 0
    text_boxes: int = 0
    entities: int = 0  # references to entities the file never defines, kept as written
    tables: int = 0
    notes: dict[str, int] = field(default_factory=dict)  # footnote id → its number, in order of reference

    def tracked_note(self) -> str:
        if not self.insertions and not self.deletions:
            return ""
        return (f"tracked changes read as accepted ({counted(self.insertions, 'insertion', 'insertions')}, "
                f"{counted(self.deletions, 'deletion', 'deletions')})")


def open_word(data: bytes, path: Path):
    """The python-docx document, or a one-line error for a damaged or protected file."""
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: an encrypted .docx or an old .doc
        raise SourceError(f"{path}: password-protected or old-format Word file; save it unprotected as .docx")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise SourceError(f"{path}: damaged Word file ({' '.join(str(err).split())[:120] or type(err).__name__})") \
            from None
    except (MemoryError, RecursionError):
        raise  # the bounds of the reader's process, reported by it
    except Exception as err:  # lxml's XMLSyntaxError and friends, from a corrupt part
        raise SourceError(f"{path}: damaged Word file ({type(err).__name__})") from None


def word_text(document) -> WordText:
    """The body in reading order: paragraphs, and the paragraphs of each table cell."""
    styles = {style.style_id: style.name or "" for style in document.styles}
    found = WordText()
    _walk(document.element.body, styles, found)
    return found


def _walk(container, styles: dict[str, str], found: WordText) -> None:
    for element in container.iterchildren():
        if element.tag == f"{W}p":
            style_id = element.find(f"{W}pPr/{W}pStyle")
            style = styles.get(style_id.get(f"{W}val"), "") if style_id is not None else ""
            text = paragraph_text(element, found)
            if text:
                found.blocks.append((Block(_kind(style, element), text), style))
        elif element.tag == f"{W}tbl":
            _table(element, styles, found)
        elif element.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins"):  # content controls, inserted paragraphs
            content = element.find(f"{W}sdtContent") if element.tag == f"{W}sdt" else element
            if content is not None:
                _walk(content, styles, found)


def _table(table, styles: dict[str, str], found: WordText) -> None:
    """A table's cells, row by row: a cell's paragraphs (and any table nested in it) as one
    text; a cell spanning columns (w:gridSpan) followed by empty ones, so that the grid holds."""
    number, rows = found.tables, []
    found.tables += 1  # before the cells: a table nested in one takes the next number
    for row in _children(table, "tr"):
        cells = []
        for cell in _children(row, "tc"):
            start = len(found.blocks)
            _walk(cell, styles, found)
            cells.append(" ".join(block.text for block, _ in found.blocks[start:] if block.text))
            del found.blocks[start:]
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            extra = int(span.get(f"{W}val", "1")) - 1 if span is not None and span.get(f"{W}val", "").isdigit() else 0
            cells += [""] * min(extra, MAX_TABLE_COLUMNS)
        rows.append(cells)
    found.blocks += [(block, "") for block in table_blocks(rows, number)]


def _children(element, name: str):
    """`element`'s w:`name` children, those wrapped in content controls (w:sdt) included."""
    for child in element.iterchildren():
        if child.tag == f"{W}{name}":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _children(content, name)


def paragraph_text(paragraph, found: WordText | None = None) -> str:
    """A paragraph's text with tracked insertions kept and deletions left out."""
    from lxml import etree

    parts = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == f"{W}t" and not _inside(element, paragraph, (f"{W}del", f"{W}moveFrom", f"{W}txbxContent")):
            parts.append("".join(element.itertext()))  # the text after an undefined "&name;" too
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr") and not _inside(element, paragraph, (f"{W}txbxContent",)):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":  # "al‑Assad" typed with Ctrl+Shift+-: a hyphen all the same
            parts.append("-")
        elif tag == f"{W}footnoteReference" and found is not None and not _inside(element, paragraph, (f"{W}del",)):
            number = found.notes.setdefault(element.get(f"{W}id", ""), len(found.notes) + 1)
            parts.append(f" [{number}]")  # the note's anchor, numbered as Word shows it (as a PDF's "[1]")
        elif found is not None:
            if tag is etree.Entity:
                found.entities += 1
            elif tag in (f"{W}ins", f"{W}moveTo"):  # a tracked move is a deletion here and an insertion there
                found.insertions += 1
            elif tag in (f"{W}del", f"{W}moveFrom"):
                found.deletions += 1
            elif tag in (f"{W}drawing", f"{W}pict"):
                if element.find(f".//{W}txbxContent") is not None:
                    found.text_boxes += 1
                else:
                    found.images += 1
    return collapsed("".join(parts)).translate(_ISOLATES)


# LRI, RLI, FSI, PDI: invisible marks that keep Latin runs whole in Arabic lines (Word briefings
# write them); left out of the text, or every Arabic sentence with a name would read as corrected
_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))
_BREAKS = re.compile(r"[ \t\n\r\f\v]+")


def collapsed(text: str) -> str:
    """Runs of ordinary white space as one space; the no-break and narrow no-break spaces of
    French typography ("1 000", "« … »") are kept as they were written."""
    return _BREAKS.sub(" ", text).strip(" ")


def _inside(element, stop, tags: tuple[str, ...]) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _kind(style: str, paragraph) -> str:
    name = style.lower()
    if name.startswith(("heading", "title", "subtitle")) or paragraph.find(f"{W}pPr/{W}outlineLvl") is not None:
        return HEADING
    if "quote" in name:
        return QUOTE
    if name.startswith("list number"):
        return NUMBERED
    if name.startswith(("list bullet", "list paragraph")) or paragraph.find(f"{W}pPr/{W}numPr") is not None:
        return ITEM
    return PARAGRAPH


def footnotes(document, numbers: dict[str, int] | None = None) -> list[str]:
    """The text of each footnote, numbered as its anchor in the body ("[1] …"), in that order
    (the separators Word keeps as notes -1 and 0 left out; a note no anchor names comes last)."""
    import lxml.etree

    for part in document.part.package.iter_parts():
        if str(part.partname) == "/word/footnotes.xml":
            root = lxml.etree.fromstring(part.blob)
            numbers = numbers or {}
            notes = []
            for note in root.iter(f"{W}footnote"):
                if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = collapsed(" ".join(paragraph_text(p) for p in note.iter(f"{W}p")))
                number = numbers.get(note.get(f"{W}id", ""))
                if text.strip():
                    notes.append((number or len(numbers) + 1 + len(notes), f"[{number}] {text}" if number else text))
            return [text for _, text in sorted(notes, key=lambda item: item[0])]
    return []


def _left_out(document) -> list[str]:
    comments = headers = 0
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/comments.xml":
            comments = part.blob.count(b"<w:comment ")
        elif name.startswith(("/word/header", "/word/footer")) and b"<w:t" in part.blob:
            headers += 1
    return [text for text in (counted(comments, "reviewer comment", "reviewer comments") if comments else "",
                              counted(headers, "page header or footer", "page headers and footers") if headers else "")
            if text]


def read_docx(data: bytes, path: Path) -> Document:
    document = open_word(data, path)
    try:
        body = word_text(document)
        notes = footnotes(document, body.notes)
        left_out = _left_out(document)
    except (SourceError, MemoryError, RecursionError):
        raise
    except Exception as err:  # a part python-docx opened but whose XML is broken
        raise SourceError(f"{path}: damaged Word file ({type(err).__name__})") from None
    blocks = [block for block, _ in body.blocks] + [Block(PARAGRAPH, note) for note in notes]
    if any(style in (APPENDIX_STYLE, HEADER_STYLES[1]) for _, style in body.blocks):
        blocks = [block for block, _ in _briefing_blocks(body)]  # a briefing: checked, or translated onwards
    properties = document.core_properties
    created = properties.created
    date = created.date().isoformat() if created and created.replace(tzinfo=created.tzinfo or dt.timezone.utc) \
        != _TEMPLATE_STAMP else None
    dropped = [counted(body.images, "image", "images") if body.images else "",
               counted(body.text_boxes, "text box", "text boxes") if body.text_boxes else "",
               *left_out, body.tracked_note(),
               counted(body.entities, "undefined entity reference", "undefined entity references") + " kept as written"
               if body.entities else ""]
    metadata = {"author": properties.author} if properties.author else {}
    title = properties.title if (properties.title or "").strip().lower() not in _PLACEHOLDER_TITLES else None
    if blocks and blocks[0].kind == HEADING and blocks[0].cell is None:
        title = None  # the file's own first heading: its properties' title is often a template's or a draft's
    return assembled(path, blocks, title=title, date=date, metadata=metadata,
                     dropped=tuple(d for d in dropped if d))


def _briefing_blocks(found: WordText) -> list[tuple[Block, str]]:
    """A Word briefing's title and body, without its details line, key terms and QA box."""
    blocks = []
    for block, style in found.blocks:
        if style == APPENDIX_STYLE:
            break
        if style != HEADER_STYLES[1]:
            blocks.append((block, style))
    return blocks


def briefing_body(data: bytes, path: Path) -> tuple[list[str], str]:
    """The body paragraphs of a Word briefing that `translate` wrote and a reviewer edited (the
    header and everything from the key terms on left out), and a note on tracked changes."""
    document = open_word(data, path)
    found = word_text(document)
    styles = [style for _, style in found.blocks]
    if APPENDIX_STYLE not in styles and not any(style in HEADER_STYLES for style in styles):
        raise SourceError(f"{path}: not a Word briefing written by 'briefing translate'")
    body = [block.text for block, style in _briefing_blocks(found) if style not in HEADER_STYLES and block.text]
    return body, found.tracked_note()
