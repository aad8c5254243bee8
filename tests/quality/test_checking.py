import json

import pytest

from briefing.glossary.files import load
from briefing.quality.checking import Checker, check_pairs
from tests.conftest import ROOT, run_briefing


@pytest.fixture(scope="module")
def glossary():
    return load([ROOT / "glossary"])


def terms(glossary, source, target, lang):
    return [(t.entry, t.status) for t in Checker(glossary, "en", lang).term_checks(source, target)]


def test_french_statuses(glossary):
    source = "Clashes in Baniyas and Latakia killed Alawites, the Syrian Observatory for Human Rights said."
    good = "Des affrontements à Banias et à Lattaquié ont tué des Alaouites, selon l'OSDH."
    assert terms(glossary, source, good, "fr") == [
        ("baniyas", "ok"), ("latakia", "ok"), ("alawites", "ok"), ("syrian-observatory-for-human-rights", "ok")]
    variant = "Des affrontements à Baniyas ont tué des Alawites."
    assert terms(glossary, "Clashes in Baniyas killed Alawites.", variant, "fr") == [
        ("baniyas", "variant"), ("alawites", "forbidden")]
    assert terms(glossary, "Clashes in Latakia.", "Des affrontements sur la côte.", "fr") == [("latakia", "missing")]


def test_arabic_statuses_with_clitics(glossary):
    source = "Residents of Jableh and Alawite villages fled to Hmeimim."
    target = "فر سكان جبلة والقرى العلوية إلى حميميم."
    assert terms(glossary, source, target, "ar") == [("jableh", "ok"), ("alawites", "ok"), ("hmeimim", "ok")]


def test_untranslated_and_wrong_script_flags(glossary):
    report = check_pairs(
        [("The clashes continued on Friday.", "The clashes continued on Friday."),
         ("The clashes continued on Friday.", "Les affrontements ont continué vendredi.")],
        glossary, "en", "ar",
    )
    assert report.segments[0].flags == ["untranslated", "wrong_script"]
    assert report.segments[1].flags == ["wrong_script"]


def test_check_command_json_follows_the_design(tmp_path):
    (tmp_path / "en.txt").write_text("Over 1,000 people died in Baniyas.\nNine children were buried in Tuwaym.\n")
    (tmp_path / "fr.txt").write_text("Plus de 1 000 personnes sont mortes à Banias.\nDes enfants ont été enterrés.\n")
    result = run_briefing("check", str(tmp_path / "en.txt"), str(tmp_path / "fr.txt"), "--to", "fr", "--json")
    assert result.returncode == 1  # problems found
    report = json.loads(result.stdout)
    assert report["source_lang"] == "en" and report["target_lang"] == "fr"
    first, second = report["segments"]
    assert first["terms"] == [{"entry": "baniyas", "source_text": "Baniyas", "start": 26, "end": 33,
                               "expected": ["Banias"], "target_text": "Banias", "status": "ok"}]
    assert first["numbers"] == [{"source_text": "1,000", "value": 1000, "target_text": "1 000", "status": "ok"}]
    assert [t["status"] for t in second["terms"]] == ["missing"]
    assert [n["status"] for n in second["numbers"]] == ["missing"]
    assert report["summary"]["terms"] == {"total": 2, "ok": 1, "missing": 1, "forbidden": 0, "variant": 0}
    assert report["summary"]["numbers"] == {"total": 2, "ok": 1, "missing": 1, "changed": 0}


def test_check_command_readable_output_and_errors(tmp_path):
    (tmp_path / "en.txt").write_text("745 civilians were killed in Latakia.\n")
    (tmp_path / "fr.txt").write_text("754 civils ont été tués à Lattaquié.\n")
    result = run_briefing("check", str(tmp_path / "en.txt"), str(tmp_path / "fr.txt"), "--to", "fr")
    assert result.returncode == 1
    assert "line 1: figure 745 changed → 754" in result.stdout
    (tmp_path / "fr2.txt").write_text("745 civils ont été tués à Lattaquié.\nEn trop.\n")
    mismatch = run_briefing("check", str(tmp_path / "en.txt"), str(tmp_path / "fr2.txt"), "--to", "fr")
    assert mismatch.returncode == 2 and "1 lines but" in mismatch.stderr and "Traceback" not in mismatch.stderr
    (tmp_path / "fr3.txt").write_text("745 civils ont été tués à Lattaquié.\n")
    clean = run_briefing("check", str(tmp_path / "en.txt"), str(tmp_path / "fr3.txt"), "--to", "fr")
    assert clean.returncode == 0, clean.stdout
