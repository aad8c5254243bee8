"""Making the glossary hold in machine output: protect before the model, verify and repair after.

Models do not reliably copy placeholders, so no single mechanism is trusted:

* ``inline`` (default): each glossary term of the source sentence is replaced by its approved
  target form before translation (models usually carry a foreign name through unchanged), then
  the output is verified and repaired;
* ``repair``: the source goes to the model untouched; the output is verified and repaired;
* ``off``: nothing is changed; the QA report still says what is missing.

Repair puts the approved form where the output has a forbidden form of the entry, an admitted
variant (one spelling everywhere), or the source-language form left untranslated. A term that
cannot be placed is reported, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from briefing.glossary.model import Entry
from briefing.quality.analysis import SourceAnalysis
from briefing.quality.checking import TERM_FORBIDDEN, TERM_OK, TERM_VARIANT, Checker, TermCheck
from briefing.quality.forms import core, corresponding_form
from briefing.quality.matching import Match

Strategy = Literal["inline", "repair", "off"]
STRATEGIES: tuple[Strategy, ...] = get_args(Strategy)


@dataclass
class Repair:
    entry: str
    before: str | None
    after: str | None
    placed: bool

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Enforced:
    target: str
    repairs: list[Repair] = field(default_factory=list)


class Enforcer:
    def __init__(self, checker: Checker, strategy: Strategy = "inline") -> None:
        self.checker = checker
        self.strategy = strategy
        # A missing term may be the source's own spelling, left untranslated in the output.
        self.leftovers = checker.source_matcher

    def target_form(self, entry: Entry, source_match: Match, sentence: str = "") -> str | None:
        """The target form of the same role as the source form (preferred for preferred, short
        for short), capitalised at the start of a sentence."""
        form = corresponding_form(entry, source_match, self.checker.source_lang, self.checker.target_table,
                                  self.checker.titles)
        if form is None:
            return None
        sentence_start = not sentence[: source_match.start].strip(" \"'“‘«(")
        if sentence_start and form[:1].islower():
            form = form[:1].upper() + form[1:]
        return form

    def protect(self, source: str | SourceAnalysis) -> str:
        """The sentence the model sees: with `inline`, terms already in their target form. Only
        the part of an alias that names the concept is replaced ("President Assad" keeps
        "President" for the model to translate)."""
        analysis = self.checker.analysed(source)
        sentence = analysis.text
        if self.strategy != "inline":
            return sentence
        pieces, position = [], 0
        for match in analysis.leading:
            entry = self.checker.glossary.entries[match.entry_id]
            named = core(entry, match, self.checker.source_lang, self.checker.titles)
            form = self.target_form(entry, named, sentence)
            if form is None:
                continue
            pieces += [sentence[position : named.start], form]
            position = named.end
        return "".join(pieces) + sentence[position:]

    def repair(self, source: str | SourceAnalysis, output: str) -> Enforced:
        """Put the corresponding approved form where a mention came out wrong: in place of the
        variant or forbidden span that was found, or of the source spelling left untranslated."""
        if self.strategy == "off":
            return Enforced(output)
        analysis = self.checker.analysed(source)
        result = Enforced(output)
        mentions = {(m.start, m.end): m for m in self.checker.source_terms(analysis)}
        for check in self.checker.term_checks(analysis, output):
            repaired = {(r.entry, r.before) for r in result.repairs}
            if check.status == TERM_OK or (check.entry, check.target_text) in repaired:
                continue
            entry = self.checker.glossary.entries[check.entry]
            mention = mentions.get((check.start, check.end))
            form = self.target_form(entry, mention, analysis.text) if mention else None
            spot = self._spot(result.target, check)
            if spot is None or form is None:
                result.repairs.append(Repair(entry.id, None, form, placed=False))
                continue
            start, end = spot
            before = result.target[start:end]
            result.target = result.target[:start] + form + result.target[end:]
            result.repairs.append(Repair(entry.id, before, form, placed=True))
        return result

    def _spot(self, output: str, check: TermCheck) -> tuple[int, int] | None:
        """Where the wrong rendering of the mention is: the span the checker found, else the
        source-language spelling of the entry left in the output."""
        if check.status in (TERM_VARIANT, TERM_FORBIDDEN) and check.target_text:
            start = output.find(check.target_text)
            if start >= 0:
                return start, start + len(check.target_text)
        leftover = next((m for m in self.leftovers.find(output) if m.entry_id == check.entry), None)
        return (leftover.start, leftover.end) if leftover else None
