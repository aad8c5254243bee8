"""Where a segment memory lives: a SQLite file, or a PostgreSQL server named by its address.
Told apart in one place for the configuration, the command line and the memory itself."""

from __future__ import annotations

import re
from pathlib import Path

DATABASE_SCHEMES = ("postgresql://", "postgres://")
Location = Path | str  # a file, or an address such as postgresql://user@host/db


def is_database(location: object) -> bool:
    return isinstance(location, str) and location.startswith(DATABASE_SCHEMES)


def shown_address(location: object) -> str:
    """A memory's location for messages and listings: a database address without its password."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", str(location))
