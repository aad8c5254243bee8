"""The segment memory on a real PostgreSQL server behaves as the SQLite file does (hits, misses,
corrections that win, export, stats, prune), keeps a versioned schema, says in one line when the
server cannot be reached, and loses nothing when twenty processes write to it at once."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.errors import BriefingError
from briefing.translation.memory import Memory, open_memory
from tests.conftest import ROOT, run_briefing
from tests.translation.test_memory import TEXT, Counting, run

pytestmark = pytest.mark.slow  # a PostgreSQL server


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """A fresh memory of each kind: a SQLite file, and a database on the session's server."""
    return tmp_path / "m.sqlite" if request.param == "sqlite" else request.getfixturevalue("postgres_server")()


def test_both_stores_offer_the_one_memory_protocol():
    """Every method of SegmentMemory, with the same parameters, in the SQLite and PostgreSQL stores."""
    import inspect

    from briefing.translation.memory_postgres import PostgresMemory
    from briefing.translation.memory_rows import SegmentMemory

    wanted = {name: inspect.signature(member) for name, member in vars(SegmentMemory).items()
              if callable(member) and not name.startswith("_") or name in ("__enter__", "__exit__")}
    for store in (Memory, PostgresMemory):
        offered = {name: inspect.signature(getattr(store, name)) for name in wanted if hasattr(store, name)}
        assert list(offered) == list(wanted), store
        for name, signature in wanted.items():
            assert list(offered[name].parameters) == list(signature.parameters), (store, name)


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


def concurrent_work(tmp_path: Path) -> list[list[str]]:
    """Ten `translate` runs, each of its own report, and ten `memory import`s, each of its own
    reviewer's TMX (thirty corrections, some of sentences the translate runs also meet)."""
    commands = []
    for number in range(10):
        source = tmp_path / f"report-{number}.txt"
        source.write_text(f"Clashes hit Latakia on day {number}.\n\nResidents fled Baniyas.\n\n"
                          f"The {number + 2} roads were closed.\n", encoding="utf-8")
        commands.append(["translate", str(source), "--to", "fr", "--out", str(tmp_path / f"out-{number}"), "-q"])
        review = tmp_path / f"review-{number}.tmx"
        units = [(f"Reviewed sentence {number}-{n}.", f"Phrase revue {number}-{n}.") for n in range(29)]
        units.append(("Residents fled Baniyas.", f"Les habitants ont fui Banias ({number})."))
        review.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>' + "".join(
            f'<tu><tuv xml:lang="en"><seg>{en}</seg></tuv><tuv xml:lang="fr"><seg>{fr}</seg></tuv></tu>'
            for en, fr in units) + "</body></tmx>", encoding="utf-8")
        commands.append(["memory", "import", str(review)])
    return commands


def rows(url: str) -> tuple[set, set]:
    with open_memory(url) as memory:
        pairs = memory.pairs()
    raced = "Residents fled Baniyas."  # corrected by all ten reviewers, met by all ten runs: its rows race
    return ({(p.sentence, p.target) for p in pairs if p.origin == "human" and p.sentence != raced},
            {(p.sentence, p.target) for p in pairs if p.origin == "machine" and p.sentence != raced})


def test_twenty_processes_at_once_lose_nothing_and_leave_the_rows_of_a_sequential_run(
        postgres_server, installed_models, tmp_path):
    commands = concurrent_work(tmp_path)
    together, one_by_one = postgres_server(), postgres_server()
    processes = [subprocess.Popen([sys.executable, "-m", "briefing", *command, "--memory", together], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for command in commands]
    errors = [process.communicate(timeout=600)[1].decode() for process in processes]
    assert [process.returncode for process in processes] == [0] * 20, errors
    for command in commands:
        assert run_briefing(*command, "--memory", one_by_one).returncode == 0
    human, machine = rows(together)
    assert len(human) == 290 and len(machine) == 20  # every correction, every report's own two sentences
    assert (human, machine) == rows(one_by_one)
    with open_memory(together) as memory:  # the sentence ten reviewers corrected: one of theirs, whole
        (last,) = memory.edits("en", "fr", ["Residents fled Baniyas."]).values()
    assert last in {f"Les habitants ont fui Banias ({n})." for n in range(10)}


def test_a_file_memory_and_a_database_hold_the_same_rows_after_the_same_work(postgres_server, glossary_file,
                                                                            tmp_path):
    url = postgres_server()
    for location in (tmp_path / "m.sqlite", url):
        with open_memory(location) as memory:
            run(memory, Counting(), glossary_file)
            memory.record_edits([("en", "fr", "The roads were closed.", "Routes fermées.")], "review")
    with Memory(tmp_path / "m.sqlite") as file, open_memory(url) as database:
        assert sorted(_content(p) for p in file.pairs()) == sorted(_content(p) for p in database.pairs())


@pytest.mark.parametrize("password", ["s3cret-pass", "p@ss@w0rd", "we/ird:p@ss", "abc%40def", "x@127.0.0.1"])
@pytest.mark.parametrize("where", ["userinfo", "query"])
def test_a_password_is_never_shown_whatever_it_holds(postgres_server, password, where):
    """In the address's user part (where "@" and "/" break its parsing) or as password=: neither
    `config`, nor a failed connection's message, nor libpq's own words print it or a piece of it."""
    from briefing.addresses import shown_address

    address = postgres_server().replace("briefing@", "nobody-here@")
    host_and_db = address.split("@", 1)[1]
    url = (f"postgresql://nobody-here:{password}@{host_and_db}" if where == "userinfo"
           else f"postgresql://nobody-here@{host_and_db}?password={password}&sslmode=disable")
    result = run_briefing("memory", "stats", "--memory", url)
    shown = result.stdout + result.stderr + shown_address(url)
    assert result.returncode == 1 and "Traceback" not in shown
    for piece in [password, *(p for p in password.split("@") if len(p) >= 3)]:
        if piece not in ("127.0.0.1",):
            assert piece not in shown, (piece, shown)


def test_a_least_privileged_user_works_on_a_current_schema_and_one_bad_file_sinks_no_other(postgres_server,
                                                                                           tmp_path):
    import json

    import psycopg

    owner = postgres_server()
    with open_memory(owner):
        pass  # the schema made by its owner
    with psycopg.connect(owner, autocommit=True) as admin:
        admin.execute("CREATE ROLE desk LOGIN")
        admin.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        admin.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON machine, human, briefing_schema TO desk")
    desk = owner.replace("briefing@", "desk@")
    files = []
    for name, target in (("nul", "Les habitants\x00 ont fui."), ("good", "Les habitants ont fui Banias.")):
        path = tmp_path / f"{name}.fr.json"
        segment = {"index": 0, "block": 0, "source": "Residents fled Baniyas.", "target": target, "corrected": True}
        path.write_text(json.dumps({"source_lang": "en", "target_lang": "fr", "segments": [segment]}),
                        encoding="utf-8")
        files.append(str(path))
    result = run_briefing("memory", "import", *files, "--memory", desk, "--accept-changes")
    assert "Traceback" not in result.stderr and "nul.fr.json" in result.stderr
    assert "1 correction(s) recorded" in result.stdout, result.stdout + result.stderr
    with open_memory(desk) as memory:
        assert memory.edits("en", "fr", ["Residents fled Baniyas."]) == {
            "Residents fled Baniyas.": "Les habitants ont fui Banias."}


def test_a_lock_held_by_another_client_is_waited_for_as_long_as_the_memory_wait_says(postgres_server, tmp_path):
    import time

    address, path = _memory_and_correction(postgres_server(), tmp_path)
    with _locked_by_another_client(address):
        started = time.monotonic()
        result = run_briefing("memory", "import", str(path), "--memory", address, "--accept-changes",
                              env={"BRIEFING_MEMORY_WAIT": "2"})
        waited = time.monotonic() - started
    assert result.returncode == 1 and "lock timeout" in result.stderr and "Traceback" not in result.stderr
    assert 1.5 < waited < 30


@pytest.mark.parametrize("operation", ["record_edits", "store", "lookup", "edits", "stats"])
def test_a_connection_dropped_mid_run_is_one_line_without_psycopgs_noise(postgres_server, capfd, operation):
    import psycopg

    address = postgres_server()
    memory = open_memory(address)
    with psycopg.connect(address, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                      "AND pid <> pg_backend_pid()")
    calls = {"record_edits": lambda: memory.record_edits([("en", "fr", "a", "b")], "t"),
             "store": lambda: memory.store("m", "en", "fr", [("a", "a", "b")]),
             "lookup": lambda: memory.lookup("m", "en", "fr", ["a"]), "edits": lambda: memory.edits("en", "fr", ["a"]),
             "stats": memory.stats}
    with pytest.raises(BriefingError) as failed:
        calls[operation]()
    memory.close()
    message = str(failed.value)
    assert "\n" not in message and "the segment memory failed" in message and "psycopg" not in message
    out, err = capfd.readouterr()
    assert not out and not err


def silent_proxy(port: int):
    """A TCP proxy to 127.0.0.1:`port` that relays until told to fall silent, then holds every
    connection open and says nothing: a server that stopped answering mid-run."""
    import socket
    import threading

    silent = threading.Event()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)

    def relay(source, sink) -> None:
        try:
            while not silent.is_set():
                data = source.recv(65536)
                if not data:
                    break
                if silent.is_set():
                    break
                sink.sendall(data)
        except OSError:
            pass
        silent.wait()  # hold the connection, forever quiet

    def accept() -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", port))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=relay, args=(a, b), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return server.getsockname()[1], silent


@pytest.mark.parametrize("operation", ["edits", "record_edits"])
def test_a_server_that_stops_answering_mid_run_is_one_line_in_bounded_time(postgres_server, monkeypatch, operation):
    import time

    monkeypatch.setenv("BRIEFING_MEMORY_WAIT", "1")  # statements bounded at 10 s, the client at 15 s
    address = postgres_server()
    port = int(address.rsplit(":", 1)[1].split("/")[0])
    proxy_port, silent = silent_proxy(port)
    memory = open_memory(address.replace(f":{port}/", f":{proxy_port}/"))
    assert memory.edits("en", "fr", ["a"]) == {}  # answering, through the proxy
    silent.set()
    started = time.monotonic()
    with pytest.raises(BriefingError) as failed:
        if operation == "edits":
            memory.edits("en", "fr", ["a"])
        else:
            memory.record_edits([("en", "fr", "a", "b")], "t")
    assert "no answer for 15 s" in str(failed.value) and "\n" not in str(failed.value)
    assert time.monotonic() - started < 40
    memory.close()


def test_sigterm_acts_at_once_while_a_lock_is_waited_for(postgres_server, tmp_path):
    import signal
    import time

    address, path = _memory_and_correction(postgres_server(), tmp_path)
    with _locked_by_another_client(address):
        waiting = subprocess.Popen([sys.executable, "-m", "briefing", "memory", "import", str(path), "--memory",
                                    address, "--accept-changes"], stderr=subprocess.PIPE, text=True, cwd=ROOT)
        time.sleep(3)  # in the lock's wait by now
        sent = time.monotonic()
        waiting.send_signal(signal.SIGTERM)
        code = waiting.wait(timeout=30)
        took = time.monotonic() - sent
    assert code == 143 and took < 5 and "Traceback" not in waiting.stderr.read()


def _content(pair) -> tuple:
    """What a pair says, without when it was recorded (each store's own clock)."""
    return pair.source_lang, pair.target_lang, pair.sentence, pair.target, pair.origin, pair.by


def _memory_and_correction(address: str, folder: Path) -> tuple[str, Path]:
    """A memory with its schema, and an edited briefing with one correction to import into it."""
    import json

    with open_memory(address):
        pass
    path = folder / "a.fr.json"
    segment = {"index": 0, "block": 0, "source": "Residents fled Baniyas.", "target": "Ils ont fui Banias.",
               "corrected": True}
    path.write_text(json.dumps({"source_lang": "en", "target_lang": "fr", "segments": [segment]}), encoding="utf-8")
    return address, path


@contextlib.contextmanager
def _locked_by_another_client(address: str):
    """The corrections' table locked by another desk's client, in a transaction left open."""
    import psycopg

    with psycopg.connect(address) as holder:
        holder.execute("LOCK TABLE human IN ACCESS EXCLUSIVE MODE")
        yield
