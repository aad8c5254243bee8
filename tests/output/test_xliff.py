"""Briefings as XLIFF 2.0 and 1.2 for CAT tools: files the schemas accept, that translate-toolkit
(what OmegaT-, memoQ- and Trados-style tools read like) reads unit for unit, and that come back
through `memory import` as exactly the corrections a translator made in them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from briefing.languages import parse_language
from briefing.output.xliff import to_xliff
from briefing.quality.checking import Report, SegmentReport
from briefing.sources.document import Document
from briefing.translation.memory_rows import HUMAN
from briefing.translation.types import Briefing, Segment
from briefing.translation.xliff_ids import unit_id
from tests.conftest import one_entry_glossary, run_briefing

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "xliff"
SOURCE = """# Aid reaches the coast

March 10, 2025

Aid convoys reached Baniyas on Monday, where 412 civilians were killed.

| Town | Killed |
|---|---|
| Baniyas | 412 |
| Jableh | 35 |

Officials said the curfew would be reviewed.
"""


def schema(version: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / f"xliff-{version}-briefing.xsd")))


def store(path: Path):
    from translate.storage.xliff import xlifffile
    from translate.storage.xliff2 import Xliff2File

    data = path.read_bytes()
    return (Xliff2File if b"xliff:document:2.0" in data else xlifffile).parsestring(data)


@pytest.fixture
def exported(installed_models, tmp_path):
    """report.md translated into French as XLIFF 2.0 and into Arabic as XLIFF 1.2, with a memory."""
    source = tmp_path / "report.md"
    source.write_text(SOURCE, encoding="utf-8")
    memory, out = tmp_path / "memory.sqlite", tmp_path / "out"
    for lang, version in (("fr", "2.0"), ("ar", "1.2")):
        result = run_briefing("translate", str(source), "--to", lang, "--format", "xliff", "--xliff-version", version,
                              "--out", str(out), "--memory", str(memory), "-q")
        assert result.returncode == 0, result.stderr
    return out, memory


@pytest.mark.parametrize(("lang", "version"), [("fr", "2.0"), ("ar", "1.2")])
def test_the_exported_files_are_valid_xliff_with_a_unit_per_sentence(exported, lang, version):
    out, _ = exported
    path = out / f"report.{lang}.xlf"
    document = etree.parse(str(path))
    assert schema(version).validate(document), schema(version).error_log
    units = [unit for unit in store(path).units if not unit.isheader()]
    segments = json.loads((out / f"report.{lang}.qa.json").read_text(encoding="utf-8"))["segments"]
    assert [str(unit.source) for unit in units] == [segment["source"] for segment in segments]
    assert "Killed" in [str(unit.source) for unit in units]  # the table's cells, one unit each
    assert store(path).gettargetlanguage() == lang


def unit_notes(path: Path) -> list[list[str]]:
    """Each unit's notes (2.0: the unit's <notes>, which translate-toolkit does not read)."""
    namespace = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    return [[note.text for note in unit.iterfind("x:notes/x:note", namespace)]
            for unit in etree.parse(str(path)).iterfind(".//x:unit", namespace)]


def test_a_unit_carries_its_glossary_terms_and_qa_findings_as_notes(installed_models, tmp_path):
    source = tmp_path / "report.txt"
    source.write_text("Aid convoys reached Jableh on Monday.\n", encoding="utf-8")
    glossary = one_entry_glossary(tmp_path / "glossary.toml")
    result = run_briefing("translate", str(source), "--to", "fr", "--to", "ar", "--format", "xliff",
                          "--out", str(tmp_path / "out"), "--glossary", str(glossary), "--no-memory", "-q")
    assert result.returncode == 0, result.stderr
    assert unit_notes(tmp_path / "out" / "report.fr.xlf") == [["glossary jableh: Jableh → Jablé"]]
    (arabic,) = unit_notes(tmp_path / "out" / "report.ar.xlf")
    assert "QA: untranslated" in arabic  # the copy model leaves the sentence in English: flagged for the translator


@pytest.mark.parametrize(("lang", "version"), [("fr", "2.0"), ("ar", "1.2")])
def test_a_target_edited_in_a_cat_tool_comes_back_as_exactly_that_correction(exported, lang, version):
    out, memory = exported
    path = out / f"report.{lang}.xlf"
    edited = store(path)
    unit = next(u for u in edited.units if str(u.source) == "Officials said the curfew would be reviewed.")
    corrected = {"fr": "Les responsables ont dit que le couvre-feu serait revu.",
                 "ar": "قال المسؤولون إن حظر التجول سيراجع."}[lang]
    unit.target = corrected
    path.write_bytes(bytes(edited))
    assert schema(version).validate(etree.parse(str(path))), schema(version).error_log  # as the tool saved it
    imported = run_briefing("memory", "import", str(path), "--memory", str(memory))
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout
    exported_tmx = run_briefing("memory", "export", "--memory", str(memory), "-o", "-").stdout
    assert exported_tmx.count('<prop type="x-origin">human</prop>') == 1 and corrected in exported_tmx


def test_a_cat_edit_that_changes_a_figure_is_held_back(exported):
    out, memory = exported
    path = out / "report.fr.xlf"
    edited = store(path)
    unit = next(u for u in edited.units if str(u.source) == "412")
    unit.target = "421"
    path.write_bytes(bytes(edited))
    imported = run_briefing("memory", "import", str(path), "--memory", str(memory))
    exported_tmx = run_briefing("memory", "export", "--memory", str(memory), "-o", "-").stdout
    assert "421" not in re.findall(r"<seg>([^<]*)</seg>", exported_tmx)  # the segments, not the export's timestamp
    assert imported.returncode != 0 and "figure 412" in imported.stdout + imported.stderr


def test_a_file_from_another_cat_tool_gives_each_translated_unit(installed_models, tmp_path):
    path = tmp_path / "vendor.xlf"
    path.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
  <file original="a.txt" source-language="en-US" target-language="fr-FR" datatype="plaintext"><body>
    <trans-unit id="1"><source>The curfew was lifted.</source><target>Le couvre-feu a été levé.</target></trans-unit>
    <trans-unit id="2"><source>Schools reopened.</source><target/></trans-unit>
  </body></file></xliff>""", encoding="utf-8")
    memory = tmp_path / "memory.sqlite"
    imported = run_briefing("memory", "import", str(path), "--memory", str(memory))
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout


def test_an_xliff_file_with_a_doctype_is_refused_in_one_line(tmp_path):
    path = tmp_path / "bomb.xlf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2">&a;</xliff>',
                    encoding="utf-8")
    imported = run_briefing("memory", "import", str(path), "--memory", str(tmp_path / "m.sqlite"))
    assert imported.returncode != 0 and "unsafe XML" in imported.stdout + imported.stderr
    assert "Traceback" not in imported.stderr


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sentences=st.lists(st.tuples(_TEXT, _TEXT, st.booleans()), min_size=1, max_size=6),
       version=st.sampled_from(["2.0", "1.2"]))
def test_any_text_makes_a_valid_file_that_reads_back_as_written(tmp_path, sentences, version):
    """Markup characters, controls XML forbids, right-to-left text, reviewers' translations."""
    from briefing.xmlsafe import xml_text

    document = Document(path=Path("source <&> .txt"), blocks=())
    segments = [Segment(i, i, 0, len(source), source, target, origin=HUMAN if human else "machine")
                for i, (source, target, human) in enumerate(sentences)]
    report = Report("en", "fr", [SegmentReport(i, s.source, s.target) for i, s in enumerate(segments)])
    briefing = Briefing(document, "en", parse_language("fr"), segments, [], report)
    path = tmp_path / f"case.{version}.xlf"
    path.write_text(to_xliff(briefing, version), encoding="utf-8")
    assert schema(version).validate(etree.parse(str(path))), schema(version).error_log
    units = [unit for unit in store(path).units if not unit.isheader()]
    readable = lambda text: etree.fromstring(f"<t>{xml_text(text)}</t>").text or ""  # noqa: E731
    assert [str(unit.source) for unit in units] == [readable(s.source) for s in segments]
    assert [str(unit.target) for unit in units] == [readable(s.target) for s in segments]
    assert [unit.getid().split("\x04")[-1] for unit in units] == [unit_id(s.index, s.target) for s in segments]
