"""Runs a face starts (the review desk's uploads): translated by the same `translate` into the
served folder, with progress; a cancelled run writes nothing."""

from __future__ import annotations

import time

from briefing.pipeline.runs import CANCELLED, DONE, Runs
from briefing.pipeline.settings import resolve
from briefing.pipeline.translate_request import TranslateRequest
from briefing.translation.engine import Engine
from tests.conftest import ROOT


def runs(tmp_path) -> Runs:
    return Runs(resolve(), Engine(), TranslateRequest(sources=(), targets=(), out_dir=tmp_path / "out",
                                                      glossary_paths=[ROOT / "glossary"], use_memory=False))


def finished(manager: Runs, run_id: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = manager.state(run_id)
        if state.state not in ("queued", "running"):
            return state
        time.sleep(0.05)
    raise AssertionError("the run did not end")


def test_an_uploaded_document_becomes_a_briefing_with_its_progress(installed_models, tmp_path):
    manager = runs(tmp_path)
    run = manager.start([("coast.txt", b"Residents fled Baniyas on Friday.\n")], ["fr", "ar"])
    ended = finished(manager, run.id)
    assert ended.state == DONE and sorted(ended.written) == ["coast.ar.json", "coast.fr.json"]
    assert ended.phase == "Writing" and ended.done == ended.total == 2
    assert "Banias" in (tmp_path / "out" / "coast.fr.md").read_text(encoding="utf-8")


def test_a_cancelled_run_writes_nothing(installed_models, tmp_path):
    manager = runs(tmp_path)
    long = "\n\n".join(f"Report {i}: clashes in Jableh killed {i * 7} people." for i in range(3000)).encode()
    run = manager.start([("long.txt", long)], ["fr"])
    assert manager.cancel(run.id)
    assert finished(manager, run.id).state == CANCELLED
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
