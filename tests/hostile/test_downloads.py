"""A package index that lies, never ends, drips or answers garbage: one line each, nothing
installed that is not the pair asked for. The server is on 127.0.0.1, started by the test."""

import contextlib
import json
import socketserver
import threading
import time

import pytest

from briefing.errors import BriefingError
from briefing.translation.downloading import install_pair
from briefing.translation.models import installed_packages
from tests.conftest import MODELS, run_briefing
from tests.hostile.test_hostile import one_line_error, rezipped

pytestmark = pytest.mark.slow  # hostile servers that drip and stall

EN_FR = MODELS / "translate-en_fr-copy.argosmodel"
OK_HEAD = b"HTTP/1.1 200 OK\r\nConnection: close\r\n"


class Hostile(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, routes):
        self.routes = routes  # path → function(socket)
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            request += chunk
        path = request.split(b" ")[1].decode()
        with contextlib.suppress(OSError):  # the client gave up: what the test wanted
            self.server.routes.get(path, _not_found)(self.request)


def _not_found(connection):
    connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def body(data: bytes):
    return lambda c: c.sendall(OK_HEAD + b"Content-Length: %d\r\n\r\n" % len(data) + data)


def endless(connection):
    connection.sendall(OK_HEAD + b"\r\n")
    block = b"\0" * (1 << 16)
    while True:
        connection.sendall(block)


def drip(connection):
    connection.sendall(OK_HEAD + b"Content-Length: 1000000\r\n\r\n")
    while True:
        connection.sendall(b"x")
        time.sleep(0.3)


def endless_json(connection):
    connection.sendall(OK_HEAD + b"\r\n[")
    while True:
        connection.sendall(b'{"from_code": "xx", "to_code": "yy", "links": []},' * 1000)


@pytest.fixture
def serve():
    servers = []

    def start(routes):
        server = Hostile(routes)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def index_of(base, links, **entry):
    return json.dumps([{"type": "translate", "from_code": "en", "to_code": "fr", "package_version": "1",
                        "links": links, **entry}]).encode()


def install(base, tmp_path, monkeypatch, **env):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/index.json")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    started = time.monotonic()
    with pytest.raises(BriefingError) as caught:
        install_pair("en", "fr", lambda *a: None, tmp_path / "packages")
    assert "\n" not in str(caught.value) and not installed_packages(tmp_path / "packages")
    return str(caught.value), time.monotonic() - started


def test_a_package_body_that_never_ends_is_cut_at_the_limit(serve, tmp_path, monkeypatch):
    routes = {}
    base = serve(routes)
    routes.update({"/index.json": body(index_of(base, [base + "/pkg"])), "/pkg": endless})
    message, _ = install(base, tmp_path, monkeypatch, BRIEFING_MAX_DOWNLOAD_MB="20")
    assert "larger than 20 MB" in message and "briefing models install FILE.argosmodel" in message


def test_a_link_to_dev_zero_is_refused_before_reading(serve, tmp_path, monkeypatch):
    routes = {}
    base = serve(routes)
    routes["/index.json"] = body(index_of(base, ["file:///dev/zero"]))
    message, seconds = install(base, tmp_path, monkeypatch)
    assert "file:///dev/zero: not a regular file" in message and seconds < 2


def test_a_server_dripping_bytes_meets_the_deadline(serve, tmp_path, monkeypatch):
    routes = {}
    base = serve(routes)
    routes.update({"/index.json": body(index_of(base, [base + "/pkg"])), "/pkg": drip})
    message, seconds = install(base, tmp_path, monkeypatch, BRIEFING_DOWNLOAD_TIMEOUT="2")
    assert "took longer than 2 s" in message and seconds < 5


def test_an_endless_index_is_refused_at_its_limit(serve, tmp_path, monkeypatch):
    base = serve({"/index.json": endless_json})
    message, seconds = install(base, tmp_path, monkeypatch)
    assert "the package index larger than 16 MB" in message and seconds < 10


def test_a_package_of_another_pair_than_its_entry_claims_is_not_installed(serve, tmp_path, monkeypatch):
    routes = {}
    base = serve(routes)
    routes.update({"/index.json": body(index_of(base, [base + "/pkg"])),
                   "/pkg": body(rezipped(tmp_path / "other.argosmodel", metadata={
                       "package_version": "1", "from_code": "en", "to_code": "de"}).read_bytes())})
    message, _ = install(base, tmp_path, monkeypatch)
    assert "offered it as en→fr, but it holds the en→de package" in message


@pytest.mark.parametrize("reply", [
    b"garbage\r\n\r\n",
    b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(200)) + b"\r\n",
    b"HTTP/1.1 200 OK\r\nX: " + b"a" * 70000 + b"\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort",
    b"",
])
def test_malformed_replies_of_the_index_are_one_line(serve, tmp_path, reply):
    base = serve({"/index.json": lambda c: c.sendall(reply)})
    one_line_error(run_briefing("models", "install", "en", "fr", env={
        "ARGOS_PACKAGE_INDEX": base + "/index.json", "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}))


@pytest.mark.parametrize("entry", [
    {"from_code": ["en"], "to_code": "fr", "links": []},
    {"from_code": "en", "to_code": {"x": 1}, "links": []},
    {"from_code": "en", "to_code": "fr", "links": "http://x/"},
    {"from_code": "en", "to_code": "fr", "links": [3, None]},
    "not an entry", 7, None,
])
def test_index_entries_of_the_wrong_types_are_passed_over(serve, tmp_path, entry):
    base = serve({"/index.json": body(json.dumps([entry]).encode())})
    one_line_error(run_briefing("models", "install", "en", "fr", env={
        "ARGOS_PACKAGE_INDEX": base + "/index.json", "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")}))


def test_a_good_index_still_installs(serve, tmp_path, monkeypatch):
    routes = {}
    base = serve(routes)
    routes.update({"/index.json": body(index_of(base, [base + "/pkg"])), "/pkg": body(EN_FR.read_bytes())})
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", base + "/index.json")
    installed = install_pair("en", "fr", lambda *a: None, tmp_path / "packages")
    assert [package.pair for package in installed] == ["en→fr"]



def trickle(size: int, pause: float):
    def answer(connection):
        connection.sendall(OK_HEAD + b"Content-Length: 100000000\r\n\r\n")
        while True:
            connection.sendall(b"x" * size)
            time.sleep(pause)
    return answer


@pytest.mark.parametrize("size, pause", [(1, 0.5), (1, 2.1), (64, 0.2), (500, 1.0)])
def test_a_transfer_below_the_floor_speed_is_let_go_within_the_window(serve, tmp_path, monkeypatch, size, pause):
    """Far inside the download's whole budget (30 minutes by default): the floor decides."""
    routes = {}
    base = serve(routes)
    routes.update({"/index.json": body(index_of(base, [base + "/pkg"])), "/pkg": trickle(size, pause)})
    message, seconds = install(base, tmp_path, monkeypatch, BRIEFING_DOWNLOAD_SPEED_TIME="3")
    assert "bytes/s over 3 s" in message and "BRIEFING_DOWNLOAD_MIN_SPEED" in message and seconds < 10
