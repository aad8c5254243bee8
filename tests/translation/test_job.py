"""The job walks each sentence forward once: one analysis per distinct source sentence, used by
every stage and every target after it."""

import pytest

from briefing.glossary.files import load
from briefing.languages import parse_language
from briefing.sources.reading import parse_text
from briefing.translation.job import prepare, translate_job
from briefing.translation.memory import Memory
from briefing.translation.translator import Translator
from tests.conftest import ROOT

SHARED = "Gunmen killed 745 civilians near Jableh and Baniyas, the Syrian Observatory for Human Rights said."
FIRST = f"# Coast\n\n{SHARED}\n\nPresident Assad's forces left Latakia on 9 March.\n\n{SHARED}\n"
SECOND = f"Alawite families fled Jableh at 04:00.\n\n{SHARED}\n\nAbout 1,200 people reached Hmeimim.\n"


class Bracketing(Translator):
    """Gives every sentence back in brackets, so that no output is mistaken for its source."""

    def translate(self, route, sentences, progress=None):
        return [f"[{s}]" for s in sentences]


@pytest.mark.parametrize("strategy", ["inline", "repair"])
def test_each_distinct_sentence_is_matched_and_read_once_for_all_targets(analyses_counted, strategy, tmp_path):
    scans, readings = analyses_counted
    job = prepare([parse_text(FIRST, ROOT / "first.md"), parse_text(SECOND, ROOT / "second.md")], "en")
    targets = [parse_language(code) for code in ("ar", "ar_SY", "fr", "fr_CA")]
    routes = {"ar": [], "fr": []}
    with Memory(tmp_path / "m.sqlite") as memory:
        for _ in range(2):  # the second run finds every sentence in the memory
            scans.clear()
            readings.clear()
            briefings = translate_job(job, targets, routes, Bracketing(), load([ROOT / "glossary"]), strategy,
                                      memory=memory)
            assert len(briefings) == 2 * len(targets)
            assert SHARED in job.distinct and len(job.distinct) == 5
            assert {text: scans[text] for text in job.distinct} == dict.fromkeys(job.distinct, 1)
            assert {text: readings[text] for text in job.distinct} == dict.fromkeys(job.distinct, 1)


def test_the_analysis_finds_what_the_stages_report(analyses_counted):
    job = prepare([parse_text(FIRST, ROOT / "first.md")], "en")
    (briefing,) = translate_job(job, [parse_language("fr")], {"fr": []}, Bracketing(), load([ROOT / "glossary"]))
    (report,) = [s for s in briefing.qa.segments if s.source == SHARED][:1]
    assert {t.entry for t in report.terms} >= {"jableh", "baniyas"}
    assert [n.source.text for n in report.numbers] == ["745"]
    assert "Jablé" in briefing.segments[1].model_input  # protection used the same mentions
