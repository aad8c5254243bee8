"""The translation engine: a model's tokenizer and CTranslate2 weights (an Argos package, or an
NLLB-200 or OPUS-MT model converted for CTranslate2, each pair with its family's conventions:
the tokens that frame its input and start its output).

Every sentence of every source goes to CTranslate2 in one asynchronous `translate_batch` call
per package, run the way CTranslate2's performance guide says is fastest on a CPU: sorted by
length and cut into batches of at most 2,048 tokens (not of N sentences), spread over parallel
workers (`inter_threads`) that share one copy of the weights, each on one core
(`intra_threads=1`); results are taken as they finish. ctranslate2 and sentencepiece are imported
only here, and only when a translation is actually needed.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing.errors import BriefingError
from briefing.translation.models import InstalledPackage, ModelChoice, ModelMissing, plan_routes
from briefing.translation.tokenizers import TokenizerError, load_tokenizer
from briefing.translation.translator import ModelRef, Progress, Route, Routes, Translator

if TYPE_CHECKING:
    from briefing.languages import Target

Scored = tuple[str, float]  # a translation and the model's mean log-probability per token


Device = Literal["auto", "cpu", "cuda"]


@dataclass(frozen=True)
class EngineOptions:
    beam_size: int = 2
    threads: int = 0  # 0: every core this process may use
    compute_type: str = "auto"
    device: Device = "auto"  # auto: CUDA when CTranslate2 sees a GPU, else the CPU
    max_batch_tokens: int = 2048
    max_piece_tokens: int = 200  # longer inputs are cut at word boundaries, never truncated
    models: ModelChoice = ModelChoice()  # which model where several give a pair


@dataclass(frozen=True)
class Layout:
    """Where and how CTranslate2 runs: its device, compute type and threads."""

    device: str
    compute_type: str
    inter_threads: int  # batches translated at once, sharing the weights
    intra_threads: int  # threads within one batch


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def layout(options: EngineOptions) -> Layout:
    """The fastest layout for `options`: on a CPU one worker per core, each single-threaded
    (`--threads N`: N workers); on a GPU one worker, in float16 with int8 weights where it can."""
    import ctranslate2

    gpus = ctranslate2.get_cuda_device_count()
    if options.device == "cuda" and not gpus:
        raise BriefingError("--device cuda: CTranslate2 sees no CUDA GPU here (no driver, or a CPU-only "
                            "build); use --device cpu or auto")
    if options.device == "cuda" or (options.device == "auto" and gpus):
        compute = options.compute_type
        if compute == "auto":
            supported = ctranslate2.get_supported_compute_types("cuda")
            compute = next((kind for kind in ("int8_float16", "float16") if kind in supported), "auto")
        return Layout("cuda", compute, 1, 1)
    workers = options.threads or usable_cores()
    return Layout("cpu", options.compute_type, workers, 1)


def _chunks(pieces: list[str], limit: int, word_start: Callable[[str, str | None], bool]) -> list[list[str]]:
    """Cut an over-long input at word starts (SentencePiece "▁", the end of a BPE "@@" run) into
    parts of at most `limit` pieces: CTranslate2 would otherwise silently truncate it."""
    if len(pieces) <= limit:
        return [pieces]
    chunks: list[list[str]] = []
    current: list[str] = []
    for piece in pieces:
        starts = word_start(piece, current[-1] if current else None)
        if len(current) >= limit or (len(current) >= limit * 3 // 4 and starts):
            chunks.append(current)
            current = []
        current.append(piece)
    return chunks + ([current] if current else [])


POLL_SECONDS = 0.005  # what a finished batch or load may wait to be seen: 5 ms, at 200 cheap checks a second


def _wait(done: Callable[[], bool], progress: Progress) -> None:
    """Wait in Python, not inside CTranslate2: Ctrl+C and the progress bar keep answering (a
    signal handler runs only when the main thread is in the interpreter)."""
    while not done():
        time.sleep(POLL_SECONDS)
        progress(0)


def _submitted(submit: Callable[[], list], progress: Progress) -> list:
    """The asynchronous results of one `translate_batch` call, submitted from a helper thread:
    handing thousands of sentences over blocks until CTranslate2's queue has room for them."""
    import threading

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["results"] = submit()
        except Exception as err:  # handed back to the main thread below
            outcome["error"] = err

    helper = threading.Thread(target=run, name="ctranslate2-submit", daemon=True)
    helper.start()
    _wait(lambda: not helper.is_alive(), progress)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["results"]


class PackageTranslator:
    """One loaded package; loading (the slow part) happens once, in the constructor."""

    def __init__(self, package: InstalledPackage, options: EngineOptions) -> None:
        import ctranslate2

        self.package = package
        self.options = options
        try:
            chosen = layout(options)
            self.translator = ctranslate2.Translator(
                str(package.model_dir),
                device=chosen.device,
                compute_type=chosen.compute_type,
                inter_threads=chosen.inter_threads,
                intra_threads=chosen.intra_threads,
            )
            # after the weights: in a background load the caller is done with its own work by then
            self.tokenizer = load_tokenizer(package.path, package.from_code, package.to_code)
        except (OSError, RuntimeError, ValueError, TokenizerError) as err:
            raise BriefingError(f"cannot load model {package.name} ({package.path}): {err}") from None

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[Scored]:
        """Each sentence's translation and the model's mean log-probability per token (of its
        parts, for an input cut at word starts)."""
        if not sentences:
            return []
        pieces: list[list[str]] = []
        owners: list[int] = []  # which sentence each model input belongs to
        for index, sentence in enumerate(sentences):
            encoded = self.tokenizer.encode(sentence)
            for chunk in _chunks(encoded, self.options.max_piece_tokens, self.tokenizer.word_start):
                pieces.append(self._framed(chunk))
                owners.append(index)
        last = [i == len(owners) - 1 or owners[i + 1] != owner for i, owner in enumerate(owners)]
        outputs = self._translate_pieces(pieces, last, progress)
        joined: list[list[Scored]] = [[] for _ in sentences]
        for owner, output in zip(owners, outputs, strict=True):
            joined[owner].append(output)
        return [(" ".join(text for text, _ in parts), sum(score for _, score in parts) / len(parts))
                for parts in joined]

    def _translate_pieces(self, tokens: list[list[str]], last: list[bool], progress: Progress | None
                          ) -> list[Scored]:
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        prefix = [[self.package.target_prefix]] * len(order) if self.package.target_prefix else None
        longest = max(len(t) for t in tokens)
        options = dict(target_prefix=prefix, max_batch_size=self.options.max_batch_tokens, batch_type="tokens",
                       beam_size=self.options.beam_size, max_decoding_length=min(512, 2 * longest + 16),
                       replace_unknowns=True, return_scores=True)
        try:
            inputs = [tokens[i] for i in order]
            if progress is None:
                results = self.translator.translate_batch(inputs, **options)
            else:
                results = _submitted(lambda: self.translator.translate_batch(inputs, asynchronous=True, **options),
                                     progress)
            translations: list[Scored] = [("", 0.0)] * len(tokens)
            for position, result in zip(order, results, strict=True):
                if progress is not None:
                    _wait(result.done, progress)
                    result = result.result()
                    progress(1 if last[position] else 0)
                translations[position] = (self._detokenize(result.hypotheses[0]),
                                          result.scores[0] if result.scores else 0.0)
        except RuntimeError as err:
            raise BriefingError(f"model {self.package.name} failed: {err}") from None
        return translations

    def for_pair(self, package: InstalledPackage) -> PackageTranslator:
        """This loaded model, following another pair's conventions (one NLLB model, every pair)."""
        if package == self.package:
            return self
        view = copy.copy(self)
        view.package = package
        return view

    def _framed(self, pieces: list[str]) -> list[str]:
        """A model input as the model's family writes it: NLLB's source language token first and
        "</s>" last; Marian's target token first in a multilingual model's input."""
        return [*self.package.source_prefix, *pieces, *self.package.source_suffix]

    def alternatives(self, sentences: Sequence[str], count: int) -> list[list[str]]:
        """The n-best after the best, by a beam at least `count` + 1 wide; none for an input
        longer than one model input (its parts' alternatives would not make a sentence's)."""
        encoded = [self._framed(self.tokenizer.encode(sentence)) for sentence in sentences]
        framing = len(self.package.source_prefix) + len(self.package.source_suffix)
        fits = [i for i, pieces in enumerate(encoded) if len(pieces) <= self.options.max_piece_tokens + framing]
        found: list[list[str]] = [[] for _ in sentences]
        if not fits or count < 1:
            return found
        prefix = [[self.package.target_prefix]] * len(fits) if self.package.target_prefix else None
        try:
            results = self.translator.translate_batch(
                [encoded[i] for i in fits], target_prefix=prefix, beam_size=max(self.options.beam_size, count + 1),
                num_hypotheses=count + 1, max_batch_size=self.options.max_batch_tokens, batch_type="tokens",
                max_decoding_length=min(512, 2 * max(len(encoded[i]) for i in fits) + 16), replace_unknowns=True)
        except RuntimeError as err:
            raise BriefingError(f"model {self.package.name} failed: {err}") from None
        for index, result in zip(fits, results, strict=True):
            found[index] = [self._detokenize(hypothesis) for hypothesis in result.hypotheses[1:]]
        return found

    def _detokenize(self, pieces: list[str]) -> str:
        prefix = self.package.target_prefix
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        special = self.package.special
        return self.tokenizer.decode([piece for piece in pieces if piece not in special] if special else pieces)


class Engine(Translator):
    """CTranslate2 over the installed models (Argos packages, converted models): loads each
    model once, for all its pairs (one load at a time, whoever asks: two requests of a server
    never load one model twice) and translates through a route (direct or pivot)."""

    def __init__(self, options: EngineOptions | None = None, packages: Path | None = None) -> None:
        import threading

        self.options = options or EngineOptions()
        self.packages_dir = packages  # none: the folder of the settings in force
        self._packages: dict[ModelRef, InstalledPackage] = {}  # a model's pair → this machine's copy
        self._loaded: dict[Path, PackageTranslator] = {}  # a model's folder → the model, loaded once for its pairs
        self._loading: dict[Path, tuple] = {}  # folder → (thread, outcome) of a load under way
        self._lock = threading.RLock()

    def routes(self, source: str, targets: Sequence[Target]) -> Routes:
        planned = plan_routes(self._installed(), source, targets, choice=self.options.models)
        with self._lock:
            self._packages.update((p.ref, p) for route in planned.values() for p in route)
        return {language: [package.ref for package in route] for language, route in planned.items()}

    def _installed(self) -> list:
        from briefing.translation.converted import installed_models

        return installed_models(self.packages_dir)

    def package(self, model: ModelRef | InstalledPackage) -> InstalledPackage:
        """This machine's copy of a model of a route (planned here, or by a cluster's client)."""
        if isinstance(model, InstalledPackage):
            return model
        with self._lock:
            if model not in self._packages:
                found = next((pair for m in self._installed() if m.name == model.name
                              and (pair := m.for_pair(model.source, model.target)) is not None
                              and pair.version == model.version), None)
                if found is None:
                    raise ModelMissing(f"model {model.name} {model.version} ({model.pair}) is not installed here")
                self._packages[model] = found
            return self._packages[model]

    def preload(self, models: Sequence[ModelRef | InstalledPackage]) -> None:
        """Start loading `models` in the background, so that the weights are read while the
        sources are (the first `translator` call waits for its load to finish)."""
        import threading

        # Imported here, not in the thread: importing holds the interpreter (60 ms), and done while
        # the caller imports its own modules it would take twice as long; reading the weights does not.
        import ctranslate2  # noqa: F401

        for package in map(self.package, models):
            with self._lock:
                if package.path in self._loaded or package.path in self._loading:
                    continue
                outcome: dict = {}

                def load(package: InstalledPackage = package, outcome: dict = outcome) -> None:
                    try:
                        outcome["translator"] = PackageTranslator(package, self.options)
                    except BaseException as err:  # handed to whoever asks for the translator
                        outcome["error"] = err

                thread = threading.Thread(target=load, name=f"load-{package.name}", daemon=True)
                thread.start()
                self._loading[package.path] = (thread, outcome)

    def settle(self) -> None:
        """Wait for the loads under way (a run that ends early must not leave the interpreter
        while CTranslate2 is still building a model)."""
        for thread, _ in list(self._loading.values()):
            thread.join()

    def model_id(self, route: Route) -> str:
        options = self.options
        return f"{super().model_id(route)}|beam={options.beam_size}|{options.compute_type}"

    def translator(self, model: ModelRef | InstalledPackage) -> PackageTranslator:
        package = self.package(model)
        return self._loaded_model(package).for_pair(package)

    def _loaded_model(self, package: InstalledPackage) -> PackageTranslator:
        with self._lock:  # the first caller loads (or waits for the background load); the others wait for it
            if package.path not in self._loaded:
                loading = self._loading.pop(package.path, None)
                if loading is None:
                    self._loaded[package.path] = PackageTranslator(package, self.options)
                else:
                    thread, outcome = loading
                    _wait(lambda: not thread.is_alive(), lambda n: None)  # Ctrl+C is still answered
                    if "error" in outcome:
                        raise outcome["error"]
                    self._loaded[package.path] = outcome["translator"]
            return self._loaded[package.path]

    def alternatives(self, route: Route, sentences: Sequence[str], count: int) -> list[list[str]]:
        if not sentences or not route or count < 1:
            return [[] for _ in sentences]
        return _last_step_alternatives(self, route, sentences, count)

    def translate_scored(
        self, route: Route, sentences: Sequence[str], progress: Progress | None = None
    ) -> list[tuple[str, float | None]]:
        """The translations and their scores: the per-token log-probabilities of every step of
        the route added (a pivot is as sure as its two steps together)."""
        results: list[tuple[str, float | None]] = [(text, 0.0) for text in sentences]
        if not results:
            return []  # nothing to translate: load no model
        for model in route:  # every step of a pivot route reports its sentences as they finish
            step = self.translator(model).translate([text for text, _ in results], progress)
            results = [(text, (before or 0.0) + score)
                       for (text, score), (_, before) in zip(step, results, strict=True)]
        return results


def _last_step_alternatives(engine: Engine, route: Route, sentences: Sequence[str], count: int) -> list[list[str]]:
    """A route's alternatives: its first steps' best translations, then the last step's n-best."""
    texts = [text for text, _ in engine.translate_scored(route[:-1], sentences)] if len(route) > 1 else sentences
    return engine.translator(route[-1]).alternatives(texts, count)


def ctranslate2_engine(context) -> Engine:
    """The registry's factory (briefing.translation.engines)."""
    return Engine(context.options)
