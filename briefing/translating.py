"""The `translate` job: documents in, one Briefing per document and target language out."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.engine import Engine
from briefing.languages import Target
from briefing.models import InstalledPackage, find_route
from briefing.reading import Document
from briefing.segmenting import Sentence, segment


@dataclass(frozen=True)
class Segment:
    """One translated sentence, aligned to its place in the source document."""

    index: int
    block: int
    start: int
    end: int
    source: str
    target: str


@dataclass
class Briefing:
    document: Document
    source_lang: str
    target: Target
    segments: list[Segment]
    route: list[InstalledPackage]
    timings: dict[str, float] = field(default_factory=dict)

    def block_texts(self) -> list[str]:
        """The translated text of each source block, its sentences joined."""
        texts: list[list[str]] = [[] for _ in self.document.blocks]
        for seg in self.segments:
            texts[seg.block].append(seg.target)
        return [" ".join(parts) for parts in texts]


def plan_routes(
    packages: list[InstalledPackage], source_lang: str, targets: Sequence[Target]
) -> dict[str, list[InstalledPackage]]:
    """Resolve every language's route before any work, so a missing model fails at once."""
    return {t.language: find_route(packages, source_lang, t.language) for t in targets}


@dataclass(frozen=True)
class Job:
    """Segmented documents and the distinct sentences to translate (each only once)."""

    documents: Sequence[Document]
    source_lang: str
    sentences: list[list[Sentence]]
    distinct: list[str]
    segment_seconds: float


def prepare(documents: Sequence[Document], source_lang: str) -> Job:
    started = time.perf_counter()
    sentences = [segment(doc, source_lang) for doc in documents]
    distinct = list(dict.fromkeys(s.text for doc in sentences for s in doc))
    return Job(documents, source_lang, sentences, distinct, time.perf_counter() - started)


def translate_job(
    job: Job,
    targets: Sequence[Target],
    routes: dict[str, list[InstalledPackage]],
    engine: Engine,
    progress: Callable[[int], None] | None = None,
) -> list[Briefing]:
    """Translate the job's distinct sentences once per target language, then realign them."""
    translated: dict[str, dict[str, str]] = {}
    seconds: dict[str, float] = {}
    for language in dict.fromkeys(t.language for t in targets):
        started = time.perf_counter()
        outputs = engine.translate(routes[language], job.distinct, progress)
        translated[language] = dict(zip(job.distinct, outputs, strict=False))
        seconds[language] = time.perf_counter() - started

    briefings = []
    for doc, doc_sentences in zip(job.documents, job.sentences, strict=False):
        for target in targets:
            table = translated[target.language]
            segments = [
                Segment(i, s.block, s.start, s.end, s.text, table[s.text]) for i, s in enumerate(doc_sentences)
            ]
            timings = {"segment_s": round(job.segment_seconds, 4), "translate_s": round(seconds[target.language], 4)}
            briefings.append(Briefing(doc, job.source_lang, target, segments, routes[target.language], timings))
    return briefings
