import subprocess
import sys

import pytest

from briefing.glossary.files import add_entry, load, read_entries, remove_entry, set_field
from briefing.glossary.linting import lint
from briefing.glossary.model import GlossaryError
from tests.conftest import ROOT, run_briefing

SAMPLE = """\
# Desk glossary — hand-written comment at the top.

[jableh]
kind = "place"  # an inline comment
[jableh.en]
preferred = "Jableh"
[jableh.fr]
preferred = "Jablé"

# A comment about Baniyas, written by hand.
[baniyas]
kind = "place"
[baniyas.en]
preferred = "Baniyas"
[baniyas.fr]
preferred = "Banias"

# The last entry's comment.
[tuwaym]
kind = "place"
[tuwaym.en]
preferred = "Tuwaym"
"""


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "desk.toml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_starter_glossary_covers_the_seeds_in_three_languages():
    glossary = load([ROOT / "glossary"])
    for entry_id in ("alawites", "baniyas", "jableh", "hmeimim", "latakia", "bashar-al-assad",
                     "hayat-tahrir-al-sham", "syrian-observatory-for-human-rights", "haidar-nasser",
                     "rami-abdurrahman", "ali-sheha", "tuwaym", "associated-press", "sunni-muslims"):
        assert set(glossary.entries[entry_id].terms) >= {"en", "ar", "fr"}
    assert glossary.entries["latakia"].terms["fr"].preferred == "Lattaquié"
    assert glossary.entries["hayat-tahrir-al-sham"].terms["ar"].preferred == "هيئة تحرير الشام"
    assert [p for p in lint(glossary) if p.level == "error"] == []


def test_cli_edits_keep_comments_and_untouched_entries_byte_identical(sample):
    glossary = ["--glossary", str(sample)]
    steps = [
        ("glossary", "add", "hmeimim", "--kind", "place", "--term", "en=Hmeimim", "--term", "ar=حميميم", *glossary),
        ("glossary", "set", "jableh", "fr.admitted", "Jableh|Jeblé", *glossary),
        ("glossary", "rm", "tuwaym", *glossary),
    ]
    for step in steps:
        result = run_briefing(*step)
        assert result.returncode == 0, result.stderr
    text = sample.read_text(encoding="utf-8")
    baniyas = SAMPLE[SAMPLE.index("# A comment about Baniyas") : SAMPLE.index("# The last entry")]
    assert text.startswith(SAMPLE[: SAMPLE.index("[jableh.en]")])
    assert baniyas in text
    assert "Tuwaym" not in text and "The last entry's comment" not in text
    entries = {e.id: e for e in read_entries(sample)}
    assert entries["jableh"].terms["fr"].admitted == ["Jableh", "Jeblé"]
    assert entries["hmeimim"].terms["ar"].preferred == "حميميم"


def test_unparseable_file_is_reported_with_line_and_never_rewritten(sample):
    broken = SAMPLE.replace('preferred = "Banias"', 'preferred = "Banias')
    sample.write_text(broken, encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"desk.toml:16:\d+"):
        read_entries(sample)
    result = run_briefing("glossary", "rm", "jableh", "--glossary", str(sample))
    assert result.returncode == 1 and "desk.toml:16" in result.stderr
    assert sample.read_text(encoding="utf-8") == broken


def test_invalid_entries_name_file_and_line(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text('[a]\nkind = "planet"\n[a.en]\npreferred = "A"\n')
    with pytest.raises(GlossaryError, match=r"g.toml:1: entry 'a' has unknown kind 'planet'"):
        read_entries(path)
    path.write_text('[a]\nkind = "place"\n[a.en]\nadmitted = ["A"]\n')
    with pytest.raises(GlossaryError, match="needs a preferred form"):
        read_entries(path)


def test_the_same_id_in_two_files_is_an_error_naming_both(tmp_path):
    (tmp_path / "a.toml").write_text('[x]\n[x.en]\npreferred = "X"\n')
    (tmp_path / "b.toml").write_text('\n[x]\n[x.en]\npreferred = "Y"\n')
    with pytest.raises(GlossaryError) as err:
        load([tmp_path])
    assert "a.toml:1" in str(err.value) and "b.toml:2" in str(err.value)


def test_set_rejects_an_invalid_value_without_writing(sample):
    before = sample.read_bytes()
    with pytest.raises(GlossaryError):
        set_field(sample, "jableh", "kind", "planet")
    assert sample.read_bytes() == before


def test_twenty_concurrent_adds_lose_nothing(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text("# shared by the desk\n")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "briefing", "glossary", "add", f"place-{i}", "--kind", "place",
             "--term", f"en=Place {i}", "--file", str(path), "--glossary", str(path)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    codes = [p.wait(timeout=120) for p in processes]
    assert codes == [0] * 20, [p.stderr.read() for p in processes]
    assert sorted(e.id for e in read_entries(path)) == sorted(f"place-{i}" for i in range(20))
    assert path.read_text().startswith("# shared by the desk\n")


def test_remove_and_add_functions(sample):
    remove_entry(sample, "baniyas")
    entry = read_entries(sample)[0]
    entry.id = "jableh-copy"
    add_entry(sample, entry)
    assert [e.id for e in read_entries(sample)] == ["jableh", "tuwaym", "jableh-copy"]


def test_find_reports_offsets(sample):
    result = run_briefing("glossary", "find", "Clashes near Jableh and Baniyas.", "--glossary", str(sample))
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["13-19\tjableh\tJableh\t(approved)", "24-31\tbaniyas\tBaniyas\t(approved)"]


def test_list_json_and_lint_in_the_repo():
    import json

    listing = run_briefing("glossary", "list", "--json")
    assert listing.returncode == 0
    assert len(json.loads(listing.stdout)) >= 20
    assert run_briefing("glossary", "lint").returncode == 0


def test_lint_finds_conflicts_and_wrong_scripts(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(
        '[a]\n[a.en]\npreferred = "Banias"\n[a.ar]\npreferred = "Banias"\n'
        '[b]\n[b.en]\npreferred = "Baniyas"\naliases = ["Banias"]\n[b.fr]\npreferred = "بانياس"\n'
    )
    messages = [p.message for p in lint(load([path]))]
    assert any("not in Arabic script" in m for m in messages)
    assert any("has Arabic letters" in m for m in messages)
    assert any("alias 'Banias' is also a form of entry 'a'" in m for m in messages)


def test_suggest_lists_uncovered_names_with_a_ready_command(tmp_path):
    import json

    from tests.conftest import SEEDS

    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_briefing("glossary", "suggest", *map(str, SEEDS), "--glossary", str(empty), "--json")
    names = {s["name"]: s for s in json.loads(result.stdout)}
    assert names["Assad"]["count"] >= 10
    for name in ("Haidar Nasser", "Hayat Tahrir al-Sham", "Syrian Observatory for Human Rights", "Jableh"):
        assert name in names
    assert "Residents" not in names and "The Observatory" not in names
    assert names["Haidar Nasser"]["command"].startswith("briefing glossary add haidar-nasser")
    covered = run_briefing("glossary", "suggest", *map(str, SEEDS), "--json")
    assert not {"Assad", "Jableh", "Haidar Nasser"} & {s["name"] for s in json.loads(covered.stdout)}


def test_edit_opens_the_editor_and_validates(sample):
    import os

    editor = "sed -i 's/Jablé/Jeblé/'"
    result = run_briefing("glossary", "edit", "jableh", "--glossary", str(sample), env={"EDITOR": editor, **os.environ,
                                                                                        "VISUAL": editor})
    assert result.returncode == 0, result.stderr
    assert read_entries(sample)[0].terms["fr"].preferred == "Jeblé"
    assert "# A comment about Baniyas, written by hand." in sample.read_text()
    broken = "sed -i 's/kind = \"place\"/kind = \"planet\"/'"
    before = sample.read_bytes()
    failed = run_briefing("glossary", "edit", "jableh", "--glossary", str(sample), env={"VISUAL": broken})
    assert failed.returncode == 1 and "unknown kind 'planet'" in failed.stderr
    assert sample.read_bytes() == before


APPENDED = "\n# Canadian forms, added later at the end of the file.\n[jableh.fr_CA]\npreferred = \"Jabléh\"\n"


@pytest.mark.parametrize("edit", ["set", "rm", "replace", "none"])
def test_an_entry_whose_tables_are_split_apart_reads_and_edits_as_one(sample, edit):
    """Valid TOML allows [jableh.fr_CA] after other entries: it reads, and an edit of the entry
    writes it whole where it starts while every other entry stays byte-identical."""
    from briefing.glossary.files import replace_entry

    sample.write_text(SAMPLE + APPENDED, encoding="utf-8")
    entry = {e.id: e for e in read_entries(sample)}["jableh"]
    assert entry.terms["fr_CA"].preferred == "Jabléh" and entry.terms["fr"].preferred == "Jablé"
    assert load([sample]).entries["jableh"].terms_for("fr_CA").preferred == "Jabléh"
    if edit == "set":
        set_field(sample, "jableh", "fr.admitted", ["Jableh"])
    elif edit == "rm":
        remove_entry(sample, "jableh")
    elif edit == "replace":
        replace_entry(sample, entry)
    text = sample.read_text(encoding="utf-8")
    baniyas = SAMPLE[SAMPLE.index("# A comment about Baniyas") : SAMPLE.index("# The last entry")]
    assert baniyas in text and SAMPLE[SAMPLE.index("# The last entry") :] in text
    entries = {e.id: e for e in read_entries(sample)}
    if edit == "rm":
        assert "jableh" not in entries and "Jabl" not in text
    else:
        assert entries["jableh"].terms["fr_CA"].preferred == "Jabléh"
        assert (edit == "none") == text.endswith(APPENDED)  # an edit writes the entry whole, in one place
    if edit == "set":
        assert entries["jableh"].terms["fr"].admitted == ["Jableh"]


def test_a_table_defined_twice_is_still_refused(sample):
    sample.write_text(SAMPLE + "\n[jableh.fr]\npreferred = \"Jeblé\"\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="desk.toml"):
        read_entries(sample)


def test_a_split_entry_is_used_by_translate_and_check(installed_models, tmp_path):
    glossary = tmp_path / "desk.toml"
    glossary.write_text(SAMPLE + APPENDED, encoding="utf-8")
    source, translation = tmp_path / "en.txt", tmp_path / "fr.txt"
    source.write_text("Clashes in Jableh.\n", encoding="utf-8")
    translation.write_text("Affrontements à Jabléh.\n", encoding="utf-8")
    checked = run_briefing("check", str(source), str(translation), "--to", "fr_CA", "--glossary", str(glossary))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "out"
    result = run_briefing("translate", str(source), "--to", "fr_CA", "--out", str(out), "--no-memory",
                          "--glossary", str(glossary), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Jabléh" in (out / "en.fr_CA.json").read_text(encoding="utf-8")
