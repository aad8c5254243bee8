"""Localizing translated text with Babel (CLDR): dates, figures, digits and typography.

* Dates are written the locale's way: fr "9 mars 2025", ar_SY "٩ آذار ٢٠٢٥" (Levantine months).
* Figures the model copied in English notation ("1,000", "6.5") are rewritten with the locale's
  separators and digits — only those whose value the source confirms, so nothing ambiguous is
  ever rewritten. Babel gives the separators; the digits follow the locale's default numbering
  system (Arabic-Indic for ar_SY and ar_EG, Latin for ar and ar_MA) unless forced.
* Typography: French narrow no-break space before ; ! ? and inside « », no-break space before
  :, typographic apostrophe; Arabic comma, semicolon and question mark. Figures, times and
  glossary terms are left untouched.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from briefing.quality.figures import SourceFigures
from briefing.quality.numbers import OK, pair

Digits = Literal["locale", "latn", "arab"]  # the locale's digits, or Latin or Arabic-Indic ones forced

NNBSP, NBSP = "\u202f", "\u00a0"
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_TOKEN = re.compile(r"[^\s,;()\[\]«»\"']+")  # a word with what clings to it: "AK-47", "11.45pm", "1.5"
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_POINT_BETWEEN_DIGITS = re.compile(r"(?<=[\u0660-\u0669])\.(?=[\u0660-\u0669])")
_COMMA_BETWEEN_GROUPS = re.compile(r"(?<=[\u0660-\u0669]),(?=[\u0660-\u0669]{3}(?![\u0660-\u0669]))")
_PLAIN_FIGURE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+\.\d+$")  # years stay as they are


@dataclass(frozen=True)
class Localizer:
    locale: str
    digits: Digits = "locale"

    @property
    def language(self) -> str:
        return self.locale.split("_")[0]

    @property
    def arabic_digits(self) -> bool:
        if self.digits != "locale":
            return self.digits == "arab"
        return _numbering_system(self.locale) == "arab"

    def shape_digits(self, text: str) -> str:
        """Arabic-Indic digits where the locale writes them, with its own decimal and grouping
        marks (١٫٥, ١٢٬٥٠٠: one mark per locale, never ١.٥ beside ١٫٢); a token with Latin letters
        keeps its digits, since it is a name or a code, not a figure (AK-47, Su-24, A320, 11.45pm)."""
        if not self.arabic_digits:
            return text
        shaped = _TOKEN.sub(lambda m: m.group() if _LATIN_LETTER.search(m.group())
                            else m.group().translate(_ARABIC_DIGITS), text)
        shaped = _POINT_BETWEEN_DIGITS.sub("\u066b", shaped)
        return _COMMA_BETWEEN_GROUPS.sub("\u066c", shaped)

    def date(self, value: dt.date) -> str:
        from babel.dates import format_date

        text = format_date(value, "long", locale=self.locale)
        if value.day == 1 and self.language == "fr":
            text = text.replace("1", "1er", 1)  # "1er décembre 2026": French writes the first day as an ordinal
        return self.shape_digits(text)

    def number(self, value: float) -> str:
        from babel.numbers import format_decimal

        system = "arab" if self.arabic_digits and _has_system(self.locale, "arab") else "latn"
        text = format_decimal(value, locale=self.locale, numbering_system=system)
        return self.shape_digits(text)

    def language_name(self, code: str) -> str:
        from babel import Locale

        return Locale.parse(self.locale).languages.get(code.split("_")[0], code)

    def figures(self, source: SourceFigures, target: str) -> str:
        """Rewrite the target's English-notation figures that pair with a source figure."""
        replacements = []
        for check in pair(source, target, self.language):
            number = check.target
            if check.status != OK or number is None or number.written_as_word:
                continue
            if not _PLAIN_FIGURE.match(number.text) or len(check.source.values) != 1:
                continue
            (value,) = check.source.values
            if isinstance(value, float) and value in number.values:
                replacements.append((number.start, number.end, self.number(value)))
        for start, end, text in sorted(replacements, reverse=True):
            target = target[:start] + text + target[end:]
        return self.shape_digits(target) if self.arabic_digits else target

    def typography(self, text: str) -> str:
        if self.language == "fr":
            return french_typography(text)
        if self.language == "ar":
            return arabic_punctuation(text)
        return text

    def localize(self, source: SourceFigures, target: str) -> str:
        return self.typography(self.figures(source, target))


def prepare_locales(locales: Iterable[str]) -> None:
    """Read the locales' CLDR data and Babel's date formatting now: called while a model loads,
    the 40 ms they take the first time are not added after the translation."""
    import babel.dates  # noqa: F401  (its import looks up the local time zone: 20 ms)

    for locale in locales:
        _has_system(locale, _numbering_system(locale))


@cache
def _numbering_system(locale: str) -> str:
    from babel import Locale

    return Locale.parse(locale).default_numbering_system


@cache
def _has_system(locale: str, system: str) -> bool:
    from babel import Locale

    return system in Locale.parse(locale).number_symbols


def french_typography(text: str) -> str:
    text = re.sub(r"(?<=[^\W\d_])'(?=[^\W\d_])", "’", text)  # l'homme → l’homme
    text = re.sub(r'"\s*([^"]+?)\s*"', f"«{NNBSP}\\1{NNBSP}»", text)
    text = re.sub(rf"«[ {NBSP}{NNBSP}]*", f"«{NNBSP}", text)
    text = re.sub(rf"[ {NBSP}{NNBSP}]*»", f"{NNBSP}»", text)
    text = re.sub(rf"(?<=\S)[ {NBSP}{NNBSP}]*([;!?])", f"{NNBSP}\\1", text)
    text = re.sub(rf"(?<=[^\s\d])[ {NBSP}{NNBSP}]*:(?=\s|$)", f"{NBSP}:", text)  # never 11:35
    return text


def arabic_punctuation(text: str) -> str:
    """، ؛ ؟ next to Arabic words; commas and points inside figures or Latin text stay."""
    arabic = r"[\u0600-\u06ff]"
    text = re.sub(rf"(?<={arabic}),(?!\d)|,(?=\s*{arabic})(?<!\d,)", "،", text)
    text = re.sub(rf"(?<={arabic})\s*;|;(?=\s*{arabic})", "؛", text)
    text = re.sub(rf"(?<={arabic})\s*\?", "؟", text)
    return text
