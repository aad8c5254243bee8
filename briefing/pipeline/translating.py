"""`translate`: sources in, briefings written; and its two halves, `make_briefings` (a Run:
briefings, reports, contents, nothing written) and `write_run`. The engine is made and asked
for its routes first, and starts loading its models; the stages (`translate_stages`) are
imported while CTranslate2 reads the weights: a model loads in about 0.25 s, the stages in 0.1 s."""

from __future__ import annotations

import time
from pathlib import Path

from briefing.errors import UsageError
from briefing.languages import parse_language
from briefing.pipeline.callbacks import SILENT, Callbacks
from briefing.pipeline.settings import for_call, from_environment
from briefing.pipeline.translate_request import Run, TranslateRequest, TranslateResult
from briefing.translation import engines
from briefing.translation.memory import memory_exists
from briefing.translation.models import ModelChoice
from briefing.translation.translator import Routes, Translator

__all__ = ["Run", "TranslateRequest", "TranslateResult", "make_briefings", "translate", "write_run"]


def translate(request: TranslateRequest, callbacks: Callbacks = SILENT,
              engine: Translator | None = None) -> TranslateResult:
    """Translate the request's sources into every target and write the briefings. A source that
    cannot be read is reported (a notice and `failures`) while the others are translated; a
    missing model or an unusable glossary fails before any work."""
    return write_run(make_briefings(request, callbacks, engine), callbacks=callbacks)


def make_briefings(request: TranslateRequest, callbacks: Callbacks = SILENT,
                   engine: Translator | None = None) -> Run:
    """The request's briefings and their QA reports, nothing written. `engine`: one the caller
    keeps (a server's warm models); none: the request's, made here and closed after."""
    with for_call(request.settings):
        return _make_briefings(request, callbacks, engine)


def _make_briefings(request: TranslateRequest, callbacks: Callbacks, engine: Translator | None) -> Run:
    started = time.perf_counter()
    source = parse_language(request.source_lang).language
    targets = list(dict.fromkeys(parse_language(code) for code in request.targets))
    owned = engine is None
    if engine is None:
        engine = _engine(request)
    try:
        routes = engine.routes(source, targets)
        _every_model_named_is_used(request.engine.models, routes, source)
        if owned and (not request.use_memory or not memory_exists(request.memory)):  # the model will be needed
            engine.preload([model for route in routes.values() for model in route])
        from briefing.pipeline import translate_stages  # imported while the weights load: 0.1 s of a run

        return translate_stages.make(request, callbacks, engine, source, targets, routes, started)
    finally:
        engine.close() if owned else engine.settle()


def _every_model_named_is_used(choice: ModelChoice, routes: Routes, source: str) -> None:
    """A --model that gives none of the run's pairs is an error, not silently unused (a server,
    which serves every pair, uses it where it gives one)."""
    used = {model.name for route in routes.values() for model in route}
    for name in choice.named:
        if name not in used:
            pairs = ", ".join(f"{source}→{target}" for target in routes)
            raise UsageError(f"--model {name}: gives none of the pairs of this run ({pairs}), or is not installed "
                             "(see 'briefing models list')")


def write_run(run: Run, out_dir: Path | None = None, callbacks: Callbacks = SILENT,
              force: bool | None = None) -> TranslateResult:
    """A run's briefings in its formats and the batch report, written together (all or none);
    by default where and as its request said."""
    from briefing.pipeline import translate_stages

    out_dir = run.request.out_dir if out_dir is None else out_dir
    with for_call(run.request.settings):
        return translate_stages.write(run, out_dir, callbacks, run.request.force if force is None else force)


def _engine(request: TranslateRequest) -> Translator:
    name = request.engine_name or ("cluster" if request.cluster else "ctranslate2")
    return engines.create(name, engines.EngineContext(request.engine, request.cluster, worker_setup=from_environment,
                                                      insecure=request.insecure_cluster))
