"""The library's seams, as a newcomer uses them: a run that returns data, an output format and
an engine added through their registries alone (no other file edited), settings as a value."""

import json
import threading
from pathlib import Path

import pytest

from briefing import settings
from briefing.languages import parse_language
from briefing.output import formats
from briefing.output.formats import OutputFormat
from briefing.pipeline import TranslateRequest, make_briefings, translate, write_run
from briefing.pipeline.settings import resolve
from briefing.translation import engines
from briefing.translation.translator import ModelRef, Translator
from tests.conftest import ROOT, SEEDS


def request(tmp_path, **options) -> TranslateRequest:
    return TranslateRequest(sources=[SEEDS[0]], targets=["fr"], out_dir=tmp_path / "out",
                            glossary_paths=[ROOT / "glossary"], use_memory=False, **options)


def test_a_run_is_data_until_it_is_written(installed_models, tmp_path):
    run = make_briefings(request(tmp_path, formats=["md", "html"]))
    assert not (tmp_path / "out").exists()  # nothing written
    (briefing,) = run.briefings
    assert run.report(briefing)["summary"]["terms"]["total"] > 0
    rendered = run.rendered(briefing)
    assert set(rendered) == {"md", "html"} and rendered["md"].startswith(b"# ")
    assert run.contents(briefing).lang == "fr"
    result = write_run(run)
    assert {p.name for p in result.written} >= {f"{SEEDS[0].stem}.fr.md", f"{SEEDS[0].stem}.fr.html"}
    assert (tmp_path / "out" / f"{SEEDS[0].stem}.fr.md").read_bytes() == rendered["md"]


def tally(rendering) -> str:
    """A toy format: one line per sentence, its source and target with a tab between."""
    return "".join(f"{s.source}\t{s.target}\n" for s in rendering.printed.briefing.segments)


class Reversing(Translator):
    """A toy engine: every sentence's words in reverse order, through a model of its own."""

    model = ModelRef("reverser", "1", "en", "fr")

    def routes(self, source, targets):
        return {target.language: [self.model] for target in targets}

    def translate(self, route, sentences, progress=None):
        assert list(route) == [self.model]
        return [" ".join(reversed(sentence.split())) for sentence in sentences]


@pytest.fixture
def toys():
    formats.register(OutputFormat("tally", tally, suffix="tsv", editable=True))
    engines.register("reversing", lambda context: Reversing())
    yield
    formats.unregister("tally")
    engines.unregister("reversing")


def test_a_format_and_an_engine_added_through_the_registries_run_end_to_end(toys, tmp_path):
    """No model installed: the toy engine owns its routes."""
    result = translate(request(tmp_path, formats=["tally", "json"], engine_name="reversing"))
    tally_file = tmp_path / "out" / f"{SEEDS[0].stem}.fr.tsv"
    assert tally_file in result.written
    lines = tally_file.read_text(encoding="utf-8").splitlines()
    source, target = lines[0].split("\t")
    assert target.split()[-1].strip(".") in source  # the source's first word, now last
    data = json.loads((tmp_path / "out" / f"{SEEDS[0].stem}.fr.json").read_text(encoding="utf-8"))
    assert data["model"]["route"] == [{"package": "reverser", "version": "1", "pair": ["en", "fr"]}]
    qa = json.loads((tmp_path / "out" / f"{SEEDS[0].stem}.fr.qa.json").read_text(encoding="utf-8"))
    assert f"{SEEDS[0].stem}.fr.tsv" in qa["written"]  # editable: a re-run will not silently replace it


def test_the_command_line_offers_a_registered_format(toys):
    from click.testing import CliRunner

    from briefing.cli.main import cli

    shown = CliRunner().invoke(cli, ["translate", "--help"])
    assert "tally" in shown.output


def test_an_unknown_engine_or_format_is_one_line(tmp_path):
    from briefing.errors import UsageError

    with pytest.raises(UsageError, match="unknown engine 'nope'"):
        translate(request(tmp_path, engine_name="nope"))
    with pytest.raises(UsageError, match="unknown output format 'nope'"):
        formats.output_format("nope")


def test_settings_are_a_value_resolved_once(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFING_MAX_SOURCE_MB", "7")
    resolved = resolve(working_folder=tmp_path)
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "elsewhere"))  # changed later: the value holds
    assert resolved.cache_dir == tmp_path / "cache"
    assert resolved.glossary_paths == (tmp_path / "glossary",)  # the working folder it was resolved in
    assert resolved.number("BRIEFING_MAX_SOURCE_MB", 50) == 7
    assert resolved.number("BRIEFING_MISSING", 3) == 3
    with settings.in_force(resolved):
        from briefing import caching

        assert caching.cache_dir() == tmp_path / "cache"
    assert settings.current().cache_dir == tmp_path / "elsewhere"  # outside the block: the tests' provider


def test_two_threads_asking_for_one_model_load_it_once(installed_models, monkeypatch):
    from briefing.translation import engine as engine_module
    from briefing.translation.engine import Engine

    loads = []
    original = engine_module.PackageTranslator.__init__

    def counted(self, package, options):
        loads.append(package.name)
        original(self, package, options)

    monkeypatch.setattr(engine_module.PackageTranslator, "__init__", counted)
    engine = Engine()
    (model,) = engine.routes("en", [parse_language("fr")])["fr"]
    start = threading.Barrier(4)
    results = []

    def ask():
        start.wait()
        results.append(engine.translate([model], ["The roads were closed."]))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert loads == [model.name] and len(results) == 4 and len({tuple(r) for r in results}) == 1


def test_settings_file_paths_are_not_read_from_the_working_folder_below_the_pipeline():
    """The default glossary of a library call follows the settings in force, not os.getcwd()."""
    elsewhere = settings.Settings(home=Path("/nonexistent-home"), working_folder=Path("/srv/desk"))
    with settings.in_force(elsewhere):
        from briefing.glossary.files import glossary_files

        with pytest.raises(Exception, match="/srv/desk/glossary"):
            glossary_files()
