"""Limits a user can raise (sizes, times, waits): one reading rule for all of them, so that a
typo never turns a bound off. Their values come with the settings in force."""

from __future__ import annotations

from briefing import settings


def env_number(name: str, default: float) -> float:
    """The limit $name of the settings in force, as a positive number; else the default."""
    return settings.current().number(name, default)
