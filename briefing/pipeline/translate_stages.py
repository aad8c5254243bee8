"""The stages of `translate` once its models are loading: the glossary, which sources to read
and skip, the analysis, the memory, the one pass over the engine (`make`: a Run, nothing
written); then the files (`write`)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from briefing import settings
from briefing.glossary.model import Glossary
from briefing.languages import Target
from briefing.output.batch import Reviewed, earlier_briefings, write_batch_report
from briefing.output.formats import linked
from briefing.output.rendering import Outputs, already_written, briefing_suffix, output_path, write_briefings
from briefing.pipeline.callbacks import READING_PHASE, TRANSLATING_PHASE, WRITING_PHASE, Callbacks, Notice
from briefing.pipeline.translate_request import Run, TranslateRequest, TranslateResult
from briefing.quality.analysis import Conflict, analyse_all, conflicts
from briefing.sources.document import Document
from briefing.sources.reading import distinct_names, source_files
from briefing.translation.job import corrected_locales, cross_language, prepare, progress_total, translate_job
from briefing.translation.memory import open_memory
from briefing.translation.memory_rows import CacheOnly
from briefing.translation.translator import Routes, Translator
from briefing.translation.types import Briefing


def make(request: TranslateRequest, callbacks: Callbacks, engine: Translator, source: str, targets: list[Target],
         routes: Routes, started: float) -> Run:
    """Everything after the routes: glossary, sources, analysis, the one engine pass; nothing written."""
    glossary = _glossary(request.glossary_paths, callbacks)
    documents, failures = _documents(request, targets, callbacks, engine.read_sources)
    result = Run(request, outputs=Outputs(request.formats, request.render, glossary), failures=failures,
                 sources=len(documents), targets=len(targets))
    if not documents:
        return result
    job = prepare(documents, source)
    analyses = analyse_all(job.distinct, glossary, source)
    claimed = conflicts(analyses.values())
    for conflict in claimed:
        callbacks.notice(Notice("warning", _conflict_line(conflict, glossary)))
    with contextlib.ExitStack() as stack:
        opened = stack.enter_context(open_memory(request.memory, _noticed(callbacks))) if request.use_memory else None
        memory = CacheOnly(opened) if opened else None
        corrected = corrected_locales(job, targets, memory)
        total = progress_total(job, targets, routes, glossary, corrected)
        advance = stack.enter_context(callbacks.phase(TRANSLATING_PHASE, total))
        briefings = translate_job(job, targets, routes, engine, glossary, request.enforce,
                                  advance, memory, request.render.digits, request.debug, analyses, corrected)
    if memory and memory.failure:
        failure = f"{memory.failure} (the briefings are written without the memory)"
        callbacks.notice(Notice("error", failure))
        result.failures.append(failure)
    callbacks.check()  # stopped after the last batch: still nothing is written
    result.outputs = Outputs(request.formats, request.render, glossary,
                             {"strategy": request.enforce, "glossary": [str(f) for f in glossary.files]},
                             cross_language(briefings), [_conflict_record(c, glossary) for c in claimed])
    result.briefings, result.sentences = briefings, len(job.distinct)
    result.seconds = time.perf_counter() - started
    return result


def write(run: Run, out_dir: Path, callbacks: Callbacks, force: bool = False) -> TranslateResult:
    """A run's briefings in every format of its outputs and the batch report, written together."""
    result = TranslateResult(out_dir, failures=run.failures, sources=run.sources, targets=run.targets)
    if not run.briefings:
        return result
    with callbacks.phase(WRITING_PHASE, len(run.briefings)) as advance:  # QA boxes, PDFs: the slow part
        result.written = write_briefings(run.briefings, out_dir, run.outputs, force, advance)
    reviewed = [Reviewed.of(f"{b.document.name}.{b.target.locale}", b.target.locale, b.qa,
                            _readable(b, run.outputs, out_dir)) for b in run.briefings]
    reviewed += earlier_briefings(out_dir, (item.name for item in reviewed))  # a partial re-run lists them all
    result.written += write_batch_report(reviewed, out_dir, run.outputs.conflicts)
    result.briefings, result.sentences, result.seconds = run.briefings, run.sentences, run.seconds
    return result


def _readable(briefing: Briefing, outputs: Outputs, out_dir: Path) -> str:
    """The file of a briefing the batch report links to: the one a person reads."""
    suffix = briefing_suffix(linked(list(outputs.formats)).name, outputs.options.layout)
    return output_path(out_dir, briefing, suffix).name


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

    in_force = settings.current()
    if paths or in_force.glossary_configured or in_force.glossary_paths[0].is_dir():
        return load(paths)
    callbacks.notice(Notice("warning", "no glossary (./glossary/ or --glossary): names are not enforced"))
    return Glossary()


def _documents(request: TranslateRequest, targets: list[Target], callbacks: Callbacks,
               reader: Callable) -> tuple[list[Document], list[str]]:
    """The sources to translate, with output names unique within the run; a line for each
    source that cannot be read. `reader`: the engine's (a cluster's workers parse them)."""
    files, failures = source_files(list(request.sources))
    with callbacks.phase(READING_PHASE, len(files)) as advance:  # a PDF takes a moment
        readable, unreadable = reader(files, request.report_date, advance)
    failures += unreadable
    readable, foreign = _in_language(readable, request.source_lang)
    failures += foreign
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


def _in_language(documents: list[Document], source_lang: str) -> tuple[list[Document], list[str]]:
    """The sources in the language they are to be translated from, and a line for each that
    surely is not (an Arabic or French report translated as English would be nonsense, exit 0)."""
    from babel import Locale

    from briefing.pipeline.detecting import other_language

    expected = source_lang.replace("-", "_").split("_")[0]
    kept, refused = [], []
    for document in documents:
        guess = other_language(" ".join(block.text for block in document.blocks[:40]), expected)
        if guess is None:
            kept.append(document)
            continue
        name, said = Locale(guess.language).get_display_name("en"), Locale(expected).get_display_name("en")
        refused.append(f"{document.path}: reads as {name} ({guess.confidence:g} %), not {said}: translate it with "
                       f"--from {guess.language}")
    return kept, refused


def _noticed(callbacks: Callbacks):
    """A waiting memory's message, as a note to whoever listens."""
    return lambda text: callbacks.notice(Notice("note", text))
