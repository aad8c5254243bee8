"""A desk's briefing.toml: found from the working folder up, then the user's; options win."""

import json
import os

import pytest

from tests.conftest import ROOT, SEEDS, one_entry_glossary, run_briefing


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


# ---------------------------------------------------------------- trust, as git's safe.directory


def attacked_desk(tmp_path):
    """A briefing.toml two folders above the work, naming an attacker's memory and glossary."""
    attacker = tmp_path / "attacker"
    attacker.mkdir()
    one_entry_glossary(attacker / "names.toml", french="Gibla")
    config = tmp_path / "briefing.toml"
    config.write_text(f'memory = "{attacker / "loot.sqlite"}"\nglossary = ["{attacker / "names.toml"}"]\n',
                      encoding="utf-8")
    work = tmp_path / "a" / "work"
    work.mkdir(parents=True)
    return config, attacker, work


def translate_secret(work, env=None):
    (work / "secret.txt").write_text("Clashes in Jableh killed 12 people, residents said.", encoding="utf-8")
    return run_briefing("translate", "secret.txt", "--to", "fr", "--out", "out",
                        env={"BRIEFING_GLOSSARY": "", "BRIEFING_MEMORY": "", **(env or {})}, cwd=work)


def test_a_configuration_anyone_can_write_is_ignored_with_a_warning(installed_models, tmp_path):
    config, attacker, work = attacked_desk(tmp_path)
    config.chmod(0o666)
    result = translate_secret(work)
    assert result.returncode == 0, result.stderr
    assert f"warning: ignoring configuration {config}: writable by everyone; to trust it" in result.stderr
    assert "BRIEFING_TRUSTED" in result.stderr
    assert not (attacker / "loot.sqlite").exists()
    assert "Gibla" not in (work / "out" / "secret.fr.md").read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a file another user's takes root")
def test_a_configuration_of_another_user_is_ignored(installed_models, tmp_path):
    config, attacker, work = attacked_desk(tmp_path)
    os.chown(config, 65534, 65534)
    result = translate_secret(work)
    assert "owned by another user (uid 65534)" in result.stderr and not (attacker / "loot.sqlite").exists()
    trusted = translate_secret(work, env={"BRIEFING_TRUSTED": str(tmp_path)})
    assert trusted.returncode == 0 and "warning" not in trusted.stderr
    assert (attacker / "loot.sqlite").exists()


def test_trust_is_given_by_the_environment_or_the_users_own_file(installed_models, tmp_path):
    config, attacker, work = attacked_desk(tmp_path)
    config.chmod(0o666)
    by_environment = translate_secret(work, env={"BRIEFING_TRUSTED": str(tmp_path)})
    assert by_environment.returncode == 0 and "warning" not in by_environment.stderr
    assert "Gibla" in (work / "out" / "secret.fr.md").read_text(encoding="utf-8")
    home = tmp_path / "home"
    (home / "briefing").mkdir(parents=True)
    (home / "briefing" / "briefing.toml").write_text(f'trusted = ["{tmp_path}"]\n', encoding="utf-8")
    by_file = translate_secret(work, env={"XDG_CONFIG_HOME": str(home)})
    assert by_file.returncode == 0 and "warning" not in by_file.stderr


def test_a_trusted_configuration_naming_a_memory_anyone_can_write_loses_that_key(installed_models, tmp_path):
    config, attacker, work = attacked_desk(tmp_path)
    (attacker / "loot.sqlite").write_bytes(b"")
    (attacker / "loot.sqlite").chmod(0o666)
    result = translate_secret(work)
    assert f"ignoring the memory that {config} names, {attacker / 'loot.sqlite'}: writable by everyone" \
        in result.stderr
    assert (attacker / "loot.sqlite").read_bytes() == b""
    assert "Gibla" in (work / "out" / "secret.fr.md").read_text(encoding="utf-8")  # its glossary is fine


def test_an_untrusted_file_is_not_even_parsed(tmp_path):
    (tmp_path / "briefing.toml").write_text("this is = = not toml", encoding="utf-8")
    (tmp_path / "briefing.toml").chmod(0o666)
    result = run_briefing("glossary", "list", "--glossary", str(ROOT / "glossary"), cwd=tmp_path)
    assert result.returncode == 0 and "warning: ignoring configuration" in result.stderr
    assert "trusted is read only" in run_briefing("config", cwd=_with_trusted_key(tmp_path)).stdout


def _with_trusted_key(tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "briefing.toml").write_text('trusted = ["/"]\n', encoding="utf-8")
    return folder


def test_a_database_memory_and_a_cluster_are_settings_the_listing_shows_without_the_password(tmp_path):
    (tmp_path / "briefing.toml").write_text('memory = "postgresql://desk:hunter2@db.example/briefing"\n'
                                            'cluster = "local:2"\n', encoding="utf-8")
    result = run_briefing("config", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "postgresql://desk:***@db.example/briefing" in result.stdout and "hunter2" not in result.stdout
    assert "'local:2'" in result.stdout  # an address is kept as written, not made a path of the folder


def test_the_serve_table_sets_the_server_s_options_and_is_checked(tmp_path):
    (tmp_path / "briefing.toml").write_text('[serve]\nhost = "0.0.0.0"\nport = 5099\n', encoding="utf-8")
    refused = run_briefing("serve", "--no-memory", cwd=tmp_path)
    assert refused.returncode == 2 and "--host 0.0.0.0 exposes the server" in refused.stderr  # the file's host
    shown = run_briefing("config", cwd=tmp_path).stdout
    assert "serve    = {'host': '0.0.0.0', 'port': 5099}" in shown
    (tmp_path / "briefing.toml").write_text('[serve]\nport = "fast"\n', encoding="utf-8")
    wrong = run_briefing("serve", "--no-memory", cwd=tmp_path)
    assert wrong.returncode == 2 and "serve.port must be a number" in wrong.stderr
