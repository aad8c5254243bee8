"""Ctrl+C during a long translation: the first stops cleanly (exit 130, nothing written), the
second aborts at once."""

import os
import pty
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # signals to real processes

# one worker and a wide beam: the run lasts long enough for every moment the tests signal it
SLOW = ["--threads", "1", "--beam-size", "6"]
TRANSLATING = "Translating"  # the progress bar's label once the engine has the sentences
TRANSLATED_SOME = r"Translating.*\b[1-9]\d*/\d+"  # and once a batch has come back


def long_source(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(f"Report {i}: clashes in Jableh killed {i * 7} people, residents said on Friday."
                                for i in range(2500)), encoding="utf-8")
    return path


class Run:
    """`briefing translate` with its stderr on a terminal, so that it draws its progress bars:
    a test waits for the moment it needs (a phase's bar, a message) instead of a fixed time."""

    def __init__(self, tmp_path, source, cwd=ROOT, env=None, extra=(), new_session=False):
        leader, follower = pty.openpty()
        self.process = subprocess.Popen([sys.executable, "-m", "briefing", "translate", str(source), "--to", "fr",
                                         "--out", str(tmp_path / "out"), "--no-memory", *SLOW, *extra], cwd=cwd,
                                        env=env, stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL,
                                        text=True, start_new_session=new_session)
        os.close(follower)
        self._text, self._seen = [], threading.Condition()
        threading.Thread(target=self._read, args=(leader,), daemon=True).start()

    def _read(self, leader):
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the process closed its end
                chunk = b""
            with self._seen:
                self._text.append(chunk.decode("utf-8", "replace") if chunk else "\0")
                self._seen.notify_all()
            if not chunk:
                os.close(leader)
                return

    @property
    def stderr(self) -> str:
        return "".join(self._text).replace("\r\n", "\n").rstrip("\0")

    def wait_for(self, pattern: str, timeout: float = 120) -> None:
        """Until `pattern` (a regular expression) is on stderr, or the process has ended (which
        the test's asserts then tell)."""
        with self._seen:
            self._seen.wait_for(lambda: re.search(pattern, "".join(self._text)) or "".join(self._text).endswith("\0"),
                                timeout)

    def wait_catching(self, number: int, timeout: float = 60) -> None:
        """Until the process has a handler for signal `number` (its start-up is over): the kernel
        shows the caught signals in /proc/PID/status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
            caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
            if caught >> (number - 1) & 1:
                return
            time.sleep(0.01)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def finish(self, timeout: float) -> int:
        self.process.communicate(timeout=timeout)
        self.wait_for("\0", timeout=5)
        return self.process.returncode


def nothing_written(tmp_path) -> bool:
    return not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_first_ctrl_c_stops_after_the_batch_and_writes_nothing(installed_models, tmp_path):
    run = Run(tmp_path, long_source(tmp_path))
    run.wait_for(TRANSLATING)
    run.signal(signal.SIGINT)
    assert run.finish(timeout=60) == 130, run.stderr
    assert "Traceback" not in run.stderr and "stopping after the current batch" in run.stderr
    assert nothing_written(tmp_path)


def test_a_second_ctrl_c_aborts_at_once(installed_models, tmp_path):
    run = Run(tmp_path, long_source(tmp_path))
    run.wait_for(TRANSLATING)
    run.signal(signal.SIGINT)
    run.wait_for(r"Ctrl\+C again to abort")
    run.signal(signal.SIGINT)
    assert run.finish(timeout=10) in (130, -signal.SIGINT)  # ended by the signal itself: the shell shows 130
    assert nothing_written(tmp_path)


def test_ctrl_c_is_answered_at_once_whatever_the_run_is_doing(installed_models, tmp_path):
    """Start-up, handing thousands of sentences to CTranslate2, translating: at every moment one
    Ctrl+C ends the run within a second or so, writing nothing (CTranslate2 blocking the main
    thread used to hold the signal back until the whole batch was queued)."""
    source = long_source(tmp_path)
    for moment in (None, TRANSLATING, TRANSLATED_SOME):  # at once; the engine given the sentences; batches done
        run = Run(tmp_path, source)
        run.wait_for(moment) if moment else run.wait_catching(signal.SIGTERM)  # handlers set with SIGTERM's
        started = time.monotonic()
        run.signal(signal.SIGINT)
        ended = run.finish(timeout=30)
        # At start-up the interpreter's own Ctrl+C may still end it (the shell shows 130 for both)
        assert ended == 130 or (moment is None and ended == -signal.SIGINT), (moment, ended, run.stderr)
        assert time.monotonic() - started < 10, moment  # a second or so; a loaded machine is slower
        assert "Traceback" not in run.stderr
        assert nothing_written(tmp_path)


def test_sigterm_ends_any_phase_cleanly(installed_models, tmp_path):
    """A service manager's SIGTERM, whatever the run is doing: exit 143, no crash, no core file,
    nothing written (CTranslate2's threads used to be torn down under it: a segfault)."""
    source = long_source(tmp_path)
    for moment in (None, TRANSLATING, TRANSLATED_SOME):  # start-up; the engine given the sentences; batches done
        run = Run(tmp_path, source, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
        run.wait_for(moment) if moment else run.wait_catching(signal.SIGTERM)
        run.signal(signal.SIGTERM)
        assert run.finish(timeout=30) == 143, (moment, run.stderr)
        assert "Traceback" not in run.stderr and not list(tmp_path.glob("core*"))
        assert nothing_written(tmp_path)
