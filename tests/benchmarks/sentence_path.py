"""The way one sentence takes from `briefing translate` to its PDF, before and after a change.

    python tests/benchmarks/sentence_path.py [REF]

Translates a one-sentence source (a glossary name and a figure in it) into ar and fr, as md,
json, html, pdf and docx, in-process under a profiler, with the working tree and, given REF,
with a git worktree of that commit. Counted, over briefing's own modules only:

- modules: how many modules the run's code passed through;
- crossings: distinct calls from a function of one module into a function of another;
- upward: those of them that go up the layers (a lower layer calling back into a higher one:
  progress and cancellation callbacks);
- re-entered: how often the way came back into a module it had left (loops included);
- scans / readings: glossary scans of the sentence in its own language, strict figure readings
  of it (how a source is read): the analysis each stage would otherwise repeat.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.same_outputs import ROOT, environment  # noqa: E402
from tests.benchmarks.worktree import checked_out  # noqa: E402

SENTENCE = "Gunmen killed 745 civilians near Jableh, the Syrian Observatory for Human Rights said."

PROFILE = r'''
import json, sys
from pathlib import Path
RANKS = {"sources": 1, "glossary": 1, "quality": 2, "translation": 3, "output": 4, "pipeline": 5, "cli": 6}
sentence, source, out, glossary = sys.argv[1:5]
modules, crossings, entered, left = set(), set(), [], set()
counts = {"scans": 0, "readings": 0}
from briefing.quality import matching
scanner = "scan" if hasattr(matching.Matcher, "scan") else "find"

def rank(module):
    parts = module.split(".")
    return RANKS.get(parts[1], 0) if len(parts) > 1 else 0

def caller_module(frame):
    frame = frame.f_back
    while frame is not None and not frame.f_globals.get("__name__", "").startswith("briefing"):
        frame = frame.f_back
    return (frame.f_globals["__name__"], frame.f_code.co_name) if frame is not None else (None, None)

def profile(frame, event, arg):
    if event != "call":
        return
    module = frame.f_globals.get("__name__", "")
    if not module.startswith("briefing"):
        return
    name = frame.f_code.co_name
    if name == "<module>":  # an import, not the sentence's way
        return
    local = frame.f_locals
    if module.endswith("matching") and name == scanner and local.get("text") == sentence \
            and getattr(local.get("self"), "lang", "") == "en":
        counts["scans"] += 1
    if name == "extract" and local.get("text") == sentence and local.get("strict"):
        counts["readings"] += 1
    modules.add(module)
    caller, function = caller_module(frame)
    if caller is None or caller == module:
        return
    crossings.add((caller, function, module, name))
    if not entered or entered[-1] != module:
        entered.append(module)

sys.setprofile(profile)
from briefing.cli.main import main
try:
    main(["translate", source, "--to", "ar", "--to", "fr", "--out", out, "--no-memory", "--glossary", glossary,
          "--quiet", *[x for f in ("md", "json", "html", "pdf", "docx") for x in ("--format", f)]])
except SystemExit:
    pass
sys.setprofile(None)
upward = sum(rank(b) > rank(a) for a, _, b, _ in crossings)
seen, again = set(), 0
for module in entered:
    again += module in seen
    seen.add(module)
if "--list" in sys.argv:
    for a, f, b, g in sorted(crossings):
        if rank(b) > rank(a):
            print("up:", a, f, "->", b, g, file=sys.stderr)
print(json.dumps({"modules": len(modules), "crossings": len(crossings), "upward": upward, "re-entered": again,
                  **counts}))
'''


def measure(tree: Path, work: Path) -> dict:
    env = environment(tree, work / "home")
    source = work / "one.txt"
    source.write_text(SENTENCE + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROFILE, SENTENCE, str(source), str(work / "out"),
                           str(ROOT / "glossary")], check=True, env=env, cwd=tree, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", nargs="?", help="a git commit to measure too, for comparison")
    args = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        if args.ref:
            with checked_out(args.ref, scratch / "reference") as reference:
                rows[args.ref] = measure(reference, scratch / "before")
        rows["working tree"] = measure(ROOT, scratch / "after")
    keys = list(next(iter(rows.values())))
    print("| run | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
