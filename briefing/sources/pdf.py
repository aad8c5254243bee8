"""PDF files with a text layer: paragraphs rebuilt from pdfminer's text boxes.

pdfminer.six does the layout analysis (characters → lines → boxes); what it cannot know is a
news reader's view of the page, so here: lines of a box joined into one paragraph (a hyphen at a
line end kept, as in "well-known"), boxes in a clearly larger type read as headings, and the
running headers, footers and page numbers that repeat on the pages left out (and counted).
A PDF without text (a scan) or one that needs a password is refused in one line.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from briefing.sources.document import HEADING, PARAGRAPH, Block, Document, SourceError, assembled, counted

_PAGE_NUMBER = re.compile(r"^\W*(page\s*)?[\divxlc\u0660-\u0669]+(\s*(/|of)\s*\d+)?\W*$", re.IGNORECASE)
_PRODUCER_TITLE = re.compile(r"^(microsoft \w+ - |untitled\b)|\.(docx?|odt|rtf|pdf|html?|txt)$", re.IGNORECASE)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})")


def read_pdf(data: bytes, path: Path) -> Document:
    pages, images, info = _pages(data, path)
    if not any(pages):
        raise SourceError(f"{path}: no text layer (a scanned PDF?); run OCR on it first, e.g. with ocrmypdf")
    repeated = _running_lines(pages)
    sizes = [box.size for page in pages for box in page]
    body_size = statistics.median(sizes) if sizes else 0
    blocks, left_out = [], 0
    for page in pages:
        page_start = len(blocks)
        for text, size, lines, edge in page:
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


def _pages(data: bytes, path: Path) -> tuple[list[list[Box]], int, dict]:
    """Each page's text boxes, the number of images, and the document information dictionary."""
    import logging

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTImage, LTTextBox, LTTextLine
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
            boxes = []
            for element in _flattened(layout):
                if isinstance(element, LTImage):
                    images += 1
                elif isinstance(element, LTTextBox):
                    lines = [line for line in element if isinstance(line, LTTextLine)]
                    chars = [c for line in lines for c in line if isinstance(c, LTChar)]
                    text = _joined([line.get_text() for line in lines])
                    if text:
                        size = sum(c.size for c in chars) / len(chars) if chars else 0.0
                        edge = element.y0 > layout.height * 0.9 or element.y1 < layout.height * 0.1
                        boxes.append(Box(text, size, len(lines), edge))
            pages.append(boxes)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise SourceError(f"{path}: the PDF is encrypted; save an unprotected copy to translate it") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as err:
        raise SourceError(f"{path}: damaged PDF ({type(err).__name__})") from None
    return pages, images, info if isinstance(info, dict) else {}


def _flattened(container):
    for element in container:
        yield element
        if not hasattr(element, "get_text") and hasattr(element, "__iter__"):
            yield from _flattened(element)


def _joined(lines: list[str]) -> str:
    """The lines of one box as one paragraph: "well-" + "known" is "well-known", a soft hyphen
    disappears, other line ends are spaces."""
    text = ""
    for line in (" ".join(line.split()) for line in lines):
        if not line:
            continue
        if text.endswith("\xad"):
            text = text[:-1] + line
        elif text.endswith("-") and line[:1].islower():
            text += line
        else:
            text = f"{text} {line}" if text else line
    return text.replace("\xad", "")


def _running_lines(pages: list[list[Box]]) -> set[str]:
    """Texts at the top or bottom of most pages (a running header or footer), digits ignored."""
    if len(pages) < 2:
        return set()
    shape = lambda text: re.sub(r"\d+", "#", text)  # noqa: E731
    seen = Counter(shape(text) for page in pages for text in {box.text for box in page if box.edge})
    common = {s for s, n in seen.items() if n >= max(2, len(pages) * 0.6) and len(s) <= 120}
    return {box.text for page in pages for box in page if box.edge and shape(box.text) in common}


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
