"""Checking documents that are not line-aligned: a seed against its own (reviewed) briefings,
and against the same briefing with sentences merged, deleted or paragraphs moved."""

import json

import pytest

from briefing.quality.aligning import Group, Unit, align, align_paragraphs
from tests.conftest import ROOT, SEEDS, run_briefing

SEED = SEEDS[0]
FIXTURES = ROOT / "tests" / "fixtures"


def units(*texts):
    return [Unit(t, frozenset(w for w in t.split() if w.isdigit())) for t in texts]


def test_one_to_one_merge_and_deletion():
    source = units("745 civilians died in 2025.", "Roads closed.", "Power cut in 12 areas.", "Calm returned.")
    target = units("745 civils sont morts en 2025.", "Routes fermées ; courant coupé dans 12 zones.",
                   "Le calme est revenu.")
    assert align(source, target) == [Group((0,), (0,)), Group((1, 2), (1,)), Group((3,), (2,))]
    long_source = units("745 civilians died in 2025.", "The roads to the coast were all closed by the security forces "
                        "on Friday night, residents said.", "Calm returned.")
    assert align(long_source, units("745 civils sont morts en 2025.", "Le calme est revenu.")) == [
        Group((0,), (0,)), Group((1,), ()), Group((2,), (1,))]


def test_moved_paragraphs_are_paired_again():
    source = [units("Clashes killed 745 people in 2025."), units("About 148 fighters died."),
              units("The 12 roads were closed by 2 units.")]
    target = [units("Des affrontements ont tué 745 personnes en 2025."),
              units("Les 12 routes ont été fermées par 2 unités."), units("Environ 148 combattants sont morts.")]
    assert sorted(align_paragraphs(source, target), key=lambda g: g.source) == [
        Group((0,), (0,)), Group((1,), (2,)), Group((2,), (1,))]


@pytest.fixture(scope="module")
def briefings(tmp_path_factory):
    """The seed's French and Arabic Markdown briefings as `translate` writes them, their body
    then reviewed into real French and Arabic (the copy model writes English)."""
    import os

    from briefing.translation.models import install_file

    work = tmp_path_factory.mktemp("briefings")
    env = {"ARGOS_PACKAGES_DIR": str(work / "packages"), "HOME": str(work)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        for archive in sorted((ROOT / "tests" / "models").glob("*.argosmodel")):
            install_file(archive, work / "packages")
        result = run_briefing("translate", str(SEED), "--to", "fr", "--to", "ar", "--out", str(work), "--no-memory")
        assert result.returncode == 0, result.stderr
    finally:
        for key, value in old.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    reviewed = {}
    for lang in ("fr", "ar"):
        written = (work / f"{SEED.stem}.{lang}.md").read_text(encoding="utf-8")
        header = "\n\n".join(written.split("\n\n")[:3])
        path = work / f"{SEED.stem}.{lang}.reviewed.md"
        path.write_text(header + "\n\n" + (FIXTURES / f"seed-000.{lang}.md").read_text(encoding="utf-8"), "utf-8")
        reviewed[lang] = path
    return reviewed


def check(translation, lang):
    result = run_briefing("check", str(SEED), str(translation), "--to", lang, "--json")
    return result.returncode, json.loads(result.stdout)


def edited(path, lang, change, tmp_path):
    text = path.read_text(encoding="utf-8")
    out = tmp_path / f"edited.{lang}.md"
    out.write_text(change(text), encoding="utf-8")
    return out


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_seed_against_its_own_briefing_aligns_every_sentence(briefings, lang):
    code, report = check(briefings[lang], lang)
    assert code == 0, [s for s in report["segments"] if s["flags"] or any(t["status"] != "ok" for t in s["terms"])]
    assert report["summary"]["flags"]["unaligned"] == 0
    aligned = sorted(i for s in report["segments"] for i in s["aligned"]["source_sentences"])
    assert aligned == list(range(len(aligned))) and len(aligned) >= 16


def test_two_sentences_merged_into_one_are_aligned_together(briefings, tmp_path):
    merged = edited(briefings["fr"], "fr", lambda t: t.replace("des zones. Les autorités", "des zones ; les autorités"),
                    tmp_path)
    code, report = check(merged, "fr")
    assert code == 0
    group = next(s for s in report["segments"] if "les autorités ont fermé" in s["target"])
    assert len(group["aligned"]["source_sentences"]) == 2 and len(group["aligned"]["target_sentences"]) == 1


def test_a_deleted_sentence_is_reported_and_the_rest_still_aligned(briefings, tmp_path):
    deleted = edited(briefings["ar"], "ar", lambda t: t.replace(
        " كما قُتل 125 عنصراً من قوات الأمن الحكومية و148 مسلحاً من جماعات مسلحة مرتبطة بالأسد.", ""), tmp_path)
    code, report = check(deleted, "ar")
    assert code == 1
    problems = [s for s in report["segments"] if s["flags"] or any(n["status"] != "ok" for n in s["numbers"])]
    assert len(problems) == 1
    (problem,) = problems  # the source sentence with 125 and 148 (glued to the one before it)
    assert {n["source_text"] for n in problem["numbers"] if n["status"] == "missing"} == {"125", "148"}


def test_two_paragraphs_swapped_are_aligned_where_they_went(briefings, tmp_path):
    def swap(text):
        paragraphs = text.split("\n\n")
        first = next(i for i, p in enumerate(paragraphs) if p.startswith("Des habitants"))
        paragraphs[first], paragraphs[first + 1] = paragraphs[first + 1], paragraphs[first]
        return "\n\n".join(paragraphs)

    code, report = check(edited(briefings["fr"], "fr", swap, tmp_path), "fr")
    assert code == 0
    nasser = next(s for s in report["segments"] if "Haidar Nasser" in s["source"])
    assert "Haïdar Nasser" in nasser["target"]
