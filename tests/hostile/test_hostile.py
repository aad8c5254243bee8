"""Hostile and malformed input, one test per category of attack: refused at the door in one
line, never escaping the packages folder, exploding in size or crashing with a traceback."""

import io
import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli.main import main
from briefing.glossary.files import load
from briefing.glossary.model import GlossaryError
from briefing.sources import segmenting
from tests.conftest import MODELS, ROOT, SEEDS, run_briefing

EN_FR = MODELS / "translate-en_fr-copy.argosmodel"


def one_line_error(result, code=1):
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


def rezipped(dest: Path, rename=None, extra: dict | None = None, metadata: dict | None = None) -> Path:
    with zipfile.ZipFile(EN_FR) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if metadata is not None and item.filename.endswith("metadata.json"):
                data = json.dumps(metadata).encode()
            zout.writestr(rename(item.filename) if rename else item.filename, data)
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dest


# ---------------------------------------------------------------- packages


def test_a_package_named_dotdot_cannot_touch_the_parent(tmp_path):
    packages = tmp_path / "parent" / "packages"
    packages.mkdir(parents=True)
    (tmp_path / "parent" / "precious.txt").write_text("keep me")
    archive = rezipped(tmp_path / "evil.argosmodel", rename=lambda n: "../" + n.split("/", 1)[1])
    result = run_briefing("models", "install", str(archive), env={"ARGOS_PACKAGES_DIR": str(packages)})
    one_line_error(result)
    assert (tmp_path / "parent" / "precious.txt").read_text() == "keep me"


@pytest.mark.parametrize("member", ["/etc/evil", "pkg/../../evil", "C:/evil"])
def test_absolute_and_climbing_members_are_refused(tmp_path, member):
    archive = rezipped(tmp_path / "evil.argosmodel", extra={member: b"x"})
    one_line_error(run_briefing("models", "install", str(archive), env={"ARGOS_PACKAGES_DIR": str(tmp_path / "p")}))
    assert not (tmp_path / "evil").exists()


def test_a_link_member_is_refused(tmp_path):
    archive = rezipped(tmp_path / "link.argosmodel")
    with zipfile.ZipFile(archive, "a") as zf:
        info = zipfile.ZipInfo("translate-en_fr-copy/escape")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    one_line_error(run_briefing("models", "install", str(archive), env={"ARGOS_PACKAGES_DIR": str(tmp_path / "p")}))


def test_a_zip_bomb_is_refused_before_extracting(tmp_path):
    archive = rezipped(tmp_path / "bomb.argosmodel", extra={"translate-en_fr-copy/zeros.bin": bytes(60 << 20)})
    assert archive.stat().st_size < 2 << 20
    packages = tmp_path / "p"
    result = run_briefing("models", "install", str(archive), env={"ARGOS_PACKAGES_DIR": str(packages)})
    one_line_error(result)
    assert "zip bomb" in result.stderr and not list(packages.rglob("zeros.bin"))


def test_a_killed_installs_staging_is_cleaned_by_the_next(tmp_path):
    packages = tmp_path / "p"
    stale = packages / ".installing-999999999-abc"
    (stale / "junk").mkdir(parents=True)
    assert run_briefing("models", "install", str(EN_FR), env={"ARGOS_PACKAGES_DIR": str(packages)}).returncode == 0
    assert not stale.exists()


@pytest.mark.parametrize("metadata", [
    {"from_code": ["en"], "to_code": "fr"}, ["en", "fr"], {"from_code": 1, "to_code": 2},
    {"from_code": "en", "to_code": "fr", "target_prefix": 7}, {"from_code": "e" * 10_000_000, "to_code": "fr"},
])
def test_metadata_of_the_wrong_shape_is_refused_and_never_breaks_listing(tmp_path, metadata):
    packages = tmp_path / "p"
    archive = rezipped(tmp_path / "bad.argosmodel", metadata=metadata)
    one_line_error(run_briefing("models", "install", str(archive), env={"ARGOS_PACKAGES_DIR": str(packages)}))
    with zipfile.ZipFile(archive) as zf:  # placed by hand: the tool still lists and translates
        zf.extractall(packages)
    listing = run_briefing("models", "list", env={"ARGOS_PACKAGES_DIR": str(packages)})
    assert "Traceback" not in listing.stderr and "internal error" not in listing.stderr


def test_replacing_a_package_of_another_pair_needs_force(tmp_path):
    packages = tmp_path / "p"
    env = {"ARGOS_PACKAGES_DIR": str(packages)}
    assert run_briefing("models", "install", str(EN_FR), env=env).returncode == 0
    other = rezipped(tmp_path / "other.argosmodel",
                     metadata={**json.loads(zipfile.ZipFile(EN_FR).read("translate-en_fr-copy/metadata.json")),
                               "to_code": "de"})
    refused = run_briefing("models", "install", str(other), env=env)
    one_line_error(refused)
    assert "--force" in refused.stderr
    assert run_briefing("models", "install", str(other), "--force", env=env).returncode == 0


# ---------------------------------------------------------------- exports and listings


def test_xml_exports_drop_characters_xml_forbids(tmp_path, installed_models):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[esc]\nkind = "other"\nnote = "a\\u001bb"\n[esc.en]\npreferred = "Es\\u0007c"\n',
                        encoding="utf-8")
    tbx = tmp_path / "out.tbx"
    assert run_briefing("glossary", "export", "--format", "tbx", "-o", str(tbx), "--glossary",
                        str(glossary)).returncode == 0
    assert run_briefing("glossary", "import", str(tbx), "--glossary", str(tmp_path / "back.toml")).returncode == 0
    import xml.etree.ElementTree as ET  # noqa: I001 — the parser that must accept it

    from briefing.output.tmx import write_tmx
    from briefing.translation.memory_rows import Pair

    ET.fromstring(write_tmx([Pair("en", "fr", "a\x1bb", "c\x00d", "human")]).encode())


def test_listings_escape_control_and_bidi_characters(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[x]\n[x.en]\npreferred = "Ex\\u202eevil\\nforged line"\n', encoding="utf-8")
    listing = run_briefing("glossary", "list", "--glossary", str(glossary))
    assert "\u202e" not in listing.stdout and "\\u202e" in listing.stdout and listing.stdout.count("\n") == 1
    lint = run_briefing("glossary", "lint", "--glossary", str(glossary))
    assert "bidi-override" in lint.stdout


def test_a_file_name_cannot_inject_markdown(tmp_path, installed_models):
    source = tmp_path / "a\n\n# Injected.txt"
    source.write_text("Clashes in Jableh.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_briefing("translate", str(source), "--to", "fr", "--out", str(out), "--no-memory").returncode == 0
    (markdown,) = out.glob("*.md")
    assert "\n# Injected" not in markdown.read_text(encoding="utf-8")


# ---------------------------------------------------------------- bounded cost


def test_segmentation_gives_pysbd_bounded_windows(monkeypatch):
    seen = []
    real = segmenting._spans
    monkeypatch.setattr(segmenting, "_spans", lambda text, lang: seen.append(len(text)) or real(text, lang))
    text = "The clashes continued in Jableh, residents said. " * 4000  # 200 kB, one paragraph
    spans = segmenting.sentence_spans(text, "en")
    assert max(seen) <= segmenting.WINDOW and len(spans) == 4000
    assert "".join(text[a:b] for a, b in spans).replace(".", "") == text.replace(" ", "").replace(".", "") or spans


def test_sources_are_read_within_a_limit(tmp_path, installed_models):
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000, encoding="utf-8")
    result = run_briefing("translate", str(big), "--to", "fr", env={"BRIEFING_MAX_SOURCE_MB": "0.001"})
    assert result.returncode == 1 and "larger than" in result.stderr
    zero = run_briefing("check", "/dev/zero", str(big), "--to", "fr", env={"BRIEFING_MAX_SOURCE_MB": "1"})
    one_line_error(zero)


def test_absurd_terms_are_refused_with_file_and_line(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[ok]\n[ok.en]\npreferred = "Fine"\n\n[huge]\n[huge.en]\npreferred = "' + "word " * 600
                        + '"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match=rf"{glossary}:5: huge.en has a form of \d+ characters"):
        load([glossary])
    one_line_error(run_briefing("glossary", "lint", "--glossary", str(glossary)))


# ---------------------------------------------------------------- one-line errors


def test_a_corrupt_memory_is_one_line(tmp_path, installed_models):
    memory = tmp_path / "m.sqlite"
    memory.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--out", str(tmp_path / "o"), "--memory",
                          str(memory))
    one_line_error(result)
    assert "segment memory" in result.stderr


@pytest.mark.parametrize("document", ['{"segments": [{"source": 1}]}', "[" * 100_000, '{"segments": "x"}',
                                      '{"source_lang": "en", "target_lang": "fr", "segments": [{"source": "a", '
                                      '"target": {"x": 1}}]}'])
def test_damaged_briefing_json_is_one_line(tmp_path, document):
    path = tmp_path / "b.fr.json"
    path.write_text(document, encoding="utf-8")
    one_line_error(run_briefing("memory", "import", str(path), "--memory", str(tmp_path / "m.sqlite")))


def test_a_huge_csv_cell_is_one_line(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("en,fr\n" + "x" * 200_000 + ",y\n", encoding="utf-8")
    one_line_error(run_briefing("glossary", "import", str(path), "--glossary", str(tmp_path / "g.toml")))


def test_an_unwritable_output_is_one_line(tmp_path, installed_models):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    one_line_error(run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--out", str(blocker / "sub"),
                                "--no-memory"))


# ---------------------------------------------------------------- damaged files, every command


def damaged(base: bytes):
    return st.one_of(
        st.binary(max_size=300),
        st.builds(lambda cut, noise: base[:cut] + noise, st.integers(0, len(base)), st.binary(max_size=40)),
        st.builds(lambda at, byte: base[:at] + bytes([byte]) + base[at + 1 :], st.integers(0, max(len(base) - 1, 0)),
                  st.integers(0, 255)),
    )


GLOSSARY = (ROOT / "glossary" / "syria-coast.toml").read_bytes()[:2000]
TBX = b'<?xml version="1.0"?><martif><text><body><termEntry id="x"><langSet xml:lang="en"><tig><term>X</term>' \
      b"</tig></langSet></termEntry></body></text></martif>"
CSV = "en,fr,ar\nJableh,Jablé,جبلة\n".encode()
TMX = (b'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="en"/><body><tu>'
       b'<tuv xml:lang="en"><seg>Clashes in Jableh.</seg></tuv><tuv xml:lang="fr"><seg>Affrontements.</seg></tuv>'
       b"</tu></body></tmx>")
BRIEFING = json.dumps({"source_lang": "en", "target_lang": "fr", "segments": [{"source": "a", "target": "b",
                                                                                "block": 0}]}).encode()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "fr"}')
    return buffer.getvalue()


def _converted_zip_bytes() -> bytes:
    """A zip laid out as a converted NLLB model (its files too short to be one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("nllb/model.bin", b"\x06\x00\x00\x00" * 8)
        zf.writestr("nllb/config.json", '{"add_source_eos": false}')
        zf.writestr("nllb/shared_vocabulary.json", '["<unk>", "<s>", "</s>", "eng_Latn", "fra_Latn"]')
        zf.writestr("nllb/sentencepiece.bpe.model", b"\x0a\x00")
    return buffer.getvalue()


def _sqlite_bytes(tmp: Path) -> bytes:
    path = tmp / "seed.sqlite"
    sqlite3.connect(path).execute("create table t(x)").connection.commit()
    return path.read_bytes()


CASES = {
    "toml": (GLOSSARY, lambda p, w: ["glossary", "list", "--glossary", str(p)]),
    "tbx": (TBX, lambda p, w: ["glossary", "import", str(p), "--glossary", str(w / "g.toml")]),
    "csv": (CSV, lambda p, w: ["glossary", "import", str(p), "--glossary", str(w / "g.toml")]),
    "json": (BRIEFING, lambda p, w: ["memory", "import", str(p), "--memory", str(w / "m.sqlite")]),
    "tmx": (TMX, lambda p, w: ["memory", "import", str(p), "--memory", str(w / "m.sqlite")]),
    "argosmodel": (_zip_bytes(), lambda p, w: ["models", "install", str(p)]),
    "zip": (_converted_zip_bytes(), lambda p, w: ["models", "install", str(p)]),
    "txt": (SEEDS[0].read_bytes()[:400], lambda p, w: ["check", str(p), str(SEEDS[0]), "--to", "fr"]),
}


@pytest.mark.parametrize("suffix", sorted(CASES))
def test_damaged_files_give_one_clean_line(suffix, tmp_path_factory, monkeypatch, capsys):
    work = tmp_path_factory.mktemp(suffix)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(work / "packages"))
    monkeypatch.setenv("BRIEFING_CACHE", str(work / "cache"))
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)
    base, command = CASES[suffix]

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=damaged(base))
    def run(data):
        path = work / f"input.{suffix}"
        path.write_bytes(data)
        with pytest.raises(SystemExit) as done:
            main(command(path, work))
            raise SystemExit(0)
        err = capsys.readouterr().err
        assert "internal error" not in err and "Traceback" not in err, err
        assert done.value.code in (0, 1, 2, None), (done.value.code, err)

    run()


def test_a_damaged_memory_file_gives_one_clean_line(tmp_path, capsys, monkeypatch):
    base = _sqlite_bytes(tmp_path)
    monkeypatch.delenv("BRIEFING_DEBUG", raising=False)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=damaged(base))
    def run(data):
        path = tmp_path / "m.sqlite"
        for leftover in tmp_path.glob("m.sqlite*"):
            leftover.unlink()
        path.write_bytes(data)
        with pytest.raises(SystemExit):
            main(["memory", "stats", "--memory", str(path)])
            raise SystemExit(0)
        err = capsys.readouterr().err
        assert "internal error" not in err and "Traceback" not in err, err

    run()


def test_a_repeated_word_term_is_found_once_per_span(tmp_path):
    from briefing.quality.matching import Matcher

    glossary = tmp_path / "g.toml"
    glossary.write_text('[long]\n[long.en]\npreferred = "' + ("word " * 60).strip() + '"\n', encoding="utf-8")
    matches = Matcher(load([glossary]), "en").find("word " * 1000, nested=True)
    assert len(matches) == 1000 // 60
    assert all(a.end <= b.start for a, b in zip(matches, matches[1:], strict=False))


HIDDEN_CHARACTERS = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u202e", "\u2067", "\U000e0001", "\u200d"]


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(hidden=st.sampled_from(HIDDEN_CHARACTERS), where=st.integers(0, 5), side=st.sampled_from(["in", "before",
                                                                                                "after"]))
def test_a_name_behind_hidden_characters_is_never_ok(hidden, where, side):
    """Spoofed names: what shows is not what is written, so the check says so; a source name with
    a hidden character inside is still found."""
    from briefing.glossary.files import load
    from briefing.quality.checking import Checker

    checker = Checker(load([ROOT / "glossary"]), "en", "fr")
    form = "Jablé"
    spoofed = {"in": form[: where % 5 + 1] + hidden + form[where % 5 + 1:], "before": hidden + form,
               "after": form + hidden}[side]
    (check,) = checker.term_checks("Clashes in Jableh.", f"Heurts à {spoofed}.")
    assert check.status == "variant" and check.expected[0] == form, (repr(spoofed), check)
    source = "Clashes in " + "Jableh"[:where % 5 + 1] + hidden + "Jableh"[where % 5 + 1:] + "."
    assert [t.entry for t in checker.term_checks(source, "Heurts à Jablé.")] == ["jableh"]


@pytest.mark.parametrize("form", ["Jab\u202eleh", "Tar\x00tus", "Tar\u200btus", "Tartus\U000e0041"])
def test_forms_with_hidden_characters_are_refused_on_add_and_import(tmp_path, form):
    glossary = tmp_path / "g.toml"
    if "\x00" not in form:  # no command line can carry a NUL; a file can
        added = run_briefing("glossary", "add", "tartus", "--kind", "place", "--term", f"en={form}", "--term",
                             "fr=Tartous", "--glossary", str(glossary))
        assert added.returncode == 2 and "control, bidi or invisible character" in added.stderr, added.stderr
        assert not glossary.exists()
    table = tmp_path / "terms.csv"
    table.write_text(f"en,fr\nLatakia,Lattaquié\n{form},Tartous\n", encoding="utf-8")
    imported = run_briefing("glossary", "import", str(table), "--glossary", str(glossary))
    assert imported.returncode == 2 and f"{table}:3" in imported.stderr, imported.stderr
    assert not glossary.exists()  # nothing imported


@pytest.mark.parametrize(("text", "line"), [('en,fr\nLatakia,Lattaquié\n"Jableh,Jablé\nBaniyas,Banias\n', 3),
                                             ('en,fr\n"Latakia"x,Lattaquié\nBaniyas,Banias\n', 2)])
def test_a_malformed_csv_row_is_an_error_with_its_line_and_nothing_is_imported(tmp_path, text, line):
    table = tmp_path / "terms.csv"
    table.write_text(text, encoding="utf-8")
    glossary = tmp_path / "g.toml"
    result = run_briefing("glossary", "import", str(table), "--glossary", str(glossary))
    assert result.returncode != 0 and f"{table}:{line}: malformed CSV row" in result.stderr, result.stderr
    assert not glossary.exists()


def test_a_glossary_that_is_a_device_or_a_link_to_one_is_one_line_not_an_endless_read(tmp_path):
    imported = run_briefing("glossary", "import", "/dev/zero", "--format", "csv", "--glossary",
                            str(tmp_path / "g.toml"))
    assert imported.returncode != 0 and "not a regular file" in imported.stderr, imported.stderr
    assert imported.stderr.strip().count("\n") == 0 and "MemoryError" not in imported.stderr
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "desk.toml").write_text('[x]\n[x.en]\npreferred = "Ex"\n', encoding="utf-8")
    (folder / "zero.toml").symlink_to("/dev/zero")
    listing = run_briefing("glossary", "list", "--glossary", str(folder))
    assert listing.returncode != 0 and "zero.toml: not a regular file" in listing.stderr, listing.stderr


@pytest.mark.parametrize("escape", ["\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\u202e"])
def test_file_names_and_package_versions_never_reach_the_terminal_raw(tmp_path, installed_models, escape):
    bad = tmp_path / f"report{escape}.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    result = run_briefing("translate", str(bad), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory")
    assert escape not in result.stderr and escape not in result.stdout and "report\\" in result.stderr
    packages = tmp_path / "packages"
    archive = rezipped(tmp_path / "evil.argosmodel", metadata={"package_version": f"1{escape}", "from_code": "en",
                                                              "to_code": "fr"})
    for command in (("models", "install", str(archive)), ("models", "list")):
        shown = run_briefing(*command, env={"ARGOS_PACKAGES_DIR": str(packages)})
        assert shown.returncode == 0, shown.stderr
        assert escape not in shown.stdout + shown.stderr and "version 1\\" in shown.stdout


def test_a_json_briefing_whose_as_written_carries_the_wrong_figure_proves_nothing(tmp_path, installed_models):
    source = tmp_path / "report.txt"
    source.write_text("Clashes in Jableh killed 12 people on Friday, residents said.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_briefing("translate", str(source), "--to", "fr", "--out", str(out), "--no-memory").returncode == 0
    briefing = out / "report.fr.json"
    data = json.loads(briefing.read_text(encoding="utf-8"))
    segment = next(s for s in data["segments"] if "12" in s["source"])
    segment["as_written"] = segment["target"].replace("12", "21")  # "the machine had it wrong too"
    segment["target"] = segment["as_written"] + " (revu)"
    briefing.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    memory = tmp_path / "m.sqlite"
    held = run_briefing("memory", "import", str(briefing), "--memory", str(memory))
    assert "figure 12" in held.stderr and "not imported" in held.stderr and "0 correction(s) recorded" in held.stdout
    accepted = run_briefing("memory", "import", str(briefing), "--memory", str(memory), "--accept-changes")
    assert "1 correction(s) recorded" in accepted.stdout


LIMITS = ["BRIEFING_MAX_SOURCE_MB", "BRIEFING_MAX_READ_MB", "BRIEFING_READ_TIMEOUT", "BRIEFING_MAX_GLOSSARY_MB",
          "BRIEFING_CACHE_MB", "BRIEFING_MEMORY_WAIT", "BRIEFING_MAX_DOWNLOAD_MB", "BRIEFING_DOWNLOAD_TIMEOUT"]


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e400", "Infinity"])
def test_a_limit_that_is_not_a_finite_number_keeps_its_default(installed_models, tmp_path, value):
    result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--out", str(tmp_path / "out"),
                          "--memory", str(tmp_path / "m.sqlite"), env=dict.fromkeys(LIMITS, value))
    assert result.returncode == 0, result.stderr
    from briefing.settings import Settings

    for name in LIMITS:
        assert Settings(tmp_path, tmp_path, {name: value}).number(name, 7) == 7


# ------------------------------------------------------------- files read on a trusted name


def _made_foreign(path: Path, how: str) -> None:
    if how == "other user":
        if os.geteuid() != 0:
            pytest.skip("making a file another user's takes root")
        os.chown(path, 65534, 65534)
    else:
        path.chmod(0o666)


PLANTED = '[planted]\nkind = "place"\nen.preferred = "Jableh"\nfr.preferred = "Gibla"\n'


@pytest.mark.parametrize("how", ["other user", "writable by everyone"])
@pytest.mark.parametrize("named", ["option", "configuration", "environment"])
def test_another_users_file_in_a_glossary_folder_is_never_enforced(installed_models, tmp_path, how, named):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "names.toml").write_text(PLANTED.replace("planted", "hmeimim").replace("Jableh", "Hmeimim")
                                       .replace("Gibla", "Hmeimim"), encoding="utf-8")
    planted = folder / "zz-planted.toml"
    planted.write_text(PLANTED, encoding="utf-8")
    _made_foreign(planted, how)
    source = tmp_path / "a.txt"
    source.write_text("Clashes in Jableh killed 12 people.\n", encoding="utf-8")
    args = ["translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory"]
    env = {}
    if named == "option":
        args += ["--glossary", str(folder)]
    elif named == "environment":
        env["BRIEFING_GLOSSARY"] = str(folder)
    else:
        (tmp_path / "briefing.toml").write_text('glossary = ["glossary"]\n', encoding="utf-8")
    result = run_briefing(*args, cwd=tmp_path, env=env)
    one_line_error(result)
    assert str(planted) in result.stderr and "trust the folder" in result.stderr
    assert not (tmp_path / "out").exists()
    trusted = run_briefing(*args, cwd=tmp_path, env={**env, "BRIEFING_TRUSTED": str(folder)})
    assert trusted.returncode == 0, trusted.stderr
    assert "Gibla" in (tmp_path / "out" / "a.fr.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["other user", "writable by everyone"])
def test_a_cache_entry_planted_by_another_user_is_never_believed(tmp_path, monkeypatch, how):
    """A shared $BRIEFING_CACHE: an entry forged for the glossary's very key (sound magic and
    checksum, other entries) is not used; the glossary is read from its file."""
    import hashlib
    import marshal

    from briefing import caching
    from briefing.glossary.files import load

    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "names.toml").write_text(PLANTED.replace("planted", "jableh").replace("Gibla", "Jablé"),
                                       encoding="utf-8")
    assert load([folder]).entries.get("jableh").terms["fr"].preferred == "Jablé"
    entries = sorted((tmp_path / "cache").glob("glossary-file-*.cache"))
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        payload = marshal.dumps(
            [tuple(record[:4]) + (record[4].replace("Jablé".encode(), b"Gibla"[:5] + b"\x00"),)
             for record in marshal.loads(data[len(caching._MAGIC) + 65:])])
        forged = caching._MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        entry.write_bytes(forged)
        _made_foreign(entry, how)
    assert caching.load("glossary-file", entries[0].name[len("glossary-file-"):-len(".cache")]) is None
    assert load([folder]).entries.get("jableh").terms["fr"].preferred == "Jablé"


@pytest.mark.parametrize("how", ["other user", "writable by everyone"])
def test_another_users_package_in_the_packages_folder_translates_nothing(installed_models, tmp_path, how):
    from briefing.translation.models import installed_packages

    (package,) = [p for p in installed_models.iterdir() if p.is_dir() and "en_fr" in p.name]
    _made_foreign(package, how)
    assert all(p.to_code != "fr" for p in installed_packages(installed_models))
    source = tmp_path / "a.txt"
    source.write_text("Clashes in Jableh killed 12 people.\n", encoding="utf-8")
    refused = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory")
    assert refused.returncode == 1 and "no model installed for en→fr" in refused.stderr
    trusted = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                           env={"BRIEFING_TRUSTED": str(installed_models)})
    assert trusted.returncode == 0, trusted.stderr
