"""Briefings as Word files: the printed briefing's contents, right-to-left Arabic, and a file that
LibreOffice opens (converted headless to PDF and read back with pdftotext)."""

from __future__ import annotations

import json
import shutil
import subprocess

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import LIBREOFFICE, SEEDS, libreoffice, pdf_text, run_briefing, translate_in_a_fresh_home

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
    from briefing.output.bidi import LEFT_TO_RIGHT_RUN

    # right to left, but for the Latin names and figures, each a left-to-right run of its own
    assert all(run.font.rtl or LEFT_TO_RIGHT_RUN.fullmatch(run.text) for p in paragraphs for run in p.runs)
    assert any(run.font.rtl for p in paragraphs for run in p.runs)
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


@LIBREOFFICE
def test_libreoffice_opens_it_and_the_text_reads_back(word_briefings, tmp_path):
    for lang, expected in (("ar", "اللاذقية"), ("fr", "Lattaquié")):
        assert expected in pdf_text(libreoffice(word_briefings / f"{SEEDS[0].stem}.{lang}.docx", tmp_path))


@LIBREOFFICE
def test_a_briefing_edited_and_saved_by_libreoffice_imports_its_correction(word_briefings, tmp_path):
    name = f"{SEEDS[0].stem}.ar"
    for suffix in ("docx", "json", "qa.json"):
        shutil.copy(word_briefings / f"{name}.{suffix}", tmp_path / f"{name}.{suffix}")
    document = docx.Document(tmp_path / f"{name}.docx")
    run = next(run for p in body_paragraphs(document) for run in p.runs if "deadliest" in run.text)
    run.text = run.text.replace("deadliest", "أعنف")  # the reviewer translates one word of one sentence
    document.save(tmp_path / "edited.docx")
    saved = libreoffice(tmp_path / "edited.docx", tmp_path / "saved", "docx:MS Word 2007 XML")
    shutil.copy(saved, tmp_path / f"{name}.docx")  # what the reviewer sends back
    imported = run_briefing("memory", "import", str(tmp_path / f"{name}.docx"), "--memory", str(tmp_path / "m.sqlite"),
                            "--accept-changes")  # the copy model's Arabic is English: pairing under test
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout


@LIBREOFFICE
@pytest.mark.parametrize(("paper", "size"), [("a4", "(A4)"), ("letter", "(letter)")])
def test_printed_from_word_the_pages_are_the_papers_with_header_and_numbers(installed_models, tmp_path, paper, size):
    result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--format", "docx", "--paper", paper,
                          "--out", str(tmp_path / "out"), "--no-memory", "-q")
    assert result.returncode == 0, result.stderr
    printed = libreoffice(tmp_path / "out" / f"{SEEDS[0].stem}.fr.docx", tmp_path)
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert size in info
    pages = pdf_text(printed).split("\f")
    numbered = [page for page in pages if page.strip()]
    assert len(numbered) >= 2
    for number, page in enumerate(numbered, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0].startswith("Note d’information — ")  # the running header, with the report's date
        assert lines[-1] == str(number)  # the page number, at the foot


def test_the_paper_of_the_configuration_sizes_the_word_pages(installed_models, tmp_path):
    (tmp_path / "briefing.toml").write_text('paper = "letter"\n', encoding="utf-8")
    result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--format", "docx", "--out", str(tmp_path / "out"),
                          "--no-memory", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    section = docx.Document(tmp_path / "out" / f"{SEEDS[0].stem}.fr.docx").sections[0]
    assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (215.9, 279.4)


def test_the_properties_are_the_briefings_with_no_template_stamp(word_briefings):
    import datetime as dt
    import zipfile

    path = word_briefings / f"{SEEDS[0].stem}.fr.docx"
    properties = docx.Document(path).core_properties
    assert properties.title == docx.Document(path).paragraphs[0].text and properties.language == "fr"
    assert properties.author == "briefing" and not properties.comments
    assert dt.datetime.now(dt.timezone.utc) - properties.created < dt.timedelta(hours=1)
    assert properties.modified == properties.created
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        stamped = [name for name in names if b"python-docx" in package.read(name) or b"Macintosh" in package.read(name)]
    assert not stamped and not [name for name in names if "thumbnail" in name]


def test_every_style_is_in_naskh_for_arabic_and_headings_keep_with_their_text(word_briefings):
    document = docx.Document(word_briefings / f"{SEEDS[0].stem}.ar.docx")
    fonts = list(document.styles.element.iter(f"{W}rFonts"))
    assert fonts and all(f.get(f"{W}cs") == "Noto Naskh Arabic" for f in fonts)
    assert not [f for f in fonts if any(name.endswith("Theme") or name.endswith("theme") for name in f.attrib)]
    headings = [p for p in document.paragraphs if p.style.name == "Briefing Appendix" and p.runs and p.runs[0].bold]
    assert headings and all(p.paragraph_format.keep_with_next for p in headings)
    assert document.styles["Heading 2"].paragraph_format.keep_with_next


def test_latin_runs_of_arabic_lines_are_runs_of_their_own_without_isolate_marks(word_briefings):
    """Run-level direction, as Word writes it: the text a reader copies is the text (no LRI/PDI)."""
    document = docx.Document(word_briefings / f"{SEEDS[0].stem}.ar.docx")
    details = next(p for p in document.paragraphs if p.style.name == "Briefing Header")
    (name_run,) = [run for run in details.runs if run.text == SEEDS[0].name]  # one left-to-right run
    assert name_run.font.rtl is False
    assert all(run.font.rtl for run in details.runs if run.text.strip() and not any(c.isascii() for c in run.text))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "\u2066" not in text and "\u2069" not in text and "\u2067" not in text and "\u2068" not in text




@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.one_of(st.sampled_from(["قال السكان إن", "في مدينة", "،", " ", "يوم الجمعة"]),
                                st.sampled_from(["Jableh", "AK-47", "1,250", "15:30", "١٢٫٥", "COVID-19", "(UN)"])),
                      min_size=1, max_size=12))
def test_direction_runs_cut_a_line_into_its_left_to_right_runs_and_the_rest_losing_nothing(parts):
    from briefing.output.bidi import LEFT_TO_RIGHT_RUN, direction_runs

    text = " ".join(parts)
    runs = direction_runs(text)
    assert "".join(piece for piece, _ in runs) == text
    for piece, left_to_right in runs:
        assert bool(LEFT_TO_RIGHT_RUN.fullmatch(piece)) == left_to_right or (not left_to_right and not piece)
        assert "\u2066" not in piece and "\u2069" not in piece
