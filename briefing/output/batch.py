"""One QA report for a whole run: every source × target of a `translate` (or a `check`) in
`qa.html`, to open in a browser, and `qa.csv`, for a spreadsheet. Counts per briefing, then
each finding with its sentence, the expected and the found form, linked to the briefing."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import atomic
from briefing.glossary.interchange import spreadsheet_safe
from briefing.quality.checking import Report
from briefing.quality.numbers import OK

COLUMNS = ("briefing", "target", "sentence", "kinds", "to verify", "source", "translation")


@dataclass(frozen=True)
class Reviewed:
    """One checked text of the run: its name, target locale, report, and the file to link to."""

    name: str
    target: str
    report: Report
    link: str = ""


def findings(item: Reviewed) -> list[tuple[str, ...]]:
    """One row per sentence to verify, in COLUMNS order: what to look at, worded for a person
    ("figure 1,000 changed → 1 000 (qualifier: more than → moins de)"), with the whole source
    sentence and translation beside it, and the kinds of finding to filter on."""
    rows = []
    for segment in item.report.segments:
        problems = segment.problem_lines()
        if not problems:
            continue
        kinds = [kind for kind, found in (("name", any(t.problem for t in segment.terms)),
                                          ("figure", any(n.status != OK for n in segment.numbers)),
                                          ("sentence", bool(segment.flags))) if found]
        rows.append((item.name, item.target, str(segment.index + 1), ", ".join(kinds), "; ".join(problems),
                     segment.source, segment.target))
    return rows


def to_csv(items: Sequence[Reviewed]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerows([spreadsheet_safe(cell) for cell in row] for row in findings(item))
    return buffer.getvalue()


def to_html(items: Sequence[Reviewed], title: str = "Quality check of the run", conflicts: Sequence[dict] = ()) -> str:
    """The run's briefings with their counts, then each briefing's sentences to verify in a
    section of its own (folded away when there are many), so that a run of thousands of
    findings is read briefing by briefing."""
    def cell(text: str) -> str:
        return f'<td dir="auto">{html.escape(text)}</td>'

    summary, sections = [], []
    for item in items:
        counts = item.report.summary()
        name = html.escape(item.name)
        linked = f'<a href="{_relative_href(item.link)}">{name}</a>' if item.link else name
        summary.append(f"<tr><td>{linked}</td>{cell(item.target)}"
                       f"<td>{counts['terms']['ok']} / {counts['terms']['total']}</td>"
                       f"<td>{counts['numbers']['ok']} / {counts['numbers']['total']}</td>"
                       f"<td>{item.report.problems}</td></tr>")
        rows = findings(item)
        if rows:
            body = "".join("<tr>" + "".join(cell(value) for value in row[2:]) + "</tr>" for row in rows)
            sections.append(f'<details{"" if len(rows) > 50 else " open"}><summary>{linked} · '
                            f"{html.escape(item.target)} · {len(rows)} sentence(s) to verify</summary>"
                            '<table class="findings"><thead><tr>'
                            + "".join(f"<th>{column}</th>" for column in COLUMNS[2:])
                            + f"</tr></thead><tbody>{body}</tbody></table></details>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}"
            "td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top;text-align:start}"
            "th{background:#eee}summary{cursor:pointer;margin:.5em 0}</style></head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n<table class=\"briefings\"><thead><tr><th>briefing</th><th>target</th>"
            "<th>names ok</th><th>figures ok</th><th>to verify</th></tr></thead><tbody>"
            + "".join(summary) + "</tbody></table>\n" + "\n".join(sections) + "\n"
            + _conflicts_table(conflicts, cell) + "</body></html>\n")


def _conflicts_table(conflicts: Sequence[dict], cell) -> str:
    """The words two glossary entries claimed: one mention, one form; which entry was used."""
    if not conflicts:
        return ""
    rows = "".join("<tr>" + "".join(cell(c[key]) for key in ("text", "used", "used_file", "other", "other_file"))
                   + "</tr>" for c in conflicts)
    return ("<h2>Glossary conflicts</h2>\n<table class=\"conflicts\"><thead><tr><th>words</th><th>entry used</th>"
            "<th>its file</th><th>entry passed over</th><th>its file</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>\n")


def write_batch_report(items: Sequence[Reviewed], out_dir: Path, conflicts: Sequence[dict] = ()) -> list[Path]:
    """OUT/qa.html and OUT/qa.csv, written together; `conflicts`: the words two glossary entries
    claimed in the run, and which one was used."""
    files = [(out_dir / "qa.html", to_html(items, conflicts=conflicts).encode("utf-8")),
             (out_dir / "qa.csv", to_csv(items).encode("utf-8-sig"))]
    atomic.write_all(files)
    return [path for path, _ in files]


def _relative_href(file_name: str) -> str:
    """A link to a file beside the report, never read as a scheme: a source named
    "javascript:alert(1).txt" links to ./javascript%3Aalert%281%29.fr.md, not to a script."""
    from urllib.parse import quote

    return html.escape("./" + quote(file_name), quote=True)
