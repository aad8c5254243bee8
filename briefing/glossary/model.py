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

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError

KINDS = (
    "person",
    "sect",
    "ethnic-group",
    "religious-group",
    "armed-group",
    "place",
    "organization",
    "event",
    "other",
)
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


@dataclass
class Glossary:
    entries: dict[str, Entry] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def languages(self) -> set[str]:
        return {lang for entry in self for lang in entry.terms}


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _string_list(value, where: str, name: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GlossaryError(f"{where}: {name} must be a list of strings")
    return [str(v).strip() for v in value if str(v).strip()]


def entry_from_dict(entry_id: str, data: dict, where: str, origin: Path | None = None, line: int = 0) -> Entry:
    """Validate one entry table; every problem is reported with `where` (file:line)."""
    if not ID_PATTERN.match(entry_id):
        raise GlossaryError(f"{where}: entry id {entry_id!r} must be lower case letters, digits, - or _")
    if not isinstance(data, dict):
        raise GlossaryError(f"{where}: entry {entry_id!r} must be a table")
    kind = data.get("kind", "other")
    if kind not in KINDS:
        raise GlossaryError(f"{where}: entry {entry_id!r} has unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    terms = {}
    for key, value in data.items():
        if key in ENTRY_FIELDS:
            continue
        if not isinstance(value, dict) or not LANGUAGE_PATTERN.match(key):
            raise GlossaryError(f"{where}: entry {entry_id!r} has unknown field {key!r}")
        unknown = set(value) - TERM_FIELDS
        if unknown:
            raise GlossaryError(f"{where}: {entry_id}.{key} has unknown field {sorted(unknown)[0]!r}")
        preferred = value.get("preferred")
        if not isinstance(preferred, str) or not preferred.strip():
            raise GlossaryError(f"{where}: {entry_id}.{key} needs a preferred form")
        forms = value.get("forms", {})
        if not isinstance(forms, dict) or not all(isinstance(v, str) for v in forms.values()):
            raise GlossaryError(f"{where}: {entry_id}.{key}.forms must map names to strings")
        terms[key] = Terms(
            preferred=preferred.strip(),
            admitted=_string_list(value.get("admitted", []), where, f"{entry_id}.{key}.admitted"),
            forbidden=_string_list(value.get("forbidden", []), where, f"{entry_id}.{key}.forbidden"),
            forms={str(k): str(v).strip() for k, v in forms.items() if str(v).strip()},
            aliases=_string_list(value.get("aliases", []), where, f"{entry_id}.{key}.aliases"),
        )
    if not terms:
        raise GlossaryError(f"{where}: entry {entry_id!r} has no language")
    for name in ("note", "source"):
        if not isinstance(data.get(name, ""), str):
            raise GlossaryError(f"{where}: {entry_id}.{name} must be a string")
    return Entry(
        id=entry_id,
        kind=kind,
        terms=terms,
        note=data.get("note", "").strip(),
        source=data.get("source", "").strip(),
        do_not_translate=bool(data.get("do_not_translate", False)),
        origin=origin,
        line=line,
    )


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
