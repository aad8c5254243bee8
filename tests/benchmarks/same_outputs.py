"""Do two versions of briefing write the same briefings? (A check for refactorings, not a test.)

    python tests/benchmarks/same_outputs.py REF [--formats md json html docx pdf] [--layout review] [--digits arab]

Translates the seeds (and a generated document with headings, quotes, figures and glossary
names) into ar, ar_SY, fr and fr_CA with the committed copy models, once with the working tree
and once with a git worktree of REF, and compares every file byte for byte after removing what
legitimately differs between two runs: timings, the digests of those files kept in the QA
report, and the moments a Word file says it was created and saved. Exit 0 when every file is
identical.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.worktree import checked_out  # noqa: E402

TARGETS = ("ar", "ar_SY", "fr", "fr_CA")
EXTRA_SOURCE = """# Clashes on the coast

March 10, 2025

Fighting in Baniyas and Jableh killed 1,250 people, the Syrian Observatory for Human Rights said.

> "We counted 3.5 times more dead than in 2012," an Alawite resident of Latakia told AFP.

## Aid

About 40% of the 12,000 displaced reached Hmeimim; 7 convoys left on 9 March at 04:00.
"""


def environment(tree: Path, home: Path) -> dict[str, str]:
    """A home of its own for `tree`, with its copy models installed."""
    packages = home / "packages"
    env = {**os.environ, "HOME": str(home), "ARGOS_PACKAGES_DIR": str(packages),
           "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/", "PYTHONPATH": str(tree)}
    env.pop("BRIEFING_GLOSSARY", None)
    install = ("import sys; from pathlib import Path; from briefing.translation.models import install_file\n"
               "for a in sorted(Path(sys.argv[1]).glob('*.argosmodel')): install_file(a, Path(sys.argv[2]))")
    subprocess.run([sys.executable, "-c", install, str(tree / "tests" / "models"), str(packages)],
                   check=True, env=env, cwd=tree)
    return env


def translate(tree: Path, sources: list[Path], glossary: Path, out: Path, formats: list[str], env: dict[str, str],
              extra: list[str], targets: tuple[str, ...] = TARGETS) -> None:
    """`briefing translate` of `tree`, in an `environment`."""
    command = [sys.executable, "-m", "briefing", "translate", *map(str, sources), "--no-memory", "--out", str(out),
               "--glossary", str(glossary), "--date", "2025-03-10", *extra]
    for target in targets:
        command += ["--to", target]
    for fmt in formats:
        command += ["--format", fmt]
    subprocess.run(command, check=True, env=env, cwd=tree)


def normalized(path: Path) -> bytes:
    """The file's bytes; a Word file's parts without the moments it was created and saved; a
    JSON file without its timings and the digests of the files beside it."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            parts = [name.encode() + b"\0" + archive.read(name) for name in sorted(archive.namelist())]
        return re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", b"\0".join(parts))
    if path.suffix != ".json":
        return data
    content = json.loads(data)
    content.pop("timings", None)
    content.pop("written", None)
    return json.dumps(content, ensure_ascii=False, indent=2).encode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ref", help="the git commit to compare the working tree with")
    parser.add_argument("--formats", nargs="+", default=["md", "json", "html"])
    parser.add_argument("--layout", choices=["briefing", "review"], default="briefing")
    parser.add_argument("--digits", choices=["locale", "latn", "arab"], default="locale")
    args = parser.parse_args()
    options = ["--layout", args.layout, "--digits", args.digits]
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        extra = scratch / "coast.md"
        extra.write_text(EXTRA_SOURCE, encoding="utf-8")
        sources = [*sorted((ROOT / "seeds").glob("*.txt")), extra]
        glossary = scratch / "glossary"
        shutil.copytree(ROOT / "glossary", glossary)
        with checked_out(args.ref, scratch / "reference") as reference:
            translate(reference, sources, glossary, scratch / "before", args.formats,
                      environment(reference, scratch / "home-before"), options)
            translate(ROOT, sources, glossary, scratch / "after", args.formats,
                      environment(ROOT, scratch / "home-after"), options)
        before = sorted(p.name for p in (scratch / "before").iterdir())
        after = sorted(p.name for p in (scratch / "after").iterdir())
        if before != after:
            print(f"different files: only before {set(before) - set(after)}, only after {set(after) - set(before)}")
            return 1
        different = [name for name in before
                     if normalized(scratch / "before" / name) != normalized(scratch / "after" / name)]
        for name in different:
            print(f"differs: {name}")
        print(f"{len(before) - len(different)} of {len(before)} files identical ({', '.join(args.formats)}, qa.json; "
              f"{len(sources)} sources × {len(TARGETS)} targets)")
        return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
