"""Whose files to believe. A file is trusted only from its owner (or root), as git trusts a
repository; one owned by another user, or writable by everyone, is believed only inside a
folder the user said to trust (`trusted` in their own briefing.toml, or $BRIEFING_TRUSTED).

The rule holds for every file read on the strength of a trusted name, not only the name itself:
the `-wal` and `-shm` beside a memory (SQLite replays them into the file), each member of a
glossary folder, each entry of a cache folder. Otherwise whoever can write beside a desk's
memory or into its shared folders would choose what its briefings say.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing import settings


def distrust(path: Path) -> str | None:
    """Why `path` (or the file a link names) is not to be trusted: owned by another user than
    this one or root, or writable by everyone; None when it is fine or does not exist."""
    try:
        status = path.stat()
    except OSError:
        return None
    return distrust_status(status)


def distrust_status(status: os.stat_result) -> str | None:
    """`distrust` of a file already looked at (an open file's fstat: nothing swapped between)."""
    if status.st_uid not in (os.geteuid(), 0):
        return f"owned by another user (uid {status.st_uid})"
    if status.st_mode & stat.S_IWOTH and not (stat.S_ISDIR(status.st_mode) and status.st_mode & stat.S_ISVTX):
        return "writable by everyone"
    return None


def is_trusted(path: Path, trusted: list[str] | None = None) -> bool:
    """Whether `path` lies in a folder the user trusts (`trusted`, else the settings' list)."""
    folders = settings.current().trusted if trusted is None else trusted
    resolved = path.resolve()
    return any(entry == "*" or resolved == Path(entry).resolve() or Path(entry).resolve() in resolved.parents
               for entry in folders)


def refusal(path: Path, status: os.stat_result | None = None) -> str | None:
    """Why `path` may not be believed (`distrust`, unless the user trusts its folder); None if it may."""
    reason = distrust_status(status) if status is not None else distrust(path)
    return reason if reason and not is_trusted(path) else None
