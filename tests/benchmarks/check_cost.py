"""The check's cost per sentence, against another commit (a benchmark script, not a test).

    python tests/benchmarks/check_cost.py [REF] [--rounds 4] [--shared ../shared]
    python tests/benchmarks/check_cost.py [REF] --instructions [--pairs 800]

`Checker.check` (terms, figures, line flags) over the line-aligned human references of
../shared/eval (FLORES-200 dev en→fr and en→ar, newstest2013 en→fr) with the repository's
glossary: CPU time per sentence, the best of five passes in a fresh process, rounds
alternating between the working tree and a git worktree of REF. Every round is printed: on a
machine whose speed moves between runs, the minimums are the figures to compare.

`--instructions` counts instead of timing, for a machine whose speed moves by a quarter from
one minute to the next (this one's does): the instructions of one warm pass per sentence,
under valgrind's cachegrind, as the difference between a run of two passes and a run of one
(the set-up cancels out), over the first `--pairs` lines of each set. The same on every run.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.worktree import checked_out  # noqa: E402

# Run inside each tree's own interpreter path: sys.argv = [tree, shared].
MEASURE = """
import sys, time
tree, shared = sys.argv[1:3]
sys.path.insert(0, tree)
from pathlib import Path
from briefing.glossary.files import load
from briefing.quality import figures
from briefing.quality.checking import Checker
evaluation = Path(shared) / "eval"
sets = [("flores200-dev/eng_Latn.dev", "flores200-dev/fra_Latn.dev", "fr"),
        ("flores200-dev/eng_Latn.dev", "flores200-dev/arb_Arab.dev", "ar"),
        ("newstest2013-enfr/newstest2013.en", "newstest2013-enfr/newstest2013.fr", "fr")]
passes, pairs = (int(value) for value in sys.argv[3:5]) if len(sys.argv) > 3 else (5, None)
glossary = load([Path(tree) / "glossary"])
work = [(Checker(glossary, "en", lang), list(zip((evaluation / a).read_text(encoding="utf-8").splitlines(),
                                                 (evaluation / b).read_text(encoding="utf-8").splitlines()))[:pairs])
        for a, b, lang in sets]
sentences = sum(len(pairs) for _, pairs in work)
best = float("inf")
for _ in range(passes):
    figures._extracted.cache_clear()
    started = time.process_time()
    for checker, pairs in work:
        for index, (source, reference) in enumerate(pairs):
            checker.check(index, source, reference)
    best = min(best, time.process_time() - started)
print(f"{best / sentences * 1e6:.0f}")
"""


def per_sentence(tree: Path, shared: Path) -> int:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(tree), str(shared)], check=True, capture_output=True,
                            text=True)
    return int(result.stdout.strip())


def instructions_per_sentence(tree: Path, shared: Path, pairs: int, scratch: Path) -> int:
    """Instructions of one warm pass per sentence: (two passes − one pass) / sentences."""
    counts = []
    for passes in (1, 2):
        out = scratch / f"{tree.name}.{passes}.cachegrind"
        subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", f"--cachegrind-out-file={out}",
                        sys.executable, "-c", MEASURE, str(tree), str(shared), str(passes), str(pairs)],
                       check=True, capture_output=True, text=True)
        summary = next(line for line in out.read_text().splitlines() if line.startswith("summary:"))
        counts.append(int(summary.split()[1]))
    return round((counts[1] - counts[0]) / (3 * pairs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind")
    parser.add_argument("--pairs", type=int, default=800, help="with --instructions: lines of each set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        trees = {"working tree": ROOT}
        if args.ref:
            trees = {args.ref: stack.enter_context(checked_out(args.ref, Path(scratch) / "reference")), **trees}
        if args.instructions:
            counts = {name: instructions_per_sentence(tree, args.shared, args.pairs, Path(scratch))
                      for name, tree in trees.items()}
            print("| tree | instructions per sentence (one warm pass) |")
            print("| --- | --- |")
            for name, count in counts.items():
                print(f"| {name} | {count:,} |")
            return 0
        rows = {name: [] for name in trees}
        for _ in range(args.rounds):
            for name, tree in trees.items():
                rows[name].append(per_sentence(tree, args.shared))
        print("| tree | µs per sentence, each round | best |")
        print("| --- | --- | --- |")
        for name, values in rows.items():
            print(f"| {name} | {' / '.join(map(str, values))} | {min(values)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
