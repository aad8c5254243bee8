"""Costs that hostile input must not blow up (a benchmark script, not a test).

    python tests/benchmarks/bounded_cost.py

Segmentation of one paragraph of 0.5, 1 and 2 MB (no blank line, as PDFs and web pages give),
and term matching of a text of 0.25–1 MB against a glossary holding a term of 3,000 tokens (refused
at load, with file:line) and the longest term allowed (300 characters of one repeated word). Each
should grow linearly: the per-MB column stays flat.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from briefing.glossary.files import load  # noqa: E402
from briefing.glossary.model import GlossaryError  # noqa: E402
from briefing.quality.checking import Checker  # noqa: E402
from briefing.sources.segmenting import sentence_spans  # noqa: E402

SENTENCE = "The clashes continued in Jableh and Baniyas, residents said, while officials declined to comment. "


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    print("| measure | size | time | per MB |")
    print("| --- | --- | --- | --- |")
    for megabytes in (0.5, 1, 2):
        text = SENTENCE * int(megabytes * (1 << 20) / len(SENTENCE))
        seconds = timed(lambda text=text: sentence_spans(text, "en"))
        print(f"| segmentation, one paragraph | {megabytes} MB | {seconds:.1f} s | {seconds / megabytes:.1f} s |")
    with tempfile.TemporaryDirectory() as work:
        huge = Path(work) / "huge.toml"
        huge.write_text('[huge]\n[huge.en]\npreferred = "' + "word " * 3000 + '"\n', encoding="utf-8")
        try:
            load([huge])
        except GlossaryError as err:
            print(f"| glossary with a 3,000-token term | – | refused: {str(err)[len(work) + 1 :][:60]}… | |")
        longest = Path(work) / "longest.toml"
        longest.write_text('[long]\n[long.en]\npreferred = "' + ("word " * 60).strip() + '"\n[long.fr]\n'
                           'preferred = "mot"\n', encoding="utf-8")
        checker = Checker(load([longest]), "en", "fr")
        for megabytes in (0.25, 0.5, 1):
            text = "word " * int(megabytes * (1 << 20) / 5)
            seconds = timed(lambda text=text: checker.term_checks(text, text))
            print(f"| check, 300-character term of one repeated word | {megabytes} MB | {seconds:.1f} s "
                  f"| {seconds / megabytes:.1f} s |")


if __name__ == "__main__":
    main()
