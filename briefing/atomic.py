"""Write files so that a crash, an error or a signal never leaves a half-written file behind, and
never replaces what the user pointed at with something else.

- A path that is a symbolic link is written through to the file it names: the link stays, and a
  glossary shared as `glossary/shared.toml → desk/shared.toml` is updated where the desk keeps it.
- A path that is a device, a FIFO or a socket (`/dev/null`, `/proc/self/fd/1`, a named pipe) is
  written to as a stream, never replaced by a regular file. `-` is standard output.
- Regular files are written to a temporary file beside them, fsynced, then renamed into place;
  several files of one `Transaction` are renamed together, with SIGINT and SIGTERM held back, so
  that an interrupted run leaves every file as it was or every one new.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

STDOUT = "-"


def _mode_for(path: Path) -> int:
    """An existing file keeps its mode; a new one gets what the umask allows, like any editor
    (mkstemp alone would make every briefing and glossary private, 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def destination(path: Path) -> Path:
    """Where writing `path` should land: the end of its chain of links (a dangling link gives
    the file it would name)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def is_stream(path: Path) -> bool:
    """Standard output, or an existing file (the end of a link) that is not a regular one: a
    device, a FIFO."""
    if str(path) == STDOUT:
        return True
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _stream(path: Path, data: bytes) -> None:
    if str(path) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with open(path, "wb") as stream:  # opened as it is: O_TRUNC on a device or a FIFO changes nothing
        stream.write(data)


def _temporary(path: Path, data: bytes, durable: bool = True) -> str:
    """`data` in a temporary file beside `path`, with the mode `path` should have; its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            if durable:
                os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT and SIGTERM recorded while the block runs, then handed to the handlers they would
    have reached. (Blocking them with pthread_sigmask holds them back from this thread only: any
    other thread, such as CTranslate2's, still takes them, and Python runs the handler here.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {number: signal.signal(number, lambda signum, frame: received.append(signum))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in received:
            handler = previous[number]
            if callable(handler):
                handler(number, None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(number)


class Transaction:
    """Files staged one by one (each a temporary beside its target), renamed into place together
    by `commit`; leaving the block without committing removes every temporary."""

    def __init__(self, durable: bool = True) -> None:
        self.durable = durable
        self._staged: list[tuple[str, Path]] = []
        self._streams: list[tuple[Path, bytes]] = []

    def __enter__(self) -> Transaction:
        return self

    def stage(self, path: Path, data: bytes) -> None:
        if is_stream(path):  # through any link: /proc/self/fd/1 names a pipe, not a file to make
            self._streams.append((path, data))
        else:
            target = destination(path)
            self._staged.append((_temporary(target, data, self.durable), target))

    def commit(self) -> None:
        """Rename every staged file into place with SIGINT and SIGTERM held back (they take
        effect once all are in place), then write the streams."""
        with _signals_deferred():
            for temporary, target in self._staged:
                os.replace(temporary, target)
            self._staged = []
        for target, data in self._streams:
            _stream(target, data)
        self._streams = []

    def __exit__(self, *_) -> None:
        for temporary, _target in self._staged:
            Path(temporary).unlink(missing_ok=True)


def write_all(files: list[tuple[Path, bytes]], durable: bool = True) -> None:
    """Write several files as one: a failure part-way leaves the old set of files, not a mix of
    new and stale ones."""
    with Transaction(durable) as transaction:
        for path, data in files:
            transaction.stage(path, data)
        transaction.commit()


def write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `path` whole (unless not `durable`: a cache, not fsynced)."""
    write_all([(path, data)], durable)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


@contextlib.contextmanager
def locked(path: Path, timeout: float, refused: Callable[[str], Exception] = OSError) -> Iterator[None]:
    """Hold an exclusive lock on the file `path` itself (flock), created if need be, waiting
    `timeout` seconds at most, else raise `refused(message)`. Writers replace
    the file (a new inode): a process that waited on the old one notices and locks the new one."""
    import fcntl
    import time

    deadline = time.monotonic() + timeout
    while True:
        descriptor = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise refused(f"{path}: locked by another briefing process for over {timeout:.0f} s") from None
                    time.sleep(0.02)
            if os.fstat(descriptor).st_ino == os.stat(path).st_ino:
                yield
                return
        finally:
            os.close(descriptor)  # releases the lock
