"""How a run talks to whoever started it: progress by phase, notices as they happen, and
cancellation (Ctrl+C), without knowing whether a terminal, a test or a worker listens."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal

from briefing.errors import Cancelled

Advance = Callable[[int], None]
Level = Literal["error", "warning", "note", "info"]
READING_PHASE, TRANSLATING_PHASE, WRITING_PHASE = "Reading", "Translating", "Writing"  # a run's phases


@dataclass(frozen=True)
class Notice:
    """Something the user should read: a source that could not be read (error), a run without
    a glossary (warning), a renamed output (note), sources skipped (info)."""

    level: Level
    text: str


@contextlib.contextmanager
def _no_progress(label: str, total: int) -> Iterator[Advance]:
    yield lambda n=1: None


def _ignore(notice: Notice) -> None:
    return None


def _never() -> bool:
    return False


@dataclass(frozen=True)
class Callbacks:
    progress: Callable[[str, int], AbstractContextManager[Advance]] = _no_progress  # a phase: label, total
    notice: Callable[[Notice], None] = _ignore
    cancelled: Callable[[], bool] = _never

    @contextlib.contextmanager
    def phase(self, label: str, total: int) -> Iterator[Advance]:
        """A phase's progress callback, which raises `Cancelled` once the run is to stop."""
        with self.progress(label, total) as advance:
            def checked(n: int = 1) -> None:
                advance(n)
                self.check()

            yield checked

    def check(self) -> None:
        if self.cancelled():
            raise Cancelled("interrupted: nothing written")


SILENT = Callbacks()  # no progress shown, notices dropped, never cancelled
