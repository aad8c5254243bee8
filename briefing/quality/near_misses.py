"""Near misses: a name that stands in a translation, misspelt. Without them a reviewer is told
a name is absent ("missing") while it is there, spelled otherwise.

A near miss of a form is a run of words (as many as the form has, one more or one fewer, for
joined or split names) that spells it with hyphens and spaces moved ("Abdelrahmane",
"Abdel-Rahmane"), with diacritics dropped ("Haidar"), with an Arabic article or clitic missing
or added, or within a small edit distance that grows with the form's length ("Rahman" for
"Rahmane", "Jablah" for "Jableh"). Only the forms of entries the source names are tried, so the
cost is linear in the text whatever the size of the glossary. Distances: rapidfuzz.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from briefing.words import Token, fold, tokens

_NOT_LETTERS = re.compile(r"[\W_]+")
_ARTICLE = "ال"


@dataclass(frozen=True)
class NearMiss:
    start: int
    end: int
    text: str
    form: str  # the form it misspells
    deviation: str  # how: "hyphens or spaces", "diacritics", "article", "2 letters", "untranslated"
    distance: int


MAX_COMPARISONS = 20_000  # windows × forms tried for one mention: the check's cost stays bounded


def allowed_distance(letters: int) -> int:
    """Edits a misspelling of a form of that many letters may have and still be that form."""
    return 0 if letters <= 3 else 1 if letters <= 8 else 2 if letters <= 14 else 3


@functools.lru_cache(maxsize=1 << 16)
def _skeleton(text: str) -> str:
    """Letters and digits only, folded (case, diacritics, Arabic orthography); kept, since the
    QA asks it of the same few words of a sentence for every name it looks for."""
    return _NOT_LETTERS.sub("", fold(text))


def _bare(text: str) -> str:
    """Letters and digits only, case folded, diacritics kept."""
    return _NOT_LETTERS.sub("", unicodedata.normalize("NFC", text).casefold())


def _without_article(skeleton: str) -> str:
    return skeleton[2:] if skeleton.startswith(_ARTICLE) and len(skeleton) > 4 else skeleton


def _deviation(found: str, form: str, lang: str) -> tuple[str, int] | None:
    """How `found` misspells `form`, with its edit distance; None when it is too far off."""
    a, b = _skeleton(found), _skeleton(form)
    if not b:
        return None
    if a == b:
        return ("hyphens or spaces" if _bare(found) == _bare(form) else "diacritics"), 0
    allowed = allowed_distance(len(b))
    distance = Levenshtein.distance(a, b, score_cutoff=allowed + 1)
    if lang == "ar":  # a clitic and the article are grammar, not spelling: the rest is compared
        base = _without_article(b)
        for clitic in _CLITICS:
            if a.startswith(clitic):
                rest = _without_article(a[len(clitic):])
                if rest == base:
                    return "article", 1
                if clitic:  # "وبانیاس": a clitic, then one letter off ("بانياس")
                    distance = min(distance, Levenshtein.distance(rest, base, score_cutoff=allowed + 1))
    if distance <= allowed:
        return f"{distance} letter{'s' if distance > 1 else ''}", distance
    return None


_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


def length_gap(form_letters: int, lang: str) -> int:
    """How many letters a near miss of a form may have more or fewer than the form: its edit
    distance, or in Arabic a clitic and the article (four letters) added or dropped."""
    return max(allowed_distance(form_letters), 4 if lang == "ar" else 0)


def find_near_miss(text: str, forms: Iterable[str], lang: str, taken: Iterable[tuple[int, int]] = (),
                   others: Mapping[str, Iterable[str]] = {},  # noqa: B006 (never changed)
                   words: list[Token] | None = None) -> NearMiss | None:
    """The closest near miss in `text` of any of `forms`, or one of the `others` written as it is
    (by how it deviates: {"untranslated": the source forms}), outside the `taken` spans; None
    when there is none. `words`: the tokens of `text`, when the caller has them."""
    words = tokens(text) if words is None else words
    taken = list(taken)
    best: NearMiss | None = None
    rank: tuple[int, bool] = (0, False)  # of the best: its distance, and whether it is another's form
    candidates = [(form, "") for form in forms] + [(form, label) for label, group in others.items() for form in group]
    if len(words) * len(candidates) > MAX_COMPARISONS:
        return None  # a "sentence" of thousands of words (an unsegmented dump): the name is reported missing
    windows: dict[int, list[tuple[int, int, int]]] = {}  # width → (start, end, letters) of each free run of words
    for form, label in candidates:
        size, letters = len(tokens(form)), len(_skeleton(form))
        gap = 0 if label else length_gap(letters, lang)  # another's form counts only as written
        for width in {max(size - 1, 1), size, size + 1}:
            if width not in windows:
                windows[width] = _windows(text, words, width, taken)
            for start, end, length in windows[width]:
                if abs(length - letters) > gap:
                    continue  # too long or too short to spell the form: most runs end here
                found = _deviation(text[start:end], form, lang)
                if found is None or (label and found[1]):
                    continue
                deviation, distance = (label, 0) if label else found
                if best is None or (distance, bool(label)) < rank:
                    best = NearMiss(start, end, text[start:end], form, deviation, distance)
                    rank = (distance, bool(label))
    return best


def _windows(text: str, words: list[Token], width: int, taken: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Every run of `width` words outside the `taken` spans, with how many letters it has."""
    runs = []
    for i in range(len(words) - width + 1):
        start, end = words[i].start, words[i + width - 1].end
        if not any(a < end and start < b for a, b in taken):
            runs.append((start, end, len(_skeleton(text[start:end]))))
    return runs
