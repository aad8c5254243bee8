"""Quality bars of the design, measured on ../shared/eval (a benchmark script, not a test).

    python tests/benchmarks/quality.py [--shared ../shared] [--show N]

Terms (WMT21 terminology en→fr dev): a glossary is built from the annotations and imported
through `briefing glossary import`; then source-term recall, target-term recall on the
references, and the share of references with a term removed that are flagged.
Numbers (FLORES-200 dev en→fr, en→ar): false alarms on the human references (share of lines
with a figure in digits where any figure is flagged) and the share of references with one digit
of one figure changed that are flagged.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from briefing.glossary.files import load  # noqa: E402
from briefing.quality.checking import TERM_MISSING, TERM_OK, TERM_VARIANT, Checker  # noqa: E402
from briefing.quality.numbers import OK, compare  # noqa: E402


def term_glossary(wmt: Path, work: Path) -> Path:
    forms: dict[str, tuple[str, list[str]]] = {}
    for line in (wmt / "dev.terms.jsonl").read_text(encoding="utf-8").splitlines():
        for term in json.loads(line)["src_terms"]:
            source, targets = forms.setdefault(term["id"], (term["src"], []))
            targets.extend(t for t in term["tgt"].split("|") if t not in targets)
    table = work / "wmt-terms.csv"
    with table.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "kind", "en", "fr"])
        for term_id, (source, targets) in forms.items():
            writer.writerow([f"t{term_id}", "other", source, "|".join(targets)])
    glossary = work / "wmt.toml"
    subprocess.run(
        [sys.executable, "-m", "briefing", "glossary", "import", str(table), "--into", str(glossary),
         "--glossary", str(glossary)],
        check=True, cwd=ROOT, capture_output=True,
    )
    return glossary


def term_bars(wmt: Path, show: int) -> dict:
    with tempfile.TemporaryDirectory() as work:
        checker = Checker(load([term_glossary(wmt, Path(work))]), "en", "fr")
    sources = (wmt / "dev.tok.en").read_text(encoding="utf-8").splitlines()
    references = (wmt / "dev.tok.fr").read_text(encoding="utf-8").splitlines()
    annotations = [json.loads(line) for line in (wmt / "dev.terms.jsonl").read_text(encoding="utf-8").splitlines()]
    counts = dict.fromkeys(["src", "src_found", "tgt", "tgt_found", "removed", "flagged"], 0)
    for source, reference, note in zip(sources, references, annotations, strict=True):
        found_in_source = {m.entry_id for m in checker.source_terms(source)}
        for term in note["src_terms"]:
            counts["src"] += 1
            counts["src_found"] += f"t{term['id']}" in found_in_source
            if f"t{term['id']}" not in found_in_source and show > 0:
                show -= 1
                print("source miss:", term["src"], "|", source)
        statuses = {c.entry: c.status for c in checker.term_checks(source, reference)}
        for term in note["tgt_terms"]:
            entry = f"t{term['id']}"
            if entry not in statuses:
                continue
            counts["tgt"] += 1
            counts["tgt_found"] += statuses[entry] in (TERM_OK, TERM_VARIANT)
            if statuses[entry] not in (TERM_OK, TERM_VARIANT) and show > 0:
                show -= 1
                print("target miss:", term["tgt"], "/", term["surface"], "|", reference)
            if term["surface"] and term["surface"] in reference:
                stripped = reference.replace(term["surface"], " ")
                counts["removed"] += 1
                after = {c.entry: c.status for c in checker.term_checks(source, stripped)}
                counts["flagged"] += after.get(entry) == TERM_MISSING
                if after.get(entry) != TERM_MISSING and show > 0:
                    show -= 1
                    print("removal not flagged:", term["surface"], "|", stripped)
    return {
        "source-term recall": counts["src_found"] / counts["src"],
        "target-term recall on references": counts["tgt_found"] / counts["tgt"],
        "removed term flagged": counts["flagged"] / counts["removed"],
    }


def number_bars(flores: Path, lang: str, filename: str) -> dict:
    sources = (flores / "eng_Latn.dev").read_text(encoding="utf-8").splitlines()
    references = (flores / filename).read_text(encoding="utf-8").splitlines()
    rng = random.Random(20261122)
    lines = alarms = mutated = caught = 0
    for source, reference in zip(sources, references, strict=True):
        checks = compare(source, reference, "en", lang)
        if not any(not c.source.written_as_word for c in checks):
            continue
        lines += 1
        alarms += any(c.status != OK for c in checks)
        matched = [c for c in checks if c.status == OK and c.target and any(ch.isdigit() for ch in c.target.text)]
        if not matched:
            continue
        target = rng.choice(matched).target
        position = rng.choice([i for i, ch in enumerate(target.text) if ch.isdigit()])
        old = int(target.text[position])
        new = rng.choice([d for d in range(10) if d != old])
        digit = str(new) if target.text[position].isascii() else chr(ord("٠") + new)
        text = target.text[:position] + digit + target.text[position + 1 :]
        changed = reference[: target.start] + text + reference[target.end :]
        mutated += 1
        caught += any(c.status != OK for c in compare(source, changed, "en", lang))
    return {f"number false alarms en→{lang}": alarms / lines, f"changed number flagged en→{lang}": caught / mutated}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", type=int, default=0, help="print the first N misses")
    args = parser.parse_args()
    evaluation = args.shared / "eval"
    results = term_bars(evaluation / "wmt21-terminology-dev", args.show)
    flores = evaluation / "flores200-dev"
    results |= number_bars(flores, "fr", "fra_Latn.dev") | number_bars(flores, "ar", "arb_Arab.dev")
    print(f"{'measure':42} {'value':>7}  bar")
    for name, value in results.items():
        sign, bar = ("≤", 0.05) if "false alarms" in name else ("≥", 0.99)
        ok = value <= bar if sign == "≤" else value >= bar
        print(f"{name:42} {value:7.4f}  {sign} {bar}  {'ok' if ok else 'BELOW BAR'}")


if __name__ == "__main__":
    main()
