"""Briefings as Word files: the printed briefing's contents, right-to-left Arabic, and a file that
LibreOffice opens (converted headless to PDF and read back with pdftotext)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import docx
import pytest

from tests.conftest import SEEDS, run_briefing, translate_in_a_fresh_home

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def word_briefings(tmp_path_factory):
    return translate_in_a_fresh_home(tmp_path_factory, str(SEEDS[0]), "--to", "ar", "--to", "fr", "--format", "docx",
                                     "--format", "md", "-q")


def body_paragraphs(document) -> list:
    return [p for p in document.paragraphs if p.style.name not in ("Title", "Briefing Header", "Briefing Appendix")]


def test_a_word_briefing_comes_with_its_json(word_briefings):
    for lang in ("ar", "fr"):
        assert (word_briefings / f"{SEEDS[0].stem}.{lang}.docx").is_file()
        assert (word_briefings / f"{SEEDS[0].stem}.{lang}.json").is_file()  # what memory import pairs it with


def test_arabic_paragraphs_are_right_to_left_in_an_arabic_face(word_briefings):
    document = docx.Document(word_briefings / f"{SEEDS[0].stem}.ar.docx")
    paragraphs = body_paragraphs(document)
    assert paragraphs and all(p._p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs)
    assert all(run.font.rtl for p in paragraphs for run in p.runs)
    fonts = document.styles["Normal"].element.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}cs") == "Noto Naskh Arabic"
    assert document.core_properties.language == "ar"


def test_french_is_left_to_right_with_its_typography(word_briefings):
    document = docx.Document(word_briefings / f"{SEEDS[0].stem}.fr.docx")
    assert all(p._p.find(f"{W}pPr/{W}bidi") is None for p in body_paragraphs(document))
    header = next(p.text for p in document.paragraphs if p.style.name == "Briefing Header")
    assert "Source\xa0:" in header and "9 mars 2025" in header  # the no-break space before a colon


def test_the_word_file_holds_the_printed_contents(word_briefings):
    document = docx.Document(word_briefings / f"{SEEDS[0].stem}.fr.docx")
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title" and "Heading 2" in styles
    appendix = [p.text for p in document.paragraphs if p.style.name == "Briefing Appendix"]
    assert appendix[0] == "Termes clés" and "Contrôle qualité" in appendix
    terms = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "Lattaquié" in terms and "اللاذقية" in terms


def test_check_reads_a_word_briefing_as_it_reads_the_markdown_one(word_briefings):
    reports = []
    for suffix in ("md", "docx"):
        result = run_briefing("check", str(SEEDS[0]), str(word_briefings / f"{SEEDS[0].stem}.fr.{suffix}"), "--to",
                              "fr", "--json")
        assert result.returncode == 1  # the copy model's English is untranslated, rightly
        reports.append(json.loads(result.stdout)["summary"])
    assert reports[0] == reports[1] and reports[0]["flags"]["unaligned"] == 0


@pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"),
                    reason="LibreOffice is not installed (.ci/system-packages installs it)")
def test_libreoffice_opens_it_and_the_text_reads_back(word_briefings, tmp_path):
    for lang, expected in (("ar", "اللاذقية"), ("fr", "Lattaquié")):
        source = word_briefings / f"{SEEDS[0].stem}.{lang}.docx"
        converted = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
        assert converted.returncode == 0, converted.stderr
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / f"{source.stem}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert expected in text


@pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"),
                    reason="LibreOffice is not installed (.ci/system-packages installs it)")
def test_a_briefing_edited_and_saved_by_libreoffice_imports_its_correction(word_briefings, tmp_path):
    name = f"{SEEDS[0].stem}.ar"
    for suffix in ("docx", "json", "qa.json"):
        shutil.copy(word_briefings / f"{name}.{suffix}", tmp_path / f"{name}.{suffix}")
    document = docx.Document(tmp_path / f"{name}.docx")
    run = next(run for p in body_paragraphs(document) for run in p.runs if "deadliest" in run.text)
    run.text = run.text.replace("deadliest", "أعنف")  # the reviewer translates one word of one sentence
    document.save(tmp_path / "edited.docx")
    saved = tmp_path / "saved"
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(saved), str(tmp_path / "edited.docx")],
        capture_output=True, text=True, timeout=180)
    assert converted.returncode == 0, converted.stderr
    shutil.copy(saved / "edited.docx", tmp_path / f"{name}.docx")  # what the reviewer sends back
    imported = run_briefing("memory", "import", str(tmp_path / f"{name}.docx"), "--memory", str(tmp_path / "m.sqlite"))
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout
