"""The segment memory on a PostgreSQL server: one memory for a desk's machines, where a SQLite
file cannot be shared safely (network file systems break its locks).

The same rows and the same behaviour as the SQLite memory (`memory.Memory`): machine output
keyed on what the model saw, reviewers' corrections keyed on the sentence, the newest
correction winning. Every write is one transaction with ON CONFLICT, so that many machines
writing at once lose nothing; a machine translation never touches the corrections' table.
The schema is versioned in `briefing_schema` and migrated under an advisory lock, so two
machines starting at once do not both create it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from briefing.addresses import shown_address, without_secrets
from briefing.errors import BriefingError, UsageError
from briefing.translation.memory_rows import HUMAN, MACHINE, Pair, human_key, machine_key, wait_limit

SCHEMA_VERSION = 1
_MIGRATIONS = {  # version: the statements that bring the schema from the version before to it
    1: ["""CREATE TABLE machine (
               key TEXT PRIMARY KEY, model TEXT NOT NULL, source_lang TEXT NOT NULL, target_lang TEXT NOT NULL,
               model_input TEXT NOT NULL, sentence TEXT NOT NULL, target TEXT NOT NULL,
               created DOUBLE PRECISION NOT NULL, used DOUBLE PRECISION NOT NULL)""",
        """CREATE TABLE human (
               key TEXT PRIMARY KEY, source_lang TEXT NOT NULL, target_lang TEXT NOT NULL, sentence TEXT NOT NULL,
               target TEXT NOT NULL, origin TEXT NOT NULL, created DOUBLE PRECISION NOT NULL)""",
        "CREATE INDEX machine_used ON machine (used)"],
}
def _statement_seconds() -> int:
    """How long one statement may take: twice the memory's wait for a lock, and 10 s at least."""
    return max(2 * max(1, int(wait_limit())), 10)


def _bounds() -> dict:
    """Connection settings that bound every wait: the connection itself, each statement, each
    lock (another client's, for $BRIEFING_MEMORY_WAIT seconds), and a dead peer (TCP keepalives
    and a user timeout). A server that keeps the connection open and says nothing is the
    client's own to bound: see `PostgresMemory._guarded`."""
    wait = max(1, int(wait_limit()))
    return {"connect_timeout": 10, "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
            "keepalives_count": 3, "tcp_user_timeout": 30_000,
            "options": f"-c lock_timeout={wait * 1000} -c statement_timeout={_statement_seconds() * 1000}"}


_SCHEMA_LOCK = 0x62726566  # pg_advisory_xact_lock's key while the schema is created or migrated


class PostgresMemory:
    def __init__(self, url: str, on_wait: Callable[[str], None] = lambda text: None) -> None:
        try:
            import psycopg
        except ImportError:
            raise BriefingError("a PostgreSQL memory needs psycopg: pip install 'briefing[postgres]'") from None
        self.path = shown_address(url)
        self.on_wait = on_wait
        self._errors = psycopg.Error
        self._url = url
        self._severed = False
        try:
            self.db = psycopg.connect(url, autocommit=True, **_bounds())
        except psycopg.Error as err:
            raise BriefingError(f"{self.path}: cannot connect to the segment memory ({self._reason(err)})") from None
        with self._guarded():
            self._migrate()

    @contextmanager
    def _guarded(self, outcome: str = "") -> Iterator[None]:
        """A server error (connection lost, disk full, permission) as one line; a server that
        stops answering, past its own statement timeout and five seconds more, has its connection
        cut here (libpq's wait for a reply has no end of its own), which is the same one line."""
        seconds = _statement_seconds() + 5
        watchdog = threading.Timer(seconds, self._sever)
        watchdog.daemon = True
        watchdog.start()
        try:
            yield
        except self._errors as err:
            reason = f"no answer for {seconds} s" if self._severed else self._reason(err)
            raise BriefingError(f"{self.path}: the segment memory failed ({reason}){outcome}") from None
        finally:
            watchdog.cancel()

    def _sever(self) -> None:
        """Shut the connection's socket down: the read libpq waits in ends, and psycopg raises."""
        self._severed = True
        with contextlib.suppress(OSError, ValueError, AttributeError), \
                socket.socket(fileno=os.dup(self.db.pgconn.socket)) as connection:
            connection.shutdown(socket.SHUT_RDWR)

    def _reason(self, err: Exception) -> str:
        """The server's or libpq's message in one line, without the password it may echo."""
        return without_secrets(" ".join(str(err).split())[:200], self._url) or type(err).__name__

    def _migrate(self) -> None:
        """Bring the schema to this version; nothing at all when it is current, so that a desk's
        least-privileged user (no CREATE on its schema) works on a memory set up for it."""
        current = self.db.execute("SELECT to_regclass('briefing_schema') IS NOT NULL").fetchone()[0] and (
            self.db.execute("SELECT max(version) FROM briefing_schema").fetchone()[0] == SCHEMA_VERSION)
        if current:
            return
        with self.db.transaction():
            self.db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            self.db.execute("CREATE TABLE IF NOT EXISTS briefing_schema (version INTEGER NOT NULL)")
            version = self.db.execute("SELECT max(version) FROM briefing_schema").fetchone()[0] or 0
            if version > SCHEMA_VERSION:
                raise BriefingError(f"{self.path}: the memory's schema is version {version}, newer than this "
                                    f"briefing's {SCHEMA_VERSION}; upgrade briefing")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[step]:
                    self.db.execute(statement)
                self.db.execute("INSERT INTO briefing_schema VALUES (%s)", (step,))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> PostgresMemory:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _select(self, table: str, keys: dict[str, str]) -> dict[str, str]:
        with self._guarded():
            rows = self.db.execute(f"SELECT key, target FROM {table} WHERE key = ANY(%s)", (list(keys),)).fetchall()
        return {keys[key]: target for key, target in rows}

    def lookup(self, model: str, source_lang: str, target_lang: str, inputs: Iterable[str]) -> dict[str, str]:
        keys = {machine_key(model, source_lang, target_lang, text): text for text in inputs}
        found = self._select("machine", keys)
        if found:
            hits = [key for key, text in keys.items() if text in found]
            with self._guarded():
                self.db.execute("UPDATE machine SET used = %s WHERE key = ANY(%s)", (time.time(), hits))
        return found

    def store(self, model: str, source_lang: str, target_lang: str, rows: Iterable[tuple[str, str, str]]) -> None:
        now = time.time()
        values = [(machine_key(model, source_lang, target_lang, model_input), model, source_lang, target_lang,
                   model_input, sentence, target, now, now) for model_input, sentence, target in rows]
        self._write("INSERT INTO machine VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE "
                    "SET target = EXCLUDED.target, used = EXCLUDED.used", values)

    def edits(self, source_lang: str, target_lang: str, sentences: Iterable[str]) -> dict[str, str]:
        return self._select("human", {human_key(source_lang, target_lang, s): s for s in sentences})

    def record_edits(self, pairs: Iterable[tuple[str, str, str, str]], origin: str) -> int:
        """The newest correction of a sentence wins, whichever machine records it first."""
        now = time.time()
        values = [(human_key(s, t, sentence), s, t, sentence, target, origin, now) for s, t, sentence, target in pairs]
        self._write("INSERT INTO human VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE "
                    "SET target = EXCLUDED.target, origin = EXCLUDED.origin, created = EXCLUDED.created "
                    "WHERE human.created <= EXCLUDED.created", values)
        return len(values)

    def _write(self, statement: str, values: list[tuple]) -> None:
        if not values:
            return
        with self._guarded("; none of these rows was recorded"), self.db.transaction(), self.db.cursor() as cursor:
            cursor.executemany(statement, values)

    def pairs(self, include_machine: bool = True) -> list[Pair]:
        with self._guarded():
            rows = [Pair(*row[:4], HUMAN, *row[4:]) for row in self.db.execute(
                "SELECT source_lang, target_lang, sentence, target, origin, created FROM human ORDER BY created, key")]
            if include_machine:
                rows += [Pair(*row[:4], MACHINE, *row[4:]) for row in self.db.execute(
                    "SELECT m.source_lang, m.target_lang, m.sentence, m.target, m.model, m.created FROM machine m "
                    "WHERE NOT EXISTS "
                    "(SELECT 1 FROM human h WHERE h.source_lang = m.source_lang AND h.target_lang = m.target_lang "
                    "AND h.sentence = m.sentence) ORDER BY m.created, m.key")]
        return rows

    def forget(self, source_lang: str, target_lang: str, sentence: str) -> int:
        with self._guarded():
            return self.db.execute("DELETE FROM human WHERE key = %s",
                                   (human_key(source_lang, target_lang, sentence),)).rowcount

    def stats(self) -> dict:
        with self._guarded():
            machine = self.db.execute("SELECT model, source_lang, target_lang, COUNT(*) FROM machine "
                                      "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").fetchall()
            human = self.db.execute("SELECT source_lang, target_lang, COUNT(*) FROM human GROUP BY 1, 2 "
                                    "ORDER BY 1, 2").fetchall()
            size = self.db.execute("SELECT pg_total_relation_size('machine') + pg_total_relation_size('human')"
                                   ).fetchone()[0]
        return {"path": self.path, "bytes": int(size),
                "machine": [{"model": m, "pair": f"{s}→{t}", "segments": n} for m, s, t, n in machine],
                "human": [{"pair": f"{s}→{t}", "segments": n} for s, t, n in human]}

    def prune(self, older_than_days: float | None = None, model: str | None = None) -> int:
        clauses, values = [], []
        if older_than_days is not None:
            clauses.append("used < %s")
            values.append(time.time() - older_than_days * 86400)
        if model is not None:
            clauses.append("model = %s")
            values.append(model)
        if not clauses:
            raise UsageError("say what to prune: --older-than DAYS and/or --model NAME")
        with self._guarded():
            return self.db.execute(f"DELETE FROM machine WHERE {' AND '.join(clauses)}", values).rowcount
