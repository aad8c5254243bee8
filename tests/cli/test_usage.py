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
