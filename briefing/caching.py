"""A disk cache of compiled data (the parsed glossary, its matcher tables), keyed on content.

Every file starts with a magic line and the SHA-256 of its payload; a file that is missing,
truncated, corrupt, from another version or unreadable is simply not a hit, and the caller
rebuilds. Writes are atomic and failures to write are ignored: the cache only ever saves time.
The folder is $BRIEFING_CACHE, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing. It is
kept within $BRIEFING_CACHE_MB (1024): past it, the files used least recently go (each edit of
a 100,000-entry glossary would otherwise leave 30 MB behind); a table whose base went is rebuilt.

Values are plain data (dicts, lists, tuples, strings, numbers) serialised with `marshal`: it
reads 100,000 glossary entries several times faster than pickle reads dataclasses, and unlike
pickle it cannot be made to run code by whoever can write the file. An entry is believed only
from this user (or root), as every file read on a trusted name (`trust`): in a cache folder
shared with others, someone else's entry would otherwise stand in for a glossary, unvalidated.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from pathlib import Path

from briefing import __version__, atomic, settings
from briefing.limits import env_number
from briefing.trust import refusal

_MAGIC = f"briefing-cache {__version__} 6\n".encode()


def cache_dir() -> Path:
    return settings.current().cache_dir


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _path(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-{key[:40]}.cache"


def load(kind: str, key: str):
    """The cached value, or None when there is no sound entry for `key`."""
    try:
        with _path(kind, key).open("rb") as file:
            if refusal(_path(kind, key), os.fstat(file.fileno())):
                return None  # another user's entry in a shared cache folder: never believed
            data = file.read()
    except OSError:
        return None
    header_end = len(_MAGIC) + 65
    if not data.startswith(_MAGIC) or len(data) < header_end:
        return None
    digest, payload = data[len(_MAGIC) : header_end - 1].decode("ascii", "replace"), data[header_end:]
    if hashlib.sha256(payload).hexdigest() != digest:
        return None
    with contextlib.suppress(OSError):
        os.utime(_path(kind, key))  # used now: the last to be evicted
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def store(kind: str, key: str, value) -> None:
    try:
        payload = marshal.dumps(value)
        digest = hashlib.sha256(payload).hexdigest().encode()
        data = _MAGIC + digest + b"\n" + payload
        atomic.write_bytes(_path(kind, key), data, durable=False)
        folder = cache_dir()
        _estimated[folder] = _estimated.get(folder, _UNKNOWN) + len(data)
        if _estimated[folder] > _limit():  # the folder may be past its limit: look, and evict
            _estimated[folder] = _evict(keep=_path(kind, key))
    except (OSError, ValueError):
        pass


def _limit() -> int:
    return int(env_number("BRIEFING_CACHE_MB", 1024) * (1 << 20))


# Per folder, its size as this process last saw it plus what it wrote since: the folder is
# listed (a stat per file: 50,000 of them for a server's 100 requests) only when that passes the
# limit, or at the first write. Another process's writes are seen at the next listing.
_UNKNOWN = 1 << 62
_estimated: dict[Path, int] = {}


def _evict(keep: Path) -> int:
    """Remove the least recently used files until the folder is within its limit again; the
    folder's size after."""
    files = []
    for path in cache_dir().glob("*.cache"):
        with contextlib.suppress(OSError):
            status = path.stat()
            files.append((status.st_mtime, status.st_size, path))
    total, limit = sum(size for _, size, _ in files), _limit()
    for _, size, path in sorted(files):
        if total <= limit:
            break
        if path != keep:
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
    return total
