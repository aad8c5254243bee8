"""The real engine (SentencePiece + CTranslate2) on the committed copy models."""

from briefing.translation.engine import Engine, EngineOptions
from briefing.translation.models import install_file, installed_packages
from tests.conftest import MODELS
from tests.translation.test_models import repackaged

SENTENCES = [
    "More than 1,000 people were killed in Baniyas and Jableh.",
    "Rami Abdurrahman said 745 civilians died.",
    "Hmeimim.",
    "Les Alaouites de Lattaquié, l'OSDH et هيئة تحرير الشام.",
]


def test_copy_model_carries_names_and_numbers_through_the_real_engine(tmp_path):
    (package,) = [install_file(MODELS / "translate-en_fr-copy.argosmodel", tmp_path)]
    done = []
    out = Engine(EngineOptions(beam_size=2)).translate([package], SENTENCES, progress=done.append)
    assert out == SENTENCES
    assert sum(done) == len(SENTENCES)


def test_pivot_runs_both_packages(tmp_path):
    install_file(repackaged(MODELS / "translate-en_fr-copy.argosmodel", tmp_path / "x.argosmodel",
                            from_code="fr", to_code="en"), tmp_path / "pk")
    install_file(MODELS / "translate-en_ar-copy.argosmodel", tmp_path / "pk")
    packages = installed_packages(tmp_path / "pk")
    engine = Engine()
    assert engine.translate(packages[::-1], SENTENCES[:2]) == SENTENCES[:2]
    assert len(engine._loaded) == 2


def test_empty_input_loads_nothing(tmp_path):
    package = install_file(MODELS / "translate-en_ar-copy.argosmodel", tmp_path)
    engine = Engine()
    assert engine.translate([package], []) == []
    assert engine._loaded == {} and engine._loading == {}  # no model was read for nothing


def test_over_long_input_is_cut_at_word_starts_not_truncated(tmp_path):
    package = install_file(MODELS / "translate-en_fr-copy.argosmodel", tmp_path)
    sentence = " ".join(f"Baniyas{i}" for i in range(700))  # far beyond the model's 512 positions
    done = []
    (out,) = Engine().translate([package], [sentence], progress=done.append)
    assert out == sentence
    assert sum(done) == 1  # progress counts sentences, not the pieces they were cut into


def test_progress_counts_every_sentence_of_every_step_once(tmp_path):
    """The bar reaches its total exactly: pivot steps, memory hits and repeated sentences included."""
    from briefing.glossary.files import load
    from briefing.languages import parse_language
    from briefing.sources.reading import parse_text
    from briefing.translation.job import prepare, progress_total, translate_job
    from briefing.translation.memory import Memory
    from briefing.translation.models import find_route, install_file, installed_packages
    from tests.conftest import MODELS, ROOT

    packages = tmp_path / "packages"
    install_file(repackaged(MODELS / "translate-en_fr-copy.argosmodel", tmp_path / "fr_en.argosmodel",
                            from_code="fr", to_code="en"), packages)
    install_file(MODELS / "translate-en_ar-copy.argosmodel", packages)
    routes = {"ar": find_route(installed_packages(packages), "fr", "ar")}
    assert len(routes["ar"]) == 2
    job = prepare([parse_text("Les affrontements continuent.\n\nLes affrontements continuent.\n\nLe calme revient.\n",
                              ROOT / "note.txt")], "fr")
    targets = [parse_language("ar")]
    with Memory(tmp_path / "m.sqlite") as memory:
        for _ in range(2):  # cold, then every sentence from the memory
            counted = []
            translate_job(job, targets, routes, Engine(), load([ROOT / "glossary"]), progress=counted.append,
                          memory=memory)
            assert sum(counted) == progress_total(job, targets, routes) == 2 * len(job.distinct)


def test_outputs_and_scores_are_the_same_whatever_the_thread_layout(tmp_path):
    """One worker or two, batches of 2,048 tokens or of a few: the same translations, the same
    scores, in the order given (the layout changes only how fast)."""
    from tests.conftest import SEEDS

    (package,) = [install_file(MODELS / "translate-en_fr-copy.argosmodel", tmp_path)]
    lines = [line.strip() for seed in SEEDS for line in seed.read_text(encoding="utf-8").split("\n")]
    sentences = [line for line in lines if line]
    sentences += SENTENCES * 3
    runs = [Engine(EngineOptions(threads=workers, max_batch_tokens=tokens)).translate_scored([package], sentences)
            for workers, tokens in ((1, 2048), (2, 2048), (2, 64))]
    assert runs[0] == runs[1] == runs[2]
    assert [text for text, _ in runs[0]] == sentences


def test_the_layout_is_one_single_threaded_worker_per_core_on_a_cpu():
    from briefing.translation.engine import layout, usable_cores

    chosen = layout(EngineOptions(device="cpu"))
    assert (chosen.device, chosen.inter_threads, chosen.intra_threads) == ("cpu", usable_cores(), 1)
    assert layout(EngineOptions(device="cpu", threads=3)).inter_threads == 3


def test_cuda_asked_where_there_is_none_is_one_clear_line(tmp_path):
    import ctranslate2
    import pytest

    from briefing.errors import BriefingError
    from briefing.translation.engine import layout

    if ctranslate2.get_cuda_device_count():
        pytest.skip("this machine has a GPU")
    with pytest.raises(BriefingError, match="--device cuda: CTranslate2 sees no CUDA GPU here"):
        layout(EngineOptions(device="cuda"))
    assert layout(EngineOptions(device="auto")).device == "cpu"
