"""Segment memory: what is a hit, what is a miss, human corrections, TMX, parallel runs."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

from briefing.glossary.files import load
from briefing.languages import parse_language
from briefing.sources.reading import parse_text
from briefing.translation.engine import Engine
from briefing.translation.job import prepare, translate_job
from briefing.translation.memory import Memory
from briefing.translation.models import installed_packages
from briefing.translation.translator import Translator
from tests.conftest import ROOT, SEEDS, run_briefing

TEXT = "Clashes hit Latakia on Friday.\n\nResidents fled Baniyas.\n\nThe roads were closed.\n"


class Counting(Translator):
    """Upper-cases its input and counts what it was asked to translate."""

    def __init__(self, name="counting"):
        self.name, self.seen = name, []

    def model_id(self, route):
        return self.name

    def translate(self, route, sentences, progress=None):
        self.seen += list(sentences)
        return [s.upper() for s in sentences]


def run(memory, engine, glossary_file, lang="fr", text=TEXT):
    job = prepare([parse_text(text, ROOT / "a.txt")], "en")
    return translate_job(job, [parse_language(lang)], {lang: []}, engine, load([glossary_file]), "inline",
                         None, memory)


def test_hits_and_misses(tmp_path, glossary_file):
    with Memory(tmp_path / "m.sqlite") as memory:
        first = Counting()
        run(memory, first, glossary_file)
        assert len(first.seen) == 3
        again = Counting()
        run(memory, again, glossary_file)
        assert again.seen == []  # same model, languages and glossary forms: all hits
        other_model = Counting("another-model")
        run(memory, other_model, glossary_file)
        assert len(other_model.seen) == 3
        other_language = Counting()
        run(memory, other_language, glossary_file, lang="ar")
        assert len(other_language.seen) == 3
        # Change one entry: only the sentence that contains it goes back to the model.
        glossary_file.write_text(glossary_file.read_text().replace('preferred = "Lattaquié"',
                                                                     'preferred = "Lattakié"'))
        after_edit = Counting()
        run(memory, after_edit, glossary_file)
        assert after_edit.seen == ["Clashes hit Lattakié on Friday."]


def test_an_unchanged_rerun_loads_no_model(tmp_path, installed_models, glossary_file):
    routes = {"fr": [p for p in installed_packages() if p.to_code == "fr"]}
    job = prepare([parse_text(TEXT, ROOT / "a.txt")], "en")
    with Memory(tmp_path / "m.sqlite") as memory:
        cold = Engine()
        translate_job(job, [parse_language("fr")], routes, cold, load([glossary_file]), memory=memory)
        assert cold._loaded
        warm = Engine()
        (briefing,) = translate_job(job, [parse_language("fr")], routes, warm, load([glossary_file]), memory=memory)
        assert warm._loaded == {}
        assert briefing.segments[0].target == "Clashes hit Lattaquié on Friday."


def test_imported_corrections_win_and_are_marked_human(tmp_path, installed_models):
    memory, out = tmp_path / "m.sqlite", tmp_path / "out"
    assert run_briefing("translate", str(SEEDS[1]), "--to", "fr", "--out", str(out), "--memory", str(memory),
                        "-q").returncode == 0
    edited = out / f"{SEEDS[1].stem}.fr.json"
    data = json.loads(edited.read_text())
    data["segments"][0]["target"] = "Plus de 1 000 personnes ont été tuées en Syrie."
    edited.write_text(json.dumps(data, ensure_ascii=False))
    refused = run_briefing("memory", "import", str(edited), "--memory", str(memory))
    assert refused.returncode == 1 and "term syrian-observatory-for-human-rights missing" in refused.stderr
    result = run_briefing("memory", "import", str(edited), "--memory", str(memory), "--accept-changes")
    assert result.returncode == 0 and "1 correction(s) recorded" in result.stdout
    assert run_briefing("translate", str(SEEDS[1]), "--to", "fr", "--out", str(out), "--memory", str(memory),
                        "-q").returncode == 0
    again = json.loads((out / f"{SEEDS[1].stem}.fr.json").read_text())
    assert again["segments"][0]["target"] == "Plus de 1 000 personnes ont été tuées en Syrie."
    qa = json.loads((out / f"{SEEDS[1].stem}.fr.qa.json").read_text())
    assert qa["segments"][0]["origin"] == "human" and qa["segments"][1]["origin"] == "machine"


def test_markdown_corrections_are_aligned_sentence_by_sentence(tmp_path, installed_models):
    memory, out = tmp_path / "m.sqlite", tmp_path / "out"
    run_briefing("translate", str(SEEDS[1]), "--to", "fr", "--out", str(out), "--memory", str(memory), "-q")
    markdown = out / f"{SEEDS[1].stem}.fr.md"
    text = markdown.read_text()
    old = "Large areas around the coastal city of Lattaquié have reportedly been left without electricity"
    assert old in text
    markdown.write_text(text.replace(old, "De vastes zones autour de Lattaquié seraient privées d'électricité"))
    result = run_briefing("memory", "import", str(markdown), "--memory", str(memory))
    assert "1 correction(s) recorded" in result.stdout, result.stderr
    with Memory(memory) as store:
        sentence = "Large areas around the coastal city of Latakia have reportedly been left without electricity and " \
                   "drinking water."
        assert store.edits("en", "fr", [sentence])[sentence].startswith("De vastes zones")


def test_tmx_export_parses_back(tmp_path):
    with Memory(tmp_path / "m.sqlite") as memory:
        memory.store("m", "en", "fr", [("Hi <b> & Latakia", "Hi <b> & Latakia", "Salut <b> & Lattaquié")])
        memory.record_edits([("en", "ar", "Jableh", "جبلة")], "review")
    result = run_briefing("memory", "export", "--memory", str(tmp_path / "m.sqlite"))
    root = ET.fromstring(result.stdout)
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "en"
    units = [[(tuv.get("{http://www.w3.org/XML/1998/namespace}lang"), tuv.findtext("seg")) for tuv in tu.findall("tuv")]
             for tu in root.iter("tu")]
    assert units == [[("en", "Jableh"), ("ar", "جبلة")], [("en", "Hi <b> & Latakia"), ("fr", "Salut <b> & Lattaquié")]]


def test_two_runs_sharing_one_memory_at_once(tmp_path, installed_models):
    memory = tmp_path / "shared.sqlite"
    runs = [
        subprocess.Popen([sys.executable, "-m", "briefing", "translate", str(seed), "--to", "fr", "--to", "ar",
                          "--out", str(tmp_path / f"out{i}"), "--memory", str(memory), "-q"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i, seed in enumerate([*SEEDS, *SEEDS])
    ]
    assert [p.wait(timeout=300) for p in runs] == [0] * 4, [p.stderr.read() for p in runs]
    with Memory(memory) as store:
        counts = {row["pair"]: row["segments"] for row in store.stats()["machine"]}
    distinct = len({s for seed in SEEDS for s in prepare([parse_text(seed.read_text(), seed)], "en").distinct})
    assert counts == {"en→fr": distinct, "en→ar": distinct}


def test_stats_and_prune(tmp_path):
    path = tmp_path / "m.sqlite"
    with Memory(path) as memory:
        memory.store("old-model", "en", "fr", [("a", "a", "b")])
        memory.record_edits([("en", "fr", "a", "c")], "review")
    stats = json.loads(run_briefing("memory", "stats", "--json", "--memory", str(path)).stdout)
    assert stats["machine"] == [{"model": "old-model", "pair": "en→fr", "segments": 1}]
    assert run_briefing("memory", "prune", "--model", "old-model", "--memory", str(path)).returncode == 0
    with Memory(path) as memory:
        assert memory.stats()["machine"] == [] and memory.edits("en", "fr", ["a"]) == {"a": "c"}
    assert run_briefing("memory", "prune", "--memory", str(path)).returncode == 2  # a usage error, as the README says


def test_markdown_source_with_a_title_round_trips_through_review(tmp_path, installed_models):
    source = tmp_path / "coast.md"
    source.write_text("# Coast report\n\nClashes hit Jableh on Friday.\n\n## Toll\n\nNine people died.\n")
    memory, out = tmp_path / "m.sqlite", tmp_path / "out"
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(out), "--memory", str(memory), "-q")
    assert result.returncode == 0, result.stderr
    markdown = out / "coast.fr.md"
    assert markdown.read_text().startswith("# Coast report\n")
    markdown.write_text(markdown.read_text().replace("Nine people died.", "Neuf personnes sont mortes."))
    imported = run_briefing("memory", "import", str(markdown), "--memory", str(memory))
    assert "1 correction(s) recorded" in imported.stdout, imported.stderr
