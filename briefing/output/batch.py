"""One QA report for a whole run: every source × target of a `translate` (or a `check`) in
`qa.html`, to open in a browser, and `qa.csv`, for a spreadsheet. Counts per briefing, then
each finding with its sentence, the expected and the found form, linked to the briefing."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing import atomic
from briefing.errors import BriefingError
from briefing.glossary.interchange import spreadsheet_safe
from briefing.output.formats import names, output_format
from briefing.quality.checking import Report
from briefing.translation.qa_file import QaFile

COLUMNS = ("briefing", "target", "sentence", "kinds", "to verify", "source", "translation")


@dataclass(frozen=True)
class ToVerify:
    """A sentence of a briefing with something to look at, worded for a person."""

    number: int  # counted from 1, as the review layout numbers sentences
    kinds: tuple[str, ...]  # name, figure, sentence: to filter on
    problems: tuple[str, ...]  # "figure 1,000 changed → 1 000 (qualifier: more than → moins de)"
    source: str
    target: str


@dataclass(frozen=True)
class Reviewed:
    """One checked briefing of the report: its name, target locale, counts, its sentences to
    verify, and the file to link to. Made from this run's check (`of`) or from the qa.json an
    earlier run left in the folder (`earlier`), so that a partial re-run's report still lists
    every briefing of the folder."""

    name: str
    target: str
    names: tuple[int, int]  # (ok, total)
    figures: tuple[int, int]
    problems: int
    sentences: tuple[ToVerify, ...]
    link: str = ""

    @classmethod
    def of(cls, name: str, target: str, report: Report, link: str = "") -> Reviewed:
        counts = report.summary()
        return cls(name, target, (counts["terms"]["ok"], counts["terms"]["total"]),
                   (counts["numbers"]["ok"], counts["numbers"]["total"]), report.problems,
                   tuple(ToVerify(segment.index + 1, tuple(segment.problem_kinds()), tuple(segment.problem_lines()),
                                  segment.source, segment.target) for segment in report.segments if segment.problems),
                   link)

    @classmethod
    def earlier(cls, qa: QaFile, name: str, link: str = "") -> Reviewed:
        counts = qa.summary

        def ok_of(part: str) -> tuple[int, int]:
            found = counts.get(part) if isinstance(counts.get(part), dict) else {}
            return tuple(n if isinstance(n, int) else 0 for n in (found.get("ok", 0), found.get("total", 0)))

        sentences = tuple(ToVerify(segment.index + 1, segment.kinds, segment.to_verify, segment.source, segment.target)
                          for segment in qa.segments if segment.to_verify)
        return cls(name, name.rsplit(".", 1)[-1], ok_of("terms"), ok_of("numbers"),
                   sum(len(s.problems) for s in sentences), sentences, link)


def findings(item: Reviewed) -> list[tuple[str, ...]]:
    """One row per sentence to verify, in COLUMNS order: what to look at, with the whole source
    sentence and translation beside it, and the kinds of finding to filter on."""
    return [(item.name, item.target, str(s.number), ", ".join(s.kinds), "; ".join(s.problems), s.source, s.target)
            for s in item.sentences]


def earlier_briefings(out_dir: Path, this_run: Iterable[str]) -> list[Reviewed]:
    """The briefings an earlier run left in OUT (by their qa.json), other than this run's names:
    a damaged or foreign qa.json is passed over, as it is no briefing of ours to list."""
    done, found = set(this_run), []
    for path in sorted(out_dir.glob("*.qa.json")):
        name = path.name[: -len(".qa.json")]
        if name in done or "." not in name or not path.is_file():
            continue
        try:
            qa = QaFile.parse(path.read_text(encoding="utf-8"), path)
        except (BriefingError, OSError, UnicodeDecodeError):
            continue
        found.append(Reviewed.earlier(qa, name, _readable_beside(out_dir, name)))
    return found


def _readable_beside(out_dir: Path, name: str) -> str:
    """The file of an earlier briefing a person reads, by the formats' link ranks."""
    ranked = sorted((output_format(n) for n in names() if output_format(n).link_rank is not None),
                    key=lambda fmt: fmt.link_rank)
    for fmt in ranked:
        for suffix in (fmt.file_suffix, f"review.{fmt.file_suffix}"):
            if (out_dir / f"{name}.{suffix}").is_file():
                return f"{name}.{suffix}"
    return ""


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
        name = html.escape(item.name)
        linked = f'<a href="{_relative_href(item.link)}">{name}</a>' if item.link else name
        summary.append(f"<tr><td>{linked}</td>{cell(item.target)}<td>{item.names[0]} / {item.names[1]}</td>"
                       f"<td>{item.figures[0]} / {item.figures[1]}</td><td>{item.problems}</td></tr>")
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
