"""Translation on a Dask cluster, for runs past one machine (an archive, a leak): the sources
parsed on the workers (their bytes sent by the client), then the job's distinct model inputs cut
into batches, each batch a task on a worker that loads the model once and keeps it, the results
gathered in order by the client, which alone reads the memory, checks and writes. A worker that
dies has its tasks run again elsewhere (Dask's own scheduling); Ctrl+C cancels what is left.
Without --cluster none of this is imported.

`local:N` starts a LocalCluster of N worker processes on this machine; any other address is an
existing scheduler (tcp://host:8786, tls://host:8786) whose workers have briefing and the same
model packages.

A cluster is trusted as this process is: its workers receive every source in clear, and what
they answer is unpickled here, which can run code. So an address beyond this machine must be
tls:// (with Dask's certificates configured) unless the user says --insecure, and every answer
is checked for its types and lengths before it is used; a scheduler that is not one, has no
worker, or goes away mid-run is one line, never a wait without end.
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


def packages_on_worker() -> list:
    """What a worker has installed (its own packages and models folders): the cluster's routes
    are made of these."""
    from briefing.translation.converted import installed_models

    return installed_models()


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


def parse_address(address: str, insecure: bool = False) -> tuple[str, int]:
    """("local", N) for local:N, else ("scheduler", 0) for a scheduler's address: tcp:// or tls://
    (host:port alone is tcp://), unencrypted beyond this machine only when `insecure`."""
    if address.startswith("local:"):
        count = address.split(":", 1)[1]
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise UsageError(f"--cluster {address}: local:N takes a number of worker processes, 1 to 256")
        return "local", int(count)
    scheme, separator, rest = address.partition("://")
    if not separator:
        scheme, rest = "tcp", address
    if scheme not in ("tcp", "tls"):
        raise UsageError(f"--cluster {address}: {scheme}:// is not offered "
                         "(tcp://host:8786, tls://host:8786 or local:N)")
    host, _, port = rest.rstrip("/").rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--cluster {address}: give a scheduler's address (tcp://host:8786) or local:N")
    if scheme == "tcp" and not insecure and not _loopback(host.strip("[]")):
        raise UsageError(f"--cluster {address}: unencrypted, and the workers see every source and their answers "
                         "run here: use tls:// with Dask's certificates, or --insecure on a network that is yours")
    if scheme == "tls" and not _tls_configured():
        raise UsageError(f"--cluster {address}: tls:// needs Dask's certificates "
                         "(DASK_DISTRIBUTED__COMM__TLS__CA_FILE, …__TLS__CLIENT__CERT and …__TLS__CLIENT__KEY, "
                         "or the same in Dask's configuration)")
    return "scheduler", 0


def _speaks_first(address: str, wait: float) -> None:
    """A Dask scheduler greets a new connection at once; a listener that says nothing would hold
    the client's handshake for ever (its wait is not bounded), so it is asked here first, over
    plain TCP (a tls:// one waits for the client's hello: Dask's own timeout covers it)."""
    import socket

    scheme, _, rest = address.rpartition("://")
    if scheme not in ("", "tcp"):
        return
    host, _, port = rest.rstrip("/").rpartition(":")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=wait) as probe:
        probe.settimeout(wait)
        try:
            if not probe.recv(1):
                raise ConnectionError("it closed the connection without a word")
        except TimeoutError:
            raise TimeoutError(f"it said nothing for {wait:g} s") from None


def _loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it could be anywhere


def _tls_configured() -> bool:
    import dask

    return all(dask.config.get(key, None) for key in ("distributed.comm.tls.ca-file",
                                                      "distributed.comm.tls.client.cert"))


class ClusterEngine(Translator):
    """A Translator whose batches run on a Dask cluster's workers."""

    def __init__(self, address: str, options: EngineOptions | None = None,
                 worker_setup: Callable[[], None] | None = None, insecure: bool = False) -> None:
        """`worker_setup`: run once in each worker process before its first task, to say where
        its settings come from (a face passes its resolver: the worker's own environment); by
        default the workers take this process's settings."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BriefingError("--cluster needs Dask: pip install 'briefing[cluster]'") from None
        kind, workers = parse_address(address, insecure)
        self.address = address
        wait = settings.current().number("BRIEFING_CLUSTER_TIMEOUT", 30)
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
                _speaks_first(address, wait)
                self.client = Client(address, timeout=wait)
            self.client.register_worker_callbacks(
                setup=worker_setup or functools.partial(settings.install, settings.current()))
        except Exception as err:  # refused, silent, a web server's answer (MemoryError: 3 EiB), junk bytes
            self.close()
            raise BriefingError(f"--cluster {address}: cannot reach the scheduler, or no Dask scheduler answers "
                                f"there ({_said(err)})") from None
        try:
            self.client.wait_for_workers(1, timeout=wait)
        except Exception:
            self.close()
            raise BriefingError(f"--cluster {address}: the scheduler has no worker (none joined within {wait:g} s; "
                                "BRIEFING_CLUSTER_TIMEOUT)") from None
        self.wait = wait
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
        planned = plan_routes(packages, source, targets, where=f"the {len(per_worker)} worker(s) of the cluster",
                              choice=self.options.models)
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
            if not _scored(results[number], len(batch)):
                raise BriefingError(f"--cluster {self.address}: a worker answered a batch of {len(batch)} sentence(s) "
                                    f"with {_shape(results[number])}: the run is stopped, nothing is written")
            for index, scored in zip(batch, results[number], strict=True):
                translated[index] = (scored[0], None if scored[1] is None else float(scored[1]))
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
        strange = [found for found in results if not isinstance(found, Document | str)]
        if strange:
            raise BriefingError(f"--cluster {self.address}: a worker answered a source with {_shape(strange[0])}: "
                                "the run is stopped, nothing is written")
        documents = [found for found in results if not isinstance(found, str)]
        return documents, failures + [found for found in results if isinstance(found, str)]

    def _gathered(self, futures: list, done: Callable[[int], None]) -> list:
        """The futures' results in their order, `done(n)` told as each finishes (and every half
        second with nothing, so that a stop is seen even while no worker answers); all cancelled
        when anything raises."""
        import asyncio
        import time

        from distributed import wait

        results: dict[int, object] = {}
        lost_since = None
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
                lost_since = None if self.client.status == "running" else (lost_since or time.monotonic())
                if lost_since and time.monotonic() - lost_since > self.wait:
                    raise BriefingError(f"--cluster {self.address}: the scheduler went away mid-run (not back within "
                                        f"{self.wait:g} s); nothing is written")
        except BriefingError:
            self._cancel(futures)
            raise
        except (Exception, asyncio.CancelledError) as err:  # a worker killed by every try, a scheduler gone
            self._cancel(futures)
            raise BriefingError(f"--cluster {self.address}: the cluster failed the run ({_said(err)}); "
                                "nothing is written") from None
        except BaseException:
            self._cancel(futures)
            raise
        return [results[number] for number in range(len(futures))]

    def _cancel(self, futures: list) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel(futures)

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


def _said(err: BaseException) -> str:
    text = " ".join(str(err).split())[:160]
    return f"{type(err).__name__}: {text}" if text else type(err).__name__


def _scored(result: object, count: int) -> bool:
    """A worker's answer to a batch: `count` pairs of (text, score or None)."""
    return isinstance(result, list | tuple) and len(result) == count and all(
        isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[0], str)
        and (item[1] is None or isinstance(item[1], int | float) and not isinstance(item[1], bool))
        for item in result)


def _shape(result: object) -> str:
    size = f" of {len(result)}" if isinstance(result, list | tuple | str | dict) else ""
    return f"a {type(result).__name__}{size}"


def cluster_engine(context) -> ClusterEngine:
    """The registry's factory (briefing.translation.engines): --cluster's address."""
    if not context.address:
        raise UsageError("the cluster engine needs an address (--cluster tcp://host:8786 or local:N)")
    return ClusterEngine(context.address, context.options, context.worker_setup, context.insecure)
