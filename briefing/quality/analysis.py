"""What a source sentence holds, found once: its glossary mentions and its figures.

Protection, repair, localization, the QA check and the memory's risk check all need the same
facts about the source; each reads them from one `SourceAnalysis` instead of scanning the
sentence again for every target language and stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.glossary.model import Glossary
from briefing.quality.figures import SourceFigures, read_figures
from briefing.quality.matching import SOURCE_CATEGORIES, Match, Matcher, matcher_for


@dataclass(frozen=True)
class Conflict:
    """Two entries that claim the same words of a source: the first entry wins them."""

    text: str
    winner: str
    loser: str


@dataclass(frozen=True)
class SourceAnalysis:
    text: str
    mentions: tuple[Match, ...]  # every glossary mention, nested ones included; one entry per span
    leading: tuple[Match, ...]  # the leftmost-longest mentions: those the model input carries
    figures: SourceFigures
    conflicts: tuple[Conflict, ...] = ()


def analyse(text: str, lang: str, matcher: Matcher, glossary: Glossary | None = None) -> SourceAnalysis:
    """The sentence's mentions (a span that several entries claim goes to the one `glossary`
    ranks first, else to the first found) and figures."""
    mentions, leading = matcher.scan(text)
    rank = glossary.precedence if glossary is not None else None
    mentions, conflicts = _one_entry_per_span(mentions, rank)
    leading, _ = _one_entry_per_span(leading, rank)
    return SourceAnalysis(text, mentions, leading, read_figures(text, lang), conflicts)


def _one_entry_per_span(matches: list[Match], rank) -> tuple[tuple[Match, ...], tuple[Conflict, ...]]:
    claims: dict[tuple[int, int], list[Match]] = {}
    for match in matches:
        claims.setdefault((match.start, match.end), []).append(match)
    if all(len(claim) == 1 for claim in claims.values()):
        return tuple(matches), ()
    kept, conflicts = [], []
    for match in matches:
        claim = claims[(match.start, match.end)]
        winner = min(claim, key=lambda m: rank(m.entry_id)) if rank is not None and len(claim) > 1 else claim[0]
        if match is winner:
            kept.append(match)
        elif match.entry_id != winner.entry_id:
            conflicts.append(Conflict(match.text, winner.entry_id, match.entry_id))
    return tuple(kept), tuple(conflicts)


def source_matcher(glossary: Glossary, lang: str) -> Matcher:
    return matcher_for(glossary, lang, SOURCE_CATEGORIES)


def analyse_all(texts: Iterable[str], glossary: Glossary, lang: str) -> dict[str, SourceAnalysis]:
    """Each distinct text analysed once."""
    matcher = source_matcher(glossary, lang)
    return {text: analyse(text, lang, matcher, glossary) for text in dict.fromkeys(texts)}


def conflicts(analyses: Iterable[SourceAnalysis]) -> list[Conflict]:
    """Each pair of entries that claimed the same words, once (the first words it happened on)."""
    seen: dict[tuple[str, str], Conflict] = {}
    for analysis in analyses:
        for conflict in analysis.conflicts:
            seen.setdefault((conflict.winner, conflict.loser), conflict)
    return list(seen.values())
