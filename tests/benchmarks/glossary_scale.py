"""Glossary cost as it grows: 1k, 10k, 100k entries (a benchmark script, not a test).

    python tests/benchmarks/glossary_scale.py [--sizes 1000 10000 100000]

Generates a realistic termbase as TBX (places, people and organizations in en/fr/ar: multi-word
terms, diacritics, Arabic forms with the article and clitic-prone spellings, aliases and
forbidden forms), then times real `briefing` processes on it: import, cold load (no cache),
warm load (unchanged files), and `check` of a seed against a reviewed French translation with
the glossary: the first ever (the matcher tables compiled and cached), the first after
`glossary set` of one entry's form (the tables updated for that entry), then as every later
run; peak memory of the heaviest process. Prints a
Markdown table, with each cost per 1,000 entries to show how it grows.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
SYLLABLES = ["ba", "ni", "ya", "la", "ta", "ki", "ja", "bleh", "hmei", "mim", "tar", "tous", "qar", "daha",
             "sal", "mi", "ra", "had", "dam", "as", "kus", "ho", "ms", "id", "lib", "ha", "ma", "zra"]
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
FRENCH_ACCENTS = str.maketrans({"e": "é", "a": "â", "i": "ï", "o": "ô"})
KINDS = ["place", "person", "organization", "armed-group", "place"]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def arabic(rng: random.Random) -> str:
    return "".join(rng.choice(ARABIC) for _ in range(rng.randint(3, 6)))


def termbase(size: int, path: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<martif type="TBX-Basic" xml:lang="en-US">',
           "<text><body>"]
    for number in range(size):
        kind = KINDS[number % len(KINDS)]
        english = f"{name(rng)} {name(rng)}" if number % 3 else name(rng)
        if kind == "organization":
            english = f"{name(rng)} Council for {name(rng)} Affairs"
        french = english.translate(FRENCH_ACCENTS) if number % 2 else english + "e"
        arabic_form = ("ال" if number % 4 == 0 else "") + " ".join(arabic(rng) for _ in english.split())
        terms = {"en-US": [(english, "preferredTerm-admn-sts"), (english.replace(" ", "-"), "admittedTerm-admn-sts")],
                 "fr-FR": [(french, "preferredTerm-admn-sts"), (english, "deprecatedTerm-admn-sts")],
                 "ar-SA": [(arabic_form, "preferredTerm-admn-sts"), (arabic_form.replace("ا", "أ", 1),
                                                                    "admittedTerm-admn-sts")]}
        out.append(f'<termEntry id="e{number}"><descrip type="subjectField">{kind}</descrip>')
        for lang, forms in terms.items():
            out.append(f'<langSet xml:lang="{lang}">')
            for form, status in forms:
                out.append(f'<tig><term>{escape(form)}</term>'
                           f'<termNote type="administrativeStatus">{status}</termNote></tig>')
            out.append("</langSet>")
        out.append("</termEntry>")
    out += ["</body></text>", "</martif>"]
    path.write_text("\n".join(out), encoding="utf-8")


def timed(*args: str, env: dict, cwd: Path) -> tuple[float, float]:
    """Wall time of one `briefing` process, and its peak memory in MB."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "briefing", *args], cwd=cwd, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"briefing {' '.join(args)} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def measure(size: int, work: Path) -> dict[str, tuple[float, float]]:
    tbx, glossary = work / f"terms-{size}.tbx", work / f"glossary-{size}.toml"
    termbase(size, tbx)
    env = {**os.environ, "BRIEFING_CACHE": str(work / "cache"), "PYTHONPATH": str(ROOT)}
    cache = work / "cache"
    rows = {"import from TBX": timed("glossary", "import", str(tbx), "--glossary", str(glossary), env=env, cwd=work)}
    shutil.rmtree(cache, ignore_errors=True)
    rows["cold load (no cache)"] = timed("glossary", "show", "e1", "--glossary", str(glossary), env=env, cwd=work)
    rows["warm load (unchanged files)"] = timed("glossary", "show", "e1", "--glossary", str(glossary), env=env,
                                                cwd=work)
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    check = ("check", str(seed), str(ROOT / "tests" / "fixtures" / "seed-000.fr.md"), "--to", "fr", "--glossary",
             str(glossary))
    rows["check of a seed, first ever"] = timed(*check, env=env, cwd=work)  # builds the matcher tables
    rows["glossary set of one entry's form"] = timed("glossary", "set", "e1", "fr.preferred", "Corrigé", "--glossary",
                                                     str(glossary), env=env, cwd=work)
    rows["check of a seed, first after the edit"] = timed(*check, env=env, cwd=work)  # updates the tables
    rows["check of a seed, warm"] = timed(*check, env=env, cwd=work)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    sizes = parser.parse_args().sizes
    results = {}
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            results[size] = measure(size, Path(work))
            print(f"{size} entries done", file=sys.stderr)
    names = list(next(iter(results.values())))
    print("| measure | " + " | ".join(f"{s:,} entries" for s in sizes) + " | per 1,000 entries |")
    print("| --- |" + " --- |" * (len(sizes) + 1))
    for row in names:
        cells = [f"{results[s][row][0]:.2f} s" for s in sizes]
        per = " → ".join(f"{results[s][row][0] / s * 1000:.3f}" for s in sizes)
        print(f"| {row} | " + " | ".join(cells) + f" | {per} s |")
    peaks = [max(mem for _, mem in results[s].values()) for s in sizes]
    print("| peak memory | " + " | ".join(f"{m:.0f} MB" for m in peaks) + " | |")


if __name__ == "__main__":
    main()
