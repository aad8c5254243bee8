"""Which language a text is in, offline: lingua's bundled models, limited to the languages that
matter here (English, French, Arabic and whatever the installed models translate), which makes
it both faster and surer than guessing among 75."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

ALWAYS = ("en", "fr", "ar")


@dataclass(frozen=True)
class Guess:
    language: str
    confidence: float  # 0–100, as LibreTranslate gives it


@functools.lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in codes:
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except ValueError:  # a code lingua does not know: it cannot be guessed, only named
            continue
    if len(languages) < 2:
        languages = [Language.ENGLISH, Language.FRENCH, Language.ARABIC]
    return LanguageDetectorBuilder.from_languages(*languages).build()


SAMPLE = 4000  # characters of a document enough to tell its language, and cheap (a few ms)
SURE = 80.0  # the confidence past which a source is taken to be in another language than --from


def other_language(text: str, expected: str) -> Guess | None:
    """The language a source surely is in when it is not `expected` (an Arabic report given as
    English), or None: the same language, too little text, an unsure guess, or no detector
    installed. Judged on the first SAMPLE characters."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 30:
        return None
    try:
        guesses = detect(sample, [expected])
    except ImportError:
        return None
    if guesses and guesses[0].language != expected and guesses[0].confidence >= SURE:
        return guesses[0]
    return None


def detect(text: str, among: Iterable[str] = ()) -> list[Guess]:
    """Ranked guesses, surest first; an empty list for a text with nothing to go on."""
    codes = tuple(sorted(set(ALWAYS) | {code.split("_")[0] for code in among}))
    values = _detector(codes).compute_language_confidence_values(text)
    return [Guess(value.language.iso_code_639_1.name.lower(), round(value.value * 100, 1))
            for value in values if value.value > 0]
