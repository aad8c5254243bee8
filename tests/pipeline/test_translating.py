"""`briefing.pipeline.translate` is the product without its command line: a test, a benchmark
or a worker runs a whole translation in-process, with the real engine and the tiny models."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import Cancelled
from briefing.output.options import RenderOptions
from briefing.pipeline import Callbacks, TranslateRequest, translate
from briefing.translation.models import ModelMissing
from briefing.translation.translator import Translator
from tests.conftest import ROOT, SEEDS, SHARED, run_briefing


def request(tmp_path, sources, **options) -> TranslateRequest:
    return TranslateRequest(sources=sources, targets=["ar", "fr"], out_dir=tmp_path / "out",
                            glossary_paths=[ROOT / "glossary"], use_memory=False, **options)


def test_a_translation_runs_in_process_and_writes_every_briefing(installed_models, tmp_path):
    notices, phases = [], []

    def progress(label, total):
        phases.append((label, total))
        return Callbacks().progress(label, total)

    result = translate(request(tmp_path, SEEDS, formats=["md", "json", "html"], render=RenderOptions(paper="letter")),
                       Callbacks(progress=progress, notice=notices.append))
    assert result.sources == 2 and result.targets == 2 and not result.failures and not notices
    assert sorted(p.name for p in result.written) == sorted([
        *(f"{seed.stem}.{lang}.{suffix}" for seed in SEEDS for lang in ("ar", "fr") for suffix in
          ("md", "json", "html", "qa.json")), "qa.csv", "qa.html"])
    assert [label for label, _ in phases] == ["Reading", "Translating", "Writing"]
    assert phases[1][1] == 2 * result.sentences  # every distinct sentence, once per target language
    assert phases[2][1] == 4  # the QA and rendering of each briefing, reported after the model
    report = json.loads((tmp_path / "out" / f"{SEEDS[0].stem}.fr.qa.json").read_text(encoding="utf-8"))
    assert report["enforcement"]["strategy"] == "inline" and report["summary"]["terms"]["total"] > 0
    assert "size: letter" in (tmp_path / "out" / f"{SEEDS[0].stem}.ar.html").read_text(encoding="utf-8")


def test_an_unreadable_source_is_a_notice_and_a_failure_while_the_others_are_written(installed_models, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    notices = []
    result = translate(request(tmp_path, [empty, SEEDS[0]]), Callbacks(notice=notices.append))
    assert [n.level for n in notices] == ["error"] and "empty.txt" in notices[0].text
    assert result.failures == [notices[0].text] and result.sources == 1 and len(result.written) == 2 * 3 + 2


def test_a_cancelled_run_writes_nothing(installed_models, tmp_path):
    with pytest.raises(Cancelled):
        translate(request(tmp_path, SEEDS), Callbacks(cancelled=lambda: True))
    assert not (tmp_path / "out").exists()


def test_a_missing_model_fails_before_any_source_is_read(tmp_path):
    phases = []
    with pytest.raises(ModelMissing, match="no model installed for en→ar"):
        translate(request(tmp_path, SEEDS), Callbacks(progress=lambda label, total: phases.append(label)))
    assert not phases and not (tmp_path / "out").exists()


def test_the_pipeline_needs_no_command_line(installed_models, tmp_path):
    """A worker process imports the pipeline alone: click never loads."""
    script = ("import sys; from pathlib import Path; from briefing.pipeline import TranslateRequest, translate\n"
              f"result = translate(TranslateRequest([Path({str(SEEDS[0])!r})], ['fr'], out_dir=Path({str(tmp_path)!r}),"
              f" use_memory=False, glossary_paths=[Path({str(ROOT / 'glossary')!r})]))\n"
              "assert 'click' not in sys.modules, 'click imported'\n"
              "print(len(result.written))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"  # md, json, qa.json, and the run's qa.html and qa.csv


def test_the_model_starts_loading_before_the_stages_import(installed_models, tmp_path):
    """The weights load while the checks and renderers import (0.1 s of a 2 s run)."""
    script = ("import sys; from pathlib import Path\n"
              "from briefing.translation.engine import Engine\n"
              "loading = Engine.preload\n"
              "def preload(self, packages):\n"
              "    print(sorted(m for m in ('briefing.quality.checking', 'briefing.output.contents',"
              " 'briefing.sources.reading') if m in sys.modules))\n"
              "    loading(self, packages)\n"
              "Engine.preload = preload\n"
              "from briefing.cli.main import main\n"
              f"main(['translate', {str(SEEDS[0])!r}, '--to', 'fr', '-q', '--no-memory',"
              f" '--out', {str(tmp_path)!r}])\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert (tmp_path / f"{SEEDS[0].stem}.fr.md").is_file()


class Unsure(Translator):
    """Copies its input, less sure of longer sentences: a score per token as CTranslate2 gives it."""

    def translate_scored(self, route, sentences, progress=None):
        return [(text, -len(text) / 100) for text in sentences]

    def model_id(self, route):
        return "unsure"


def test_the_model_s_confidence_is_kept_and_its_least_sure_sentences_listed(installed_models, tmp_path):
    source = tmp_path / "s.txt"
    source.write_text("Calm returned.\n\nClashes broke out in Jableh and Baniyas on Friday night.\n\nShops closed.\n",
                      encoding="utf-8")
    translate(TranslateRequest([source], ["fr"], out_dir=tmp_path / "out", use_memory=False,
                               glossary_paths=[ROOT / "glossary"]), engine=Unsure())
    briefing = json.loads((tmp_path / "out" / "s.fr.json").read_text(encoding="utf-8"))
    report = json.loads((tmp_path / "out" / "s.fr.qa.json").read_text(encoding="utf-8"))
    confidences = [segment["confidence"] for segment in briefing["segments"]]
    assert all(0 < c < 1 for c in confidences) and confidences == [s["confidence"] for s in report["segments"]]
    assert [item["index"] for item in report["least_confident"]] == [1, 0, 2]  # the longest sentence first


def test_the_real_engine_gives_a_confidence_for_every_sentence(installed_models, tmp_path):
    result = translate(TranslateRequest([SEEDS[0]], ["fr"], out_dir=tmp_path / "out", use_memory=False,
                                        glossary_paths=[ROOT / "glossary"]))
    (briefing,) = result.briefings
    assert all(s.confidence is not None and 0 < s.confidence <= 1 for s in briefing.segments)


def test_a_stop_asked_while_writing_writes_nothing(installed_models, tmp_path):
    import contextlib

    from briefing.errors import Cancelled

    phases = []

    @contextlib.contextmanager
    def progress(label, total):
        phases.append(label)
        yield lambda n=1: None

    stopping = Callbacks(progress=progress, cancelled=lambda: phases[-1:] == ["Writing"])
    with pytest.raises(Cancelled):
        translate(request(tmp_path, SEEDS), stopping)
    assert phases == ["Reading", "Translating", "Writing"]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


FLORES = SHARED / "eval" / "flores200-dev"
WRITTEN = {  # when ../shared is absent: a few sentences of each, written here
    "eng_Latn": ["Residents said the convoy reached the town after the clashes on Friday.",
                 "The monitor reported that the roads to the coast were closed for two days.",
                 "Officials promised that water and electricity would return within a week."],
    "fra_Latn": ["Les habitants ont déclaré que le convoi avait atteint la ville après les affrontements.",
                 "L'observatoire a indiqué que les routes vers la côte étaient fermées depuis deux jours.",
                 "Les responsables ont promis le retour de l'eau et de l'électricité dans la semaine."],
    "arb_Arab": ["قال السكان إن القافلة وصلت إلى المدينة بعد الاشتباكات يوم الجمعة.",
                 "وأفاد المرصد بأن الطرق المؤدية إلى الساحل أغلقت منذ يومين.",
                 "ووعد المسؤولون بعودة المياه والكهرباء خلال أسبوع."],
}


def sentences_of(code: str) -> list[str]:
    path = FLORES / f"{code}.dev"
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else WRITTEN[code]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 10_000), count=st.integers(2, 5))
def test_a_source_in_another_language_than_from_is_refused_naming_the_right_from(installed_models, tmp_path_factory,
                                                                                 seed, count):
    import random

    rng = random.Random(seed)
    folder = tmp_path_factory.mktemp("mixed")
    for code in ("eng_Latn", "fra_Latn", "arb_Arab"):
        lines = sentences_of(code)
        start = rng.randrange(max(1, len(lines) - count))
        (folder / f"{code}.txt").write_text("\n\n".join(lines[start:start + count]) + "\n", encoding="utf-8")
    result = run_briefing("translate", str(folder), "--to", "fr", "--out", str(folder / "out"), "--no-memory", "-q")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "fra_Latn.txt: reads as French" in result.stderr and "--from fr" in result.stderr
    assert "arb_Arab.txt: reads as Arabic" in result.stderr and "--from ar" in result.stderr
    assert sorted(p.name for p in (folder / "out").glob("*.md")) == ["eng_Latn.fr.md"]
