"""Sentence segmentation, offline and rule-based (pysbd), with offsets into the block text.

pysbd keeps abbreviations ("Dr.", "M."), initials, decimals, "1,000" and quoted sentences
together, needs no model download (argostranslate's default splitter does), and knows en/fr/ar.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from briefing.sources.reading import Document

_NOT_FINAL = "،؛,;:"  # punctuation that never ends a sentence


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: which block it is in and where (character offsets)."""

    block: int
    start: int
    end: int
    text: str


@cache
def _segmenter(lang: str):
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    return pysbd.Segmenter(language=lang if lang in LANGUAGE_CODES else "en", clean=False, char_span=True)


WINDOW = 2000  # pysbd's cost grows with the square of what it is given: give it windows


def _windows(text: str) -> list[tuple[int, int]]:
    """Cut a long text into windows of at most WINDOW characters, each ending after a sentence
    end (". ", "? ", a line break) where there is one, so that segmenting stays linear."""
    if len(text) <= WINDOW:
        return [(0, len(text))]
    windows, start = [], 0
    while start < len(text):
        end = min(start + WINDOW, len(text))
        if end < len(text):
            cut = max(text.rfind(mark, start + WINDOW // 2, end) for mark in (". ", "? ", "! ", "\n", "。", "؟ "))
            end = cut + 1 if cut > start else (text.rfind(" ", start + WINDOW // 2, end) + 1 or end)
        windows.append((start, end))
        start = end
    return windows


_RULES = "1"  # what the spans are made by: raise it when the segmentation rules change

def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, surrounding white space excluded."""
    spans = []
    for offset, stop in _windows(text):
        for start, end in _spans(text[offset:stop], lang):
            start, end = start + offset, end + offset
            if spans and text[spans[-1][1] - 1] in _NOT_FINAL:
                spans[-1] = (spans[-1][0], end)  # pysbd's Arabic rules end sentences at "،": rejoin
            else:
                spans.append((start, end))
    return spans or ([(0, len(text.strip()))] if text.strip() else [])


def _spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans = []
    for span in _segmenter(lang).segment(text):
        start, end = span.start, span.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def segment(document: Document, lang: str) -> list[Sentence]:
    """The document's sentences. pysbd is the slowest step of a re-run that the segment memory
    answers (0.7 s per 1,000 paragraphs), so the spans of a document already seen are read
    back from the disk cache, keyed on its paragraphs' text."""
    from briefing import caching

    texts = [block.text for block in document.blocks]
    key = caching.content_key("sentence-spans", _RULES, lang, *texts)
    spans = caching.load("segments", key)
    if not (isinstance(spans, list) and len(spans) == len(texts)):
        spans = [sentence_spans(text, lang) for text in texts]
        caching.store("segments", key, spans)
    return [Sentence(block=index, start=start, end=end, text=text[start:end])
            for index, text in enumerate(texts) for start, end in spans[index]]
