"""Names hold on any glossary: one mention gets one form, whatever the termbases in force."""

import pytest

from briefing.pipeline import Callbacks, TranslateRequest, translate
from tests.conftest import ROOT

DUPLICATE = """[jableh-dj]
kind = "place"
[jableh-dj.en]
preferred = "Jableh"
[jableh-dj.fr]
preferred = "Djebleh"
[jableh-dj.ar]
preferred = "جبلة"
[latakia-again]
kind = "place"
[latakia-again.en]
preferred = "Latakia"
[latakia-again.fr]
preferred = "Latakia"
"""


def briefings(tmp_path, text, glossaries, targets=("fr", "ar")):
    source = tmp_path / "s.txt"
    source.write_text(text, encoding="utf-8")
    notices = []
    result = translate(TranslateRequest([source], list(targets), out_dir=tmp_path / "out",
                                        glossary_paths=glossaries, use_memory=False),
                       Callbacks(notice=notices.append))
    return result, notices


@pytest.mark.parametrize("first", ["desk", "partner"])
def test_two_termbases_naming_one_place_give_one_form_and_a_warning(installed_models, tmp_path, first):
    partner = tmp_path / "partner.toml"
    partner.write_text(DUPLICATE, encoding="utf-8")
    desk = ROOT / "glossary"
    order = [desk, partner] if first == "desk" else [partner, desk]
    result, notices = briefings(tmp_path, "Clashes in Jableh and Latakia.\n\nJableh was calm.\n", order)
    french = {b.target.language: b for b in result.briefings}["fr"]
    jableh, latakia = ("Jablé", "Lattaquié") if first == "desk" else ("Djebleh", "Latakia")
    assert [s.target for s in french.segments] == [f"Clashes in {jableh} and {latakia}.", f"{jableh} was calm."]
    assert all(t.status == "ok" for s in french.qa.segments for t in s.terms)
    warnings = [n.text for n in notices if n.level == "warning"]
    assert len(warnings) == 2  # one per pair of entries, not per sentence or language
    warning = next(w for w in warnings if "'Jableh'" in w)
    assert "syria-coast.toml:151" in warning and "partner.toml:1" in warning
    assert warning.endswith(f"{'jableh' if first == 'desk' else 'jableh-dj'} comes first and is used")


PARTNER_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="jableh-partner"><descrip type="subjectField">place</descrip>
 <langSet xml:lang="en"><tig><term>Jableh</term></tig></langSet>
 <langSet xml:lang="fr"><tig><term>Jableh</term></tig></langSet></termEntry>
<termEntry id="baniyas-partner"><descrip type="subjectField">place</descrip>
 <langSet xml:lang="en"><tig><term>Baniyas</term></tig></langSet>
 <langSet xml:lang="fr"><tig><term>Baniyas</term></tig></langSet></termEntry>
</body></text></martif>
"""


def test_a_partner_tbx_repeating_places_glues_nothing(installed_models, tmp_path):
    partner = tmp_path / "partner.tbx"
    partner.write_text(PARTNER_TBX, encoding="utf-8")
    result, notices = briefings(tmp_path, "Clashes in Jableh, Baniyas and Latakia.\n", [ROOT / "glossary", partner],
                                targets=["fr"])
    (briefing,) = result.briefings
    assert briefing.segments[0].target == "Clashes in Jablé, Banias and Lattaquié."
    assert sum(n.level == "warning" for n in notices) == 2


@pytest.mark.parametrize(("sentence", "french", "arabic"), [
    ("Bashar Assad's forces had left.", "Bachar al-Assad’s forces had left.", "بشار الأسد's forces had left."),
    ("President Assad's forces had left.", "President Assad’s forces had left.", "President الأسد's forces had left."),
])
def test_a_full_name_alias_is_the_whole_name_and_a_title_stays_for_the_model(installed_models, tmp_path, sentence,
                                                                              french, arabic):
    result, _ = briefings(tmp_path, sentence + "\n", [ROOT / "glossary"])
    targets = {b.target.language: b.segments[0].target for b in result.briefings}
    assert targets == {"fr": french, "ar": arabic}
    for briefing in result.briefings:
        assert [t.status for s in briefing.qa.segments for t in s.terms] == ["ok"]


def test_a_hyphenated_full_name_alias_is_not_a_title(installed_models, tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[fattah]\nkind = "person"\n[fattah.en]\npreferred = "Abdel-Fattah Burhan"\n'
                        'forms = { short = "Burhan" }\naliases = ["Abdel-Fattah al-Burhan", "Gen. Burhan"]\n'
                        '[fattah.fr]\npreferred = "Abdel Fattah al-Burhane"\nforms = { short = "Burhane" }\n',
                        encoding="utf-8")
    result, _ = briefings(tmp_path, "Abdel-Fattah al-Burhan spoke.\n\nGen. Burhan left.\n", [glossary], ["fr"])
    (briefing,) = result.briefings
    assert [s.target for s in briefing.segments] == ["Abdel Fattah al-Burhane spoke.", "Gen. Burhane left."]


REGIONAL = """[tuwaym-village]
kind = "place"
[tuwaym-village.en]
preferred = "Tuwaym"
[tuwaym-village.fr]
preferred = "Touwaym"
[tuwaym-village.fr_CA]
preferred = "Tuwaïm"
"""


def test_a_regional_table_is_used_for_its_locale_and_the_language_table_elsewhere(installed_models, tmp_path):
    glossary = tmp_path / "regional.toml"
    glossary.write_text(REGIONAL, encoding="utf-8")
    source = tmp_path / "s.txt"
    source.write_text("Gunmen entered Tuwaym and Jableh.\n", encoding="utf-8")
    phases = []

    def progress(label, total):
        phases.append((label, total))
        return Callbacks().progress(label, total)

    result = translate(TranslateRequest([source], ["fr", "fr_CA", "fr_BE"], out_dir=tmp_path / "out",
                                        glossary_paths=[glossary, ROOT / "glossary"], use_memory=False,
                                        formats=["md", "html"]), Callbacks(progress=progress))
    outputs = {b.target.locale: b for b in result.briefings}
    assert outputs["fr"].segments[0].target == "Gunmen entered Touwaym and Jablé."
    assert outputs["fr_BE"].segments[0].target == "Gunmen entered Touwaym and Jablé."
    assert outputs["fr_CA"].segments[0].target == "Gunmen entered Tuwaïm and Jablé."
    canadian = outputs["fr_CA"].qa.segments[0].terms
    assert [(t.entry, t.expected[0], t.status) for t in canadian] == [("tuwaym-village", "Tuwaïm", "ok"),
                                                                      ("jableh", "Jablé", "ok")]
    assert phases[1][1] == 2 * result.sentences  # a pass for fr (and fr_BE), one for fr_CA's own forms
    page = (tmp_path / "out" / "s.fr_CA.html").read_text(encoding="utf-8")
    assert "Tuwaïm" in page.split("terms")[-1]  # the key-terms table shows the regional form


def test_the_check_of_a_locale_expects_its_regional_form(tmp_path):
    from briefing.glossary.files import load
    from briefing.quality.checking import Checker

    glossary_file = tmp_path / "regional.toml"
    glossary_file.write_text(REGIONAL, encoding="utf-8")
    glossary = load([glossary_file])
    (canadian,) = Checker(glossary, "en", "fr_CA").term_checks("Clashes in Tuwaym.", "Heurts à Touwaym.")
    assert (canadian.status, canadian.expected[0]) == ("variant", "Tuwaïm")
    (french,) = Checker(glossary, "en", "fr").term_checks("Clashes in Tuwaym.", "Heurts à Touwaym.")
    assert french.status == "ok"


HEADMAN = """[haddad]
kind = "person"
[haddad.en]
preferred = "Youssef Haddad"
forms = { short = "Haddad" }
aliases = ["Mukhtar Haddad"]
[haddad.fr]
preferred = "Youssef Haddad"
forms = { short = "Haddad" }
"""
MUKHTAR = """[mukhtar]
kind = "title"
note = "Village headman."
[mukhtar.en]
preferred = "Mukhtar"
[mukhtar.fr]
preferred = "moukhtar"
"""


@pytest.mark.parametrize("declared", [False, True])
def test_a_glossary_extends_the_titles_a_name_may_carry(installed_models, tmp_path, declared):
    glossary = tmp_path / "g.toml"
    glossary.write_text(HEADMAN + (MUKHTAR if declared else ""), encoding="utf-8")
    result, _ = briefings(tmp_path, "Mukhtar Haddad spoke.\n", [glossary], ["fr"])
    (briefing,) = result.briefings
    # a title keeps the short form and leaves the title to the model; a word that is not one is part of the name
    assert briefing.segments[0].model_input == ("Mukhtar Haddad spoke." if declared else "Youssef Haddad spoke.")


def test_a_conflict_is_kept_in_the_qa_reports_and_warned_even_quietly(installed_models, tmp_path):
    import json

    from tests.conftest import run_briefing

    partner = tmp_path / "partner.toml"
    partner.write_text(DUPLICATE, encoding="utf-8")
    source = tmp_path / "s.txt"
    source.write_text("Clashes in Jableh.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(out), "--no-memory", "--quiet",
                          "--glossary", str(ROOT / "glossary"), "--glossary", str(partner))
    assert result.returncode == 0, result.stderr
    assert "'Jableh' is named by two entries" in result.stderr
    recorded = json.loads((out / "s.fr.qa.json").read_text(encoding="utf-8"))["glossary_conflicts"]
    assert [(c["text"], c["used"], c["other"]) for c in recorded] == [("Jableh", "jableh", "jableh-dj")]
    assert recorded[0]["other_file"].endswith("partner.toml:1")
    page = (out / "qa.html").read_text(encoding="utf-8")
    assert "Glossary conflicts" in page and "jableh-dj" in page
