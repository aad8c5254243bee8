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
