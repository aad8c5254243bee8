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
    """A memory's location for messages and listings: a database address without its password,
    wherever the address carries it: after the user (up to the last "@" before the host, since
    a password may hold "@" and "/"), and as a `password=` parameter."""
    text = str(location)
    if not is_database(text):
        return text
    scheme, rest = text.split("://", 1)
    authority, query = (rest.split("?", 1) + [""])[:2]
    if "@" in authority:
        user, host = authority.rsplit("@", 1)
        authority = f"{user.split(':', 1)[0]}:***@{host}" if ":" in user else f"{user}@{host}"
    query = re.sub(r"(?i)(\bpassword=)[^&]*", r"\1***", query)
    return f"{scheme}://{authority}" + (f"?{query}" if query else "")


def without_secrets(message: str, location: object) -> str:
    """A message of the database's client (libpq's own words) with the address's password, and
    any piece of it, taken out: libpq echoes host names made of a password that holds "@"."""
    text = str(location)
    secrets = re.findall(r"(?i)\bpassword=([^&]+)", text)
    authority = text.split("://", 1)[-1].split("?", 1)[0]
    if "@" in authority and ":" in authority.rsplit("@", 1)[0]:
        secrets.append(authority.rsplit("@", 1)[0].split(":", 1)[1])
    for secret in sorted(secrets, key=len, reverse=True):
        for piece in [secret, *secret.split("@")]:
            if len(piece) >= 3:
                message = message.replace(piece, "***")
    return message
