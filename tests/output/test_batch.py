"""One QA report for a run: qa.html for a browser, qa.csv for a spreadsheet."""

import csv
import io
from html.parser import HTMLParser

from tests.conftest import SEEDS, run_briefing


class Tables(HTMLParser):
    """The cells of each table of a page, and its links."""

    def __init__(self):
        super().__init__()
        self.tables, self.links, self._row, self._in_cell = [], [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = []
            self.tables[-1].append(self._row)
        elif tag in ("td", "th"):
            self._row.append("")
            self._in_cell = True
        elif tag == "a":
            self.links.append(dict(attrs)["href"].removeprefix("./"))  # relative, never a scheme

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self._row[-1] += data


def test_a_run_of_three_sources_writes_one_report_that_opens_in_a_browser(installed_models, tmp_path):
    third = tmp_path / "third.txt"
    third.write_text("Gunmen killed 745 civilians near Jableh, the Observatory said.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_briefing("translate", *map(str, SEEDS), str(third), "--to", "ar", "--to", "fr", "--out", str(out),
                          "--no-memory", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = Tables()
    page.feed((out / "qa.html").read_text(encoding="utf-8"))
    briefings, *sections = page.tables
    assert len(briefings) == 1 + 3 * 2  # a header, then every source × target
    assert sorted(set(page.links)) == sorted(f"{name}.{lang}.html" for name in [s.stem for s in SEEDS] + ["third"]
                                             for lang in ("ar", "fr"))
    assert all((out / link).is_file() for link in page.links)
    assert all(section[0] == ["sentence", "kinds", "to verify", "source", "translation"] for section in sections)
    assert (out / "qa.csv").read_bytes().startswith(b"\xef\xbb\xbfbriefing,")  # a BOM: Excel reads Arabic right
    rows = list(csv.reader(io.StringIO((out / "qa.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["briefing", "target", "sentence", "kinds", "to verify", "source", "translation"]
    assert [row[2:] for row in rows[1:]] == [row for section in sections for row in section[1:]]
    assert len(rows) > 10 and {"sentence"} <= {kind for row in rows[1:] for kind in row[3].split(", ")}
    sentences = [(row[0], row[2]) for row in rows[1:]]
    assert len(sentences) == len(set(sentences))  # one row per sentence, whatever it holds


def test_check_writes_the_same_report_for_any_pair_of_texts(tmp_path):
    source = tmp_path / "en.txt"
    source.write_text("Clashes in Jableh killed 12 people.\n", encoding="utf-8")
    translation = tmp_path / "fr.txt"
    translation.write_text("Des affrontements à Jablah ont fait 21 morts.\n", encoding="utf-8")
    result = run_briefing("check", str(source), str(translation), "--to", "fr", "--report", str(tmp_path / "qa"))
    assert result.returncode == 1
    rows = list(csv.reader(io.StringIO((tmp_path / "qa" / "qa.csv").read_text(encoding="utf-8-sig"))))
    (row,) = rows[1:]
    assert row[:4] == ["fr.txt", "fr", "1", "name, figure"]
    assert "term jableh variant 'Jablah'" in row[4] and "figure 12 changed → 21" in row[4]
    assert row[5:] == ["Clashes in Jableh killed 12 people.", "Des affrontements à Jablah ont fait 21 morts."]


def test_a_figure_changed_in_one_respect_says_which_in_every_report(tmp_path):
    source = tmp_path / "en.txt"
    source.write_text("More than 1,000 people fled on 9 April.\nAt 11:45 pm the shelling resumed.\n", encoding="utf-8")
    translation = tmp_path / "fr.txt"
    translation.write_text("Moins de 1 000 personnes ont fui le 9 mai.\nÀ 11 h 45, les bombardements ont repris.\n",
                           encoding="utf-8")
    result = run_briefing("check", str(source), str(translation), "--to", "fr", "--report", str(tmp_path / "qa"),
                          "--json")
    assert result.returncode == 1
    import json

    notes = [n.get("note") for s in json.loads(result.stdout)["segments"] for n in s["numbers"] if n["status"] != "ok"]
    assert notes == ["qualifier: more than → moins de", "month: April → mai", "time of day: pm → am"]
    rows = list(csv.reader(io.StringIO((tmp_path / "qa" / "qa.csv").read_text(encoding="utf-8-sig"))))
    assert [row[4] for row in rows[1:]] == [
        "figure 1,000 changed → 1 000 (qualifier: more than → moins de); figure April changed → mai "
        "(month: April → mai)", "figure 11:45 pm changed → 11 h 45 (time of day: pm → am)"]


def test_a_partial_re_run_reports_every_briefing_of_the_folder_as_the_full_run_did(installed_models, tmp_path):
    """Re-running one source into one language keeps the folder's other briefings in qa.html and
    qa.csv, worded as their own run worded them; a damaged qa.json in the folder is passed over."""
    third = tmp_path / "third.txt"
    third.write_text("Gunmen killed 745 civilians near Jableh, the Observatory said.\n", encoding="utf-8")
    out = tmp_path / "out"
    full = run_briefing("translate", *map(str, SEEDS), str(third), "--to", "ar", "--to", "fr", "--out", str(out),
                        "--no-memory", "--format", "md", "--format", "pdf")
    assert full.returncode == 0, full.stderr

    def report() -> tuple[list, list, list]:
        page = Tables()
        page.feed((out / "qa.html").read_text(encoding="utf-8"))
        rows = list(csv.reader(io.StringIO((out / "qa.csv").read_text(encoding="utf-8-sig"))))
        return sorted(page.tables[0][1:]), sorted(page.links), sorted(rows[1:])

    before = report()
    (out / "stray.fr.qa.json").write_text("{not json", encoding="utf-8")
    again = run_briefing("translate", str(third), "--to", "fr", "--out", str(out), "--no-memory", "--format", "md",
                         "--format", "pdf", "--force")
    assert again.returncode == 0, again.stderr
    after = report()
    assert after == before and len(after[0]) == 3 * 2
    assert all(link.endswith(".pdf") and (out / link).is_file() for link in after[1])
