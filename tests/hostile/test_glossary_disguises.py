"""A glossary's names as a reader sees them: a forbidden misspelling that folds to the approved
form never makes the approved form forbidden; a hand-written form with a look-alike letter or an
invisible character, or two entries one homoglyph apart, are lint errors; a Persian letter after
an Arabic clitic is a near miss, never a missing name. Generated over every name of the glossary."""

from __future__ import annotations

import unicodedata

import pytest

from briefing.glossary.files import load
from briefing.glossary.linting import lint
from briefing.quality.checking import Checker
from tests.conftest import ROOT

GLOSSARY = load([ROOT / "glossary"])
ENTRIES = [entry for entry in GLOSSARY if {"en", "fr", "ar"} <= set(entry.terms)]


def unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


ARABIC_MISSPELLINGS = {"ة": "ه", "أ": "ا", "إ": "ا", "ى": "ي", "ي": "ى"}


def misspelt(form: str, lang: str) -> str | None:
    """A misspelling that folds to `form` (accents dropped; ta marbuta as ha…), or None."""
    if lang == "fr":
        return unaccented(form) if unaccented(form) != form else None
    for letter, other in ARABIC_MISSPELLINGS.items():
        if letter in form:
            return form.replace(letter, other, 1)
    return None


def write_entry(folder, entry, lang: str, forbidden: str) -> None:
    source = entry.terms["en"].preferred.replace('"', "")
    target = entry.terms[lang].preferred.replace('"', "")
    (folder / "names.toml").write_text(
        f'[{entry.id}]\nkind = "{entry.kind}"\n[{entry.id}.en]\npreferred = "{source}"\n'
        f'[{entry.id}.{lang}]\npreferred = "{target}"\nforbidden = ["{forbidden}"]\n', encoding="utf-8")


CASES = [(entry, lang) for entry in ENTRIES for lang in ("fr", "ar")
         if misspelt(entry.terms[lang].preferred, lang)]


@pytest.mark.parametrize("entry, lang", CASES, ids=[f"{e.id}-{lang}" for e, lang in CASES])
def test_a_forbidden_misspelling_that_folds_to_the_approved_form_forbids_only_itself(tmp_path, entry, lang):
    approved = entry.terms[lang].preferred
    wrong = misspelt(approved, lang)
    write_entry(tmp_path, entry, lang, wrong)
    glossary = load([tmp_path])
    checker = Checker(glossary, "en", lang)
    source = f"Officials named {entry.terms['en'].preferred} on Friday."
    opening = "Les responsables ont cité" if lang == "fr" else "ذكر المسؤولون"
    right = checker.check(0, source, f"{opening} {approved} vendredi.").terms
    assert [t.status for t in right] == ["ok"], right
    spoilt = checker.check(0, source, f"{opening} {wrong} vendredi.").terms
    assert [t.status for t in spoilt] == ["forbidden"], spoilt
    assert not [p for p in lint(glossary) if "both allowed and forbidden" in p.message]


LOOK_ALIKES = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "i": "і", "A": "А", "B": "В", "H": "Н", "M": "М",
               "ي": "ی", "ك": "ک"}
HIDDEN = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def disguised(form: str) -> list[str]:
    found = [form.replace(letter, other, 1) for letter, other in LOOK_ALIKES.items() if letter in form][:2]
    return found + [form[:2] + hidden + form[2:] for hidden in HIDDEN[:2]]


@pytest.mark.parametrize("entry", ENTRIES[:12], ids=lambda e: e.id)
@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_a_second_entry_one_look_alike_apart_is_a_lint_error(tmp_path, entry, lang):
    form = entry.terms[lang].preferred
    for number, twin in enumerate(disguised(form)):
        folder = tmp_path / str(number)
        folder.mkdir()
        text = (ROOT / "glossary").joinpath(next(p.name for p in (ROOT / "glossary").glob("*.toml"))).read_text(
            encoding="utf-8")
        twin_id = f"{entry.id}-twin"
        other = {"en": "Someone Else", "fr": "Quelqu'un", "ar": "شخص آخر"}
        forms = {code: (twin if code == lang else other[code]) for code in ("en", "fr", "ar")}
        text += f'\n[{twin_id}]\nkind = "place"\n' + "".join(
            f'[{twin_id}.{code}]\npreferred = "{value}"\n' for code, value in forms.items())
        (folder / "names.toml").write_text(text, encoding="utf-8")
        problems = [p for p in lint(load([folder])) if p.message.startswith(f"{twin_id}.{lang}")]
        assert problems, (twin, form)


PERSIAN = {"ي": "ی", "ك": "ک"}
CLITICS = ["و", "ب", "ل", "وب", "ف"]


@pytest.mark.parametrize("entry", [e for e in ENTRIES if any(ch in e.terms["ar"].preferred for ch in PERSIAN)],
                         ids=lambda e: e.id)
def test_a_persian_letter_after_a_clitic_is_a_near_miss_never_missing(entry):
    checker = Checker(GLOSSARY, "en", "ar")
    approved = entry.terms["ar"].preferred
    letter = next(ch for ch in PERSIAN if ch in approved)
    persian = approved.replace(letter, PERSIAN[letter], 1)
    source = f"Officials named {entry.terms['en'].preferred} on Friday."
    for clitic in CLITICS:
        if " " in persian and clitic:
            continue
        terms = checker.check(0, source, f"ذكر المسؤولون {clitic}{persian} يوم الجمعة.").terms
        assert [t.status for t in terms] == ["variant"], (clitic + persian, terms)
