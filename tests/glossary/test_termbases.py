"""Termbases as CAT tools and MT services write them, and glossaries that load fast and safely."""

import json
import os
import stat

import pytest

from briefing import caching
from briefing.glossary.files import load, set_field
from briefing.glossary.interchange import read_file
from briefing.quality.matching import APPROVED, matcher_for
from tests.conftest import ROOT, SEEDS, run_briefing

REGIONAL_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US"><text><body>
<termEntry id="jableh"><descrip type="subjectField">Geography</descrip>
 <langSet xml:lang="en-US"><tig><term>Jableh</term></tig></langSet>
 <langSet xml:lang="fr-FR"><tig><term>Jablé</term>
   <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
 <langSet xml:lang="fr-CA"><tig><term>Jablè</term></tig></langSet>
 <langSet xml:lang="ar-SA"><tig><term>جبلة</term></tig></langSet>
</termEntry>
<termEntry id="unhcr"><descrip type="subjectField">Refugee law</descrip>
 <langSet xml:lang="en-GB"><tig><term>UNHCR</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_regional_codes_are_languages_and_subject_fields_kinds(tmp_path):
    path = tmp_path / "desk.tbx"
    path.write_text(REGIONAL_TBX, encoding="utf-8")
    jableh, unhcr = read_file(path)
    assert set(jableh.terms) == {"en", "fr", "fr_CA", "ar"}
    assert jableh.terms["fr"].preferred == "Jablé" and jableh.terms["fr_CA"].preferred == "Jablè"
    assert jableh.kind == "place" and "locales: en-US, fr-FR, fr-CA, ar-SA" in jableh.note
    assert unhcr.kind == "other" and "subject: Refugee law" in unhcr.note


def test_a_plain_language_then_a_region_keep_two_tables(tmp_path):
    path = tmp_path / "plain.tbx"
    path.write_text(REGIONAL_TBX.replace('xml:lang="fr-FR"', 'xml:lang="fr"'), encoding="utf-8")
    jableh, _ = read_file(path)
    assert jableh.terms["fr"].preferred == "Jablé" and jableh.terms["fr"].admitted == []
    assert jableh.terms["fr_CA"].preferred == "Jablè"  # not merged into French as an admitted form
    assert "locales: en-US, fr-CA, ar-SA" in jableh.note


def test_an_imported_regional_tbx_is_found_and_lints_clean(tmp_path):
    (tmp_path / "desk.tbx").write_text(REGIONAL_TBX, encoding="utf-8")
    glossary = tmp_path / "desk.toml"
    assert run_briefing("glossary", "import", str(tmp_path / "desk.tbx"), "--glossary", str(glossary)).returncode == 0
    found = run_briefing("glossary", "find", "Clashes in Jableh", "--glossary", str(glossary))
    assert "jableh" in found.stdout
    lint = run_briefing("glossary", "lint", "--glossary", str(glossary))
    assert " 0 error(s)" in lint.stderr and "fr_CA" not in lint.stdout, lint.stdout


def test_deepl_two_column_csv_and_amazon_header(tmp_path):
    deepl = tmp_path / "deepl.csv"
    deepl.write_text("Qardaha,Qardaha\nGeir Pedersen,Geir Pedersen\nTartus,Tartous\n", encoding="utf-8")
    glossary = tmp_path / "g.toml"
    result = run_briefing("glossary", "import", str(deepl), "--from", "en", "--to", "fr", "--glossary", str(glossary))
    assert result.returncode == 0, result.stderr
    entries = {e.id: e for e in load([glossary])}
    assert entries["tartus"].terms["fr"].preferred == "Tartous" and entries["geir-pedersen"].terms["en"]
    amazon = tmp_path / "amazon.csv"
    amazon.write_text("en-US,fr-FR,ar\nHmeimim,Hmeimim,حميميم\n", encoding="utf-8")
    (entry,) = read_file(amazon)
    assert set(entry.terms) == {"en", "fr", "ar"}


def test_csv_export_for_excel_and_against_formulas(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[calc]\nkind = "other"\nnote = "=cmd|\' /C calc\'!A0"\n[calc.en]\npreferred = "@SUM(A1)"\n'
                        '[calc.ar]\npreferred = "جبلة"\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    assert run_briefing("glossary", "export", "--format", "csv", "--excel", "-o", str(out),
                        "--glossary", str(glossary)).returncode == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "جبلة".encode() in data
    text = data.decode("utf-8-sig")
    assert "'=cmd" in text and "'@SUM(A1)" in text
    raw = run_briefing("glossary", "export", "--format", "csv", "--raw", "--glossary", str(glossary)).stdout
    assert "\n=cmd" not in raw and ",=cmd" in raw or '"=cmd' in raw
    (entry,) = read_file(out)  # our own export comes back as it was
    assert entry.note == "=cmd|' /C calc'!A0" and entry.terms["en"].preferred == "@SUM(A1)"


def test_a_tbx_glossary_is_read_directly_and_read_only(tmp_path):
    tbx = tmp_path / "desk.tbx"
    tbx.write_text(REGIONAL_TBX, encoding="utf-8")
    source, translation = tmp_path / "en.txt", tmp_path / "fr.txt"
    source.write_text("Clashes in Jableh.\n", encoding="utf-8")
    translation.write_text("Affrontements à Jable.\n", encoding="utf-8")
    result = run_briefing("check", str(source), str(translation), "--to", "fr", "--glossary", str(tbx), "--json")
    (term,) = json.loads(result.stdout)["segments"][0]["terms"]
    assert (term["status"], term["expected"][0]) == ("variant", "Jablé")
    refused = run_briefing("glossary", "set", "jableh", "note", "x", "--glossary", str(tbx))
    assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr


def test_import_writes_where_glossary_points_or_refuses(tmp_path):
    (tmp_path / "desk.tbx").write_text(REGIONAL_TBX, encoding="utf-8")
    target = tmp_path / "mine.toml"
    result = run_briefing("glossary", "import", str(tmp_path / "desk.tbx"), "--glossary", str(target), cwd=tmp_path)
    assert result.returncode == 0 and target.is_file() and not (tmp_path / "glossary").exists()
    several = run_briefing("glossary", "import", str(tmp_path / "desk.tbx"), "--glossary", str(target),
                           "--glossary", str(ROOT / "glossary"), cwd=tmp_path)
    assert several.returncode == 2 and "--into" in several.stderr


def test_the_cache_is_used_and_never_trusted_blindly(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    glossary = tmp_path / "g.toml"
    glossary.write_text((ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"), encoding="utf-8")
    first = load([glossary])
    assert list((tmp_path / "cache").glob("glossary-file-*"))
    matcher = matcher_for(first, "fr", (APPROVED,))
    assert [m.entry_id for m in matcher.find("à Jablé")] == ["jableh"]
    for cached in (tmp_path / "cache").iterdir():  # corrupt every cache file
        cached.write_bytes(cached.read_bytes()[:-7] + b"garbage")
    again = load([glossary])
    assert [e.to_dict() for e in again] == [e.to_dict() for e in first]
    assert [m.entry_id for m in matcher_for(again, "fr", (APPROVED,)).find("à Jablé")] == ["jableh"]
    glossary.write_text(glossary.read_text(encoding="utf-8").replace('"Jablé"', '"Jeblé"'), encoding="utf-8")
    changed = load([glossary])  # stale: the file changed, so its entries are read anew
    assert changed.entries["jableh"].terms["fr"].preferred == "Jeblé"
    assert changed.cache_key != first.cache_key
    assert caching.load("glossary-file", "0" * 64) is None


def test_an_edit_keeps_the_cache_sound_and_the_file_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    glossary = tmp_path / "g.toml"
    glossary.write_text((ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"), encoding="utf-8")
    os.chmod(glossary, 0o644)
    load([glossary])
    set_field(glossary, "jableh", "note", "Coastal city.")
    after = load([glossary])
    assert after.entries["jableh"].note == "Coastal city."
    assert after.entries["tuwaym"].line == next(i for i, line in enumerate(
        glossary.read_text(encoding="utf-8").splitlines(), start=1) if line.strip() == "[tuwaym]")
    assert stat.S_IMODE(glossary.stat().st_mode) == 0o644


def test_a_multi_line_note_with_a_bracket_line_is_a_note(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[x]\nkind = "place"\nnote = """Seen as\n[sic] in the AP copy."""\n[x.en]\npreferred = "Ex"\n'
                        '\n[y]\n[y.en]\npreferred = "Why"\n', encoding="utf-8")
    assert sorted(load([glossary]).entries) == ["x", "y"]
    set_field(glossary, "y", "note", "checked")
    assert load([glossary]).entries["x"].note == "Seen as\n[sic] in the AP copy."


def test_a_key_defined_twice_is_reported_with_file_and_line(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[x]\nkind = "place"\nkind = "person"\n[x.en]\npreferred = "Ex"\n', encoding="utf-8")
    result = run_briefing("glossary", "list", "--glossary", str(glossary))
    assert result.returncode == 1 and f"{glossary}:3:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("seed", SEEDS[:1])
def test_translate_reads_a_csv_glossary(seed, installed_models, tmp_path):
    csv_glossary = tmp_path / "desk.csv"
    csv_glossary.write_text("en,fr\nLatakia,Lattaquié\nBaniyas,Banias\n", encoding="utf-8")
    result = run_briefing("translate", str(seed), "--to", "fr", "--out", str(tmp_path / "out"), "--glossary",
                          str(csv_glossary), "--no-memory", "-q")
    assert result.returncode == 0, result.stderr
    assert "Lattaquié" in (tmp_path / "out" / f"{seed.stem}.fr.md").read_text(encoding="utf-8")


def test_the_index_kept_across_edits_is_what_a_fresh_read_finds(tmp_path, monkeypatch):
    from briefing.glossary.files import add_entry, remove_entry, replace_entries, replace_entry
    from briefing.glossary.model import entry_from_options

    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    glossary = tmp_path / "g.toml"
    glossary.write_text("# desk glossary\n" + (ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"),
                        encoding="utf-8")
    load([glossary])
    set_field(glossary, "jableh", "fr.admitted", ["Jeblé"])
    remove_entry(glossary, "tuwaym")
    add_entry(glossary, entry_from_options("tartus", "place", [("en", "Tartus"), ("fr", "Tartous")]))
    entry = load([glossary]).entries["baniyas"]
    entry.note = "Coastal town.\n[sic] twice"
    replace_entry(glossary, entry)
    neighbours = list(load([glossary]))[:3] + list(load([glossary]))[-1:]  # adjacent ones and a distant one
    for number, neighbour in enumerate(neighbours):
        neighbour.note = f"reviewed {number}"
    replace_entries(glossary, neighbours)
    kept = load([glossary])
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "fresh"))
    fresh = load([glossary])
    assert [(e.id, e.line, e.to_dict()) for e in kept] == [(e.id, e.line, e.to_dict()) for e in fresh]
    assert [kept.entries[n.id].note for n in neighbours] == [f"reviewed {i}" for i in range(4)]
    from briefing.glossary.files import _records_of

    rebuilt = _records_of(glossary, glossary.read_bytes())
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    assert _records_of(glossary, glossary.read_bytes()) == rebuilt  # the index kept by the edits


def test_edits_leave_no_lock_file_and_keep_the_mode(tmp_path):
    glossary = tmp_path / "desk" / "g.toml"
    glossary.parent.mkdir()
    glossary.write_text((ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"), encoding="utf-8")
    os.chmod(glossary, 0o644)
    result = run_briefing("glossary", "add", "tartus", "--kind", "place", "--term", "en=Tartus", "--term",
                          "fr=Tartous", "--glossary", str(glossary))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in glossary.parent.iterdir()] == ["g.toml"]
    assert stat.S_IMODE(glossary.stat().st_mode) == 0o644
    refused = run_briefing("glossary", "add", "bad id", "--term", "en=X", "--glossary", str(tmp_path / "new.toml"))
    assert refused.returncode != 0 and not (tmp_path / "new.toml").exists()


def _desk(tmp_path):
    desk = tmp_path / "desk.toml"
    desk.write_text((ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return desk


@pytest.mark.parametrize(("term", "reason"), [("en=Jableh", "'Jableh' (en) of jableh-2 is already a form of jableh"),
                                              ("en=JABLEH", "is already a form of jableh"),
                                              ("xx=Jableh", "unknown language or locale 'xx'")])
def test_add_refuses_a_form_another_entry_owns_and_an_unknown_language(tmp_path, term, reason):
    desk = _desk(tmp_path)
    before = desk.read_bytes()
    result = run_briefing("glossary", "add", "jableh-2", "--kind", "place", "--term", term, "--term", "fr=Djebleh",
                          "--glossary", str(desk))
    assert result.returncode == 2 and reason in result.stderr, result.stderr
    assert desk.read_bytes() == before


PARTNER = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="jableh-partner"><descrip type="subjectField">place</descrip>
 <langSet xml:lang="en"><tig><term>Jableh</term></tig></langSet>
 <langSet xml:lang="fr"><tig><term>Djebleh</term></tig></langSet></termEntry>
<termEntry id="tartus"><descrip type="subjectField">place</descrip>
 <langSet xml:lang="en"><tig><term>Tartus</term></tig></langSet>
 <langSet xml:lang="fr"><tig><term>Tartous</term></tig></langSet></termEntry>
</body></text></martif>
"""


@pytest.mark.parametrize("owned", [None, "skip", "replace", "merge", "keep"])
def test_import_says_which_entries_name_what_existing_ones_name_and_does_as_told(tmp_path, owned):
    desk = _desk(tmp_path)
    before = desk.read_bytes()
    (tmp_path / "partner.tbx").write_text(PARTNER, encoding="utf-8")
    result = run_briefing("glossary", "import", str(tmp_path / "partner.tbx"), "--glossary", str(desk),
                          *(["--owned", owned] if owned else []))
    if owned is None:
        assert result.returncode == 2 and "--owned skip|replace|merge|keep" in result.stderr, result.stderr
        assert "'Jableh' (en) of jableh-partner is already a form of jableh" in result.stderr
        assert desk.read_bytes() == before
        return
    assert result.returncode == 0, result.stderr
    glossary = load([desk])
    assert "tartus" in glossary.entries  # what names nothing new is imported whatever the choice
    jableh = glossary.entries["jableh"].terms["fr"]
    expected = {"skip": ("Jablé", False, False), "replace": ("Djebleh", False, False),
                "merge": ("Jablé", False, True), "keep": ("Jablé", True, False)}[owned]
    assert (jableh.preferred, "jableh-partner" in glossary.entries, "Djebleh" in jableh.admitted) == expected
