"""The shape of a Markdown briefing, defined once: `output.rendering` writes it, `check` (through
`reading.without_briefing_header`) and `memory import` (through `translation.reviewing`) read
it back, so that a change to one side cannot silently break the other."""

from __future__ import annotations

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
