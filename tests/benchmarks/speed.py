"""Speed benchmark (not a test): briefing against raw CTranslate2 on a realistic-size model.

    python tests/benchmarks/speed.py [--shared ../shared] [--sizes 1,seeds,250,1000,4000] [--repeat 3]

(a) At each size (1 sentence, the seeds, 250, 1,000 and 4,000 distinct sentences from the seeds,
    FLORES dev and newstest2013), whole processes, interleaved, medians of --repeat runs:
    `briefing translate` with glossary enforcement on and no memory, against a plain script
    on CTranslate2's fastest documented CPU path (translate_iterable, one single-threaded
    worker per core, batches of 2,048 tokens) that tokenizes the same model inputs (glossary
    forms inlined) and decodes them with the same beam, length cap and compute type;
(b) cold run vs unchanged re-run sharing a memory, at 1,000 sentences;
(a') the same side by side for a random-weight model of NLLB-200-distilled-600M's shape (12+12
    layers, d1024, 16 heads, int8, the family's language tokens; make_converted.py --random),
    installed as a converted model: the raw script follows NLLB's conventions too (eng_Latn
    first, "</s>" last, fra_Latn as the target prefix);
(c) matching a 10,000-entry glossary over 1 MB of text; (d) start-up of `briefing --help`, and
    whether it imports ctranslate2; (e) PDFs of the two seeds in ar, ar_SY and fr, once the
    translations are done and WeasyPrint is loaded. The model of (a) and (b) is the random
    6+6-layer d512 one from make_models.py; (e) uses the committed copy models.

Both sides run byte-compiled code, as an installed package does: pip compiled CTranslate2's and
SentencePiece's Python files when it installed them, and this script compiles briefing's once
before measuring (a checkout installed with `pip install -e`, on a machine that sets
PYTHONDONTWRITEBYTECODE as this one does, would otherwise recompile 100 modules, ~0.17 s, at
every start).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RAW = """
import json, os, sys
import ctranslate2, sentencepiece
package, inputs_file, beam = sys.argv[1], sys.argv[2], int(sys.argv[3])
sentences = json.load(open(inputs_file, encoding="utf-8"))
sp = sentencepiece.SentencePieceProcessor(model_file=package + "/sentencepiece.model")
translator = ctranslate2.Translator(package + "/model", device="cpu", compute_type="auto",
                                    inter_threads=len(os.sched_getaffinity(0)), intra_threads=1)
tokens = [sp.encode(s, out_type=str) for s in sentences]
longest = max(len(t) for t in tokens)
results = translator.translate_iterable(iter(tokens), max_batch_size=2048, batch_type="tokens", beam_size=beam,
                                        max_decoding_length=min(512, 2 * longest + 16), replace_unknowns=True)
outputs = [sp.decode_pieces(r.hypotheses[0]) for r in results]
"""

RAW_NLLB = """
import json, os, sys
import ctranslate2, sentencepiece
model, inputs_file, beam = sys.argv[1], sys.argv[2], int(sys.argv[3])
sentences = json.load(open(inputs_file, encoding="utf-8"))
sp = sentencepiece.SentencePieceProcessor(model_file=model + "/sentencepiece.bpe.model")
translator = ctranslate2.Translator(model, device="cpu", compute_type="auto",
                                    inter_threads=len(os.sched_getaffinity(0)), intra_threads=1)
tokens = [["eng_Latn", *sp.encode(s, out_type=str), "</s>"] for s in sentences]
longest = max(len(t) for t in tokens)
results = translator.translate_iterable(iter(tokens), target_prefix=iter([["fra_Latn"]] * len(tokens)),
                                        max_batch_size=2048, batch_type="tokens", beam_size=beam,
                                        max_decoding_length=min(512, 2 * longest + 16), replace_unknowns=True)
outputs = [sp.decode_pieces(r.hypotheses[0][1:]) for r in results]
"""


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def random_model_home(work: Path) -> dict:
    """The environment of a home in `work` with the random realistic-size en→fr model installed."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(work / "packages"), "HOME": str(work)}
    subprocess.run([sys.executable, str(ROOT / "tests" / "models" / "make_models.py"), "--random",
                    "--out", str(work)], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "briefing", "models", "install",
                    str(work / "translate-en_fr-random.argosmodel")], check=True, env=env, capture_output=True)
    return env


def random_nllb_home(work: Path, env: dict) -> Path:
    """The random NLLB-shaped model installed into `env`'s models folder; its installed folder."""
    subprocess.run([sys.executable, str(ROOT / "tests" / "models" / "make_converted.py"), "--random",
                    "--out", str(work / "converted")], check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "briefing", "models", "install", str(work / "converted" / "nllb-200-random")],
                   check=True, env=env, capture_output=True)
    return work / ".local" / "share" / "briefing" / "models" / "nllb-200-random"


def sentence_pool(shared: Path) -> list[str]:
    """Distinct English sentences: the seeds' lines, FLORES dev, newstest2013."""
    lines = [line.strip() for seed in sorted((ROOT / "seeds").glob("*.txt"))
             for line in seed.read_text(encoding="utf-8").splitlines()]
    for corpus in (shared / "eval" / "flores200-dev" / "eng_Latn.dev", shared / "eval" / "newstest2013-enfr" /
                   "newstest2013.en"):
        if corpus.is_file():
            lines += corpus.read_text(encoding="utf-8").splitlines()
    return list(dict.fromkeys(line for line in lines if len(line.split()) >= 2))


def sized_sources(work: Path, pool: list[str], size: str) -> list[Path]:
    if size == "seeds":
        return sorted((ROOT / "seeds").glob("*.txt"))
    count = int(size)
    if count > len(pool):
        raise SystemExit(f"only {len(pool)} sentences available (give --shared with FLORES and newstest2013)")
    path = work / f"sentences-{count}.txt"
    path.write_text("\n\n".join(pool[:count]) + "\n", encoding="utf-8")  # one paragraph per line
    return [path]


def model_inputs(out: Path) -> list[str]:
    """The distinct model inputs of a briefing run, from its JSON files."""
    inputs: list[str] = []
    for report in sorted(out.glob("*.fr.json")):
        for segment in json.loads(report.read_text(encoding="utf-8"))["segments"]:
            inputs.append(segment.get("model_input", segment["source"]))
    return list(dict.fromkeys(inputs))


def scaling(work: Path, env: dict, pool: list[str], sizes: list[str], beam: int, repeat: int,
            model: tuple[str, str, str] | None = None) -> list[str]:
    """The side-by-side table of (a), or of (a') for `model`: (its folder, --model NAME, raw script)."""
    folder, name, raw_script = model or (str(work / "packages" / "translate-en_fr-random"), "", RAW)
    lines = [f"| sentences{f' ({name})' if name else ''} | raw CTranslate2 (fastest CPU path) | briefing translate "
             "| ratio |", "| --- | --- | --- | --- |"]
    for size in sizes:
        files = [str(p) for p in sized_sources(work, pool, size)]
        ours_command = [sys.executable, "-m", "briefing", "translate", *files, "--to", "fr", "--beam-size", str(beam),
                        "-q", "--glossary", str(ROOT / "glossary"), "--out", str(work / f"a-{name}{size}"),
                        "--no-memory", *(["--model", name] if name else [])]
        ours = [timed(ours_command, env)]
        inputs = model_inputs(work / f"a-{name}{size}")
        (work / "inputs.json").write_text(json.dumps(inputs), encoding="utf-8")
        raw_command = [sys.executable, "-c", raw_script, folder, str(work / "inputs.json"), str(beam)]
        raw = [timed(raw_command, env)]
        for _ in range(repeat - 1):  # interleaved: the machine's moods fall on both sides alike
            raw.append(timed(raw_command, env))
            ours.append(timed(ours_command, env))
        floor, measured = statistics.median(raw), statistics.median(ours)
        lines.append(f"| {len(inputs)} ({size}) | {floor:.2f} s | {measured:.2f} s | {measured / floor:.2f} |")
        print(lines[-1], flush=True)
    return lines


def matching_time() -> tuple[float, float]:
    from briefing.glossary.model import Entry, Glossary, Terms
    from briefing.quality.matching import Matcher

    rng = random.Random(7)
    syllables = ["ba", "ni", "yas", "ja", "bleh", "hmei", "mim", "la", "ta", "kia", "tar", "tus", "ra", "mi", "al"]

    def name() -> str:
        return " ".join("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
                        for _ in range(rng.randint(1, 3)))

    entries = {f"e{i}": Entry(f"e{i}", "place", {"en": Terms(name(), aliases=[name()])}) for i in range(10_000)}
    glossary = Glossary(entries)
    names = [e.terms["en"].preferred for e in entries.values()]
    words = ["the", "clashes", "spread", "to", "villages", "near", "the", "coast", "while", "residents",
             "fled", "and", "officials", "said"]
    parts, size = [], 0
    while size < 1_000_000:
        piece = " ".join(rng.choice(words) for _ in range(12)) + " " + rng.choice(names) + "."
        parts.append(piece)
        size += len(piece) + 1
    text = "\n".join(parts)
    started = time.perf_counter()
    matcher = Matcher(glossary, "en")
    built = time.perf_counter() - started
    started = time.perf_counter()
    found = matcher.find(text)
    assert len(found) >= len(parts) * 0.99
    return built, time.perf_counter() - started


def pdf_time(work: Path) -> float:
    from briefing.glossary.files import load
    from briefing.languages import parse_language
    from briefing.output.rendering import Outputs, write_briefings
    from briefing.sources.reading import read_document
    from briefing.translation.engine import Engine
    from briefing.translation.job import prepare, translate_job
    from briefing.translation.models import install_file, plan_routes

    archives = sorted((ROOT / "tests" / "models").glob("*.argosmodel"))
    packages = [install_file(archive, work / "copy-packages") for archive in archives]
    targets = [parse_language(code) for code in ("ar", "ar_SY", "fr")]
    glossary = load([ROOT / "glossary"])
    job = prepare([read_document(p) for p in sorted((ROOT / "seeds").glob("*.txt"))], "en")
    briefings = translate_job(job, targets, plan_routes(packages, "en", targets), Engine(), glossary)
    import weasyprint  # noqa: F401  (start-up, not rendering)

    started = time.perf_counter()
    written = write_briefings(briefings, work / "pdf", Outputs(formats=["pdf"], glossary=glossary))
    assert sum(p.suffix == ".pdf" for p in written) == 6
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sizes", default="1,seeds,250,1000,4000")
    parser.add_argument("--nllb-sizes", default="seeds,250", help="sizes of (a'), the NLLB-shaped model")
    parser.add_argument("--beam-size", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a) on each side; the median counts")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = random_model_home(work)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "briefing")], check=True)
        pool = sentence_pool(args.shared)
        table = scaling(work, env, pool, args.sizes.split(","), args.beam_size, args.repeat)
        nllb = (str(random_nllb_home(work, env)), "nllb-200-random", RAW_NLLB)
        table += ["", *scaling(work, env, pool, args.nllb_sizes.split(","), args.beam_size, args.repeat, nllb)]
        files = [str(p) for p in sized_sources(work, pool, "1000")]
        common = [sys.executable, "-m", "briefing", "translate", *files, "--to", "fr", "-q",
                  "--glossary", str(ROOT / "glossary"), "--out", str(work / "b"), "--memory", str(work / "m.sqlite")]
        cold, warm = timed(common, env), timed(common, env)
        rows.append(("(b) 1,000 sentences: cold run / unchanged re-run", f"{cold:.2f} s / {warm:.2f} s = "
                     f"{cold / warm:.1f}×", "≥ 20×"))
        built, scanned = matching_time()
        rows.append(("(c) 10,000 entries over 1 MB: build / scan", f"{built:.2f} s / {scanned:.2f} s", "< 1 s"))
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-X", "importtime", "-m", "briefing", "--help"],
                                capture_output=True, text=True, env=env, cwd=ROOT)
        startup = time.perf_counter() - started
        heavy = "ctranslate2" in result.stderr
        rows.append(("(d) briefing --help", f"{startup:.2f} s, ctranslate2 imported: {heavy}", "no ctranslate2"))
        rows.append(("(e) 6 PDFs (2 seeds × ar, ar_SY, fr)", f"{pdf_time(work):.2f} s", "< 5 s"))
    print("\n".join(["", *table, ""]))
    width = max(len(r[0]) for r in rows)
    for name, value, bar in rows:
        print(f"{name:{width}}  {value:30} {bar}")


if __name__ == "__main__":
    main()
