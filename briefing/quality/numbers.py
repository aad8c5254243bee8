"""Numbers in text, per language, as *sets of possible values*, and source ↔ target pairing.

A figure can be written many ways: 1,000 / 1 000 / ١٬٠٠٠ / 1000 / mille; 6.5 / 6,5; 11:35 pm /
23 h 35; 60th / 60e; XIXe; nine / neuf / تسعة; 2.3 billion / 2,3 milliards. Each mention gets
every value it can stand for (an ambiguous "1,000" in a French text is 1000 or 1.0) and two
mentions agree when their value sets meet. Figures written with digits in the source are
checked strictly; figures written as words ("nine children") are checked too, but a translation
may legitimately drop them into grammar (Arabic duals, "l'un des"), so "one" is not checked and
a missing word figure is only reported when nothing else explains it.

Babel has number *formatting* and a locale-strict parser; neither reads the mixed, messy
notations that real translations contain, nor number words, so this module does the reading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

OK, MISSING, CHANGED = "ok", "missing", "changed"

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

_UNITS = {"en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                 "eighty": 80, "ninety": 90, "dozen": 12, "zero": 0},
          "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
                 "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
                 "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
                 "cinquante": 50, "soixante": 60, "douzaine": 12, "zero": 0},
          "ar": {"واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
                 "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7,
                 "ثماني": 8, "ثمان": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
                 "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
                 "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
                 "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
                 "مئتان": 200, "مئتين": 200, "مئتا": 200, "مئتي": 200, "ثلاثمائه": 300, "اربعمائه": 400, "خمسمائه": 500,
                 "ستمائه": 600, "سبعمائه": 700, "ثمانمائه": 800, "تسعمائه": 900, "الفين": 2000,
                 "الفان": 2000, "احد": 1, "اثنا": 2, "اثني": 2, "اثنتي": 2, "اثنتا": 2}}
_HUNDRED = {"en": {"hundred"}, "fr": {"cent", "cents"}, "ar": {"مئه", "مائه", "مئات"}}
_SCALES = {"en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
                  "trillion": 1e12, "bn": 1e9, "thousands": 1e3},
           "fr": {"mille": 1e3, "milles": 1e3, "milliers": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9,
                  "milliards": 1e9, "billion": 1e12, "billions": 1e12},
           "ar": {"الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
                  "بليون": 1e9, "ترليون": 1e12, "تريليون": 1e12}}
_ORDINAL_WORDS = {"en": {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                         "eighth": 8, "ninth": 9, "tenth": 10, "thousandth": 1000, "hundredth": 100},
                  "fr": {"premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
                         "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8,
                         "neuvieme": 9, "dixieme": 10, "millieme": 1000, "centieme": 100},
                  "ar": {"اول": 1, "اولي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7,
                         "ثامن": 8, "تاسع": 9, "عاشر": 10, "حادي": 1, "عشرينيات": 20, "ثلاثينيات": 30, "اربعينيات": 40,
                         "خمسينيات": 50, "ستينيات": 60, "سبعينيات": 70, "ثمانينيات": 80, "تسعينيات": 90,
                         "عشرينات": 20, "ثلاثينات": 30, "اربعينات": 40, "خمسينات": 50, "ستينات": 60,
                         "سبعينات": 70, "ثمانينات": 80, "تسعينات": 90}}
_CONNECTORS = {"en": {"and", "-"}, "fr": {"et", "-"}, "ar": set()}
_APPROXIMATE = {"fr": {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                       "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100}}
# "one" and "second" are grammar as often as figures; "a dozen" is often "une dizaine"
_UNCHECKED_WORDS = {"en": {"one", "first", "second", "third", "zero", "dozen"}, "fr": set(), "ar": set()}
_CONVERSIONS = (  # imperial unit in the source → metric unit in the target, factor
    (("mile", "miles", "mi"), ("km", "kilometres", "kilomètres", "kilometers", "كم", "كيلومتر"), 1.609),
    (("sq",), ("km", "kilometres", "kilomètres", "square", "km2", "km²"), 2.59),
    (("mph",), ("km/h", "kmh", "kph", "كم/س"), 1.609),
    (("feet", "foot", "ft"), ("m", "mètres", "metres", "meters", "متر", "مترا", "أمتار"), 0.3048),
    (("pounds", "pound", "lb", "lbs"), ("kg", "kilos", "kilogrammes", "كغ", "كيلوغرام"), 0.4536),
    (("ounces", "ounce", "oz"), ("g", "grammes", "grams", "غرام", "غراما"), 28.35),
    (("inches", "inch", "in"), ("cm", "centimètres", "سم"), 2.54),
)
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
    unit: str = ""
    code: bool = False  # an identifier (H5N1, MS804, COVID-19): its digits must survive verbatim


@dataclass
class NumberCheck:
    source: Number
    status: str
    target: Number | None = None
    note: str = ""

    def to_dict(self) -> dict:
        data = {
            "source_text": self.source.text,
            "value": self.source.text if self.source.code else _plain(min(self.source.values, key=_sort_key)),
            "target_text": self.target.text if self.target else None,
            "status": self.status,
        }
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class _Pool:
    numbers: list[Number]
    used: set[int] = field(default_factory=set)

    def take(self, source: Number, words: bool) -> Number | None:
        for index, number in enumerate(self.numbers):
            if index not in self.used and number.written_as_word == words and number.values & source.values:
                self.used.add(index)
                return number
        return None

    def leftovers(self) -> list[Number]:
        return [n for i, n in enumerate(self.numbers) if i not in self.used]


def _sort_key(value) -> tuple:
    return (isinstance(value, tuple), value if not isinstance(value, tuple) else value[1])


def _plain(value):
    if isinstance(value, tuple):
        return f"{value[1] // 60:02d}:{value[1] % 60:02d}"
    return int(value) if float(value).is_integer() else value


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def _fold(word: str) -> str:
    """Case, accents and Arabic spelling variants (hamza seats, مائة / مئة, ة / ه) folded away."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("مائ", "مئ"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "\u0640": None}))


def _numeric_values(token: str, lang: str, strict: bool) -> set[float]:
    """Values of a digit string with separators, by the conventions of `lang`.

    Strict (a source text): the language's own conventions only. Lenient (a translation): any
    separator followed by exactly three digits may be grouping, the last one a decimal mark.
    """
    text = _ascii_digits(token).replace("\u066c", ",").replace("\u060c", ",").replace("\u066b", ".")
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
    factor = _SCALES.get(lang, {}).get(_fold(match.group(1)))
    return (factor, match.end()) if factor else None


def _range_scale(text: str, end: int, lang: str) -> float | None:
    """"4.2-3.9 million", "2 à 3 milliards": the scale word of a range applies to both ends."""
    match = _RANGE_TAIL.match(text, end)
    if match is None:
        return None
    scaled = _scale_after(text, match.end(), lang)
    return scaled[0] if scaled else None


def _unit(text: str, end: int) -> str:
    match = re.match(r"\s?([^\W\d_]+(?:/[a-z]+)?|°[CF])", text[end : end + 20])
    return match.group(1).casefold() if match else ""


def extract(text: str, lang: str, strict: bool = False) -> list[Number]:
    """Every figure in `text`: times, digits (with ordinals and scale words), fractions, Roman
    centuries, number words. An earlier reading of a span wins over a later one."""
    lang = lang.split("_")[0]
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, values: set, word: bool = False) -> None:
        """Read text[start:end] as a figure; with no values, only reserve the span."""
        if not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            if values:
                found.append(Number(text[start:end], start, end, frozenset(values), word, _unit(text, end)))

    for match in _HALVES.get(lang, _HALVES["en"]).finditer(text):
        hours = _HALF_BASE[match.group(1).casefold()] + 0.5
        add(match.start(), match.end(), {hours, ("time", round(hours * 60))}, True)
    _times(text, lang, add)
    _numeric_dates(text, add)
    _fractions(text, add)
    _digit_figures(text, lang, strict, add)
    if lang == "fr":
        for match in _ROMAN.finditer(text):
            value = _roman(match.group(1))
            if value:
                add(match.start(), match.end(), {float(value)})
    _number_words(text, lang, add)
    found.sort(key=lambda n: n.start)
    return found


def _time_values(hours: int, minutes: int, meridiem: str, written_minutes: bool) -> set:
    values: set = {("time", hours * 60 + minutes)}
    if meridiem == "p" and hours < 12:
        values.add(("time", (hours + 12) * 60 + minutes))
    if meridiem == "a" and hours == 12:
        values.add(("time", minutes))
    if not meridiem and hours < 12:
        values.add(("time", (hours + 12) * 60 + minutes))
    if minutes == 0 and not written_minutes:  # "10 heures" may be a duration, "the tenth hour" a word
        values.add(float(hours))
    return values


def _times(text: str, lang: str, add) -> None:
    """11:35 pm, 12.00 GMT, 1200 GMT, 23 h 35, 10 heures, 9am: minutes since midnight, with the
    12-hour reading when unsure."""
    for match in _MILITARY_TIME.finditer(text):
        values = _time_values(int(match.group(1)), int(match.group(2)), "", True)
        add(match.start(), match.end(2), values | {float(match.group(1) + match.group(2))})
    for match in _TIME.get(lang, _TIME["ar"]).finditer(text):
        groups = [g for g in match.groups()]
        hours = int(_ascii_digits(groups[0]))
        minute_text = groups[1] if lang != "en" else (groups[1] or groups[3])
        minutes = int(_ascii_digits(minute_text)) if minute_text else 0
        meridiem = ((groups[2] or groups[4] or "") if lang == "en" else "").lower()
        if hours > 24 or minutes > 59:
            continue
        add(match.start(), match.end(), _time_values(hours, minutes, meridiem, minute_text is not None))
    if lang == "en":
        for match in _EN_PLAIN_TIME.finditer(text):
            hours = int(_ascii_digits(match.group(1)))
            values = {("time", hours * 60), float(hours)}
            if match.group(2).lower() == "p" and hours < 12:
                values.add(("time", (hours + 12) * 60))
            add(match.start(), match.end(), values)


def _numeric_dates(text: str, add) -> None:
    """20.12.2012, 9/11/2001: day and year are figures; the month may come back as a word."""
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(_ascii_digits(match.group(1))), int(_ascii_digits(match.group(3)))
        if not (1 <= day <= 31 and 1 <= month <= 31):
            continue
        for group in (1, 3, 4):
            values = {float(_ascii_digits(match.group(group)))}
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
        whole = float(_ascii_digits(whole_match.group(1))) if whole_match else 0.0
        add(start, match.end(), {whole + fraction})


def _digit_figures(text: str, lang: str, strict: bool, add) -> None:
    """Figures in digits, with their ordinal suffix (60th, 60e) and scale word (2.3 billion)."""
    for match in (_ENGLISH_NUMBER if lang == "en" else _NUMBER).finditer(text):
        token = match.group().rstrip(",.'’ \u00a0\u202f\u2009\u066b\u066c\u060c")
        if not token:
            continue
        start, end = match.start(), match.start() + len(token)
        if _latin_before(text, start):
            continue  # part of an identifier: A1, COVID-19, G20 (checked as a code)
        suffix = re.match(r"[^\W\d_]+", text[end:])
        ordinal = suffix is not None and suffix.group().casefold() in _ORDINAL_SUFFIX.get(lang, ())
        if suffix and not ordinal and not _unit_glued(suffix.group()):
            continue  # 39C, 3D: an identifier, not a figure
        if ordinal:
            end += len(suffix.group())
        values = _numeric_values(token, lang, strict)
        if lang == "en" and len(token) == 2 and re.match(r"’?'?s\b", text[start + 2 :]):
            values |= {1900 + v for v in values} | {2000 + v for v in values}  # the '80s: les années 1980
        if lang == "en" and re.match(r"[\s-]hours?\b", text[end:]):
            values |= {("time", round(v * 60)) for v in values}  # 1.5 hours: 1 h 30
        if lang == "fr" and re.match(r"\s(?:\S+\s)?et demie?\b", text[end:]):
            values |= {v + 0.5 for v in values}  # 2 millions et demi
        if lang == "en" and text[end - 1 : end] == "s" and values and min(values) >= 1000:
            decades = {v % 100 for v in values if v % 100}  # the 1960s: "les années 60", الستينيات
            centuries = {v // 100 + 1 for v in values if v % 100 == 0}  # the 1800s: le XIXe siècle
            values |= decades | centuries
        scaled = _scale_after(text, end, lang)
        if scaled:
            values |= {v * scaled[0] for v in values}
            end = scaled[1]  # the scale word is part of the figure
        elif (factor := _range_scale(text, end, lang)) is not None:
            values |= {v * factor for v in values}
        add(start, end, values)


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
    return letters.casefold() in {"km", "kg", "m", "cm", "mm", "km/h", "kmh", "mph", "g", "l", "h", "min", "s",
                                  "ms", "mw", "kw", "gw", "mb", "gb", "tb", "bn", "k", "ft", "lb", "lbs", "mi"}


def _number_words(text: str, lang: str, add) -> None:
    units = _UNITS.get(lang, {})
    scales = _SCALES.get(lang, {})
    ordinals = _ORDINAL_WORDS.get(lang, {})
    hundreds = _HUNDRED.get(lang, set())
    connectors = _CONNECTORS.get(lang, set())
    unchecked = _UNCHECKED_WORDS.get(lang, set())
    words = []
    for match in _WORD.finditer(text):
        for part in re.finditer(r"[^-]+", match.group()):
            words.append((match.start() + part.start(), match.start() + part.end(), _fold(part.group())))
    index = 0
    while index < len(words):
        start, end, word = words[index]
        stem = _arabic_stem(word) if lang == "ar" else word
        if stem in ordinals and word not in unchecked:
            value = ordinals[stem]
            if lang == "ar" and index + 1 < len(words) and _arabic_stem(words[index + 1][2]) in ("عشر", "عشره"):
                value, end = value + 10, words[index + 1][1]  # الخامس عشر: fifteenth
                index += 1
            add(start, end, {float(value)}, True)
            index += 1
            continue
        if stem in _APPROXIMATE.get(lang, {}):
            add(start, end, {float(_APPROXIMATE[lang][stem])}, True)
            index += 1
            continue
        if stem not in units and stem not in hundreds and stem not in scales:
            index += 1
            continue
        total, current, last_end, j = 0.0, 0.0, end, index
        consumed = []
        while j < len(words):
            s, e, w = words[j]
            stem = _arabic_stem(w) if lang == "ar" else w
            if stem in units:
                if lang == "fr" and stem in ("vingt", "vingts") and current == 4:
                    current = 80
                elif _joins(current, units[stem], lang):
                    current += units[stem]
                else:
                    break  # "two three", "مائة ومئة": a new figure
            elif stem in hundreds:
                if current >= 100:
                    break  # "مائة ومئة": two figures
                current = (current or 1) * 100
            elif stem in scales:
                if stem in ("thousands", "milliers", "الاف", "millions", "billions", "ملايين") and not consumed:
                    break  # "thousands of people": no figure
                total += (current or 1) * scales[stem]
                current = 0
            elif stem in connectors and j + 1 < len(words) and (words[j + 1][2] in units):
                j += 1
                continue
            else:
                break
            consumed.append(w)
            last_end = e
            j += 1
        value = total + current
        if consumed and not (len(consumed) == 1 and consumed[0] in unchecked) and value > 0:
            add(start, last_end, {float(value)}, True)
        index = max(j, index + 1)


for _table in (_UNITS, _SCALES, _ORDINAL_WORDS, _HUNDRED):
    _table["ar"] = type(_table["ar"])(  # the keys spelled as _fold spells the text
        {_fold(k): v for k, v in _table["ar"].items()} if isinstance(_table["ar"], dict) else map(_fold, _table["ar"]))
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


_ARABIC_KNOWN = set(_UNITS["ar"]) | set(_SCALES["ar"]) | set(_ORDINAL_WORDS["ar"]) | _HUNDRED["ar"]


def _arabic_stem(word: str) -> str:
    """علويين-style clitics off a number word: وثلاثة, بعشرين, الخامسة, للعشرين → known stem."""
    for prefix in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب"):
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for article in ("", "ال", "ل"):
            if not rest.startswith(article):
                continue
            stem = rest[len(article) :]
            for candidate in (stem, stem[:-1] if stem.endswith("ه") else None):
                if candidate and candidate in _ARABIC_KNOWN:
                    return candidate
    return word


def _converted(source: Number, leftovers: list[Number]) -> Number | None:
    for imperial, metric, factor in _CONVERSIONS:
        if source.unit not in imperial:
            continue
        for candidate in leftovers:
            if candidate.unit.casefold() not in metric:
                continue
            for a in source.values:
                for b in candidate.values:
                    if isinstance(a, float) and isinstance(b, float) and a and abs(b / (a * factor) - 1) < 0.06:
                        return candidate
    return None


def _metric_twin(index: int, sources: list[Number], checks: list) -> Number | None:
    """"645 miles (1040 km)": a translation may keep only the metric figure."""
    source = sources[index]
    for imperial, metric, _factor in _CONVERSIONS:
        if source.unit not in imperial:
            continue
        for j, other in enumerate(sources):
            near = abs(other.start - source.end) < 25 or abs(source.start - other.end) < 25
            if j != index and near and other.unit in metric and checks[j] is not None and checks[j].status == OK:
                return other
    return None


def _dual_present(target_text: str, lang: str) -> bool:
    """Arabic says "two days" with a dual noun (يومين), not with a number."""
    return lang == "ar" and re.search(r"[\u0600-\u06ff]{2,}(?:ين|ان|تين|تان)\b", target_text) is not None


def _relative(number: Number, text: str) -> float:
    return number.start / max(len(text), 1)


_CODE_TOKEN = re.compile(r"[^\W_]+(?:[-./][^\W_]+)*")
_NOT_CODE_SUFFIXES = {"s", "am", "pm", "h", "st", "nd", "rd", "th", "e", "er", "re", "eme", "ème", "es"}


def digit_runs(text: str) -> tuple[str, ...]:
    return tuple(str(int(run)) for run in re.findall(r"\d+", _ascii_digits(text)))


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


def codes(text: str, taken: list[Number] = ()) -> list[Number]:
    """Identifiers that mix letters and digits, outside the spans of figures already read."""
    found = []
    for match in _CODE_TOKEN.finditer(text):
        token = match.group().rstrip(".")
        if not _is_code(token) or any(n.start < match.start() + len(token) and match.start() < n.end for n in taken):
            continue
        found.append(Number(token, match.start(), match.start() + len(token), frozenset({digit_runs(token)}),
                            code=True))
    return found


def _inside_code(source: Number, target_text: str) -> bool:
    """"Gallery D 137" → "D137": the figure's digits are one run of an identifier."""
    runs = {run for m in _CODE_TOKEN.finditer(target_text) for run in digit_runs(m.group())}
    return any(str(int(v)) in runs for v in source.values if isinstance(v, float) and v.is_integer())


def _skeleton(token: str) -> str:
    return re.sub(r"\d+", "#", _ascii_digits(token).casefold())


def _check_codes(source_codes: list[Number], target_text: str, target_numbers: list[Number]) -> list[NumberCheck]:
    """Each source identifier must come back with the same digits: verbatim, transliterated
    (كوفيد-19) or split (G 20); another identifier of its shape, or other digits, is a change."""
    candidates = [Number(m.group(), m.start(), m.end(), frozenset({digit_runs(m.group())}), code=True)
                  for m in _CODE_TOKEN.finditer(target_text) if any(c.isdigit() for c in m.group())]
    used: set[int] = set()
    checks: list[NumberCheck | None] = [None] * len(source_codes)
    for exact in (True, False):
        for i, code in enumerate(source_codes):
            if checks[i] is not None:
                continue
            for j, candidate in enumerate(candidates):
                same = (_skeleton(candidate.text) == _skeleton(code.text)) if exact else False
                if j not in used and candidate.values == code.values and (same or not exact):
                    used.add(j)
                    checks[i] = NumberCheck(code, OK, candidate)
                    break
    present = {str(int(v)) for n in target_numbers if not n.written_as_word
               for v in n.values if isinstance(v, float) and v.is_integer()}
    for i, code in enumerate(source_codes):
        if checks[i] is not None:
            continue
        runs = next(iter(code.values))
        lettered = [j for j, c in enumerate(candidates) if j not in used and any(ch.isalpha() for ch in c.text)]
        shaped = [j for j in lettered if _skeleton(candidates[j].text) == _skeleton(code.text)]
        shaped += [j for j in lettered if len(next(iter(candidates[j].values))) == len(runs) and j not in shaped]
        if shaped and (not set(runs) <= present or _skeleton(candidates[shaped[0]].text) == _skeleton(code.text)):
            used.add(shaped[0])
            checks[i] = NumberCheck(code, CHANGED, candidates[shaped[0]])
        elif runs and set(runs) <= present:
            checks[i] = NumberCheck(code, OK, None, note="identifier's figures kept, written otherwise")
        else:
            checks[i] = NumberCheck(code, MISSING)
    return [c for c in checks if c is not None]


def compare(source_text: str, target_text: str, source_lang: str, target_lang: str) -> list[NumberCheck]:
    """Pair each figure of the source with one of the target; report missing and changed ones.

    Digits pair with digits first, words with words, and only then across notations, so that a
    target "2" cannot vouch for a source "two" while a source digit still needs it.
    """
    sources = extract(source_text, source_lang, strict=True)
    targets = extract(target_text, target_lang)
    identifiers = _check_codes(codes(source_text, sources), target_text, targets)
    claimed = [c.target for c in identifiers if c.target is not None]
    inside = {i for i, n in enumerate(targets) if any(n.start < c.end and c.start < n.end for c in claimed)}
    pool = _Pool(targets, inside)
    checks: list[NumberCheck | None] = [None] * len(sources)
    for words in (False, True):  # like with like
        for i, source in enumerate(sources):
            if checks[i] is None and source.written_as_word == words:
                target = pool.take(source, words)
                if target is not None:
                    checks[i] = NumberCheck(source, OK, target)
    for i in sorted(range(len(sources)), key=lambda k: sources[k].written_as_word):
        source = sources[i]
        if checks[i] is not None:
            continue
        spare_digits = sum(not n.written_as_word for n in pool.leftovers())
        waiting_digits = sum(checks[k] is None and not s.written_as_word for k, s in enumerate(sources))
        if not source.written_as_word and spare_digits:
            continue  # a digit left in the target is this figure, changed: do not hide it behind a word
        if source.written_as_word and spare_digits <= waiting_digits:
            continue  # target digits belong to source digits first
        target = pool.take(source, not source.written_as_word)
        if target is not None:
            checks[i] = NumberCheck(source, OK, target)
    for i, source in enumerate(sources):
        if checks[i] is not None:
            continue
        leftovers = [n for n in pool.leftovers() if not n.written_as_word]
        converted = _converted(source, leftovers)
        if converted is not None:
            pool.used.add(pool.numbers.index(converted))
            checks[i] = NumberCheck(source, OK, converted, note=f"unit converted: {source.text} {source.unit}")
        elif leftovers and not source.written_as_word:
            target = min(leftovers, key=lambda n: abs(_relative(n, target_text) - _relative(source, source_text)))
            pool.used.add(pool.numbers.index(target))
            checks[i] = NumberCheck(source, CHANGED, target)
        elif (twin := _metric_twin(i, sources, checks)) is not None:
            checks[i] = NumberCheck(source, OK, None, note=f"imperial figure left out, metric {twin.text} kept")
        elif not source.written_as_word and _inside_code(source, target_text):
            checks[i] = NumberCheck(source, OK, None, note="written inside an identifier")
        elif 2.0 in source.values and _dual_present(target_text, target_lang):
            checks[i] = NumberCheck(source, OK, None, note="Arabic dual")
        else:
            checks[i] = NumberCheck(source, MISSING)
    figures = [c for c in checks if c is not None]
    return sorted(figures + identifiers, key=lambda c: c.source.start)
