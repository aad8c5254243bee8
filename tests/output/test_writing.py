"""What `translate` writes: never over a reviewer's edits, readable by colleagues, complete per
source, and only for the sources that could be read."""

import os
import stat

import pytest

from briefing.output.formats import names, output_format
from tests.conftest import SEEDS, run_briefing

SEED = SEEDS[0]


def translate(*args, cwd=None):
    return run_briefing("translate", *args, "--to", "fr", "--no-memory", "-q", cwd=cwd)


def test_a_rerun_over_an_edited_briefing_refuses_then_keeps_a_backup(installed_models, tmp_path):
    out = tmp_path / "out"
    assert translate(str(SEED), "--out", str(out)).returncode == 0
    assert translate(str(SEED), "--out", str(out)).returncode == 0  # unchanged outputs: replaced freely
    markdown = out / f"{SEED.stem}.fr.md"
    edited = markdown.read_text(encoding="utf-8").replace("Syrie", "la Syrie", 1)
    markdown.write_text(edited, encoding="utf-8")
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    refused = translate(str(SEED), "--out", str(out))
    assert refused.returncode == 1 and markdown.name in refused.stderr and "memory import" in refused.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before  # nothing written
    forced = translate(str(SEED), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / f"{markdown.name}.bak").read_text(encoding="utf-8") == edited


def test_outputs_follow_the_umask_like_any_editor(installed_models, tmp_path):
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        assert translate(str(SEED), "--out", str(out)).returncode == 0
    finally:
        os.umask(old)
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o644}
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporaries left


def test_one_empty_source_does_not_sink_the_batch(installed_models, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEED), str(empty), "--to", "fr", "--out", str(out), "--no-memory")
    assert result.returncode == 1 and "empty.txt: empty file" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*(f"{SEED.stem}.fr.{ext}" for ext in ("md", "json",
                                                                                                   "qa.json")),
                                                            "qa.csv", "qa.html"])
    assert "for 1 source(s) × 1 target(s)" in result.stderr


def test_same_named_sources_are_told_apart(installed_models, tmp_path):
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"Clashes in Jableh, {folder}.\n", encoding="utf-8")
    (tmp_path / "d1" / "report.md").write_text("Clashes in Baniyas.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_briefing("translate", "d1/report.txt", "d2/report.txt", "d1/report.md", "--to", "fr", "--out",
                          str(out), "--no-memory", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "written as report-2" in result.stderr and "written as report-3" in result.stderr
    assert "d2" in (out / "report-2.fr.md").read_text(encoding="utf-8")
    assert "Clashes in Baniyas" in (out / "report-3.fr.md").read_text(encoding="utf-8")
    assert len(list(out.glob("*.fr.md"))) == 3


def test_html_carries_its_fonts(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEED), "--to", "ar", "--format", "html", "--out", str(out), "--no-memory")
    assert result.returncode == 0, result.stderr
    html = (out / f"{SEED.stem}.ar.html").read_text(encoding="utf-8")
    assert "file://" not in html and "data:font/ttf;base64," in html


def test_the_qa_box_lists_what_to_verify_with_arabic_plurals(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEED), "--to", "ar_SY", "--format", "html", "--out", str(out),
                          "--no-memory")
    assert result.returncode == 0, result.stderr
    html = (out / f"{SEED.stem}.ar_SY.html").read_text(encoding="utf-8")
    box = html[html.index('<div class="qa">'):]
    assert "جملة بغير الخط العربي" in box and "١ أرقام" not in box  # the copy model writes Latin letters
    assert "<ol class=\"verify\">" in box and box.count("بغير الخط العربي") >= 2  # the count, then each sentence
    assert "wrong script" not in box and "untranslated" not in box  # the findings are in Arabic too


def test_skip_existing_leaves_translated_sources_alone(installed_models, tmp_path):
    out = tmp_path / "out"
    assert translate(str(SEED), "--out", str(out)).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    result = run_briefing("translate", str(SEED), "--to", "fr", "--out", str(out), "--no-memory", "--skip-existing")
    assert result.returncode == 0 and "skipped 1 source(s)" in result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_strict_exits_1_when_qa_finds_a_problem(installed_models, tmp_path):
    args = ("translate", str(SEED), "--to", "ar", "--no-memory", "-q")
    assert run_briefing(*args, "--out", str(tmp_path / "a")).returncode == 0
    strict = run_briefing(*args, "--out", str(tmp_path / "b"), "--strict")
    assert strict.returncode == 1  # the copy model writes Latin letters where Arabic is expected
    assert (tmp_path / "b" / f"{SEED.stem}.ar.md").is_file()  # written all the same


@pytest.mark.parametrize("fmt", [f.name for f in map(output_format, names()) if f.needs_json])
def test_an_editable_format_asked_without_json_still_gets_the_json_its_import_needs(installed_models, tmp_path, fmt):
    """--format md --format pdf (or docx): the reviewer's edited file can come back through
    'memory import', which pairs it with the JSON."""
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--format", fmt, "--format", "pdf", "--out",
                          str(out), "--no-memory", "-q")
    assert result.returncode == 0, result.stderr
    assert (out / f"{SEEDS[0].stem}.fr.json").is_file()
