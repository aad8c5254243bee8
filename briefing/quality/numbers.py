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
_NUMBER = re.compile(
    rf"(?<![\d.,]){_DIGIT}+(?:(?:[,.'’\u066b\u066c\u060c]|[{_SPACE_SEPARATORS}](?={_DIGIT}{{3}}(?!{_DIGIT})))"
    rf"{_DIGIT}+)*"
)
_TIME = {
    "en": re.compile(rf"(?<!\w)({_DIGIT}{{1,2}}):({_DIGIT}{{2}})(?:\s*([ap])\.?\s?m\b\.?)?", re.I),
    "fr": re.compile(rf"(?<!\w)({_DIGIT}{{1,2}})\s?[h:]\s?({_DIGIT}{{2}})?(?!\w)"),
    "ar": re.compile(rf"(?<!\w)({_DIGIT}{{1,2}}):({_DIGIT}{{2}})"),
}
_EN_PLAIN_TIME = re.compile(rf"(?<!\w)({_DIGIT}{{1,2}})\s*([ap])\.?\s?m\b\.?", re.I)
_ORDINAL_SUFFIX = {
    "en": ("st", "nd", "rd", "th", "s"),
    "fr": ("e", "er", "re", "ère", "ème", "eme", "nd", "nde", "es", "è"),
    "ar": (),
}
_ROMAN = re.compile(r"\b([IVXLC]{1,7})(?:e|er|ème)\b")
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
                 "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مئه": 100, "مائه": 100,
                 "مئتان": 200, "مئتين": 200, "ثلاثمائه": 300, "اربعمائه": 400, "خمسمائه": 500,
                 "ستمائه": 600, "سبعمائه": 700, "ثمانمائه": 800, "تسعمائه": 900, "الفين": 2000,
                 "الفان": 2000, "احد": 1, "اثنا": 2, "اثني": 2, "اثنتي": 2, "اثنتا": 2}}
_HUNDRED = {"en": {"hundred"}, "fr": {"cent", "cents"}, "ar": set()}
_SCALES = {"en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
                  "trillion": 1e12, "bn": 1e9, "thousands": 1e3},
           "fr": {"mille": 1e3, "milliers": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9,
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
_UNCHECKED_WORDS = {"en": {"one", "first", "second", "third", "zero"}, "fr": set(), "ar": set()}
_CONVERSIONS = (  # imperial unit in the source → metric unit in the target, factor
    (("mile", "miles", "mi"), ("km", "kilometres", "kilomètres", "kilometers", "كم", "كيلومتر"), 1.609),
    (("sq",), ("km", "kilometres", "kilomètres", "square", "km2", "km²"), 2.59),
    (("mph",), ("km/h", "kmh", "kph", "كم/س"), 1.609),
    (("feet", "foot", "ft"), ("m", "mètres", "metres", "meters", "متر", "مترا", "أمتار"), 0.3048),
    (("pounds", "pound", "lb", "lbs"), ("kg", "kilos", "kilogrammes", "كغ", "كيلوغرام"), 0.4536),
    (("inches", "inch", "in"), ("cm", "centimètres", "سم"), 2.54),
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Number:
    text: str
    start: int
    end: int
    values: frozenset
    written_as_word: bool = False
    unit: str = ""


@dataclass
class NumberCheck:
    source: Number
    status: str
    target: Number | None = None
    note: str = ""

    def to_dict(self) -> dict:
        data = {
            "source_text": self.source.text,
            "value": _plain(min(self.source.values, key=_sort_key)),
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
    decomposed = unicodedata.normalize("NFKD", word.casefold())
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


def _words_after(text: str, end: int, count: int = 2) -> list[str]:
    return [_fold(m.group()) for m in _WORD.finditer(text[end : end + 40])][:count]


def _scale(text: str, end: int, lang: str) -> float | None:
    following = _words_after(text, end, 2)
    scales = _SCALES.get(lang, {})
    for word in following[:1]:
        if word in scales:
            return scales[word]
        if lang == "fr" and word == "de" and len(following) > 1 and following[1] in scales:
            return scales[following[1]]
    return None


def _unit(text: str, end: int) -> str:
    match = re.match(r"\s?([^\W\d_]+(?:/[a-z]+)?|°[CF])", text[end : end + 20])
    return match.group(1).casefold() if match else ""


def extract(text: str, lang: str, strict: bool = False) -> list[Number]:
    """Every figure in `text`: times, digits (with ordinals and scale words), Roman centuries,
    number words. An earlier reading of a span wins over a later one."""
    lang = lang.split("_")[0]
    found: list[Number] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, values: set, word: bool = False) -> None:
        if values and not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
            found.append(Number(text[start:end], start, end, frozenset(values), word, _unit(text, end)))

    _times(text, lang, add)
    _digit_figures(text, lang, strict, add)
    if lang == "fr":
        for match in _ROMAN.finditer(text):
            value = _roman(match.group(1))
            if value:
                add(match.start(), match.end(), {float(value)})
    _number_words(text, lang, add)
    found.sort(key=lambda n: n.start)
    return found


def _times(text: str, lang: str, add) -> None:
    """11:35 pm, 23 h 35, 9am: minutes since midnight, with the 12-hour reading when unsure."""
    for match in _TIME.get(lang, _TIME["ar"]).finditer(text):
        hours = int(_ascii_digits(match.group(1)))
        minutes = int(_ascii_digits(match.group(2))) if match.group(2) else 0
        if lang == "fr" and match.group(2) is None and "h" not in match.group():
            continue
        if hours > 24 or minutes > 59:
            continue
        values = {("time", hours * 60 + minutes)}
        meridiem = match.group(3).lower() if lang == "en" and match.group(3) else ""
        if meridiem == "p" and hours < 12:
            values.add(("time", (hours + 12) * 60 + minutes))
        if meridiem == "a" and hours == 12:
            values.add(("time", minutes))
        if not meridiem and hours < 12:
            values.add(("time", (hours + 12) * 60 + minutes))
        add(match.start(), match.end(), values)
    if lang == "en":
        for match in _EN_PLAIN_TIME.finditer(text):
            hours = int(_ascii_digits(match.group(1)))
            values = {("time", hours * 60), float(hours)}
            if match.group(2).lower() == "p" and hours < 12:
                values.add(("time", (hours + 12) * 60))
            add(match.start(), match.end(), values)


def _digit_figures(text: str, lang: str, strict: bool, add) -> None:
    """Figures in digits, with their ordinal suffix (60th, 60e) and scale word (2.3 billion)."""
    for match in _NUMBER.finditer(text):
        token = match.group().rstrip(",.'’ \u00a0\u202f\u2009")
        start, end = match.start(), match.start() + len(token)
        if _latin_before(text, start):
            continue  # part of an identifier: A1, COVID-19, G20
        suffix = re.match(r"[^\W\d_]+", text[end:])
        ordinal = suffix is not None and suffix.group().casefold() in _ORDINAL_SUFFIX.get(lang, ())
        if suffix and not ordinal and not _unit_glued(suffix.group()):
            continue  # 39C, 3D: an identifier, not a figure
        if ordinal:
            end += len(suffix.group())
        if lang == "en" and re.search(f"[{_SPACE_SEPARATORS}]", token):
            token = re.split(f"[{_SPACE_SEPARATORS}]", token)[0]
            end = start + len(token)
        values = _numeric_values(token, lang, strict)
        if lang == "en" and text[end - 1 : end] == "s" and values and min(values) >= 1000:
            values |= {v % 100 for v in values}  # the 1960s: "les années 60", الستينيات
        scale = _scale(text, end, lang)
        if scale:
            values |= {v * scale for v in values}
            end += re.match(r"\s*(?:de\s+)?[^\W\d_]+", text[end:]).end()  # the scale word is part of it
        add(start, end, values)


def _latin_before(text: str, start: int) -> bool:
    """A1, G20, COVID-19: digits glued to Latin letters (Arabic clitics such as بـ76 are fine)."""
    before = text[start - 1] if start > 0 else ""
    if before == "-" and start > 1:
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
                else:
                    current += units[stem]
            elif stem in hundreds:
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


_ARABIC_KNOWN = set(_UNITS["ar"]) | set(_SCALES["ar"]) | set(_ORDINAL_WORDS["ar"])


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


def _digits_left(pool: _Pool) -> bool:
    return any(not n.written_as_word for n in pool.leftovers())


def _relative(number: Number, text: str) -> float:
    return number.start / max(len(text), 1)


def compare(source_text: str, target_text: str, source_lang: str, target_lang: str) -> list[NumberCheck]:
    """Pair each figure of the source with one of the target; report missing and changed ones."""
    sources = extract(source_text, source_lang, strict=True)
    pool = _Pool(extract(target_text, target_lang))
    checks: list[NumberCheck | None] = [None] * len(sources)
    # Like with like first (digits with digits), then across notations (9 ↔ neuf), except that
    # a figure in digits never pairs with a word while a figure in digits is left over.
    for same_notation in (True, False):
        for i, source in enumerate(sources):
            if checks[i] is not None:
                continue
            if not same_notation and not source.written_as_word and _digits_left(pool):
                continue
            target = pool.take(source, source.written_as_word == same_notation)
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
        elif 2.0 in source.values and _dual_present(target_text, target_lang):
            checks[i] = NumberCheck(source, OK, None, note="Arabic dual")
        else:
            checks[i] = NumberCheck(source, MISSING)
    return [c for c in checks if c is not None]
