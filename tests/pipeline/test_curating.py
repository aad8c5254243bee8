"""`memory list`, `search`, `edit` and `rm`: a reviewer's corrections curated on either store,
an edit passing the same guards as an import, a removal giving the model's translation back."""

from __future__ import annotations

import json
import random
import unicodedata

import pytest

from briefing.glossary.files import load
from briefing.pipeline.curating import Concordance, CorrectionEdit, edit_correction, find_pairs, remove_correction
from briefing.translation.memory import open_memory
from tests.conftest import ROOT, run_briefing

GLOSSARY = load([ROOT / "glossary"])
NAMES = [(e.terms["en"].preferred, e.terms["fr"].preferred) for e in GLOSSARY
         if "en" in e.terms and "fr" in e.terms and e.kind == "place"]


def unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def location(request, tmp_path):
    return tmp_path / "m.sqlite" if request.param == "sqlite" else request.getfixturevalue("postgres_server")()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_corrections_are_listed_newest_first_and_found_by_any_spelling_of_their_words(location, seed):
    rng = random.Random(seed)
    chosen = rng.sample(NAMES, 4)
    with open_memory(location) as memory:
        for english, french in chosen:
            memory.record_edits([("en", "fr", f"Residents fled {english}.", f"Les habitants ont fui {french}.")],
                                "review")
            memory.record_edits([("en", "ar", f"Residents fled {english}.", "فر السكان.")], "review")
        listed = find_pairs(memory, Concordance(target_lang="fr"))
        assert [p.sentence for p in listed] == [f"Residents fled {e}." for e, _ in reversed(chosen)]
        assert all(p.origin == "human" and p.by == "review" and p.created > 0 for p in listed)
        english, french = chosen[1]
        for query in (french.upper(), unaccented(french), english.lower()):
            found = find_pairs(memory, Concordance(query, target_lang="fr"))
            assert [p.sentence for p in found] == [f"Residents fled {english}."], query
        assert len(find_pairs(memory, Concordance(english))) == 2  # both languages


def test_an_edit_passes_the_imports_guards_and_a_removal_gives_the_model_back(location):
    sentence = "Haidar Nasser visited Baniyas."
    with open_memory(location) as memory:
        memory.record_edits([("en", "fr", sentence, "Haydar Naser a visité Banias.")], "a.fr.json")
        misspelt = CorrectionEdit(sentence, "fr", "Haidar Naser a visité Banias.", glossary_paths=[ROOT / "glossary"])
        outcome = edit_correction(misspelt, memory)
        assert outcome.recorded == 0 and "haidar-nasser" in " ".join(outcome.refused[0][1])
        right = CorrectionEdit(sentence, "fr", "Haïdar Nasser a visité Banias.", glossary_paths=[ROOT / "glossary"])
        assert edit_correction(right, memory).recorded == 1
        assert memory.edits("en", "fr", [sentence]) == {sentence: "Haïdar Nasser a visité Banias."}
        assert remove_correction(CorrectionEdit(sentence, "fr"), memory) == 1
        assert memory.edits("en", "fr", [sentence]) == {}
        assert remove_correction(CorrectionEdit(sentence, "fr"), memory) == 0


def test_the_commands_list_search_edit_and_remove(tmp_path):
    memory = str(tmp_path / "m.sqlite")
    briefing = tmp_path / "a.fr.json"
    segments = [{"index": 0, "block": 0, "source": "Haidar Nasser visited Baniyas.",
                 "target": "Haydar Naser a visité Banias.", "corrected": True}]
    briefing.write_text(json.dumps({"source_lang": "en", "target_lang": "fr", "segments": segments}), encoding="utf-8")
    assert run_briefing("memory", "import", str(briefing), "--memory", memory, "--accept-changes").returncode == 0
    listed = run_briefing("memory", "list", "--memory", memory, "--json")
    (row,) = json.loads(listed.stdout)
    assert row["target"] == "Haydar Naser a visité Banias." and row["by"].endswith("a.fr.json")
    assert "Haydar Naser" in run_briefing("memory", "search", "HAYDAR", "--memory", memory).stdout
    refused = run_briefing("memory", "edit", "Haidar Nasser visited Baniyas.", "--to", "fr", "--target",
                           "Haydar Naser a visité Banias.", "--memory", memory, "--glossary", str(ROOT / "glossary"))
    assert refused.returncode == 1 and "--accept-changes" in refused.stderr
    edited = run_briefing("memory", "edit", "Haidar Nasser visited Baniyas.", "--to", "fr", "--target",
                          "Haïdar Nasser a visité Banias.", "--memory", memory, "--glossary", str(ROOT / "glossary"))
    assert edited.returncode == 0, edited.stderr
    assert run_briefing("memory", "rm", "Haidar Nasser visited Baniyas.", "--to", "fr", "--memory",
                        memory).returncode == 0
    gone = run_briefing("memory", "rm", "Haidar Nasser visited Baniyas.", "--to", "fr", "--memory", memory)
    assert gone.returncode == 1 and "memory search" in gone.stderr
    assert json.loads(run_briefing("memory", "list", "--memory", memory, "--json").stdout) == []
