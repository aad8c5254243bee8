"""Where a segment memory lives: a SQLite file, or a PostgreSQL server named by its address.
Told apart in one place for the configuration, the command line and the memory itself."""

from __future__ import annotations

from pathlib import Path

DATABASE_SCHEMES = ("postgresql://", "postgres://")
Location = Path | str  # a file, or an address such as postgresql://user@host/db


def is_database(location: object) -> bool:
    return isinstance(location, str) and location.startswith(DATABASE_SCHEMES)
