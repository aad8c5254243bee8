"""The shape of a Markdown briefing, defined once: `output.rendering` writes it, `check` (through
`reading.without_briefing_header`) and `memory import` (through `translation.reviewing`) read
it back, so that a change to one side cannot silently break the other."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.sources.document import HEADING, QUOTE, Block

DETAILS_SEPARATOR = " · "  # between the parts of the details line: dates, source, languages
LANGUAGES_ARROW = " → "  # "English → Arabic", the last part of the details line
HEADER_PARAGRAPHS = 3  # the title, the details line, the machine-translation note
_MARKS = {HEADING: "## ", QUOTE: "> "}


def header(title: str, details: str, note: str) -> list[str]:
    """The header's lines, a blank line after each paragraph."""
    return [f"# {title}", "", details, "", f"*{note}*", ""]


def body_line(kind: str, text: str) -> str:
    return _MARKS.get(kind, "") + text


def body_text(paragraph: str) -> str:
    """A body paragraph's text without its Markdown mark."""
    for mark in _MARKS.values():
        if paragraph.startswith(mark):
            return paragraph[len(mark):]
    return paragraph


def has_header(blocks: Sequence[Block]) -> bool:
    """The blocks of a document read from Markdown begin with the header `header` writes."""
    return (len(blocks) > HEADER_PARAGRAPHS and blocks[0].kind == HEADING
            and LANGUAGES_ARROW.strip() in blocks[1].text and DETAILS_SEPARATOR in blocks[1].text
            and blocks[2].text.startswith("*") and blocks[2].text.endswith("*"))


_RULE_CELL = re.compile(r"\A:?-{3,}:?\Z")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """A pipe table (GitHub's Markdown): the first row as its header, then the rule line."""
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    width = max(len(row) for row in rows)
    return [line(rows[0]), "|" + "|".join(["---"] * width) + "|", *(line(row) for row in rows[1:])]


def table_rows(lines: Sequence[str]) -> list[list[str]] | None:
    """The rows of cell texts of a pipe table (its rule line left out), or None when `lines`
    are not one: every line starts and ends with "|", and the second is the rule line."""
    if len(lines) < 2 or not all(line.startswith("|") and line.rstrip().endswith("|") for line in lines):
        return None
    rows = [_cells(line) for line in lines]
    if not all(_RULE_CELL.match(cell.replace(" ", "")) for cell in rows[1]):
        return None
    return [rows[0], *rows[2:]]


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR.split(inner)]
