"""The shape of a Markdown briefing, defined once: `output.rendering` writes it, `check` (through
`reading.without_briefing_header`) and `memory import` (through `translation.reviewing`) read
it back, so that a change to one side cannot silently break the other."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.sources.document import HEADING, ITEM, NUMBERED, QUOTE, Block

DETAILS_SEPARATOR = " · "  # between the parts of the details line: dates, source, languages
LANGUAGES_ARROW = " → "  # "English → Arabic", the last part of the details line
HEADER_PARAGRAPHS = 3  # the title, the details line, the machine-translation note
_MARKS = {HEADING: "## ", QUOTE: "> ", ITEM: "- ", NUMBERED: "1. "}  # CommonMark numbers "1." items itself
LIST_MARK = re.compile(r"(?:[-*+]|(\d{1,9})[.)])[ \t]+")  # a list item's marker, and a number's digits


_LIVE = re.compile(r"[\\<\[\]]")  # what starts HTML, a link or an image, and the escape itself
_ESCAPED = re.compile(r"\\([\\<\[\]|])")


def escaped(text: str) -> str:
    """Text the briefing did not write, inert in any Markdown renderer: a page's "<script>",
    "<img onerror=…>" or "[x](javascript:…)" shows as text, never as markup that runs."""
    return _LIVE.sub(lambda m: "\\" + m.group(), text)


def unescaped(text: str) -> str:
    """`escaped` undone (and a cell's escaped "|"), as CommonMark reads a backslash escape."""
    return _ESCAPED.sub(r"\1", text)


def header(title: str, details: str, note: str) -> list[str]:
    """The header's lines, a blank line after each paragraph."""
    return [f"# {escaped(title)}", "", escaped(details), "", f"*{escaped(note)}*", ""]


def body_line(kind: str, text: str) -> str:
    return _MARKS.get(kind, "") + escaped(text)


def body_text(paragraph: str) -> str:
    """A body paragraph's text without its Markdown mark."""
    for mark in (_MARKS[HEADING], _MARKS[QUOTE]):
        if paragraph.startswith(mark):
            return unescaped(paragraph[len(mark):])
    item = LIST_MARK.match(paragraph)
    return unescaped(paragraph[item.end():] if item else paragraph)


def has_header(blocks: Sequence[Block]) -> bool:
    """The blocks of a document read from Markdown begin with the header `header` writes."""
    return (len(blocks) > HEADER_PARAGRAPHS and blocks[0].kind == HEADING
            and LANGUAGES_ARROW.strip() in blocks[1].text and DETAILS_SEPARATOR in blocks[1].text
            and blocks[2].text.startswith("*") and blocks[2].text.endswith("*"))


_RULE_CELL = re.compile(r"\A:?-+:?\Z")  # GitHub: one hyphen is enough
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


_RULES = {"": "---", "left": ":---", "center": ":---:", "right": "---:"}


def table_lines(rows: Sequence[Sequence[str]], aligns: Sequence[str] = ()) -> list[str]:
    """A pipe table (GitHub's Markdown): the first row as its header, then the rule line with
    each column's alignment."""
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(escaped(cell).replace("|", "\\|") for cell in cells) + " |"

    width = max(len(row) for row in rows)
    rules = [_RULES.get(aligns[column] if column < len(aligns) else "", "---") for column in range(width)]
    return [line(rows[0]), "|" + "|".join(rules) + "|", *(line(row) for row in rows[1:])]


def table_rows(lines: Sequence[str]) -> list[list[str]] | None:
    """The rows of cell texts of a pipe table (its rule line left out), or None when `lines`
    are not one: every line starts and ends with "|", and the second is the rule line."""
    if len(lines) < 2 or not all(line.startswith("|") and line.rstrip().endswith("|") for line in lines):
        return None
    rows = [_cells(line) for line in lines]
    if not all(_RULE_CELL.match(cell.replace(" ", "")) for cell in rows[1]):
        return None
    return [rows[0], *rows[2:]]


def column_alignments(lines: Sequence[str]) -> list[str]:
    """Each column's alignment ("left", "center", "right" or "") from a pipe table's rule line."""
    def alignment(rule: str) -> str:
        rule = rule.replace(" ", "")
        return {(True, True): "center", (True, False): "left", (False, True): "right"}.get(
            (rule.startswith(":"), rule.endswith(":")), "")

    return [alignment(cell) for cell in _cells(lines[1])]


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [unescaped(cell.strip()) for cell in _CELL_SEPARATOR.split(inner)]
