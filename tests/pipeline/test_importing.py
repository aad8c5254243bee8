"""`briefing.pipeline.import_corrections`: reviewers' corrections into the memory, in-process."""

import hashlib
import json

import pytest

from briefing.pipeline import ImportRequest, TranslateRequest, import_corrections, translate
from briefing.translation.memory import Memory
from tests.conftest import ROOT, SEEDS

SOURCE = ("Gunmen killed 745 civilians near Jableh.\n\n"
          "Residents fled the town on Friday.\n\n"
          "The roads to Baniyas were closed.\n")


def translated(tmp_path):
    source = tmp_path / "coast.txt"
    source.write_text(SOURCE, encoding="utf-8")
    translate(TranslateRequest([source], ["fr"], out_dir=tmp_path / "out", glossary_paths=[ROOT / "glossary"],
                               use_memory=False))
    return tmp_path / "out" / "coast.fr.json"


def test_corrections_are_recorded_and_a_risky_one_is_refused(installed_models, tmp_path, analyses_counted):
    briefing = translated(tmp_path)
    data = json.loads(briefing.read_text(encoding="utf-8"))
    data["segments"][0]["target"] = data["segments"][0]["target"].replace("745", "754")  # a figure changed
    data["segments"][1]["target"] = "Les habitants ont fui la ville vendredi."
    briefing.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    scans, readings = analyses_counted
    scans.clear(), readings.clear()  # what the translation did

    result = import_corrections(ImportRequest([broken, briefing], glossary_paths=[ROOT / "glossary"],
                                              memory=tmp_path / "m.sqlite"))
    failed, imported = result.files
    assert "not valid JSON" in failed.error and result.failed == 1
    assert imported.recorded == 1 and imported.unchanged == 1 and result.recorded == 1
    assert imported.refused == [(data["segments"][0]["source"], ["figure 745 changed → 754"])]
    for segment in data["segments"][:2]:  # each correction's source analysed once, for both of its texts
        assert scans[segment["source"]] == readings[segment["source"]] == 1
    with Memory(tmp_path / "m.sqlite") as memory:
        assert memory.edits("en", "fr", [data["segments"][1]["source"]]) == {
            data["segments"][1]["source"]: "Les habitants ont fui la ville vendredi."}


def test_accepted_changes_are_recorded_and_the_briefing_marked_imported(installed_models, tmp_path):
    briefing = translated(tmp_path)
    data = json.loads(briefing.read_text(encoding="utf-8"))
    data["segments"][0]["target"] = data["segments"][0]["target"].replace("745", "754")
    briefing.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = import_corrections(ImportRequest([briefing], accept_changes=True, memory=tmp_path / "m.sqlite"))
    assert result.recorded == 1 and not result.nothing_imported
    qa = json.loads((tmp_path / "out" / "coast.fr.qa.json").read_text(encoding="utf-8"))
    assert qa["written"]["coast.fr.json"] == hashlib.sha256(briefing.read_bytes()).hexdigest()  # may be replaced


TYPOGRAPHY = ('Residents said "we counted 1,250 dead" in Jableh; others asked: why?\n\n'
              "The Observatory's figures rose to 3.5 million displaced, a 40% rise since 9 March.\n\n"
              "Al-Assad's forces left Latakia at 04:00!\n")


@pytest.mark.parametrize("suffix", ["md", "docx", "json"])
def test_an_unedited_briefing_read_back_records_nothing(installed_models, tmp_path, suffix):
    """Round trips invent no correction: every target and locale, typographic spaces, quotes,
    apostrophes and hyphens as `translate` wrote them."""
    source = tmp_path / "typography.txt"
    source.write_text(TYPOGRAPHY, encoding="utf-8")
    result = translate(TranslateRequest([source, *SEEDS], ["ar", "ar_SY", "fr", "fr_CA"], out_dir=tmp_path / "out",
                                        formats=["md", "docx"], glossary_paths=[ROOT / "glossary"], use_memory=False))
    files = sorted(p for p in result.written if p.name.endswith(f".{suffix}") and not p.name.endswith(".qa.json"))
    assert len(files) == 3 * 4
    imported = import_corrections(ImportRequest(files, memory=tmp_path / "m.sqlite"))
    assert [(f.path.name, f.recorded, f.refused, f.skipped) for f in imported.files] == [
        (f.name, 0, [], []) for f in files]


def test_an_edited_markdown_briefing_imports_whatever_formats_the_run_wrote(installed_models, tmp_path):
    """Markdown alone was asked for: its JSON companion comes with it (reading an edited
    Markdown briefing back needs the source sentences), as Word's always did."""
    source = tmp_path / "coast.txt"
    source.write_text(SOURCE, encoding="utf-8")
    result = translate(TranslateRequest([source], ["fr"], out_dir=tmp_path / "out", formats=["md"],
                                        glossary_paths=[ROOT / "glossary"], use_memory=False))
    assert {p.name for p in result.written} >= {"coast.fr.md", "coast.fr.json"}
    briefing = tmp_path / "out" / "coast.fr.md"
    lines = briefing.read_text(encoding="utf-8").split("\n\n")
    lines[-1] = "Les routes vers Banias ont été fermées.\n"
    briefing.write_text("\n\n".join(lines), encoding="utf-8")
    imported = import_corrections(ImportRequest([briefing], glossary_paths=[ROOT / "glossary"],
                                                memory=tmp_path / "m.sqlite"))
    (outcome,) = imported.files
    assert not outcome.error and outcome.recorded == 1, outcome
    with Memory(tmp_path / "m.sqlite") as memory:
        assert memory.edits("en", "fr", ["The roads to Baniyas were closed."]) == {
            "The roads to Baniyas were closed.": "Les routes vers Banias ont été fermées."}
