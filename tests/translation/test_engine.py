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
