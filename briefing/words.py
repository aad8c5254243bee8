"""Words as the glossary sees them: tokens, folded spellings and inflection-tolerant keys.

Shared by the glossary's lint (do two terms collide?) and the quality matchers (is a term in
this text?), so that both agree on what counts as the same word.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache, lru_cache
from typing import NamedTuple

_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TOKEN_PATTERN = re.compile(rf"[\w{_MARKS}\u0640]+")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u0640": None})
_SNOWBALL = {"en": "english", "fr": "french"}
# What Snowball may cut off and still leave the same word (inflection, not derivation:
# "infectés" is "infecté", but "infection" is not "infecter").
INFLECTIONS = {
    "en": {"", "e", "s", "es", "ed", "d", "ing", "y", "ies", "ied"},
    "fr": {"", "e", "s", "es", "x", "ux", "aux", "er", "ee", "ees", "ent", "ez", "ons", "eux", "euse", "euses",
           "al", "ale", "ales", "if", "ifs", "ive", "ives"},
}
_SUFFIXES = {
    "en": ("s", "es", "d", "ed", "ing"),
    "fr": ("s", "x", "e", "es", "ent"),
    "ar": ("ون", "ين", "ان", "ات", "ه", "ي"),
}
_ARABIC_CONJUNCTIONS = ("", "و", "ف")
_ARABIC_PREPOSITIONS = ("", "ب", "ل", "ك")


# Characters that change how a text shows or reads without being letters: bidi controls and
# marks, zero-width characters, the soft hyphen, tags. A name must not hide behind them.
HIDDEN = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                    "\U000e0000-\U000e007f]")
# Those a legitimate text never needs next to a name: overrides, isolates, zero-width, tags.
SPOOFING = re.compile("[\u00ad\u200b\u200d\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]")


def visible(text: str) -> tuple[str, list[int]] | None:
    """`text` without its hidden characters, and where each remaining character was; None
    when it has none (the common case: nothing to map)."""
    if not HIDDEN.search(text):
        return None
    kept = [(index, ch) for index, ch in enumerate(text) if not HIDDEN.match(ch)]
    return "".join(ch for _, ch in kept), [index for index, _ in kept]


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]


def _is_acronym(token: str) -> bool:
    return len(token) >= 2 and token.isupper() and token.isalpha()


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Case, accents and Arabic spelling variants folded away; digits made ASCII."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFKD", token)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in bare)
    return unicodedata.normalize("NFC", bare).casefold().translate(_ARABIC_FOLD)


@cache
def _stemmer(lang: str):
    if lang not in _SNOWBALL:
        return None
    import snowballstemmer

    return snowballstemmer.stemmer(_SNOWBALL[lang])


@lru_cache(maxsize=200_000)
def _stem(word: str, lang: str) -> str:
    """The Snowball stem when only an inflection was cut off, else the word itself."""
    stemmer = _stemmer(lang)
    if stemmer is None:
        return word
    stem = stemmer.stemWord(word)
    common = len(os.path.commonprefix([word, stem]))
    # Snowball may also rewrite the stem's last letter (internationaux → international).
    return stem if len(stem) - common <= 1 and word[common:] in INFLECTIONS[lang] else word


def _strip_article(stem: str) -> str:
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem


def term_key(token: str, lang: str, inflected: bool = True) -> str:
    """The key a term token is stored under in the trie: its stem when the term takes endings,
    else (a proper name) its folded spelling."""
    if _is_acronym(token):
        return "=" + token
    key = fold(token)
    if lang == "ar":
        return _strip_article(key)
    return _stem(key, lang) if inflected else key


@lru_cache(maxsize=200_000)
def text_keys(token: str, lang: str) -> tuple[str, ...]:
    """Every key under which a text token may carry a term (itself, without clitics, endings)."""
    folded = fold(token)
    stems = {folded}
    if lang == "ar":
        for conjunction in _ARABIC_CONJUNCTIONS:
            for preposition in _ARABIC_PREPOSITIONS:
                prefix = conjunction + preposition
                if not folded.startswith(prefix) or len(folded) - len(prefix) < 2:
                    continue
                rest = folded[len(prefix) :]
                stems.add(_strip_article(rest))
                if preposition == "ل" and rest.startswith("ل") and len(rest) > 3:
                    stems.add(rest[1:])  # لل: ل + ال with the alef dropped
        stems = {_strip_article(s) for s in stems} | stems
    for stem in list(stems):
        for suffix in _SUFFIXES.get(lang, ()):
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.add(stem[: -len(suffix)])
                if lang == "en" and suffix in ("ing", "ed"):
                    stems.add(stem[: -len(suffix)] + "e")  # isolating, isolated → isolate
    if lang != "ar":
        stems |= {_stem(stem, lang) for stem in stems}
    keys = tuple(sorted(stems))
    return ("=" + token, *keys) if _is_acronym(token) else keys
