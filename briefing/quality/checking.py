"""QA of a translation against its source: glossary terms, figures, untranslated or wrong-script
lines. Works on any translation, machine or human; produces the design's JSON report."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import UsageError
from briefing.glossary.model import Entry, Glossary
from briefing.quality.matching import ADMITTED, ALIAS, APPROVED, FORBIDDEN, Match, Matcher
from briefing.quality.numbers import OK, NumberCheck, compare
from briefing.words import fold, tokens

TERM_OK, TERM_MISSING, TERM_FORBIDDEN, TERM_VARIANT = "ok", "missing", "forbidden", "variant"
UNTRANSLATED, WRONG_SCRIPT, EMPTY = "untranslated", "wrong_script", "empty"
_RTL_SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "ur": "ARABIC", "he": "HEBREW"}


@dataclass
class TermCheck:
    entry: str
    source_text: str
    start: int
    end: int
    expected: list[str]
    target_text: str | None
    status: str

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class SegmentReport:
    index: int
    source: str
    target: str
    terms: list[TermCheck] = field(default_factory=list)
    numbers: list[NumberCheck] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    origin: str = ""  # machine or human, when known

    @property
    def problems(self) -> int:
        return (
            sum(t.status in (TERM_MISSING, TERM_FORBIDDEN) for t in self.terms)
            + sum(n.status != OK for n in self.numbers)
            + len(self.flags)
        )

    def problem_lines(self) -> list[str]:
        """The segment's problems, one short phrase each, for people."""
        lines = [f"term {t.entry} {t.status} (expected {' / '.join(t.expected)})"
                 for t in self.terms if t.status in (TERM_MISSING, TERM_FORBIDDEN)]
        lines += [f"figure {n.source.text} {n.status}" + (f" → {n.target.text}" if n.target else "")
                  for n in self.numbers if n.status != OK]
        return lines + [flag.replace("_", " ") for flag in self.flags]

    def to_dict(self) -> dict:
        data = {
            "index": self.index,
            "source": self.source,
            "target": self.target,
            "terms": [t.to_dict() for t in self.terms],
            "numbers": [n.to_dict() for n in self.numbers],
            "flags": list(self.flags),
        }
        if self.notes:
            data["notes"] = list(self.notes)
        if self.origin:
            data["origin"] = self.origin
        return data


@dataclass
class Report:
    source_lang: str
    target_lang: str
    segments: list[SegmentReport]
    extra: dict = field(default_factory=dict)

    def summary(self) -> dict:
        terms = [t for s in self.segments for t in s.terms]
        numbers = [n for s in self.segments for n in s.numbers]
        return {
            "segments": len(self.segments),
            "terms": {
                "total": len(terms),
                **{status: sum(t.status == status for t in terms)
                   for status in (TERM_OK, TERM_MISSING, TERM_FORBIDDEN, TERM_VARIANT)},
            },
            "numbers": {
                "total": len(numbers),
                **{status: sum(n.status == status for n in numbers) for status in ("ok", "missing", "changed")},
            },
            "flags": {f: sum(f in s.flags for s in self.segments) for f in (UNTRANSLATED, WRONG_SCRIPT, EMPTY)},
        }

    @property
    def problems(self) -> int:
        return sum(s.problems for s in self.segments)

    def to_dict(self) -> dict:
        return {
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            **self.extra,
            "segments": [s.to_dict() for s in self.segments],
            "summary": self.summary(),
        }


class Checker:
    """Matchers for one language pair, built once and reused for every segment."""

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str) -> None:
        self.glossary = glossary
        self.source_lang = source_lang.split("_")[0]
        self.target_lang = target_lang.split("_")[0]
        self.source_matcher = Matcher(glossary, self.source_lang, (APPROVED, ADMITTED, ALIAS))
        self.target_matcher = Matcher(glossary, self.target_lang, (APPROVED, ADMITTED, ALIAS, FORBIDDEN))
        self.spellings = {
            entry.id: {fold_text(form) for form in entry.terms[self.target_lang].recognised()}
            for entry in glossary
            if self.target_lang in entry.terms
        }
        for entry in glossary:  # a do-not-translate name may stay as it is written in the source
            if entry.do_not_translate and self.target_lang not in entry.terms and self.source_lang in entry.terms:
                self.target_matcher.add(entry.terms[self.source_lang].preferred, entry.id, APPROVED)

    def expected(self, entry: Entry) -> list[str]:
        terms = entry.terms.get(self.target_lang)
        if terms is not None:
            return terms.approved()
        source = entry.terms.get(self.source_lang)
        return [source.preferred] if entry.do_not_translate and source else []

    def source_terms(self, source: str) -> list[Match]:
        matches = self.source_matcher.find(source, nested=True)
        return [m for m in matches if self.expected(self.glossary.entries[m.entry_id])]

    def term_checks(self, source: str, target: str) -> list[TermCheck]:
        """Each source term against the target. A target span can vouch for one entry only
        (the one it spells most exactly), so that "infectée" cannot stand for both "infected"
        and "infection"; several mentions of one entry need only one rendering (pronouns)."""
        in_source = self.source_terms(source)
        wanted = list(dict.fromkeys(m.entry_id for m in in_source))
        found: dict[str, list[Match]] = {entry_id: [] for entry_id in wanted}
        for match in self.target_matcher.find(target, nested=True):
            if match.entry_id in found:
                found[match.entry_id].append(match)
        spans = {e: {(m.start, m.end) for m in in_source if m.entry_id == e} for e in wanted}
        verdicts: dict[str, tuple[str, Match | None]] = {}
        used: dict[tuple[int, int], str] = {}  # target span → the entry it vouches for

        def free(match: Match, entry_id: str) -> bool:
            owner = used.get((match.start, match.end))
            return owner is None or any(_overlap(a, b) for a in spans[owner] for b in spans[entry_id])

        # Exact spellings claim their spans first, then inflected ones; the most constrained entry
        # first; an entry mentioned k times in the source may claim up to k spans.
        claimed: dict[str, list[Match]] = {entry_id: [] for entry_id in wanted}
        for exact_only in (True, False):
            for entry_id in sorted(wanted, key=lambda e: len(found[e])):
                if entry_id in verdicts:
                    continue
                forbidden = [m for m in found[entry_id] if m.category == FORBIDDEN]
                if forbidden:
                    verdicts[entry_id] = (TERM_FORBIDDEN, forbidden[0])
                    continue
                available = [m for m in found[entry_id]
                             if free(m, entry_id) and m not in claimed[entry_id] and (self.exact(m) or not exact_only)]
                available.sort(key=lambda m: (m.category != APPROVED, not self.exact(m)))
                for match in available[: len(spans[entry_id]) - len(claimed[entry_id])]:
                    used.setdefault((match.start, match.end), entry_id)
                    claimed[entry_id].append(match)
        for entry_id in wanted:
            if entry_id not in verdicts and claimed[entry_id]:
                best = min(claimed[entry_id], key=lambda m: (m.category != APPROVED, not self.exact(m)))
                verdicts[entry_id] = (TERM_OK if best.category == APPROVED else TERM_VARIANT, best)
            verdicts.setdefault(entry_id, (TERM_MISSING, None))
        checks = []
        for match in in_source:
            entry = self.glossary.entries[match.entry_id]
            status, hit = verdicts[entry.id]
            checks.append(
                TermCheck(entry.id, match.text, match.start, match.end, self.expected(entry),
                          hit.text if hit else None, status)
            )
        return checks

    def exact(self, match: Match) -> bool:
        """The span spells one of the entry's forms as it is (not an inflection of one)."""
        return fold_text(match.text) in self.spellings.get(match.entry_id, ())

    def check(self, index: int, source: str, target: str, origin: str = "") -> SegmentReport:
        report = SegmentReport(index, source, target, origin=origin)
        report.terms = self.term_checks(source, target)
        report.numbers = compare(source, target, self.source_lang, self.target_lang)
        report.notes = [f"{n.source.text}: {n.note}" for n in report.numbers if n.note]
        report.flags = self.flags(source, target)
        return report

    def flags(self, source: str, target: str) -> list[str]:
        if source.strip() and not target.strip():
            return [EMPTY]
        flags = []
        letters = [ch for ch in target if ch.isalpha()]
        if _untranslated(source, target) and self.source_lang != self.target_lang:
            flags.append(UNTRANSLATED)
        script = _RTL_SCRIPTS.get(self.target_lang)
        if letters:
            share = sum(unicodedata.name(ch, "").startswith(script or "ARABIC") for ch in letters) / len(letters)
            if (script and share < 0.5) or (not script and share > 0.5):
                flags.append(WRONG_SCRIPT)
        return flags


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def fold_text(text: str) -> str:
    return " ".join(fold(t.text) for t in tokens(text))


def _untranslated(source: str, target: str) -> bool:
    def words(text: str) -> list[str]:
        return [w.casefold() for w in "".join(ch if ch.isalnum() else " " for ch in text).split()]

    source_words = words(source)
    return len(source_words) >= 3 and source_words == words(target)


def summary_line(summary: dict) -> str:
    """A report's summary in one line: "terms 40/42 ok, 2 missing; figures 18/18 ok"."""
    terms, numbers, flags = summary["terms"], summary["numbers"], summary["flags"]
    parts = [
        f"terms {terms['ok']}/{terms['total']} ok"
        + "".join(f", {terms[k]} {k}" for k in (TERM_VARIANT, TERM_MISSING, TERM_FORBIDDEN) if terms[k]),
        f"figures {numbers['ok']}/{numbers['total']} ok"
        + "".join(f", {numbers[k]} {k}" for k in ("missing", "changed") if numbers[k]),
    ]
    parts += [f"{count} {flag.replace('_', ' ')}" for flag, count in flags.items() if count]
    return "; ".join(parts)


def read_aligned(source: Path, translation: Path) -> list[tuple[str, str]]:
    """Two line-aligned UTF-8 files as (source line, translation line) pairs."""
    from briefing.sources.reading import decode

    texts = [decode(path.read_bytes(), path).splitlines() for path in (source, translation)]
    if len(texts[0]) != len(texts[1]):
        raise UsageError(
            f"{source} has {len(texts[0])} lines but {translation} has {len(texts[1])}; "
            "check compares line-aligned files"
        )
    return list(zip(*texts, strict=True))


def check_pairs(
    pairs: Iterable[tuple[str, str]], glossary: Glossary, source_lang: str, target_lang: str
) -> Report:
    checker = Checker(glossary, source_lang, target_lang)
    segments = [checker.check(i, s, t) for i, (s, t) in enumerate(pairs) if s.strip() or t.strip()]
    return Report(source_lang, target_lang, segments)
