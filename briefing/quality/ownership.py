"""Forms an entry would share with another: one mention must have one form, so a new entry may
not take a name another entry already owns (`glossary add`), and an import says which of its
entries name what existing entries name (`glossary import`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.glossary.model import Entry, Glossary
from briefing.quality.matching import SOURCE_CATEGORIES, matcher_for


@dataclass(frozen=True)
class Owned:
    lang: str
    form: str
    entry: str  # the new or imported entry
    owner: str  # the existing entry that already names it


def owned_forms(glossary: Glossary, entries: Iterable[Entry]) -> list[Owned]:
    """Each form of `entries` that a glossary entry of another id already recognises, whole
    (as the matcher finds it: inflections, clitics and case aside); one per entry and owner."""
    found: dict[tuple[str, str], Owned] = {}
    if not len(glossary):  # an import into a new file: nothing is owned yet
        return []
    for entry in entries:
        for lang, terms in entry.terms.items():
            matcher = matcher_for(glossary, lang, SOURCE_CATEGORIES)
            if not matcher.trie:
                continue
            for form in terms.recognised():
                for match in matcher.find(form):
                    whole = match.start == 0 and match.end == len(form)
                    if whole and match.entry_id != entry.id:
                        found.setdefault((entry.id, match.entry_id), Owned(lang, form, entry.id, match.entry_id))
    return list(found.values())
