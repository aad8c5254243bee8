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
class SourceAnalysis:
    text: str
    mentions: tuple[Match, ...]  # every glossary mention, nested ones included
    leading: tuple[Match, ...]  # the leftmost-longest mentions: those the model input carries
    figures: SourceFigures


def analyse(text: str, lang: str, matcher: Matcher) -> SourceAnalysis:
    mentions, leading = matcher.scan(text)
    return SourceAnalysis(text, tuple(mentions), tuple(leading), read_figures(text, lang))


def source_matcher(glossary: Glossary, lang: str) -> Matcher:
    return matcher_for(glossary, lang, SOURCE_CATEGORIES)


def analyse_all(texts: Iterable[str], glossary: Glossary, lang: str) -> dict[str, SourceAnalysis]:
    """Each distinct text analysed once."""
    matcher = source_matcher(glossary, lang)
    return {text: analyse(text, lang, matcher) for text in dict.fromkeys(texts)}
