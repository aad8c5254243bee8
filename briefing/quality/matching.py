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

import marshal
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from briefing.glossary.model import NAME_KINDS, Entry, Glossary
from briefing.words import TOKEN_PATTERN, fold, term_key, text_keys, tokens, visible

APPROVED, ADMITTED, ALIAS, FORBIDDEN = "approved", "admitted", "alias", "forbidden"
SOURCE_CATEGORIES = (APPROVED, ADMITTED, ALIAS)  # what names a concept in a text to translate


@dataclass(frozen=True)
class Match:
    entry_id: str
    start: int
    end: int
    text: str
    form: str
    category: str


_END = "\x00"  # trie key of the payload list: no word folds to it, and a string survives marshalling
_TABLES = "names-unstemmed"  # what cached tables are made by: a change of keys must not read old ones


Form = tuple[str, str, bool]  # a form, its category, whether it inflects


def matcher_for(glossary: Glossary, lang: str, categories: tuple[str, ...],
                untranslated_from: str = "") -> Matcher:
    """The matcher of a glossary for `lang` (a language or a locale: fr_CA's regional forms
    where an entry has them, the language's rules of words), built once: kept with the glossary
    for the run and on disk, keyed on the glossary files' content, so that a large glossary's
    tables are not rebuilt by every command. After an edit, the tables last stored for the same
    files are updated for the entries that changed, and only what changed is stored."""
    memo = glossary.compiled
    name = (lang, categories, untranslated_from)
    if name in memo:
        return memo[name]
    key = _tables_key(glossary.cache_key, name) if glossary.cache_key else ""
    trie = _stored(_TRIE, key)[0] if key else None
    if trie is not None:
        matcher = Matcher.from_trie(lang, trie)
    elif not key:
        matcher = Matcher(glossary, lang, categories, untranslated_from)
    else:
        matcher = _updated_or_built(glossary, lang, name, key)
    memo[name] = matcher
    return matcher


_TRIE, _FORMS, _LATEST = "matcher", "matcher-forms", "matcher-latest"
_MAX_CHAIN = 16  # edits stored as changes on top of earlier tables before they are stored whole again


def _tables_key(*parts: str | tuple) -> str:
    from briefing import caching

    return caching.content_key(*map(str, parts), _TABLES)


def _stored(kind: str, key: str) -> tuple[dict | None, int]:
    """A stored table (the trie's branches, or the entries' fingerprints and forms), resolved
    through the changes stored on top of it, and how many there were; None when any link of
    the chain is missing."""
    from briefing import caching

    chain = []
    while key and len(chain) <= _MAX_CHAIN:
        stored = caching.load(kind, key)
        if not isinstance(stored, tuple) or len(stored) != 2 or not isinstance(stored[0], dict):
            return None, 0
        chain.append(stored[0])
        key = stored[1]
    if key or not chain:
        return None, 0
    table = chain.pop()
    for changes in reversed(chain):
        for item, value in changes.items():
            if value is None:
                table.pop(item, None)
            else:
                table[item] = value
    return table, len(chain)


def _store(kind: str, key: str, changes: dict, base: str) -> None:
    """A whole table (no `base`), or the changes to the one stored under `base`."""
    from briefing import caching

    caching.store(kind, key, (changes, base))


def _updated_or_built(glossary: Glossary, lang: str, name: tuple, key: str) -> Matcher:
    """The tables last stored for these glossary files, patched for the entries whose content
    changed (found by fingerprint), or built afresh when there are none; stored either way."""
    from briefing import caching

    latest = _tables_key(*glossary.files, name, "latest")
    previous_key = caching.load(_LATEST, latest) or ""
    previous, depth = _stored(_TRIE, previous_key)
    kept, _ = _stored(_FORMS, previous_key)
    fingerprints = glossary.compiled.get("fingerprints") or glossary.compiled.setdefault(
        "fingerprints", glossary.fingerprints())
    if previous is not None and kept is not None and depth < _MAX_CHAIN:
        changed = [entry_id for entry_id, digest in fingerprints.items() if kept.get(entry_id, (None,))[0] != digest]
        removed = [entry_id for entry_id in kept if entry_id not in fingerprints]
        old = {entry_id: marshal.loads(kept[entry_id][1]) for entry_id in changed + removed if entry_id in kept}
        new = entry_forms((glossary.entries[entry_id] for entry_id in changed), *name)
        matcher = Matcher.from_trie(lang, previous)
        matcher.update(old, new)
        trie_changes = {first: marshal.dumps(matcher._branch(first)) if first in matcher.trie else None
                        for first in matcher.touched}
        form_changes = {entry_id: None for entry_id in removed}
        base = previous_key
    else:
        new, changed = entry_forms(glossary, *name), list(fingerprints)
        matcher = Matcher.from_forms(lang, new)
        trie_changes, form_changes, base = matcher.stored_trie(), {}, ""
    form_changes.update({entry_id: (fingerprints[entry_id], marshal.dumps(new.get(entry_id, [])))
                         for entry_id in changed})  # an entry without forms in `lang` is kept too, with none
    _store(_TRIE, key, trie_changes, base)
    _store(_FORMS, key, form_changes, base)  # read only by the next update, not by every run
    caching.store(_LATEST, latest, key)
    return matcher


def entry_forms(entries: Iterable[Entry], lang: str, categories: tuple[str, ...] = (APPROVED, ADMITTED, ALIAS),
                untranslated_from: str = "") -> dict[str, list[Form]]:
    """Each entry's recognisable forms in `lang`: what a matcher is made of. With
    `untranslated_from`, a do-not-translate entry without a form in `lang` is recognised by its
    form in that source language."""
    table: dict[str, list[Form]] = {}
    for entry in entries:
        terms = entry.terms_for(lang)
        inflected = entry.kind not in NAME_KINDS
        if terms is None:
            source = entry.terms.get(untranslated_from)
            if entry.do_not_translate and source is not None:
                table[entry.id] = [(source.preferred, APPROVED, inflected)]
            continue
        groups = {APPROVED: terms.approved(), ADMITTED: terms.admitted, ALIAS: terms.aliases,
                  FORBIDDEN: terms.forbidden}
        table[entry.id] = [(form, category, inflected) for category in categories for form in groups[category]]
    return table


class Matcher:
    """All recognisable forms of one language (or locale) of a glossary, ready to scan texts."""

    def __init__(self, glossary: Glossary, lang: str, categories: tuple[str, ...] = (APPROVED, ADMITTED, ALIAS),
                 untranslated_from: str = ""):
        self.lang = lang.split("_")[0]
        self.trie: dict = {}
        self._keys: dict[str, tuple[str, ...]] = {}  # text token → its lookup keys
        self.touched: set[str] = set()  # first words of the branches changed since it was read
        self._add_all(entry_forms(glossary, lang, categories, untranslated_from))

    @classmethod
    def from_forms(cls, lang: str, forms: dict[str, list[Form]]) -> Matcher:
        matcher = cls.from_trie(lang, {})
        matcher._add_all(forms)
        return matcher

    def _add_all(self, forms: dict[str, list[Form]]) -> None:
        for entry_id, entry in forms.items():
            for form, category, inflected in entry:
                self.add(form, entry_id, category, inflected)

    def update(self, old: dict[str, list[Form]], new: dict[str, list[Form]]) -> None:
        """From the tables of `old` forms to those of `new`: only the entries whose forms differ
        are taken out and put back."""
        for entry_id, forms in old.items():
            if new.get(entry_id) != forms:
                for form, category, inflected in forms:
                    self.remove(form, entry_id, category, inflected)
        self._add_all({entry_id: forms for entry_id, forms in new.items() if old.get(entry_id) != forms})

    def stored_trie(self) -> dict:
        """The trie as the cache keeps it: each branch marshalled, read back only when needed."""
        return {first: marshal.dumps(branch) if isinstance(branch, dict) else branch
                for first, branch in self.trie.items()}

    @classmethod
    def from_trie(cls, lang: str, trie: dict) -> Matcher:
        """A matcher read back from the cache: each branch of the trie (the terms that start with
        one word) stays marshalled until a text holds that word."""
        matcher = cls.__new__(cls)
        matcher.lang, matcher.trie, matcher._keys, matcher.touched = lang.split("_")[0], trie, {}, set()
        return matcher

    def _branch(self, first: str) -> dict:
        branch = self.trie[first]
        if isinstance(branch, bytes):
            branch = self.trie[first] = marshal.loads(branch)
        return branch

    def add(self, form: str, entry_id: str, category: str, inflected: bool = True) -> None:
        keys = [term_key(t.text, self.lang, inflected) for t in tokens(form)]
        if not keys:
            return
        self.touched.add(keys[0])
        self.trie.setdefault(keys[0], {})
        node = self._branch(keys[0])
        for key in keys[1:]:
            node = node.setdefault(key, {})
        payload = node.setdefault(_END, [])
        if (entry_id, form, category) not in payload:
            payload.append((entry_id, form, category))

    def remove(self, form: str, entry_id: str, category: str, inflected: bool = True) -> None:
        """Take a form of an entry out; branches left empty go too."""
        keys = [term_key(t.text, self.lang, inflected) for t in tokens(form)]
        if not keys or keys[0] not in self.trie:
            return
        self.touched.add(keys[0])
        path = [self._branch(keys[0])]
        for key in keys[1:]:
            if key not in path[-1]:
                return
            path.append(path[-1][key])
        payload = path[-1].get(_END, [])
        path[-1][_END] = [item for item in payload if tuple(item) != (entry_id, form, category)]
        if not path[-1][_END]:
            del path[-1][_END]
        for depth in range(len(keys) - 1, 0, -1):  # prune from the deepest node up
            if path[depth]:
                break
            del path[depth - 1][keys[depth]]
        if not path[0]:
            del self.trie[keys[0]]

    def _matches_at(self, keys_at: list[tuple[str, ...]], index: int) -> list[tuple[int, list]]:
        """Every (end index, payloads) of terms starting at token `index`, shortest first."""
        found: list[tuple[int, list]] = []
        frontier = [self._branch(key) for key in keys_at[index] if key in self.trie]
        position = index + 1
        payload = [item for node in frontier for item in node.get(_END, [])]
        if payload:
            found.append((position, payload))
        while frontier and position < len(keys_at):
            keys = keys_at[position]
            frontier = [node[key] for node in frontier for key in keys if key in node]
            position += 1
            payload = [item for node in frontier for item in node.get(_END, [])]
            if payload:
                found.append((position, payload))
        return found

    def find(self, text: str, nested: bool = False) -> list[Match]:
        """Leftmost-longest matches, one per entry on a span (overlapping findings of one entry
        count once: a term of one repeated word is not found thousands of times); with `nested`,
        also the other entries inside a longer match ("coronavirus" in "coronavirus disease 2019")."""
        every, leading = self.scan(text, nested_too=nested)
        return every if nested else leading

    def scan(self, text: str, nested_too: bool = True) -> tuple[list[Match], list[Match]]:
        """One pass over `text`: (every match, nested ones included; the leftmost-longest ones),
        as `find` gives them with and without `nested`. Without `nested_too` the first list is
        left empty and only the positions where a leftmost-longest match may start are visited.
        Hidden characters (zero-width, soft hyphens, bidi controls, tags) do not cut a word:
        "Jab\u200bleh" is found, spanning them."""
        shown = visible(text)
        if shown is not None:
            every, leading = self.scan(shown[0], nested_too)
            return [self._in(text, shown[1], m) for m in every], [self._in(text, shown[1], m) for m in leading]
        spans = [(m.start(), m.end()) for m in TOKEN_PATTERN.finditer(text)]
        cache = self._keys
        keys_at = []
        for start, end in spans:
            word = text[start:end]
            keys = cache.get(word)
            if keys is None:
                keys = cache[word] = text_keys(word, self.lang)
            keys_at.append(keys)
        first_keys = self.trie.keys()
        every: list[Match] = []
        leading: list[Match] = []
        index, next_leading = 0, 0
        while index < len(keys_at):
            found = self._matches_at(keys_at, index) if not first_keys.isdisjoint(keys_at[index]) else []
            if index == next_leading:
                next_leading = found[-1][0] if found else index + 1
                self._collect(text, spans, index, found[-1:], leading)
            if nested_too:
                self._collect(text, spans, index, found, every)
                index += 1
            else:
                index = next_leading
        return every, leading

    @staticmethod
    def _in(text: str, positions: list[int], match: Match) -> Match:
        """A match found in the visible text, placed back in the text as written."""
        start, end = positions[match.start], positions[match.end - 1] + 1
        return Match(match.entry_id, start, end, text[start:end], match.form, match.category)

    @staticmethod
    def _collect(text: str, spans: list[tuple[int, int]], index: int, found: list[tuple[int, list]],
                 matches: list[Match]) -> None:
        """Add the terms that start at token `index` (longest first), ranked by category and by
        spelling, unless the same entry was just found on an overlapping span."""
        for end_index, payload in reversed(found):
            start, end = spans[index][0], spans[end_index - 1][1]
            spelled = [fold(text[a:b]) for a, b in spans[index:end_index]]
            ranked = payload if len(payload) == 1 else sorted(
                payload, key=lambda p: (_category_rank(p), _spelling(p[1]) != spelled)
            )
            for entry_id, form, category in ranked:
                if not any(m.entry_id == entry_id and m.start < end and start < m.end for m in matches[-8:]):
                    matches.append(Match(entry_id, start, end, text[start:end], form, category))


@lru_cache(maxsize=100_000)
def _spelling(form: str) -> list[str]:
    return [fold(t.text) for t in tokens(form)]


def _category_rank(payload: tuple[str, str, str]) -> int:
    return (FORBIDDEN, APPROVED, ADMITTED, ALIAS).index(payload[2])
