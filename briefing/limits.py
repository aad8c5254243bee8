"""Limits a user can raise through the environment (sizes, times, waits): one reading rule for
all of them, so that a typo never turns a bound off."""

from __future__ import annotations

import os


def env_number(name: str, default: float) -> float:
    """$name as a positive number; the default when it is unset, not a number, or not above 0."""
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default
