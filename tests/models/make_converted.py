"""Build tiny *real* models of the families `ct2-transformers-converter` writes, laid out as it
lays them out, for the tests of briefing.translation.converted (nothing is committed: each test
session builds them in a second):

* ``nllb``: an NLLB-200-like folder (model.bin, config.json, shared_vocabulary.json,
  sentencepiece.bpe.model) whose vocabulary holds NLLB's language tokens (eng_Latn, arb_Arab,
  fra_Latn, and arb_Latn, ary_Arab and deu_Latn beside them);
* ``m2m100``: the same layout with M2M-100's language tokens (__en__, __ar__, __fr__, __de__);
* ``opus-mt-en-fr``: a bilingual OPUS-MT (Marian) folder (source.spm, target.spm);
* ``opus-mt-en-mul``: a multilingual Marian folder whose input starts with a target token
  (>>ara<<, >>fra<<, >>deu<<).

Their weights are make_models.py's copy weights: the output follows the input token by token
(NLLB's forced target token first), so tests can follow names and figures through the real
SentencePiece + CTranslate2 path with each family's conventions. ``random=True`` gives the same
layouts with random weights of each family's real size (NLLB-200-distilled-600M's 12+12 layers,
d1024, 16 heads; OPUS-MT's 6+6, d512), int8 as converted, for tests/benchmarks/speed.py.

    python tests/models/make_converted.py --out /tmp/converted [--random]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.models.make_models import SEEDS, copy_spec, random_spec, train_sentencepiece, vocabulary  # noqa: E402

FIXTURES = HERE.parent / "fixtures"
NLLB_TOKENS = ("eng_Latn", "arb_Arab", "fra_Latn", "arb_Latn", "ary_Arab", "deu_Latn")
MARIAN_TOKENS = (">>ara<<", ">>fra<<", ">>deu<<")
M2M_TOKENS = ("__en__", "__ar__", "__fr__", "__de__")
FAMILIES = ("nllb", "m2m100", "opus-mt-en-fr", "opus-mt-en-mul")
NLLB_600M = {"layers": 12, "d_model": 1024, "heads": 16}  # nllb-200-distilled-600M's shape (FFN 4 × d_model)


def corpus() -> str:
    """The seeds, and the Arabic and French briefings of the fixtures: a source in any of the
    three languages is pieces, not bytes."""
    files = [*sorted(SEEDS.glob("*.txt")), *sorted(FIXTURES.glob("*.md"))]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def corpus_of_seeds() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def write_model(folder: Path, family: str, sp_model: bytes, random: bool = False) -> Path:
    """One converted-model folder of `family` (see FAMILIES)."""
    tokens = {"nllb": NLLB_TOKENS, "m2m100": M2M_TOKENS, "opus-mt-en-mul": MARIAN_TOKENS}.get(family, ())
    vocab = [*vocabulary(sp_model), *tokens]
    shape = NLLB_600M if family == "nllb" else {}  # OPUS-MT's is random_spec's own: 6+6 layers, d512
    spec = random_spec(vocab, eos_bias=5.0, **shape) if random else copy_spec(vocab)
    spec.config.add_source_eos = False  # as converted: the input's "</s>" is written by the caller
    if family in ("nllb", "m2m100"):
        spec.config.decoder_start_token = "</s>"
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")  # as the README converts them
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))
    if family in ("nllb", "m2m100"):
        (folder / "sentencepiece.bpe.model").write_bytes(sp_model)
    else:
        (folder / "source.spm").write_bytes(sp_model)
        (folder / "target.spm").write_bytes(sp_model)
    return folder


def build(out: Path, random: bool = False) -> dict[str, Path]:
    """Every family's folder under `out`, named as its model would be. The random models'
    SentencePiece is the random Argos package's (the seeds, 1,000 pieces), so that the speed
    benchmark's two rows differ in the family's conventions only, not in what the output is
    made of (random Arabic pieces cost the French check more than random English ones)."""
    sp_model = train_sentencepiece(corpus_of_seeds() if random else corpus(), 1000 if random else 800)
    names = {"nllb": "nllb-200-test" if not random else "nllb-200-random", "m2m100": "m2m100-test",
             "opus-mt-en-fr": "opus-mt-en-fr", "opus-mt-en-mul": "opus-mt-en-mul"}
    return {family: write_model(out / names[family], family, sp_model, random) for family in FAMILIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--random", action="store_true", help="realistic-size random weights")
    args = parser.parse_args()
    for family, folder in build(args.out, args.random).items():
        size = sum(path.stat().st_size for path in folder.iterdir())
        print(json.dumps({"family": family, "folder": str(folder), "kib": size // 1024}))


if __name__ == "__main__":
    main()
