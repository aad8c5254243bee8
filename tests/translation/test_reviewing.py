"""Reviewers' edits come back by content: Arabic punctuation, deleted and moved paragraphs,
and corrections that would break a figure or a name."""

import json

import pytest

from briefing.translation.memory import Memory
from tests.conftest import SEEDS, run_briefing

SEED = SEEDS[0]


@pytest.fixture
def briefing(tmp_path, installed_models):
    memory, out = tmp_path / "m.sqlite", tmp_path / "out"
    result = run_briefing("translate", str(SEED), "--to", "ar", "--out", str(out), "--memory", str(memory), "-q")
    assert result.returncode == 0, result.stderr
    return memory, out / f"{SEED.stem}.ar.md"


def paragraphs(markdown):
    return markdown.read_text(encoding="utf-8").split("\n\n")


def human(memory):
    with Memory(memory) as store:
        return {pair.sentence: pair.target for pair in store.pairs(include_machine=False)}


def test_an_arabic_correction_with_commas_and_a_deleted_paragraph(briefing):
    memory, markdown = briefing
    parts = paragraphs(markdown)
    erupted = next(i for i, p in enumerate(parts) if p.startswith("The violence erupted"))
    arabic = ("اندلعت أعمال العنف يوم الخميس، بعدما بدأ مسلحون موالون للحكومة الحالية «عمليات قتل انتقامية» "
              "ضد الأقلية العلوية، التي كانت موالية للرئيس السابق الأسد.")
    parts[erupted] = arabic
    deleted = parts.pop(erupted + 1)
    markdown.write_text("\n\n".join(parts), encoding="utf-8")
    result = run_briefing("memory", "import", str(markdown), "--memory", str(memory))
    assert result.returncode == 0, result.stderr
    assert "1 correction(s) recorded" in result.stdout
    assert "deleted?" in result.stderr and deleted[:20] in SEED.read_text() or "deleted?" in result.stderr
    (sentence, target), = human(memory).items()
    assert sentence.startswith("The violence erupted on Thursday") and target == arabic
    out = markdown.parent
    rerun = run_briefing("translate", str(SEED), "--to", "ar", "--out", str(out), "--memory", str(memory), "-q",
                         "--force")
    assert rerun.returncode == 0, rerun.stderr
    qa = json.loads((out / f"{SEED.stem}.ar.qa.json").read_text())
    corrected = next(s for s in qa["segments"] if s["source"].startswith("The violence erupted"))
    assert corrected["origin"] == "human" and corrected["target"].startswith("اندلعت")


def test_moved_paragraphs_are_never_cross_wired(briefing):
    memory, markdown = briefing
    parts = paragraphs(markdown)
    first = next(i for i, p in enumerate(parts) if p.startswith("Residents of"))
    second = next(i for i, p in enumerate(parts) if p.startswith("Witnesses told"))
    edited_first = parts[first].replace(" told ", " informed ")
    edited_second = parts[second].replace(" told ", " said to ")
    parts[first], parts[second] = edited_second, edited_first  # edited, and moved past each other
    markdown.write_text("\n\n".join(parts), encoding="utf-8")
    # the copy model's "Arabic" is English: accepted as it is, the pairing alone is under test
    result = run_briefing("memory", "import", str(markdown), "--memory", str(memory), "--accept-changes")
    assert result.returncode == 0, result.stderr
    corrections = human(memory)
    residents = next(s for s in corrections if s.startswith("Residents of"))
    witnesses = next(s for s in corrections if s.startswith("Witnesses told"))
    assert corrections[residents] == edited_first and corrections[witnesses] == edited_second


def test_a_correction_that_changes_a_figure_needs_accepting(briefing):
    memory, markdown = briefing
    text = markdown.read_text(encoding="utf-8")
    assert "745 civilians" in text
    markdown.write_text(text.replace("745 civilians", "754 civilians"), encoding="utf-8")
    refused = run_briefing("memory", "import", str(markdown), "--memory", str(memory))
    assert refused.returncode == 1 and "figure 745 changed" in refused.stderr
    assert human(memory) == {}
    accepted = run_briefing("memory", "import", str(markdown), "--memory", str(memory), "--accept-changes")
    assert accepted.returncode == 0 and "1 correction(s) recorded" in accepted.stdout


def test_a_tmx_memory_imports_as_human_translations(tmp_path):
    from briefing.output.tmx import write_tmx
    from briefing.translation.memory_rows import Pair

    tmx = tmp_path / "desk.tmx"
    tmx.write_text(write_tmx([Pair("en", "fr", "Clashes in Jableh.", "Affrontements à Jablé.", "human"),
                              Pair("en", "ar", "Clashes in Jableh.", "اشتباكات في جبلة.", "human")]),
                   encoding="utf-8")
    memory = tmp_path / "m.sqlite"
    result = run_briefing("memory", "import", str(tmx), "--memory", str(memory))
    assert result.returncode == 0 and "2 correction(s) recorded" in result.stdout, result.stderr
    with Memory(memory) as store:
        pairs = {(p.target_lang, p.sentence, p.target) for p in store.pairs(include_machine=False)}
    assert pairs == {("fr", "Clashes in Jableh.", "Affrontements à Jablé."),
                     ("ar", "Clashes in Jableh.", "اشتباكات في جبلة.")}


def test_a_tmx_declaring_an_unknown_encoding_is_one_line(tmp_path):
    tmx = tmp_path / "odd.tmx"
    tmx.write_bytes(b'<?xml version="1.0" encoding="latin-99"?><tmx/>')
    result = run_briefing("memory", "import", str(tmx), "--memory", str(tmp_path / "m.sqlite"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert "odd.tmx: unknown encoding: latin-99" in result.stderr
