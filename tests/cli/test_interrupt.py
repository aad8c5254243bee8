"""Ctrl+C during a long translation: the first stops cleanly (exit 130, nothing written), the
second aborts at once."""

import os
import signal
import subprocess
import sys
import time

from tests.conftest import ROOT

# one worker and a wide beam: the run lasts long enough for every moment the tests signal it
SLOW = ["--threads", "1", "--beam-size", "6"]


def long_source(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(f"Report {i}: clashes in Jableh killed {i * 7} people, residents said on Friday."
                                for i in range(2500)), encoding="utf-8")
    return path


def start(tmp_path, source):
    process = subprocess.Popen([sys.executable, "-m", "briefing", "translate", str(source), "--to", "fr", "--out",
                                str(tmp_path / "out"), "--no-memory", *SLOW], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # past start-up and model loading: the batch is running (or, on a slow machine, not yet)
    return process


def test_the_first_ctrl_c_stops_after_the_batch_and_writes_nothing(installed_models, tmp_path):
    process = start(tmp_path, long_source(tmp_path))
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "stopping after the current batch" in stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_second_ctrl_c_aborts_at_once(installed_models, tmp_path):
    process = start(tmp_path, long_source(tmp_path))
    process.send_signal(signal.SIGINT)
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=10)
    assert process.returncode in (130, -signal.SIGINT)  # ended by the signal itself: the shell shows 130
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_ctrl_c_is_answered_at_once_whatever_the_run_is_doing(installed_models, tmp_path):
    """Start-up, reading, handing thousands of sentences to CTranslate2, translating: at every
    moment one Ctrl+C ends the run within a second or so, writing nothing (CTranslate2 blocking
    the main thread used to hold the signal back until the whole batch was queued)."""
    source = long_source(tmp_path)
    for delay in (0.5, 1.5, 2.5, 3.5):
        process = subprocess.Popen([sys.executable, "-m", "briefing", "translate", str(source), "--to", "fr", "--out",
                                    str(tmp_path / "out"), "--no-memory", *SLOW], cwd=ROOT, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=5)
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_sigterm_ends_any_phase_cleanly(installed_models, tmp_path):
    """A service manager's SIGTERM, whatever the run is doing: exit 143, no crash, no core file,
    nothing written (CTranslate2's threads used to be torn down under it: a segfault)."""
    source = long_source(tmp_path)
    for delay in (1.0, 3.0, 4.5):
        process = subprocess.Popen([sys.executable, "-m", "briefing", "translate", str(source), "--to", "fr", "--out",
                                    str(tmp_path / "out"), "--no-memory", *SLOW], cwd=tmp_path, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
        assert process.returncode == 143, (delay, process.returncode, stderr)
        assert "Traceback" not in stderr and not list(tmp_path.glob("core*"))
        assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
