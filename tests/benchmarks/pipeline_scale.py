"""What a translation run costs as the number of documents grows, before and after a change.

    python tests/benchmarks/pipeline_scale.py [REF] [--counts 1 10 100]

Whole `briefing translate` processes (md + json, ar and fr, copy models, no memory) over N
generated documents of five sentences each (glossary names and figures in every one, a third
of the sentences shared between documents), with the working tree and, given REF, a git
worktree of that commit. The best of two runs counts.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.same_outputs import ROOT, environment, translate  # noqa: E402
from tests.benchmarks.worktree import checked_out  # noqa: E402

PLACES = ("Jableh", "Baniyas", "Latakia", "Tartus", "Hmeimim", "Qardaha")


def documents(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for n in range(count):
        place, other = PLACES[n % len(PLACES)], PLACES[(n + 1) % len(PLACES)]
        text = (f"Gunmen killed {n * 7 + 3} civilians near {place} on Friday, the Syrian Observatory for Human "
                f"Rights said.\n\nAlawite families fled {other} after {n % 9 + 2} days of clashes.\n\n"
                "Aid convoys reached the coast on 10 March.\n\n"
                f"About {1000 + n:,} people were displaced, report {n} said.\n\n"
                "President Assad's forces had left the area.\n")
        path = folder / f"report-{n:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(tree: Path, sources: list[Path], work: Path) -> float:
    best = float("inf")
    env = environment(tree, work / "home")
    for attempt in range(2):
        started = time.perf_counter()
        translate(tree, sources, ROOT / "glossary", work / f"out-{attempt}", ["md", "json"], env,
                  ["--quiet", "--to", "ar", "--to", "fr"], targets=())
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?")
    parser.add_argument("--counts", nargs="+", type=int, default=[1, 10, 100])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        trees = {"working tree": ROOT}
        with contextlib.ExitStack() as stack:
            if args.ref:
                trees = {args.ref: stack.enter_context(checked_out(args.ref, scratch / "reference")), **trees}
            print("| documents | " + " | ".join(trees) + " |")
            print("|---" * (len(trees) + 1) + "|")
            for count in args.counts:
                sources = documents(scratch / f"docs-{count}", count)
                seconds = [timed(tree, sources, scratch / f"{count}-{i}") for i, tree in enumerate(trees.values())]
                print(f"| {count} | " + " | ".join(f"{s:.2f} s" for s in seconds) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
