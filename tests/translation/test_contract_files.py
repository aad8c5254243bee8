"""The briefing file and the QA report are types with one writer and one parser: what `translate`
writes parses back into the same JSON, statuses as the checker's own types; a damaged file is
one line."""

import json

import pytest

from briefing.errors import BriefingError
from briefing.quality.statuses import FigureStatus, TermStatus
from briefing.translation.briefing_file import BriefingFile
from briefing.translation.qa_file import QaFile
from tests.conftest import translated_markdown

SOURCE = ("# Coast\n\nGunmen killed more than 745 civilians near Jableh on 9 March.\n\n"
          "| Town | Dead |\n| --- | --- |\n| Baniyas | 12 |\n")


@pytest.fixture
def written(installed_models, tmp_path):
    return translated_markdown(tmp_path, SOURCE, use_memory=False).parent


def test_the_briefing_file_parses_back_into_what_was_written(written):
    path = written / "coast.fr.json"
    text = path.read_text(encoding="utf-8")
    parsed = BriefingFile.parse(text, path)
    assert parsed.to_json() == json.loads(text)
    assert parsed.title == "Coast" and parsed.title_block() == 0
    assert [b.cell for b in parsed.blocks if b.cell] == [(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1)]
    assert not any(segment.corrected for segment in parsed.segments)


def test_the_qa_report_parses_back_with_the_checker_s_statuses(written):
    path = written / "coast.fr.qa.json"
    text = path.read_text(encoding="utf-8")
    parsed = QaFile.parse(text, path)
    assert parsed.to_json() == json.loads(text)
    terms = [t for s in parsed.segments for t in s.terms]
    figures = [n for s in parsed.segments for n in s.numbers]
    assert {t.status for t in terms} == {TermStatus.OK} and isinstance(terms[0].status, TermStatus)
    assert figures and all(isinstance(n.status, FigureStatus) for n in figures)
    assert set(parsed.written) == {"coast.fr.md", "coast.fr.json"}


@pytest.mark.parametrize("text", ["{", "[]", '{"segments": "no"}', '{"source_lang": "en", "segments": [{}]}'])
def test_a_damaged_file_is_one_line(tmp_path, text):
    for kind in (BriefingFile, QaFile):
        with pytest.raises(BriefingError) as raised:
            kind.parse(text, tmp_path / "x.json")
        assert "\n" not in str(raised.value) and "x.json" in str(raised.value)
