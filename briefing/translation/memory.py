"""Segment memory (a SQLite file here, or a PostgreSQL server: `memory_postgres`): never send the
same sentence to the same model twice; keep the reviewers' corrections, which win over the model
from then on.

Machine translations are keyed on what the model saw — the sentence with its glossary forms
inlined — plus the model route, languages and decoding settings, so changing one glossary entry
re-translates only the sentences that contain it. Human post-edits are keyed on the source
sentence and the languages alone. WAL mode and a busy timeout let several `translate` runs
share one memory file; a writer that holds it longer is waited for, with a message.

A memory file is data from outside like any other: it is opened only with the schema this
project writes (a trigger or a view someone added would rewrite rows or run on every lookup),
and a value of the wrong type is never taken for a translation.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from briefing import settings
from briefing.addresses import Location, is_database
from briefing.errors import BriefingError, UsageError
from briefing.translation.memory_rows import HUMAN, MACHINE, Pair, human_key, machine_key, wait_limit
from briefing.trust import refusal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS machine (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    model_input TEXT NOT NULL,
    sentence TEXT NOT NULL,
    target TEXT NOT NULL,
    created REAL NOT NULL,
    used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS human (
    key TEXT PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    sentence TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS machine_used ON machine (used);
"""
_COLUMNS = {
    "machine": [("key", "TEXT"), ("model", "TEXT"), ("source_lang", "TEXT"), ("target_lang", "TEXT"),
                ("model_input", "TEXT"), ("sentence", "TEXT"), ("target", "TEXT"), ("created", "REAL"),
                ("used", "REAL")],
    "human": [("key", "TEXT"), ("source_lang", "TEXT"), ("target_lang", "TEXT"), ("sentence", "TEXT"),
              ("target", "TEXT"), ("origin", "TEXT"), ("created", "REAL")],
}
_OBJECTS = {("table", "machine"), ("table", "human"), ("index", "machine_used"),
            ("index", "sqlite_autoindex_machine_1"), ("index", "sqlite_autoindex_human_1")}
_TEXT_ROWS = "typeof(sentence) = 'text' AND typeof(target) = 'text'"  # SQLite stores any type in any column


def default_path() -> Path:
    return settings.current().data_home / "briefing" / "memory.sqlite"


def open_memory(path: Location | None = None, on_wait: Callable[[str], None] = lambda text: None):
    """The memory at `path` (a file, or a PostgreSQL address), else $BRIEFING_MEMORY, else the
    user's default file; `on_wait` is told once when another process holds a file locked."""
    location = memory_path(path)
    if is_database(location):
        from briefing.translation.memory_postgres import PostgresMemory

        return PostgresMemory(location, on_wait)
    return Memory(location, on_wait)


def memory_path(path: Location | None = None) -> Location:
    """The memory in force: `path`, else $BRIEFING_MEMORY, else the user's default file."""
    configured = settings.current().memory
    location = path or configured or default_path()
    return location if is_database(location) else Path(location)


def memory_exists(path: Location | None = None) -> bool:
    """Whether the memory in force holds anything yet (a server is taken to)."""
    location = memory_path(path)
    return is_database(location) or Path(location).exists()


def _foreign_schema(db: sqlite3.Connection) -> str:
    """What in the file this project never creates, or a table whose columns are not ours."""
    for kind, name in db.execute("SELECT type, name FROM sqlite_master ORDER BY type, name"):
        if (kind, name) not in _OBJECTS:
            return f"it holds a {kind} named {name!r}"
    for table, columns in _COLUMNS.items():
        found = [(row[1], (row[2] or "").upper()) for row in db.execute(f"PRAGMA table_info({table})")]
        if found and found != columns:
            return f"its {table} table has other columns"
    return ""


_SIDECARS = ("-wal", "-shm", "-journal")  # what SQLite reads beside the file, and replays into it


def _vetted(path: Path) -> bool:
    """Whether a memory file exists at `path`; refused in one line, before SQLite touches anything,
    when it is not a regular file (a device would have a database written over its first pages) or
    a file beside it is not one this user may be believed for (`trust.refusal`)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        status = None
    except OSError as err:
        raise BriefingError(f"{path}: cannot read the segment memory ({err.strerror})") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise BriefingError(f"{path}: not a regular file ({_kind(status.st_mode)}); a memory is a file "
                            "briefing creates: name a file, or a new one")
    for suffix in _SIDECARS:
        beside = Path(f"{path}{suffix}")
        try:
            found = beside.lstat()
        except OSError:
            continue
        if not stat.S_ISREG(found.st_mode):
            raise BriefingError(f"{beside}: not a regular file ({_kind(found.st_mode)}) beside the memory; "
                                "SQLite would read it: remove it (the memory was left as it was)")
        reason = refusal(beside, found)
        if reason:
            raise BriefingError(f"{beside}: {reason}, beside the memory; SQLite would replay it into the memory: "
                                "remove it, or trust its folder (the memory was left as it was)")
    return status is not None and status.st_size > 0


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISBLK, "a block device"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISFIFO, "a pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a link")):
        if test(mode):
            return name
    return "not a file"


def _writable(path: Path) -> bool:
    """Whether the file and its folder (where SQLite keeps its -wal and -shm) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection to the file; a read-only one never writes, creates or checkpoints anything
    but the -shm that lets it read beside a writer. Where even that cannot be made (a read-only
    mount) and no -wal waits to be read, the file is read as immutable, which needs none."""
    if not read_only:
        return _configured(sqlite3.connect(str(path), timeout=5, isolation_level=None))
    uri = f"{path.resolve().as_uri()}?mode=ro"
    db = _configured(sqlite3.connect(uri, timeout=5, isolation_level=None, uri=True))
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size:
            raise
    return _configured(sqlite3.connect(f"{uri}&immutable=1", timeout=5, isolation_level=None, uri=True))


def _configured(db: sqlite3.Connection) -> sqlite3.Connection:
    db.text_factory = _text
    db.execute("PRAGMA busy_timeout = 5000")
    return db


def _text(data: bytes) -> str | None:
    """A stored text, or None for bytes that are not UTF-8 (such a row is never used)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _inspect(path: Path) -> None:
    """Refuse a file that fails SQLite's integrity check or holds what this project never creates,
    through a read-only connection: nothing is replayed, checkpointed or created in it."""
    shm = Path(f"{path}-shm")
    had_shm = shm.exists()
    try:
        with contextlib.closing(_connect(path, read_only=True)) as db:
            verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            strange = _foreign_schema(db)
    except sqlite3.OperationalError:  # not its content: the file cannot be read (said by the caller)
        raise
    except sqlite3.DatabaseError as err:  # not a database, malformed
        verdict, strange = str(err), ""
    if verdict == "ok" and not strange:
        return
    if not had_shm:  # the read-only connection made it; the refused file is left as found
        shm.unlink(missing_ok=True)
    if verdict != "ok":
        raise BriefingError(f"{path}: not a sound segment memory ({verdict}); it was left as it was: "
                            "move it aside to start anew")
    raise BriefingError(f"{path}: not a memory briefing wrote ({strange}); it was left as it was: "
                        "move it aside to start anew")


def _why(err: Exception) -> str:
    """What is wrong, in the user's words: only a damaged file is worth moving aside."""
    text = getattr(err, "strerror", None) or str(err)
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or "unable to open" in text or "Permission" in text:
        return f"{text}: the file or its folder cannot be written"
    return text


class Memory:
    def __init__(self, path: Path, on_wait: Callable[[str], None] = lambda text: None) -> None:
        """`on_wait` is told once when another process holds the file locked, and when the file
        can only be read (a reference memory on a read-only mount serves lookups alone)."""
        self.path = path
        self.on_wait = on_wait
        self.read_only = False
        existed = _vetted(path)
        try:
            if existed:
                _inspect(path)  # read only: a refused file is left exactly as it was found
            self.read_only = existed and not _writable(path)
            if self.read_only:
                self.db = _connect(path, read_only=True)
                on_wait(f"{path} is read-only: its translations are used, nothing new is recorded in it")
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = _connect(path, read_only=False)
            self._locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self._locked(lambda: self.db.executescript(_SCHEMA))
        except (OSError, sqlite3.Error) as err:
            raise BriefingError(f"{path}: cannot open the segment memory ({_why(err)})") from None

    def _locked(self, operation: Callable[[], object]):
        """`operation`, retried while another process holds the file locked (up to
        $BRIEFING_MEMORY_WAIT seconds, with one message); a full disk is one line."""
        deadline, told = time.monotonic() + wait_limit(), False
        while True:
            try:
                return operation()
            except sqlite3.OperationalError as err:
                text = str(err)
                if "full" in text:
                    raise BriefingError(f"{self.path}: the disk is full; the memory was left as it was") from None
                if "locked" not in text and "busy" not in text:
                    raise
                if time.monotonic() >= deadline:
                    raise BriefingError(f"{self.path}: locked by another process for over {wait_limit():g} s; "
                                        "try again once it finishes (or raise BRIEFING_MEMORY_WAIT)") from None
                if not told:
                    self.on_wait(f"waiting for another process writing {self.path} …")
                    told = True

    def _refuse_if_read_only(self) -> None:
        if self.read_only:
            raise BriefingError(f"{self.path}: the memory is read-only (the file or its folder); nothing was changed")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- machine

    def _select(self, table: str, keys: dict[str, str]) -> dict[str, str]:
        """{text: target} for the rows of `table` whose key is in `keys` ({key: text})."""
        found: dict[str, str] = {}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, target FROM {table} WHERE key IN ({marks}) AND {_TEXT_ROWS}"
            for key, target in self.db.execute(query, chunk):
                if key in keys and target is not None:  # None: not UTF-8
                    found[keys[key]] = target
        return found

    def lookup(self, model: str, source_lang: str, target_lang: str, inputs: Iterable[str]) -> dict[str, str]:
        """The stored translations of those model inputs that have one."""
        found = self._select(
            "machine", {machine_key(model, source_lang, target_lang, text): text for text in inputs}
        )
        if found and not self.read_only:
            now = time.time()
            hits = [(now, machine_key(model, source_lang, target_lang, text)) for text in found]
            self._locked(lambda: self.db.executemany("UPDATE machine SET used = ? WHERE key = ?", hits))
        return found

    def store(self, model: str, source_lang: str, target_lang: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record (model input, source sentence, model output) rows in one transaction (none in a
        read-only memory: it is a cache, and the briefings are written all the same)."""
        if self.read_only:
            return
        now = time.time()
        values = [
            (machine_key(model, source_lang, target_lang, model_input), model, source_lang, target_lang,
             model_input, sentence, target, now, now)
            for model_input, sentence, target in rows
        ]
        self._transaction("INSERT OR REPLACE INTO machine VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)

    # ---------------------------------------------------------------- human

    def edits(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        """Reviewers' corrections of those sentences that have one."""
        return self._select("human", {human_key(source_lang, target_lang, s): s for s in sentences})

    def record_edits(self, pairs: Iterable[tuple[str, str, str, str]], origin: str) -> int:
        """(source_lang, target_lang, sentence, corrected target) rows; the newest edit wins."""
        now = time.time()
        values = [(human_key(s, t, sentence), s, t, sentence, target, origin, now) for s, t, sentence, target in pairs]
        self._transaction("INSERT OR REPLACE INTO human VALUES (?, ?, ?, ?, ?, ?, ?)", values)
        return len(values)

    def _transaction(self, statement: str, values: list[tuple]) -> None:
        self._refuse_if_read_only()
        def run() -> None:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(statement, values)

        self._locked(run)

    # ---------------------------------------------------------------- upkeep

    def pairs(self, include_machine: bool = True) -> list[Pair]:
        def readable(table: str, by: str) -> list[tuple]:  # a field that is not UTF-8 reads as None: not a pair
            query = (f"SELECT source_lang, target_lang, sentence, target, {by}, created FROM {table} "
                     f"WHERE {_TEXT_ROWS} ORDER BY created")
            return [row for row in self.db.execute(query) if None not in row[:4]]

        rows = [Pair(*row[:4], HUMAN, row[4] or "", row[5]) for row in readable("human", "origin")]
        if include_machine:
            edited = {(p.source_lang, p.target_lang, p.sentence) for p in rows}
            rows += [Pair(*row[:4], MACHINE, row[4] or "", row[5]) for row in readable("machine", "model")
                     if row[:3] not in edited]
        return rows

    def forget(self, source_lang: str, target_lang: str, sentence: str) -> int:
        self._refuse_if_read_only()
        key = human_key(source_lang, target_lang, sentence)
        return self._locked(lambda: self.db.execute("DELETE FROM human WHERE key = ?", (key,))).rowcount

    def stats(self) -> dict:
        machine = self.db.execute(
            "SELECT model, source_lang, target_lang, COUNT(*) FROM machine GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ).fetchall()
        human = self.db.execute(
            "SELECT source_lang, target_lang, COUNT(*) FROM human GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        return {
            "path": str(self.path),
            "bytes": size,
            "machine": [{"model": m, "pair": f"{s}→{t}", "segments": n} for m, s, t, n in machine],
            "human": [{"pair": f"{s}→{t}", "segments": n} for s, t, n in human],
        }

    def prune(self, older_than_days: float | None = None, model: str | None = None) -> int:
        """Forget machine translations not used for N days, or those of one model."""
        clauses, values = [], []
        if older_than_days is not None:
            clauses.append("used < ?")
            values.append(time.time() - older_than_days * 86400)
        if model is not None:
            clauses.append("model = ?")
            values.append(model)
        if not clauses:
            raise UsageError("say what to prune: --older-than DAYS and/or --model NAME")
        self._refuse_if_read_only()
        cursor = self._locked(lambda: self.db.execute(f"DELETE FROM machine WHERE {' AND '.join(clauses)}", values))
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return cursor.rowcount
