"""The segment memory on a real PostgreSQL server behaves as the SQLite file does (hits, misses,
corrections that win, export, stats, prune), keeps a versioned schema, says in one line when the
server cannot be reached, and loses nothing when twenty processes write to it at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefing.errors import BriefingError
from briefing.translation.memory import Memory, open_memory
from tests.conftest import ROOT, run_briefing
from tests.translation.test_memory import TEXT, Counting, run


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """A fresh memory of each kind: a SQLite file, and a database on the session's server."""
    return tmp_path / "m.sqlite" if request.param == "sqlite" else request.getfixturevalue("postgres_server")()


def test_both_memories_answer_alike(location, glossary_file):
    with open_memory(location) as memory:
        first = Counting()
        run(memory, first, glossary_file)
        again = Counting()
        run(memory, again, glossary_file)
        assert len(first.seen) == 3 and again.seen == []  # every sentence a hit the second time
        memory.record_edits([("en", "fr", "Residents fled Baniyas.", "Les habitants ont fui Banias.")], "review")
        memory.record_edits([("en", "fr", "Residents fled Baniyas.", "Les habitants ont quitté Banias.")], "later")
        corrected = {s.source: s.target for s in run(memory, Counting(), glossary_file)[0].segments}
        assert corrected["Residents fled Baniyas."] == "Les habitants ont quitté Banias."  # the newest wins
        pairs = memory.pairs()
        assert [p.origin for p in pairs].count("human") == 1 and len(pairs) == 3
        stats = memory.stats()
        assert stats["human"] == [{"pair": "en→fr", "segments": 1}] and stats["machine"][0]["segments"] == 3
        assert memory.prune(model="counting") == 3 and not memory.stats()["machine"]


def test_a_machine_translation_never_overwrites_a_correction(postgres_server, glossary_file):
    url = postgres_server()
    with open_memory(url) as memory:
        memory.record_edits([("en", "fr", "The roads were closed.", "Les routes étaient fermées.")], "review")
        run(memory, Counting(), glossary_file)
        assert memory.edits("en", "fr", ["The roads were closed."]) == {
            "The roads were closed.": "Les routes étaient fermées."}


def test_the_schema_is_versioned_and_a_newer_one_refused(postgres_server):
    import psycopg

    url = postgres_server()
    with open_memory(url):
        pass
    with open_memory(url):  # a second opening migrates nothing
        pass
    with psycopg.connect(url, autocommit=True) as db:
        assert db.execute("SELECT version FROM briefing_schema").fetchall() == [(1,)]
        db.execute("INSERT INTO briefing_schema VALUES (2)")
    with pytest.raises(BriefingError, match="newer than this briefing"):
        open_memory(url)


def test_a_server_that_cannot_be_reached_is_one_line(tmp_path):
    result = run_briefing("memory", "stats", "--memory", "postgresql://desk:secret@127.0.0.1:9/memory")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "cannot connect to the segment memory" in line and "secret" not in line  # the password is not shown


def test_translate_and_import_use_the_database_as_they_use_a_file(installed_models, postgres_server, tmp_path):
    url = postgres_server()
    source = tmp_path / "report.txt"
    source.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    first = run_briefing("translate", str(source), "--to", "fr", "--out", str(out), "--memory", url, "-q")
    assert first.returncode == 0, first.stderr
    with open_memory(url) as memory:
        assert sum(row["segments"] for row in memory.stats()["machine"]) == 3
    stats = run_briefing("memory", "stats", "--memory", url, env={"BRIEFING_MEMORY": ""})
    assert stats.returncode == 0 and url.rsplit("/", 1)[1] in stats.stdout


WRITER = """
import sys
from briefing.translation.memory import open_memory
url, worker = sys.argv[1], int(sys.argv[2])
with open_memory(url) as memory:
    for round in range(5):
        memory.record_edits([("en", "fr", f"Sentence {worker}-{n}.", f"Phrase {worker}-{n}, {round}.")
                             for n in range(20)], f"writer {worker}")
        memory.store("model", "en", "fr", [(f"Shared {n}.", f"Shared {n}.", f"Partagé {n}.") for n in range(50)])
"""


def test_twenty_processes_writing_at_once_lose_nothing(postgres_server, installed_models, tmp_path):
    """Ten writers of corrections and machine rows, and ten `translate` and `memory import`
    runs, all at once on one database: every row there, as if they had run one after another."""
    url = postgres_server()
    source = tmp_path / "report.txt"
    source.write_text(TEXT, encoding="utf-8")
    review = tmp_path / "review.tmx"
    review.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>'
                      + "".join(f'<tu><tuv xml:lang="en"><seg>Imported {n}.</seg></tuv><tuv xml:lang="fr"><seg>'
                                f"Importé {n}.</seg></tuv></tu>" for n in range(30)) + "</body></tmx>",
                      encoding="utf-8")
    command = [sys.executable, "-m", "briefing"]
    processes = [subprocess.Popen([sys.executable, "-c", WRITER, url, str(n)], cwd=ROOT, stderr=subprocess.PIPE)
                 for n in range(10)]
    processes += [subprocess.Popen([*command, "translate", str(source), "--to", "fr", "--out", str(tmp_path / f"o{n}"),
                                    "--memory", url, "-q"], cwd=ROOT, stderr=subprocess.PIPE) for n in range(5)]
    processes += [subprocess.Popen([*command, "memory", "import", str(review), "--memory", url], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(5)]
    errors = [process.communicate(timeout=300)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [0] * 20, errors
    with open_memory(url) as memory:
        human = {(p.sentence, p.target) for p in memory.pairs(include_machine=False)}
        machine = memory.stats()["machine"]
    expected = {(f"Sentence {w}-{n}.", f"Phrase {w}-{n}, 4.") for w in range(10) for n in range(20)}
    expected |= {(f"Imported {n}.", f"Importé {n}.") for n in range(30)}
    assert human == expected  # each writer's last round: nothing lost, nothing stale
    assert sorted(row["segments"] for row in machine) == [3, 50]  # the copy model's 3 sentences, the 50 shared


def test_a_file_memory_and_a_database_hold_the_same_rows_after_the_same_work(postgres_server, glossary_file,
                                                                            tmp_path):
    url = postgres_server()
    for location in (tmp_path / "m.sqlite", url):
        with open_memory(location) as memory:
            run(memory, Counting(), glossary_file)
            memory.record_edits([("en", "fr", "The roads were closed.", "Routes fermées.")], "review")
    with Memory(tmp_path / "m.sqlite") as file, open_memory(url) as database:
        assert sorted(map(repr, file.pairs())) == sorted(map(repr, database.pairs()))
