"""`briefing serve` under load, against the engine alone (a benchmark script, not a test).

    python tests/benchmarks/serve.py [--shared ../shared] [--requests 256] [--models copy random]

For each model (the committed copy model; the realistic-size random model that
tests/models/make_models.py --random makes), a warm server on 127.0.0.1 (no memory, so that
every request reaches the model; the repository's glossary enforced), then:

- latency: one sentence per request, one client, distinct sentences; p50 and p95, against the
  engine's own time for one sentence (the same PackageTranslator, in this process);
- throughput: 1, 8, 32 and 128 clients, each sending one sentence per request, distinct
  sentences, `--requests` in all; sentences per second, against one pass over the same sentences
  on CTranslate2's fastest path (the engine's translate of them all at once, token batches,
  a worker per core).

Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.speed import random_model_home, sentence_pool  # noqa: E402
from tests.serve.conftest import Server, free_port  # noqa: E402

CLIENTS = (1, 8, 32, 128)


def copy_model_home(work: Path) -> dict:
    from briefing.translation.models import install_file

    for archive in sorted((ROOT / "tests" / "models").glob("*fr-copy.argosmodel")):
        install_file(archive, work / "packages")
    return {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "packages"), "HOME": str(work)}


def started(env: dict, work: Path) -> Server:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "briefing", "serve", "--port", str(port), "--no-memory",
                                "--glossary", str(ROOT / "glossary")], env=env, cwd=work,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    server = Server(f"http://127.0.0.1:{port}", process, ROOT / "glossary", work / "none")
    for _ in range(900):
        try:
            if server.call("/health")[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not start: {process.stderr.read()}")


def engine_alone(env: dict, sentences: list[str]) -> tuple[float, float]:
    """(seconds for one sentence at p50, seconds for one pass over all the sentences)."""
    script = (
        "import json, statistics, sys, time\n"
        "from briefing.languages import parse_language\n"
        "from briefing.translation.engine import Engine\n"
        "from briefing.pipeline.settings import from_environment\n"
        "from_environment()\n"
        "sentences = json.loads(sys.stdin.read())\n"
        "engine = Engine()\n"
        "(model,) = engine.routes('en', [parse_language('fr')])['fr']\n"
        "engine.translate([model], sentences[:4])\n"
        "one = []\n"
        "for s in sentences[:50]:\n"
        "    t = time.perf_counter(); engine.translate([model], [s]); one.append(time.perf_counter() - t)\n"
        "t = time.perf_counter(); engine.translate([model], sentences); whole = time.perf_counter() - t\n"
        "print(statistics.median(one), whole)\n")
    import json

    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(sentences), env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    one, whole = map(float, done.stdout.split())
    return one, whole


def latency(server: Server, sentences: list[str]) -> tuple[float, float]:
    times = []
    for sentence in sentences:
        begun = time.perf_counter()
        status, _ = server.call("/translate", {"q": sentence, "source": "en", "target": "fr"})
        times.append(time.perf_counter() - begun)
        assert status == 200
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def throughput(server: Server, sentences: list[str], clients: int) -> float:
    def ask(sentence: str) -> None:
        assert server.call("/translate", {"q": sentence, "source": "en", "target": "fr"})[0] == 200

    begun = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(ask, sentences))
    return len(sentences) / (time.perf_counter() - begun)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--requests", type=int, default=256)
    parser.add_argument("--models", nargs="+", default=["copy", "random"], choices=["copy", "random"])
    args = parser.parse_args()
    pool = sentence_pool(args.shared)
    needed = 60 + args.requests * (len(CLIENTS) + 1)
    if len(pool) < needed:
        raise SystemExit(f"{len(pool)} distinct sentences, {needed} needed (give --shared with FLORES)")
    latency_rows, throughput_rows = [], []
    for kind in args.models:
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            env = copy_model_home(work) if kind == "copy" else random_model_home(work)
            one, whole = engine_alone(env, pool[: args.requests])
            server = started(env, work)
            try:
                p50, p95 = latency(server, pool[args.requests: args.requests + 60])
                latency_rows.append(f"| {kind} | {one * 1000:.0f} ms | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
                                    f"+{(p50 - one) * 1000:.0f} ms |")
                rates = []
                for number, clients in enumerate(CLIENTS):
                    chunk = pool[args.requests + 60 + number * args.requests:][: args.requests]
                    rates.append(throughput(server, chunk, clients))
                floor = args.requests / whole
                throughput_rows.append(f"| {kind} | {floor:.1f} | " + " | ".join(
                    f"{rate:.1f} ({rate / floor:.2f}×)" for rate in rates) + " |")
            finally:
                server.process.terminate()
                server.process.communicate(timeout=30)
            print(latency_rows[-1], throughput_rows[-1], sep="\n", flush=True)
    print("\n| model | engine, one sentence | served p50 | served p95 | overhead at p50 |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(latency_rows))
    print(f"\n| model | one engine pass (sentences/s, {args.requests}) | " + " | ".join(
        f"{c} client{'s' if c > 1 else ''}" for c in CLIENTS) + " |")
    print("| --- | --- |" + " --- |" * len(CLIENTS))
    print("\n".join(throughput_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
