"""Enforcement with test-double engines that mishandle protected spans, and with the real one."""

import re

import pytest

from briefing.glossary.files import load
from briefing.languages import parse_language
from briefing.sources.reading import parse_text
from briefing.translation.job import Translator, prepare, translate_job
from tests.conftest import ROOT

SOURCE = (
    "Gunmen attacked Alawite villages near Latakia and Baniyas.\n\n"
    "The Syrian Observatory for Human Rights said 745 civilians were killed near Jableh.\n"
)


class Dropping(Translator):
    """Drops every protected (inlined) form and leaves the rest as it was."""

    def __init__(self, forms):
        self.forms = forms

    def translate(self, route, sentences, progress=None):
        out = []
        for sentence in sentences:
            for form in self.forms:
                sentence = sentence.replace(form, "")
            out.append(sentence)
        return out


class Untranslating(Translator):
    """Ignores the inlined forms: puts the English names back (a model that 'knows better')."""

    def translate(self, route, sentences, progress=None):
        back = {"Lattaquié": "Latakia", "Banias": "Baniyas", "Jablé": "Jableh", "alaouites": "Alawite",
                "Alaouites": "Alawites", "alaouite": "Alawite", "Observatoire syrien des droits de l'homme":
                "Syrian Observatory for Human Rights"}
        for french, english in back.items():
            sentences = [s.replace(french, english) for s in sentences]
        return sentences


@pytest.fixture(scope="module")
def glossary():
    return load([ROOT / "glossary"])


def run(glossary, engine, strategy="inline"):
    job = prepare([parse_text(SOURCE, ROOT / "coast.txt")], "en")
    (briefing,) = translate_job(job, [parse_language("fr")], {"fr": []}, engine, glossary, strategy)
    return briefing


def test_inline_forms_are_what_the_model_sees(glossary):
    briefing = run(glossary, Untranslating())
    assert "Lattaquié" in briefing.segments[0].model_input and "Banias" in briefing.segments[0].model_input


def test_repair_puts_approved_forms_back_when_the_model_reverts_them(glossary):
    briefing = run(glossary, Untranslating())
    text = " ".join(s.target for s in briefing.segments)
    for form in ("Lattaquié", "Banias", "Jablé", "Observatoire syrien des droits de l’homme"):
        assert form in text  # the apostrophe is typographic once localized
    assert briefing.qa.summary()["terms"]["missing"] == 0
    assert all(r.placed for s in briefing.segments for r in s.repairs)


def test_dropped_terms_are_reported_never_silent(glossary):
    briefing = run(glossary, Dropping(["Lattaquié", "Banias", "Jablé"]))
    statuses = {t.entry: t.status for s in briefing.qa.segments for t in s.terms}
    assert statuses["latakia"] == statuses["baniyas"] == statuses["jableh"] == "missing"
    unplaced = {r.entry for s in briefing.segments for r in s.repairs if not r.placed}
    assert unplaced == {"latakia", "baniyas", "jableh"}


def test_mangled_forms_are_repaired_or_reported(glossary):
    class Mangling(Translator):
        def translate(self, route, sentences, progress=None):
            return [re.sub(r"Lattaqui\w*", "Latakia", s).replace("Banias", "B-a-n-i-a-s") for s in sentences]

    briefing = run(glossary, Mangling())
    text = " ".join(s.target for s in briefing.segments)
    statuses = {t.entry: t.status for s in briefing.qa.segments for t in s.terms}
    assert "Lattaquié" in text and statuses["latakia"] == "ok"
    assert "Banias" in text or statuses["baniyas"] == "missing"


def test_strategy_off_changes_nothing_but_reports(glossary):
    briefing = run(glossary, Untranslating(), strategy="off")
    assert "Latakia" in briefing.segments[0].target
    assert {t.entry: t.status for t in briefing.qa.segments[0].terms}["latakia"] == "missing"
