"""Curating the memory's corrections: a reviewer's entry listed, found, edited or removed. A
correction is reused in every later briefing, so a misspelt name recorded by mistake must be as
easy to find and put right as it was to record; an edit passes the same guards as an import."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.addresses import Location
from briefing.errors import UsageError
from briefing.pipeline.importing import Recorded, record_corrections
from briefing.pipeline.settings import for_call
from briefing.settings import Settings
from briefing.translation.memory_rows import Pair, SegmentMemory


@dataclass(frozen=True)
class Concordance:
    """What to look for: words of a source sentence or of its translation (case, accents and
    Arabic spelling variants aside), in one language pair or all; reviewers' corrections alone
    unless machine output is asked for too."""

    text: str = ""
    source_lang: str | None = None
    target_lang: str | None = None
    include_machine: bool = False
    limit: int = 50


def find_pairs(memory: SegmentMemory, wanted: Concordance) -> list[Pair]:
    """The newest pairs that match, first."""
    from briefing.words import fold

    words = fold(" ".join(wanted.text.split()))
    found = []
    for pair in reversed(memory.pairs(include_machine=wanted.include_machine)):
        if wanted.source_lang and pair.source_lang != wanted.source_lang:
            continue
        if wanted.target_lang and pair.target_lang.split("_")[0] != wanted.target_lang.split("_")[0]:
            continue
        if words and words not in fold(pair.sentence) and words not in fold(pair.target):
            continue
        found.append(pair)
        if len(found) >= wanted.limit:
            break
    return found


@dataclass(frozen=True)
class CorrectionEdit:
    sentence: str
    target_lang: str  # a language or a locale (fr_CA)
    target: str = ""  # the new translation; empty for a removal
    source_lang: str = "en"
    accept_changes: bool = False
    glossary_paths: Sequence[Path] = ()
    memory: Location | None = None
    settings: Settings | None = None


def edit_correction(request: CorrectionEdit, memory: SegmentMemory) -> Recorded:
    """Replace a sentence's correction, checked as an imported one is (refused with its reasons
    unless accepted)."""
    from briefing.pipeline.importing import optional_glossary
    from briefing.translation.reviewing import Correction

    if not request.target.strip():
        raise UsageError("give the new translation (--target TEXT), or remove the correction with 'memory rm'")
    with for_call(request.settings):
        glossary = optional_glossary(request.glossary_paths)
        correction = Correction(request.source_lang, request.target_lang, request.sentence.strip(),
                                request.target.strip())
        return record_corrections([correction], memory, glossary, request.accept_changes, origin="memory edit")


def remove_correction(request: CorrectionEdit, memory: SegmentMemory) -> int:
    """Forget a sentence's correction, wherever it is kept (under its locale, or its language as
    corrections of regional briefings were before)."""
    places = dict.fromkeys([request.target_lang, request.target_lang.split("_")[0]])
    return sum(memory.forget(request.source_lang, place, request.sentence.strip()) for place in places)
