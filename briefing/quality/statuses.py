"""The words of the QA contract, as types the checker, the reports, the renderers and the command
line share: a term's status, a figure's status, a segment's flags. Each is a `StrEnum`, so that a
value is its JSON string ("ok", "changed", "wrong_script") wherever it is written or compared."""

from __future__ import annotations

from enum import StrEnum


class TermStatus(StrEnum):
    OK = "ok"  # an approved form exactly as the glossary writes it
    MISSING = "missing"
    FORBIDDEN = "forbidden"
    VARIANT = "variant"  # found, but not as approved: admitted, misspelt, transliterated, untranslated
    FEWER = "fewer"  # named in the translation, but fewer times than in the source


class FigureStatus(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CHANGED = "changed"  # its digits, or its scale, unit, qualifier, month or time of day


class Flag(StrEnum):
    UNTRANSLATED = "untranslated"
    WRONG_SCRIPT = "wrong_script"
    EMPTY = "empty"
    UNALIGNED = "unaligned"  # a sentence of one text without a counterpart in the other
    CHECK_ERROR = "check_error"  # the checker itself failed on the segment: verify it by hand


class ReviewStatus(StrEnum):
    """Where a sentence of a briefing under review stands."""

    MACHINE = "machine"  # as the model (or the memory) gave it
    EDITED = "edited"  # changed by a reviewer, not yet confirmed
    CONFIRMED = "confirmed"  # a reviewer vouches for it: recorded in the memory as a human translation
