"""Shared fixtures: the committed tiny test models, a private packages folder, the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "tests" / "models"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Nothing a test does may touch the real home folder or the user's models."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "BRIEFING_GLOSSARY", "BRIEFING_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")  # never the internet
    from briefing.pipeline.settings import from_environment

    from_environment()  # library calls see each test's environment, as a command would
    return home


@pytest.fixture
def installed_models(isolated_home) -> Path:
    """The en→ar and en→fr copy models installed into the test's packages folder."""
    from briefing.translation.models import install_file

    directory = Path(os.environ["ARGOS_PACKAGES_DIR"])
    for archive in sorted(MODELS.glob("*.argosmodel")):
        install_file(archive, directory)
    return directory


def run_briefing(*args: str, cwd: Path | None = None, env: dict | None = None,
                 fresh: bool = False) -> subprocess.CompletedProcess:
    """Run the real `briefing` command as a user would: its `main` with these arguments, exit
    code, stdout and stderr, in this process (half a second less than a fresh interpreter, 180
    times over), or in a fresh interpreter where the process is the point (`fresh`: signals,
    imports, a crash, a cluster's workers)."""
    if not fresh:
        return _run_in_process(list(args), cwd or ROOT, env or {})
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def _run_in_process(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    from click.testing import CliRunner

    from briefing.cli.main import main

    runner = CliRunner()
    code, before = 0, Path.cwd()
    with runner.isolation(env=env) as (out, err, _):
        os.chdir(cwd)
        try:
            main(args)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        finally:
            os.chdir(before)
        stdout, stderr = out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace")
    return subprocess.CompletedProcess(["briefing", *args], code, stdout, stderr)


def translate_in_a_fresh_home(tmp_path_factory, *args: str) -> Path:
    """Run `briefing translate ARGS --out OUT --no-memory` once for a whole test module, with the
    test models in a home of its own; the briefings' folder."""
    from briefing.translation.models import install_file

    home = tmp_path_factory.mktemp("home")
    packages = home / "packages"
    for archive in sorted(MODELS.glob("*.argosmodel")):
        install_file(archive, packages)
    out = home / "out"
    env = {"HOME": str(home), "ARGOS_PACKAGES_DIR": str(packages), "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/"}
    result = run_briefing("translate", *args, "--out", str(out), "--no-memory",
                          env={**{k: v for k, v in os.environ.items() if k != "BRIEFING_GLOSSARY"}, **env})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def analyses_counted(monkeypatch):
    """Counts, per text, the glossary scans in the source language and the strict figure readings
    (how sources are read), wherever they are called from."""
    from briefing.quality import figures
    from briefing.quality.matching import Matcher

    scans, readings = Counter(), Counter()
    scan, extract = Matcher.scan, figures.extract

    def counted_scan(self, text, nested_too=True):
        if self.lang == "en":
            scans[text] += 1
        return scan(self, text, nested_too)

    def counted_extract(text, lang, strict=False):
        if strict:
            readings[text] += 1
        return extract(text, lang, strict)

    monkeypatch.setattr(Matcher, "scan", counted_scan)
    monkeypatch.setattr(figures, "extract", counted_extract)
    return scans, readings


LIBREOFFICE = pytest.mark.skipif(not shutil.which("soffice") and not os.environ.get("CI"),
                                 reason="LibreOffice is not installed (.ci/system-packages installs it)")


def libreoffice(source: Path, out_dir: Path, to: str = "pdf") -> Path:
    """`source` converted by LibreOffice headless (its own profile in `out_dir`): what a desk's
    PDFs and re-saved Word files are made by."""
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{out_dir}/lo-profile", "--headless", "--convert-to", to,
         "--outdir", str(out_dir), str(source)], capture_output=True, text=True, timeout=180)
    assert converted.returncode == 0, converted.stderr
    return out_dir / f"{source.stem}.{to.split(':')[0]}"


def pdf_text(path: Path, *options: str) -> str:
    """pdftotext's reading of a PDF (poppler, as a reader's viewer would show it)."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *options, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _postgres_binaries() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else (Path(shutil.which("initdb")).parent if shutil.which("initdb") else None)


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server on 127.0.0.1 for the whole session (the Debian package's
    binaries; as the `postgres` user when the tests run as root, since the server refuses root).
    Yields a function that makes a fresh, empty database and gives its address."""
    import socket
    import tempfile

    binaries = _postgres_binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL's server binaries are missing (.ci/system-packages installs postgresql)")
        pytest.skip("PostgreSQL's server binaries are not installed (.ci/system-packages installs them)")
    folder = Path(tempfile.mkdtemp(prefix="briefing-pg-", dir="/tmp"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"
    subprocess.run([*as_user, str(binaries / "initdb"), "-D", str(data), "-U", "briefing", "--auth=trust",
                    "-E", "UTF8", "--locale=C"], check=True, capture_output=True)
    subprocess.run([*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                    f"-p {port} -h 127.0.0.1 -k {folder} -c max_connections=200 -c fsync=off", "start"],
                   check=True, capture_output=True)
    made = [0]

    def database() -> str:
        import psycopg

        made[0] += 1
        name = f"memory{made[0]}"
        with psycopg.connect(f"postgresql://briefing@127.0.0.1:{port}/postgres", autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return f"postgresql://briefing@127.0.0.1:{port}/{name}"

    try:
        yield database
    finally:
        subprocess.run([*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def translated_markdown(tmp_path: Path, text: str, **request) -> Path:
    """`text` as tmp_path/coast.md translated into French in-process (the repository's glossary,
    the copy models); the briefing's JSON. `request`: more of the TranslateRequest."""
    from briefing.pipeline import TranslateRequest, translate

    source = tmp_path / "coast.md"
    source.write_text(text, encoding="utf-8")
    translate(TranslateRequest([source], ["fr"], out_dir=tmp_path / "out", glossary_paths=[ROOT / "glossary"],
                               **request))
    return tmp_path / "out" / "coast.fr.json"


def one_entry_glossary(path: Path, french: str = "Jablé") -> Path:
    """A glossary file of one place, Jableh, with `french` as its French form."""
    path.write_text('[jableh]\nkind = "place"\n[jableh.en]\npreferred = "Jableh"\n'
                    f'[jableh.fr]\npreferred = "{french}"\n', encoding="utf-8")
    return path
