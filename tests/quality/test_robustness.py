"""No text can crash the checker: arbitrary text, and generated number-heavy text in en/fr/ar."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.glossary.files import load
from briefing.quality.checking import Checker
from briefing.quality.numbers import compare, extract
from tests.conftest import ROOT

DIGITS = st.sampled_from(["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"])
FRAGMENTS = {
    "en": ["$", "€", "£", "+", "-", "–", " to ", " million", " billion", " thousand", "%", " percent", "½", "¾",
           "/", ":", " am", " pm", " GMT", "th", "st", "s", "'s", " hours", " and a half", "(", ")", ",", ".",
           " COVID-", "H", "N", "MS", "-year-old", " twenty-three", " seven", " dozen", " the 1800s", "p",
           " Smith ,", "x", "km", " miles", " ounces", "'", "’"],
    "fr": [" €", "+", "-", "–", " à ", " millions", " milliards", " mille", " milles", " %", "½", "¾", "/", " h ",
           " heures", " et demie", "e", "er", "ème", " XIXe", " siècle", " dix", " quatre-vingt-dix-sept", ",",
           ".", "\u202f", "\u00a0", " l’après-", " Le ", " Ce ", "(", ")", " km", " dizaine"],
    "ar": [" مليون", " مليار", " ألف", "٪", "%", " إلى ", " و", "-", "–", "٫", "٬", "،", "½", " الساعة ",
           " ساعة ونصف", " مائة", " مئة", " ثلاثمائة", " الخامس عشر", " السبعينيات", " دولار", " كوفيد-", "(",
           ")", "ـ", "بـ"],
}


@st.composite
def number_heavy(draw, lang: str) -> str:
    digits = draw(DIGITS)
    pieces = []
    for _ in range(draw(st.integers(1, 14))):
        if draw(st.booleans()):
            pieces.append("".join(draw(st.lists(st.sampled_from(digits + ".,"), min_size=1, max_size=9))))
        else:
            pieces.append(draw(st.sampled_from(FRAGMENTS[lang])))
    return "".join(pieces)


@pytest.fixture(scope="module")
def checkers():
    glossary = load([ROOT / "glossary"])
    return {lang: Checker(glossary, "en", lang, raise_errors=True) for lang in ("fr", "ar")}  # a failure raises


@pytest.mark.parametrize(
    "sentence",
    ["Fossils from 4.2-3.9 million years ago were found.", "An expert put the impact at $300+ billion.",
     "عثر على أحافير من 4.2-3.9 مليون سنة.", "يقدر الأثر بـ300+ مليار دولار.", "(Smith ,1989, p109)",
     "29¾ inches", "the post-September 11, 2001 era", "10:00am", "1200 GMT", "20.12.2012"],
)
def test_sentences_that_crashed_once(sentence, checkers):
    for lang in ("en", "fr", "ar"):
        extract(sentence, lang, strict=True)
        extract(sentence, lang)
    for checker in checkers.values():
        assert "check_error" not in checker.check(0, sentence, sentence).flags


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=number_heavy("en"), french=number_heavy("fr"), arabic=number_heavy("ar"))
def test_number_heavy_text_never_raises(source, french, arabic):
    for text, lang in ((source, "en"), (french, "fr"), (arabic, "ar")):
        extract(text, lang, strict=True)
        extract(text, lang)
    compare(source, french, "en", "fr")
    compare(source, arabic, "en", "ar")
    compare(french, arabic, "fr", "ar")


NAMES = ["Jableh", "Jablé", "جبلة", "وبجبلة", "للعلويين", "Alawite", "Alaouites", "President Assad", "Assad",
         "Rami Abdurrahman", "Abdel Rahmane", "HTS", "Hayat Tahrir al-Sham", "OSDH", "ال", "و", "l’", "d'", " ",
         "-", "ـ", "\u064e", "\u0301"]
RELAXED = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
text_with_names = st.lists(st.one_of(st.sampled_from(NAMES), st.text(max_size=6)), max_size=30).map("".join)


@RELAXED
@given(source=st.one_of(st.text(max_size=200), text_with_names),
       target=st.one_of(st.text(max_size=200), text_with_names))
def test_arbitrary_text_never_raises(source, target, checkers):
    for checker in checkers.values():
        checker.check(0, source, target)
        checker.term_checks(target, source)
