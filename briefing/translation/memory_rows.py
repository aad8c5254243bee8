"""What a segment memory holds, whatever keeps it (a SQLite file, a PostgreSQL server): the two
kinds of rows and how they are keyed, and what a store offers (`SegmentMemory`), defined once so
that both stores find the same rows and the job, the import and a server use either alike."""

from __future__ import annotations

import hashlib
import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from briefing import settings

MACHINE, HUMAN = "machine", "human"


def wait_limit() -> float:
    """Seconds to wait for another process writing the memory ($BRIEFING_MEMORY_WAIT, 300)."""
    try:
        value = float(settings.current().environment.get("BRIEFING_MEMORY_WAIT", "300"))
    except ValueError:
        return 300.0
    return max(0.0, value) if math.isfinite(value) else 300.0


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def machine_key(model: str, source_lang: str, target_lang: str, model_input: str) -> str:
    """A machine translation: what the model saw, through which route, between which languages."""
    return _key("m", model, source_lang, target_lang, model_input)


def human_key(source_lang: str, target_lang: str, sentence: str) -> str:
    """A reviewer's correction: the source sentence and the languages alone."""
    return _key("h", source_lang, target_lang, sentence)


@dataclass(frozen=True)
class Pair:
    source_lang: str
    target_lang: str
    sentence: str
    target: str
    origin: str  # machine or human
    by: str = ""  # a correction's source: the file or the reviewer it came from
    created: float = 0.0  # when it was recorded (seconds since the epoch)


class SegmentMemory(Protocol):
    """A segment memory, SQLite or PostgreSQL: machine output keyed on the model and its input,
    reviewers' corrections keyed on the sentence (a correction always wins). A context manager."""

    def lookup(self, model: str, source_lang: str, target_lang: str, inputs: Iterable[str]) -> dict[str, str]:
        """The stored translations of those model inputs that have one."""

    def store(self, model: str, source_lang: str, target_lang: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record (model input, source sentence, model output) rows in one transaction."""

    def edits(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        """Reviewers' corrections of those sentences that have one."""

    def record_edits(self, pairs: Iterable[tuple[str, str, str, str]], origin: str) -> int:
        """(source_lang, target_lang, sentence, corrected target) rows; the newest edit wins."""

    def pairs(self, include_machine: bool = True) -> list[Pair]:
        """Every stored pair (for an export, a listing), oldest first."""

    def forget(self, source_lang: str, target_lang: str, sentence: str) -> int:
        """Remove a reviewer's correction of a sentence (machine output is pruned, not forgotten)."""

    def stats(self) -> dict:
        """Counts per language pair, of machine rows and of corrections."""

    def prune(self, older_than_days: float | None = None, model: str | None = None) -> int:
        """Forget machine translations not used for N days, or those of one model."""

    def close(self) -> None: ...

    def __enter__(self) -> SegmentMemory: ...

    def __exit__(self, *exc) -> None: ...


class CacheOnly:
    """A run's view of its memory: a cache that may fail without costing the run. The first
    failure (disk full, server gone) is kept as one line and the memory is left out from then
    on; the briefings are the product and are written all the same, the run exiting non-zero."""

    def __init__(self, memory: SegmentMemory) -> None:
        self.memory = memory
        self.failure: str | None = None

    def _tried(self, operation, fallback):
        if self.failure is None:
            from briefing.errors import BriefingError, Cancelled

            try:
                return operation()
            except Cancelled:
                raise
            except (BriefingError, OSError, sqlite3.Error) as err:
                self.failure = " ".join(str(err).split()) or type(err).__name__
        return fallback

    def lookup(self, model: str, source_lang: str, target_lang: str, inputs: Iterable[str]) -> dict[str, str]:
        return self._tried(lambda: self.memory.lookup(model, source_lang, target_lang, inputs), {})

    def store(self, model: str, source_lang: str, target_lang: str, rows: Iterable[tuple[str, str, str]]) -> None:
        self._tried(lambda: self.memory.store(model, source_lang, target_lang, rows), None)

    def edits(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        return self._tried(lambda: self.memory.edits(source_lang, target_lang, sentences), {})
