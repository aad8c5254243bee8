"""A briefing under review, sentence by sentence: each machine, edited or confirmed, kept beside
the briefing (NAME.LANG.review.json) so that it survives a restart and a re-run; an edit is
checked as the reviewer makes it (the same checker as `check`), and a confirmation records the
sentence in the segment memory through the same guards as `memory import`. Two reviewers never
overwrite each other silently: each save names the version it started from, and a sentence
changed meanwhile is refused and shown. What the review desk's page calls; nothing here knows HTTP.

The state is keyed by the source sentence (and its occurrence), not its number, so that a re-run
whose sentences moved still finds what was confirmed.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefing import atomic
from briefing.errors import BriefingError
from briefing.glossary.model import Glossary
from briefing.quality.checking import Checker, SegmentReport
from briefing.quality.statuses import ReviewStatus
from briefing.translation.briefing_file import BriefingFile
from briefing.translation.memory_rows import SegmentMemory

STATE_SUFFIX = ".review.json"


@dataclass(frozen=True)
class Row:
    """One sentence as the review page shows it."""

    index: int
    block: int
    kind: str  # heading, paragraph, quote, cell
    cell: tuple[int, int, int] | None
    source: str
    target: str  # the current text: the reviewer's where there is one
    status: ReviewStatus
    version: int  # 0 until first saved; each save adds one
    findings: list[str] = field(default_factory=list)  # what the checker says of the current text
    terms: list[dict] = field(default_factory=list)  # the glossary names of the sentence and how they came out
    by: str = ""
    confidence: float | None = None  # the model's, for the machine text


@dataclass(frozen=True)
class Saved:
    row: Row


@dataclass(frozen=True)
class Refused:
    """A confirmation the guards hold back (a figure changed, a glossary name dropped): it needs
    an explicit accept."""

    reasons: list[str]


@dataclass(frozen=True)
class Conflict:
    """The sentence was saved by someone else since this reviewer read it: theirs, as it is now."""

    row: Row


class Review:
    def __init__(self, briefing_json: Path, glossary: Glossary | None = None) -> None:
        self.path = briefing_json
        self.briefing = BriefingFile.parse(briefing_json.read_text(encoding="utf-8"), briefing_json)
        self.state_path = briefing_json.with_name(briefing_json.name[: -len(".json")] + STATE_SUFFIX)
        self.glossary = glossary or Glossary()
        self.checker = Checker(self.glossary, self.briefing.source_lang,
                               self.briefing.target_locale or self.briefing.target_lang)
        occurrences: Counter[str] = Counter()
        self._keys = []
        for segment in self.briefing.segments:
            occurrences[segment.source] += 1
            self._keys.append(f"{segment.source}\x1f{occurrences[segment.source]}")

    # ---- reading -----------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        states = self._states()
        return [self._row(index, states.get(self._keys[index])) for index in range(len(self.briefing.segments))]

    def row(self, index: int) -> Row:
        self._in_range(index)
        return self._row(index, self._states().get(self._keys[index]))

    def check(self, index: int, target: str) -> SegmentReport:
        """The checker's report on a text the reviewer is typing for sentence `index`."""
        self._in_range(index)
        return self.checker.check(index, self.briefing.segments[index].source, target)

    def counts(self) -> dict[str, int]:
        rows = self.rows()
        return {"sentences": len(rows), "flagged": sum(bool(r.findings) for r in rows),
                "confirmed": sum(r.status == ReviewStatus.CONFIRMED for r in rows)}

    def rendered(self, fmt: str) -> tuple[str, bytes]:
        """The briefing in a format (md, json, html, pdf, docx, xliff), rewritten from the
        reviewed sentences: (file name, bytes)."""
        from briefing.output.formats import output_format
        from briefing.output.rendering import briefing_bytes

        name = f"{self.path.name[: -len('.json')]}.{output_format(fmt).file_suffix}"
        return name, briefing_bytes(self.reviewed(), [fmt], self.glossary)[fmt]

    def reviewed(self):
        """The briefing as a Briefing of the pipeline, each sentence as the review has it (a
        confirmed one marked human), checked again: what the renderers print."""
        import datetime as dt

        from briefing.languages import parse_language
        from briefing.quality.checking import Report
        from briefing.sources.document import Block, Document, title_place
        from briefing.translation.model_ref import ModelRef
        from briefing.translation.types import Briefing, Segment

        data = self.briefing
        blocks = tuple(Block(b.kind, b.source, b.cell, b.align) for b in data.blocks)
        date = None
        if data.date:
            try:
                date = dt.date.fromisoformat(data.date)
            except ValueError:
                date = None
        name = self.path.name[: -len(".json")].rsplit(".", 1)[0]
        document = Document(Path(data.source or name), blocks, date, data.title,
                            {"url": data.source_url} if data.source_url else {}, name, data.dropped,
                            title_place([(b.text, b.cell) for b in blocks], data.title))
        rows = self.rows()
        segments = [Segment(s.index, s.block, s.start, s.end, s.source, row.target, s.model_input or "", (),
                            "human" if row.status == ReviewStatus.CONFIRMED else s.origin, s.confidence)
                    for s, row in zip(data.segments, rows, strict=True)]
        route = [ModelRef(str(m.get("package", "")), str(m.get("version", "")), *(list(m.get("pair") or ["", ""]))[:2])
                 for m in data.model.get("route", []) if isinstance(m, dict)]
        report = Report(self.checker.source_lang, self.checker.target_lang,
                        [self.checker.check(s.index, s.source, s.target, s.origin) for s in segments])
        return Briefing(document, data.source_lang, parse_language(data.target_locale or data.target_lang), segments,
                        route, report)

    # ---- saving ------------------------------------------------------------------------------

    def save(self, index: int, target: str, version: int, *, confirm: bool = False, accept: bool = False,
             memory: SegmentMemory | None = None, by: str = "") -> Saved | Refused | Conflict:
        """Keep the reviewer's text of sentence `index` (read at `version`); with `confirm`,
        record it in `memory` as a human translation first, through the import guards."""
        self._in_range(index)
        target = " ".join(target.split())
        if not target:
            raise BriefingError("an empty translation cannot be saved")
        with atomic.locked(self._lock_path(), 30, BriefingError):
            states = self._states()
            key = self._keys[index]
            current = states.get(key, {})
            if int(current.get("version", 0)) != version:
                return Conflict(self._row(index, current))
            if confirm:
                refused = self._record(index, target, accept, memory, by)
                if refused:
                    return Refused(refused)
            states[key] = {"status": ReviewStatus.CONFIRMED if confirm else ReviewStatus.EDITED, "target": target,
                           "version": version + 1, "by": by, "at": time.time()}
            atomic.write_text(self.state_path, json.dumps({"sentences": states}, ensure_ascii=False, indent=1) + "\n")
            return Saved(self._row(index, states[key]))

    def _record(self, index: int, target: str, accept: bool, memory: SegmentMemory | None, by: str) -> list[str]:
        from briefing.pipeline.importing import record_corrections
        from briefing.translation.reviewing import Correction

        if memory is None:
            raise BriefingError("confirming needs the segment memory (the server runs with --no-memory)")
        segment = self.briefing.segments[index]
        correction = Correction(self.briefing.source_lang, self.briefing.locale, segment.source, target)
        outcome = record_corrections([correction], memory, self.glossary, accept, origin=by or "review",
                                     checkers={(correction.source_lang, correction.target_lang): self.checker})
        return [reason for _, found in outcome.refused for reason in found]

    # ---- the state file ------------------------------------------------------------------------

    def _lock_path(self) -> Path:
        return self.state_path.with_name(self.state_path.name + ".lock")

    def _states(self) -> dict[str, dict]:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as err:
            raise BriefingError(f"{self.state_path}: the review's state is damaged ({err}); nothing was changed") \
                from None
        sentences = data.get("sentences") if isinstance(data, dict) else None
        return {k: v for k, v in sentences.items() if isinstance(v, dict)} if isinstance(sentences, dict) else {}

    def _row(self, index: int, state: dict | None) -> Row:
        segment = self.briefing.segments[index]
        block = self.briefing.blocks[segment.block] if segment.block < len(self.briefing.blocks) else None
        state = state or {}
        target = state.get("target") if isinstance(state.get("target"), str) else segment.target
        try:
            status = ReviewStatus(state.get("status", ReviewStatus.MACHINE))
        except ValueError:
            status = ReviewStatus.MACHINE
        report = self.checker.check(index, segment.source, target)
        terms = [{"entry": t.entry, "source_text": t.source_text, "target_text": t.target_text,
                  "expected": t.expected, "status": t.status, "forms": self.forms(t.entry)} for t in report.terms]
        return Row(index, segment.block, block.kind if block else "paragraph", block.cell if block else None,
                   segment.source, target, status, int(state.get("version", 0)), report.problem_lines(), terms,
                   str(state.get("by", "")), segment.confidence)

    def forms(self, entry_id: str) -> dict[str, str]:
        """An entry's preferred form in every language the glossary has for it."""
        entry = self.glossary.entries.get(entry_id)
        return {lang: terms.preferred for lang, terms in entry.terms.items()} if entry else {}

    def _in_range(self, index: int) -> None:
        if not 0 <= index < len(self.briefing.segments):
            raise BriefingError(f"{self.path.name} has no sentence {index}")
