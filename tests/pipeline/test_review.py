"""A briefing under review: statuses kept beside it, an edit checked as it is typed, a confirmation
through the import guards into the memory, two reviewers never overwriting each other silently,
and what was confirmed reused by the next run."""

from __future__ import annotations

import json
import threading

import pytest

from briefing.glossary.files import load
from briefing.pipeline import TranslateRequest, translate
from briefing.pipeline.review import Conflict, Refused, Review, Saved
from briefing.quality.statuses import ReviewStatus
from briefing.translation.memory import Memory
from tests.conftest import ROOT, translated_markdown

SOURCE = ("# Coast\n\nGunmen killed 745 civilians near Jableh.\n\n"
          "Residents fled Baniyas on Friday.\n\nThe roads were closed.\n")


@pytest.fixture
def briefing(installed_models, tmp_path):
    return translated_markdown(tmp_path, SOURCE, memory=tmp_path / "memory.sqlite")


def review(path):
    return Review(path, load([ROOT / "glossary"]))


def test_every_sentence_starts_as_the_machine_gave_it(briefing):
    rows = review(briefing).rows()
    assert [r.source for r in rows] == ["Coast", "Gunmen killed 745 civilians near Jableh.",
                                        "Residents fled Baniyas on Friday.", "The roads were closed."]
    assert {r.status for r in rows} == {ReviewStatus.MACHINE} and {r.version for r in rows} == {0}
    assert rows[1].terms[0]["entry"] == "jableh" and rows[1].terms[0]["status"] == "ok"
    # the copy model's English: "The roads were closed." is untranslated; the others carry the glossary's forms
    assert review(briefing).counts() == {"sentences": 4, "flagged": 1, "confirmed": 0}
    assert rows[3].findings == ["untranslated"]


def test_a_misspelt_name_is_flagged_as_it_is_typed_and_clears_when_fixed(briefing):
    desk = review(briefing)
    typed = desk.check(2, "Les habitants ont fui Baniass vendredi.")
    assert any(t.entry == "baniyas" and t.status != "ok" for t in typed.terms)
    fixed = desk.check(2, "Les habitants ont fui Banias vendredi.")
    assert [t.status for t in fixed.terms] == ["ok"] and not fixed.problems


def test_a_changed_figure_is_confirmed_only_when_accepted_and_the_status_survives(briefing, tmp_path):
    desk = review(briefing)
    with Memory(tmp_path / "memory.sqlite") as memory:
        changed = "Des hommes armés ont tué 754 civils près de Jablé."
        assert desk.save(1, changed, 0, confirm=True, memory=memory) == Refused(["figure 745 changed → 754"])
        saved = desk.save(1, changed, 0, confirm=True, accept=True, memory=memory, by="reviewer-1")
        assert isinstance(saved, Saved) and saved.row.status == ReviewStatus.CONFIRMED and saved.row.version == 1
        assert memory.edits("en", "fr", ["Gunmen killed 745 civilians near Jableh."]) == {
            "Gunmen killed 745 civilians near Jableh.": changed}
    again = review(briefing).row(1)  # a restart: read from the file beside the briefing
    assert (again.status, again.target, again.by) == (ReviewStatus.CONFIRMED, changed, "reviewer-1")
    assert "figure 745 changed" in " ".join(again.findings)
    state = json.loads(briefing.with_name("coast.fr.review.json").read_text(encoding="utf-8"))
    assert list(state["sentences"]) == ["Gunmen killed 745 civilians near Jableh.\x1f1"]


def test_two_reviewers_never_overwrite_each_other_silently(briefing):
    first, second = review(briefing), review(briefing)
    results = {}

    def save(name, desk, index, text):
        results[name] = desk.save(index, text, 0)

    threads = [threading.Thread(target=save, args=("a", first, 2, "Les habitants ont fui Banias vendredi.")),
               threading.Thread(target=save, args=("b", second, 3, "Les routes ont été fermées."))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert isinstance(results["a"], Saved) and isinstance(results["b"], Saved)  # different sentences: both kept
    assert review(briefing).row(2).status == review(briefing).row(3).status == ReviewStatus.EDITED
    late = second.save(2, "Les habitants se sont enfuis de Banias vendredi.", 0)  # read before the first save
    assert isinstance(late, Conflict) and late.row.target == "Les habitants ont fui Banias vendredi."
    assert review(briefing).row(2).target == "Les habitants ont fui Banias vendredi."


def test_a_confirmed_sentence_is_reused_by_the_next_run_and_its_status_kept(briefing, tmp_path):
    with Memory(tmp_path / "memory.sqlite") as memory:
        review(briefing).save(3, "Les routes ont été fermées.", 0, confirm=True, memory=memory)
    translate(TranslateRequest([tmp_path / "coast.md"], ["fr"], out_dir=tmp_path / "out",
                               glossary_paths=[ROOT / "glossary"], memory=tmp_path / "memory.sqlite", force=True))
    data = json.loads(briefing.read_text(encoding="utf-8"))
    assert data["segments"][3]["target"] == "Les routes ont été fermées." and data["segments"][3]["origin"] == "human"
    assert review(briefing).row(3).status == ReviewStatus.CONFIRMED


def test_the_briefing_is_rewritten_from_the_reviewed_sentences(briefing, tmp_path):
    desk = review(briefing)
    with Memory(tmp_path / "memory.sqlite") as memory:
        desk.save(3, "Les routes ont été fermées.", 0, confirm=True, memory=memory)
    desk.save(2, "Les habitants ont fui Banias vendredi.", 0)
    name, markdown = desk.rendered("md")
    assert name == "coast.fr.md"
    text = markdown.decode("utf-8")
    assert "Les routes ont été fermées." in text and "Les habitants ont fui Banias vendredi." in text
    _, data = desk.rendered("json")
    segments = json.loads(data)["segments"]
    assert [s["origin"] for s in segments][2:] == ["machine", "human"]  # edited is not yet vouched for
