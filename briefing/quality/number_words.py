"""Number words and units, per language: the data the figure reader looks words up in.

Arabic keys are spelled as `fold_word` spells text (hamza seats, ة/ه, alef maqsura folded), so
that a lookup needs no second spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

UNITS = {"en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
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
HUNDRED = {"en": {"hundred"}, "fr": {"cent", "cents"}, "ar": {"مئه", "مائه", "مئات"}}
SCALES = {"en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
                  "trillion": 1e12, "bn": 1e9, "thousands": 1e3},
           "fr": {"mille": 1e3, "milles": 1e3, "milliers": 1e3, "millier": 1e3, "million": 1e6, "millions": 1e6,
                  "milliard": 1e9, "milliards": 1e9, "billion": 1e12, "billions": 1e12},
           "ar": {"الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
                  "بليون": 1e9, "ترليون": 1e12, "تريليون": 1e12}}
ORDINAL_WORDS = {"en": {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                         "eighth": 8, "ninth": 9, "tenth": 10, "thousandth": 1000, "hundredth": 100},
                  "fr": {"premier": 1, "premiere": 1, "deuxieme": 2, "second": 2, "seconde": 2, "troisieme": 3,
                         "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8,
                         "neuvieme": 9, "dixieme": 10, "millieme": 1000, "centieme": 100},
                  "ar": {"اول": 1, "اولي": 1, "ثاني": 2, "ثالث": 3, "رابع": 4, "خامس": 5, "سادس": 6, "سابع": 7,
                         "ثامن": 8, "تاسع": 9, "عاشر": 10, "حادي": 1, "عشرينيات": 20, "ثلاثينيات": 30, "اربعينيات": 40,
                         "خمسينيات": 50, "ستينيات": 60, "سبعينيات": 70, "ثمانينيات": 80, "تسعينيات": 90,
                         "عشرينات": 20, "ثلاثينات": 30, "اربعينات": 40, "خمسينات": 50, "ستينات": 60,
                         "سبعينات": 70, "ثمانينات": 80, "تسعينات": 90}}
CONNECTORS = {"en": {"and", "-"}, "fr": {"et", "-"}, "ar": set()}
APPROXIMATE = {"fr": {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
                       "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100}}
# Denominators after a number word: two thirds, trois quarts, ثلاثة أرباع.
DENOMINATORS = {"en": {"halves": 2, "thirds": 3, "quarters": 4, "fifths": 5},
                "fr": {"demis": 2, "tiers": 3, "quarts": 4, "cinquiemes": 5},
                "ar": {"ارباع": 4, "اثلاث": 3, "اخماس": 5}}
# Fractions in one word, read in translations only ("the first half" is no figure of a source).
FRACTION_WORDS = {"en": {"half": 0.5}, "fr": {"moitie": 0.5},
                  "ar": {"نصف": 0.5, "ثلث": 1 / 3, "ثلثا": 2 / 3, "ثلثي": 2 / 3, "ربع": 0.25}}
# "one" and "second" are grammar as often as figures; "a dozen" is often "une dizaine"
UNCHECKED_WORDS = {"en": {"one", "first", "second", "third", "zero", "dozen"}, "fr": set(), "ar": set()}


_ARABIC_SEATS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي", "\u0640": None, "’": "'"})


def fold_text(text: str) -> str:
    """Case, accents, typographic apostrophes and spaces, and Arabic spelling variants (hamza
    seats, مائة / مئة, ة / ه) folded away."""
    if text.isascii():  # most English text: only its case to fold
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("مائ", "مئ"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_ARABIC_SEATS)


# Kept, since every word of every text is folded to be looked up and most words recur.
fold_word = lru_cache(maxsize=1 << 16)(fold_text)


class _AlignedFold(dict):
    """str.translate's table for `fold_aligned`: each character's fold, one character long,
    worked out the first time the character is met (then looked up in C)."""

    def __missing__(self, code: int) -> str:
        folded = fold_text(chr(code))
        if not folded:  # a mark (tashkeel, tatweel, accent alone): kept in place, dropped by `unmarked`
            _MARKS[code] = None
        self[code] = folded[:1] or chr(code)
        return self[code]


_ALIGNED = _AlignedFold()
_MARKS: dict[int, None] = {}


def unmarked(folded: str) -> str:
    """A slice of `fold_aligned`'s text without the marks it kept to stay aligned (تقريباً → تقريبا)."""
    return folded.translate(_MARKS) if _MARKS and not folded.isascii() and _MARKED.search(folded) else folded


_MARKED = re.compile("[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")


def fold_aligned(text: str) -> str:
    """`fold_text` character by character, so that an offset into `text` is the same offset
    into its fold: a text is folded once, and the words around each of its figures are sliced
    from the fold."""
    return text.casefold() if text.isascii() else text.translate(_ALIGNED)


def _spelled_as_text(words):
    """Arabic keys as `fold_word` spells the text they are looked up in."""
    return {fold_word(k): v for k, v in words.items()} if isinstance(words, dict) else {fold_word(w) for w in words}


for _table in (UNITS, SCALES, ORDINAL_WORDS, HUNDRED, DENOMINATORS, FRACTION_WORDS):
    _table["ar"] = _spelled_as_text(_table["ar"])

_ARABIC_KNOWN = set(UNITS["ar"]) | set(SCALES["ar"]) | set(ORDINAL_WORDS["ar"]) | HUNDRED["ar"]


def arabic_stem(word: str) -> str:
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
