"""The check's cost per sentence, against another commit (a benchmark script, not a test).

    python tests/benchmarks/check_cost.py [REF] [--rounds 4] [--shared ../shared]

`Checker.check` (terms, figures, line flags) over the line-aligned human references of
../shared/eval (FLORES-200 dev en→fr and en→ar, newstest2013 en→fr) with the repository's
glossary: CPU time per sentence, the best of five passes in a fresh process, rounds
alternating between the working tree and a git worktree of REF. Every round is printed: on a
machine whose speed moves between runs, the minimums are the figures to compare.
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
glossary = load([Path(tree) / "glossary"])
work = [(Checker(glossary, "en", lang), list(zip((evaluation / a).read_text(encoding="utf-8").splitlines(),
                                                 (evaluation / b).read_text(encoding="utf-8").splitlines())))
        for a, b, lang in sets]
sentences = sum(len(pairs) for _, pairs in work)
best = float("inf")
for _ in range(5):
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, contextlib.ExitStack() as stack:
        trees = {"working tree": ROOT}
        if args.ref:
            trees = {args.ref: stack.enter_context(checked_out(args.ref, Path(scratch) / "reference")), **trees}
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
