"""Adding to and importing into the glossary, with the rule that names hold: one mention, one
form. A new entry may not take a form another entry owns; an imported entry that names what an
existing entry names is skipped, replaces it, is merged into it, or is kept beside it, as the
user says."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from briefing.errors import UsageError
from briefing.glossary.files import add_entry, import_entries, replace_entries, writable_target
from briefing.glossary.model import Entry, Glossary, merged
from briefing.languages import parse_language
from briefing.quality.ownership import Owned, owned_forms
from briefing.words import HIDDEN

OwnedAction = Literal["skip", "replace", "merge", "keep"]
OWNED_ACTIONS: tuple[OwnedAction, ...] = ("skip", "replace", "merge", "keep")


def add_to_glossary(entry: Entry, paths: Sequence[Path], into: Path | None) -> Path:
    """Add `entry` where new entries go; the file it went to. Refused: an id that exists, an
    unknown language code, a form another entry owns."""
    for lang in entry.terms:
        parse_language(lang)
    _refuse_hidden([entry], "command line")
    target, glossary = writable_target(paths, into, "glossary.toml")
    if entry.id in glossary.entries:
        raise UsageError(f"entry {entry.id!r} already exists at {glossary.where(entry.id)}")
    owned = owned_forms(glossary, [entry])
    if owned:
        raise UsageError(f"{_owned_line(owned[0], glossary)}; give the new entry another form, or add it to "
                         f"{owned[0].owner} ('briefing glossary set {owned[0].owner} {owned[0].lang}.admitted …')")
    add_entry(target, entry)
    return target


@dataclass
class ImportOutcome:
    target: Path
    added: int = 0
    replaced: int = 0  # entries of the same id replaced (--replace)
    owned: list[str] = field(default_factory=list)  # one line per imported entry naming what another names
    resolved: int = 0  # of those, skipped, replaced or merged as asked


def import_termbase(entries: list[Entry], paths: Sequence[Path], into: Path | None, replace_ids: bool,
                    owned_action: OwnedAction | None, progress: Callable[[int], None] = lambda n: None
                    ) -> ImportOutcome:
    """Import `entries` (consumed). Entries that name what existing entries name are reported;
    without `owned_action` nothing is written and the error lists them. A form with a control,
    bidi or invisible character refuses the whole import."""
    _refuse_hidden(entries, "the import")
    destination = writable_target(paths, into, "imported.toml", option="--into")
    glossary = destination[1]
    owned = [o for o in owned_forms(glossary, entries) if o.owner in glossary.entries]
    lines = [_owned_line(o, glossary) for o in owned]
    if owned and owned_action is None:
        raise UsageError(f"{len(owned)} imported entr{'y names' if len(owned) == 1 else 'ies name'} what existing "
                         f"entries name ({lines[0]}); choose --owned skip|replace|merge|keep")
    resolved = _resolve(owned, entries, glossary, owned_action) if owned and owned_action != "keep" else 0
    target, added, replaced = import_entries(entries, paths, into, replace_ids, progress, destination)
    return ImportOutcome(target, added, replaced, lines, resolved)


def _resolve(owned: list[Owned], entries: list[Entry], glossary: Glossary, action: OwnedAction) -> int:
    """Skip the imported entries, or write them into the entries they collide with (replaced
    or merged); those imported entries are then left out of the import."""
    by_id = {entry.id: entry for entry in entries}
    owners: dict[str, str] = {}
    for item in owned:
        owners.setdefault(item.entry, item.owner)  # the first owner met
    by_file: dict[Path, list[Entry]] = {}
    for imported_id, owner_id in owners.items():
        existing, imported = glossary.entries[owner_id], by_id[imported_id]
        if action == "skip":
            continue
        written = merged(existing, imported) if action == "merge" else replace(imported, id=owner_id)
        by_file.setdefault(existing.origin, []).append(written)
    for origin, changed in by_file.items():
        replace_entries(origin, changed)
    entries[:] = [entry for entry in entries if entry.id not in owners]
    return len(owners)


def _refuse_hidden(entries: Sequence[Entry], where: str) -> None:
    """Forms must show what they are: no control, NUL, bidi or zero-width character in them."""
    for entry in entries:
        for lang, terms in entry.terms.items():
            for form in [*terms.recognised(), *terms.forbidden]:
                if HIDDEN.search(form) or any(unicodedata.category(ch) == "Cc" for ch in form):
                    place = entry.where() if entry.origin else f"{where}, entry {entry.id}"
                    raise UsageError(f"{place}: {entry.id}.{lang} form {form!r} holds a control, bidi or invisible "
                                     "character; write it as it should show")


def _owned_line(owned: Owned, glossary: Glossary) -> str:
    return (f"{owned.form!r} ({owned.lang}) of {owned.entry} is already a form of {owned.owner} "
            f"({glossary.where(owned.owner)})")
