"""Every package layout users install translates cleanly, end to end through the CLI.

The look-alikes (tests/models/make_layouts.py) have the real layouts' folders, vocabulary
formats and tokenizers, and copy weights, so the assertions follow the text through."""

import functools
import http.server
import json
import os
import threading
import zipfile
from pathlib import Path

import pytest

from briefing.translation.engine import _chunks
from briefing.translation.tokenizers import BPETokenizer
from tests.conftest import ROOT, SEEDS, run_briefing
from tests.models.make_layouts import build_all

FRENCH_NOTE = "Les affrontements ont tué 745 personnes à Lattaquié.\n\nLes habitants de Jablé ont fui.\n"
ARABIC_NOTE = "قتل 745 شخصا في اشتباكات في اللاذقية.\n\nفر سكان جبلة.\n"


@pytest.fixture(scope="session")
def layouts(tmp_path_factory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("layouts"))


def install(archive: Path, packages: Path):
    return run_briefing("models", "install", str(archive), env={"ARGOS_PACKAGES_DIR": str(packages)})


def translate(tmp_path, packages, text_or_path, source, target) -> str:
    if isinstance(text_or_path, Path):
        path = text_or_path
    else:
        path = tmp_path / f"note.{source}.txt"
        path.write_text(text_or_path, encoding="utf-8")
    out = tmp_path / "out"
    result = run_briefing("translate", str(path), "--from", source, "--to", target, "--out", str(out),
                          "--no-memory", env={"ARGOS_PACKAGES_DIR": str(packages)})
    assert result.returncode == 0, result.stderr
    for written in out.iterdir():
        text = written.read_text(encoding="utf-8")
        assert "▁" not in text and "@@" not in text, written.name
    body = (out / f"{path.stem}.{target}.md").read_text(encoding="utf-8")
    return body.split("\n\n", 3)[3]  # the body, after title, details and the machine-translation note


@pytest.mark.parametrize(
    ("layout", "source", "target", "text", "expected"),
    [
        ("en_ar-1.0", "en", "ar", SEEDS[0], ["بشار الأسد", "اللاذقية", "745"]),
        ("ar_en-1.0", "ar", "en", ARABIC_NOTE, ["Latakia", "745", "Jableh"]),
        ("en_fr-1.9", "en", "fr", SEEDS[0], [" affrontements between ", " personnes ", "Lattaquié", "Bachar al-Assad"]),
        ("fr_en-1.9", "fr", "en", FRENCH_NOTE, ["Les clashes ont", " people ", "Latakia", "residents de Jableh"]),
        ("en_fr-bpe", "en", "fr", SEEDS[0], ["In one of the deadliest acts of violence in Syrie", "Bachar al-Assad",
                                             "745 civilians"]),
    ],
)
def test_each_layout_translates_cleanly(layouts, tmp_path, layout, source, target, text, expected):
    packages = tmp_path / "packages"
    result = install(layouts[layout], packages)
    assert result.returncode == 0, result.stderr
    body = translate(tmp_path, packages, text, source, target)
    for fragment in expected:
        assert fragment in body, (fragment, body[:400])


def test_french_to_arabic_through_english(layouts, tmp_path):
    packages = tmp_path / "packages"
    for layout in ("fr_en-1.9", "en_ar-1.0"):
        assert install(layouts[layout], packages).returncode == 0
    body = translate(tmp_path, packages, FRENCH_NOTE, "fr", "ar")
    assert "اللاذقية" in body and "745" in body and "clashes" in body


def test_real_underscores_survive_sentencepiece(layouts, tmp_path):
    packages = tmp_path / "packages"
    install(layouts["en_fr-1.9"], packages)
    body = translate(tmp_path, packages, "The file report_2025_final.txt was leaked.\n", "en", "fr")
    assert "report_2025_final.txt" in body


def test_models_list_shows_version_tokenizer_and_routes(layouts, tmp_path):
    packages = tmp_path / "packages"
    for layout in ("en_ar-1.0", "en_fr-1.9", "fr_en-1.9"):
        install(layouts[layout], packages)
    listing = run_briefing("models", "list", env={"ARGOS_PACKAGES_DIR": str(packages)}).stdout
    assert f"packages in {packages} (from ARGOS_PACKAGES_DIR)" in listing
    lines = {line.split()[0]: line for line in listing.splitlines() if line.startswith("  translate-") or
             line.startswith("  en_")}
    assert "1.0" in lines["en_ar"] and "sentencepiece (joint)" in lines["en_ar"]
    assert "1.9" in lines["translate-en_fr-1_9"] and "source side only" in lines["translate-en_fr-1_9"]
    assert "fr→ar (through English)" in listing


def test_bpe_inputs_are_cut_at_word_starts(layouts, tmp_path):
    with zipfile.ZipFile(layouts["en_fr-bpe"]) as zf:
        zf.extractall(tmp_path)
    tokenizer = BPETokenizer(next(tmp_path.glob("*/bpe.model")), "en", "fr")
    pieces = tokenizer.encode("Gunmen attacked Alawite villages near Latakia. " * 20)
    chunks = _chunks(pieces, 40, tokenizer.word_start)
    assert all(len(chunk) <= 40 for chunk in chunks) and sum(chunks, []) == pieces
    assert all(not chunk[-1].endswith("@@") for chunk in chunks[:-1])  # no word split across chunks


def broken(archive: Path, dest: Path, drop: str | None = None, replace: tuple[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(archive) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            if drop and item.filename.endswith(drop):
                continue
            data = replace[1] if replace and item.filename.endswith(replace[0]) else zin.read(item)
            zout.writestr(item.filename, data)
    return dest


@pytest.mark.parametrize(
    ("drop", "replace", "message"),
    [("sentencepiece.model", None, "not a translation package"),
     ("model/model.bin", None, "not a translation package"),
     (None, ("model/model.bin", b"\x06\x00\x00\x00garbage"), "CTranslate2 cannot open the model"),
     (None, ("sentencepiece.model", b"not a sentencepiece model"), "tokenizer cannot be loaded")],
)
def test_an_unusable_package_is_refused_at_install_and_leaves_nothing(layouts, tmp_path, drop, replace, message):
    packages = tmp_path / "packages"
    assert install(layouts["en_ar-1.0"], packages).returncode == 0
    before = sorted(p.relative_to(packages) for p in packages.rglob("*"))
    result = install(broken(layouts["en_fr-1.9"], tmp_path / "bad.argosmodel", drop, replace), packages)
    assert result.returncode == 1 and message in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert sorted(p.relative_to(packages) for p in packages.rglob("*")) == before


def test_the_packages_folder_of_argostranslates_settings_file(layouts, tmp_path):
    packages, config = tmp_path / "from-settings", tmp_path / "config"
    (config / "argos-translate").mkdir(parents=True)
    (config / "argos-translate" / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(packages)}))
    env = {k: v for k, v in os.environ.items() if k != "ARGOS_PACKAGES_DIR"} | {"XDG_CONFIG_HOME": str(config)}
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, env=env,
                              cwd=ROOT, timeout=300)

    assert run("models", "install", str(layouts["en_ar-1.0"])).returncode == 0
    assert (packages / "en_ar").is_dir()
    assert f"(from {config / 'argos-translate' / 'settings.json'})" in run("models", "list").stdout
    out = tmp_path / "out"
    result = run("translate", str(SEEDS[0]), "--to", "ar", "--out", str(out), "--no-memory", "-q")
    assert result.returncode == 0, result.stderr


def test_a_pivot_install_fetches_only_what_is_missing(layouts, tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    requested = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            requested.append(self.path)

    for layout in ("fr_en-1.9", "en_ar-1.0"):
        (root / layouts[layout].name).write_bytes(layouts[layout].read_bytes())
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [{"from_code": "fr", "to_code": "en", "package_version": "1.9", "argos_version": "1.0",
              "links": ["ipfs://Qm-not-served", base + layouts["fr_en-1.9"].name], "code": "translate-fr_en"},
             {"from_code": "en", "to_code": "ar", "package_version": "1.0", "argos_version": "1.0",
              "links": [base + layouts["en_ar-1.0"].name], "code": "translate-en_ar"}]
    (root / "index.json").write_text(json.dumps(index))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        packages = tmp_path / "packages"
        assert install(layouts["en_ar-1.0"], packages).returncode == 0
        result = run_briefing("models", "install", "fr", "ar", "-q",
                              env={"ARGOS_PACKAGES_DIR": str(packages), "ARGOS_PACKAGE_INDEX": base})
        assert result.returncode == 0, result.stderr
        downloads = [path for path in requested if path.endswith(".argosmodel")]
        assert downloads == ["/" + layouts["fr_en-1.9"].name]
        again = run_briefing("models", "install", "fr", "ar", "-q",
                             env={"ARGOS_PACKAGES_DIR": str(packages), "ARGOS_PACKAGE_INDEX": base})
        assert "already installed" in again.stdout
    finally:
        server.shutdown()
