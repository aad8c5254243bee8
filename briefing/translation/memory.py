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

import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from briefing import settings
from briefing.addresses import Location, is_database
from briefing.errors import BriefingError, UsageError
from briefing.translation.memory_rows import HUMAN, MACHINE, Pair, human_key, machine_key

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


def _wait_limit() -> float:
    """Seconds to wait for another process writing the memory ($BRIEFING_MEMORY_WAIT, 300)."""
    try:
        return max(0.0, float(settings.current().environment.get("BRIEFING_MEMORY_WAIT", "300")))
    except ValueError:
        return 300.0


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


class Memory:
    def __init__(self, path: Path, on_wait: Callable[[str], None] = lambda text: None) -> None:
        self.path = path
        self.on_wait = on_wait
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=5, isolation_level=None)
            self.db.execute("PRAGMA busy_timeout = 5000")
            self._locked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
            self._locked(lambda: self.db.executescript(_SCHEMA))
            verdict = self.db.execute("PRAGMA quick_check(1)").fetchone()[0]
            strange = self._foreign_schema()
        except (OSError, sqlite3.Error) as err:
            message = f"{path}: cannot open the segment memory ({err}); move it aside to start anew"
            raise BriefingError(message) from None
        if verdict != "ok":
            raise BriefingError(f"{path}: the segment memory fails SQLite's integrity check ({verdict}); "
                                "move it aside to start anew")
        if strange:
            self.db.close()
            raise BriefingError(f"{path}: not a memory briefing wrote ({strange}); move it aside to start anew")

    def _foreign_schema(self) -> str:
        """What in the file this project never creates, or a table whose columns are not ours."""
        for kind, name in self.db.execute("SELECT type, name FROM sqlite_master ORDER BY type, name"):
            if (kind, name) not in _OBJECTS:
                return f"it holds a {kind} named {name!r}"
        for table, columns in _COLUMNS.items():
            found = [(row[1], row[2].upper()) for row in self.db.execute(f"PRAGMA table_info({table})")]
            if found != columns:
                return f"its {table} table has other columns"
        return ""

    def _locked(self, operation: Callable[[], object]):
        """`operation`, retried while another process holds the file locked (up to
        $BRIEFING_MEMORY_WAIT seconds, with one message); a full disk is one line."""
        deadline, told = time.monotonic() + _wait_limit(), False
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
                    raise BriefingError(f"{self.path}: locked by another process for over {_wait_limit():g} s; "
                                        "try again once it finishes (or raise BRIEFING_MEMORY_WAIT)") from None
                if not told:
                    self.on_wait(f"waiting for another process writing {self.path} …")
                    told = True

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
                found[keys[key]] = target
        return found

    def lookup(self, model: str, source_lang: str, target_lang: str, inputs: Iterable[str]) -> dict[str, str]:
        """The stored translations of those model inputs that have one."""
        found = self._select(
            "machine", {machine_key(model, source_lang, target_lang, text): text for text in inputs}
        )
        if found:
            now = time.time()
            hits = [(now, machine_key(model, source_lang, target_lang, text)) for text in found]
            self._locked(lambda: self.db.executemany("UPDATE machine SET used = ? WHERE key = ?", hits))
        return found

    def store(self, model: str, source_lang: str, target_lang: str, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record (model input, source sentence, model output) rows in one transaction."""
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
        def run() -> None:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(statement, values)

        self._locked(run)

    # ---------------------------------------------------------------- upkeep

    def pairs(self, include_machine: bool = True) -> list[Pair]:
        rows = [Pair(s, t, sentence, target, HUMAN) for s, t, sentence, target in
                self.db.execute(f"SELECT source_lang, target_lang, sentence, target FROM human WHERE {_TEXT_ROWS} "
                                "ORDER BY created")]
        if include_machine:
            edited = {(p.source_lang, p.target_lang, p.sentence) for p in rows}
            for s, t, sentence, target in self.db.execute(
                f"SELECT source_lang, target_lang, sentence, target FROM machine WHERE {_TEXT_ROWS} ORDER BY created"
            ):
                if (s, t, sentence) not in edited:
                    rows.append(Pair(s, t, sentence, target, MACHINE))
        return rows

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
        cursor = self._locked(lambda: self.db.execute(f"DELETE FROM machine WHERE {' AND '.join(clauses)}", values))
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return cursor.rowcount
