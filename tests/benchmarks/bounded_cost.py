"""Costs that hostile input must not blow up (a benchmark script, not a test).

    python tests/benchmarks/bounded_cost.py

Segmentation of one paragraph of 0.5, 1 and 2 MB (no blank line, as PDFs and web pages give),
and term matching of a text of 0.25–1 MB against a glossary holding a term of 3,000 tokens (refused
at load, with file:line) and the longest term allowed (300 characters of one repeated word). Each
should grow linearly: the per-MB column stays flat.

Then the hostile documents of tests/hostile/forge.py, each read in a fresh process with the
default bounds: the time to refusal and the peak memory of the process and of its reader child;
and a saved page of 2k, 6k, 20k, 80k and 300k short paragraphs (BRIEFING_READ_TIMEOUT raised to 900 s).
The reader child's peak includes the pages it shares with the process that forked it.
"""

from __future__ import annotations

import json
import subprocess
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


READ_ONE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from briefing.errors import BriefingError
from briefing.sources.reading import read_document
started = time.perf_counter()
try:
    outcome = f"{len(read_document(Path(sys.argv[1])).blocks)} blocks read"
except BriefingError as err:
    outcome = "refused: " + str(err).split(": ", 1)[1][:70]
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps([time.perf_counter() - started, peak >> 10,
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss >> 10, outcome]))
"""


def read_in_a_fresh_process(path: Path, environ: dict | None = None) -> list:
    import os

    done = subprocess.run([sys.executable, "-c", READ_ONE, str(path), str(ROOT)], capture_output=True, text=True,
                          env={**os.environ, **(environ or {})}, check=True)
    return json.loads(done.stdout)


def hostile_documents() -> None:
    from tests.hostile import forge

    cases = {"PDF, /Length refers back to itself (2 objects)": ("loop.pdf", forge.length_loop_pdf(2)),
             "PDF, one Flate stream inflating to 1.6 GB": ("flate.pdf", forge.flate_bomb_pdf(1600)),
             "PDF, font widths for 10^8 glyphs": ("widths.pdf", forge.font_widths_bomb_pdf()),
             "docx inflating to 3.2 GB": ("bomb.docx", forge.docx_bomb(3200)),
             "odt inflating to 3.2 GB": ("bomb.odt", forge.odt_bomb(3200)),
             "odt, 1,000 nested sections": ("deep.odt", forge.odt_nested_sections(1000)),
             "HTML, 300 unclosed <div> before the article": ("deep.html", forge.html_unclosed_divs(300))}
    print("\n| hostile document | size | outcome | time | peak memory (process / reader) |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as work:
        for label, (name, data) in cases.items():
            path = Path(work) / name
            path.write_bytes(data)
            seconds, own, reader, outcome = read_in_a_fresh_process(path)
            print(f"| {label} | {len(data) / 1024:,.1f} KB | {outcome} | {seconds:.1f} s | {own} / {reader} MB |")
        print("\n| saved page | size | outcome | time | per 10k paragraphs |")
        print("| --- | --- | --- | --- | --- |")
        for paragraphs in (2_000, 6_000, 20_000, 80_000, 300_000):  # under 2 MB trafilatura reads them
            page = ("<html><body><article><h1>Coast</h1>" + "".join(
                f"<p>Clashes went on in the town, line {i} said.</p>" for i in range(paragraphs))
                + "</article></body></html>").encode()
            path = Path(work) / f"page{paragraphs}.html"
            path.write_bytes(page)
            seconds, _, reader, outcome = read_in_a_fresh_process(path, {"BRIEFING_READ_TIMEOUT": "900"})
            print(f"| {paragraphs:,} paragraphs | {len(page) / (1 << 20):.1f} MB | {outcome} | {seconds:.1f} s "
                  f"| {seconds / paragraphs * 10_000:.2f} s |")


if __name__ == "__main__":
    main()
    hostile_documents()
