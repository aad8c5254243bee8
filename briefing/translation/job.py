"""The `translate` job: documents in, one Briefing per document and target language out.

Every distinct source sentence is analysed once (glossary mentions, figures). Per target
language: protect its glossary terms, take what the segment memory already has (reviewers'
corrections first), translate the rest in one engine call, repair the output; per document and
target locale: localize it and check it (the QA report). Each stage reads the one analysis.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.glossary.model import Glossary
from briefing.languages import Target
from briefing.quality.analysis import SourceAnalysis, analyse_all
from briefing.quality.checking import Checker, Report
from briefing.quality.enforcing import Enforcer, Repair, Strategy
from briefing.quality.statuses import TermStatus
from briefing.sources.document import Document
from briefing.sources.segmenting import Sentence, segment
from briefing.translation.localizing import Digits, Localizer, prepare_locales
from briefing.translation.memory_rows import HUMAN, MACHINE, SegmentMemory
from briefing.translation.translator import ModelRef, Progress, Routes, Translator
from briefing.translation.types import Briefing, Segment


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
    confidence: float | None = None


@dataclass(frozen=True)
class _Pass:
    """One target language's translations of every distinct sentence, and its checker."""

    checker: Checker
    table: dict[str, _Translated]
    seconds: float


def glossary_tables(targets: Sequence[Target], glossary: Glossary | None,
                    corrected: frozenset[str] = frozenset()) -> dict[str, str]:
    """Each target locale's table: the locale's own (fr_CA) when the glossary has regional forms
    for it or reviewers' corrections are kept under it (`corrected`), else its language's; a
    translation pass is made per table, so a Canadian desk's wording never enters France's."""
    return {t.locale: t.locale if t.locale != t.language and (
        t.locale in corrected or glossary is not None and glossary.has_table(t.locale)) else t.language
        for t in targets}


def corrected_locales(job: Job, targets: Sequence[Target], memory: SegmentMemory | None) -> frozenset[str]:
    """The regional locales of `targets` for which the memory keeps corrections of the job's sentences."""
    if memory is None:
        return frozenset()
    return frozenset(t.locale for t in targets
                     if t.locale != t.language and memory.edits(job.source_lang, t.locale, job.distinct))


def progress_total(job: Job, targets: Sequence[Target], routes: Routes, glossary: Glossary | None = None,
                   corrected: frozenset[str] = frozenset()) -> int:
    tables = dict.fromkeys(glossary_tables(targets, glossary, corrected).values())
    return sum(len(job.distinct) * max(len(routes[table.split("_")[0]]), 1) for table in tables)


def translate_job(
    job: Job,
    targets: Sequence[Target],
    routes: Routes,
    engine: Translator,
    glossary: Glossary | None = None,
    strategy: Strategy = "inline",
    progress: Progress | None = None,
    memory: SegmentMemory | None = None,
    digits: Digits = "locale",
    raise_errors: bool = False,
    analyses: dict[str, SourceAnalysis] | None = None,
    corrected: frozenset[str] | None = None,
) -> list[Briefing]:
    """Translate the job's distinct sentences once per target language, then realign them.
    `progress` is told of every sentence as it finishes, once per step of its route: see
    `progress_total`. `analyses` of the distinct sentences, and the `corrected_locales`, are
    found here unless given."""
    glossary = glossary or Glossary()
    analyses = analyses or analyse_all(job.distinct, glossary, job.source_lang)
    corrected = corrected_locales(job, targets, memory) if corrected is None else corrected
    tables = glossary_tables(targets, glossary, corrected)
    prepare_locales(t.locale for t in targets)  # before the engine's first call, which may wait for its model
    passes = {}
    for table in dict.fromkeys(tables.values()):
        checker = Checker(glossary, job.source_lang, table, raise_errors)
        passes[table] = _translate_language(job, analyses, checker, routes[checker.target_lang], engine, strategy,
                                            progress, memory)
    return [_briefing(job, document, sentences, target, analyses, passes[tables[target.locale]], routes, digits)
            for document, sentences in zip(job.documents, job.sentences, strict=True) for target in targets]


def _translate_language(job: Job, analyses: dict[str, SourceAnalysis], checker: Checker,
                        route: list[ModelRef], engine: Translator, strategy: Strategy,
                        progress: Progress | None, memory: SegmentMemory | None) -> _Pass:
    started = time.perf_counter()
    language = checker.target_lang
    enforcer = Enforcer(checker, strategy)
    human = memory.edits(job.source_lang, checker.target_table, job.distinct) if memory else {}
    if progress is not None and human:
        progress(len(human) * len(route))
    inputs = {sentence: enforcer.protect(analyses[sentence]) for sentence in job.distinct if sentence not in human}
    outputs = _machine_outputs(inputs, route, engine, memory, job.source_lang, language, progress)
    table = {sentence: _Translated(sentence, target, [], HUMAN) for sentence, target in human.items()}
    for sentence, model_input in inputs.items():
        output, score = outputs[model_input]
        enforced = enforcer.repair(analyses[sentence], output)
        confidence = round(math.exp(score), 4) if score is not None else None
        table[sentence] = _Translated(model_input, enforced.target, enforced.repairs, MACHINE, confidence)
    return _Pass(checker, table, time.perf_counter() - started)


def _machine_outputs(
    inputs: dict[str, str], route: list[ModelRef], engine: Translator, memory: SegmentMemory | None,
    source_lang: str, language: str, progress: Progress | None,
) -> dict[str, tuple[str, float | None]]:
    """Model output for every distinct model input, with the model's score: from memory (no
    score), else from one engine call."""
    unique = list(dict.fromkeys(inputs.values()))
    model = engine.model_id(route)
    cached = memory.lookup(model, source_lang, language, unique) if memory else {}
    if progress is not None:  # progress counts sentence × route steps; these need no model
        progress((len(inputs) - len(unique) + len(cached)) * len(route))
    misses = [text for text in unique if text not in cached]
    fresh = dict(zip(misses, engine.translate_scored(route, misses, progress), strict=True)) if misses else {}
    if memory and fresh:
        sentence_of = {model_input: sentence for sentence, model_input in reversed(inputs.items())}
        memory.store(model, source_lang, language, [(i, sentence_of[i], out) for i, (out, _) in fresh.items()])
    return {text: (output, None) for text, output in cached.items()} | fresh


def _briefing(job: Job, document: Document, sentences: list[Sentence], target: Target,
              analyses: dict[str, SourceAnalysis], done: _Pass, routes: Routes, digits: Digits) -> Briefing:
    """One document in one target locale: its sentences' translations localized, then checked."""
    localizer = Localizer(target.locale, digits)
    segments = []
    for i, sentence in enumerate(sentences):
        translated = done.table[sentence.text]
        text = (translated.target if translated.origin == HUMAN
                else localizer.localize(analyses[sentence.text].figures, translated.target))
        segments.append(Segment(i, sentence.block, sentence.start, sentence.end, sentence.text, text,
                                translated.model_input, tuple(translated.repairs), translated.origin,
                                translated.confidence))
    checks = [done.checker.check(s.index, analyses[s.source], s.target, s.origin) for s in segments]
    timings = {"segment_s": round(job.segment_seconds, 4), "translate_s": round(done.seconds, 4)}
    return Briefing(document, job.source_lang, target, segments, routes[target.language],
                    Report(job.source_lang, target.language, checks), timings)


def cross_language(briefings: Sequence[Briefing]) -> dict[str, list[dict]]:
    """Per source document: each entry's status in every target language, and whether they agree."""
    by_document: dict[str, dict[str, dict[str, str]]] = {}
    for briefing in briefings:
        entries = by_document.setdefault(str(briefing.document.path), {})
        for report in briefing.qa.segments if briefing.qa else []:
            for term in report.terms:
                statuses = entries.setdefault(term.entry, {})
                previous = statuses.get(briefing.target.locale, TermStatus.OK)
                statuses[briefing.target.locale] = previous if previous != TermStatus.OK else term.status
    return {
        document: [
            {"entry": entry, "statuses": statuses, "consistent": all(s == TermStatus.OK for s in statuses.values())}
            for entry, statuses in entries.items()
        ]
        for document, entries in by_document.items()
    }
