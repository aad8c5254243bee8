"""Who may call: API keys (LibreTranslate's `api_key`, or an `Authorization: Bearer` header),
and requests per minute per key or address; LibreTranslate's 400, 403 and 429 answers."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections import deque
from pathlib import Path

from briefing.errors import UsageError
from briefing.serve.params import ApiError

NEED_KEY = "Please contact the server operator to get an API key"


def read_keys(path: Path | None, given: str = "") -> frozenset[str]:
    """Keys from a file (one per line, # comments) and from a comma-separated list."""
    keys = {key.strip() for key in given.split(",") if key.strip()}
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as err:
            raise UsageError(f"{path}: cannot read the API keys ({err.strerror or err})") from None
        keys |= {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}
    return frozenset(keys)


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, keys: frozenset[str]) -> None:
    """A server reachable from other machines must ask for keys: refused in one line otherwise."""
    if not loopback(host) and not keys:
        raise UsageError(f"--host {host} exposes the server beyond this machine: configure API keys first "
                         "(--api-keys FILE, or BRIEFING_API_KEYS), or keep the default 127.0.0.1")


class Guard:
    def __init__(self, keys: frozenset[str], require_key: bool, per_minute: int = 0) -> None:
        self.keys, self.require_key, self.per_minute = keys, require_key, per_minute
        self._calls: dict[str, deque] = {}
        self._lock = threading.Lock()

    def admit(self, given_key: str | None, address: str) -> None:
        key = (given_key or "").strip()
        if self.keys and key and key not in self.keys:
            raise ApiError(403, "Invalid API key")
        if self.require_key and key not in self.keys:
            raise ApiError(400, NEED_KEY)
        if self.per_minute > 0:
            self._count(key or address)

    def _count(self, who: str) -> None:
        now = time.monotonic()
        with self._lock:
            calls = self._calls.setdefault(who, deque())
            while calls and now - calls[0] > 60:
                calls.popleft()
            if len(calls) >= self.per_minute:
                raise ApiError(429, f"Slowdown: {self.per_minute} per 1 minute")
            calls.append(now)


def key_of(request, values: dict) -> str | None:
    """`api_key` where LibreTranslate reads it, else an Authorization: Bearer header."""
    key = values.get("api_key")
    if isinstance(key, str) and key:
        return key
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None
