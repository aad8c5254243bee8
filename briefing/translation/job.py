"""The `translate` job: documents in, one Briefing per document and target language out.

Per target language: protect glossary terms in every distinct sentence, take what the segment
memory already has (reviewers' corrections first), translate the rest in one engine call, repair
the output, localize it for the target locale, then check it (the QA report).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.errors import UsageError
from briefing.glossary.model import Glossary
from briefing.languages import Target
from briefing.quality.checking import Checker, Report
from briefing.quality.enforcing import Enforcer, Repair
from briefing.sources.reading import Block, Document
from briefing.sources.segmenting import Sentence, segment
from briefing.translation.localizing import Localizer
from briefing.translation.memory import HUMAN, MACHINE, Memory
from briefing.translation.models import InstalledPackage, find_route


class Translator:
    """What the job needs from an engine: one batch of sentences through a route."""

    def translate(self, route: Sequence[InstalledPackage], sentences: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[str]:
        raise NotImplementedError

    def model_id(self, route: Sequence[InstalledPackage]) -> str:
        """What the memory keys machine output on: the route and anything that changes output."""
        return "+".join(f"{p.name}@{p.version}" for p in route) or type(self).__name__


@dataclass(frozen=True)
class Segment:
    """One translated sentence, aligned to its place in the source document."""

    index: int
    block: int
    start: int
    end: int
    source: str
    target: str
    model_input: str = ""
    repairs: tuple[Repair, ...] = ()
    origin: str = MACHINE


@dataclass
class Briefing:
    document: Document
    source_lang: str
    target: Target
    segments: list[Segment]
    route: list[InstalledPackage]
    qa: Report | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def block_texts(self) -> list[str]:
        """The translated text of each source block, its sentences joined."""
        texts: list[list[str]] = [[] for _ in self.document.blocks]
        for seg in self.segments:
            texts[seg.block].append(seg.target)
        return [" ".join(parts) for parts in texts]

    def title(self) -> str | None:
        """The translated title, when the source has one (a Markdown heading or front matter)."""
        return next((text for block, text in self._blocks() if block.text == self.document.title), None)

    def body(self) -> list[tuple[Block, str]]:
        """(source block, its translation) in reading order, the title left out."""
        return [(block, text) for block, text in self._blocks() if block.text != self.document.title]

    def _blocks(self) -> list[tuple[Block, str]]:
        return list(zip(self.document.blocks, self.block_texts(), strict=True))


def plan_routes(
    packages: list[InstalledPackage], source_lang: str, targets: Sequence[Target]
) -> dict[str, list[InstalledPackage]]:
    """Resolve every language's route before any work, so a missing model fails at once."""
    for target in targets:
        if target.language == source_lang:
            raise UsageError(f"--to {target} is the language of the sources (--from {source_lang})")
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


@dataclass
class _Translated:
    model_input: str
    target: str
    repairs: list[Repair]
    origin: str = MACHINE


def _machine_outputs(
    inputs: dict[str, str], route: list[InstalledPackage], engine: Translator, memory: Memory | None,
    source_lang: str, language: str, progress: Callable[[int], None] | None,
) -> dict[str, str]:
    """Model output for every distinct model input: from memory, else from one engine call."""
    unique = list(dict.fromkeys(inputs.values()))
    model = engine.model_id(route)
    cached = memory.lookup(model, source_lang, language, unique) if memory else {}
    if progress is not None:  # progress counts sentence × route steps; these need no model
        progress((len(inputs) - len(unique) + len(cached)) * len(route))
    misses = [text for text in unique if text not in cached]
    fresh = dict(zip(misses, engine.translate(route, misses, progress), strict=True)) if misses else {}
    if memory and fresh:
        sentence_of = {model_input: sentence for sentence, model_input in reversed(inputs.items())}
        memory.store(model, source_lang, language, [(i, sentence_of[i], out) for i, out in fresh.items()])
    return cached | fresh


def progress_total(job: Job, targets: Sequence[Target], routes: dict[str, list[InstalledPackage]]) -> int:
    return sum(len(job.distinct) * max(len(routes[language]), 1) for language in dict.fromkeys(t.language
                                                                                               for t in targets))


def translate_job(
    job: Job,
    targets: Sequence[Target],
    routes: dict[str, list[InstalledPackage]],
    engine: Translator,
    glossary: Glossary | None = None,
    strategy: str = "inline",
    progress: Callable[[int], None] | None = None,
    memory: Memory | None = None,
    digits: str = "locale",
) -> list[Briefing]:
    """Translate the job's distinct sentences once per target language, then realign them.
    `progress` is told of every sentence as it finishes, once per step of its route: see
    `progress_total`."""
    glossary = glossary or Glossary()
    results: dict[str, dict[str, _Translated]] = {}
    checkers: dict[str, Checker] = {}
    seconds: dict[str, float] = {}
    for language in dict.fromkeys(t.language for t in targets):
        started = time.perf_counter()
        checker = checkers[language] = Checker(glossary, job.source_lang, language)
        enforcer = Enforcer(checker, strategy)
        human = memory.edits(job.source_lang, language, job.distinct) if memory else {}
        if progress is not None and human:
            progress(len(human) * len(routes[language]))
        inputs = {sentence: enforcer.protect(sentence) for sentence in job.distinct if sentence not in human}
        outputs = _machine_outputs(inputs, routes[language], engine, memory, job.source_lang, language, progress)
        table = {sentence: _Translated(sentence, target, [], HUMAN) for sentence, target in human.items()}
        for sentence, model_input in inputs.items():
            enforced = enforcer.repair(sentence, outputs[model_input])
            table[sentence] = _Translated(model_input, enforced.target, enforced.repairs)
        results[language] = table
        seconds[language] = time.perf_counter() - started

    briefings = []
    for doc, doc_sentences in zip(job.documents, job.sentences, strict=True):
        for target in targets:
            table = results[target.language]
            localizer = Localizer(target.locale, digits)
            segments = []
            for i, s in enumerate(doc_sentences):
                done = table[s.text]
                text = done.target if done.origin == HUMAN else localizer.localize(s.text, done.target, job.source_lang)
                segments.append(Segment(i, s.block, s.start, s.end, s.text, text, done.model_input,
                                        tuple(done.repairs), done.origin))
            checker = checkers[target.language]
            checks = [checker.check(g.index, g.source, g.target, g.origin) for g in segments]
            qa = Report(job.source_lang, target.language, checks)
            timings = {"segment_s": round(job.segment_seconds, 4), "translate_s": round(seconds[target.language], 4)}
            briefings.append(
                Briefing(doc, job.source_lang, target, segments, routes[target.language], qa, timings)
            )
    return briefings


def cross_language(briefings: Sequence[Briefing]) -> dict[str, list[dict]]:
    """Per source document: each entry's status in every target language, and whether they agree."""
    by_document: dict[str, dict[str, dict[str, str]]] = {}
    for briefing in briefings:
        entries = by_document.setdefault(str(briefing.document.path), {})
        for report in briefing.qa.segments if briefing.qa else []:
            for term in report.terms:
                statuses = entries.setdefault(term.entry, {})
                previous = statuses.get(briefing.target.locale, "ok")
                statuses[briefing.target.locale] = previous if previous != "ok" else term.status
    return {
        document: [
            {"entry": entry, "statuses": statuses, "consistent": all(s == "ok" for s in statuses.values())}
            for entry, statuses in entries.items()
        ]
        for document, entries in by_document.items()
    }
