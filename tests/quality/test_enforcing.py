"""Enforcement with test-double engines that mishandle protected spans, and with the real one."""

import re

import pytest

from briefing.glossary.files import load
from briefing.languages import parse_language
from briefing.sources.reading import parse_text
from briefing.translation.job import prepare, translate_job
from briefing.translation.translator import Translator
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
    latakia = next(t for t in briefing.qa.segments[0].terms if t.entry == "latakia")
    assert (latakia.status, latakia.target_text) == ("variant", "Latakia")  # the English name, left untranslated
    assert latakia.note.endswith("untranslated")


class ShortNaming(Translator):
    """Writes the short form where the full name was asked for, and drops first names."""

    def translate(self, route, sentences, progress=None):
        short = {"Rami Abdel Rahmane": "Abdel Rahmane", "Rami Abdurrahman": "Abdel Rahmane", "Ali Cheha": "Cheha",
                 "Ali Sheha": "Cheha"}
        for full, shortened in short.items():
            sentences = [s.replace(full, shortened) for s in sentences]
        return sentences


def test_a_short_form_for_a_full_name_is_flagged_and_repaired(glossary):
    text = "Rami Abdurrahman and Ali Sheha spoke.\n"
    job = prepare([parse_text(text, ROOT / "names.txt")], "en")
    (reported,) = translate_job(job, [parse_language("fr")], {"fr": []}, ShortNaming(), glossary, "off")
    assert [(t.status, t.target_text, t.expected[0]) for t in reported.qa.segments[0].terms] == [
        ("variant", "Abdel Rahmane", "Rami Abdel Rahmane"), ("variant", "Cheha", "Ali Cheha")]
    assert reported.qa.problems == 2
    (repaired,) = translate_job(job, [parse_language("fr")], {"fr": []}, ShortNaming(), glossary, "inline")
    assert "Rami Abdel Rahmane and Ali Cheha" in repaired.segments[0].target
    assert {t.status for t in repaired.qa.segments[0].terms} == {"ok"}


def test_an_alias_with_a_title_keeps_the_title(glossary):
    job = prepare([parse_text("Loyalists of former President Assad fled.\n", ROOT / "t.txt")], "en")
    (briefing,) = translate_job(job, [parse_language("fr")], {"fr": []}, Untranslating(), glossary, "inline")
    assert "former President Assad" in briefing.segments[0].model_input
