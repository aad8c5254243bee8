"""QA of a translation against its source: glossary terms, figures, untranslated or wrong-script
lines. Works on any translation, machine or human; produces the design's JSON report."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.glossary.model import NAME_KINDS, Entry, Glossary
from briefing.quality.aligning import Unit, align_paragraphs, pair_cost
from briefing.quality.analysis import SourceAnalysis, analyse, source_matcher
from briefing.quality.figures import digit_runs
from briefing.quality.forms import corresponding_form, same_spelling
from briefing.quality.matching import ADMITTED, ALIAS, APPROVED, FORBIDDEN, Match, Matcher, matcher_for
from briefing.quality.near_misses import find_near_miss
from briefing.quality.numbers import OK, NumberCheck, pair
from briefing.quality.statuses import FigureStatus, Flag, TermStatus
from briefing.sources.reading import Document
from briefing.words import HIDDEN, SPOOFING, fold, tokens

TERM_OK, TERM_MISSING, TERM_FORBIDDEN, TERM_VARIANT = TermStatus.OK, TermStatus.MISSING, TermStatus.FORBIDDEN, \
    TermStatus.VARIANT
ADMITTED_NOTE = "admitted form"
TERM_FEWER = TermStatus.FEWER
TERM_STATUSES = (TERM_OK, TERM_MISSING, TERM_FORBIDDEN, TERM_VARIANT, TERM_FEWER)
UNTRANSLATED, WRONG_SCRIPT, EMPTY, UNALIGNED, CHECK_ERROR = (Flag.UNTRANSLATED, Flag.WRONG_SCRIPT, Flag.EMPTY,
                                                             Flag.UNALIGNED, Flag.CHECK_ERROR)
_LENGTH_RATIO = {"en": 1.0, "fr": 1.15, "ar": 0.9}  # characters, relative to English
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
    note: str = ""  # why a variant is one: "admitted form", "spelled otherwise", "shorter than …"

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        if not self.note:
            del data["note"]
        return data

    @property
    def problem(self) -> bool:
        """What a reviewer must look at: anything but an approved form or an admitted variant."""
        return self.status != TERM_OK and not (self.status == TERM_VARIANT and self.note == ADMITTED_NOTE)


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
    aligned: tuple[list[int], list[int]] | None = None  # sentence numbers, when aligned by content

    @property
    def problems(self) -> int:
        return (
            sum(t.problem for t in self.terms)
            + sum(n.status != OK for n in self.numbers)
            + len(self.flags)
        )

    def problem_lines(self) -> list[str]:
        """The segment's problems, one short phrase each, for people."""
        lines = [f"term {t.entry} {t.status}" + (f" {t.target_text!r}" if t.target_text else "")
                 + (f", {t.note}" if t.note else "") + f" (expected {t.expected[0]!r})"
                 for t in self.terms if t.problem]
        lines += [f"figure {n.source.text} {n.status}" + (f" → {n.target.text}" if n.target else "")
                  + (f" ({n.change})" if n.change else "") for n in self.numbers if n.status != OK]
        return lines + [flag.replace("_", " ") for flag in self.flags]

    def problem_kinds(self) -> list[str]:
        """What kinds of problem the segment has ("name", "figure", "sentence"), to filter on."""
        return [kind for kind, found in (("name", any(t.problem for t in self.terms)),
                                         ("figure", any(n.status != OK for n in self.numbers)),
                                         ("sentence", bool(self.flags))) if found]

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
        if self.aligned is not None:
            data["aligned"] = {"source_sentences": self.aligned[0], "target_sentences": self.aligned[1]}
        if self.problems:  # worded as the run's QA report words them, for a later run's report to show again
            data["to_verify"], data["kinds"] = self.problem_lines(), self.problem_kinds()
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
                **{status: sum(t.status == status for t in terms) for status in TERM_STATUSES},
            },
            "numbers": {
                "total": len(numbers),
                **{status: sum(n.status == status for n in numbers) for status in FigureStatus},
            },
            "flags": {f: sum(f in s.flags for s in self.segments)
                      for f in (UNTRANSLATED, WRONG_SCRIPT, EMPTY, UNALIGNED, CHECK_ERROR)},
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
    """Matchers for one language pair, built once and reused for every segment. A source may
    be given as text or as the `SourceAnalysis` made once for the run. With `raise_errors`
    (--debug) a check that fails on a segment raises instead of being reported."""

    def __init__(self, glossary: Glossary, source_lang: str, target_lang: str, raise_errors: bool = False) -> None:
        self.glossary = glossary
        self.source_lang = source_lang.split("_")[0]
        self.target_lang = target_lang.split("_")[0]
        self.target_table = target_lang  # a locale (fr_CA) uses its regional forms where there are some
        self.titles = glossary.title_words(self.source_lang)  # the glossary's own titles and honorifics
        self.raise_errors = raise_errors
        self.source_matcher = source_matcher(glossary, self.source_lang)
        # A do-not-translate name may stay in the target as it is written in the source.
        self.target_matcher = matcher_for(glossary, self.target_table, (APPROVED, ADMITTED, ALIAS, FORBIDDEN),
                                          untranslated_from=self.source_lang)
        self._spellings: dict[str, set[str]] = {}  # entry → its target forms, folded; filled as met

    def expected(self, entry: Entry, mention: Match | None = None) -> list[str]:
        """The approved target forms, the one that corresponds to `mention` first."""
        terms = entry.terms_for(self.target_table)
        if terms is None:
            source = entry.terms.get(self.source_lang)
            return [source.preferred] if entry.do_not_translate and source else []
        first = corresponding_form(entry, mention, self.source_lang, self.target_table, self.titles) if mention \
            else None
        return list(dict.fromkeys([first, *terms.approved()] if first else terms.approved()))

    def analysed(self, source: str | SourceAnalysis) -> SourceAnalysis:
        if isinstance(source, SourceAnalysis):
            return source
        return analyse(source, self.source_lang, self.source_matcher, self.glossary)

    def source_terms(self, source: str | SourceAnalysis) -> list[Match]:
        """The source's mentions of entries that have a form to expect in the target."""
        return [m for m in self.analysed(source).mentions if self.expected(self.glossary.entries[m.entry_id])]

    def term_checks(self, source: str | SourceAnalysis, target: str) -> list[TermCheck]:
        """Each source mention against the target.

        Finding is tolerant (inflection, clitics, diacritics, Arabic spelling variants); the
        verdict is strict: `ok` only for an approved form spelled as the glossary spells it, at
        least as long as the form that corresponds to the mention. A target span vouches for one
        entry only (the one it spells most exactly), and an entry named k times in the source
        may claim up to k target spans; mentions left without one are `fewer`.
        """
        in_source = self.source_terms(source)
        wanted = list(dict.fromkeys(m.entry_id for m in in_source))
        found: dict[str, list[Match]] = {entry_id: [] for entry_id in wanted}
        for match in self.target_matcher.find(target, nested=True):
            if match.entry_id in found:
                found[match.entry_id].append(match)
        spans = {e: {(m.start, m.end) for m in in_source if m.entry_id == e} for e in wanted}
        used: dict[tuple[int, int], str] = {}  # target span → the entry it vouches for

        def free(match: Match, entry_id: str) -> bool:
            owner = used.get((match.start, match.end))
            return owner is None or any(_overlap(a, b) for a, b in _pairs(spans[owner], spans[entry_id]))

        # Exact spellings claim their spans first, then inflected ones; the most constrained entry first.
        claimed: dict[str, list[Match]] = {entry_id: [] for entry_id in wanted}
        for exact_only in (True, False):
            for entry_id in sorted(wanted, key=lambda e: len(found[e])):
                available = [m for m in found[entry_id]
                             if free(m, entry_id) and m not in claimed[entry_id] and (self.exact(m) or not exact_only)]
                available.sort(key=lambda m: (m.category != FORBIDDEN, m.category != APPROVED, not self.exact(m)))
                for match in available[: len(spans[entry_id]) - len(claimed[entry_id])]:
                    used.setdefault((match.start, match.end), entry_id)
                    claimed[entry_id].append(match)
        checks = []
        seen: dict[str, int] = {}
        taken = list(used)
        words = tokens(target) if in_source else []  # for near misses: the target cut into words once
        for mention in in_source:
            entry = self.glossary.entries[mention.entry_id]
            rank = seen[entry.id] = seen.get(entry.id, -1) + 1
            hits = sorted(claimed[entry.id], key=lambda m: m.start)
            hit = hits[rank] if rank < len(hits) else None
            expected = self.expected(entry, mention)
            if hit is not None:
                status, note = self.verdict(entry, hit, expected[0], target)
                checks.append(TermCheck(entry.id, mention.text, mention.start, mention.end, expected, hit.text,
                                        status, note))
            else:
                checks.append(self._unfound(entry, mention, expected, (target, words), taken,
                                            TERM_FEWER if hits else TERM_MISSING))
        return checks

    def _unfound(self, entry: Entry, mention: Match, expected: list[str], target: tuple[str, list],
                 taken: list[tuple[int, int]], status: str) -> TermCheck:
        """A mention the target does not name as the glossary writes it: a near miss if one
        stands there (a variant, saying how it deviates), else `status` (missing, fewer)."""
        terms, source = entry.terms_for(self.target_table), entry.terms.get(self.source_lang)
        forms = [*expected, *(terms.admitted if terms else ())]
        others = {"untranslated": source.recognised() if source and not entry.do_not_translate else ()}
        language = entry.terms.get(self.target_lang)
        if language is not None and language is not terms:  # fr for fr_CA: the language's form, not the region's
            others[f"the {self.target_lang} form, not the {self.target_table} one"] = language.approved()
        text, words = target
        miss = find_near_miss(text, forms, self.target_lang, taken, others, words)
        if miss is None:
            return TermCheck(entry.id, mention.text, mention.start, mention.end, expected, None, status)
        taken.append((miss.start, miss.end))
        return TermCheck(entry.id, mention.text, mention.start, mention.end, expected, miss.text, TERM_VARIANT,
                         f"near miss of {miss.form!r}: {miss.deviation}")

    def verdict(self, entry: Entry, hit: Match, expected: str, target: str = "") -> tuple[str, str]:
        """`ok` only for an approved form spelled as the glossary spells it (inflection and clitics
        aside) that names the concept as fully as the expected form; else why not."""
        if hit.category == FORBIDDEN and self._forbidden_spelling(entry, hit):
            return TERM_FORBIDDEN, "forbidden form"
        if hit.category == FORBIDDEN:  # a forbidden misspelling folds to the approved form, which this is
            hit = dataclasses.replace(hit, category=APPROVED)
        if HIDDEN.search(hit.text) or (target and self._spoofed_around(hit, target)):
            return TERM_VARIANT, "hidden characters in or around it"
        if any(unicodedata.normalize("NFKC", ch) != ch for ch in hit.text if not ch.isspace()):
            return TERM_VARIANT, "written with look-alike letters (a ligature, a long s, a styled letter)"
        terms = entry.terms_for(self.target_table)
        name = entry.kind in NAME_KINDS
        if hit.category == ADMITTED and terms and any(same_spelling(hit.text, f, self.target_lang, name)
                                                      for f in terms.admitted):
            return TERM_VARIANT, ADMITTED_NOTE
        if hit.category != APPROVED or not any(same_spelling(hit.text, form, self.target_lang, name)
                                               for form in self.expected(entry)):
            return TERM_VARIANT, f"spelled otherwise than {hit.form!r}"
        if len(tokens(hit.text)) < len(tokens(expected)):
            return TERM_VARIANT, f"shorter than {expected!r}"
        return TERM_OK, ""

    def _forbidden_spelling(self, entry: Entry, hit: Match) -> bool:
        """Whether a span the matcher took for a forbidden form spells it, rather than an approved
        form that folds alike ("Jable" is forbidden, "Jablé" approved: accents are spelling)."""
        name = entry.kind in NAME_KINDS
        terms = entry.terms_for(self.target_table)
        if terms and any(same_spelling(hit.text, form, self.target_lang, name) for form in terms.forbidden):
            return True
        return not any(same_spelling(hit.text, form, self.target_lang, name) for form in self.expected(entry))

    @staticmethod
    def _spoofed_around(hit: Match, target: str) -> bool:
        """A bidi override or isolate before the name in its sentence, or an invisible character
        touching it: what shows is not what is written ("à \u202eJablé" shows "élbaJ")."""
        before, after = target[: hit.start], target[hit.end : hit.end + 1]
        return bool(re.search("[\u202a-\u202e\u2066-\u2068]", before) or SPOOFING.match(after)
                    or (before and SPOOFING.match(before[-1])))

    def exact(self, match: Match) -> bool:
        """The span spells one of the entry's forms as it is (not an inflection of one)."""
        spellings = self._spellings.get(match.entry_id)
        if spellings is None:
            terms = self.glossary.entries[match.entry_id].terms_for(self.target_table)
            spellings = self._spellings[match.entry_id] = {fold_text(f) for f in terms.recognised()} if terms else set()
        return fold_text(match.text) in spellings

    def check(self, index: int, source: str | SourceAnalysis, target: str, origin: str = "") -> SegmentReport:
        """One segment's report. A check that fails on this segment (a bug) is reported as a
        `check_error` of the segment, never allowed to take the briefing down (unless
        `raise_errors`)."""
        source_text = source.text if isinstance(source, SourceAnalysis) else source
        report = SegmentReport(index, source_text, target, origin=origin)
        try:
            analysis = self.analysed(source)
            report.terms = self.term_checks(analysis, target)
            report.numbers = pair(analysis.figures, target, self.target_lang)
            report.notes = [f"{n.source.text}: {n.note}" for n in report.numbers if n.note]
            report.flags = self.flags(source_text, target)
        except Exception as err:
            if self.raise_errors:
                raise
            report.terms, report.numbers, report.flags = [], [], [CHECK_ERROR]
            report.notes = [f"the check failed on this segment: {type(err).__name__}: {err}"]
        return report

    def flags(self, source: str, target: str) -> list[str]:
        if source.strip() and not target.strip():
            return [EMPTY]
        flags = []
        if self.source_lang != self.target_lang and _untranslated(source, target):
            flags.append(UNTRANSLATED)
        script = _RTL_SCRIPTS.get(self.target_lang)
        marks = [mark for mark in map(_script_of(script or "ARABIC"), _LETTERS.findall(target)) if mark is not None]
        if marks:
            share = sum(marks) / len(marks)
            if (script and share < 0.5) or (not script and share > 0.5):
                flags.append(WRONG_SCRIPT)
        return flags


_LETTERS = re.compile(r"[^\W\d_]")  # str.isalpha's letters and a few numerics (²), told apart below
_script_members: dict[str, dict[str, bool | None]] = {}


def _script_of(script: str):
    """For a character, None when it is no letter, else whether its Unicode name begins with
    `script`, remembered per character: a check reads the same few hundred letters again and
    again, and the name lookup was the dear part."""
    known = _script_members.setdefault(script, {})

    def mark(char: str) -> bool | None:
        if char not in known:
            known[char] = unicodedata.name(char, "").startswith(script) if char.isalpha() else None
        return known[char]
    return mark


def _pairs(first, second):
    return ((a, b) for a in first for b in second)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def fold_text(text: str) -> str:
    return " ".join(fold(t.text) for t in tokens(text))


def _untranslated(source: str, target: str) -> bool:
    source_words = _ALNUM_RUNS.findall(source)
    return len(source_words) >= 3 and [w.casefold() for w in source_words] == [
        w.casefold() for w in _ALNUM_RUNS.findall(target)]


_ALNUM_RUNS = re.compile(r"[^\W_]+")  # runs of str.isalnum characters


def summary_line(summary: dict) -> str:
    """A report's summary in one line: "terms 40/42 ok, 2 missing; figures 18/18 ok"."""
    terms, numbers, flags = summary["terms"], summary["numbers"], summary["flags"]
    parts = [
        f"terms {terms['ok']}/{terms['total']} ok"
        + "".join(f", {terms[k]} {k}" for k in (TERM_VARIANT, TERM_MISSING, TERM_FORBIDDEN) if terms[k]),
        f"figures {numbers['ok']}/{numbers['total']} ok"
        + "".join(f", {numbers[k]} {k}" for k in (FigureStatus.MISSING, FigureStatus.CHANGED) if numbers[k]),
    ]
    parts += [f"{count} {flag.replace('_', ' ')}" for flag, count in flags.items() if count]
    return "; ".join(parts)


def line_aligned(source: Path, translation: Path, contents: tuple[bytes, bytes] | None = None
                 ) -> list[tuple[str, str]] | None:
    """Two plain-text files with as many lines as each other, as (source, translation) line
    pairs; None when they are not line-aligned, or not plain text (then `check_documents` aligns
    them). `contents`: their bytes, where they are not (or not only) files."""
    from briefing.sources.reading import decode, read_limited, source_kind

    paths = (source, translation)
    if any(path.suffix.lower() in (".md", ".markdown") for path in paths):
        return None
    contents = contents or [read_limited(path) for path in paths]
    if any(source_kind(path, data) != "text" for path, data in zip(paths, contents, strict=True)):
        return None
    texts = [decode(data, path).splitlines() for path, data in zip(paths, contents, strict=True)]
    if len(texts[0]) != len(texts[1]):
        return None
    return list(zip(*texts, strict=True))


def check_pairs(
    pairs: Iterable[tuple[str, str]], glossary: Glossary, source_lang: str, target_lang: str, raise_errors: bool = False
) -> Report:
    checker = Checker(glossary, source_lang, target_lang, raise_errors)
    segments = [checker.check(i, s, t) for i, (s, t) in enumerate(pairs) if s.strip() or t.strip()]
    return Report(checker.source_lang, checker.target_lang, segments)


def check_documents(source: Document, translation: Document, glossary: Glossary, source_lang: str,
                    target_lang: str, raise_errors: bool = False) -> Report:
    """Check a translation that is not line-aligned with its source: paragraphs and sentences are
    aligned first (figures and glossary names as anchors); each aligned group is a segment, and
    sentences left without a counterpart are segments flagged `unaligned`."""
    from briefing.sources.reading import without_briefing_header
    from briefing.sources.segmenting import sentence_spans

    checker = Checker(glossary, source_lang, target_lang, raise_errors)
    translation = without_briefing_header(translation, keep_title=source.title is not None)

    def paragraphs(document: Document, lang: str, matcher: Matcher) -> list[list[Unit]]:
        units = []
        for block in document.blocks:
            sentences = [block.text[a:b] for a, b in sentence_spans(block.text, lang)]
            units.append([Unit(text, frozenset(digit_runs(text)) | {m.entry_id for m in matcher.find(text)})
                          for text in sentences])
        return [p for p in units if p]

    source_units = paragraphs(source, checker.source_lang, checker.source_matcher)
    target_units = paragraphs(translation, checker.target_lang, checker.target_matcher)
    source_sentences = [u.text for p in source_units for u in p]
    target_sentences = [u.text for p in target_units for u in p]
    segments = []
    ratio = _LENGTH_RATIO.get(checker.target_lang, 1.0) / _LENGTH_RATIO.get(checker.source_lang, 1.0)
    groups = align_paragraphs(source_units, target_units, lambda a, b: pair_cost(a, b, ratio))
    for index, group in enumerate(groups):
        source_text = " ".join(source_sentences[i] for i in group.source)
        target_text = " ".join(target_sentences[j] for j in group.target)
        if group.source and group.target:
            segment = checker.check(index, source_text, target_text)
        else:
            segment = SegmentReport(index, source_text, target_text, flags=[UNALIGNED])
        segment.aligned = (list(group.source), list(group.target))
        segments.append(segment)
    return Report(checker.source_lang, checker.target_lang, segments, extra={"alignment": "paragraphs and sentences"})
