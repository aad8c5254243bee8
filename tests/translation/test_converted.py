"""Models beyond the Argos index: tiny real NLLB-like and OPUS-MT-like models (built by
tests/models/make_converted.py as CTranslate2's converter lays them out) installed from a folder
or a zip, translating the seeds end to end with each family's conventions and the glossary
enforced; the desk's choice where several models give a pair; broken folders refused whole."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.errors import BriefingError
from briefing.translation import converted
from tests.cli.test_cli import assert_one_line_error
from tests.conftest import SEEDS, run_briefing

NLLB, M2M, MARIAN, MARIAN_MUL = "nllb-200-test", "m2m100-test", "opus-mt-en-fr", "opus-mt-en-mul"


@pytest.fixture(scope="session")
def folders(tmp_path_factory) -> dict[str, Path]:
    """The three families' folders, built once per test process."""
    from tests.models.make_converted import build

    built = build(tmp_path_factory.mktemp("converted"))
    return {folder.name: folder for folder in built.values()}


def models_folder(home: Path) -> Path:
    return home / ".local" / "share" / "briefing" / "models"


def install(*paths: Path) -> None:
    for path in paths:
        result = run_briefing("models", "install", str(path))
        assert result.returncode == 0, result.stderr


def zipped(folder: Path, into: Path) -> Path:
    archive = into / f"{folder.name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, f"{folder.name}/{path.name}")
    return archive


def briefing_json(out: Path, name: str) -> dict:
    return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("packed", [False, True], ids=["folder", "zip"])
def test_each_family_installs_from_its_folder_or_a_zip_with_a_manifest(folders, isolated_home, tmp_path, packed):
    for name in (NLLB, M2M, MARIAN, MARIAN_MUL):
        install(zipped(folders[name], tmp_path) if packed else folders[name])
    installed = {model.name: model for model in converted.installed_converted()}
    assert set(installed) == {NLLB, M2M, MARIAN, MARIAN_MUL}
    assert (installed[M2M].family, dict(installed[M2M].tokens)) == (
        "m2m100", {"ar": "__ar__", "de": "__de__", "en": "__en__", "fr": "__fr__"})
    nllb = installed[NLLB]
    assert (nllb.family, dict(nllb.tokens)["ar"], dict(nllb.tokens)["fr"]) == ("nllb", "arb_Arab", "fra_Latn")
    assert {"en", "ar", "fr"} <= set(nllb.sources) == set(nllb.targets)
    assert (installed[MARIAN].sources, installed[MARIAN].targets, installed[MARIAN].multilingual) == (
        ("en",), ("fr",), False)
    assert dict(installed[MARIAN_MUL].tokens) == {"ar": ">>ara<<", "de": ">>deu<<", "fr": ">>fra<<"}
    manifest = json.loads((models_folder(isolated_home) / NLLB / converted.MANIFEST).read_text())
    weights = (folders[NLLB] / "model.bin").read_bytes()
    assert manifest["sha256"] == hashlib.sha256(weights).hexdigest() and manifest["version"] == nllb.version
    listing = run_briefing("models", "list").stdout
    assert f"{NLLB}" in listing and "nllb" in listing and "en→ar" in listing
    assert f"ar→fr: {M2M}; also {NLLB}" in listing  # direct, not through English; two multilingual ones by name
    assert not [p for p in models_folder(isolated_home).iterdir() if p.name.startswith(".")]


def test_one_nllb_model_gives_arabic_and_french_briefings_with_the_glossary_enforced(folders, tmp_path):
    install(folders[NLLB])
    out = tmp_path / "out"
    result = run_briefing("translate", *map(str, SEEDS), "--to", "ar", "--to", "fr", "--out", str(out))
    assert result.returncode == 0, result.stderr
    for lang in ("ar", "fr"):
        data = briefing_json(out, f"{SEEDS[1].stem}.{lang}")
        assert [step["package"] for step in data["model"]["route"]] == [NLLB]
        latakia = next(s for s in data["segments"] if "Latakia" in s["source"])
        form = {"fr": "Lattaquié", "ar": "اللاذقية"}[lang]
        assert form in latakia["model_input"] and form in latakia["target"]
        assert not any(token in s["target"] for s in data["segments"] for token in ("eng_Latn", "arb_Arab", "</s>"))
        qa = json.loads((out / f"{SEEDS[1].stem}.{lang}.qa.json").read_text(encoding="utf-8"))
        assert qa["summary"]["terms"]["missing"] == 0  # and every figure in digits came through:
        assert all(n["target_text"] for s in qa["segments"] for n in s["numbers"] if n["source_text"][0].isdigit())
    first = briefing_json(out, f"{SEEDS[0].stem}.fr")["segments"][0]
    assert first["target"].split()[:3] == first["source"].split()[:3]  # the copy model follows its input


def test_locales_use_their_languages_token(folders, tmp_path):
    """ar_SY and fr_CA briefings come from arb_Arab and fra_Latn: the region is the renderers'."""
    install(folders[NLLB])
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEEDS[0]), "--to", "ar_SY", "--to", "fr_CA", "--out", str(out),
                          "--no-memory")
    assert result.returncode == 0, result.stderr
    for locale, language in (("ar_SY", "ar"), ("fr_CA", "fr")):
        route = briefing_json(out, f"{SEEDS[0].stem}.{locale}")["model"]["route"]
        assert [(step["package"], step["pair"]) for step in route] == [(NLLB, ["en", language])]


def test_arabic_to_french_goes_direct_through_one_multilingual_model(folders, installed_models, tmp_path):
    install(folders[NLLB])
    source = tmp_path / "jableh.txt"
    source.write_text("قال مسؤولون إن 12 شخصا نزحوا من جبلة يوم الاثنين بعد الاشتباكات.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_briefing("translate", str(source), "--from", "ar", "--to", "fr", "--out", str(out), "--no-memory")
    assert result.returncode == 0, result.stderr
    data = briefing_json(out, "jableh.fr")
    assert [(s["package"], s["pair"]) for s in data["model"]["route"]] == [(NLLB, ["ar", "fr"])]
    assert "12" in data["segments"][0]["target"] and "جبلة" in source.read_text(encoding="utf-8")


@pytest.mark.parametrize(("model", "lang"), [(MARIAN, "fr"), (MARIAN_MUL, "ar"), (MARIAN_MUL, "fr"), (M2M, "ar")])
def test_a_marian_pair_a_multilingual_marian_model_and_m2m_100_translate_the_seeds(folders, tmp_path, model, lang):
    install(folders[model])
    out = tmp_path / "out"
    result = run_briefing("translate", *map(str, SEEDS), "--to", lang, "--out", str(out), "--no-memory")
    assert result.returncode == 0, result.stderr
    data = briefing_json(out, f"{SEEDS[0].stem}.{lang}")
    assert [step["package"] for step in data["model"]["route"]] == [model]
    assert not any(">>" in s["target"] or "__" in s["target"] for s in data["segments"])  # tokens are no text
    assert data["segments"][0]["target"].split()[:3] == data["segments"][0]["source"].split()[:3]


def test_the_desk_chooses_the_model_per_pair_and_a_switch_translates_again(folders, installed_models, tmp_path):
    """The Argos package made for the pair by default; --model, or [models] in briefing.toml,
    for another; the memory keys on the model, so that a switch is no memory hit."""
    install(folders[NLLB], folders[MARIAN_MUL])
    out, memory = tmp_path / "out", tmp_path / "memory.sqlite"

    def run(*options: str, cwd: Path = tmp_path) -> dict:
        result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--to", "ar", "--out", str(out),
                              "--memory", str(memory), *options, cwd=cwd)
        assert result.returncode == 0, result.stderr
        return {lang: briefing_json(out, f"{SEEDS[0].stem}.{lang}") for lang in ("fr", "ar")}

    def used(runs: dict) -> dict[str, str]:
        return {lang: data["model"]["route"][0]["package"] for lang, data in runs.items()}

    def fresh(data: dict) -> bool:  # translated by the model now, not taken from the memory
        return all("confidence" in segment for segment in data["segments"])

    first = run()
    assert used(first) == {"fr": "translate-en_fr-copy", "ar": "translate-en_ar-copy"}
    switched = run("--model", NLLB)
    assert used(switched) == {"fr": NLLB, "ar": NLLB} and fresh(switched["fr"]) and fresh(switched["ar"])
    assert not fresh(run("--model", NLLB)["fr"])  # the same model again: from the memory
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "briefing.toml").write_text(f'[models]\n"en:ar" = "{MARIAN_MUL}"\n"en:fr" = "{NLLB}"\n', encoding="utf-8")
    assert used(run(cwd=desk)) == {"fr": NLLB, "ar": MARIAN_MUL}
    assert used(run("--model", "en:fr=translate-en_fr-copy", cwd=desk)) == {"fr": "translate-en_fr-copy",
                                                                             "ar": MARIAN_MUL}
    listing = run_briefing("models", "list", cwd=desk).stdout
    assert f"en→ar: {MARIAN_MUL}; also translate-en_ar-copy, {NLLB}" in listing


@pytest.mark.parametrize("model", ["nowhere", MARIAN])
def test_a_model_that_gives_no_pair_of_the_run_is_one_line(folders, installed_models, tmp_path, model):
    install(folders[MARIAN])
    result = run_briefing("translate", str(SEEDS[0]), "--to", "ar", "--out", str(tmp_path / "out"), "--no-memory",
                          "--model", model)
    assert_one_line_error(result, 2)
    assert model in result.stderr and not (tmp_path / "out").exists()


def _without_tokenizer(folder: Path) -> None:
    (folder / "sentencepiece.bpe.model").unlink()


def _without_language_tokens(folder: Path) -> None:
    vocabulary = folder / "shared_vocabulary.json"
    tokens = json.loads(vocabulary.read_text(encoding="utf-8"))
    vocabulary.write_text(json.dumps([t for t in tokens if "_" not in t or t.startswith("▁")]), encoding="utf-8")


def _weights_that_do_not_load(folder: Path) -> None:
    weights = folder / "model.bin"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])


def _marian_without_a_name(folder: Path) -> Path:
    return folder.rename(folder.with_name("my-model"))


@pytest.mark.parametrize("breakage", [_without_tokenizer, _without_language_tokens, _weights_that_do_not_load,
                                      _marian_without_a_name])
@pytest.mark.parametrize("packed", [False, True], ids=["folder", "zip"])
def test_a_broken_model_is_refused_in_one_line_with_nothing_left(folders, isolated_home, tmp_path, breakage, packed):
    name = MARIAN if breakage is _marian_without_a_name else NLLB
    folder = Path(shutil.copytree(folders[name], tmp_path / "src" / name))
    folder = breakage(folder) or folder
    result = run_briefing("models", "install", str(zipped(folder, tmp_path) if packed else folder))
    assert_one_line_error(result, 1)
    assert "not installed" in result.stderr
    assert not list(models_folder(isolated_home).iterdir())
    assert converted.installed_converted() == []


@given(order=st.permutations(["arb_Latn", "ary_Arab", "arb_Arab", "ars_Arab", "fra_Latn", "eng_Latn", "acm_Arab"]))
def test_the_standard_language_of_each_code_is_chosen_whatever_the_vocabulary_order(order):
    """Modern Standard Arabic in Arabic script for ar (not its Latin transliteration nor a
    dialect), French for fr: by CLDR's aliases and likely scripts, not by position."""
    found = [(token[:3], token[4:], token) for token in order]
    chosen = converted._tokens_by_language(found)
    assert (chosen["ar"], chosen["fr"], chosen["en"]) == ("arb_Arab", "fra_Latn", "eng_Latn")


@pytest.mark.parametrize(("name", "languages"), [
    ("opus-mt-en-fr", (("en",), ("fr",))), ("Helsinki-NLP--opus-mt-tc-big-en-fr-ct2-int8", (("en",), ("fr",))),
    ("opus-mt-fra-eng", (("fr",), ("en",))), ("opus-mt-en-ROMANCE", None), ("my-model", None)])
def test_a_bilingual_opus_mt_models_languages_come_from_its_name(folders, tmp_path, name, languages):
    """As Helsinki-NLP, the Hub's cache and a converter's output name it; a group (ROMANCE)
    without >>xxx<< tokens, or another name, says no language: refused."""
    folder = Path(shutil.copytree(folders[MARIAN], tmp_path / name))
    if languages is None:
        with pytest.raises(BriefingError):
            converted.recognise(folder, name)
        return
    model = converted.recognise(folder, name)
    assert (model.sources, model.targets, model.family) == (*languages, "marian")


def test_a_models_language_codes_become_the_products():
    """ISO 639-3 and 639-2 codes become the two-letter codes of the glossary and --to; a
    language CLDR gives none (North Levantine Arabic) keeps its own."""
    assert [converted.language_code(code) for code in ("arb", "ara", "fra", "fre", "eng", "deu", "apc")] == [
        "ar", "ar", "fr", "fr", "en", "de", "apc"]


def test_a_server_serves_ar_to_fr_direct_and_the_model_the_desk_chose(folders, installed_models):
    """The service behind `briefing serve` gives the pairs of every installed model, with the
    desk's choice (here: NLLB for en→fr over the Argos package made for it)."""
    from briefing.pipeline.service import Service, ServiceOptions
    from briefing.pipeline.settings import resolve
    from briefing.translation.engine import EngineOptions
    from briefing.translation.models import ModelChoice

    install(folders[NLLB])
    options = ServiceOptions(EngineOptions(models=ModelChoice.of([f"en:fr={NLLB}"])), use_memory=False)
    service = Service(resolve(), options).start()
    try:
        routes = {(source, target): [ref.name for ref in route]
                  for source, pairs in service.pairs().items() for target, route in pairs}
        assert routes["ar", "fr"] == [NLLB] and routes["en", "fr"] == [NLLB]
        assert routes["en", "ar"] == ["translate-en_ar-copy"]
        (result,) = service.translate(["Clashes near Jableh killed 12 people."], "en", "fr").result(timeout=60)
        assert "12" in result.translated and "Jablé" in result.translated
        assert service.translate(["قتل 12 شخصا."], "ar", "fr").result(timeout=60)[0].translated == "قتل 12 شخصا."
    finally:
        service.stop()
    install(folders[MARIAN])
    named = Service(resolve(), ServiceOptions(EngineOptions(models=ModelChoice.of([MARIAN])), use_memory=False)).start()
    try:  # --model NAME on a server: wherever NAME gives the pair asked, the others served as before
        assert named.translate(["Jableh."], "en", "ar").result(timeout=60)[0].translated == "جبلة."
        assert {target: [ref.name for ref in route] for target, route in named.pairs()["en"]} == {
            "ar": ["translate-en_ar-copy"], "fr": [MARIAN]}
    finally:
        named.stop()


def test_a_converted_model_is_removed_by_name_and_a_bilingual_one_by_its_pair(folders, isolated_home):
    install(folders[NLLB], folders[MARIAN])
    by_pair = run_briefing("models", "remove", "en:fr")
    assert by_pair.returncode == 0 and "removed opus-mt-en-fr (en→fr)" in by_pair.stdout
    assert [m.name for m in converted.installed_converted()] == [NLLB]  # a multilingual model: by name only
    by_name = run_briefing("models", "remove", NLLB)
    assert by_name.returncode == 0 and f"removed {NLLB} (5 languages)" in by_name.stdout
    assert not list(models_folder(isolated_home).iterdir())


@pytest.mark.parametrize("how", ["other user", "writable by everyone"])
def test_another_users_converted_model_translates_nothing_unless_its_folder_is_trusted(folders, isolated_home,
                                                                                        tmp_path, how):
    """As for Argos packages: a model decides what every briefing says."""
    from tests.hostile.test_hostile import _made_foreign

    install(folders[NLLB])
    _made_foreign(models_folder(isolated_home) / NLLB, how)
    assert converted.installed_converted() == []
    source = tmp_path / "a.txt"
    source.write_text("Clashes in Jableh killed 12 people.\n", encoding="utf-8")
    refused = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory")
    assert refused.returncode == 1 and "no model installed for en→fr" in refused.stderr
    trusted = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                           env={"BRIEFING_TRUSTED": str(models_folder(isolated_home))})
    assert trusted.returncode == 0, trusted.stderr


def test_a_vocabulary_whose_tokens_name_one_language_only_is_refused(folders, isolated_home, tmp_path):
    """arb_Arab and arb_Latn are both Arabic: a model of one language translates nothing."""
    folder = Path(shutil.copytree(folders[NLLB], tmp_path / NLLB))
    vocabulary = folder / "shared_vocabulary.json"
    tokens = json.loads(vocabulary.read_text(encoding="utf-8"))
    vocabulary.write_text(json.dumps([t for t in tokens if not t.endswith(("_Latn", "ary_Arab")) or t == "arb_Latn"]),
                          encoding="utf-8")
    result = run_briefing("models", "install", str(folder))
    assert_one_line_error(result, 1)
    assert "gives no language pair" in result.stderr and not list(models_folder(isolated_home).iterdir())
