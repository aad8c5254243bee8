"""`memory import`: reviewers' corrections (edited briefings, a CAT tool's TMX) into the segment
memory, each checked for what it breaks before it is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.addresses import Location
from briefing.errors import BriefingError, Cancelled, UsageError
from briefing.glossary.model import Glossary
from briefing.pipeline.callbacks import SILENT, Callbacks, Notice
from briefing.pipeline.settings import for_call
from briefing.quality.checking import Checker
from briefing.settings import Settings
from briefing.translation.ledger import mark_imported
from briefing.translation.memory import open_memory
from briefing.translation.memory_rows import SegmentMemory
from briefing.translation.reviewing import Correction, read_review, risks


@dataclass(frozen=True)
class ImportRequest:
    files: Sequence[Path]
    accept_changes: bool = False  # record corrections that change a figure or drop a name, too
    glossary_paths: Sequence[Path] = ()  # the names to protect; none found: names are not checked
    memory: Location | None = None  # a file or postgresql://…; none: $BRIEFING_MEMORY, else the default
    settings: Settings | None = None  # none: the face's, else this process's environment


@dataclass
class FileImport:
    """What became of one file: an error that kept it out, or what was recorded and why not the rest."""

    path: Path
    error: str = ""
    recorded: int = 0
    unchanged: int = 0  # sentences the reviewer left as they were
    refused: list[tuple[str, list[str]]] = field(default_factory=list)  # (sentence, what its correction breaks)
    notes: list[str] = field(default_factory=list)  # how the file was read
    skipped: list[str] = field(default_factory=list)  # changes that could not be paired with a sentence


@dataclass
class ImportResult:
    files: list[FileImport]

    @property
    def recorded(self) -> int:
        return sum(f.recorded for f in self.files)

    @property
    def failed(self) -> int:
        return sum(bool(f.error) for f in self.files)

    @property
    def nothing_imported(self) -> bool:
        """Changes were found, and none of them could be recorded."""
        return not self.recorded and any(f.refused or f.skipped for f in self.files)


def import_corrections(request: ImportRequest, callbacks: Callbacks = SILENT) -> ImportResult:
    """Record each file's corrections; one unreadable file never keeps the others out. A file
    imported whole is marked so, so that the next `translate` may replace it."""
    with for_call(request.settings):
        glossary = optional_glossary(request.glossary_paths)
        return _import_files(request, glossary, callbacks)


def _import_files(request: ImportRequest, glossary: Glossary, callbacks: Callbacks) -> ImportResult:
    checkers: dict[tuple[str, str], Checker] = {}
    with open_memory(request.memory, lambda text: callbacks.notice(Notice("note", text))) as memory:
        return ImportResult([_import_file(path, memory, glossary, checkers, request.accept_changes)
                             for path in request.files])


@dataclass
class Recorded:
    """What became of a set of corrections: how many were recorded, and the refused ones with
    what each breaks (a figure changed, a glossary name dropped)."""

    recorded: int = 0
    refused: list[tuple[str, list[str]]] = field(default_factory=list)  # (sentence, what its correction breaks)


def record_corrections(corrections: Sequence[Correction], memory: SegmentMemory, glossary: Glossary,
                       accept_changes: bool = False, origin: str = "",
                       checkers: dict[tuple[str, str], Checker] | None = None) -> Recorded:
    """Record human corrections in the memory, each checked against its source first: one that
    changes a figure or drops a glossary name is refused with the reason, unless accepted.
    `origin`: where they came from (a file, a reviewer); `checkers`: reused across calls."""
    checkers = {} if checkers is None else checkers
    outcome, accepted = Recorded(), []
    for correction in corrections:
        key = (correction.source_lang, correction.target_lang)
        checker = checkers.get(key) or checkers.setdefault(key, Checker(glossary, *key))
        found = risks(correction, checker)
        if found and not accept_changes:
            outcome.refused.append((correction.sentence, found))
        else:
            accepted.append(correction)
    # kept under its locale (fr_CA): a translation into it is then made apart (`job.glossary_tables`)
    memory.record_edits([(c.source_lang, c.target_lang, c.sentence, c.target) for c in accepted], origin)
    outcome.recorded = len(accepted)
    return outcome


def _import_file(path: Path, memory: SegmentMemory, glossary: Glossary, checkers: dict[tuple[str, str], Checker],
                 accept_changes: bool) -> FileImport:
    try:
        review = read_review(path)
    except BriefingError as err:
        return FileImport(path, error=str(err))
    outcome = FileImport(path, unchanged=review.sentences - len(review.corrections), notes=list(review.notes),
                         skipped=list(review.skipped))
    try:
        recorded = record_corrections(review.corrections, memory, glossary, accept_changes, str(path), checkers)
    except Cancelled:
        raise
    except BriefingError as err:  # this file's rows refused by the store: the other files still go in
        return FileImport(path, error=f"{path}: not recorded: {err}")
    outcome.recorded, outcome.refused = recorded.recorded, recorded.refused
    if not outcome.refused and not outcome.skipped:
        mark_imported(path)  # a re-run may now replace it
    return outcome


def optional_glossary(paths: Sequence[Path]) -> Glossary:
    """The glossary of `paths` (or the configured one); none found: an empty one, names not checked."""
    from briefing.glossary.files import load

    try:
        return load(paths)
    except UsageError:  # no glossary: names are not checked
        return Glossary()
