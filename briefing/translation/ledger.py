"""The QA report as a ledger of a briefing's files: the digest of each editable file as
`translate` wrote it (or as `memory import` last took it in). A file whose bytes no longer
match was edited by a reviewer since: a re-run must not replace it silently."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from briefing import atomic

LEDGER_KEY = "written"  # the QA report's field: file name → SHA-256 of its bytes


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def report_beside(path: Path) -> Path:
    """The QA report of a briefing file: NAME.LANG.md → NAME.LANG.qa.json."""
    return path.with_name(path.name.rsplit(".", 1)[0] + ".qa.json")


def recorded(qa_path: Path) -> dict[str, str]:
    """The digests a QA report keeps (none from a report that is missing or damaged)."""
    try:
        written = json.loads(qa_path.read_text(encoding="utf-8")).get(LEDGER_KEY, {})
    except (OSError, ValueError, AttributeError):
        return {}
    return written if isinstance(written, dict) else {}


def edited(path: Path) -> bool:
    """The file is there and its ledger does not vouch for its bytes (edited, or no record)."""
    return path.is_file() and recorded(report_beside(path)).get(path.name) != digest(path.read_bytes())


def mark_imported(path: Path) -> None:
    """Record in the briefing's QA report that `path`, as it is now, has been imported, so that
    the next `translate` into the same folder may replace it."""
    qa_path = report_beside(path)
    try:
        report = json.loads(qa_path.read_text(encoding="utf-8"))
        report.setdefault(LEDGER_KEY, {})[path.name] = digest(path.read_bytes())
    except (OSError, ValueError, AttributeError):
        return
    atomic.write_text(qa_path, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
