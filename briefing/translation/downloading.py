"""Packages from an Argos index: the index and each package downloaded within bounds.

Whatever answers at the index address is untrusted: a body that never ends, a link to
/dev/zero, a server that drips one byte every few seconds, a malformed reply, entries of the
wrong shape, a package of another pair than the entry claims. Each is one line, and nothing is
installed that is not the pair asked for.

    BRIEFING_MAX_DOWNLOAD_MB   largest package accepted (default 2048)
    BRIEFING_DOWNLOAD_TIMEOUT  seconds one package may take to download, in all (default 1800)
"""

from __future__ import annotations

import functools
import http.client
import json
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from briefing import settings
from briefing.errors import BriefingError
from briefing.limits import env_number
from briefing.translation.models import PIVOT, InstalledPackage, install_file, installed_packages

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
MAX_INDEX_BYTES = 16 << 20  # Argos's own index is about 100 KB
INDEX_SECONDS = 60
_READ_TIMEOUT = 30  # one read of the socket; the whole download has its own deadline


class DownloadError(BriefingError):
    """A download refused or failed; the message says why in one line."""


def index_url() -> str:
    base = settings.current().package_index or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _offline_hint(source: str, target: str) -> str:
    return (
        f"download the {source}→{target} package on a connected machine and run "
        "'briefing models install FILE.argosmodel'"
    )


def _open(url: str):
    """The response for `url`; a file: link must name a regular file (not /dev/zero, a FIFO)."""
    if url.startswith("file:"):
        local = Path(urllib.request.url2pathname(urllib.parse.urlparse(url).path))
        if not local.is_file():
            raise DownloadError(f"{url}: not a regular file")
    return urllib.request.urlopen(url, timeout=_READ_TIMEOUT)


def stream(url: str, write: Callable[[bytes], None], limit: int, seconds: float, what: str,
           progress: Callable[[int, int | None], None] = lambda done, total: None) -> int:
    """Copy `url` to `write` in chunks, refusing more than `limit` bytes or more than `seconds`
    in all, and, as curl's --speed-limit does, a transfer slower than $BRIEFING_DOWNLOAD_MIN_SPEED
    bytes a second (1024) over any $BRIEFING_DOWNLOAD_SPEED_TIME seconds (30): a server dripping a
    byte every two seconds is let go in half a minute, not held for the whole budget. The bytes copied."""
    deadline = time.monotonic() + seconds
    floor = env_number("BRIEFING_DOWNLOAD_MIN_SPEED", 1024)
    window = env_number("BRIEFING_DOWNLOAD_SPEED_TIME", 30)
    measured_since, measured_from = time.monotonic(), 0
    try:
        with _open(url) as response:
            declared = response.headers.get("Content-Length") if hasattr(response, "headers") else None
            total = int(declared) if declared and declared.isdigit() else None
            if total is not None and total > limit:
                raise DownloadError(f"{url}: {what} of {total >> 20} MB is larger than {limit >> 20} MB")
            read = getattr(response, "read1", response.read)  # what has arrived, not a full buffer
            done = 0
            while chunk := read(1 << 16):
                done += len(chunk)
                if done > limit:
                    raise DownloadError(f"{url}: {what} larger than {limit >> 20} MB; refused")
                now = time.monotonic()
                if now > deadline:
                    raise DownloadError(f"{url}: {what} took longer than {seconds:g} s; refused")
                if now - measured_since >= window:
                    speed = (done - measured_from) / (now - measured_since)
                    if speed < floor:
                        raise DownloadError(f"{url}: {what} came at {speed:.0f} bytes/s over {window:g} s, below "
                                            f"{floor:g} (BRIEFING_DOWNLOAD_MIN_SPEED); refused")
                    measured_since, measured_from = now, done
                write(chunk)
                progress(done, total)
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as err:
        reason = getattr(err, "reason", None) or f"{type(err).__name__}: {err}".splitlines()[0][:160]
        raise DownloadError(f"{url}: {reason}") from None
    return done


def fetch_index() -> list[dict]:
    """The index's translation entries whose fields have the types Argos gives them."""
    url = index_url()
    parts: list[bytes] = []
    try:
        stream(url, parts.append, MAX_INDEX_BYTES, INDEX_SECONDS, "the package index")
    except DownloadError as err:
        raise BriefingError(f"cannot read the package index ({err})") from None
    try:
        index = json.loads(b"".join(parts).decode("utf-8"))
    except (ValueError, RecursionError):
        raise BriefingError(f"the package index {url} is not valid JSON") from None
    if not isinstance(index, list):
        raise BriefingError(f"the package index {url} is not a list of packages")
    return [entry for entry in index if _well_formed(entry)]


def _well_formed(entry) -> bool:
    return (isinstance(entry, dict) and entry.get("type", "translate") == "translate"
            and isinstance(entry.get("from_code"), str) and isinstance(entry.get("to_code"), str)
            and isinstance(entry.get("links", []), list))


def download(url: str, destination: Path, progress: Callable[[int, int | None], None]) -> None:
    """`url` into `destination`, within $BRIEFING_MAX_DOWNLOAD_MB and $BRIEFING_DOWNLOAD_TIMEOUT."""
    limit = int(env_number("BRIEFING_MAX_DOWNLOAD_MB", 2048) * (1 << 20))
    seconds = env_number("BRIEFING_DOWNLOAD_TIMEOUT", 1800)
    with destination.open("wb") as out:
        stream(url, out.write, limit, seconds, "the package", progress)


def install_pair(
    source: str,
    target: str,
    progress: Callable[[str, int, int | None], None],
    directory: Path | None = None,
) -> list[InstalledPackage]:
    """Install from the index the package(s) for source→target (two through English if needed)."""
    try:
        index = fetch_index()
    except BriefingError as err:
        raise BriefingError(f"{err}; offline? {_offline_hint(source, target)}") from None
    entries = {(e["from_code"], e["to_code"]): e for e in index}
    if (source, target) in entries:
        wanted = [entries[source, target]]
    elif (source, PIVOT) in entries and (PIVOT, target) in entries:
        wanted = [entries[source, PIVOT], entries[PIVOT, target]]
    else:
        raise BriefingError(f"the package index {index_url()} has no {source}→{target} package")
    have = {(p.from_code, p.to_code) for p in installed_packages(directory)}
    wanted = [e for e in wanted if (e["from_code"], e["to_code"]) not in have]
    installed = []
    with tempfile.TemporaryDirectory() as work:
        for entry in wanted:
            pair = f"{entry['from_code']}→{entry['to_code']}"
            archive = Path(work) / f"translate-{entry['from_code']}_{entry['to_code']}.argosmodel"
            _download_any(entry, archive, functools.partial(progress, archive.stem), source, target)
            installed.append(install_file(archive, directory, expected_pair=pair))
    return installed


def _download_any(entry: dict, archive: Path, progress: Callable[[int, int | None], None], source: str,
                  target: str) -> None:
    """The first of the entry's links that downloads; ipfs:// and the like are skipped."""
    errors = []
    for link in (link for link in entry.get("links", []) if isinstance(link, str)
                 and link.startswith(("http://", "https://", "file:"))):
        try:
            download(link, archive, progress)
            return
        except DownloadError as err:
            errors.append(str(err))
    detail = "; ".join(errors) or "no download link in the index"
    raise BriefingError(f"download failed ({detail}); {_offline_hint(source, target)}")
