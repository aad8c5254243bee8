"""The controlled glossary: concept entries (like a TBX termEntry), read from TOML files.

One TOML table per concept, one sub-table per language::

    # comments are kept by every CLI edit
    [baniyas]
    kind = "place"
    note = "Coastal town, Tartus governorate."
    [baniyas.en]
    preferred = "Baniyas"
    aliases = ["Banyas"]            # recognised in a source, never required in a target
    [baniyas.fr]
    preferred = "Banias"
    admitted = ["Baniyas"]          # acceptable, reported as a variant
    forbidden = ["Banyas"]          # reported as forbidden
    forms = { adjective = "baniyote" }

Several files merge; the same id in two files is an error naming both.
"""

from __future__ import annotations

import marshal
import re
import stat
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.limits import env_number
from briefing.words import fold, tokens

KINDS = (
    "person",
    "sect",
    "ethnic-group",
    "religious-group",
    "armed-group",
    "place",
    "organization",
    "event",
    "title",  # a title or honorific (President, Sheikh): text an alias may carry around a name
    "other",
)
# Proper names: never inflected, so found and judged letter for letter (case, Arabic clitics and
# the article aside); the other kinds are common nouns and adjectives that take endings.
NAME_KINDS = frozenset({"person", "place", "organization"})
ENTRY_FIELDS = {"kind", "note", "source", "do_not_translate"}
TERM_FIELDS = {"preferred", "admitted", "forbidden", "forms", "aliases"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")


class GlossaryError(BriefingError):
    """A glossary that cannot be used; the message starts with file:line[:column]."""


@dataclass
class Terms:
    """The forms of one concept in one language."""

    preferred: str
    admitted: list[str] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    forms: dict[str, str] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)

    def approved(self) -> list[str]:
        """Forms that count as correct in a target text: preferred and grammatical forms."""
        return _unique([self.preferred, *self.forms.values()])

    def recognised(self) -> list[str]:
        """Every form that identifies the concept in a source text."""
        return _unique([*self.approved(), *self.admitted, *self.aliases])

    def to_dict(self) -> dict:
        data: dict = {"preferred": self.preferred}
        for name in ("admitted", "forbidden", "aliases"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        if self.forms:
            data["forms"] = dict(self.forms)
        return data


@dataclass
class Entry:
    id: str
    kind: str
    terms: dict[str, Terms]
    note: str = ""
    source: str = ""
    do_not_translate: bool = False
    origin: Path | None = None
    line: int = 0

    def to_dict(self) -> dict:
        data: dict = {"kind": self.kind}
        if self.note:
            data["note"] = self.note
        if self.source:
            data["source"] = self.source
        if self.do_not_translate:
            data["do_not_translate"] = True
        for lang, terms in self.terms.items():
            data[lang] = terms.to_dict()
        return data

    def where(self) -> str:
        return f"{self.origin}:{self.line}" if self.origin else self.id

    def terms_for(self, table: str) -> Terms | None:
        """The forms for a language or locale: a regional table (fr_CA) where the entry has
        one, else the language's (fr)."""
        terms = self.terms.get(table)
        return terms if terms is not None or "_" not in table else self.terms.get(table.split("_")[0])


class Entries(MutableMapping):
    """Entries by id, built from their validated table only when first asked for: a command that
    looks at a few entries of a 100,000-entry glossary builds a few."""

    def __init__(self) -> None:
        self._items: dict[str, Entry | int] = {}  # an int: the place of its table, not yet built
        self._tables: list[bytes] = []
        self._lines: list[int] = []
        self._origins: list[tuple[int, Path | None]] = []  # (first place, file) of each batch of tables

    def add_tables(self, ids: list[str], lines: list[int], tables: list[bytes], origin: Path | None) -> None:
        """Tables that `validated_table` accepted, each marshalled, with their ids and lines (in
        three lists, zipped in C: 100,000 entries load in a few milliseconds). An id already
        present is an error naming both places."""
        clashes = self._items.keys() & ids
        if clashes:
            clash = next(entry_id for entry_id in ids if entry_id in clashes)
            line = lines[ids.index(clash)]
            raise GlossaryError(f"{origin}:{line}: entry {clash!r} is already defined at {self.where(clash)}")
        first = len(self._tables)
        self._origins.append((first, origin))
        self._tables += tables
        self._lines += lines
        self._items.update(zip(ids, range(first, first + len(ids)), strict=True))

    def _place(self, index: int) -> tuple[Path | None, int]:
        origin = next(origin for first, origin in reversed(self._origins) if first <= index)
        return origin, self._lines[index]

    def _built(self, entry_id: str, index: int) -> Entry:
        origin, line = self._place(index)
        return entry_from_dict(entry_id, marshal.loads(self._tables[index]), "", origin, line, trusted=True)

    def __getitem__(self, entry_id: str) -> Entry:
        item = self._items[entry_id]
        if isinstance(item, int):
            item = self._items[entry_id] = self._built(entry_id, item)
        return item

    def any_table(self, stored, built) -> bool:
        """Whether `stored` (of a marshalled table) or `built` (of an entry built and perhaps
        changed since) holds for any entry."""
        return any(built(item) if isinstance(item, Entry) else stored(self._tables[item])
                   for item in self._items.values())

    def selected(self, stored, built) -> Iterator[Entry]:
        """The entries for which `built` holds, building only those whose marshalled table
        passes `stored` (a cheap test that may say yes too often, never no wrongly)."""
        for entry_id, item in self._items.items():
            if isinstance(item, int):
                if not stored(self._tables[item]):
                    continue
                item = self._built(entry_id, item)
            if built(item):
                yield item

    def scan(self) -> Iterator[Entry]:
        """Every entry, built for the caller and not kept: one pass over 100,000 entries (to
        compile matcher tables) need not hold them all at once."""
        for entry_id, item in self._items.items():
            yield self._built(entry_id, item) if isinstance(item, int) else item

    def fingerprints(self) -> dict[str, bytes]:
        """A short digest of each entry's content, from its stored table where it was not built:
        which entries an edit changed, found without building 100,000 of them."""
        from hashlib import blake2b

        tables = self._tables
        return {entry_id: blake2b(tables[item], digest_size=8).digest() if isinstance(item, int) else fingerprint(item)
                for entry_id, item in self._items.items()}

    def __setitem__(self, entry_id: str, entry: Entry) -> None:
        self._items[entry_id] = entry

    def __delitem__(self, entry_id: str) -> None:
        del self._items[entry_id]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, entry_id) -> bool:
        return entry_id in self._items

    def where(self, entry_id: str) -> str:
        item = self._items[entry_id]
        if isinstance(item, Entry):
            return item.where()
        origin, line = self._place(item)
        return f"{origin}:{line}"


def fingerprint(entry: Entry | bytes) -> bytes:
    """8 bytes that change whenever the entry does (an entry built since it was read may get
    another digest though unchanged: that costs a recompute, never a stale table)."""
    import hashlib

    data = entry if isinstance(entry, bytes) else marshal.dumps(entry.to_dict())
    return hashlib.blake2b(data, digest_size=8).digest()


@dataclass
class Glossary:
    entries: MutableMapping[str, Entry] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    cache_key: str = ""  # the files' content hash, when loaded from files: keys compiled tables
    compiled: dict = field(default_factory=dict, repr=False, compare=False)  # matchers built for this run

    def __iter__(self) -> Iterator[Entry]:
        """Every entry once, without keeping those not built yet (see `Entries.scan`)."""
        return self.entries.scan() if isinstance(self.entries, Entries) else iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def fingerprints(self) -> dict[str, bytes]:
        if isinstance(self.entries, Entries):
            return self.entries.fingerprints()
        return {entry_id: fingerprint(entry) for entry_id, entry in self.entries.items()}

    def languages(self) -> set[str]:
        return {lang for entry in self for lang in entry.terms}

    def has_table(self, locale: str) -> bool:
        """Whether any entry has a table of its own for `locale` (fr_CA), looked for in the
        stored tables without building 100,000 entries (a false yes only costs a pass)."""
        memo = self.compiled.setdefault("tables", {})
        if locale not in memo:
            key = locale.encode("utf-8")
            if isinstance(self.entries, Entries):
                memo[locale] = self.entries.any_table(lambda table: key in table, lambda entry: locale in entry.terms)
            else:
                memo[locale] = any(locale in entry.terms for entry in self.entries.values())
        return memo[locale]

    def title_words(self, lang: str) -> frozenset[str]:
        """The words of the forms in `lang` of the glossary's title entries (kind "title"): they
        extend the built-in titles and honorifics a name may be written with."""
        memo = self.compiled.setdefault("titles", {})
        if lang not in memo:
            def is_title(entry: Entry) -> bool:
                return entry.kind == "title"

            if isinstance(self.entries, Entries):
                titles = self.entries.selected(lambda table: b"title" in table, is_title)
            else:
                titles = (entry for entry in self.entries.values() if is_title(entry))
            memo[lang] = frozenset(word for entry in titles if lang in entry.terms
                                   for form in entry.terms[lang].recognised() for word in _title_words(form))
        return memo[lang]

    def where(self, entry_id: str) -> str:
        """file:line of an entry, without building it."""
        return self.entries.where(entry_id) if isinstance(self.entries, Entries) else self.entries[entry_id].where()

    def precedence(self, entry_id: str) -> int:
        """The entry's rank when two entries claim one mention: the files in the order given,
        the first wins (as CAT tools rank termbases); within a file, the first entry."""
        ranks = self.compiled.get("precedence")
        if ranks is None:  # built on the first conflict only
            ranks = self.compiled["precedence"] = {entry: rank for rank, entry in enumerate(self.entries)}
        return ranks.get(entry_id, len(ranks))


def _title_words(form: str) -> list[str]:
    return [fold(token.text) for token in tokens(form)]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _string_list(value, where: str, name: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise GlossaryError(f"{where}: {name} must be a list of strings")
    stripped = []
    for item in value:
        if not isinstance(item, str):
            raise GlossaryError(f"{where}: {name} must be a list of strings")
        if item := item.strip():
            stripped.append(item)
    return stripped


def max_glossary_bytes() -> int:
    """Glossary files larger than this are refused ($BRIEFING_MAX_GLOSSARY_MB, 500 MB: 100,000
    entries take about 32 MB)."""
    return int(env_number("BRIEFING_MAX_GLOSSARY_MB", 500) * (1 << 20))


def read_glossary_file(path: Path) -> bytes:
    """A glossary file's bytes; one line when it is not a regular file (/dev/zero, a pipe, or a
    link to one) or larger than the limit, before anything is read."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise GlossaryError(f"{path}: not a regular file; a glossary is a TOML, TBX or CSV file")
        if status.st_size > max_glossary_bytes():
            raise GlossaryError(f"{path}: larger than {max_glossary_bytes() >> 20} MB; raise "
                                "BRIEFING_MAX_GLOSSARY_MB to read it")
        return path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read ({err.strerror})") from None


MAX_FORM_CHARS = 300  # longer "terms" are pasted paragraphs, and would make matching crawl


def entry_from_dict(entry_id: str, data: dict, where: str, origin: Path | None = None, line: int = 0,
                    trusted: bool = False) -> Entry:
    """Validate one entry table; every problem is reported with `where` (file:line). A
    `trusted` table is one `validated_table` produced before (read back from the cache)."""
    table = data if trusted else validated_table(entry_id, data, where)
    return Entry(id=entry_id, kind=table.get("kind", "other"), terms={
        lang: Terms(t["preferred"], list(t.get("admitted", ())), list(t.get("forbidden", ())),
                    dict(t.get("forms", {})), list(t.get("aliases", ())))
        for lang, t in table.items() if isinstance(t, dict)
    }, note=table.get("note", ""), source=table.get("source", ""),
        do_not_translate=bool(table.get("do_not_translate", False)), origin=origin, line=line)


def validated_table(entry_id: str, data: dict, where: str) -> dict:
    """The entry table checked and normalised (stripped, empty fields dropped), as
    `Entry.to_dict` writes it; every problem is reported with `where` (file:line)."""
    if not ID_PATTERN.match(entry_id):
        raise GlossaryError(f"{where}: entry id {entry_id!r} must be lower case letters, digits, - or _")
    if not isinstance(data, dict):
        raise GlossaryError(f"{where}: entry {entry_id!r} must be a table")
    kind = data.get("kind", "other")
    if kind not in KINDS:
        raise GlossaryError(f"{where}: entry {entry_id!r} has unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    table: dict = {"kind": kind}
    for name in ("note", "source"):
        value = data.get(name, "")
        if not isinstance(value, str):
            raise GlossaryError(f"{where}: {entry_id}.{name} must be a string")
        if value.strip():
            table[name] = value.strip()
    if data.get("do_not_translate", False):
        table["do_not_translate"] = True
    languages = 0
    for key, value in data.items():
        if key in ENTRY_FIELDS:
            continue
        if not isinstance(value, dict) or not LANGUAGE_PATTERN.match(key):
            raise GlossaryError(f"{where}: entry {entry_id!r} has unknown field {key!r}")
        if not TERM_FIELDS.issuperset(value):
            raise GlossaryError(f"{where}: {entry_id}.{key} has unknown field {sorted(set(value) - TERM_FIELDS)[0]!r}")
        preferred = value.get("preferred")
        if not isinstance(preferred, str) or not preferred.strip():
            raise GlossaryError(f"{where}: {entry_id}.{key} needs a preferred form")
        terms: dict = {"preferred": preferred.strip()}
        for name in ("admitted", "forbidden", "aliases"):
            if name in value:
                forms_list = _string_list(value[name], where, f"{entry_id}.{key}.{name}")
                if forms_list:
                    terms[name] = forms_list
        forms = value.get("forms", {})
        if not isinstance(forms, dict) or not all(isinstance(v, str) for v in forms.values()):
            raise GlossaryError(f"{where}: {entry_id}.{key}.forms must map names to strings")
        forms = {str(k): v.strip() for k, v in forms.items() if v.strip()}
        if forms:
            terms["forms"] = forms
        for form in (terms["preferred"], *terms.get("admitted", ()), *terms.get("forbidden", ()),
                     *forms.values(), *terms.get("aliases", ())):
            if len(form) > MAX_FORM_CHARS:
                raise GlossaryError(f"{where}: {entry_id}.{key} has a form of {len(form)} characters "
                                    f"(at most {MAX_FORM_CHARS}): {form[:40]!r}…")
        table[key] = terms
        languages += 1
    if not languages:
        raise GlossaryError(f"{where}: entry {entry_id!r} has no language")
    return table


def merged(entry: Entry, other: Entry) -> Entry:
    """`entry` with the forms of `other` (a concept it names too) added: per language, other's
    approved and admitted forms as admitted ones, its aliases and forbidden forms as such; a
    language only `other` has, as it is."""
    terms = dict(entry.terms)
    for lang, theirs in other.terms.items():
        ours = terms.get(lang)
        if ours is None:
            terms[lang] = theirs
            continue
        known = set(ours.approved())
        terms[lang] = Terms(ours.preferred, _unique([*ours.admitted, *(f for f in theirs.approved() if f not in known),
                                                     *theirs.admitted]),
                            _unique([*ours.forbidden, *theirs.forbidden]), dict(ours.forms),
                            _unique([*ours.aliases, *theirs.aliases]))
    note = " ".join(part for part in (entry.note, other.note and f"merged: {other.note}") if part)
    return Entry(entry.id, entry.kind, terms, note, entry.source or other.source, entry.do_not_translate,
                 entry.origin, entry.line)


def entry_from_options(
    entry_id: str, kind: str, terms: list[tuple[str, str]], aliases: list[tuple[str, str]] = (),
    forbidden: list[tuple[str, str]] = (), note: str = "", do_not_translate: bool = False,
) -> Entry:
    """An entry from (language, form) pairs: per language the first form is preferred, the
    next ones admitted."""
    data: dict = {"kind": kind, "note": note, "do_not_translate": do_not_translate}
    for lang, form in terms:
        slot = data.setdefault(lang, {})
        if "preferred" in slot:
            slot.setdefault("admitted", []).append(form)
        else:
            slot["preferred"] = form
    for name, pairs in (("aliases", aliases), ("forbidden", forbidden)):
        for lang, form in pairs:
            if lang not in data:
                raise GlossaryError(f"--{name} {lang}={form}: give a --term in {lang} first")
            data[lang].setdefault(name, []).append(form)
    return entry_from_dict(entry_id, data, "command line")
