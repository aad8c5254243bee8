"""OpenDocument text (.odt, LibreOffice's own format): headings, paragraphs, lists, table cells.

odfpy parses the package; its `teletype.extractText` turns a paragraph's spans, tabs and line
breaks into text.
"""

from __future__ import annotations

import io
from pathlib import Path

from briefing.sources.document import (
    HEADING,
    MAX_TABLE_COLUMNS,
    PARAGRAPH,
    Block,
    Document,
    SourceError,
    assembled,
    counted,
    table_blocks,
    tables_in,
)

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def read_odt(data: bytes, path: Path) -> Document:
    from odf import opendocument, teletype

    try:
        document = opendocument.load(io.BytesIO(data))
    except (MemoryError, RecursionError):
        raise  # the bounds of the reader's process, reported by it
    except Exception as err:  # odfpy raises zipfile, KeyError and XML parser errors alike
        raise SourceError(f"{path}: damaged OpenDocument file ({type(err).__name__})") from None
    blocks, images, notes, tracked = [], 0, [], []

    pending = [document.text]  # a stack, not recursion: sections nest as deep as a file likes
    while pending:
        child = pending.pop()
        qname = getattr(child, "qname", None)
        if qname in ((_TEXT, "h"), (_TEXT, "p")):
            images += sum(1 for _ in _descendants(child, (_DRAW, "image")))
            for note in list(_descendants(child, (_TEXT, "note"))):  # its number and body, out of the line
                for body in _descendants(note, (_TEXT, "note-body")):
                    notes.append(" ".join(teletype.extractText(body).split()))
                note.parentNode.removeChild(note)
            text = " ".join(teletype.extractText(child).split())
            if text:
                blocks.append(Block(HEADING if qname[1] == "h" else PARAGRAPH, text))
        elif qname == (_TABLE, "table"):
            blocks += table_blocks(_rows(child, teletype), tables_in(blocks))
        elif qname == (_TEXT, "tracked-changes"):
            tracked.append(len(child.childNodes))  # the deleted text is kept here: left out
        elif child is document.text or qname is not None and qname[0] != _OFFICE or qname == (_OFFICE, "text"):
            pending.extend(reversed(child.childNodes))  # sections, lists, tables and their cells, in order

    title = next((" ".join(teletype.extractText(t).split()) for t in _descendants(document.meta, (
        "http://purl.org/dc/elements/1.1/", "title"))), None)
    dropped = ((counted(images, "image", "images"),) if images else ()) + (
        (f"tracked changes read as accepted ({counted(sum(tracked), 'change', 'changes')})",) if sum(tracked) else ())
    return assembled(path, blocks + [Block(PARAGRAPH, note) for note in notes if note], title=title,
                     dropped=dropped)


def _rows(table, teletype) -> list[list[str]]:
    """A table's rows of cell texts (a nested table's text within its cell). LibreOffice writes
    runs of like cells and rows once with a repeat count: those are expanded, but never past
    the widest table read (a trailing "repeat 1024 empty cells" is layout)."""
    rows = []
    for row in _descendants(table, (_TABLE, "table-row")):
        cells = []
        for cell in _descendants(row, (_TABLE, "table-cell"), (_TABLE, "covered-table-cell")):
            text = " ".join(" ".join(teletype.extractText(p).split())
                            for p in _descendants(cell, (_TEXT, "p"), (_TEXT, "h")))
            cells += [text] * min(_repeat(cell, "number-columns-repeated"), MAX_TABLE_COLUMNS)
        rows += [cells[:MAX_TABLE_COLUMNS]] * (min(_repeat(row, "number-rows-repeated"), 1000) if any(cells) else 1)
    return rows


def _repeat(element, attribute: str) -> int:
    value = str(element.attributes.get((_TABLE, attribute), "1"))
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _descendants(node, *qnames):
    """The outermost descendants named one of `qnames`, in document order."""
    pending = list(reversed(node.childNodes))
    while pending:
        child = pending.pop()
        if getattr(child, "qname", None) in qnames:
            yield child
        else:
            pending.extend(reversed(child.childNodes))
