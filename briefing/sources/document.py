"""A source document as every reader gives it: metadata, then headings and paragraphs in
reading order. The readers of each format build one with `assembled`."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
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
ITEM = "item"  # an item of a bulleted list
NUMBERED = "numbered"  # an item of a numbered list
CELL = "cell"
ALIGNMENTS = ("left", "center", "right")  # a table column's, as the source set it ("" when it did not)
MAX_TABLE_COLUMNS = 64  # a row claiming more (a repeated or spanned cell in a hostile file) is cut there


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph, a quoted paragraph or a table cell, in reading order (a table
    row by row). A cell is a block of its own so that it is translated, checked and corrected
    like any paragraph; `cell` places it in its table, so that renderers rebuild the grid."""

    kind: str
    text: str
    cell: tuple[int, int, int] | None = None  # (table, row, column), each counted from 0
    align: str = ""  # a cell's column alignment (ALIGNMENTS), so the briefing's table reads like the source's


def table_blocks(rows: list[list[str]], table: int, aligns: Sequence[str] = ()) -> list[Block]:
    """A table's cells as blocks, row by row, every row as wide as the widest (a short row is
    padded with empty cells) and at most MAX_TABLE_COLUMNS wide; empty rows left out. `aligns`:
    each column's alignment, where the source gives one."""
    rows = [[" ".join(text.split()) for text in row[:MAX_TABLE_COLUMNS]] for row in rows]
    rows = [row for row in rows if any(row)]
    width = max((len(row) for row in rows), default=0)
    while width and not any(row[width - 1] for row in rows if len(row) >= width):
        width -= 1  # a column empty all the way down is layout, not content
    aligns = [align if align in ALIGNMENTS else "" for align in aligns]
    return [Block(CELL, row[column] if column < len(row) else "", (table, number, column),
                  aligns[column] if column < len(aligns) else "")
            for number, row in enumerate(rows) for column in range(width)]


def tables_in(blocks) -> int:
    """The number to give the next table of `blocks`: one past the last table's. Looked for from
    the end, so that a reader asking after each table pays for the blocks since the last one only."""
    return next((block.cell[0] + 1 for block in reversed(blocks) if block.cell is not None), 0)


@dataclass(frozen=True)
class Document:
    path: Path
    blocks: tuple[Block, ...]
    date: dt.date | None = None
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    output_name: str = ""  # set when two sources of one run share a file name
    dropped: tuple[str, ...] = ()  # what the reader left out ("2 images"), reported with the briefing
    title_block: int | None = None  # the block that is the title, by place: a cell of the same words is not it

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
    blocks = [replace(b, text=unicodedata.normalize("NFC", b.text)) for b in blocks
              if b.text.strip() or b.cell is not None]  # an empty cell keeps its table's grid
    title = unicodedata.normalize("NFC", " ".join(title.split())) if title and title.strip() else None
    first = next((i for i, b in enumerate(blocks[:3]) if b.cell is None and parse_date_line(b.text)), None)
    if first is not None:  # "March 9, 2025" alone near the top: the report date, not text to translate
        date = parse_date_line(blocks[first].text).isoformat()
        del blocks[first]
    if title is None and blocks and blocks[0].kind == HEADING:
        title = blocks[0].text
    elif title is not None and title_place(((b.text, b.cell) for b in blocks), title) is None:
        blocks.insert(0, Block(HEADING, title))
    if not any(b.text.strip() for b in blocks):
        raise SourceError(f"{path}: no text to translate")
    metadata = dict(metadata or {})
    if date:
        metadata["date"] = date
    places = [(b.text, b.cell) for b in blocks]
    return Document(path=path, blocks=tuple(blocks), date=parse_date_line(date) if date else None, title=title,
                    metadata=metadata, dropped=tuple(dropped), title_block=title_place(places, title))


def title_place(blocks: Iterable[tuple[str, object]], title: str | None) -> int | None:
    """Which block is the title: the first heading or paragraph with its words (a table cell
    that happens to say the same is a cell). `blocks`: (text, cell) of each, in order."""
    if title is None:
        return None
    return next((i for i, (text, cell) in enumerate(blocks) if cell is None and text == title), None)


def counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
