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
