"""Translation on a Dask cluster, for runs past one machine (an archive, a leak): the sources
parsed on the workers (their bytes sent by the client), then the job's distinct model inputs cut
into batches, each batch a task on a worker that loads the model once and keeps it, the results
gathered in order by the client, which alone reads the memory, checks and writes. A worker that
dies has its tasks run again elsewhere (Dask's own scheduling); Ctrl+C cancels what is left.
Without --cluster none of this is imported.

`local:N` starts a LocalCluster of N worker processes on this machine; any other address is an
existing scheduler (tcp://host:8786) whose workers have briefing and the same model packages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from briefing import settings
from briefing.errors import BriefingError, UsageError
from briefing.languages import Target
from briefing.sources.document import Document
from briefing.translation.engine import Engine, EngineOptions, usable_cores
from briefing.translation.models import InstalledPackage, plan_routes
from briefing.translation.translator import Progress, Route, Routes, Translator

TASKS_PER_WORKER = 4  # at the least: enough to balance uneven batches and to lose little when a worker dies
_WORKER_ENGINES: dict[EngineOptions, Engine] = {}  # in each worker process: its engines, models loaded once


def translate_on_worker(route: Route, sentences: list[str], options: EngineOptions
                        ) -> list[tuple[str, float | None]]:
    """A task: one batch through the route on this worker's engine (loaded by its first task),
    each model of the route this worker's own copy."""
    engine = _WORKER_ENGINES.get(options)
    if engine is None:
        _restore_malloc()
        engine = _WORKER_ENGINES[options] = Engine(options)
    return engine.translate_scored(route, sentences)


def packages_on_worker() -> list[InstalledPackage]:
    """What a worker has installed (its own packages folder): the cluster's routes are made of these."""
    from briefing.translation.models import installed_packages

    return installed_packages()


def read_on_worker(path: Path, data: bytes, date: dt.date | None) -> Document | str:
    """A task: one source parsed on a worker (confined there as it is here); a source that
    cannot be read comes back as its one-line message."""
    from briefing.sources.reading import parse_document

    try:
        return parse_document(path, data, date)
    except BriefingError as err:
        return str(err)


def _restore_malloc() -> None:
    """Undo what Dask's nanny sets for its workers, MALLOC_TRIM_THRESHOLD_=65536: a fixed trim
    threshold also fixes glibc's mmap threshold, so every large buffer CTranslate2 allocates is
    a fresh mmap, and translation runs at half speed (measured: 300 sentences in 31.7 s against
    14.4 s). glibc's own defaults for a long-lived process, set at run time before the model loads."""
    import ctypes
    import ctypes.util

    if "MALLOC_TRIM_THRESHOLD_" not in settings.current().environment:
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        m_trim_threshold, m_mmap_threshold = -1, -3
        libc.mallopt(m_mmap_threshold, 32 << 20)
        libc.mallopt(m_trim_threshold, 64 << 20)
    except (OSError, AttributeError):  # not glibc: nothing to undo
        pass


def task_batches(sentences: Sequence[str], max_tokens: int, workers: int) -> list[list[int]]:
    """The sentences' indices in tasks: by length, as the engine batches them (a batch costs what
    its longest sentence does), each task about one engine batch of `max_tokens`, so that the
    scheduler balances the workers as CTranslate2 balances its own (a worker left with the few
    longest sentences would keep the others waiting); never fewer than TASKS_PER_WORKER each."""
    order = sorted(range(len(sentences)), key=lambda index: len(sentences[index]))
    budget = min(max_tokens, max(1, sum(_tokens(s) for s in sentences) // (workers * TASKS_PER_WORKER) + 1))
    tasks: list[list[int]] = [[]]
    used = 0
    for index in order:
        cost = _tokens(sentences[index])
        if tasks[-1] and used + cost > budget:
            tasks.append([])
            used = 0
        tasks[-1].append(index)
        used += cost
    return tasks


def _tokens(sentence: str) -> int:
    """About how many subword pieces a sentence makes (the workers' tokenizers are not loaded here)."""
    return len(sentence) // 4 + 2


@contextlib.contextmanager
def _workers_deaf_to_ctrl_c():
    """Worker processes started in here ignore SIGINT (the disposition survives their start):
    a Ctrl+C on the terminal reaches the whole process group, and it is this process's to
    answer — it cancels the run and stops the workers — not theirs to die of, tracebacks and all."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def parse_address(address: str) -> tuple[str, int]:
    """("local", N) for local:N, else ("scheduler", 0) for a scheduler's address."""
    if address.startswith("local:"):
        count = address.split(":", 1)[1]
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise UsageError(f"--cluster {address}: local:N takes a number of worker processes, 1 to 256")
        return "local", int(count)
    if "://" not in address and ":" not in address:
        raise UsageError(f"--cluster {address}: give a scheduler's address (tcp://host:8786) or local:N")
    return "scheduler", 0


class ClusterEngine(Translator):
    """A Translator whose batches run on a Dask cluster's workers."""

    def __init__(self, address: str, options: EngineOptions | None = None,
                 worker_setup: Callable[[], None] | None = None) -> None:
        """`worker_setup`: run once in each worker process before its first task, to say where
        its settings come from (a face passes its resolver: the worker's own environment); by
        default the workers take this process's settings."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BriefingError("--cluster needs Dask: pip install 'briefing[cluster]'") from None
        kind, workers = parse_address(address)
        options = options or EngineOptions()
        self.cluster = None
        try:
            if kind == "local":
                with _workers_deaf_to_ctrl_c():
                    self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                dashboard_address=None, silence_logs=50)
                options = replace(options, threads=options.threads or max(1, usable_cores() // workers))
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout=settings.current().number("BRIEFING_CLUSTER_TIMEOUT", 30))
            self.client.register_worker_callbacks(
                setup=worker_setup or functools.partial(settings.install, settings.current()))
        except (OSError, TimeoutError) as err:
            self.close()
            raise BriefingError(f"--cluster {address}: cannot reach the scheduler ({err})") from None
        self.options = options
        self._ids = Engine(options)  # the memory's model ids, the same as a local run's

    def model_id(self, route: Route) -> str:
        return self._ids.model_id(route)

    def routes(self, source: str, targets: Sequence[Target]) -> Routes:
        """The routes the workers' models give (a model every worker has; this machine needs none)."""
        per_worker = self.client.run(packages_on_worker)
        if not per_worker:
            raise BriefingError("the cluster has no workers")
        held = [{(p.name, p.version) for p in packages} for packages in per_worker.values()]
        common = set.intersection(*held)
        packages = [p for p in next(iter(per_worker.values())) if (p.name, p.version) in common]
        planned = plan_routes(packages, source, targets, where=f"the {len(per_worker)} worker(s) of the cluster")
        return {language: [package.ref for package in route] for language, route in planned.items()}

    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def translate_scored(self, route: Route, sentences: Sequence[str],
                         progress: Progress | None = None) -> list[tuple[str, float | None]]:
        if not sentences:
            return []
        places = task_batches(sentences, self.options.max_batch_tokens, self.workers())
        batches = [[sentences[index] for index in batch] for batch in places]
        run = uuid.uuid4().hex
        route = [model.ref if isinstance(model, InstalledPackage) else model for model in route]
        futures = [self.client.submit(translate_on_worker, route, batch, self.options, key=f"briefing-{run}-{n}",
                                      pure=False, retries=2) for n, batch in enumerate(batches)]

        def finished(number: int) -> None:
            if progress is not None:  # -1: nothing finished, told so that a stop is seen
                progress(len(batches[number]) * len(route) if number >= 0 else 0)

        results = self._gathered(futures, finished)
        translated: list[tuple[str, float | None]] = [("", None)] * len(sentences)
        for number, batch in enumerate(places):
            for index, scored in zip(batch, results[number], strict=True):
                translated[index] = scored
        return translated

    def read_sources(self, files: Sequence[Path], date: dt.date | None, advance: Progress
                     ) -> tuple[list[Document], list[str]]:
        """The sources parsed on the workers (PDFs, Word files: the slow part of reading an
        archive), their bytes sent by the client, which alone sees its files; in their order."""
        from briefing.sources.reading import STDIN, read_limited, read_stdin

        futures, failures = [], []
        for path in files:
            try:
                data = read_stdin() if str(path) == STDIN else read_limited(path)
            except BriefingError as err:
                failures.append(str(err))
                advance(1)
                continue
            futures.append(self.client.submit(read_on_worker, path, data, date, pure=False, retries=2))
        results = self._gathered(futures, lambda number: advance(1 if number >= 0 else 0))
        documents = [found for found in results if not isinstance(found, str)]
        return documents, failures + [found for found in results if isinstance(found, str)]

    def _gathered(self, futures: list, done: Callable[[int], None]) -> list:
        """The futures' results in their order, `done(n)` told as each finishes (and every half
        second with nothing, so that a stop is seen even while no worker answers); all cancelled
        when anything raises."""
        from distributed import wait

        results: dict[int, object] = {}
        try:
            while len(results) < len(futures):
                with contextlib.suppress(TimeoutError):
                    wait([f for n, f in enumerate(futures) if n not in results], timeout=0.5,
                         return_when="FIRST_COMPLETED")
                finished = [n for n, future in enumerate(futures) if n not in results and future.done()]
                for number in finished:
                    results[number] = futures[number].result()  # a task's own error is raised here
                    done(number)
                if not finished:
                    done(-1)
        except BaseException:
            self.client.cancel(futures)
            raise
        return [results[number] for number in range(len(futures))]

    def close(self) -> None:
        client, cluster = getattr(self, "client", None), self.cluster
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def settle(self) -> None:
        pass  # nothing loads here: the workers hold the models

    def __enter__(self) -> ClusterEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def cluster_engine(context) -> ClusterEngine:
    """The registry's factory (briefing.translation.engines): --cluster's address."""
    if not context.address:
        raise UsageError("the cluster engine needs an address (--cluster tcp://host:8786 or local:N)")
    return ClusterEngine(context.address, context.options, context.worker_setup)
