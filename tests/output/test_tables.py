"""A source's tables through the whole pipeline: every cell translated (in the one batch) and
checked, printed as a table in Markdown, HTML/PDF and Word (right to left in Arabic), and an
edited cell of a returned briefing recorded as a correction."""

from __future__ import annotations

import json

import docx
import pytest

from briefing.pipeline.review import Review
from tests.conftest import LIBREOFFICE, libreoffice, one_entry_glossary, pdf_text, run_briefing
from tests.sources.test_tables import ROWS, word_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FRENCH = [[{"Jableh": "Jablé"}.get(cell, cell) for cell in row] for row in ROWS]  # the glossary's form, enforced


@pytest.fixture
def briefed(installed_models, tmp_path):
    """report.docx (a paragraph, a table, a paragraph) into French and Arabic, every format."""
    source = word_report(tmp_path / "report.docx")
    out, memory = tmp_path / "out", tmp_path / "memory.sqlite"
    formats = [arg for fmt in ("md", "json", "html", "pdf", "docx") for arg in ("--format", fmt)]
    result = run_briefing("translate", str(source), "--to", "fr", "--to", "ar", *formats, "--out", str(out),
                          "--memory", str(memory), "--glossary", str(one_entry_glossary(tmp_path / "names.toml")), "-q")
    assert result.returncode == 0, result.stderr
    return out, memory


def test_each_cell_is_a_checked_segment_and_a_json_block_with_its_place(briefed):
    out, _ = briefed
    briefing = json.loads((out / "report.fr.json").read_text(encoding="utf-8"))
    cells = [block for block in briefing["blocks"] if block["kind"] == "cell"]
    assert [block["source"] for block in cells] == [cell for row in ROWS for cell in row]
    assert [block["cell"] for block in cells][:4] == [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 0]]
    qa = json.loads((out / "report.fr.qa.json").read_text(encoding="utf-8"))
    figures = [number["source_text"] for segment in qa["segments"] for number in segment["numbers"]]
    assert figures.count("412") == 2 and "35" in figures  # the paragraph's 412, and the cell's


def test_markdown_prints_a_pipe_table(briefed):
    out, _ = briefed
    lines = (out / "report.fr.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| Town | Civilians killed | Source |")
    assert lines[start + 1] == "|---|---|---|"
    assert lines[start + 2:start + 5] == ["| " + " | ".join(row) + " |" for row in FRENCH[1:]]


def test_the_printed_briefing_has_the_table_right_to_left_in_arabic(briefed):
    out, _ = briefed
    page = (out / "report.ar.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and '<table class="body">' in page
    table = page[page.index('<table class="body">'):]
    assert table.index("<th>") < table.index("Baniyas") < table.index("Jableh") < table.index("</table>")
    rows = [line.split() for line in pdf_text(out / "report.fr.pdf", "-layout").splitlines()]
    assert ["Baniyas", "412", "Syrian", "Observatory"] in rows and ["Jablé", "35", "Local", "council"] in rows


def test_the_word_briefing_has_a_word_table_right_to_left_in_arabic(briefed):
    out, _ = briefed
    for lang in ("fr", "ar"):
        document = docx.Document(out / f"report.{lang}.docx")
        body_table = document.tables[0]
        texts = [[cell.text.translate(dict.fromkeys(range(0x2066, 0x206A))) for cell in row.cells]
                 for row in body_table.rows]
        assert texts == (FRENCH if lang == "fr" else ROWS)
        right_to_left = body_table._tbl.tblPr.find(f"{W}bidiVisual") is not None
        assert right_to_left == (lang == "ar")


@pytest.mark.parametrize("suffix", ["docx", "md"])
def test_an_edited_cell_of_a_returned_briefing_becomes_a_correction(briefed, suffix):
    out, memory = briefed
    path = out / f"report.fr.{suffix}"
    if suffix == "docx":
        document = docx.Document(path)
        document.tables[0].cell(2, 2).paragraphs[0].runs[0].text = "Conseil local"
        document.save(path)
    else:
        path.write_text(path.read_text(encoding="utf-8").replace("| Local council |", "| Conseil local |"),
                        encoding="utf-8")
    imported = run_briefing("memory", "import", str(path), "--memory", str(memory))
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout
    tmx = run_briefing("memory", "export", "--memory", str(memory), "-o", "-").stdout
    assert "<seg>Local council</seg></tuv>\n      <tuv xml:lang=\"fr\"><seg>Conseil local</seg>" in tmx


@pytest.mark.parametrize("kind", [pytest.param("odt", marks=LIBREOFFICE), "html",
                                  pytest.param("pdf", marks=LIBREOFFICE)])
def test_a_table_of_any_kind_of_source_is_a_table_of_the_briefing(installed_models, tmp_path, kind):
    """A Word report saved by LibreOffice as OpenDocument, or printed by it as a PDF; a saved page."""
    from tests.sources.test_tables import AFTER, BEFORE

    if kind in ("odt", "pdf"):
        source = libreoffice(word_report(tmp_path / "report.docx"), tmp_path, kind)
    else:
        cells = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in ROWS)
        source = tmp_path / "report.html"
        source.write_text(f"<html><body><article><h1>Aid reaches the coast</h1><p>{BEFORE}</p><table>{cells}"
                          f"</table><p>{AFTER}</p></article></body></html>", encoding="utf-8")
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                          "--glossary", str(one_entry_glossary(tmp_path / "names.toml")), "-q")
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "out" / "report.fr.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| Town | Civilians killed | Source |")
    assert lines[start + 2:start + 5] == ["| " + " | ".join(row) + " |" for row in FRENCH[1:]]


def test_a_markdown_tables_column_alignment_is_the_briefings_in_every_format(installed_models, tmp_path):
    """Left, centred and right columns (numbers are right-aligned) come out so in Markdown, in
    HTML (by reading direction: an Arabic page mirrors) and in Word, and after a review re-renders
    the briefing from its JSON."""
    source = tmp_path / "casualties.md"
    source.write_text("# Casualties\n\nThe monitor counted the dead by town.\n\n"
                      "| Town | Killed | Source |\n| :--- | ---: | :---: |\n| Jableh | 12 | Monitor |\n",
                      encoding="utf-8")
    formats = [arg for fmt in ("md", "json", "html", "docx") for arg in ("--format", fmt)]
    result = run_briefing("translate", str(source), "--to", "fr", "--to", "ar", *formats, "--out",
                          str(tmp_path / "out"), "--no-memory", "-q")
    assert result.returncode == 0, result.stderr
    for lang in ("fr", "ar"):
        briefing = (tmp_path / "out" / f"casualties.{lang}.md").read_text(encoding="utf-8").splitlines()
        assert "|:---|---:|:---:|" in briefing
        page = (tmp_path / "out" / f"casualties.{lang}.html").read_text(encoding="utf-8")
        assert '<td style="text-align:start">' in page and '<td style="text-align:end">' in page
        assert '<th style="text-align:center">' in page
        cells = docx.Document(tmp_path / "out" / f"casualties.{lang}.docx").tables[0].rows[1].cells
        assert [str(cell.paragraphs[0].alignment) for cell in cells] == ["LEFT (0)", "RIGHT (2)", "CENTER (1)"]
        data = json.loads((tmp_path / "out" / f"casualties.{lang}.json").read_text(encoding="utf-8"))
        assert [block.get("align") for block in data["blocks"] if "cell" in block][:3] == ["left", "right", "center"]
        _, again = Review(tmp_path / "out" / f"casualties.{lang}.json").rendered("md")
        assert "|:---|---:|:---:|" in again.decode("utf-8")


def test_a_cell_that_says_what_the_title_says_stays_in_the_briefing(installed_models, tmp_path):
    """The title is a place, not a text: a cell with the same words is a cell of the table."""
    source = tmp_path / "casualties.md"
    source.write_text("# Casualties\n\nThe monitor counted the dead by town.\n\n"
                      "| Town | Casualties |\n| --- | --- |\n| Jableh | 12 |\n", encoding="utf-8")
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                          "--format", "md", "--format", "json", "-q")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "out" / "casualties.fr.json").read_text(encoding="utf-8"))
    cells = [block for block in data["blocks"] if "cell" in block]
    assert [block["source"] for block in cells] == ["Town", "Casualties", "Jableh", "12"]
    briefing = (tmp_path / "out" / "casualties.fr.md").read_text(encoding="utf-8")
    table = [line for line in briefing.splitlines() if line.startswith("|")]
    assert len(table) == 3 and table[0].count("|") == 3 and "Casualties" in table[0]  # the header row whole
