"""A Dask cluster as a party that can lie or hang: addresses refused before any work (unknown
schemes, unencrypted beyond this machine, tls:// without certificates), a listener that is not a
scheduler, a scheduler without workers, workers that answer wrongly or die on every task, and a
scheduler killed mid-run: each one line and a bounded wait, nothing written, never a traceback."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import run_briefing
from tests.hostile.test_hostile import one_line_error

pytestmark = pytest.mark.slow  # schedulers, workers and listeners
pytest.importorskip("distributed")

QUICK = {"BRIEFING_CLUSTER_TIMEOUT": "4", "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}


def source(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The curfew in Jableh was lifted on 9 March.\n\nResidents returned to Baniyas.\n",
                    encoding="utf-8")
    return path


def translate(tmp_path, address: str, *extra: str, env: dict | None = None):
    return run_briefing("translate", str(source(tmp_path)), "--to", "fr", "--out", str(tmp_path / "out"),
                        "--no-memory", "-q", "--cluster", address, *extra, env={**QUICK, **(env or {})})


@pytest.mark.parametrize("address", ["ws://127.0.0.1:8786", "http://127.0.0.1:8786", "ucx://127.0.0.1:8786",
                                     "inproc://x", "tcp://127.0.0.1", "tcp://127.0.0.1:99999", "tcp://:8786",
                                     "tcp://127.0.0.1:port", "scheduler", "local:0", "local:x"])
def test_an_address_that_names_no_scheduler_is_a_usage_error(tmp_path, address):
    result = translate(tmp_path, address)
    assert result.returncode == 2 and "Traceback" not in result.stderr and "--cluster" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("address", ["tcp://10.1.2.3:8786", "tcp://scheduler.example:8786", "10.1.2.3:8786",
                                     "tcp://[2001:db8::1]:8786", "tcp://192.0.2.7:8786"])
def test_an_unencrypted_scheduler_beyond_this_machine_needs_insecure(tmp_path, address):
    refused = translate(tmp_path, address)
    assert refused.returncode == 2 and "--insecure" in refused.stderr and "tls://" in refused.stderr
    tried = translate(tmp_path, address, "--insecure")  # allowed: then it is simply not there
    one_line_error(tried)
    assert "cannot reach the scheduler" in tried.stderr


@pytest.mark.parametrize("address", ["tls://127.0.0.1:8786", "tls://10.1.2.3:8786"])
def test_tls_without_certificates_is_a_usage_error(tmp_path, address):
    result = translate(tmp_path, address)
    assert result.returncode == 2 and "certificates" in result.stderr and "Traceback" not in result.stderr


def listener(answer: bytes | None) -> tuple[str, threading.Event]:
    """A TCP server on 127.0.0.1 that answers each connection with `answer` (None: says nothing)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        held = []
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            held.append(connection)
            if answer is not None:
                with contextlib.suppress(OSError):
                    connection.sendall(answer)
        for connection in held:
            connection.close()
        server.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"tcp://127.0.0.1:{server.getsockname()[1]}", stop


ANSWERS = {
    "a web server": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello",
    "junk bytes": bytes(range(256)) * 8,
    "a huge frame header": b"\xff" * 64,
    "silence": None,
}


@pytest.mark.parametrize("kind", ANSWERS)
def test_a_listener_that_is_not_a_scheduler_is_one_line_in_bounded_time(tmp_path, kind):
    address, stop = listener(ANSWERS[kind])
    started = time.monotonic()
    try:
        result = translate(tmp_path, address)
    finally:
        stop.set()
    one_line_error(result)
    assert "cannot reach the scheduler" in result.stderr and time.monotonic() - started < 60
    assert not (tmp_path / "out").exists()


def start(*command: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_" + command[0], *command[1:]],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def scheduler():
    port = free_port()
    process = start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
    address = f"tcp://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield address, process
    process.kill()
    process.wait()


def test_a_scheduler_without_workers_is_one_line_in_bounded_time(tmp_path, scheduler):
    address, _ = scheduler
    started = time.monotonic()
    result = translate(tmp_path, address)
    one_line_error(result)
    assert "has no worker" in result.stderr and time.monotonic() - started < 60


LIARS = {
    "too many": "lambda route, sentences, options: [(s, None) for s in sentences] * 2",
    "too few": "lambda route, sentences, options: [(s, None) for s in sentences][1:]",
    "not text": "lambda route, sentences, options: [(len(s), None) for s in sentences]",
    "a dict": "lambda route, sentences, options: {'x': 1}",
    "a score as text": "lambda route, sentences, options: [(s, 'high') for s in sentences]",
    "dies every time": "lambda route, sentences, options: __import__('os')._exit(3)",
}


@pytest.mark.parametrize("lie", LIARS)
def test_a_worker_that_lies_or_dies_stops_the_run_in_one_line(installed_models, tmp_path, lie):
    """Workers of a real LocalCluster whose task answers wrongly (patched in the worker process)."""
    from distributed import Client, LocalCluster

    def patch(code: str) -> None:
        import briefing.translation.cluster as cluster

        cluster.translate_on_worker = eval(code)  # noqa: S307 (the test's own liar)

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50,
                      env={"ARGOS_PACKAGES_DIR": os.environ["ARGOS_PACKAGES_DIR"]}) as cluster, \
            Client(cluster) as client:
        client.register_worker_callbacks(setup=lambda: patch(LIARS[lie]))
        result = translate(tmp_path, cluster.scheduler_address)
    one_line_error(result)
    assert "--cluster" in result.stderr and not (tmp_path / "out").exists()


def test_a_scheduler_killed_mid_run_is_one_line(installed_models, tmp_path, scheduler, monkeypatch):
    """Killed once the first batch is back: the run ends in one line within the cluster timeout."""
    from briefing import pipeline
    from briefing.errors import BriefingError
    from briefing.translation.cluster import ClusterEngine
    from briefing.translation.engine import EngineOptions

    for name, value in QUICK.items():
        monkeypatch.setenv(name, value)
    address, process = scheduler
    worker = start("worker", address, "--nthreads", "1", "--no-dashboard", "--nworkers", "1")

    class Killing(ClusterEngine):
        def translate_scored(self, route, sentences, progress=None):
            return super().translate_scored(route, sentences, lambda n: n > 0 and process.poll() is None
                                            and process.kill())

    try:
        archive = tmp_path / "archive"
        archive.mkdir()
        for number in range(40):
            (archive / f"r{number}.txt").write_text(
                " ".join(f"Residents of Jableh counted {number * 7 + i} dead on Friday." for i in range(20)) + "\n",
                encoding="utf-8")
        options = EngineOptions(threads=1)
        request = pipeline.TranslateRequest(sources=[archive], targets=["fr"], out_dir=tmp_path / "out",
                                            engine=options, use_memory=False)
        started = time.monotonic()
        with pytest.raises(BriefingError) as stopped, Killing(address, options) as engine:
            pipeline.translate(request, engine=engine)
    finally:
        worker.kill()
        worker.wait()
    assert process.poll() is not None and "--cluster" in str(stopped.value) and "\n" not in str(stopped.value)
    assert time.monotonic() - started < 120
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.md"))
