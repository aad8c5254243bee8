"""Translated files kept for download: in a private temporary folder, each under a random name
that is the only way to it (no request names a path on the server), removed after a set time."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from pathlib import Path


class FileStore:
    def __init__(self, keep_seconds: float = 600) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="briefing-serve-"))  # mode 0700: this user's alone
        self.keep_seconds = keep_seconds
        self._files: dict[str, tuple[Path, float]] = {}
        self._lock = threading.Lock()

    def put(self, name: str, data: bytes) -> str:
        """Keep `data`; the token to download it by (random, then the file's own name)."""
        self.purge()
        token = f"{secrets.token_hex(16)}.{re.sub(r'[^A-Za-z0-9._-]', '_', name)[-100:]}"
        path = self.folder / secrets.token_hex(16)
        path.write_bytes(data)
        with self._lock:
            self._files[token] = (path, time.monotonic())
        return token

    def get(self, token: str) -> tuple[str, bytes] | None:
        """The file's download name and bytes, for a token given out and not expired."""
        self.purge()
        with self._lock:
            found = self._files.get(token)
        if found is None:
            return None
        return token.split(".", 1)[1], found[0].read_bytes()

    def purge(self) -> None:
        now = time.monotonic()
        with self._lock:
            old = [token for token, (_, made) in self._files.items() if now - made > self.keep_seconds]
            for token in old:
                self._files.pop(token)[0].unlink(missing_ok=True)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
