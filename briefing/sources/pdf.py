"""PDF files with a text layer: paragraphs and tables rebuilt from pdfminer's lines.

pdfminer.six finds characters and lines; `pdf_layout` makes paragraphs and tables of them with
the page's geometry. Here: the lines of a paragraph joined (a hyphen at a line end kept, as in
"well-known"), superscript footnote markers set apart from their word ("civilians [1]"),
paragraphs in a clearly larger type read as headings, and the running headers, footers and page
numbers that repeat on the pages left out (and counted). A PDF without text (a scan) or one
that needs a password is refused in one line.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from briefing.sources.document import (
    HEADING,
    PARAGRAPH,
    Block,
    Document,
    SourceError,
    assembled,
    counted,
    table_blocks,
    tables_in,
)
from briefing.sources.pdf_layout import Grid, Line, Ruling, page_items

_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?[\divxlc\u0660-\u0669]+(\s*(/|of)\s*\d+)?\W*$", re.IGNORECASE)
_PRODUCER_TITLE = re.compile(r"^(microsoft \w+ - |untitled\b)|\.(docx?|odt|rtf|pdf|html?|txt)$", re.IGNORECASE)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")


def read_pdf(data: bytes, path: Path) -> Document:
    pages, images, info = _pages(data, path)
    if not any(pages):
        raise SourceError(f"{path}: no text layer (a scanned PDF?); run OCR on it first, e.g. with ocrmypdf")
    repeated = _running_lines(pages)
    sizes = [box.size for page in pages for box in page if isinstance(box, Box)]
    body_size = statistics.median(sizes) if sizes else 0
    blocks, left_out = [], 0
    for page in pages:
        page_start = len(blocks)
        for box in page:
            if isinstance(box, Grid):
                blocks += table_blocks(box.rows, tables_in(blocks))
                continue
            text, size, lines, edge = box
            if edge and (text in repeated or _PAGE_NUMBER.match(text)):
                left_out += 1
                continue
            heading = lines <= 2 and len(text) <= 150 and size > body_size * 1.15 and not text.endswith(".")
            block = Block(HEADING if heading else PARAGRAPH, text)
            if len(blocks) == page_start and blocks and _continues(blocks[-1], block):
                blocks[-1] = Block(PARAGRAPH, _joined([blocks[-1].text, block.text]))  # split by the page break
            else:
                blocks.append(block)
    dropped = [counted(left_out, "running header, footer or page number", "running headers, footers and page numbers")
               if left_out else "", counted(images, "image", "images") if images else ""]
    title = _text(info.get("Title"))
    if _PRODUCER_TITLE.search(title):
        title = ""  # "Microsoft Word - report.docx", "untitled": what a printer driver put there
    created = _PDF_DATE.match(_text(info.get("CreationDate")) or "")
    return assembled(path, blocks, title=title or None,
                     date="-".join(created.groups()) if created else None, dropped=tuple(d for d in dropped if d))


_SENTENCE_END = tuple('.!?…:;"”’»)]')


def _continues(previous: Block, first: Block) -> bool:
    """The first paragraph of a page carries on the last of the page before: that one stops
    mid-sentence."""
    return previous.kind == first.kind == PARAGRAPH and not previous.text.endswith(_SENTENCE_END)


class Box(NamedTuple):
    text: str
    size: float  # mean character size
    lines: int
    edge: bool  # in the top or bottom tenth of the page, where running headers and footers are


def _pages(data: bytes, path: Path) -> tuple[list[list[Box | Grid]], int, dict]:
    """Each page's paragraphs and tables, the number of images, and the document information dictionary."""
    import logging

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTCurve, LTImage, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psexceptions import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "CropBox missing" and the like: not the user's concern
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))  # parsed once: its pages and its information
        info = document.info[0] if document.info else {}
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        pages, images = [], 0
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            layout = device.get_result()
            elements = list(_flattened(layout))
            rulings = [ruling for element in elements if isinstance(element, LTCurve)  # LTLine, LTRect: borders
                       for ruling in _rulings(element, layout.height)]
            images += sum(1 for element in elements if isinstance(element, LTImage))
            lines = [line for element in elements if isinstance(element, LTTextLine)
                     for line in _lines(element, layout.height, rulings)]
            boxes = []
            for item in page_items(lines, rulings, _joined):
                if isinstance(item, Grid):
                    boxes.append(item)
                elif text := _joined([line.text for line in item.lines]):
                    edge = item.top < layout.height * 0.1 or item.bottom > layout.height * 0.9
                    boxes.append(Box(text, item.size, len(item.lines), edge))
            pages.append(boxes)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError(f"{path}: the PDF is encrypted; save an unprotected copy to translate it") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as err:
        raise SourceError(f"{path}: damaged PDF ({type(err).__name__})") from None
    return pages, images, info if isinstance(info, dict) else {}


def _flattened(container):
    """Every element of the page down to its lines (their characters are read by `_lines`)."""
    from pdfminer.layout import LTTextLine

    for element in container:
        yield element
        if hasattr(element, "__iter__") and not isinstance(element, (LTTextLine, str)):
            yield from _flattened(element)


_MARKERS = set("0123456789*†‡§")


def _lines(line, page_height: float, rulings: list[Ruling]) -> list[Line]:
    """A pdfminer line as text, cut where a table's vertical border runs between two of its
    characters (pdfminer joins the cells of a row when they stand close), a superscript footnote
    marker set apart in brackets ("civilians¹ who" is "civilians [1] who": glued to its word it
    would be read as part of it)."""
    from pdfminer.layout import LTChar

    chars = [item for item in line if isinstance(item, LTChar)]
    if not chars:
        return []
    top, bottom = page_height - line.y1, page_height - line.y0
    borders = sorted(r.x0 for r in rulings if r.x0 == r.x1 and r.y0 <= (top + bottom) / 2 <= r.y1)
    size = statistics.median(c.size for c in chars)
    baseline = statistics.median(c.y0 for c in chars if c.size >= size * 0.9)
    pieces: list[list] = [[]]
    previous = None  # the last character placed
    for item in line:
        if isinstance(item, LTChar):
            if previous is not None and any(previous.x1 - 1 <= x <= item.x0 + 1 for x in borders):
                pieces.append([])
            previous = item
        pieces[-1].append(item)
    found = []
    for piece in pieces:
        placed = [item for item in piece if isinstance(item, LTChar)]
        text = _marked(piece, size, baseline).strip()
        if placed and text:
            found.append(Line(placed[0].x0, placed[-1].x1, top, bottom, size, text))
    return found


def _marked(items: list, size: float, baseline: float) -> str:
    """The text of a line's characters, superscript markers in brackets."""
    from pdfminer.layout import LTChar

    text, marker = "", False
    for item in items:
        char = item.get_text()
        raised = (isinstance(item, LTChar) and char in _MARKERS and item.size < size * 0.8
                  and item.y0 > baseline + size * 0.2)
        if raised and not marker:
            text += " [" if text and not text.endswith(" ") else "["
        elif marker and not raised:
            text += "]" + ("" if char.isspace() or char in ".,;:" else " ")
        marker = raised
        text += char
    return text + ("]" if marker else "")


def _rulings(shape, page_height: float) -> list[Ruling]:
    """A drawn line or rectangle as the rulings it draws: a thin one is one line, a larger
    one its four edges."""
    x0, x1, top, bottom = shape.x0, shape.x1, page_height - shape.y1, page_height - shape.y0
    if bottom - top < 2:
        return [Ruling(x0, x1, (top + bottom) / 2, (top + bottom) / 2)]
    if x1 - x0 < 2:
        return [Ruling((x0 + x1) / 2, (x0 + x1) / 2, top, bottom)]
    if type(shape).__name__ != "LTRect":
        return []  # a curve: a drawing, not a border
    return [Ruling(x0, x1, top, top), Ruling(x0, x1, bottom, bottom), Ruling(x0, x0, top, bottom),
            Ruling(x1, x1, top, bottom)]


def _joined(lines: list[str]) -> str:
    """The lines of one box as one paragraph: "well-" + "known" is "well-known" and "al-" +
    "Mukhtariya" is "al-Mukhtariya" (a hyphen after a letter at a line's end joins, whatever the
    next letter's case; a spaced dash " -" does not), a soft hyphen disappears, other line ends
    are spaces."""
    text = ""
    for line in (" ".join(line.split()) for line in lines):
        if not line:
            continue
        if text.endswith("\xad"):
            text = text[:-1] + line
        elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].isalpha():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text.replace("\xad", "")


def _running_lines(pages: list[list[Box | Grid]]) -> set[str]:
    """Texts at the top or bottom of most pages (a running header or footer), digits ignored."""
    if len(pages) < 2:
        return set()
    shape = lambda text: re.sub(r"\d+", "#", text)  # noqa: E731
    edges = [[box for box in page if isinstance(box, Box) and box.edge] for page in pages]
    seen = Counter(shape(text) for page in edges for text in {box.text for box in page})
    common = {s for s, n in seen.items() if n >= max(2, len(pages) * 0.6) and len(s) <= 120}
    return {box.text for page in edges for box in page if shape(box.text) in common}


def _text(value) -> str:
    """A document information value as text (PDF strings are bytes, UTF-16 with a BOM or PDFDocEncoding)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            return value[2:].decode("utf-16-be", "replace").strip()
        return value.decode("latin-1").strip()
    return value.strip() if isinstance(value, str) else ""
