"""A figure is a quantity: besides its value, the words around it that a translation must keep.

"More than $4.2 million" is not "4,2 milliards d'euros", "at 11:45 pm" is not "à 11 h 45", and
"9 April" is not "9 mai", though the digits survive each time. This module reads, around a
figure found by `figures`, its qualifier (more than, au moins, نحو …), its unit (length, mass,
area, volume, speed, temperature, currency) and the months named in a text, and says how two
figures that agree in value still differ (`difference`), judging a unit conversion at the
precision the translator wrote (`rounds_to`), never within a percentage.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from briefing.quality.number_words import fold_text, unmarked
from briefing.quality.quantity_words import (
    AMBIGUOUS_MONTHS,
    CURRENCY_BEFORE,
    CURRENCY_SIGNS_AFTER,
    DATE_WORDS,
    DAY_PERIODS,
    DIRECTIONS,
    MONEY_SCALES,
    MONTHS,
    PHYSICAL,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    UNITS,
)

NO_UNITS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Quantity:
    """What a figure carries besides its value, as read around it."""

    qualifier: str = ""  # a family of quantity_words: more, least, less, most, about, nearly
    qualifier_text: str = ""
    units: frozenset[str] = NO_UNITS  # unit ids: a written form may name several ("pounds")
    unit_text: str = ""
    implicit_unit: bool = False  # "90 degrees": Celsius or Fahrenheit, as the text means
    scale_text: str = ""  # million, milliard, bn, مليار: the scale word as written
    amounts: frozenset = frozenset()  # the values with the scale applied, when a scale is written


@dataclass(frozen=True)
class Change:
    """How a figure changed while its value held: aspect, as the source writes it, as the target does."""

    aspect: str  # scale, unit, qualifier, qualifier dropped, month, time of day
    source: str
    target: str = ""

    def __str__(self) -> str:
        return f"{self.aspect}: {self.source}" + (f" → {self.target}" if self.target else "")


# --- qualifiers -------------------------------------------------------------------------------

_MONEY_ENDINGS = ("$", "€", "£", "¥", "usd", "eur", "gbp")
_TRAILING_MONEY = re.compile(r"(?:\s|\$|€|£|¥|(?<![^\W\d_])(?:us\$|c\$|a\$|hk\$|usd|eur|gbp))*$")


# Words that may stand between a qualifier and its figure: "plus de la moitié", "حوالي عام 1000",
# "على الأقل لمدة 6 أشهر".
_BETWEEN = {"fr": {"les", "la", "le", "l'", "en"}, "ar": {"عام", "العام", "سنه", "لمده", "مده", "الساعه"}}
_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
_EDGES = ".,;:!?()[]«»\"“”،؛-"


def _words(text: str) -> list[str]:
    """The words of a (folded) text, an elided article apart ("jusqu'a" is "jusqu'", "a"),
    punctuation at their edges left out: split, not matched, since every figure asks."""
    words = [word.strip(_EDGES) for word in (text.replace("'", "' ") if "'" in text else text).split()]
    return [word for word in words if word]


def _phrase_key(phrase: str) -> str:
    """A phrase as its words, as a text's words are split."""
    return " ".join(_words(phrase))


class _Phrases:
    """Phrases looked up by their words: the longest that a list of words ends with (or starts
    with), most lists rejected by one set lookup of the word that would have to be a phrase's
    last (or first). Arabic phrases also stand with a clitic on their first word (بأكثر من)."""

    def __init__(self, phrases, clitics: tuple[str, ...] = (), key=_phrase_key) -> None:
        self.table: dict[str, str] = {}
        for phrase in phrases:
            key_words = key(phrase)
            for clitic in ("", *clitics):
                self.table.setdefault(clitic + key_words, phrase)
        self.longest = max((key.count(" ") + 1 for key in self.table), default=0)
        self.lasts = {key.rsplit(" ", 1)[-1] for key in self.table}
        self.firsts = {key.split(" ", 1)[0] for key in self.table}

    def ending(self, words: list[str]) -> str:
        if not words or words[-1] not in self.lasts:
            return ""
        for count in range(min(self.longest, len(words)), 0, -1):
            phrase = self.table.get(" ".join(words[-count:]))
            if phrase:
                return phrase
        return ""

    def starting(self, words: list[str]) -> str:
        if not words or words[0] not in self.firsts:
            return ""
        for count in range(min(self.longest, len(words)), 0, -1):
            phrase = self.table.get(" ".join(words[:count]))
            if phrase:
                return phrase
        return ""


@functools.cache
def _before(lang: str) -> _Phrases:
    return _Phrases(QUALIFIERS_BEFORE.get(lang, {}), _CLITICS if lang == "ar" else ())


@functools.cache
def _after(lang: str) -> _Phrases:
    return _Phrases(QUALIFIERS_AFTER.get(lang, {}))


def _phrase_after(window: str, lang: str) -> str:
    """A qualifier right after a figure or after up to two words of its noun ("300 ou plus",
    "300 personnes au moins", "300 شخص على الأقل"), as the table writes it; "" when none."""
    cut = _CLAUSE_END.search(window)  # "300 morts, au moins 20 blessés": another figure's
    words = _words(window[: cut.start()] if cut else window)[:5]
    before_a_figure = bool(cut) and window[cut.start()].isdigit()
    phrases = _after(lang)
    for first in range(min(3, len(words))):
        if words[first] in phrases.firsts and (phrase := phrases.starting(words[first:])):
            following = words[first + len(_words(phrase)) :]
            leads_on = before_a_figure and following in ([], ["de"], ["d'"], ["than"], ["من"])
            if leads_on and _words(phrase)[-1] in _COMPARATIVES:
                continue  # "153 822 décès et plus de 2 240 191": the next figure's qualifier
            return phrase
    return ""


_COMPARATIVES = {"plus", "moins", "more", "less", "fewer", "اكثر", "اقل"}
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\d،؛]")


def qualifier(text: str, folded: str, start: int, end: int, lang: str) -> tuple[str, str]:
    """The qualifier of the figure text[start:end] (its family and words), before it or right
    after it; `folded`: the text as `fold_aligned` folds it."""
    raw = folded[max(0, start - 48) : start]
    window = unmarked(raw)
    if window.rstrip().endswith(_MONEY_ENDINGS):
        window = _TRAILING_MONEY.sub("", window)
    if not raw[-1:].isalnum() and _may_end_a_phrase(window, lang):  # "A1", "ل24": glued, no qualifier
        phrase = _phrase_before(_words(window[-40:])[-6:], lang)
        if phrase and not (lang == "en" and phrase == "over" and _ACROSS.search(window)):
            return QUALIFIERS_BEFORE[lang][phrase], phrase
    tail = text[end : end + 40]
    if tail.startswith("+") or (lang == "en" and tail.startswith("-plus") and not tail[5:6].isalpha()):
        return "more", tail[: 1 if tail.startswith("+") else 5]
    after = unmarked(folded[end : end + 40])
    phrase = _phrase_after(after, lang) if _may_start_a_phrase(after, lang) else ""
    return (QUALIFIERS_AFTER[lang][phrase], phrase) if phrase else ("", "")


def _last_word(words: list[str]) -> str:
    word = words[-1].strip(_EDGES) if words else ""
    return word.rsplit("'", 1)[1] or word if "'" in word[:-1] else word  # qu'environ: environ


def _may_end_a_phrase(window: str, lang: str) -> bool:
    """Whether the last word (or the one before an article) may end a qualifier: one set lookup
    or two, before the words are split properly."""
    words = window.rsplit(None, 2)[-2:]
    lasts = _before(lang).lasts
    return _last_word(words) in lasts or (len(words) > 1 and _last_word(words[:1]) in lasts)


def _may_start_a_phrase(window: str, lang: str) -> bool:
    """Whether one of the three words after a figure may start a qualifier."""
    firsts = _after(lang).firsts
    for word in window.split(None, 3)[:3]:
        word = word.strip(_EDGES)
        if word in firsts or ("'" in word and word.rsplit("'", 1)[1] in firsts):
            return True
    return False


# "spread over 2.2 million km2": over as across, not as more than.
_ACROSS = re.compile(r"\b(?:spread|spreading|spreads|scattered|spanning|spans|stretching|stretched|stretches|extending|"
                     r"extends|distributed|sprawling|sprawled)(?:\s+out)?\s+over\s*$")


def _phrase_before(words: list[str], lang: str) -> str:
    """The qualifier the words end with (an article or a year's word may follow it, an Arabic
    clitic stand before it), as the table writes it; "" when none."""
    phrases = _before(lang)
    phrase = phrases.ending(words)
    if not phrase and words and words[-1] in _BETWEEN.get(lang, ()):
        phrase = phrases.ending(words[:-1])
    return phrase


def _compatible(source: str, target: str) -> bool:
    return bool(DIRECTIONS[source] & DIRECTIONS[target])


# --- units ------------------------------------------------------------------------------------

_DEGREES = re.compile(r"\s?(?:°\s?|\(|degrees?\s|degrés?\s)?([CF])(?:elsius|ahrenheit)?(?:\)|\b)", re.I)
_ARABIC_DEGREES = re.compile(r"\s?درج(?:ة|ات)\s+(?:حرارة\s+)?(مئوية|فهرنهايت|سيليزية)")
_BARE_DEGREES = re.compile(r"[\s-]?(?:°|degrees?\b|degr[ée]s?\b|درج(?:ة|ات))", re.I)
_CURRENCY_BEFORE = re.compile(r"(us\$|c\$|a\$|hk\$|\$|€|£|¥|usd|eur|gbp)\s?$", re.I)
_CURRENCY_HINT = re.compile(r"[$€£¥]|usd|eur|gbp", re.I)


_UNIT_WORDS = re.compile(r"[^\s,;:!?()\[\]«»\"“”،؛]+")
_NATIONALITIES = {"us", "u.s", "canadian", "australian", "new", "zealand", "hong", "kong", "singapore", "zimbabwean",
                  "syrian", "lebanese", "egyptian", "turkish", "iraqi", "sudanese", "jordanian", "libyan", "taiwan",
                  "namibian", "jamaican"}  # "88,000 Canadian dollars"


@functools.cache
def _unit_phrases(lang: str) -> _Phrases:
    return _Phrases(UNITS.get(lang, {}), key=lambda form: " ".join(form.split()))


def _unit_after(window: str, lang: str) -> str:
    """The unit written at the start of `window` (after "de"/"d'" and, in English, a
    nationality), as the table writes it; "" when none."""
    if "/" in window:
        window = re.sub(r"\s*/\s*", "/", window)  # km / h, كم/ ساعة
    words = [w.rstrip(".") for w in _UNIT_WORDS.findall(window, 0, 40)[:6]]
    if words and words[0].startswith("-"):
        words[0] = words[0][1:]  # 10-mile
    if words and words[0] in ("de", "d'"):
        words = words[1:]
    elif words and words[0].startswith("d'"):
        words[0] = words[0][2:]
    while lang == "en" and words and words[0] in _NATIONALITIES:
        words = words[1:]
    unit = _unit_phrases(lang).starting(words)
    if unit or not words or "/" not in words[0]:
        return unit
    rate = words[0].split("/")[0]  # dollars/hour: dollars
    return rate if rate in UNITS.get(lang, {}) else ""


def units(text: str, folded: str, start: int, end: int, lang: str) -> tuple[frozenset[str], str, bool]:
    """The unit of the figure text[start:end]: a currency sign before it, or a unit after it
    (ids, as written, and whether it is only "degrees" without a scale); `folded` as above."""
    after = text[end : end + 40]
    head = after.lstrip()[:1]
    if not head or not (head.isalpha() or head in "°(-$€£¥"):  # most figures: a space and a digit, or nothing
        return _currency_before(text, start)
    degrees = _DEGREES.match(after) if head in "°(dDcCfF" else None
    if degrees and (degrees.group().strip()[:1] in "°(d" or not degrees.group().startswith(" ")):
        unit = "degc" if degrees.group(1).casefold() == "c" else "degf"
        return frozenset({unit}), degrees.group().strip(), False
    arabic = _ARABIC_DEGREES.match(after) if head == "د" else None
    if arabic:
        return frozenset({"degf" if arabic.group(1) == "فهرنهايت" else "degc"}), arabic.group().strip(), False
    sign = after[:2].strip()[:1]
    if sign in CURRENCY_SIGNS_AFTER:
        return CURRENCY_SIGNS_AFTER[sign], sign, False
    unit = _unit_after(unmarked(folded[end : end + 40]), lang) if _may_be_a_unit(folded, end, lang) else ""
    if unit:
        return UNITS[lang][unit], unit, False
    if head in "°dD-د" and _BARE_DEGREES.match(after):
        return frozenset({"degc", "degf"}), "°", True
    return _currency_before(text, start)


def _may_be_a_unit(folded: str, end: int, lang: str) -> bool:
    """Whether the first word after a figure may begin a unit (or "de", a nationality, a rate)."""
    first = folded[end : end + 30].split(None, 1)[:1]
    word = first[0].strip(_EDGES) if first else ""
    if word.startswith("d'"):
        word = word[2:] or "de"
    return word in _unit_phrases(lang).firsts or word == "de" or word in _NATIONALITIES or "/" in word \
        or not word.isascii() and lang == "ar"


def _currency_before(text: str, start: int) -> tuple[frozenset[str], str, bool]:
    window = text[max(0, start - 4) : start]
    if not window or not _CURRENCY_HINT.search(window):
        return NO_UNITS, "", False
    before = _CURRENCY_BEFORE.search(window)
    if before:
        return CURRENCY_BEFORE[before.group(1).casefold()], before.group(1), False
    return NO_UNITS, "", False


_ABBREVIATED_SCALE = re.compile(r"\s?(m|k|b|bn|mn|md|mds|mrd)\b", re.I)
_MONEY_AFTER = re.compile(r"\s?(?:[$€£]|d['’]euros|de dollars|dollars|euros)")
_COUNTED_AFTER = re.compile(r" (?:people|[a-z]{3,}s)\b")  # "1.7m people", "2m barrels": not metres


def unit_of_word(word: str, lang: str) -> frozenset[str]:
    """The units a word names, if any (the French "milles" is thousands, or miles)."""
    return UNITS.get(lang, {}).get(fold_text(word), NO_UNITS)


def money_scale(text: str, start: int, end: int) -> tuple[float, int] | None:
    """"$5m", "£11m", "4,2 M€", "3 Md$", "1.7m people": an abbreviated scale where money or a
    count is written (elsewhere "5m" is five metres); the factor and where it ends."""
    match = _ABBREVIATED_SCALE.match(text, end)
    if match is None:
        return None
    money_before = _CURRENCY_BEFORE.search(text[max(0, start - 4) : start])
    counted = match.group(1) == "m" and match.start() == end and _COUNTED_AFTER.match(text, match.end())
    if money_before or _MONEY_AFTER.match(text, match.end()) or counted:
        return MONEY_SCALES[match.group(1).casefold()], match.end()
    return None


_TWIN_GAP = re.compile(r"\s*(?:(?:[^\W\d_]|[\u064b-\u0652\u0640])+\.?[\s/]*){0,3}?"  # the first figure's unit words
                       r"(?:[(\[]\s*(?:(?:or|soit|ou|أو|أي)\s+)?|,?\s*(?:or|soit|ou|أو|أي)\s+[(\[]?)\s*[$€£]?")


def _range(first_end: int, second: tuple[int, int], text: str, range_tail: re.Pattern) -> bool:
    tail = range_tail.match(text, first_end)
    return bool(tail) and second[0] < tail.end() <= second[1]


def _twins(first_end: int, first: Quantity, second_start: int, second: Quantity, text: str) -> bool:
    """"about 100 feet (30 m)", "12.8 km or 8 miles": one quantity written in two units."""
    gap = _TWIN_GAP.fullmatch(text, first_end, second_start)
    dimensions = {PHYSICAL.get(u, ("money",))[0] for u in first.units}
    return bool(gap) and any(PHYSICAL.get(u, ("money",))[0] in dimensions for u in second.units)


def propagate(spans: list[tuple[int, int]], found: list[Quantity], text: str, range_tail: re.Pattern) -> list[Quantity]:
    """"1 to 4 inches", "2,5 à 10 cm", "$3-4 million": the first end of a range takes the unit
    written only after the second, and "26 à 32 kilobases environ" its qualifier; "about 100
    feet (30 m)": the second of two units takes the qualifier written before the first.
    `found`: the quantities of the figures at `spans`."""
    found = list(found)
    for i in range(len(found) - 1):
        if found[i].units or not found[i + 1].units:
            continue
        if _range(spans[i][1], spans[i + 1], text, range_tail):
            following = found[i + 1]
            found[i] = replace(found[i], units=following.units, unit_text=following.unit_text,
                               implicit_unit=following.implicit_unit)
    for i in range(len(found) - 1):  # "about 100 feet (30 m)", "de 26 à 32 kilobases environ": one qualifier
        first, second = found[i], found[i + 1]
        if first.qualifier and not second.qualifier and _twins(spans[i][1], first, spans[i + 1][0], second, text):
            found[i + 1] = replace(second, qualifier=first.qualifier, qualifier_text=first.qualifier_text)
        elif second.qualifier and not first.qualifier and _range(spans[i][1], spans[i + 1], text, range_tail):
            found[i] = replace(first, qualifier=second.qualifier, qualifier_text=second.qualifier_text)
    return found


# --- conversions ------------------------------------------------------------------------------

def rounds_to(exact: float, written: float, decimals: int = 0) -> bool:
    """Whether `written` (with `decimals` digits after its decimal mark) is `exact` rounded as a
    translator rounds: at its last digit, to a multiple of 5 of it, or, for a whole number, to
    fewer significant figures keeping two (249.5 kg is 249 or 250, never 251 nor 200;
    136.8 km/h is 137, 135 or 140, never 136)."""
    if written == 0:
        return abs(exact) < 0.5
    step = 10.0 ** -decimals
    while step <= abs(written) * 1.000001:
        for place, coarsest in ((step, abs(exact) / 10), (5 * step, abs(exact) / 10)):
            ratio = written / place
            if (place <= max(coarsest, 10.0 ** -decimals) and abs(ratio - round(ratio)) < 1e-6
                    and abs(written - exact) <= place / 2 * 1.000001):
                return True
        if decimals:
            return False  # "1,0 kg" is rounded at the tenth, whatever its value
        step *= 10
    return False


def written_decimals(text: str, value: float) -> int:
    """How many digits a figure writes after its decimal mark, in the reading that gives `value`."""
    digits = "".join(str(int(ch)) if ch.isdigit() else ch for ch in text)
    match = re.search(r"[.,\u066b](\d+)\D*$", digits)
    if match is None:
        return 0
    head = re.sub(r"\D", "", digits[: match.start()])
    try:
        return len(match.group(1)) if float(f"{head}.{match.group(1)}") == value else 0
    except ValueError:
        return 0


def _exact(value: float, source_unit: str, target_unit: str) -> float:
    if source_unit == "degf" and target_unit == "degc":
        return (value - 32) * 5 / 9
    if source_unit == "degc" and target_unit == "degf":
        return value * 9 / 5 + 32
    return value * PHYSICAL[source_unit][1] / PHYSICAL[target_unit][1]


def convertible(source: frozenset[str], target: frozenset[str]) -> list[tuple[str, str]]:
    """The pairs of distinct physical units of one dimension between two unit sets."""
    return [(s, t) for s in sorted(source) if s in PHYSICAL for t in sorted(target)
            if t in PHYSICAL and s != t and PHYSICAL[s][0] == PHYSICAL[t][0]]


def converts(source_values, source_units: frozenset[str], target_values, target_units: frozenset[str],
             target_text: str = "") -> bool:
    """Whether a target figure (as written: `target_text`) is a source figure converted into its
    unit, at the precision written."""
    for s_unit, t_unit in convertible(source_units, target_units):
        for a in source_values:
            for b in target_values:
                both = isinstance(a, float) and isinstance(b, float)
                if both and (a or b) and rounds_to(_exact(a, s_unit, t_unit), b, written_decimals(target_text, b)):
                    return True
    return False


# --- months -----------------------------------------------------------------------------------

_ARABIC_LETTER_CLASSES = {"ا": "[اأإآ]", "أ": "[أاإ]", "إ": "[إاأ]", "ة": "[ةه]", "ي": "[يى]", "ى": "[ىي]"}


def _name_pattern(name: str, lang: str) -> str:
    if lang != "ar" or name == "آب":  # آب, never the bare اب (a father)
        return re.escape(name).replace(r"\ ", r"[\s\u00a0]+")  # "sept." with its point: "sept" is seven
    return "".join(_ARABIC_LETTER_CLASSES.get(ch, r"[\s\u00a0]+" if ch == " " else re.escape(ch)) for ch in name)


@functools.cache
def _month_table(lang: str) -> tuple[re.Pattern, dict[str, int]]:
    months: dict[str, int] = {}
    for names in MONTHS.get(lang, []):
        for index, name in enumerate(names, start=1):
            if name:
                months[name] = index
    alternatives = "|".join(_name_pattern(n, lang) for n in sorted(months, key=len, reverse=True))
    numbers = {fold_text(n).rstrip("."): m for n, m in months.items()}
    if lang == "ar":  # a clitic may stand before the name: وأغسطس, بآذار
        return re.compile(rf"(?<!\w)(?:وب|ول|و|ب|ل|ف)?(?P<name>{alternatives})(?!\w)"), numbers
    # Latin names first, so that the engine skips ahead to the letters they start with; the word
    # boundary before a name is checked after.
    if lang != "en":  # French names are lower case, capitalised at the start of a sentence
        alternatives += "|" + "|".join(_name_pattern(n[:1].upper() + n[1:], lang) for n in months)
    return re.compile(rf"(?P<name>{alternatives})(?!\w)"), numbers


def months(text: str, lang: str) -> list[tuple[int, int, int]]:
    """The months named in `text` (start, end, month number): every naming of the language
    (آذار = مارس = March), a word that is also a common one (May, mars, مارس) only beside a
    figure or a word that introduces a date."""
    pattern, numbers = _month_table(lang)
    found = []
    for match in pattern.finditer(text):
        if not _word_starts(text, match.start(), lang):
            continue
        key = re.sub(r"\s+", " ", fold_text(match.group("name"))).rstrip(".")
        month = numbers.get(key)
        if month is None or not _is_month(text, match, key, lang):
            continue
        found.append((match.start("name"), match.end(), month))
    return found


def _word_starts(text: str, start: int, lang: str) -> bool:
    """Whether a word starts at `start`, or an Arabic clitic (و ب ل ف, وب ول) stands before it."""
    if start == 0 or not text[start - 1].isalnum():
        return True
    if lang != "ar":
        return False
    clitic = 2 if start > 1 and text[start - 2 : start] in ("وب", "ول") else 1
    return text[start - clitic] in "وبلف" and (start == clitic or not text[start - clitic - 1].isalnum())


def _is_month(text: str, match: re.Match, key: str, lang: str) -> bool:
    if lang == "en" and match.group("name")[0].islower():
        return False
    ambiguous = key in AMBIGUOUS_MONTHS.get(lang, set())
    if lang == "en" and key in AMBIGUOUS_MONTHS["en"] and key not in ("may", "march", "august"):
        ambiguous = not text.startswith(".", match.end())  # Jan. 5, but "Jan" may be a name
    if lang == "fr" and match.group("name")[0].isupper():
        ambiguous = True
    if not ambiguous:
        return True
    start = match.start("name")
    before, after = text[max(0, start - 24) : start], text[match.end() : match.end() + 8]
    if re.search(r"\d[\s\u00a0]*(?:er)?[\s\u00a0]*$", before) or re.match(r"[\s\u00a0,]*\d", after):
        return True
    if re.search(r"/\s*$", before) or re.match(r"\s*/", after):
        return True
    previous = re.findall(r"[^\W\d_]+'?", fold_text(before))
    return bool(previous) and previous[-1] in DATE_WORDS.get(lang, set())


# --- times of day -----------------------------------------------------------------------------

@functools.cache
def _period_pattern(lang: str) -> re.Pattern | None:
    phrases = DAY_PERIODS.get(lang)
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\s*({alternatives})(?!\w)")


def day_period(text: str, end: int, lang: str, hours: int) -> str:
    """"a" or "p" when words after a time set its half of the day ("du soir", "in the morning")."""
    pattern = _period_pattern(lang)
    match = pattern.match(fold_text(text[end : end + 24])) if pattern else None
    if match is None:
        return ""
    period = DAY_PERIODS[lang][match.group(1)]
    if period == "night":
        return "p" if hours >= 6 else "a"
    return period[0]


def time_of_day(minutes: int) -> str:
    return "am" if minutes < 720 else "pm"


# --- differences ------------------------------------------------------------------------------

def _floats(values) -> set[float]:
    return {round(v, 6) if abs(v) < 1e6 else float(f"{v:.9g}") for v in values if isinstance(v, float)}


def difference(source, target, converted: bool = False) -> Change | None:
    """How two figures whose values agree (or that are one `converted` into the other's unit)
    still differ: scale, unit, qualifier; None when they do not."""
    s = source.quantity
    if not (s.qualifier or s.units or s.scale_text or target.scaled):
        return None  # most figures: nothing read around them, and the target's is never read
    t = target.quantity
    scaled = (s.scale_text or t.scale_text) and not converted
    if scaled and not (_floats(s.amounts or source.values) & _floats(t.amounts or target.values)):
        return Change("scale", s.scale_text or source.text, t.scale_text or target.text)
    changed_unit = s.units and t.units and not (s.units & t.units) and not converted
    if changed_unit and not converts(source.values, s.units, target.values, t.units, target.text):
        return Change("unit", s.unit_text, t.unit_text)
    if s.qualifier and not _fraction(source.text):
        if not t.qualifier:
            return Change("qualifier dropped", s.qualifier_text)
        if not _compatible(s.qualifier, t.qualifier):
            return Change("qualifier", s.qualifier_text, t.qualifier_text)
    return None


def _fraction(text: str) -> bool:
    return "/" in text or any("\u00bc" <= ch <= "\u00be" or "\u2150" <= ch <= "\u215e" for ch in text)


def time_change(source, target) -> Change | None:
    """"11:45 pm" read as "11 h 45": the same clock time in the other half of the day."""
    s = {v[1] for v in source.values if isinstance(v, tuple) and v[0] == "time"}
    t = {v[1] for v in target.values if isinstance(v, tuple) and v[0] == "time"}
    for a in s:
        for b in t:
            if (a - b) % 720 == 0 and a != b:
                return Change("time of day", time_of_day(a), time_of_day(b))
    return None
