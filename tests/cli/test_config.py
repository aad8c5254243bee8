"""A desk's briefing.toml: found from the working folder up, then the user's; options win."""

import json

from tests.conftest import ROOT, SEEDS, run_briefing


def desk(tmp_path):
    (tmp_path / "names").mkdir()
    (tmp_path / "names" / "coast.toml").write_text((ROOT / "glossary" / "syria-coast.toml").read_text("utf-8"),
                                                  encoding="utf-8")
    (tmp_path / "briefing.toml").write_text('glossary = ["names"]\nmemory = "desk.sqlite"\ntargets = ["fr"]\n'
                                            'paper = "letter"\n', encoding="utf-8")
    (tmp_path / "work").mkdir()
    return tmp_path / "work"


def test_translate_takes_the_desk_defaults_from_a_parent_folder(installed_models, tmp_path):
    work = desk(tmp_path)
    result = run_briefing("translate", str(SEEDS[0]), "--out", "out", cwd=work)
    assert result.returncode == 0, result.stderr
    qa = json.loads((work / "out" / f"{SEEDS[0].stem}.fr.qa.json").read_text())
    assert qa["enforcement"]["glossary"] == [str(tmp_path / "names" / "coast.toml")]
    assert (tmp_path / "desk.sqlite").is_file()  # relative to the file that says so
    shown = run_briefing("config", cwd=work).stdout
    assert f"targets  = ['fr']   ({tmp_path / 'briefing.toml'})" in shown


def test_options_and_environment_win_over_the_file(installed_models, tmp_path):
    work = desk(tmp_path)
    result = run_briefing("translate", str(SEEDS[0]), "--to", "ar", "--out", "out", "--no-memory",
                          env={"BRIEFING_GLOSSARY": str(ROOT / "glossary")}, cwd=work)
    assert result.returncode == 0, result.stderr
    qa = json.loads((work / "out" / f"{SEEDS[0].stem}.ar.qa.json").read_text())
    assert qa["enforcement"]["glossary"] == [str(ROOT / "glossary" / "syria-coast.toml")]


def test_a_bad_configuration_is_one_line(tmp_path):
    (tmp_path / "briefing.toml").write_text('paper = "A5"\n', encoding="utf-8")
    result = run_briefing("glossary", "list", cwd=tmp_path)
    assert result.returncode == 2 and "paper must be one of a4, letter" in result.stderr
    assert result.stderr.count("\n") == 1
