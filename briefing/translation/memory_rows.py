"""What a segment memory holds, whatever keeps it (a SQLite file, a PostgreSQL server): the two
kinds of rows and how they are keyed, defined once so that both stores find the same rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MACHINE, HUMAN = "machine", "human"


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def machine_key(model: str, source_lang: str, target_lang: str, model_input: str) -> str:
    """A machine translation: what the model saw, through which route, between which languages."""
    return _key("m", model, source_lang, target_lang, model_input)


def human_key(source_lang: str, target_lang: str, sentence: str) -> str:
    """A reviewer's correction: the source sentence and the languages alone."""
    return _key("h", source_lang, target_lang, sentence)


@dataclass(frozen=True)
class Pair:
    source_lang: str
    target_lang: str
    sentence: str
    target: str
    origin: str
