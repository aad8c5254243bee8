"""OpenDocument text (.odt, LibreOffice's own format): headings, paragraphs, lists, table cells.

odfpy parses the package; its `teletype.extractText` turns a paragraph's spans, tabs and line
breaks into text.
"""

from __future__ import annotations

import io
from pathlib import Path

from briefing.sources.document import HEADING, PARAGRAPH, Block, Document, SourceError, assembled, counted

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
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


def _descendants(node, qname):
    """The outermost descendants named `qname`, in document order."""
    pending = list(reversed(node.childNodes))
    while pending:
        child = pending.pop()
        if getattr(child, "qname", None) == qname:
            yield child
        else:
            pending.extend(reversed(child.childNodes))
