"""The product as a long-running service: one process that keeps the models warm, the memory
open and the glossary in force (an edited glossary file is read again before the next batch),
and translates what arrives together in one pass. What `briefing serve` answers HTTP requests
with; nothing here knows HTTP.

One worker thread owns the engine calls, the memory and the glossary: requests queue for it,
and it takes every request waiting when it is free, so that sentences that arrive together
go through the engine together (by the same token batches as a run), and the memory answers
repeats without the model.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError, UsageError
from briefing.glossary.model import Glossary
from briefing.languages import Target, parse_language
from briefing.pipeline.texts import TEXT, Shaped, shaped
from briefing.settings import Settings
from briefing.translation.engine import EngineOptions
from briefing.translation.translator import Routes, Translator


class Unsupported(UsageError):
    """A language no installed model gives, or a pair none links: LibreTranslate's 400."""


@dataclass(frozen=True)
class ServiceOptions:
    engine: EngineOptions = EngineOptions()
    engine_name: str = "ctranslate2"
    glossary_paths: Sequence[Path] = ()  # none: the settings' glossary
    memory: str | Path | None = None  # none: the settings' memory
    use_memory: bool = True
    enforce: str = "inline"
    digits: str = "locale"


@dataclass
class TextResult:
    """One text's translation and what LibreTranslate does not say about it."""

    translated: str
    terms: list[dict] = field(default_factory=list)  # the glossary names found and how each came out
    findings: list[str] = field(default_factory=list)  # the QA report's problems, one phrase each
    confidence: float | None = None  # the model's probability per token of its least sure sentence (0–1)
    detected: dict | None = None  # {"language", "confidence"} where the source was "auto"
    alternatives: list[str] = field(default_factory=list)  # the model's next best translations of the text


@dataclass(frozen=True)
class _Texts:
    texts: tuple[str, ...]
    source: str  # a language code, or "auto"
    target: Target
    fmt: str
    alternatives: int = 0


class Service:
    def __init__(self, settings: Settings, options: ServiceOptions = ServiceOptions(),
                 engine: Translator | None = None) -> None:
        from briefing.translation import engines

        self.settings, self.options = settings, options
        self.engine = engine or engines.create(options.engine_name, engines.EngineContext(options.engine))
        self._queue: queue.Queue = queue.Queue()
        self._routes: dict[tuple[str, str], Routes] = {}
        self._glossary, self._glossary_state = Glossary(), None
        self._worker = threading.Thread(target=self._work, name="briefing-service", daemon=True)
        self._memory = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self._pairs: dict[str, list] | None = None

    # ---- life ------------------------------------------------------------------------------

    def start(self) -> Service:
        """Open the memory, read the glossary, start the worker; a model loads at its first use
        (or now: `warm`)."""
        self._worker.start()
        self._ready.wait()
        if self._failure is not None:
            raise self._failure
        return self

    def warm(self) -> None:
        """Load every model of every pair now, so that the first request waits for nothing."""
        models = {model for routes in self.pairs().values() for _, route in routes for model in route}
        with _settings(self.settings):
            self.engine.preload(sorted(models, key=lambda m: m.name))

    def stop(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=30)
        self.engine.close()

    # ---- what the models give ----------------------------------------------------------------

    def pairs(self) -> dict[str, list]:
        """Every source language → (target, route) for each target the installed models give,
        pivots included; read once (a model installed later is served after a restart)."""
        if self._pairs is None:
            from briefing.translation.converted import installed_models
            from briefing.translation.models import all_routes

            with _settings(self.settings):
                routes = all_routes(installed_models(), self.options.engine.models)
            found: dict[str, list] = {}
            for (source, target), route in routes.items():
                found.setdefault(source, []).append((target, [p.ref for p in route]))
            self._pairs = found
        return self._pairs

    def languages(self) -> list[dict]:
        """LibreTranslate's /languages: each language with a name and the targets it reaches."""
        from babel import Locale

        pairs = self.pairs()
        codes = sorted(set(pairs) | {target for routes in pairs.values() for target, _ in routes})
        return [{"code": code, "name": _name(code, Locale),
                 "targets": sorted(target for target, _ in pairs.get(code, []))} for code in codes]

    def detect(self, text: str) -> list[dict]:
        from briefing.pipeline.detecting import detect

        return [{"confidence": guess.confidence, "language": guess.language}
                for guess in detect(text, [entry["code"] for entry in self.languages()])]

    # ---- requests ------------------------------------------------------------------------------

    def translate(self, texts: Sequence[str], source: str, target: str, fmt: str = TEXT, alternatives: int = 0
                  ) -> concurrent.futures.Future:
        """The texts' translations (a Future of list[TextResult]), each with up to `alternatives`
        other translations (the model's n-best); a language that no model gives is refused at
        once (Unsupported), before the queue."""
        wanted = self._target(target)
        if source != "auto":
            self._source(source)
        return self._submit(("translate", _Texts(tuple(texts), source, wanted, fmt, alternatives)))

    def suggest(self, sentence: str, suggestion: str, source: str, target: str, accept: bool = False
                ) -> concurrent.futures.Future:
        """Record a human translation of `sentence` through the import guards (a Future of
        Recorded: refused with the reason where it changes a figure or drops a name)."""
        self._source(source)
        return self._submit(("suggest", (sentence, suggestion, source, self._target(target), accept)))

    def translate_document(self, name: str, data: bytes, source: str, target: str) -> concurrent.futures.Future:
        """A document's bytes (any format the CLI reads) translated into the same format where
        the product writes it, a PDF briefing for a PDF (a Future of (file name, bytes))."""
        self._source(source)
        return self._submit(("document", (name, data, source, self._target(target))))

    def review(self, briefing_json: Path):
        """A briefing of the served folder under review, checked against the glossary in force."""
        from briefing.pipeline.review import Review

        return Review(briefing_json, self._glossary)

    def save_review(self, briefing_json: Path, index: int, target: str, version: int, confirm: bool = False,
                    accept: bool = False, by: str = "") -> concurrent.futures.Future:
        """A reviewer's save of one sentence (a Future of Saved, Refused or Conflict), made by the
        worker that holds the memory, one at a time."""
        return self._submit(("review", (briefing_json, index, target, version, confirm, accept, by)))

    def concordance(self, text: str, limit: int = 50) -> concurrent.futures.Future:
        """Earlier human translations whose source or target holds `text` (case and accents
        aside): a Future of [{"source_lang", "target_lang", "sentence", "target"}]."""
        return self._submit(("concordance", (text, limit)))

    def glossary_lookup(self, text: str, limit: int = 20) -> list[dict]:
        """Glossary entries any of whose forms holds `text` (case and accents aside)."""
        from briefing.words import fold

        wanted = fold(text.strip())
        found = []
        for entry in self._glossary.entries.values():
            forms = {lang: [t.preferred, *t.admitted, *t.aliases] for lang, t in entry.terms.items()}
            if wanted and any(wanted in fold(form) for values in forms.values() for form in values):
                found.append({"id": entry.id, "kind": entry.kind, "note": entry.note,
                              "forms": {lang: t.preferred for lang, t in entry.terms.items()}})
            if len(found) >= limit:
                break
        return found

    def edit_glossary(self, entry_id: str, forms: dict[str, str], kind: str = "other", note: str = ""
                      ) -> concurrent.futures.Future:
        """Add the entry `entry_id` with a preferred form per language, or, where it exists, set
        those preferred forms: the rules of `glossary add` and `glossary set` (one form, one
        entry; a known language), in force from the next request (a Future of the file changed)."""
        return self._submit(("glossary", (entry_id, dict(forms), kind, note)))

    def _submit(self, item) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._queue.put((item, future))
        return future

    def _source(self, code: str) -> str:
        language = code.split("_")[0].split("-")[0]
        if language not in self.pairs():
            raise Unsupported(f"{code} is not supported")
        return language

    def _target(self, code: str) -> Target:
        try:
            wanted = parse_language(code.replace("-", "_"))
        except UsageError:
            raise Unsupported(f"{code} is not supported") from None
        if not any(wanted.language == target for routes in self.pairs().values() for target, _ in routes):
            raise Unsupported(f"{code} is not supported")
        return wanted

    # ---- the worker ------------------------------------------------------------------------------

    def _work(self) -> None:
        with _settings(self.settings), contextlib.ExitStack() as stack:
            try:
                self._memory = stack.enter_context(self._open_memory()) if self.options.use_memory else None
                self._refresh_glossary()
            except BaseException as err:  # told to start(), which raises it
                self._failure = err
                self._ready.set()
                return
            self._ready.set()
            while True:
                first = self._queue.get()
                if first is None:
                    return
                waiting = [first]
                with contextlib.suppress(queue.Empty):
                    while True:  # everything that arrived meanwhile goes through the engine with it
                        item = self._queue.get_nowait()
                        if item is None:
                            self._queue.put(None)
                            break
                        waiting.append(item)
                self._serve(waiting)

    def _open_memory(self):
        from briefing.translation.memory import open_memory

        return open_memory(self.options.memory)

    def _serve(self, waiting: list) -> None:
        with contextlib.suppress(BriefingError):  # a glossary being edited, unreadable: the last good one stays
            self._refresh_glossary()
        translations = [(item[1], future) for item, future in waiting if item[0] == "translate"]
        if translations:
            _settle(translations, self._translate_together)
        one_by_one = {"suggest": self._record, "document": self._document, "glossary": self._edit_glossary,
                      "concordance": self._concordance, "review": self._save_review}  # each request alone, in turn
        for (kind, payload), future in waiting:
            if kind in one_by_one:
                _settle([(payload, future)], lambda payloads, handle=one_by_one[kind]: [handle(*payloads[0])])

    def _refresh_glossary(self) -> None:
        """The glossary in force: read again whenever one of its files changed (or one was added)."""
        from briefing.glossary.files import glossary_files, load

        paths = list(self.options.glossary_paths) or list(self.settings.glossary_paths)
        try:
            files = glossary_files(paths)
        except UsageError:
            files = []
        state = tuple(_fingerprint(f) for f in files if f.exists())
        if state != self._glossary_state:
            self._glossary = load(paths) if files else Glossary()
            self._glossary_state = state

    def _routes_to(self, source: str, target: Target) -> Routes:
        key = (source, target.language)
        if key not in self._routes:
            self._routes[key] = self.engine.routes(source, [target])
        return self._routes[key]

    def _translate_together(self, requests: list[_Texts]) -> list[list[TextResult]]:
        """Every waiting request's texts in one job per language pair: one engine pass each."""
        from briefing.pipeline.detecting import detect

        shapes: list[list[tuple[Shaped, str, dict | None]]] = []
        for number, request in enumerate(requests):
            texts = []
            for index, text in enumerate(request.texts):
                detected = None
                source = request.source
                if source == "auto":
                    guesses = detect(text if len(text) > 40 else " ".join(request.texts), list(self.pairs()))
                    guess = guesses[0] if guesses else None
                    source = guess.language if guess and guess.language in self.pairs() else "en"
                    detected = {"confidence": guess.confidence if guess else 0.0, "language": source}
                texts.append((shaped(text, request.fmt, f"r{number}-{index}"), source, detected))
            shapes.append(texts)
        groups: dict[tuple[str, Target], list[tuple[int, int]]] = {}
        for number, texts in enumerate(shapes):
            for index, (_, source, _) in enumerate(texts):
                groups.setdefault((source, requests[number].target), []).append((number, index))
        results: list[list[TextResult | None]] = [[None] * len(texts) for texts in shapes]
        for (source, target), places in groups.items():
            briefings = self._briefings([shapes[n][i][0].document for n, i in places], source, target)
            for (number, index), briefing in zip(places, briefings, strict=True):
                shape, _, detected = shapes[number][index]
                results[number][index] = _result(shape, briefing, detected)
                wanted = requests[number].alternatives
                if wanted:
                    route = self._routes_to(source, target)[target.language]
                    results[number][index].alternatives = self._alternatives(shape, briefing, route, wanted)
        return results

    def _alternatives(self, shape: Shaped, briefing, route, count: int) -> list[str]:
        """The text again with each sentence's k-th n-best translation, for k up to `count`
        (a sentence with fewer keeps its best); none where the model gives none."""
        inputs = [segment.model_input or segment.source for segment in briefing.segments]
        others = self.engine.alternatives(route, inputs, count)
        texts = []
        for k in range(max((len(found) for found in others), default=0)):
            blocks: list[list[str]] = [[] for _ in briefing.document.blocks]
            for segment, found in zip(briefing.segments, others, strict=True):
                blocks[segment.block].append(found[k] if k < len(found) else segment.target)
            texts.append(shape.rebuilt([" ".join(parts) for parts in blocks]))
        return texts

    def _briefings(self, documents, source: str, target: Target):
        from briefing.translation.job import prepare, translate_job

        if source == target.language:
            raise Unsupported(f"{target.language} is the language of the text")
        routes = self._routes_to(source, target)
        job = prepare(documents, source)
        return translate_job(job, [target], routes, self.engine, self._glossary, self.options.enforce, None,
                             self._memory, self.options.digits)

    def _record(self, sentence: str, suggestion: str, source: str, target: Target, accept: bool):
        from briefing.pipeline.importing import record_corrections
        from briefing.translation.reviewing import Correction

        if self._memory is None:
            raise BriefingError("Suggestions are disabled on this server.")
        language = source.split("_")[0]
        return record_corrections([Correction(language, target.language, sentence.strip(), suggestion.strip())],
                                  self._memory, self._glossary, accept, origin="suggest")

    def _edit_glossary(self, entry_id: str, forms: dict[str, str], kind: str, note: str) -> Path:
        from briefing.glossary.files import entry_file, set_field
        from briefing.glossary.model import entry_from_options
        from briefing.pipeline.termbases import add_to_glossary

        paths = list(self.options.glossary_paths) or list(self.settings.glossary_paths)
        if entry_id in self._glossary.entries:
            for lang in forms:
                parse_language(lang)
            origin = entry_file(paths, entry_id)
            for lang, form in forms.items():
                set_field(origin, entry_id, f"{lang}.preferred", form)
        else:
            origin = add_to_glossary(entry_from_options(entry_id, kind, list(forms.items()), note=note), paths, None)
        self._refresh_glossary()
        return origin

    def _concordance(self, text: str, limit: int) -> list[dict]:
        from briefing.pipeline.curating import Concordance, find_pairs

        if self._memory is None or not text.split():
            return []
        return [{"source_lang": p.source_lang, "target_lang": p.target_lang, "sentence": p.sentence,
                 "target": p.target} for p in find_pairs(self._memory, Concordance(text, limit=limit))]

    def _save_review(self, path: Path, index: int, target: str, version: int, confirm: bool, accept: bool, by: str):
        return self.review(path).save(index, target, version, confirm=confirm, accept=accept, memory=self._memory,
                                      by=by)

    def _document(self, name: str, data: bytes, source: str, target: Target) -> tuple[str, bytes]:
        from briefing.output.rendering import briefing_bytes
        from briefing.sources.reading import parse_document

        path = Path(Path(name).name or "document.txt")
        document = parse_document(path, data)
        (briefing,) = self._briefings([document], source.split("_")[0], target)
        fmt, suffix = _written_as(path.suffix.lower())
        return f"{path.stem}.{target.locale}.{suffix}", briefing_bytes(briefing, [fmt], self._glossary)[fmt]


def _fingerprint(path: Path) -> tuple:
    """What tells an edited glossary file from the one read: its inode (an atomic write makes a
    new file), times and size, and for a file under 1 MB its content (an edit of the same size
    within one clock tick keeps the times)."""
    import hashlib

    status = path.stat()
    digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest() if status.st_size < (1 << 20) else b""
    return str(path), status.st_ino, status.st_mtime_ns, status.st_ctime_ns, status.st_size, digest


def _settings(settings: Settings):
    from briefing.settings import in_force

    return in_force(settings)


def _written_as(suffix: str) -> tuple[str, str]:
    """The format a translated document is written in: its own where the product writes it."""
    return {".docx": ("docx", "docx"), ".odt": ("docx", "docx"), ".html": ("html", "html"),
            ".htm": ("html", "html"), ".pdf": ("pdf", "pdf"), ".md": ("md", "md"),
            ".markdown": ("md", "md")}.get(suffix, ("md", "txt"))


def _settle(pairs: list, work: Callable[[list], list]) -> None:
    """Run `work` over the pairs' payloads and hand each future its result, or the error to all."""
    try:
        results = work([payload for payload, _ in pairs])
    except BaseException as err:  # the requests' error, not the worker's: it goes on
        for _, future in pairs:
            future.set_exception(err)
        return
    for (_, future), result in zip(pairs, results, strict=True):
        future.set_result(result)


def _result(shape: Shaped, briefing, detected: dict | None) -> TextResult:
    translated = shape.rebuilt(briefing.block_texts())
    report = briefing.qa
    terms = [{"entry": t.entry, "source_text": t.source_text, "target_text": t.target_text, "status": str(t.status)}
             for s in (report.segments if report else []) for t in s.terms]
    findings = [line for s in (report.segments if report else []) for line in s.problem_lines()]
    scores = [s.confidence for s in briefing.segments if s.confidence is not None]
    return TextResult(translated, terms, findings, round(min(scores), 4) if scores else None, detected)


def _name(code: str, locale_class) -> str:
    try:
        return locale_class.parse(code).get_display_name("en").split(" (")[0].capitalize()
    except (ValueError, TypeError, LookupError):
        return code

