"""The QA report as a ledger of a briefing's files: the digest of each editable file as
`translate` wrote it (or as `memory import` last took it in). A file whose bytes no longer
match was edited by a reviewer since: a re-run must not replace it silently."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from briefing import atomic
from briefing.errors import BriefingError
from briefing.translation.qa_file import QaFile

LEDGER_KEY = "written"  # the QA report's field: file name → SHA-256 of its bytes


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def report_beside(path: Path) -> Path:
    """The QA report of a briefing file: NAME.LANG.md → NAME.LANG.qa.json."""
    return path.with_name(path.name.rsplit(".", 1)[0] + ".qa.json")


def recorded(qa_path: Path) -> dict[str, str]:
    """The digests a QA report keeps (none from a report that is missing or damaged)."""
    try:
        return QaFile.parse(qa_path.read_text(encoding="utf-8"), qa_path).written
    except (OSError, UnicodeDecodeError, BriefingError):
        return {}


def edited(paths: list[Path]) -> list[Path]:
    """Those of `paths` that are there and that their ledger does not vouch for (edited, or
    no record), each QA report read once."""
    ledgers: dict[Path, dict[str, str]] = {}
    found = []
    for path in paths:
        if not path.is_file():
            continue
        report = report_beside(path)
        if report not in ledgers:
            ledgers[report] = recorded(report)
        if ledgers[report].get(path.name) != digest(path.read_bytes()):
            found.append(path)
    return found


def mark_imported(path: Path) -> None:
    """Record in the briefing's QA report that `path`, as it is now, has been imported, so that
    the next `translate` into the same folder may replace it."""
    qa_path = report_beside(path)
    try:
        report = QaFile.parse(qa_path.read_text(encoding="utf-8"), qa_path)
        written = {**report.written, path.name: digest(path.read_bytes())}
    except (OSError, UnicodeDecodeError, BriefingError):
        return
    atomic.write_text(qa_path, json.dumps(replace(report, run={**report.run, LEDGER_KEY: written}).to_json(),
                                          ensure_ascii=False, indent=2) + "\n")
