"""Runs started by a face (the review desk's upload), each in a thread of its own over the warm
engine: the uploaded documents kept in a private folder, translated by the same `translate` as
the command line into the served folder, with their progress by phase, their notices, and a
cancel that stops after the current batch and writes nothing (Ctrl+C's equivalent)."""

from __future__ import annotations

import contextlib
import re
import secrets
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing.errors import BriefingError, Cancelled
from briefing.pipeline.callbacks import Callbacks, Notice
from briefing.pipeline.translate_request import TranslateRequest
from briefing.settings import Settings
from briefing.translation.translator import Translator

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"


@dataclass
class RunState:
    id: str
    documents: list[str]
    targets: list[str]
    state: str = QUEUED
    phase: str = ""
    done: int = 0
    total: int = 0
    notices: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # the briefing files (names in the served folder)
    error: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "documents": self.documents, "targets": self.targets, "state": self.state,
                "phase": self.phase, "done": self.done, "total": self.total, "notices": self.notices,
                "written": self.written, "error": self.error}


class Runs:
    def __init__(self, settings: Settings, engine: Translator, request: TranslateRequest) -> None:
        """`request`: what every run shares (the served folder as out_dir, glossary, memory,
        formats); each run adds its sources and targets."""
        self.settings, self.engine, self.template = settings, engine, request
        self._states: dict[str, RunState] = {}
        self._stops: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._one_at_a_time = threading.Lock()  # runs share the engine's workers: one after another

    def start(self, documents: Sequence[tuple[str, bytes]], targets: Sequence[str]) -> RunState:
        if not documents:
            raise BriefingError("no document to translate")
        if not targets:
            raise BriefingError("no target language chosen")
        run = RunState(secrets.token_hex(8), [name for name, _ in documents], list(targets))
        folder = Path(tempfile.mkdtemp(prefix="briefing-run-"))
        for name, data in documents:
            safe = re.sub(r"[^\w.\-]", "_", Path(name).name)[-100:] or "document.txt"
            (folder / safe).write_bytes(data)
        with self._lock:
            self._states[run.id], self._stops[run.id] = run, threading.Event()
        threading.Thread(target=self._run, args=(run, folder), name=f"run-{run.id}", daemon=True).start()
        return run

    def state(self, run_id: str) -> RunState | None:
        with self._lock:
            return self._states.get(run_id)

    def all(self) -> list[RunState]:
        with self._lock:
            return list(self._states.values())

    def cancel(self, run_id: str) -> bool:
        stop = self._stops.get(run_id)
        if stop is None:
            return False
        stop.set()
        return True

    def _run(self, run: RunState, folder: Path) -> None:
        from briefing.pipeline.translating import translate

        stop = self._stops[run.id]

        @contextlib.contextmanager
        def progress(label: str, total: int):
            run.phase, run.done, run.total = label, 0, total

            def advance(n: int = 1) -> None:
                run.done += n
            yield advance

        callbacks = Callbacks(progress, lambda notice: run.notices.append(_line(notice)), stop.is_set)
        request = replace(self.template, sources=sorted(folder.iterdir()), targets=run.targets, force=False)
        try:
            with self._one_at_a_time:
                if stop.is_set():
                    raise Cancelled("cancelled before it started")
                run.state = RUNNING
                result = translate(request, callbacks, engine=self.engine)
            run.written = [p.name for p in result.written if p.name.endswith(".json") and not
                           p.name.endswith(".qa.json")]
            run.state = FAILED if result.failures and not result.written else DONE
            run.error = "; ".join(result.failures)
        except Cancelled:
            run.state = CANCELLED
        except BriefingError as err:
            run.state, run.error = FAILED, str(err)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def _line(notice: Notice) -> str:
    return notice.text if notice.level == "info" else f"{notice.level}: {notice.text}"
