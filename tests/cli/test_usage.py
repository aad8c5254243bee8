"""Usage errors are usage errors (exit 2, one line) wherever they are made; a command takes what
its help says it takes."""

from __future__ import annotations

import pytest

from tests.conftest import MODELS, run_briefing


@pytest.mark.parametrize("command", [["memory", "stats"], ["memory", "prune", "--older-than", "1"],
                                     ["memory", "export", "-o", "-"], ["memory", "import", "x.json"]])
def test_no_memory_on_a_command_of_the_memory_is_a_usage_error(tmp_path, command):
    result = run_briefing(*command, "--no-memory", "--memory", str(tmp_path / "m.sqlite"))
    assert result.returncode == 2 and "--no-memory" in result.stderr
    assert not (tmp_path / "m.sqlite").exists()  # nothing opened


def test_prune_with_nothing_to_prune_is_a_usage_error(tmp_path):
    result = run_briefing("memory", "prune", "--memory", str(tmp_path / "m.sqlite"))
    assert result.returncode == 2 and "say what to prune" in result.stderr


def test_models_install_takes_several_files(isolated_home):
    archives = sorted(str(path) for path in MODELS.glob("*.argosmodel"))
    assert len(archives) == 2
    result = run_briefing("models", "install", *archives)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("installed ") == 2 and "en→ar" in result.stdout and "en→fr" in result.stdout
    missing = run_briefing("models", "install", archives[0], "nowhere.argosmodel")
    assert missing.returncode == 2 and "nowhere.argosmodel: no such file" in missing.stderr


@pytest.mark.parametrize("members", [[], ["b.toml"], ["b.toml", "a.toml", "c.toml"]])
@pytest.mark.parametrize("named", ["option", "configuration"])
def test_glossary_add_to_a_folder_writes_its_first_file_as_help_says(tmp_path, members, named):
    folder = tmp_path / "desk-glossary"
    folder.mkdir()
    for number, name in enumerate(members):
        (folder / name).write_text(f'[e{number}]\nkind = "place"\nen.preferred = "Place{number}"\n', encoding="utf-8")
    args = ["glossary", "add", "newplace", "--term", "en=Newplace", "--term", "fr=Nouvelle"]
    if named == "option":
        args += ["--glossary", str(folder)]
    else:
        (tmp_path / "briefing.toml").write_text('glossary = ["desk-glossary"]\n', encoding="utf-8")
    result = run_briefing(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first = folder / (sorted(members)[0] if members else "glossary.toml")
    assert "[newplace]" in first.read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == sorted(members or ["glossary.toml"])
    assert not (tmp_path / "glossary").exists()


@pytest.mark.parametrize("command, option", [(["add", "x", "--term", "en=X"], "--file"),
                                             (["import", "TBX"], "--into")])
def test_several_glossary_paths_name_the_option_each_command_has(tmp_path, command, option):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    tbx = tmp_path / "t.tbx"
    tbx.write_text('<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry id="c1">'
                   '<langSet xml:lang="en"><tig><term>X</term></tig></langSet></termEntry></body></text></martif>',
                   encoding="utf-8")
    args = [str(tbx) if part == "TBX" else part for part in command]
    result = run_briefing("glossary", *args, "--glossary", str(tmp_path / "a"), "--glossary", str(tmp_path / "b"))
    assert result.returncode == 2 and f"with {option} FILE" in result.stderr
