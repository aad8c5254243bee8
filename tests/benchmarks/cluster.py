"""Cluster benchmark (not a test): the cost of distribution on this machine's cores.

    python tests/benchmarks/cluster.py [--shared ../shared] [--sentences 1000] [--workers 2] [--repeat 3]

Whole `briefing translate` processes, interleaved, medians of --repeat runs, no memory, the
random 6+6-layer d512 model of make_models.py: the local path (one process, one CTranslate2
worker per core) against `--cluster local:N` (a Dask LocalCluster of N worker processes, each
loading the model, started and stopped within the run). From the cluster runs' own timings, the
rate of one worker, and what N machines would give on paper (the client's reading, checking and
writing do not grow with the workers and are counted apart).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.speed import random_model_home, sentence_pool, sized_sources, timed  # noqa: E402


def translate_seconds(out: Path) -> float:
    """The translation pass's own time in a run (the same for every briefing of the run)."""
    report = next(out.glob("*.fr.json"))
    return json.loads(report.read_text(encoding="utf-8"))["timings"]["translate_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sentences", default="1000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = random_model_home(work)
        files = [str(p) for p in sized_sources(work, sentence_pool(args.shared), args.sentences)]

        def command(out: str, *extra: str) -> list[str]:
            return [sys.executable, "-m", "briefing", "translate", *files, "--to", "fr", "-q", "--no-memory",
                    "--glossary", str(ROOT / "glossary"), "--out", str(work / out), *extra]

        local, clustered, passes = [], [], []
        for _ in range(args.repeat):
            local.append(timed(command("local"), env))
            clustered.append(timed(command("cluster", "--cluster", f"local:{args.workers}"), env))
            passes.append(translate_seconds(work / "cluster"))
        local_s, cluster_s, pass_s = (statistics.median(v) for v in (local, clustered, passes))
        sentences = len({s["source"] for s in json.loads(next((work / "cluster").glob("*.fr.json")).read_text(
            encoding="utf-8"))["segments"]})
        per_worker = sentences / pass_s / args.workers
        fixed = cluster_s - pass_s  # start-up, reading, checks, writing: on the client, whatever the workers
    print(f"| sentences | local path | --cluster local:{args.workers} | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| {sentences} | {local_s:.2f} s | {cluster_s:.2f} s | {cluster_s / local_s:.2f} |")
    print(f"\none worker: {per_worker:.1f} sentences/s (the cluster's translation pass: {pass_s:.2f} s); "
          f"the rest of a run: {fixed:.2f} s")
    print("on paper, N machines of W workers each at that rate (the client's part unchanged):")
    for machines in (1, 4, 16, 64):
        rate = per_worker * args.workers * machines
        million = 1_000_000 / rate
        print(f"  {machines:3d} machines × {args.workers} workers: {rate:8.0f} sentences/s, "
              f"1 million sentences in {million / 60:6.1f} min of translation")


if __name__ == "__main__":
    main()
