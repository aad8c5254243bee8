"""`translate`: sources in, briefings written. Every decision of a run is here: the routes, the
glossary, which sources to read and skip, the memory, the one pass over the engine, the files."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.addresses import Location
from briefing.glossary.model import Glossary
from briefing.languages import Target, parse_language
from briefing.output.batch import Reviewed, write_batch_report
from briefing.output.contents import Format, RenderOptions
from briefing.output.rendering import Outputs, already_written, output_path, write_briefings
from briefing.pipeline.callbacks import SILENT, Callbacks, Notice
from briefing.quality.analysis import Conflict, analyse_all, conflicts
from briefing.quality.enforcing import Strategy
from briefing.sources.document import Document
from briefing.sources.reading import distinct_names, read_documents, source_files
from briefing.translation.engine import Engine, EngineOptions
from briefing.translation.job import Routes, cross_language, plan_routes, prepare, progress_total, translate_job
from briefing.translation.memory import memory_exists, open_memory
from briefing.translation.models import installed_packages
from briefing.translation.types import Briefing, Translator

READING_PHASE, TRANSLATING_PHASE, WRITING_PHASE = "Reading", "Translating", "Writing"


@dataclass(frozen=True)
class TranslateRequest:
    sources: Sequence[Path]  # files, folders, or "-" for standard input
    targets: Sequence[str]  # languages or locales: ar, fr_CA
    source_lang: str = "en"
    out_dir: Path = Path("briefings")
    formats: Sequence[Format] = ("md", "json")
    render: RenderOptions = RenderOptions()
    engine: EngineOptions = EngineOptions()
    glossary_paths: Sequence[Path] = ()  # none: $BRIEFING_GLOSSARY, else ./glossary/, else no glossary
    enforce: Strategy = "inline"
    memory: Location | None = None  # a file or postgresql://…; none: $BRIEFING_MEMORY, else the user's default
    use_memory: bool = True
    report_date: dt.date | None = None  # for sources that do not state theirs
    force: bool = False  # overwrite outputs a reviewer edited (keeping .bak copies)
    skip_existing: bool = False
    debug: bool = False  # a check that fails on a segment raises instead of being reported
    cluster: str | None = None  # a Dask scheduler's address, or local:N; none: this process translates


@dataclass
class TranslateResult:
    out_dir: Path
    briefings: list[Briefing] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line per source that could not be read
    sources: int = 0  # translated
    targets: int = 0
    sentences: int = 0  # distinct sentences
    seconds: float = 0.0

    @property
    def problems(self) -> bool:
        """The QA reports found something to verify."""
        return any(b.qa.problems for b in self.briefings if b.qa)


def translate(request: TranslateRequest, callbacks: Callbacks = SILENT,
              engine: Translator | None = None) -> TranslateResult:
    """Translate the request's sources into every target and write the briefings. A source that
    cannot be read is reported (a notice and `failures`) while the others are translated; a
    missing model or an unusable glossary fails before any work."""
    started = time.perf_counter()
    source = parse_language(request.source_lang).language
    targets = list(dict.fromkeys(parse_language(code) for code in request.targets))
    routes = plan_routes(installed_packages(), source, targets)
    owned = engine is None
    if engine is None and request.cluster:
        from briefing.translation.cluster import ClusterEngine

        engine = ClusterEngine(request.cluster, request.engine)
    elif engine is None:
        engine = Engine(request.engine)
        if not request.use_memory or not memory_exists(request.memory):  # the model will be needed
            engine.preload([package for route in routes.values() for package in route])
    try:
        return _translate(request, callbacks, engine, source, targets, routes, started)
    finally:
        if isinstance(engine, Engine):
            engine.settle()
        elif owned:
            engine.close()


def _translate(request: TranslateRequest, callbacks: Callbacks, engine: Translator, source: str, targets: list[Target],
               routes: Routes, started: float) -> TranslateResult:
    glossary = _glossary(request.glossary_paths, callbacks)
    documents, failures = _documents(request, targets, callbacks, getattr(engine, "read_sources", None))
    result = TranslateResult(request.out_dir, failures=failures, sources=len(documents), targets=len(targets))
    if not documents:
        return result
    job = prepare(documents, source)
    analyses = analyse_all(job.distinct, glossary, source)
    for conflict in conflicts(analyses.values()):
        callbacks.notice(Notice("warning", _conflict_line(conflict, glossary)))
    with contextlib.ExitStack() as stack:
        memory = stack.enter_context(open_memory(request.memory, _noticed(callbacks))) if request.use_memory else None
        total = progress_total(job, targets, routes, glossary)
        advance = stack.enter_context(callbacks.phase(TRANSLATING_PHASE, total))
        briefings = translate_job(job, targets, routes, engine, glossary, request.enforce,
                                  advance, memory, request.render.digits, request.debug, analyses)
    callbacks.check()  # stopped after the last batch: still nothing is written
    outputs = Outputs(request.formats, request.render, glossary,
                      {"strategy": request.enforce, "glossary": [str(f) for f in glossary.files]},
                      cross_language(briefings))
    with callbacks.phase(WRITING_PHASE, len(briefings)) as advance:  # QA boxes, PDFs: the slow part after the model
        result.written = write_briefings(briefings, request.out_dir, outputs, request.force, advance)
    result.written += write_batch_report([Reviewed(f"{b.document.name}.{b.target.locale}", b.target.locale, b.qa,
                                                   _readable(b, request)) for b in briefings], request.out_dir)
    result.briefings, result.sentences = briefings, len(job.distinct)
    result.seconds = time.perf_counter() - started
    return result


def _readable(briefing: Briefing, request: TranslateRequest) -> str:
    """The file of a briefing the batch report links to: the one a person reads."""
    suffix = next((fmt for fmt in ("html", "pdf", "docx", "md") if fmt in request.formats), "json")
    if suffix in ("html", "pdf") and request.render.layout == "review":
        suffix = f"review.{suffix}"
    return output_path(request.out_dir, briefing, suffix).name


def _conflict_line(conflict: Conflict, glossary: Glossary) -> str:
    return (f"{conflict.text!r} is named by two entries, {conflict.winner} ({glossary.where(conflict.winner)}) and "
            f"{conflict.loser} ({glossary.where(conflict.loser)}): {conflict.winner} comes first and is used")


def _glossary(paths: Sequence[Path], callbacks: Callbacks) -> Glossary:
    """The glossary to enforce; translating without one is allowed, with a warning."""
    from briefing.glossary.files import load

    if paths or os.environ.get("BRIEFING_GLOSSARY") or Path("glossary").is_dir():
        return load(paths)
    callbacks.notice(Notice("warning", "no glossary (./glossary/ or --glossary): names are not enforced"))
    return Glossary()


def _documents(request: TranslateRequest, targets: list[Target], callbacks: Callbacks,
               reader: Callable | None = None) -> tuple[list[Document], list[str]]:
    """The sources to translate, with output names unique within the run; a line for each
    source that cannot be read. `reader`: where the engine parses them itself (a cluster's workers)."""
    files, failures = source_files(list(request.sources))
    with callbacks.phase(READING_PHASE, len(files)) as advance:  # a PDF takes a moment
        if reader is None:
            readable, unreadable = read_documents(files, request.report_date, advance)
        else:
            readable, unreadable = reader(files, request.report_date, advance)
    failures += unreadable
    for failure in failures:
        callbacks.notice(Notice("error", failure))
    documents, renames = distinct_names(readable)
    for note in renames:
        callbacks.notice(Notice("note", note))
    if request.skip_existing:
        done = [d for d in documents if already_written(d.name, [t.locale for t in targets], request.out_dir)]
        documents = [d for d in documents if d not in done]
        if done:
            callbacks.notice(Notice("info", f"skipped {len(done)} source(s) already translated in {request.out_dir}/"))
    return documents, failures


def _noticed(callbacks: Callbacks):
    """A waiting memory's message, as a note to whoever listens."""
    return lambda text: callbacks.notice(Notice("note", text))
