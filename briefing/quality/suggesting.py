"""`glossary suggest`: proper names in sources that the glossary does not cover yet.

Capitalised runs of words ("Rami Abdurrahman", "Defense Ministry", "Hayat Tahrir al-Sham")
are collected, joined across the small words names contain (al-, of, for, bin); a capitalised
word at the start of a sentence counts only if the sources also capitalise it elsewhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.glossary.model import Glossary
from briefing.quality.matching import Matcher
from briefing.sources.reading import Document
from briefing.sources.segmenting import segment

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_JOINERS = {"al", "el", "of", "for", "bin", "ibn", "de", "du", "la", "and"}
_COMMON = {
    "the", "a", "an", "in", "on", "at", "but", "and", "however", "according", "meanwhile", "some", "many",
    "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "his", "her", "their", "under",
    "after", "before", "since", "with", "while", "more", "most", "over", "photos", "residents", "witnesses",
    "authorities", "women", "gunmen", "bodies", "death", "government", "electricity", "friday", "saturday",
    "thursday", "sunday", "monday", "tuesday", "wednesday", "president", "former", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}


@dataclass(frozen=True)
class Suggestion:
    name: str
    count: int
    example: str

    def command(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        return f"briefing glossary add {slug} --kind other --term 'en={self.name}'"


def _is_capital(word: str) -> bool:
    return word[:1].isupper() or (word.lower().startswith(("al-", "el-")) and word[3:4].isupper())


def _runs(sentence: str, covered: list[tuple[int, int]]) -> list[tuple[bool, str]]:
    """(starts the sentence?, name) for each run of capitalised words not in the glossary."""
    words = [m for m in _WORD.finditer(sentence) if not any(a <= m.start() < b for a, b in covered)]
    runs: list[list[tuple[int, str]]] = []
    for index, match in enumerate(words):
        word = re.sub(r"['’]s$", "", match.group())
        gap = index > 0 and sentence[words[index - 1].end() : match.start()].strip() == ""
        joinable = _is_capital(word) or word.lower() in _JOINERS
        if joinable and runs and gap and runs[-1] and runs[-1][-1][0] == index - 1:
            runs[-1].append((index, word))
        elif _is_capital(word):
            runs.append([(index, word)])
    names = []
    for run in runs:
        while run and (run[0][1].lower() in _COMMON or run[0][1].lower() in _JOINERS):
            run = run[1:]
        while run and run[-1][1].lower() in _JOINERS:
            run = run[:-1]
        if run:
            initial = run[0][0] == 0 and sentence[: words[0].start()].strip(" “\"‘'") == ""
            names.append((initial, " ".join(word for _, word in run)))
    return names


def suggest(documents: Iterable[Document], glossary: Glossary, lang: str = "en", limit: int = 50) -> list[Suggestion]:
    matcher = Matcher(glossary, lang)
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    sentence_initial: Counter[str] = Counter()
    for document in documents:
        for sentence in segment(document, lang):
            covered = [(m.start, m.end) for m in matcher.find(sentence.text)]
            for initial, name in _runs(sentence.text, covered):
                if initial and len(name.split()) == 1:
                    sentence_initial[name] += 1  # "Residents said…": a name only if seen elsewhere
                    continue
                counts[name] += 1
                examples.setdefault(name, sentence.text)
    ranked = sorted(counts, key=lambda name: (-(counts[name] + sentence_initial[name]), name))
    return [Suggestion(name, counts[name] + sentence_initial[name], examples[name]) for name in ranked][:limit]
