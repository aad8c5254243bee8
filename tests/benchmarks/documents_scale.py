"""Reading documents as their number grows: 1, 10, 100, 1,000 of each kind (a benchmark script,
not a test).

    python tests/benchmarks/documents_scale.py [--counts 1 10 100 1000] [--kinds html docx odt pdf]

Builds the test fixtures of `tests/sources/documents.py` (a news page with its furniture, a Word
file with a table and a footnote, an OpenDocument file, a two-page printed PDF), copies each
`count` times into a folder, and times `read_documents` on the folder in a fresh process (library
imports included, as a user's run pays them). Prints a Markdown table with the cost per document.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.sources import documents  # noqa: E402

MAKERS = {
    "html": lambda path: path.write_text(documents.news_page(), encoding="utf-8"),
    "docx": documents.word_file,
    "odt": documents.opendocument_file,
    "pdf": documents.printed_pdf,
}
READ = ("import sys; from pathlib import Path; from briefing.sources.reading import read_documents; "
        "read, failed = read_documents([Path(sys.argv[1])]); assert not failed, failed; print(len(read))")


def timed_read(folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", READ, str(folder)], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--kinds", nargs="+", default=list(MAKERS), choices=list(MAKERS))
    options = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as work:
        for kind in options.kinds:
            original = Path(work) / f"original.{kind}"
            MAKERS[kind](original)
            rows[kind] = []
            for count in options.counts:
                folder = Path(work) / f"{kind}-{count}"
                folder.mkdir()
                for number in range(count):
                    shutil.copyfile(original, folder / f"doc-{number:04d}.{kind}")
                rows[kind].append(timed_read(folder))
                shutil.rmtree(folder)
                print(f"{kind} × {count} done", file=sys.stderr)
    print("| kind | " + " | ".join(f"{c:,} documents" for c in options.counts) + " | per document |")
    print("| --- |" + " --- |" * (len(options.counts) + 1))
    for kind, times in rows.items():
        per = " → ".join(f"{t / c * 1000:.0f}" for t, c in zip(times, options.counts, strict=True))
        print(f"| {kind} | " + " | ".join(f"{t:.2f} s" for t in times) + f" | {per} ms |")


if __name__ == "__main__":
    main()
