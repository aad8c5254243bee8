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

from briefing.glossary.model import Entry
from briefing.quality.checking import TERM_FORBIDDEN, TERM_MISSING, TERM_VARIANT, Checker
from briefing.quality.matching import ADMITTED, ALIAS, APPROVED, FORBIDDEN, Match, Matcher
from briefing.words import tokens

STRATEGIES = ("inline", "repair", "off")


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
    def __init__(self, checker: Checker, strategy: str = "inline") -> None:
        self.checker = checker
        self.strategy = strategy
        glossary = checker.glossary
        # The output may carry the source's own spelling (untranslated) or a forbidden form.
        self.leftovers = Matcher(glossary, checker.source_lang, (APPROVED, ADMITTED, ALIAS))
        self.forbidden = Matcher(glossary, checker.target_lang, (FORBIDDEN,))
        self.variants = Matcher(glossary, checker.target_lang, (ADMITTED, ALIAS))

    def target_form(self, entry: Entry, source_match: Match, sentence: str = "") -> str | None:
        """The approved target form that fits the source form: the same grammatical form
        (plural for plural), else the one closest in length ("Assad" for "Assad")."""
        target = entry.terms.get(self.checker.target_lang)
        source = entry.terms.get(self.checker.source_lang)
        if target is None:
            return source.preferred if entry.do_not_translate and source else None
        named = [target.forms[name] for name, value in (source.forms.items() if source else ())
                 if value == source_match.form and name in target.forms]
        if named:
            form = named[0]
        else:
            length = len(tokens(source_match.text))
            form = min(target.approved(), key=lambda f: abs(len(tokens(f)) - length))
        sentence_start = not sentence[: source_match.start].strip(" \"'“‘«(")
        if sentence_start and form[:1].islower():
            form = form[:1].upper() + form[1:]
        return form

    def protect(self, sentence: str) -> str:
        """The sentence the model sees: with `inline`, terms already in their target form."""
        if self.strategy != "inline":
            return sentence
        pieces, position = [], 0
        for match in self.checker.source_matcher.find(sentence):
            form = self.target_form(self.checker.glossary.entries[match.entry_id], match, sentence)
            if form is None:
                continue
            pieces += [sentence[position : match.start], form]
            position = match.end
        return "".join(pieces) + sentence[position:]

    def repair(self, source: str, output: str) -> Enforced:
        if self.strategy == "off":
            return Enforced(output)
        result = Enforced(output)
        source_matches = {m.entry_id: m for m in self.checker.source_terms(source)}
        for check in self.checker.term_checks(source, output):
            done = any(r.entry == check.entry for r in result.repairs)
            if check.status not in (TERM_MISSING, TERM_FORBIDDEN, TERM_VARIANT) or done:
                continue
            entry = self.checker.glossary.entries[check.entry]
            form = self.target_form(entry, source_matches[check.entry], source)
            spot = self._spot(result.target, entry.id, check.status)
            if spot is None or form is None:
                result.repairs.append(Repair(entry.id, None, form, placed=False))
                continue
            result.target = result.target[: spot.start] + form + result.target[spot.end :]
            result.repairs.append(Repair(entry.id, spot.text, form, placed=True))
        return result

    def _spot(self, output: str, entry_id: str, status: str) -> Match | None:
        matcher = {TERM_FORBIDDEN: self.forbidden, TERM_VARIANT: self.variants}.get(status, self.leftovers)
        return next((m for m in matcher.find(output) if m.entry_id == entry_id), None)
