"""The report date of a source, from a line that holds only a date, in the common English and
French forms: "March 9, 2025", "Sun, Mar. 9, 2025", "9 March 2025", "9 mars 2025", "1er mars
2025", "2025-03-09", optionally after "Date:" or "Published". Month and weekday names come from
Babel (CLDR), so "févr." and "Sept." are read as the locales write them.

Babel's own parse_date reads one locale's numeric pattern and would take "3/9/2025" as either
order; a wire dateline is never numeric-ambiguous like that, so only ISO and named months count.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

_PREFIX = r"(?:(?:date|dated|published|updated|publié le|mis à jour le)\s*[:=]?\s*)?"
_ISO = re.compile(rf"^{_PREFIX}(\d{{4}})-(\d{{2}})-(\d{{2}})$", re.IGNORECASE)
_WEEKDAY = r"(?:([^\W\d_]+)\.?,?\s+)?"
_DAY_FIRST = re.compile(  # 9 March 2025, dim. 9 mars 2025, 1er mars 2025
    rf"^{_PREFIX}{_WEEKDAY}(\d{{1,2}})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{{4}})$", re.IGNORECASE)
_MONTH_FIRST = re.compile(  # March 9, 2025, Sun, Mar. 9, 2025
    rf"^{_PREFIX}{_WEEKDAY}([^\W\d_]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


@cache
def _names() -> tuple[dict[str, int], set[str]]:
    """Month names (wide and abbreviated, en and fr) → month number; weekday names."""
    from babel.dates import get_day_names, get_month_names

    months: dict[str, int] = {"sept": 9}
    days: set[str] = set()
    for locale in ("en", "fr"):
        for width in ("wide", "abbreviated"):
            months |= {_fold(name): number for number, name in get_month_names(width, locale=locale).items()}
            days |= {_fold(name) for name in get_day_names(width, locale=locale).values()}
    return months, days


def parse_date_line(line: str) -> dt.date | None:
    """The date a line holds, when it holds nothing else; None otherwise."""
    line = " ".join(line.replace("\u00a0", " ").split()).strip()
    if not line or len(line) > 60 or not any(ch.isdigit() for ch in line):
        return None
    if match := _ISO.match(line):
        year, month, day = (int(g) for g in match.groups())
        return _date(year, month, day)
    months, days = _names()
    if match := _DAY_FIRST.match(line):
        weekday, day, month, year = match.groups()
    elif match := _MONTH_FIRST.match(line):
        weekday, month, day, year = match.groups()
    else:
        return None
    if weekday is not None and _fold(weekday) not in days:
        return None
    number = months.get(_fold(month))
    return _date(int(year), number, int(day)) if number else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
