"""A memory file is outside data: foreign schema refused, mistyped values never used, another
writer waited for, a full disk one line."""

import json
import sqlite3
import subprocess
import sys
import time

import pytest

from briefing.errors import BriefingError
from briefing.translation.memory import Memory
from tests.conftest import run_briefing
from tests.hostile.test_hostile import one_line_error

pytestmark = pytest.mark.slow  # locks held by other processes

SENTENCE = "Clashes in Jableh killed 12 people, residents said."


def made(tmp_path):
    path = tmp_path / "m.sqlite"
    Memory(path).close()
    return path


@pytest.mark.parametrize("addition", [
    "CREATE TRIGGER poison AFTER INSERT ON human BEGIN UPDATE human SET target = 'Gibla' WHERE rowid = new.rowid; END",
    "CREATE VIEW everything AS SELECT * FROM machine",
    "CREATE TABLE extra (x)",
])
def test_a_memory_with_objects_briefing_never_writes_is_refused(tmp_path, addition):
    path = made(tmp_path)
    with sqlite3.connect(path) as db:
        db.execute(addition)
    with pytest.raises(BriefingError, match="not a memory briefing wrote .*move it aside"):
        Memory(path)
    one_line_error(run_briefing("memory", "stats", "--memory", str(path)))


def test_a_table_with_other_columns_is_refused(tmp_path):
    path = tmp_path / "m.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE human (key TEXT PRIMARY KEY, target BLOB)")
    with pytest.raises(BriefingError, match="its human table has other columns"):
        Memory(path)


@pytest.mark.parametrize("value", [b"\x00binary", b"", bytes(range(256))])
def test_values_of_the_wrong_type_are_never_taken_for_translations(tmp_path, value):
    """A TEXT column turns a number into text, but keeps a BLOB a BLOB (and a table declared
    with other types is refused as a whole, above)."""
    path = made(tmp_path)
    with Memory(path) as memory:
        memory.record_edits([("en", "fr", SENTENCE, "Des affrontements à Jablé ont tué 12 personnes.")], "test")
    with sqlite3.connect(path) as db:
        db.execute("UPDATE human SET target = ?", (value,))
    with Memory(path) as memory:
        assert memory.edits("en", "fr", [SENTENCE]) == {}
        assert memory.pairs() == []
    exported = run_briefing("memory", "export", "--memory", str(path))
    assert exported.returncode == 0 and "<tu" not in exported.stdout


def hold_lock(path, seconds):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"db = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE'); print('held', flush=True)\n"
        f"time.sleep({seconds})\n")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_memory_locked_by_another_writer_is_waited_for_with_a_message(tmp_path):
    path = made(tmp_path)
    holder = hold_lock(path, 7)
    told = []
    started = time.monotonic()
    with Memory(path, told.append) as memory:
        memory.record_edits([("en", "fr", SENTENCE, "Corrigé.")], "test")
    holder.wait()
    assert time.monotonic() - started > 5
    assert told == [f"waiting for another process writing {path} …"]


def test_a_lock_held_past_the_limit_is_one_line(tmp_path):
    path = made(tmp_path)
    briefing = tmp_path / "b.fr.json"
    briefing.write_text(json.dumps({"source_lang": "en", "target_lang": "fr", "segments": []}), encoding="utf-8")
    holder = hold_lock(path, 12)
    try:
        result = run_briefing("memory", "prune", "--older-than", "1", "--memory", str(path),
                              env={"BRIEFING_MEMORY_WAIT": "1"})
    finally:
        holder.kill()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "locked by another process for over 1 s" in result.stderr


def test_a_full_disk_is_one_line_and_leaves_the_memory_as_it_was(tmp_path):
    path = made(tmp_path)
    with Memory(path) as memory:
        memory.record_edits([("en", "fr", SENTENCE, "Avant.")], "test")
        pages = memory.db.execute("PRAGMA page_count").fetchone()[0]
        memory.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # what a full disk looks like to SQLite
        rows = [("en", "fr", f"{SENTENCE} {i}", "x" * 2000) for i in range(200)]
        with pytest.raises(BriefingError, match="the disk is full; the memory was left as it was"):
            memory.record_edits(rows, "test")
    with Memory(path) as memory:
        assert len(memory.pairs()) == 1


# ------------------------------------------------------------- what a memory path may name

def _not_files(tmp_path):
    """Every kind of path that is not a regular file: devices (made here, never written), a pipe,
    a folder, a socket; /dev/null itself."""
    import os
    import socket
    import stat as modes

    made_here = {}
    if os.geteuid() == 0:
        made_here["block device"] = (tmp_path / "blk", modes.S_IFBLK | 0o600, os.makedev(7, 250))
        made_here["character device"] = (tmp_path / "chr", modes.S_IFCHR | 0o600, os.makedev(1, 3))
    for path, mode, device in made_here.values():
        os.mknod(path, mode, device)
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock"))
    return [path for path, _, _ in made_here.values()] + [tmp_path / "fifo", tmp_path / "folder",
                                                           tmp_path / "sock", "/dev/null"]


def _snapshot(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.mark.parametrize("command", [("memory", "stats"), ("memory", "export"),
                                     ("memory", "prune", "--older-than", "1")])
def test_a_memory_path_that_is_not_a_regular_file_is_refused_before_sqlite_opens_it(tmp_path, command):
    from pathlib import Path

    for path in _not_files(tmp_path):
        beside_before = sorted(p.name for p in Path(path).parent.iterdir())
        result = run_briefing(*command, "--memory", str(path))
        if Path(path).is_dir():  # told by the option itself, as a usage error
            assert result.returncode == 2 and "is a folder" in result.stderr
        else:
            one_line_error(result)
            assert "not a regular file" in result.stderr and "move it aside" not in result.stderr
        assert sorted(p.name for p in Path(path).parent.iterdir()) == beside_before  # no -journal, no -wal


def _with_live_wal(tmp_path, name="m.sqlite"):
    """A memory copied while a writer had it open: its last rows live only in the -wal beside it."""
    import shutil

    source = tmp_path / "writer"
    source.mkdir()
    db = sqlite3.connect(source / "m.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    Memory(source / "m.sqlite").close()
    db.execute("INSERT INTO human VALUES ('k', 'en', 'fr', 'a', 'b', 'planted', 0)")
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(source / "m.sqlite", folder / name)
    shutil.copy(source / "m.sqlite-wal", folder / f"{name}-wal")
    db.close()
    return folder / name


@pytest.mark.parametrize("spoil", ["trigger", "view", "garbage", "truncated"])
def test_a_refused_memory_is_left_exactly_as_it_was_found(tmp_path, spoil):
    """Refusal reads through a read-only connection: no -wal replayed, checkpointed or deleted."""
    path = _with_live_wal(tmp_path)
    if spoil in ("trigger", "view"):
        with sqlite3.connect(path) as db:  # into the -wal too
            db.execute("CREATE TRIGGER t AFTER INSERT ON human BEGIN SELECT 1; END" if spoil == "trigger"
                       else "CREATE VIEW v AS SELECT * FROM human")
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        path.with_name("m.sqlite-shm").unlink(missing_ok=True)
    elif spoil == "garbage":
        path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    else:
        path.write_bytes(path.read_bytes()[:1000])
    before = _snapshot(path.parent)
    result = run_briefing("memory", "stats", "--memory", str(path))
    one_line_error(result)
    assert "left as it was" in result.stderr
    assert _snapshot(path.parent) == before


SIDE_ATTACKS = ["other user's -wal", "other user's -shm", "world-writable -wal", "linked -wal", "fifo -journal"]


@pytest.mark.parametrize("attack", SIDE_ATTACKS)
def test_a_sidecar_this_user_may_not_be_believed_for_is_never_replayed(tmp_path, attack):
    import os

    path = _with_live_wal(tmp_path)
    suffix = "-" + attack.split("-")[-1]
    beside = path.with_name(path.name + suffix)
    if "other user" in attack:
        if os.geteuid() != 0:
            pytest.skip("making a file another user's takes root")
        beside.write_bytes(beside.read_bytes() if beside.exists() else b"")
        os.chown(beside, 65534, 65534)
    elif "world-writable" in attack:
        beside.chmod(0o666)
    elif "linked" in attack:
        target = tmp_path / "elsewhere-wal"
        beside.rename(target)
        beside.symlink_to(target)
    else:
        os.mkfifo(beside)
    before = _snapshot(path.parent)
    result = run_briefing("memory", "export", "--memory", str(path))
    one_line_error(result)
    assert str(beside) in result.stderr and "planted" not in result.stdout
    assert _snapshot(path.parent) == before
    if "linked" not in attack and "fifo" not in attack:  # the user may say the folder is trusted
        trusted = run_briefing("memory", "export", "--memory", str(path), env={"BRIEFING_TRUSTED": str(path.parent)})
        assert trusted.returncode == 0, trusted.stderr


def test_a_read_only_memory_serves_lookups_and_records_nothing(request):
    """A reference memory owned by root and read by a desk user: the process drops to `nobody`
    once its modules are imported (a read-only mount reads the same to SQLite)."""
    import os
    from pathlib import Path

    if os.geteuid() != 0:
        pytest.skip("dropping to another user takes root")
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="reference-"))  # pytest's own folders are the owner's alone
    folder.chmod(0o755)
    request.addfinalizer(lambda: shutil.rmtree(folder))
    path = folder / "m.sqlite"
    with Memory(path) as memory:
        memory.record_edits([("en", "fr", SENTENCE, "Corrigé.")], "test")
        memory.store("model", "en", "fr", [("input", SENTENCE, "Sortie.")])
    before = _snapshot(folder)
    script = (
        "import os, sys\n"
        "from briefing.errors import BriefingError\n"
        "from briefing.translation.memory import Memory\n"
        "from briefing.translation import memory_rows\n"
        "os.setgid(65534); os.setuid(65534)\n"
        f"told = []\nm = Memory(__import__('pathlib').Path({str(path)!r}), told.append)\n"
        f"print(m.edits('en', 'fr', [{SENTENCE!r}]), m.lookup('model', 'en', 'fr', ['input']))\n"
        "m.store('model', 'en', 'fr', [('new', 'new', 'new')])\n"
        "try:\n    m.record_edits([('en', 'fr', 'x', 'y')], 'test')\nexcept BriefingError as e:\n    print(e)\n"
        "print(told)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{{{SENTENCE!r}: 'Corrigé.'}} {{'input': 'Sortie.'}}"
    assert "read-only" in lines[1] and "nothing was changed" in lines[1]
    assert "read-only" in lines[2]
    assert _snapshot(folder) == before


@pytest.mark.parametrize("table", ["human", "machine"])
def test_a_row_that_is_not_utf8_is_never_used_and_crashes_nothing(tmp_path, table):
    path = made(tmp_path)
    with Memory(path) as memory:
        memory.record_edits([("en", "fr", SENTENCE, "Corrigé.")], "test")
        memory.store("model", "en", "fr", [("input", SENTENCE, "Sortie.")])
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {table} SET target = CAST(x'ff41c3' AS TEXT)")
    with Memory(path) as memory:
        assert (memory.edits("en", "fr", [SENTENCE]) == {}) == (table == "human")
        assert (memory.lookup("model", "en", "fr", ["input"]) == {}) == (table == "machine")
        assert len(memory.pairs()) == 1
    for command in (("memory", "export"), ("memory", "stats")):
        assert run_briefing(*command, "--memory", str(path)).returncode == 0


def test_a_memory_that_cannot_be_written_costs_the_run_nothing_but_its_exit_code(tmp_path, installed_models):
    """Another writer holds the file past the wait: the briefings are written, the memory's
    failure is one line, the exit is 1."""
    from tests.conftest import SEEDS

    path = made(tmp_path)
    holder = hold_lock(path, 30)
    try:
        result = run_briefing("translate", *map(str, SEEDS[:2]), "--to", "fr", "--out", str(tmp_path / "out"),
                              "--memory", str(path), env={"BRIEFING_MEMORY_WAIT": "1"})
    finally:
        holder.kill()
    assert result.returncode == 1, result.stderr
    assert "locked by another process" in result.stderr and "written without the memory" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.fr.md")) == sorted(f"{s.stem}.fr.md" for s in SEEDS[:2])


@pytest.mark.parametrize("failure", ["closed", "locked"])
def test_a_run_keeps_the_first_memory_failure_and_leaves_the_memory_out_after_it(tmp_path, failure, monkeypatch):
    from briefing.translation.memory_rows import CacheOnly

    monkeypatch.setenv("BRIEFING_MEMORY_WAIT", "1")
    path = made(tmp_path)
    memory = Memory(path)
    memory.record_edits([("en", "fr", SENTENCE, "Corrigé.")], "test")
    cache = CacheOnly(memory)
    assert cache.edits("en", "fr", [SENTENCE]) == {SENTENCE: "Corrigé."}
    if failure == "closed":
        memory.close()
    else:
        holder = hold_lock(path, 10)
    try:
        cache.store("model", "en", "fr", [("input", SENTENCE, "Sortie.")])
        assert cache.failure and cache.lookup("model", "en", "fr", ["input"]) == {}
        assert cache.edits("en", "fr", [SENTENCE]) == {}
    finally:
        if failure == "locked":
            holder.kill()
