import functools
import http.server
import json
import threading
import zipfile
from pathlib import Path

import pytest

from briefing.errors import BriefingError, UsageError
from briefing.translation.downloading import install_pair
from briefing.translation.models import (
    ModelMissing,
    all_routes,
    find_route,
    install_file,
    installed_packages,
    remove,
)
from tests.conftest import MODELS, run_briefing

EN_FR = MODELS / "translate-en_fr-copy.argosmodel"
EN_AR = MODELS / "translate-en_ar-copy.argosmodel"


def repackaged(source: Path, dest: Path, **metadata) -> Path:
    """A copy of a test package with other metadata (e.g. another language pair)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(dest, "w") as zout:
        root = Path(zin.namelist()[0]).parts[0]
        new_root = f"translate-{metadata['from_code']}_{metadata['to_code']}-copy"
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), **metadata}).encode()
            zout.writestr(item.filename.replace(root, new_root, 1), data)
    return dest


def test_install_list_and_remove(tmp_path):
    package = install_file(EN_FR, tmp_path)
    assert (package.from_code, package.to_code, package.version) == ("en", "fr", "0.1")
    assert [p.name for p in installed_packages(tmp_path)] == ["translate-en_fr-copy"]
    remove(installed_packages(tmp_path), "en:fr")
    assert installed_packages(tmp_path) == []
    with pytest.raises(UsageError):
        remove([], "en:fr")


def test_a_broken_archive_installs_nothing(tmp_path):
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    with pytest.raises(BriefingError, match="not an Argos package"):
        install_file(bad, tmp_path / "pk")
    no_model = tmp_path / "nomodel.argosmodel"
    with zipfile.ZipFile(no_model, "w") as zf:
        zf.writestr("pkg/metadata.json", "{}")
    with pytest.raises(BriefingError, match="not a translation package"):
        install_file(no_model, tmp_path / "pk")
    assert list((tmp_path / "pk").iterdir()) == []


def test_pivot_through_english(tmp_path):
    install_file(repackaged(EN_FR, tmp_path / "fr_en.argosmodel", from_code="fr", to_code="en"), tmp_path / "pk")
    install_file(EN_AR, tmp_path / "pk")
    packages = installed_packages(tmp_path / "pk")
    assert [p.pair for p in find_route(packages, "fr", "ar")] == ["fr→en", "en→ar"]
    assert ("fr", "ar") in all_routes(packages)
    with pytest.raises(ModelMissing, match="en→fr"):
        find_route(packages, "en", "fr")


@pytest.fixture
def index_server(tmp_path):
    """A package index and its package served on 127.0.0.1 by a server the test starts."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "en_fr.argosmodel").write_bytes(EN_FR.read_bytes())
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        {"type": "translate", "from_code": "en", "to_code": "fr", "package_version": "0.1",
         "links": [base + "missing.argosmodel", base + "en_fr.argosmodel"]},
    ]
    (root / "index.json").write_text(json.dumps(index))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_install_from_the_index_with_progress(index_server, tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    seen = []
    installed = install_pair("en", "fr", lambda label, done, total: seen.append((done, total)), tmp_path)
    assert [p.pair for p in installed] == ["en→fr"]
    assert seen[-1] == (EN_FR.stat().st_size, EN_FR.stat().st_size)
    with pytest.raises(BriefingError, match="has no en→ar package"):
        install_pair("en", "ar", lambda *a: None, tmp_path)


def test_cli_install_from_index_then_list(index_server):
    result = run_briefing("models", "install", "en", "fr", env={"ARGOS_PACKAGE_INDEX": index_server})
    assert result.returncode == 0, result.stderr
    listing = run_briefing("models", "list")
    assert "translate-en_fr-copy" in listing.stdout and "en→fr" in listing.stdout


def test_cli_offline_install_says_how_to_install_from_a_file():
    result = run_briefing("models", "install", "en", "fr")  # the fixture's index port 9 refuses
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "briefing models install FILE.argosmodel" in result.stderr
