"""Human references changed in one respect of a figure, its digits untouched: the desk errors
the figure check must catch (a benchmark and test helper, not a test).

Each category finds, in a reference whose source shows the same respect, the words that carry
it next to a figure, and writes them otherwise: a qualifier dropped or inverted, a scale word
swapped (million ↔ milliard), a month renamed, a unit replaced without converting the figure,
morning turned into evening. The tables here are written apart from the product's on purpose,
as a reviewer's list of mistakes, so that the measure does not grade the checker by its own
reading.
"""

from __future__ import annotations

import random
import re

_DIGIT = r"[0-9\u0660-\u0669]"
_ARTICLE = r"(?:\s+(?:les|la|le|l['’]))?"

# Source (English) respects: what must be in the source for a change of the reference to be a change of meaning.
SOURCE_HAS = {
    "qualifier dropped": re.compile(
        r"\b(?:more than|over|at least|nearly|almost|about|around|approximately|roughly|some|up to|fewer than|"
        r"less than|under|as many as|no more than|at most|upwards of|in excess of|an estimated|close to)(?=\s+\$?\d)",
        re.I),
    "scale": re.compile(r"\d\s*(?:million|billion|bn|m)\b", re.I),
    "month": re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                        r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"),
    "unit": re.compile(r"(?:[$€£]\s?\d|\d\s*(?:km|kilomet|miles?\b|met(?:er|re)s?\b|m\b|feet|foot|ft\b|"
                       r"kg\b|kilogram|pounds?\b|tons?\b|tonnes?\b|hectares?|acres?|lit(?:er|re)s?|gallons?|"
                       r"°|degrees?|dollars?|euros?))", re.I),
    "day period": re.compile(r"\d\s*(?:[ap]\.?\s?m\b|in the (?:morning|afternoon|evening))", re.I),
}
SOURCE_HAS["qualifier inverted"] = SOURCE_HAS["qualifier dropped"]
CATEGORIES = tuple(SOURCE_HAS)

_FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_AR_MONTHS = [["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
               "ديسمبر"],
              ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
               "تشرين الثاني", "كانون الأول"]]

# Reference-side words, per language: (pattern with one group for the words to change, what to write instead).
QUALIFIERS = {
    "fr": [("plus d['’]", "moins d'"), ("plus de", "moins de"), ("moins de", "plus de"), ("moins d['’]", "plus d'"),
           ("au moins", "au plus"), ("pas moins de", "pas plus de"), ("jusqu['’]à", "au moins"),
           ("environ", "plus de"), ("près de", "plus de"), ("presque", "plus de"), ("quelque", "moins de"),
           ("au plus", "au moins"), ("quasiment", "plus de"), ("autour de", "plus de"), ("plus de", "près de")],
    "ar": [("أكثر من", "أقل من"), ("أقل من", "أكثر من"), ("ما لا يقل عن", "ما لا يزيد على"), ("نحو", "أكثر من"),
           ("حوالي", "أكثر من"), ("حوالى", "أكثر من"), ("قرابة", "أكثر من"), ("ما يقارب", "أكثر من"),
           ("زهاء", "أقل من"), ("ما يزيد على", "أقل من"), ("ما يزيد عن", "أقل من"), ("حتى", "أقل من"),
           ("أكثر من", "نحو")],
}
SCALES = {"fr": [("millions", "milliards"), ("million", "milliard"), ("milliards", "millions"),
                 ("milliard", "million")],
          "ar": [("ملايين", "مليارات"), ("مليون", "مليار"), ("مليار", "مليون"), ("مليارات", "ملايين")]}
UNITS = {"fr": [("km", "milles"), ("kilomètres", "milles"), ("mètres", "pieds"), ("m", "pieds"), ("kg", "livres"),
                ("kilogrammes", "livres"), ("tonnes", "livres"), ("hectares", "acres"), ("litres", "gallons"),
                ("°C", "°F"), ("degrés Celsius", "degrés Fahrenheit"), ("dollars", "euros"), ("euros", "dollars"),
                ("\\$", "€"), ("€", "$"), ("livres", "euros")] ,
         "ar": [("كم", "ميل"), ("كيلومترا", "ميلا"), ("كيلومترات", "أميال"), ("كيلومتر", "ميل"), ("متر", "قدم"),
                ("مترا", "قدما"), ("أمتار", "أقدام"), ("كغ", "رطل"), ("كيلوغرام", "رطل"), ("طن", "رطل"),
                ("هكتار", "فدان"), ("لتر", "غالون"), ("درجة مئوية", "درجة فهرنهايت"), ("دولار", "يورو"),
                ("دولارا", "يورو"), ("يورو", "دولار")]}
PERIODS = {"fr": [("du matin", "du soir"), ("du soir", "du matin"), ("de l['’]après-midi", "du matin"),
                  ("de la nuit", "du matin")],
           "ar": [("صباحا", "مساء"), ("صباحاً", "مساءً"), ("مساء", "صباحا"), ("مساءً", "صباحاً"), ("ظهرا", "صباحا"),
                  ("ليلا", "صباحا"), ("فجرا", "مساء"), ("عصرا", "صباحا")]}


def _words(words: str) -> str:
    return rf"(?<![\w']){words}(?!\w)"


def _near_figure_before(words: str, lang: str) -> re.Pattern:
    """The words right before a figure (a currency sign or an article may come between)."""
    clitic = "(?:[وبل]?)" if lang == "ar" else ""
    return re.compile(rf"(?<![\w']){clitic}({words}){_ARTICLE}(?=\s*(?:[$€£]\s?)?{_DIGIT})")


def _near_figure_after(words: str) -> re.Pattern:
    """The words right after a figure (a scale word or 'de' may come between)."""
    return re.compile(rf"(?<={_DIGIT})(?:\s*(?:millions?|milliards?|مليون|مليار|ملايين)?\s*(?:de\s+|d['’])?)\s*"
                      rf"({words})(?![\w])")


def _replacements(reference: str, table: list[tuple[str, str]], finder) -> list[str]:
    changed = []
    for words, instead in table:
        for match in finder(words).finditer(reference):
            changed.append(reference[: match.start(1)] + instead + reference[match.end(1) :])
    return changed


def _months(reference: str, lang: str) -> list[str]:
    changed = []
    systems = [_FR_MONTHS] if lang == "fr" else _AR_MONTHS
    for names in systems:
        for index, name in enumerate(names):
            for match in re.finditer(_words(name), reference):
                other = names[(index + 1 + len(reference) % 10) % 12]
                changed.append(reference[: match.start()] + other + reference[match.end() :])
    return changed


def changed_references(source: str, reference: str, lang: str) -> dict[str, list[str]]:
    """Every one-respect change of `reference` that the source makes meaningful, by category."""
    found: dict[str, list[str]] = {}
    qualified = _qualified_figures(source)
    if qualified:
        found["qualifier inverted"], found["qualifier dropped"] = [], []
        for words, instead in QUALIFIERS[lang]:
            for match in _near_figure_before(words, lang).finditer(reference):
                if _figure_after(reference, match.end()) in qualified:
                    head, tail = reference[: match.start(1)], reference[match.end(1) :]
                    found["qualifier inverted"].append(head + instead + tail)
                    found["qualifier dropped"].append(head + tail.lstrip(" "))
    if SOURCE_HAS["scale"].search(source):
        found["scale"] = _replacements(reference, SCALES[lang], _near_figure_after)
    if SOURCE_HAS["month"].search(source):
        found["month"] = _months(reference, lang)
    if SOURCE_HAS["unit"].search(source):
        after = _replacements(reference, UNITS[lang], _near_figure_after)
        before = _replacements(reference, [u for u in UNITS[lang] if u[0] in ("\\$", "€")],
                               lambda w: re.compile(rf"({w})(?=\s?{_DIGIT})"))
        found["unit"] = after + before
    if SOURCE_HAS["day period"].search(source):
        found["day period"] = _replacements(reference, PERIODS[lang], _near_figure_after)
    return {category: sorted({c for c in changes if _same_digits(c, reference) and c != reference})
            for category, changes in found.items() if changes}


def _digits(text: str) -> str:
    return "".join(str(int(ch)) for ch in text if ch.isdigit())


def _figure_after(text: str, position: int) -> str:
    """The digits of the figure that starts after `position` (separators left out)."""
    separator = r"[.,\s\u00a0\u202f\u066b\u066c]"
    match = re.match(rf"[^\d\u0660-\u0669]{{0,12}}?({_DIGIT}+(?:{separator}{_DIGIT}+)*)", text[position:])
    return _digits(match.group(1)) if match else ""


def _qualified_figures(source: str) -> set[str]:
    """The digits of the source figures a qualifier stands before."""
    return {_figure_after(source, m.end()) for m in SOURCE_HAS["qualifier dropped"].finditer(source)} - {""}


def _same_digits(a: str, b: str) -> bool:
    return re.findall(_DIGIT, a) == re.findall(_DIGIT, b)


def one_change(source: str, reference: str, lang: str, rng: random.Random) -> dict[str, str]:
    """One changed reference per category, picked at random among the possible ones."""
    return {category: rng.choice(changes) for category, changes in changed_references(source, reference, lang).items()}
