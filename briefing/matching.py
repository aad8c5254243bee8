"""Finding glossary terms in text, language-aware, in one left-to-right pass.

Text and term forms are cut into word tokens and folded (case, accents, apostrophes; Arabic
alef/ya/ta-marbuta variants, tatweel and vowel marks). English and French tokens are reduced to
their Snowball stems (symptoms/symptom, hospitalized/hospitalize, contagieuse/contagieux); each
text token also yields the stems it may carry a term under — plural, feminine and verb endings,
Arabic proclitics و ف ب ل ك with the article ال and the لل contraction (Snowball's Arabic stemmer
strips far more than clitics, which would merge different names). Terms are looked up in a token
trie, so the cost is linear in the text whatever the size of the glossary. Acronyms (AP, HTS)
match case-sensitively. Overlapping candidates: the longest match wins, then the leftmost.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from briefing.glossary import Glossary

APPROVED, ADMITTED, ALIAS, FORBIDDEN = "approved", "admitted", "alias", "forbidden"

_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TOKEN = re.compile(rf"[\w{_MARKS}\u0640]+")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "\u0640": None})
_SNOWBALL = {"en": "english", "fr": "french"}
# What Snowball may cut off and still leave the same word (inflection, not derivation:
# "infectés" is "infecté", but "infection" is not "infecter").
_INFLECTIONS = {
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


@dataclass(frozen=True)
class Match:
    entry_id: str
    start: int
    end: int
    text: str
    form: str
    category: str


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


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
    return stem if len(stem) - common <= 1 and word[common:] in _INFLECTIONS[lang] else word


def _strip_article(stem: str) -> str:
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem


def term_key(token: str, lang: str) -> str:
    """The key a term token is stored under in the trie."""
    if _is_acronym(token):
        return "=" + token
    key = fold(token)
    return _strip_article(key) if lang == "ar" else _stem(key, lang)


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


_END = object()  # trie key of the payload list


class Matcher:
    """All recognisable forms of one language of a glossary, ready to scan texts."""

    def __init__(self, glossary: Glossary, lang: str, categories: tuple[str, ...] = (APPROVED, ADMITTED, ALIAS)):
        self.lang = lang
        self.trie: dict = {}
        self._keys: dict[str, tuple[str, ...]] = {}  # text token → its lookup keys
        for entry in glossary:
            terms = entry.terms.get(lang)
            if terms is None:
                continue
            groups = {
                APPROVED: terms.approved(),
                ADMITTED: terms.admitted,
                ALIAS: terms.aliases,
                FORBIDDEN: terms.forbidden,
            }
            for category in categories:
                for form in groups[category]:
                    self.add(form, entry.id, category)

    def add(self, form: str, entry_id: str, category: str) -> None:
        keys = [term_key(t.text, self.lang) for t in tokens(form)]
        if not keys:
            return
        node = self.trie
        for key in keys:
            node = node.setdefault(key, {})
        payload = node.setdefault(_END, [])
        if (entry_id, form, category) not in payload:
            payload.append((entry_id, form, category))

    def _matches_at(self, keys_at: list[tuple[str, ...]], index: int) -> list[tuple[int, list]]:
        """Every (end index, payloads) of terms starting at token `index`, shortest first."""
        found: list[tuple[int, list]] = []
        frontier = [self.trie]
        position = index
        while frontier and position < len(keys_at):
            keys = keys_at[position]
            frontier = [node[key] for node in frontier for key in keys if key in node]
            position += 1
            payload = [item for node in frontier for item in node.get(_END, [])]
            if payload:
                found.append((position, payload))
        return found

    def find(self, text: str, nested: bool = False) -> list[Match]:
        """Leftmost-longest matches, one per entry on a span; with `nested`, also the other
        entries inside a longer match ("coronavirus" inside "coronavirus disease 2019")."""
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        cache = self._keys
        keys_at = []
        for start, end in spans:
            word = text[start:end]
            keys = cache.get(word)
            if keys is None:
                keys = cache[word] = text_keys(word, self.lang)
            keys_at.append(keys)
        first_keys = self.trie.keys()
        matches: list[Match] = []
        index = 0
        while index < len(keys_at):
            found = self._matches_at(keys_at, index) if not first_keys.isdisjoint(keys_at[index]) else []
            if not found:
                index += 1
                continue
            for end_index, payload in reversed(found if nested else found[-1:]):
                start, end = spans[index][0], spans[end_index - 1][1]
                spelled = [fold(text[a:b]) for a, b in spans[index:end_index]]
                ranked = payload if len(payload) == 1 else sorted(
                    payload, key=lambda p: (_category_rank(p), _spelling(p[1]) != spelled)
                )
                for entry_id, form, category in ranked:
                    if not any(m.entry_id == entry_id and m.start <= start and end <= m.end for m in matches[-8:]):
                        matches.append(Match(entry_id, start, end, text[start:end], form, category))
            index = index + 1 if nested else found[-1][0]
        return matches


@lru_cache(maxsize=100_000)
def _spelling(form: str) -> list[str]:
    return [fold(t.text) for t in tokens(form)]


def _category_rank(payload: tuple[str, str, str]) -> int:
    return (FORBIDDEN, APPROVED, ADMITTED, ALIAS).index(payload[2])
