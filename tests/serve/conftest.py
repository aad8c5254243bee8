"""A real `briefing serve` on 127.0.0.1 (a free port), with the copy models, a glossary of its
own (tests edit it) and a memory file: started once per module, driven over HTTP."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MODELS, ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    glossary: Path
    memory: Path

    def call(self, path: str, data: dict | bytes | None = None, *, as_json: bool = False, method: str | None = None,
             headers: dict | None = None) -> tuple[int, dict | bytes]:
        """(status, JSON answer or bytes) of one request: a form body, or JSON with `as_json`."""
        body, kind = None, None
        if isinstance(data, bytes):
            body, kind = data, (headers or {}).get("Content-Type")
        elif data is not None and as_json:
            body, kind = json.dumps(data).encode(), "application/json"
        elif data is not None:
            body, kind = urllib.parse.urlencode(data, doseq=True).encode(), "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.url + path, data=body, method=method,
                                         headers={**({"Content-Type": kind} if kind else {}), **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                status, raw, type_ = answer.status, answer.read(), answer.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, raw, type_ = error.code, error.read(), error.headers.get("Content-Type", "")
        return status, json.loads(raw) if "json" in type_ else raw


def start_server(home: Path, *extra: str, env: dict | None = None) -> Server:
    from briefing.translation.models import install_file

    packages = home / "packages"
    if not packages.exists():
        for archive in sorted(MODELS.glob("*.argosmodel")):
            install_file(archive, packages)
    glossary = home / "glossary"
    if not glossary.exists():
        shutil.copytree(ROOT / "glossary", glossary)
    memory = home / "memory.sqlite"
    port = free_port()
    environment = {**os.environ, "HOME": str(home), "ARGOS_PACKAGES_DIR": str(packages),
                   "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", **(env or {})}
    process = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--port", str(port), "--glossary",
                                str(glossary), "--memory", str(memory), *extra], cwd=home, env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server = Server(f"http://127.0.0.1:{port}", process, glossary, memory)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # up once /health answers
        if process.poll() is not None:
            raise AssertionError(f"the server ended: {process.stderr.read()}")
        try:
            if server.call("/health")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not answer within 90 s")


def stop_server(server: Server) -> None:
    server.process.terminate()
    server.process.communicate(timeout=30)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = start_server(tmp_path_factory.mktemp("serve"))
    yield running
    stop_server(running)
