"""`memory import`: reviewers' corrections (edited briefings, a CAT tool's TMX) into the segment
memory, each checked for what it breaks before it is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.addresses import Location
from briefing.errors import BriefingError, UsageError
from briefing.glossary.model import Glossary
from briefing.pipeline.callbacks import SILENT, Callbacks, Notice
from briefing.quality.checking import Checker
from briefing.translation.memory import Memory, open_memory
from briefing.translation.reviewing import Correction, mark_imported, read_review, risks


@dataclass(frozen=True)
class ImportRequest:
    files: Sequence[Path]
    accept_changes: bool = False  # record corrections that change a figure or drop a name, too
    glossary_paths: Sequence[Path] = ()  # the names to protect; none found: names are not checked
    memory: Location | None = None  # a file or postgresql://…; none: $BRIEFING_MEMORY, else the default


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
    glossary = _optional_glossary(request.glossary_paths)
    checkers: dict[tuple[str, str], Checker] = {}
    with open_memory(request.memory, lambda text: callbacks.notice(Notice("note", text))) as memory:
        return ImportResult([_import_file(path, memory, glossary, checkers, request.accept_changes)
                             for path in request.files])


def _import_file(path: Path, memory: Memory, glossary: Glossary, checkers: dict[tuple[str, str], Checker],
                 accept_changes: bool) -> FileImport:
    try:
        review = read_review(path)
    except BriefingError as err:
        return FileImport(path, error=str(err))
    outcome = FileImport(path, unchanged=review.sentences - len(review.corrections), notes=list(review.notes),
                         skipped=list(review.skipped))
    accepted: list[Correction] = []
    for correction in review.corrections:
        key = (correction.source_lang, correction.target_lang)
        checker = checkers.setdefault(key, Checker(glossary, *key))
        found = risks(correction, checker)
        if found and not accept_changes:
            outcome.refused.append((correction.sentence, found))
        else:
            accepted.append(correction)
    memory.record_edits([(c.source_lang, c.target_lang, c.sentence, c.target) for c in accepted], str(path))
    outcome.recorded = len(accepted)
    if not outcome.refused and not outcome.skipped:
        mark_imported(path)  # a re-run may now replace it
    return outcome


def _optional_glossary(paths: Sequence[Path]) -> Glossary:
    from briefing.glossary.files import load

    try:
        return load(paths)
    except UsageError:  # no glossary: names are not checked
        return Glossary()
