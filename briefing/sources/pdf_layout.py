"""A PDF page's lines back into paragraphs and tables, the way a reader sees them.

pdfminer finds the lines; its grouping of lines into boxes is made for any page and fails on the
commonest ones: LibreOffice and Word leave more space between lines than it allows (a paragraph
comes back cut at each line end), and a table's cells are gathered by column and run into the
next paragraph. Here, with the page's geometry only (positions, type sizes, ruling lines):

- tables: a grid of ruling lines, else rows of text aligned on the same column starts, read row
  by row, a cell's wrapped lines kept in their cell;
- paragraphs: a line carries on the one above in the same type, close below it and aligned
  with it; a date alone on its line stays alone;
- two columns of text: the left one read down first.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.sources.dating import parse_date_line

_SENTENCE_END = tuple('.!?…:;"”’»)]')


@dataclass(frozen=True)
class Line:
    """One line of text on a page; coordinates from the page's top-left corner, in points."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the type size of most of its characters
    text: str
    hang: float | None = None  # a list item's: where its text starts after the marker (and its next lines)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Ruling:
    """A drawn line (a table's border): horizontal when y0 == y1, vertical when x0 == x1."""

    x0: float
    x1: float
    y0: float
    y1: float


@dataclass
class Paragraph:
    lines: list[Line]

    @property
    def size(self) -> float:
        return statistics.median(line.size for line in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return self.lines[-1].bottom


@dataclass
class Grid:
    """A table read from the page: rows of cell texts, and where it stands."""

    rows: list[list[str]]
    top: float
    bottom: float


def page_items(lines: Sequence[Line], rulings: Sequence[Ruling], join: Callable[[list[str]], str]
               ) -> list[Paragraph | Grid]:
    """The page's paragraphs and tables in reading order; `join` makes one text of a cell's lines."""
    grids: list[Grid] = []
    rest = list(lines)
    for region in _ruled_regions(rulings):
        inside = [line for line in rest if region.holds(line)]
        if inside:
            grids.append(region.grid(inside, join))
            rest = [line for line in rest if not region.holds(line)]
    width = max((line.x1 for line in lines), default=0) - min((line.x0 for line in lines), default=0)
    heads: set[int] = set()  # the first line of each column after the first: a paragraph may carry on there
    ordered = _reading_order(rest, join, width, heads)
    for grid in grids:  # each ruled table where it stands among the rest
        place = next((i for i, item in enumerate(ordered) if item.top > grid.top), len(ordered))
        ordered.insert(place, grid)
    return _paragraphs(ordered, _right_edges(rest), _line_spacing(ordered), heads)


def _reading_order(lines: list[Line], join, width: float, heads: set[int]) -> list[Line | Grid]:
    """Lines top to bottom, and tables without ruling lines; where the page is set in columns
    of text, each column read down before the next."""
    section = _column_section(lines, width)
    if section is None:
        return _by_rows(lines, join, width)
    band, gutter = section
    inside = {id(line) for line in band}
    above = [line for line in lines if id(line) not in inside and line.top < band[0].top]
    below = [line for line in lines if id(line) not in inside and line.top >= band[0].top]
    left = _reading_order([line for line in band if line.x1 <= gutter], join, width, heads)
    right = _reading_order([line for line in band if line.x1 > gutter], join, width, heads)
    if right and isinstance(right[0], Line):
        heads.add(id(right[0]))
    return (_reading_order(above, join, width, heads) + left + right
            + _reading_order(below, join, width, heads))


def _column_section(lines: list[Line], width: float) -> tuple[list[Line], float] | None:
    """The lines of a stretch of the page set in two columns of running text, and where the
    second column starts: a run of lines (top to bottom) none of which runs across that point,
    with at least three lines on each side, most of them a third of the text's width or wider."""
    if len(lines) < 6:
        return None
    ordered = sorted(lines, key=lambda line: (line.top, line.x0))
    left_edge = min(line.x0 for line in lines)
    starts = Counter(round(line.x0) for line in lines if line.x0 > left_edge + width * 0.3)
    for start, count in starts.most_common():
        if count < 3:
            break
        run: list[Line] = []
        for line in [*ordered, None]:
            crosses = line is None or line.x0 < start - 2 < line.x1
            if not crosses:
                run.append(line)
                continue
            left = [other for other in run if other.x1 <= start - 2]
            right = [other for other in run if other.x0 >= start - 2]
            if len(left) >= 3 and len(right) >= 3 and all(
                    statistics.median(other.x1 - other.x0 for other in side) >= width * 0.3 for side in (left, right)):
                return run, start - 2
            run = []
    return None


def _by_rows(lines: list[Line], join, width: float) -> list[Line | Grid]:
    rows = _rows(lines)
    ordered: list[Line | Grid] = []
    index = 0
    while index < len(rows):
        aligned, after = _aligned_table(rows, index, join, width)
        if aligned is not None:
            ordered.append(aligned)
        else:  # pieces side by side that make no table: one line, read left to right (justified text)
            ordered.append(_one_line(rows[index]))
            after = index + 1
        index = after
    return ordered


def _right_edges(lines: Sequence[Line]) -> dict[int, float]:
    """Where the lines that start at each left position end at most: the right margin of the
    column a line is in (the page's, or one of two columns')."""
    edges: dict[int, float] = {}
    for line in lines:
        edges[round(line.x0)] = max(edges.get(round(line.x0), 0.0), line.x1)
    return {left: max(right for other, right in edges.items() if abs(other - left) <= 6) for left in edges}


def _line_spacing(items: list[Line | Grid]) -> float | None:
    """The space between the lines of a paragraph on this page, in units of type size, when
    its paragraphs are set apart by more (then that space alone tells where one ends); None
    when every gap is alike (paragraphs told apart by indents and short last lines)."""
    lines = [item for item in items if isinstance(item, Line)]
    gaps = [(b.top - a.bottom) / a.size for a, b in zip(lines, lines[1:], strict=False)
            if abs(a.size - b.size) <= a.size * 0.12 and b.top >= a.bottom - a.size * 0.3]
    if len(gaps) < 2:
        return None
    within = statistics.quantiles(gaps, n=4)[0] if len(gaps) >= 4 else min(gaps)
    return within if any(gap > within + 0.5 for gap in gaps) else None


def _paragraphs(items: list[Line | Grid], edges: dict[int, float], spacing: float | None, heads: set[int]
                ) -> list[Paragraph | Grid]:
    result: list[Paragraph | Grid] = []
    for item in items:
        previous = result[-1] if result else None
        if not isinstance(item, Line) or not isinstance(previous, Paragraph):
            carries = False
        elif id(item) in heads:  # the top of the next column: a paragraph stopped mid-sentence goes on
            carries = abs(item.size - previous.size) <= previous.size * 0.12 and not previous.lines[
                -1].text.endswith(_SENTENCE_END)
        else:
            carries = _carries_on(previous, item, edges.get(round(previous.lines[-1].x0), 0.0), spacing)
        if carries:
            previous.lines.append(item)
        else:
            result.append(Paragraph([item]) if isinstance(item, Line) else item)
    return result


def _carries_on(paragraph: Paragraph, line: Line, right: float, spacing: float | None) -> bool:
    """`line` continues `paragraph`: the same type, just below its last line, aligned with it,
    centred under it or undoing a first-line indent; neither line a date alone on its line, nor
    `line` a list item's first.
    Where the page sets paragraphs apart (`spacing`), a wider gap ends one; elsewhere a line that
    ends a sentence short of the margin (`right`), or an indented line after it, does."""
    last, size = paragraph.lines[-1], paragraph.size
    if abs(line.size - size) > size * 0.12 or parse_date_line(last.text) or parse_date_line(line.text) \
            or _LIST_ITEM.match(line.text):
        return False
    gap = line.top - last.bottom
    if spacing is not None:
        if not -size * 0.3 <= gap <= size * (spacing + 0.35):
            return False
    elif not -size * 0.3 <= gap <= size * 1.2 or last.text.endswith(_SENTENCE_END) and (
            last.x1 < right - size * 3 or line.x0 > last.x0 + size):
        return False
    aligned = any(abs(line.x0 - left) <= size * 0.6 for other in paragraph.lines
                  for left in (other.x0, other.hang) if left is not None)
    indent_undone = len(paragraph.lines) == 1 and 0 < last.x0 - line.x0 <= size * 4
    centred = abs((line.x0 + line.x1) - (last.x0 + last.x1)) <= size * 2
    return aligned or indent_undone or centred


def _rows(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines side by side (overlapping over half the smaller height), top to bottom, each row
    left to right; a list's marker ("•", "2.", "a)") joined to the line it stands before."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: (line.top, line.x0)):
        first = rows[-1][0] if rows else None
        if first is not None and min(first.bottom, line.bottom) - max(first.top, line.top) >= min(
                first.bottom - first.top, line.bottom - line.top) * 0.5:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [_marker_joined(_words_joined(sorted(row, key=lambda line: line.x0))) for row in rows]


def _one_line(row: list[Line]) -> Line:
    first = row[0]
    if len(row) == 1:
        return first
    return Line(first.x0, row[-1].x1, min(line.top for line in row), max(line.bottom for line in row), first.size,
                " ".join(line.text for line in row), first.hang)


def _words_joined(row: list[Line]) -> list[Line]:
    """Pieces of one line that pdfminer cut apart at a wide space (justified text) joined again:
    closer than a word space and a bit, in the same type, they are no table's columns."""
    joined: list[Line] = []
    for line in row:
        last = joined[-1] if joined else None
        if last is not None and line.x0 - last.x1 < min(last.size, line.size) * 1.2 \
                and abs(line.size - last.size) <= last.size * 0.12:
            joined[-1] = Line(last.x0, line.x1, min(last.top, line.top), max(last.bottom, line.bottom), last.size,
                              f"{last.text} {line.text}", last.hang)
        else:
            joined.append(line)
    return joined


_LIST_MARKER = re.compile(r"\A(?:[•◦▪‣·∙–—*-]|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlc]{1,5})[.)])\Z")


_LIST_ITEM = re.compile(r"\A(?:[•◦▪‣∙–*]|\(?(?:\d{1,3}|[a-zA-Z])[.)]) ")  # a list item begins here


def _marker_joined(row: list[Line]) -> list[Line]:
    if len(row) >= 2 and _LIST_MARKER.match(row[0].text.strip()):
        marker, text = row[0], row[1]
        body = Line(marker.x0, text.x1, min(marker.top, text.top), max(marker.bottom, text.bottom), text.size,
                    f"{marker.text.strip()} {text.text}", hang=text.x0)
        return [body, *row[2:]]
    return row


def _columns_of_text(row: list[Line], width: float) -> bool:
    """Two lines side by side, each a third of the text's width or more: two columns of running
    text, not a table's row."""
    return len(row) == 2 and all(line.x1 - line.x0 >= width * 0.3 for line in row)


def _aligned_table(rows: list[list[Line]], start: int, join, width: float) -> tuple[Grid | None, int]:
    """A table without ruling lines: from a row of at least two short lines side by side, the
    rows below whose lines all fall in its columns (a row without a line in the first column
    wraps the cells of the row above); at least two rows."""
    first = rows[start]
    if len(first) < 2 or _columns_of_text(first, width):
        return None, start
    columns = [line.x0 for line in first]
    size = statistics.median(line.size for line in first)
    table = [[[line] for line in first]]
    end, bottom = start + 1, max(line.bottom for line in first)
    while end < len(rows):
        row = rows[end]
        places = [_column_of(line, columns, size) for line in row]
        if None in places or row[0].top - bottom > size * 1.5 or places[0] == 0 and len(row) < 2:
            break  # past the table: text across its columns, far below it, or alone in the first column
        if places[0] == 0:
            table.append([[] for _ in columns])
        for line, place in zip(row, places, strict=True):
            table[-1][place].append(line)
        bottom = max(line.bottom for line in row)
        end += 1
    if len(table) < 2:
        return None, start
    cells = [[join([line.text for line in cell]) for cell in row] for row in table]
    return Grid(cells, first[0].top, bottom), end


def _column_of(line: Line, columns: list[float], size: float) -> int | None:
    """The column `line` falls in: it starts after the column's start (a little before, for
    figures set flush right) and ends before the next column's."""
    tolerance = size * 0.8
    for index in range(len(columns) - 1, -1, -1):
        if line.x0 >= columns[index] - tolerance:
            following = columns[index + 1] if index + 1 < len(columns) else None
            return index if following is None or line.x1 <= following + tolerance else None
    return None


@dataclass(frozen=True)
class _Region:
    """A ruled table: its box, its column and row boundaries."""

    x0: float
    x1: float
    top: float
    bottom: float
    columns: tuple[float, ...]  # the vertical rulings inside, left to right
    rows: tuple[float, ...]  # the horizontal rulings, top to bottom

    def holds(self, line: Line) -> bool:
        return self.x0 - 1 <= (line.x0 + line.x1) / 2 <= self.x1 + 1 and self.top <= line.middle <= self.bottom

    def grid(self, lines: list[Line], join) -> Grid:
        bands: list[list[list[Line]]] = [[[] for _ in range(len(self.columns) + 1)] for _ in self.rows[1:]]
        for line in sorted(lines, key=lambda line: (line.top, line.x0)):
            band = max(0, sum(1 for y in self.rows[1:-1] if line.middle > y))
            column = sum(1 for x in self.columns if (line.x0 + line.x1) / 2 > x)
            bands[band][column].append(line)
        rows = [[join([line.text for line in cell]) for cell in band] for band in bands]
        return Grid([row for row in rows if any(row)], self.top, self.bottom)

    @property
    def is_table(self) -> bool:
        """A grid of at least two rows or two columns: a frame around one paragraph is no table."""
        return len(self.rows) >= 3 or len(self.rows) == 2 and bool(self.columns)


def _ruled_regions(rulings: Sequence[Ruling]) -> list[_Region]:
    """Tables drawn with ruling lines: at least two horizontal rulings of one width, with the
    vertical rulings between them as column boundaries."""
    horizontal = [r for r in _joined_segments([r for r in rulings if abs(r.y0 - r.y1) < 1.5]) if r.x1 - r.x0 > 20]
    vertical = [r for r in rulings if abs(r.x0 - r.x1) < 1.5 and abs(r.y1 - r.y0) > 5]
    groups: dict[tuple[int, int], list[float]] = {}
    for ruling in horizontal:
        key = next((k for k in groups if abs(k[0] - ruling.x0) <= 3 and abs(k[1] - ruling.x1) <= 3),
                   (round(ruling.x0), round(ruling.x1)))
        groups.setdefault(key, []).append(ruling.y0)
    regions = []
    for (x0, x1), ys in groups.items():
        edges = [r for r in vertical if x0 - 3 <= r.x0 <= x1 + 3]
        run: list[float] = []
        for y in sorted(_distinct(ys)):
            if run and not any(min(r.y0, r.y1) <= run[-1] + 2 and max(r.y0, r.y1) >= y - 2 for r in edges):
                regions.append(_region(x0, x1, run, edges))  # no border joins them: two tables, or none
                run = []
            run.append(y)
        regions.append(_region(x0, x1, run, edges))
    return [region for region in regions if region.is_table]


def _region(x0: float, x1: float, ys: list[float], edges: list[Ruling]) -> _Region:
    inner = [r.x0 for r in edges if x0 + 3 < r.x0 < x1 - 3 and min(r.y0, r.y1) < ys[-1] and max(r.y0, r.y1) > ys[0]]
    return _Region(x0, x1, ys[0], ys[-1], tuple(sorted(_distinct(inner))), tuple(ys))


def _joined_segments(horizontal: list[Ruling]) -> list[Ruling]:
    """Horizontal rulings drawn cell by cell (as browsers print tables) joined into one per line."""
    joined: list[Ruling] = []
    for ruling in sorted(horizontal, key=lambda r: (round(r.y0), r.x0)):
        last = joined[-1] if joined else None
        if last is not None and abs(last.y0 - ruling.y0) <= 1.5 and ruling.x0 <= last.x1 + 2:
            joined[-1] = Ruling(last.x0, max(last.x1, ruling.x1), last.y0, last.y0)
        else:
            joined.append(ruling)
    return joined


def _distinct(values: list[float], tolerance: float = 1.5) -> list[float]:
    kept: list[float] = []
    for value in sorted(values):
        if not kept or value - kept[-1] > tolerance:
            kept.append(value)
    return kept
