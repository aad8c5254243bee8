"""The stages of `translate` once its models are loading: the glossary, which sources to read
and skip, the analysis, the memory, the one pass over the engine, the files."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing.glossary.model import Glossary
from briefing.languages import Target
from briefing.output.batch import Reviewed, write_batch_report
from briefing.output.rendering import Outputs, already_written, output_path, write_briefings
from briefing.pipeline.callbacks import READING_PHASE, TRANSLATING_PHASE, WRITING_PHASE, Callbacks, Notice
from briefing.pipeline.translate_request import TranslateRequest, TranslateResult
from briefing.quality.analysis import Conflict, analyse_all, conflicts
from briefing.sources.document import Document
from briefing.sources.reading import distinct_names, read_documents, source_files
from briefing.translation.job import cross_language, prepare, progress_total, translate_job
from briefing.translation.memory import open_memory
from briefing.translation.models import Routes
from briefing.translation.translator import Translator
from briefing.translation.types import Briefing


def run(request: TranslateRequest, callbacks: Callbacks, engine: Translator, source: str, targets: list[Target],
        routes: Routes, started: float) -> TranslateResult:
    """Everything after the routes: glossary, sources, analysis, the one engine pass, the files."""
    glossary = _glossary(request.glossary_paths, callbacks)
    documents, failures = _documents(request, targets, callbacks, getattr(engine, "read_sources", None))
    result = TranslateResult(request.out_dir, failures=failures, sources=len(documents), targets=len(targets))
    if not documents:
        return result
    job = prepare(documents, source)
    analyses = analyse_all(job.distinct, glossary, source)
    claimed = conflicts(analyses.values())
    for conflict in claimed:
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
                      cross_language(briefings), [_conflict_record(c, glossary) for c in claimed])
    with callbacks.phase(WRITING_PHASE, len(briefings)) as advance:  # QA boxes, PDFs: the slow part after the model
        result.written = write_briefings(briefings, request.out_dir, outputs, request.force, advance)
    result.written += write_batch_report([Reviewed(f"{b.document.name}.{b.target.locale}", b.target.locale, b.qa,
                                                   _readable(b, request)) for b in briefings], request.out_dir,
                                         outputs.conflicts)
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


def _conflict_record(conflict: Conflict, glossary: Glossary) -> dict:
    """A conflict as the QA reports keep it: the words, the entry used and the one passed over, with their files."""
    return {"text": conflict.text, "used": conflict.winner, "used_file": glossary.where(conflict.winner),
            "other": conflict.loser, "other_file": glossary.where(conflict.loser)}


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
