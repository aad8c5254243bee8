"""Parse an untrusted document in a child process bounded in memory and in time.

The parsers of PDF, Word, OpenDocument and HTML (pdfminer, python-docx, odfpy, lxml) trust
their input: a stream whose /Length refers back to itself loops for ever, a few KB of zip or
Flate can unpack to gigabytes, a font can claim 10⁸ glyph widths, nesting can exhaust the stack.
Guarding each library from the inside would mean patching its internals; a forked child with
an address-space limit and a deadline bounds all of them at once, whatever the next trick is.
A refused document is one line, and the rest of the batch goes on.

    BRIEFING_MAX_READ_MB    memory one document may take to read, besides 16 times its size
                            (default 128: a parser's honest needs grow with its input, a bomb's
                            do not)
    BRIEFING_READ_TIMEOUT   seconds one document may take to read, besides 30 per MB of it
                            (default 4: pdfminer reads about 20 s of text per MB at worst)
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from briefing.limits import env_number
from briefing.sources.document import SourceError

Result = TypeVar("Result")


def memory_budget(size: int) -> int:
    """Bytes of memory a document of `size` bytes may take to read ($BRIEFING_MAX_READ_MB)."""
    return int(env_number("BRIEFING_MAX_READ_MB", 128) * (1 << 20)) + 16 * size


def time_budget(size: int) -> float:
    """Seconds a document of `size` bytes may take to read ($BRIEFING_READ_TIMEOUT)."""
    return env_number("BRIEFING_READ_TIMEOUT", 4) + 30 * size / (1 << 20)


def check_unpacked_size(data: bytes, path: Path) -> None:
    """Refuse a zip container (docx, odt) whose members claim to unpack past the memory budget,
    before a byte is inflated; zipfile never inflates a member past the size it claims."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # the reader says what is wrong with it
    if unpacked > memory_budget(len(data)):
        raise SourceError(f"{path}: unpacks to {unpacked >> 20} MB from {max(1, len(data) >> 20)} MB "
                          "(a decompression bomb?); raise BRIEFING_MAX_READ_MB to allow more")


def confined(function: Callable[..., Result], path: Path, data: bytes) -> Result:
    """`function(data, path)` run in a forked child; a SourceError it raises comes back as it is,
    and running out of memory, of time or of stack becomes a SourceError naming `path`."""
    if not hasattr(os, "fork"):
        return function(data, path)
    budget = memory_budget(len(data))
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child; its outcome is what the tests check)
        os.close(read_end)
        _run_child(write_end, budget, lambda: function(data, path))
    os.close(write_end)
    outcome = None
    try:
        outcome = _collect(read_end, child, path, budget, time_budget(len(data)))
    finally:
        os.close(read_end)
        _reap(child, still_running=outcome is None)
    kind, value = outcome
    if kind == "ok":
        return value
    raise SourceError(value)


def _run_child(write_end: int, budget: int, work: Callable[[], object]) -> None:
    """Never returns: the child leaves with os._exit, so that nothing of the parent (buffered
    output, atexit handlers, temporary files) is flushed or removed twice."""
    status = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _limit_memory(budget)
        try:
            outcome = ("ok", work())
        except SourceError as err:
            outcome = ("error", str(err))
        except MemoryError:
            outcome = ("memory", "")
        except RecursionError:
            outcome = ("depth", "")
        except Exception as err:  # a parser's own failure on a malformed file
            outcome = ("broken", f"{type(err).__name__}: {err}".splitlines()[0][:200])
        with os.fdopen(write_end, "wb") as stream:
            stream.write(pickle.dumps(outcome))
    except BaseException:
        status = 1
    os._exit(status)


def _limit_memory(budget: int) -> None:
    import resource

    with open("/proc/self/statm") as statm:  # the address space already mapped at the fork
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + budget
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _collect(read_end: int, child: int, path: Path, budget: int, seconds: float) -> tuple[str, object]:
    deadline = time.monotonic() + seconds
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.kill(child, signal.SIGKILL)
            return "error", (f"{path}: took longer than {seconds:.0f} s to read (a loop in the file?); "
                             "raise BRIEFING_READ_TIMEOUT to wait longer")
        ready, _, _ = select.select([read_end], [], [], min(left, 0.5))
        if ready:
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    if not chunks:
        return "error", f"{path}: the reader stopped without an answer (the file crashed the parser)"
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "memory":
        return "error", (f"{path}: needs more than {budget >> 20} MB to read (a decompression bomb?); "
                         "raise BRIEFING_MAX_READ_MB to allow more")
    if kind == "depth":
        return "error", f"{path}: nested too deeply to read"
    if kind == "broken":
        return "error", f"{path}: cannot be read ({value})"
    return kind, value


def _reap(child: int, still_running: bool) -> None:
    """Wait for the child; one still at work (the run was interrupted) is killed first."""
    try:
        if still_running:
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
