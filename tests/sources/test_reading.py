import codecs
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.sources.reading import HEADING, PARAGRAPH, QUOTE, SourceError, read_document
from tests.conftest import SEEDS


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_seed_date_line_is_metadata_not_text():
    doc = read_document(SEEDS[0])
    assert doc.date == dt.date(2025, 3, 9)
    assert doc.blocks[0].text.startswith("In one of the deadliest acts")
    assert all("date 2025" not in b.text for b in doc.blocks)


def test_seed_headings_and_paragraphs():
    doc = read_document(SEEDS[1])
    headings = [b.text for b in doc.blocks if b.kind == HEADING]
    assert headings == ["Death toll rises, mass graves dug", "Government response and international reactions"]
    quote = next(b.text for b in doc.blocks if b.text.startswith("“It was a massacre,”"))
    assert "“Gunmen were less than 100 meters" in quote
    assert doc.date is None


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + b"Baniyas, 1,000 killed.\n",
        "Baniyas, 1,000 killed.\n".encode("utf-16"),
        codecs.BOM_UTF16_BE + "Baniyas, 1,000 killed.\n".encode("utf-16-be"),
        b"Baniyas, 1,000 killed.\r\n",
    ],
)
def test_encodings_with_bom_are_read(tmp_path, data):
    doc = read_document(write(tmp_path, "a.txt", data))
    assert [b.text for b in doc.blocks] == ["Baniyas, 1,000 killed."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        ("café".encode("latin-1"), "not UTF-8"),
        ("Baniyas, 1,000 killed.".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
    ],
)
def test_unusable_files_are_one_line_errors_naming_the_file(tmp_path, data, message):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(SourceError) as err:
        read_document(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_markdown_headings_quotes_and_front_matter(tmp_path):
    text = (
        "---\ntitle: Coast report\ndate: 2025-03-10\n---\n# Coast report\n\n"
        "First para\nstill first.\n\n## Jableh\n\n> A quoted witness said it.\n"
    )
    doc = read_document(write(tmp_path, "r.md", text.encode()))
    assert doc.title == "Coast report"
    assert doc.date == dt.date(2025, 3, 10)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (HEADING, "Coast report"),
        (PARAGRAPH, "First para still first."),
        (HEADING, "Jableh"),
        (QUOTE, "A quoted witness said it."),
    ]


def test_a_bad_date_is_reported(tmp_path):
    with pytest.raises(SourceError, match="is not a date"):
        read_document(write(tmp_path, "a.md", b"---\ndate: 9 March\n---\nText.\n"))


def test_a_single_short_line_is_a_paragraph_not_a_heading(tmp_path):
    doc = read_document(write(tmp_path, "a.txt", b"Electricity cut off\n"))
    assert doc.blocks[0].kind == PARAGRAPH


_WORDS = ["residents", "said", "the", "convoy", "reached", "Jableh", "after", "clashes", "near", "Baniyas", "on",
          "Friday", "officials", "reported", "that", "roads", "were", "closed", "water", "returned"]


def _sentence(draw_words) -> str:
    text = " ".join(draw_words)
    return text[0].upper() + text[1:] + "."


@settings(max_examples=40, deadline=None)
@given(paragraphs=st.lists(st.lists(st.lists(st.sampled_from(_WORDS), min_size=4, max_size=14), min_size=1,
                                    max_size=4), min_size=2, max_size=6),
       headings=st.lists(st.booleans(), min_size=6, max_size=6), width=st.integers(45, 80))
def test_text_saved_with_one_paragraph_per_line_keeps_its_paragraphs_and_wrapped_text_stays_whole(
        tmp_path_factory, paragraphs, headings, width):
    """What Word's and LibreOffice's "save as text" write (a paragraph per line, no blank line), and
    a hard-wrapped text (blank lines between paragraphs): the same paragraphs either way."""
    import textwrap

    texts = [" ".join(_sentence(words) for words in paragraph) for paragraph in paragraphs]
    lines = ["Clashes on the Syrian coast", "March 9, 2025"]
    expected = [("heading", "Clashes on the Syrian coast")]
    for text, heading in zip(texts, headings, strict=False):
        if heading:
            lines.append("Aftermath of the clashes")
            expected.append(("heading", "Aftermath of the clashes"))
        lines.append(text)
        expected.append(("paragraph", text))
    folder = tmp_path_factory.mktemp("saved")
    saved = folder / "saved.txt"
    saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = read_document(saved)
    assert [(b.kind, b.text) for b in document.blocks] == expected
    assert str(document.date) == "2025-03-09"
    wrapped = folder / "wrapped.txt"
    wrapped.write_text("\n\n".join(textwrap.fill(text, width) for text in texts) + "\n", encoding="utf-8")
    assert [b.text for b in read_document(wrapped).blocks] == texts
