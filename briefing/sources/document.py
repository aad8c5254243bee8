"""A source document as every reader gives it: metadata, then headings and paragraphs in
reading order. The readers of each format build one with `assembled`."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.sources.dating import parse_date_line

BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HEADING = "heading"
PARAGRAPH = "paragraph"
QUOTE = "quote"


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph or a quoted paragraph, in reading order."""

    kind: str
    text: str


@dataclass(frozen=True)
class Document:
    path: Path
    blocks: tuple[Block, ...]
    date: dt.date | None = None
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    output_name: str = ""  # set when two sources of one run share a file name
    dropped: tuple[str, ...] = ()  # what the reader left out ("2 images"), reported with the briefing

    @property
    def name(self) -> str:
        return self.output_name or self.path.stem


class SourceError(BriefingError):
    """A source that cannot be read as text; the message names the file."""


def assembled(path: Path, blocks: list[Block], title: str | None = None, date: str | None = None,
              metadata: dict[str, str] | None = None, dropped: tuple[str, ...] = ()) -> Document:
    """A Document from a structured reader's blocks: normalised text, the title as the first
    heading when the body does not hold it (so that it is translated), the date read from the
    first lines (what a reader sees) before the file's metadata."""
    blocks = [Block(b.kind, unicodedata.normalize("NFC", b.text)) for b in blocks if b.text.strip()]
    title = unicodedata.normalize("NFC", " ".join(title.split())) if title and title.strip() else None
    first = next((i for i, b in enumerate(blocks[:3]) if parse_date_line(b.text)), None)
    if first is not None:  # "March 9, 2025" alone near the top: the report date, not text to translate
        date = parse_date_line(blocks[first].text).isoformat()
        del blocks[first]
    if title is None and blocks and blocks[0].kind == HEADING:
        title = blocks[0].text
    elif title is not None and not any(b.text == title for b in blocks):
        blocks.insert(0, Block(HEADING, title))
    if not blocks:
        raise SourceError(f"{path}: no text to translate")
    metadata = dict(metadata or {})
    if date:
        metadata["date"] = date
    return Document(path=path, blocks=tuple(blocks), date=parse_date_line(date) if date else None, title=title,
                    metadata=metadata, dropped=tuple(dropped))


def counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
