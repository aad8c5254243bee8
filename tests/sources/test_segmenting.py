import pytest

from briefing.sources.reading import read_document
from briefing.sources.segmenting import segment, sentence_spans
from tests.conftest import SEEDS


def sentences(text, lang="en"):
    return [text[a:b] for a, b in sentence_spans(text, lang)]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Smith met Mr. J. R. Tolkien at 3 p.m. on Jan. 5 with 1,000 copies worth $6.5 million.",
        "He said “It was bad. Bodies were on the streets,” and left.",
        "The U.S. and the U.K. agreed on talks in Washington D.C. with Ali Sheha, 57, present.",
    ],
)
def test_abbreviations_initials_numbers_and_quotes_do_not_split(text):
    assert sentences(text) == [text]


def test_sentences_split_with_offsets():
    text = "Over 600 died. Then 1,000 were reported!  Why? Nobody knows."
    assert sentences(text) == ["Over 600 died.", "Then 1,000 were reported!", "Why?", "Nobody knows."]


def test_french_and_arabic():
    assert sentences("M. Dupont est arrivé. Il est 11 h 30.", "fr") == ["M. Dupont est arrivé.", "Il est 11 h 30."]
    assert sentences("قتل 745 مدنياً. وأضاف المرصد؟ نعم.", "ar") == ["قتل 745 مدنياً.", "وأضاف المرصد؟", "نعم."]


def test_seed_segments_point_back_into_their_blocks():
    doc = read_document(SEEDS[1])
    segs = segment(doc, "en")
    assert len(segs) == 28
    for s in segs:
        assert doc.blocks[s.block].text[s.start : s.end] == s.text
    assert "“Gunmen were less than 100 meters from my apartment, shooting randomly at homes and people.”" in [
        s.text for s in segs
    ]


def test_a_document_seen_before_is_not_segmented_again(tmp_path, monkeypatch):
    from briefing.sources import segmenting

    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    document = read_document(SEEDS[0])
    first = segment(document, "en")
    calls = []
    monkeypatch.setattr(segmenting, "sentence_spans", lambda text, lang: calls.append(text) or [])
    assert segment(document, "en") == first and calls == []  # read back from the cache
    assert segment(document, "fr") == [] and calls  # another language is another segmentation
