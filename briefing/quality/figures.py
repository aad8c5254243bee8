"""Reading figures out of text, per language, as *sets of possible values*.

A figure can be written many ways: 1,000 / 1 000 / ١٬٠٠٠ / 1000 / mille; 6.5 / 6,5; 11:35 pm /
23 h 35; 60th / 60e; XIXe; nine / neuf / تسعة; 2.3 billion / 2,3 milliards. Each mention gets
every value it can stand for (an ambiguous "1,000" in a French text is 1000 or 1.0). Source
texts are read strictly (the language's own conventions), translations leniently.

Babel has number *formatting* and a locale-strict parser; neither reads the mixed, messy
notations that real translations contain, nor number words, so this module does the reading.
Identifiers that mix letters and digits (H5N1, COVID-19) are read apart: their digits must
survive verbatim.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter

from briefing.quality import quantities
from briefing.quality.number_words import (
    APPROXIMATE,
    CONNECTORS,
    DENOMINATORS,
    FRACTION_WORDS,
    HUNDRED,
    ORDINAL_WORDS,
    SCALES,
    UNCHECKED_WORDS,
    UNITS,
    arabic_stem,
    fold_aligned,
    fold_word,
)

_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
_SPACE_SEPARATORS = "\u00a0\u202f\u2009 "
_FIGURE_START = r"(?:(?<![\d.,])|(?<=[^\W\d_][.,]))"  # not inside a figure; "distance.125" is a typo
_NUMBER = re.compile(
    rf"{_FIGURE_START}{_DIGIT}+(?:(?:[,.'’\u066b\u066c\u060c]|[{_SPACE_SEPARATORS}](?={_DIGIT}{{3}}(?!{_DIGIT})))"
    rf"{_DIGIT}+)*"
)
_ENGLISH_NUMBER = re.compile(rf"{_FIGURE_START}{_DIGIT}+(?:[,.'’]{_DIGIT}+)*")  # no grouping by spaces
_NUMERIC_DATE = re.compile(  # 20.12.2012, 9/11/2001
    rf"(?<![\d.,/])({_DIGIT}{{1,2}})([./-])({_DIGIT}{{1,2}})\2({_DIGIT}{{4}}|{_DIGIT}{{2}})(?![\d.,/])")
_HALVES = {  # "an hour and a half": durations with a half written in words
    "fr": re.compile(r"\b(une|deux|trois|quatre|cinq|six)\s+heures?\s+et\s+demie?\b", re.I),
    "ar": re.compile(r"(ساعة|ساعتين|ساعتان)\s+و\s?نصف"),
    "en": re.compile(r"\b(an|one|two|three|four|five|six)\s+(?:and\s+a\s+half\s+hours?|hours?\s+and\s+a\s+half)\b",
                     re.I),
}
_HALF_BASE = {"une": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
              "cinq": 5, "five": 5, "six": 6, "ساعة": 1, "ساعتين": 2, "ساعتان": 2}
_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|local time|hrs|hours\b|h\b)"
_TIME = {
    "en": re.compile(
        rf"(?<![\w.,])({_DIGIT}{{1,2}})(?::({_DIGIT}{{2}})(?:\s*([ap])\.?\s?m\b\.?)?"
        rf"|\.({_DIGIT}{{2}})(?=\s*(?:[ap]\.?\s?m\b|{_ZONE}))(?:\s*([ap])\.?\s?m\b\.?)?)", re.I),
    "fr": re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}})\s?(?:h|heures?\b|:)\s?({_DIGIT}{{2}})?(?!\w)"),
    "ar": re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}}):({_DIGIT}{{2}})"),
}
_EN_PLAIN_TIME = re.compile(rf"(?<!\w)({_DIGIT}{{1,2}})\s*([ap])\.?\s?m\b\.?", re.I)
_MILITARY_TIME = re.compile(  # 1200 GMT, 0930 hrs
    r"(?<![\w.,])([01]\d|2[0-3])([0-5]\d)(?=\s*(?:GMT|UTC|BST|CET|hrs|hours|local time|heures?\b|h\b|بتوقيت))")
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_FRACTION = re.compile(rf"(?<![\w/])([1-9])/([2-9]|10)(?![\w/])|[{_VULGAR}]")
_ORDINAL_SUFFIX = {
    "en": ("st", "nd", "rd", "th", "s"),
    "fr": ("e", "er", "re", "ère", "ème", "eme", "nd", "nde", "es", "è"),
    "ar": (),
}
_ROMAN = re.compile(r"\b(?!L\b|C\b|L(?=e)|C(?=e))([IVXLC]{1,7})(?:e|er|ème)\b")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SCALE_WORD = re.compile(r"[ \t\u00a0\u202f-]*\+?[ \t\u00a0\u202f]*(?:de[ \t\u00a0\u202f]+)?([^\W\d_]+)")
_RANGE_TAIL = re.compile(
    rf"[ \t\u00a0\u202f]*(?:-|–|—|to|and|à|a|et|ou|or|إلى|الى|و|حتى)[ \t\u00a0\u202f]*"
    rf"(?:\$|€|£)?{_DIGIT}+(?:[.,\u066b]{_DIGIT}+)*",
    re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    text: str
    start: int
    end: int
    values: frozenset
    written_as_word: bool = False
    code: bool = False  # an identifier (H5N1, MS804, COVID-19): its digits must survive verbatim
    scaled: bool = False  # a scale word is written with it (million, milliard, bn)
    around: _Around | None = field(default=None, compare=False, repr=False)  # what surrounds it, read when asked
    index: int = field(default=0, compare=False, repr=False)

    @property
    def quantity(self) -> quantities.Quantity:
        """Its scale, unit and qualifier: read, for every figure of its text at once, the first
        time a figure of the text is asked (a translation's figures mostly never are)."""
        return self.around.quantities[self.index] if self.around is not None else _PLAIN


class _Around:
    """The words around a text's figures, read on demand: most figures of a translation pair
    with a source figure that has no qualifier, unit or scale, and are never asked."""

    def __init__(self, text: str, lang: str, read: list) -> None:
        self.text, self.lang, self.read = text, lang, read

    @functools.cached_property
    def quantities(self) -> list[quantities.Quantity]:
        folded = fold_aligned(self.text)  # the words around every figure are read from one fold of the text
        found = [_described(start, end, self.text, folded, self.lang, dict(known))
                 for start, end, _values, _word, known in self.read]
        if len(found) > 1:
            found = quantities.propagate([(start, end) for start, end, *_ in self.read], found, self.text,
                                         _RANGE_TAIL)
        return found




_LOCALE_DIGITS = {"ar": ("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
                         "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9")}
_LATIN_DIGITS = ("0123456789",)
_RIGHT_TO_LEFT_OVERRIDE = re.compile("\u202e([^\u202c\n]*)")  # to its PDF, or the end of the paragraph
_DIGIT_RUN = re.compile(r"\d+(?:[.,'’\u066b\u066c\u00a0\u202f]\d+)*")  # \d: every decimal digit of Unicode
UNSEEN = "\ufffd"  # stands for a digit a reader would not read as the figure's


def as_seen(text: str, lang: str) -> str:
    """The text as a reader sees its figures, letter for letter and of the same length: digits
    under a right-to-left override in the order they show (\u202e745 shows 547), and a digit of
    no system the target's locale writes (Devanagari, superscript, mathematical, full-width), or
    of a figure that mixes two systems (7٤5), replaced by U+FFFD. A figure so written is not the
    source's, whatever its digits' values: `ascii_digits` would read every one of them."""
    if text.isascii():
        return text
    if "\u202e" in text:
        text = _RIGHT_TO_LEFT_OVERRIDE.sub(lambda m: "\u202e" + m.group(1)[::-1], text)
    systems = _LOCALE_DIGITS.get(lang.split("_")[0], _LATIN_DIGITS)
    def foreign(index: int, ch: str) -> bool:  # a unit's power (km², m³) is no figure
        return (ch.isdigit() and not any(ch in system for system in systems)
                and not (ch in "¹²³" and index and text[index - 1].isalpha()))

    if any(foreign(i, ch) for i, ch in enumerate(text)):
        text = "".join(UNSEEN if foreign(i, ch) else ch for i, ch in enumerate(text))

    def one_system(match: re.Match) -> str:
        digits = [ch for ch in match.group() if ch.isdigit()]
        if len({next((i for i, s in enumerate(systems) if ch in s), -1) for ch in digits}) <= 1:
            return match.group()
        return "".join(UNSEEN if ch.isdigit() else ch for ch in match.group())

    return _DIGIT_RUN.sub(one_system, text)


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)




def _numeric_values(token: str, lang: str, strict: bool) -> set[float]:
    """Values of a digit string with separators, by the conventions of `lang`.

    Strict (a source text): the language's own conventions only. Lenient (a translation): any
    separator followed by exactly three digits may be grouping, the last one a decimal mark.
    """
    text = ascii_digits(token).replace("\u066c", ",").replace("\u060c", ",").replace("\u066b", ".")
    text = text.replace("’", "'")
    for space in _SPACE_SEPARATORS:
        text = text.replace(space, " ")
    parts = re.split(r"([,.' ])", text)
    digits, separators = parts[0::2], parts[1::2]
    if not separators:
        return {float(text)}
    decimal_mark = {"en": ".", "fr": ",", "ar": "."}.get(lang, ".")
    values = set()
    grouped = all(len(group) == 3 for group in digits[1:])
    if grouped and (not strict or all(sep != decimal_mark for sep in separators)):
        values.add(float("".join(digits)))
    last = separators[-1]
    if last in ",." and (not strict or last == decimal_mark):
        head = digits[:-1]
        if len(head) == 1 or all(len(group) == 3 for group in head[1:]):
            values.add(float("".join(head) + "." + digits[-1]))
    if not values:  # e.g. "1995-96" never gets here; "3.14.15" does: keep the digit runs
        values.update(float(group) for group in digits)
    return values


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for ch in reversed(text):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total < 400 else None


def _scale_after(text: str, end: int, lang: str) -> tuple[float, int] | None:
    """The scale word right after a figure ("2.3 billion", "300+ billion", "2,3 milliards de"),
    with the offset where it ends."""
    match = _SCALE_WORD.match(text, end)
    if match is None:
        return None
    word = fold_word(match.group(1))
    factor = SCALES.get(lang, {}).get(arabic_stem(word) if lang == "ar" else word)  # بمليار, ومليون
    return (factor, match.end()) if factor else None


_ABBREVIATIONS = set("mMkKbB")  # the first letter of an abbreviated scale: $5m, £2bn, 4,2 Md€


def _range_scale(text: str, end: int, lang: str) -> tuple[float, str] | None:
    """"4.2-3.9 million", "2 à 3 milliards": the scale word of a range applies to both ends
    (its factor and words)."""
    match = _RANGE_TAIL.match(text, end)
    if match is None:
        return None
    scaled = _scale_after(text, match.end(), lang) or quantities.money_scale(text, match.start(), match.end())
    return (scaled[0], text[match.end() : scaled[1]].strip()) if scaled else None


def extract(text: str, lang: str, strict: bool = False) -> list[Number]:
    """Every figure in `text`: times, digits (with ordinals and scale words), fractions, Roman
    centuries, number words. An earlier reading of a span wins over a later one. A translation
    is read more than once (to localize its figures, then to check them): the last readings
    are kept."""
    return list(_extracted(text, lang.split("_")[0], strict))


@functools.lru_cache(maxsize=4096)
def _extracted(text: str, lang: str, strict: bool) -> tuple[Number, ...]:
    read: list[tuple[int, int, set, bool, dict]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, values: set, word: bool = False, **quantity) -> None:
        """Read text[start:end] as a figure; with no values, only reserve the span. `quantity`:
        what the reading already knows of its scale or unit."""
        if not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            if values:
                read.append((start, end, values, word, quantity))

    for match in _HALVES.get(lang, _HALVES["en"]).finditer(text):
        hours = _HALF_BASE[match.group(1).casefold()] + 0.5
        add(match.start(), match.end(), {hours, ("time", round(hours * 60))}, True)
    _times(text, lang, add)
    if any(hint in text for hint in _FEET_HINTS):
        _compound_lengths(text, lang, add)
    _phone_numbers(text, add)
    _world_wars(text, add)
    _numeric_dates(text, add)
    _fractions(text, add)
    _digit_figures(text, lang, strict, add)
    if lang == "fr":
        for match in _ROMAN.finditer(text):
            value = _roman(match.group(1))
            if value:
                add(match.start(), match.end(), {float(value)})
    _number_words(text, lang, add, strict)
    if not read:
        return ()
    read.sort(key=itemgetter(0))
    around = _Around(text, lang, read)
    return tuple(Number(text[start:end], start, end, frozenset(values), word, scaled="scale_text" in known,
                        around=around, index=index)
                 for index, (start, end, values, word, known) in enumerate(read))


def _described(start: int, end: int, text: str, folded: str, lang: str, known: dict) -> quantities.Quantity:
    """What surrounds the figure text[start:end]: its qualifier and unit (unless its reading
    set them), with what its reading knows (`known`: its scale)."""
    family, words = quantities.qualifier(text, folded, start, end, lang)
    if known.pop("approximate", False) and not family:  # une vingtaine, un millier: about 20, about 1,000
        family, words = "about", text[start:end]
    if "units" in known:
        unit_ids, unit_text, implicit = known.pop("units"), known.pop("unit_text"), False
    else:
        unit_ids, unit_text, implicit = quantities.units(text, folded, start, end, lang)
    if not unit_ids and known.get("scale_text"):  # "8,733 milles": thousands, or miles
        unit_ids, unit_text = quantities.unit_of_word(known["scale_text"], lang), known["scale_text"]
    if family or unit_ids or known:
        return quantities.Quantity(family, words, unit_ids, unit_text, implicit, **known)
    return _PLAIN  # most figures: nothing around them, one shared value


_PLAIN = quantities.Quantity()


def _time_values(hours: int, minutes: int, meridiem: str, written_minutes: bool, twelve_hour: bool = True) -> set:
    """A clock time's readings, in minutes since midnight: one when its half of the day is
    written (pm, مساء, du soir) or the language counts 24 hours (French), both halves when not."""
    if meridiem and hours <= 12:
        hours = hours % 12 + (12 if meridiem == "p" else 0)
        return {("time", hours * 60 + minutes)}
    values: set = {("time", hours * 60 + minutes)}
    if twelve_hour and hours < 12:
        values.add(("time", (hours + 12) * 60 + minutes))
    if minutes == 0 and not written_minutes:  # "10 heures" may be a duration, "the tenth hour" a word
        values.add(float(hours))
    return values


def _times(text: str, lang: str, add) -> None:
    """11:35 pm, 12.00 GMT, 1200 GMT, 23 h 35, 10 heures, 9am: minutes since midnight, with the
    12-hour reading when unsure."""
    if lang == "ar":  # before the plain clock reading: "9:30 مساء" is in the evening
        _arabic_times(text, add)
    if lang != "en":  # a time the model copied in English notation ("11.45pm", "9 a.m."): the same time
        _meridiem_times(text, add)
    for match in _MILITARY_TIME.finditer(text):
        values = _time_values(int(match.group(1)), int(match.group(2)), "", True)
        add(match.start(), match.end(2), values | {float(match.group(1) + match.group(2))})
    for match in _TIME.get(lang, _TIME["ar"]).finditer(text):
        groups = [g for g in match.groups()]
        hours = int(ascii_digits(groups[0]))
        minute_text = groups[1] if lang != "en" else (groups[1] or groups[3])
        minutes = int(ascii_digits(minute_text)) if minute_text else 0
        meridiem = ((groups[2] or groups[4] or "") if lang == "en" else "").lower()
        if hours > 24 or minutes > 59:
            continue
        meridiem = meridiem or quantities.day_period(text, match.end(), lang, hours)
        add(match.start(), match.end(),
            _time_values(hours, minutes, meridiem, minute_text is not None, twelve_hour=lang != "fr"))
    if lang == "en":
        _oclock(text, add)
        _plain_meridiem_times(text, add)


def _meridiem_times(text: str, add) -> None:
    """English clock times written with am or pm, in a text of another language."""
    for match in _TIME["en"].finditer(text):
        meridiem = (match.group(3) or match.group(5) or "").lower()
        minutes = match.group(2) or match.group(4)
        hours = int(ascii_digits(match.group(1)))
        if meridiem and hours <= 12 and minutes and int(ascii_digits(minutes)) <= 59:
            add(match.start(), match.end(), _time_values(hours, int(ascii_digits(minutes)), meridiem, True))
    _plain_meridiem_times(text, add)


def _plain_meridiem_times(text: str, add) -> None:
    """9am, 11 p.m.: an hour with its half of the day."""
    for match in _EN_PLAIN_TIME.finditer(text):
        hours = int(ascii_digits(match.group(1)))
        if hours <= 12:
            add(match.start(), match.end(), _time_values(hours, 0, match.group(2).lower(), True))


_AR_PERIOD = r"\s*(صباح|مساء|ظهر|فجر|ليل|عصر)[اًء]*"
_AR_TIME = re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}})(?:[:.]({_DIGIT}{{2}}))?{_AR_PERIOD}")
_AR_HOUR = re.compile(rf"(?<=الساعة)\s*({_DIGIT}{{1,2}})(?:[:.]({_DIGIT}{{2}}))?(?!{_DIGIT}|[.,]{_DIGIT})")
_AR_WORD_HOUR = re.compile(rf"(?<=الساعة)\s+(\w+)(\s+عشرة?)?(?:{_AR_PERIOD})?")  # الساعة الخامسة صباحا
_AR_MERIDIEM = {"صباح": "a", "فجر": "a", "مساء": "p", "ظهر": "p", "ليل": "p", "عصر": "p"}
_EN_OCLOCK = re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}})\s*o['’]\s?clock\b", re.I)


def _arabic_times(text: str, add) -> None:
    """7.55 صباحا, 9 مساءً, الساعة 4, الساعة الخامسة صباحا: the hour, in the morning or the evening."""
    for pattern in (_AR_TIME, _AR_HOUR):
        for match in pattern.finditer(text):
            hours = int(ascii_digits(match.group(1)))
            minutes = int(ascii_digits(match.group(2))) if match.group(2) else 0
            meridiem = _AR_MERIDIEM.get(match.group(3), "") if pattern is _AR_TIME else ""
            if hours <= 24 and minutes <= 59:
                add(match.start(1), match.end(2) if match.group(2) else match.end(1),
                    _time_values(hours, minutes, meridiem, match.group(2) is not None))
    for match in _AR_WORD_HOUR.finditer(text) if "الساعة" in text else ():
        hours = ORDINAL_WORDS["ar"].get(arabic_stem(fold_word(match.group(1))))
        if hours and hours <= 10:
            hours += 10 if match.group(2) else 0
            meridiem = _AR_MERIDIEM.get(match.group(3) or "", "")
            add(match.start(1), match.end(2) or match.end(1), _time_values(hours, 0, meridiem, True), True)


def _oclock(text: str, add) -> None:
    """"10 o'clock this morning": the hour, in the half of the day the words after it say."""
    if "clock" not in text:
        return
    for match in _EN_OCLOCK.finditer(text):
        hours = int(ascii_digits(match.group(1)))
        if hours <= 12:
            meridiem = quantities.day_period(text, match.end(), "en", hours)
            add(match.start(), match.end(), _time_values(hours, 0, meridiem, True) | {float(hours)})


_PHONE = re.compile(rf"(?<![\w.,+])(?:\+{_DIGIT}{{1,3}}|0{_DIGIT}{{0,4}}|\(0?{_DIGIT}{{1,4}}\))"
                    rf"(?:[ .-]{_DIGIT}{{2,4}}){{2,7}}(?![\w,]|\.{_DIGIT})")
_WORLD_WAR = re.compile(r"\bWW(I{1,2}|[12])\b")


_FEET_INCHES = {
    "en": re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}})(?:\s*-\s*|\s+)(?:foot|feet|ft)(?:\s*-\s*|\s+)({_DIGIT}{{1,2}})"
                     rf"(?:(?:\s*-\s*|\s+)(?:inches|inch|in\b))?(?![\w.,]{_DIGIT})"
                     rf"|(?<![\w.,])({_DIGIT})\s?['’′]\s?({_DIGIT}{{1,2}})\s?(?:[\"”″]|'')", re.I),
    "fr": re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}})\s+pieds?\s+(?:et\s+)?({_DIGIT}{{1,2}})(?:\s+pouces?)?"
                     rf"(?![\w.,]{_DIGIT})", re.I),
    "ar": re.compile(rf"(?<![\w.,])({_DIGIT}{{1,2}})\s+(?:أقدام|قدم|قدما)\s+و\s?({_DIGIT}{{1,2}})"
                     r"(?:\s+(?:بوصة|بوصات|إنش|إنشات))?"),
}


_FEET_HINTS = ("foot", "feet", "ft", '"', "″", "”", "pied", "قدم", "أقدام")  # 6'2" needs its inch mark


def _compound_lengths(text: str, lang: str, add) -> None:
    """6-foot-6, 5 feet 10 inches, 6'2": one height, in inches (a translation writes 1,98 m)."""
    pattern = _FEET_INCHES.get(lang)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        feet, inches = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        total = int(ascii_digits(feet)) * 12 + int(ascii_digits(inches))
        add(match.start(), match.end(), {float(total)}, units=frozenset({"in"}), unit_text="ft+in")


def _phone_numbers(text: str, add) -> None:
    """0800 555 111, +44 20 7946 0958, 01.23.45.67.89: one figure of its digits, whatever the
    grouping (a translation may regroup them, never change one)."""
    for match in _PHONE.finditer(text):
        digits = ascii_digits(re.sub(r"\D", "", match.group()))
        if 7 <= len(digits) <= 15:
            add(match.start(), match.end(), {("digits", digits)})


def _world_wars(text: str, add) -> None:
    """WW1, WWII: the ordinal of the war (la Première Guerre mondiale, الحرب العالمية الثانية)."""
    for match in _WORLD_WAR.finditer(text):
        number = match.group(1)
        add(match.start(), match.end(), {float(len(number) if number.startswith("I") else int(number))})


def _numeric_dates(text: str, add) -> None:
    """20.12.2012, 9/11/2001: day and year are figures; the month may come back as a word."""
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(ascii_digits(match.group(1))), int(ascii_digits(match.group(3)))
        if not (1 <= day <= 31 and 1 <= month <= 31):
            continue
        for group in (1, 3, 4):
            values = {float(ascii_digits(match.group(group)))}
            if group == 3:
                values = set()  # the month: reserved, not checked (décembre, كانون الأول)
            add(match.start(group), match.end(group), values)


def _fractions(text: str, add) -> None:
    """½, 29¾, 1/2: the value of the fraction (and of the whole number before a vulgar one)."""
    for match in _FRACTION.finditer(text):
        if match.group(1):
            add(match.start(), match.end(), {int(match.group(1)) / int(match.group(2))})
            continue
        fraction = unicodedata.numeric(match.group())
        before = text[max(0, match.start() - 12) : match.start()]
        whole_match = re.search(rf"({_DIGIT}+)[ \u00a0\u202f\u2009]?$", before)
        start = match.start() - len(whole_match.group()) if whole_match else match.start()
        whole = float(ascii_digits(whole_match.group(1))) if whole_match else 0.0
        add(start, match.end(), {whole + fraction})


def _digit_figures(text: str, lang: str, strict: bool, add) -> None:
    """Figures in digits, with their ordinal suffix (60th, 60e) and scale word (2.3 billion)."""
    for match in (_ENGLISH_NUMBER if lang == "en" else _NUMBER).finditer(text):
        token = match.group().rstrip(",.'’ \u00a0\u202f\u2009\u066b\u066c\u060c")
        if not token:
            continue
        start = match.start()
        end = _figure_end(text, start, start + len(token), lang)
        if end is None:
            continue
        values = _with_readings(_numeric_values(token, lang, strict), text, token, start, end, lang)
        if start and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum()):
            values |= {-v for v in values if isinstance(v, float)}  # -18 °C: the sign, for conversions
        scaled = _scale_after(text, end, lang) or (text[end : end + 2].strip()[:1] in _ABBREVIATIONS
                                                    and quantities.money_scale(text, start, end))
        known = {}
        if scaled:
            base = {v for v in values if isinstance(v, float)}
            if not strict and scaled[0] >= 1e6 and any(not v.is_integer() for v in base):  # "1,716 million": 1.716
                base = {v for v in base if not v.is_integer()}
            amounts = {v * scaled[0] for v in base}
            known = {"scale_text": text[end : scaled[1]].strip(" \t\u00a0\u202f-+"), "amounts": frozenset(amounts)}
            values |= amounts
            end = scaled[1]  # the scale word is part of the figure
        elif (range_scale := _range_scale(text, end, lang)) is not None:
            factor, words = range_scale
            amounts = {v * factor for v in values if isinstance(v, float)}
            known = {"scale_text": words, "amounts": frozenset(amounts)}
            values |= amounts
        add(start, end, values, **known)


def _figure_end(text: str, start: int, end: int, lang: str) -> int | None:
    """Where the figure of digits text[start:end] ends, its ordinal suffix included (60th,
    60e); None when the digits are part of an identifier (A1, COVID-19, 39C, 3D)."""
    if _latin_before(text, start):
        return None  # checked as a code
    suffix = re.match(r"[^\W\d_]+", text[end:])
    if suffix is None:
        return end
    if suffix.group().casefold() in _ORDINAL_SUFFIX.get(lang, ()):
        return end + len(suffix.group())
    return end if _unit_glued(suffix.group()) else None


def _with_readings(values: set, text: str, token: str, start: int, end: int, lang: str) -> set:
    """The values the words around a figure add: 2 millions et demi, and the English ones."""
    if lang == "en":
        return _english_readings(values, text, token, start, end)
    if lang == "fr" and re.match(r"\s(?:\S+\s)?et demie?\b", text[end:]):
        return values | {v + 0.5 for v in values}
    if lang == "fr" and re.match(r"\s+heures?\b", text[end:]):  # la 4e heure: 04:00
        return values | {("time", round(v) * 60) for v in values if v <= 24}
    return values


def _english_readings(values: set, text: str, token: str, start: int, end: int) -> set:
    """The '80s (les années 1980), 1.5 hours (1 h 30), the 1960s (les années 60, الستينيات),
    the 1800s (le XIXe siècle)."""
    elided = start > 0 and text[start - 1] in "'’"  # '53: 1953
    if len(token) == 2 and (re.match(r"’?'?s\b", text[start + 2 :]) or elided):
        values = values | {1900 + v for v in values} | {2000 + v for v in values}
    if re.match(r"[\s-]hours?\b", text[end:]):
        values = values | {("time", round(v * 60)) for v in values}
    if re.search(r"\b(?:last|round of)\s+$", text[max(0, start - 10) : start]):  # the last 16: les 8es de finale
        values = values | {v / 2 for v in values if v in (4, 8, 16, 32, 64)}
    numbers = {v for v in values if not isinstance(v, tuple)}  # not the ("time", minutes) of "1800s hours"
    if text[end - 1 : end] == "s" and numbers and min(numbers) >= 1000:
        decades = {v % 100 for v in numbers if v % 100}
        centuries = {v // 100 + 1 for v in numbers if v % 100 == 0}
        values = values | decades | centuries
    return values


def _latin_before(text: str, start: int) -> bool:
    """A1, G20, COVID-19: digits glued to Latin letters (Arabic clitics such as بـ76 are fine,
    and so are French and English compounds: l'après-11 septembre, mid-2020)."""
    before = text[start - 1] if start > 0 else ""
    if before == "-" and start > 1:
        word = re.search(r"[^\W\d_]+$", text[max(0, start - 40) : start - 1])
        if word and len(word.group()) >= 3 and word.group().islower():
            return False
        before = text[start - 2]
    return before.isalpha() and before.isascii()


def _unit_glued(letters: str) -> bool:
    """A unit or scale glued to a figure (10km, £11million, $5bn), not the letters of an identifier."""
    return letters.casefold() in {"km", "kg", "m", "cm", "mm", "km/h", "kmh", "mph", "g", "l", "h", "min", "s",
                                  "ms", "mw", "kw", "gw", "mb", "gb", "tb", "bn", "k", "ft", "lb", "lbs", "mi",
                                  "million", "billion", "trillion", "mn", "mln", "tn", "md", "mds", "mrd", "kms",
                                  "millions", "milliard", "milliards"}


_Word = tuple[int, int, str]  # start, end, folded spelling
_COUNTLESS = ("thousands", "milliers", "الاف", "millions", "billions", "ملايين")  # "thousands of people"


def _number_words(text: str, lang: str, add, strict: bool = False) -> None:
    """Figures written in words: ordinals (fifth, الخامس عشر, الرابع والثلاثون), approximations
    (une dizaine), compounds of units, hundreds and scales (twenty-three thousand, ثلاثة وعشرون),
    fractions (two thirds, ثلاثة أرباع; in a translation also la moitié, ثلثا)."""
    words: list[_Word] = []
    for match in _WORD.finditer(text):
        offset = match.start()
        for part in match.group().split("-"):
            words.append((offset, offset + len(part), fold_word(part)))
            offset += len(part) + 1
    known, arabic = _number_stems(lang), lang == "ar"
    index = 0
    while index < len(words):
        word = words[index][2]
        if word not in known and (not (arabic or word.endswith(_ORDINAL_TAILS)) or _stem(word, lang) not in known):
            index += 1  # no number starts here, as at most words
            continue
        index = (_ordinal_at(words, index, lang, add) or (None if strict else _fraction_at(words, index, lang, add))
                 or _number_word_at(words, index, lang, add))


@functools.cache
def _number_stems(lang: str) -> frozenset[str]:
    """Every stem a figure in words may start with: ordinals, approximations, fractions, units,
    hundreds and scales."""
    tables = (ORDINAL_WORDS, APPROXIMATE, FRACTION_WORDS, UNITS, HUNDRED, SCALES)
    return frozenset(stem for table in tables for stem in table.get(lang, ()))


def _stem(word: str, lang: str) -> str:
    """The number word under a word's clitics (Arabic) or ordinal ending (douzième, twenty-first)."""
    if lang == "ar":
        return arabic_stem(word)
    if word.endswith(_ORDINAL_TAILS):  # most words are no ordinal: one C call tells
        return _cardinal_of_ordinal(word, lang) or word
    return word


_ORDINAL_ENDINGS = {"fr": (("iemes", ("", "e")), ("ieme", ("", "e")), ("iemement", ("", "e"))),
                    "en": (("ieth", ("y",)), ("th", ("", "e")))}
_ORDINAL_TAILS = ("th", "ieme", "iemes", "iemement", "first", "second", "third")
_IRREGULAR_ORDINALS = {"fr": {"unieme": "un", "cinquieme": "cinq", "neuvieme": "neuf"},
                       "en": {"first": "one", "second": "two", "third": "three", "fifth": "five", "eighth": "eight",
                              "ninth": "nine", "twelfth": "twelve"}}


@functools.lru_cache(maxsize=1 << 14)
def _cardinal_of_ordinal(word: str, lang: str) -> str:
    """"douzieme" → "douze", "twentieth" → "twenty", "first" → "one": an ordinal word past the
    ones `ORDINAL_WORDS` lists (and the last word of a compound: vingt et unième, twenty-first),
    read as its cardinal; "" when the word is none."""
    irregular = _IRREGULAR_ORDINALS.get(lang, {})
    if word in irregular:
        return irregular[word]
    cardinals = UNITS.get(lang, {}).keys() | HUNDRED.get(lang, set()) | SCALES.get(lang, {}).keys()
    for ending, restorations in _ORDINAL_ENDINGS.get(lang, ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            for restored in restorations:
                candidate = word[: -len(ending)] + restored
                if candidate in cardinals:
                    return candidate
    return ""


def _ordinal_at(words: list[_Word], index: int, lang: str, add) -> int | None:
    """An ordinal or approximate number word at `index`: read, and the next index; else None."""
    start, end, word = words[index]
    stem = _stem(word, lang)
    ordinals = ORDINAL_WORDS.get(lang, {})
    if stem in ordinals and word not in UNCHECKED_WORDS.get(lang, set()):
        value = ordinals[stem]
        following = arabic_stem(words[index + 1][2]) if lang == "ar" and index + 1 < len(words) else ""
        if following in ("عشر", "عشره"):
            value, end = value + 10, words[index + 1][1]  # الخامس عشر: fifteenth
            index += 1
        elif value < 10 and UNITS["ar"].get(following, 0) in range(20, 100, 10):
            value, end = value + UNITS["ar"][following], words[index + 1][1]  # الرابع والثلاثون: 34th
            index += 1
        add(start, end, {float(value)}, True)
        return index + 1
    if stem in APPROXIMATE.get(lang, {}):
        add(start, end, {float(APPROXIMATE[lang][stem])}, True, approximate=True)
        return index + 1
    return None


def _fraction_at(words: list[_Word], index: int, lang: str, add) -> int | None:
    """A fraction in one word (la moitié, ثلثا): read, and the next index; else None."""
    start, end, word = words[index]
    value = FRACTION_WORDS.get(lang, {}).get(_stem(word, lang))
    if value is None:
        return None
    add(start, end, {value}, True)
    return index + 1


def _number_word_at(words: list[_Word], index: int, lang: str, add) -> int:
    """A compound number starting at `index`, read; the index of the word after it."""
    start, end, word = words[index]
    stem = _stem(word, lang)
    if stem not in UNITS.get(lang, {}) and stem not in HUNDRED.get(lang, set()) and stem not in SCALES.get(lang, {}):
        return index + 1
    total, current, last_end, j = 0.0, 0.0, end, index
    consumed: list[str] = []
    units, connectors = UNITS.get(lang, {}), CONNECTORS.get(lang, set())
    while j < len(words):
        _, word_end, word = words[j]
        step = _compound_step(_stem(word, lang), total, current, bool(consumed), lang)
        if step is None:
            if word in connectors and j + 1 < len(words) and _stem(words[j + 1][2], lang) in units:
                j += 1  # "twenty-three", "cent et un"
                continue
            break
        total, current = step
        consumed.append(word)
        last_end = word_end
        j += 1
    value = total + current
    if consumed and j < len(words) and (denominator := DENOMINATORS.get(lang, {}).get(_stem(words[j][2], lang))):
        value, last_end, j = value / denominator, words[j][1], j + 1  # two thirds, ثلاثة أرباع
        consumed.append(words[j - 1][2])
    unchecked = UNCHECKED_WORDS.get(lang, set())
    if consumed and not (len(consumed) == 1 and consumed[0] in unchecked) and value > 0:
        add(start, last_end, {float(value)}, True)
    return max(j, index + 1)


def _compound_step(stem: str, total: float, current: float, started: bool, lang: str) -> tuple[float, float] | None:
    """(total, current) once the number word `stem` is added to a compound; None when it is not
    part of it ("two three", "مائة ومئة": a new figure)."""
    units, hundreds, scales = UNITS.get(lang, {}), HUNDRED.get(lang, set()), SCALES.get(lang, {})
    if stem in units:
        if lang == "fr" and stem in ("vingt", "vingts") and current == 4:
            return total, 80.0
        return (total, current + units[stem]) if _joins(current, units[stem], lang) else None
    if stem in hundreds:
        return None if current >= 100 else (total, (current or 1) * 100)
    if stem in scales:
        if stem in _COUNTLESS and not started:
            return None  # "thousands of people": no figure
        return total + (current or 1) * scales[stem], 0.0
    return None


def _joins(current: float, unit: float, lang: str) -> bool:
    """Whether a number word continues the figure read so far: twenty-three, dix-sept,
    soixante-dix, ثلاثة وعشرون, خمسة عشر; not "two three", not "مئة ومئتا"."""
    if unit >= 100:
        return current % 1000 == 0
    low = current % 100
    if low == 0:
        return True
    if unit < 10:
        return low % 10 == 0
    return (lang == "ar" and low < 10) or (lang == "fr" and low in (60, 80) and unit < 20)


CODE_TOKEN = re.compile(r"[^\W_]+(?:[-./][^\W_]+)*")
_NOT_CODE_SUFFIXES = {"s", "am", "pm", "h", "st", "nd", "rd", "th", "e", "er", "re", "eme", "ème", "es"}


def digit_runs(text: str) -> tuple[str, ...]:
    return tuple(str(int(run)) for run in re.findall(r"\d+", ascii_digits(text)))


def _is_code(token: str) -> bool:
    """H5N1, MS804, 4G, 802.11n, COVID-19, F-16: letters and digits that make one identifier
    (not 60th, 10km, 1990s, mid-2020, 24-hour)."""
    parts = re.split(r"[-./]", token)
    for i, part in enumerate(parts):
        plural = re.fullmatch(r"(\d+)'?s", part)  # Il-76s
        core = plural.group(1) if plural else part
        letters, digits = any(c.isalpha() for c in core), any(c.isdigit() for c in core)
        if letters and digits:
            tail = re.fullmatch(r"[\d.,]+([^\W\d_]+)", core)
            suffix = tail.group(1) if tail else ""
            if suffix and not (len(suffix) == 1 and suffix.isupper()) and (
                    suffix.casefold() in _NOT_CODE_SUFFIXES or _unit_glued(suffix)):
                continue  # 60th, 10km, 1990s; but 4G, 3D, Meteor-2H are names
            return True
        if digits:
            neighbours = [parts[j] for j in (i - 1, i + 1) if 0 <= j < len(parts)]
            if any(n.isalpha() and n.isascii() and not n.islower() for n in neighbours):
                return True  # COVID-19, Il-76, Pushkinskaya-10 (not mid-2020, not 24-hour)
    return False


_SQUARED_UNITS = {"km2", "m2", "cm2", "mm2", "km3", "m3", "cm3", "mi2", "ft2", "ft3"}


def codes(text: str, taken: list[Number] = ()) -> list[Number]:
    """Identifiers that mix letters and digits, outside the spans of figures already read."""
    found = []
    for match in CODE_TOKEN.finditer(text):
        token = match.group().rstrip(".")
        if token.isalpha() or token.casefold() in _SQUARED_UNITS:
            continue  # a plain word, as most are: no digit, no code; km2 is a unit
        if not _is_code(token) or any(n.start < match.start() + len(token) and match.start() < n.end for n in taken):
            continue
        found.append(Number(token, match.start(), match.start() + len(token), frozenset({digit_runs(token)}),
                            code=True))
    return found


@dataclass(frozen=True)
class SourceFigures:
    """A source text's figures and identifiers, read once and paired with any number of
    translations of it."""

    text: str
    figures: tuple[Number, ...]
    identifiers: tuple[Number, ...]
    months: tuple[Number, ...] = ()


def read_figures(text: str, lang: str) -> SourceFigures:
    figures = extract(text, lang, strict=True)
    return SourceFigures(text, tuple(figures), tuple(codes(text, figures)), month_mentions(text, lang))


def month_mentions(text: str, lang: str) -> tuple[Number, ...]:
    """The months a text names (April, avril, نيسان, أبريل), each as a figure whose value is its number."""
    return tuple(Number(text[start:end], start, end, frozenset({("month", month)}), True)
                 for start, end, month in quantities.months(text, lang.split("_")[0]))
