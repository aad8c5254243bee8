"""Near misses: the closest misspelling outside the spans already matched; the length test that
skips most runs of words never skips one that misspells."""

from hypothesis import given
from hypothesis import strategies as st

from briefing.quality.near_misses import _deviation, _skeleton, find_near_miss, length_gap

LETTERS = st.text(alphabet="abehjlnsy -éالوفبلكجبلةبانياس", max_size=14)


@given(LETTERS, LETTERS, st.sampled_from(["ar", "fr"]))
def test_a_misspelling_is_never_skipped_by_its_length(found, form, lang):
    if _deviation(found, form, lang) is not None:
        letters = len(_skeleton(form))
        assert abs(len(_skeleton(found)) - letters) <= length_gap(letters, lang)


def test_the_closest_misspelling_is_found_and_taken_spans_are_left_alone():
    text = "Les combats à Jablah et à Jabla ont repris."
    miss = find_near_miss(text, ["Jablé"], "fr")
    assert (miss.text, miss.deviation) == ("Jabla", "1 letter")
    assert find_near_miss(text, ["Jablé"], "fr", taken=[(26, 31)]) is None  # Jablah: 2 letters off 5 is too far
    assert find_near_miss(text, ["Jableh"], "fr", taken=[(26, 31)]).text == "Jablah"


def test_an_arabic_name_with_a_clitic_and_without_its_article_is_a_near_miss():
    miss = find_near_miss("وقعت اشتباكات وبجبلة أمس", ["الجبلة"], "ar")
    assert (miss.text, miss.deviation) == ("وبجبلة", "article")
