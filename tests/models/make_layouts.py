"""Look-alikes of the Argos packages users actually install, built from the copy model.

Each package has the file names, folder nesting, vocabulary format and tokenizer of a real
layout (facts from the Argos index and the tools that built the packages); the weights are the
hand-made copy weights of make_models.py, so the tests can follow text through the real path:

* ``argos-train 1.0`` (en↔ar): one top folder ``en_ar/``; ``model/model.bin`` in CTranslate2's
  older binary format (version 5) with ``model/shared_vocabulary.txt`` and no ``config.json``; one
  joint SentencePiece model; ``stanza/``; ``metadata.json``; ``README.md``. Without config.json
  CTranslate2 adds no end-of-sentence token to the source, so this copy model, unlike a trained
  one, does not know where to stop: its output runs on after the copy (nonsense by construction).
* ``OPUS-MT port 1.9`` (en↔fr, Locomotive's opus_mt_convert.py): top folder
  ``translate-en_fr-1_9/``; ``model/`` with config.json, model.bin and ``shared_vocabulary.json``
  holding pieces of both languages; ``sentencepiece.model`` is the *source-side* model only. The
  weights copy, except that a few source words come out as target-language pieces that the
  source SentencePiece model does not know ("▁clashes" → "▁affrontements"), exactly the pieces
  that SentencePiece hands back raw.
* ``OPUS-MT BPE port``: ``bpe.model`` (subword-nmt codes, "@@ " continuation marks) instead of
  sentencepiece.model, a vocabulary of BPE tokens.

    python tests/models/make_layouts.py --out /tmp/layouts
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import struct
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from tests.models.make_models import SEEDS, copy_spec, train_sentencepiece, vocabulary

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# Source word → the target-language word a 1.9 port writes for it (pieces the source model lacks).
EN_FR = {"clashes": "affrontements", "violence": "violences", "killed": "tués", "people": "personnes",
         "residents": "habitants", "government": "gouvernement", "security": "sécurité"}
FR_EN = {"affrontements": "clashes", "violences": "violence", "tués": "killed", "personnes": "people",
         "habitants": "residents", "gouvernement": "government", "sécurité": "security"}
NAMES = {"en": "English", "fr": "French", "ar": "Arabic"}


def _corpus(*names: str) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if "seeds" in names else []
    texts += [(FIXTURES / name).read_text(encoding="utf-8") for name in names if name != "seeds"]
    return "\n".join(texts)


def _metadata(from_code: str, to_code: str, version: str) -> dict:
    return {"package_version": version, "argos_version": "1.0", "from_code": from_code, "to_code": to_code,
            "from_name": NAMES[from_code], "to_name": NAMES[to_code], "type": "translate",
            "description": "briefing test look-alike: copy weights, not a translation model"}


def _save_model(spec, vocab: list[str], folder: Path) -> None:
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def _zip(root: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                zf.write(path, str(path.relative_to(root.parent)))
    return archive


def _common_files(root: Path, metadata: dict) -> None:
    (root / "stanza").mkdir(parents=True, exist_ok=True)
    (root / "stanza" / "README").write_text("stanza sentence-boundary model (not used by briefing)\n")
    (root / "metadata.json").write_text(json.dumps(metadata, indent=4) + "\n")
    (root / "README.md").write_text("Look-alike built by tests/models/make_layouts.py.\n")


def argos_train_1_0(out: Path, from_code: str, to_code: str) -> Path:
    sp_model = train_sentencepiece(_corpus("seeds", "seed-000.ar.md", "seed-000.fr.md"), 900)
    vocab = vocabulary(sp_model)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / f"{from_code}_{to_code}"
        _save_model(copy_spec(vocab), vocab, root / "model")
        model = root / "model"
        (model / "config.json").unlink()
        tokens = json.loads((model / "shared_vocabulary.json").read_text(encoding="utf-8"))
        (model / "shared_vocabulary.json").unlink()
        (model / "shared_vocabulary.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
        binary = bytearray((model / "model.bin").read_bytes())
        binary[:4] = struct.pack("I", 5)  # the binary version of the CTranslate2 2.x that built them
        (model / "model.bin").write_bytes(binary)
        (root / "sentencepiece.model").write_bytes(sp_model)
        _common_files(root, _metadata(from_code, to_code, "1.0"))
        return _zip(root, out / f"translate-{from_code}_{to_code}-1_0.argosmodel")


def _mapped_spec(vocab: list[str], mapping: dict[int, int]):
    """Copy weights, except that source token i is written as target token mapping[i]."""
    spec = copy_spec(vocab)
    projection = np.array(spec.decoder.projection.weight)
    original = projection.copy()
    for source_id, target_id in mapping.items():
        projection[target_id], projection[source_id] = original[source_id], original[target_id]
    spec.decoder.projection.weight = projection
    return spec


def opus_mt_1_9(out: Path, from_code: str, to_code: str) -> Path:
    corpus = _corpus("seeds") if from_code == "en" else _corpus("seed-000.fr.md")
    words = EN_FR if from_code == "en" else FR_EN
    for word in words:  # every mapped word is one piece of the source model
        corpus += ("\n" + word) * 50
    sp_model = train_sentencepiece(corpus, 700)
    vocab = vocabulary(sp_model)
    mapping = {}
    for source_word, target_word in words.items():
        target_piece = "▁" + target_word
        if target_piece not in vocab:
            vocab.append(target_piece)
        if "▁" + source_word in vocab:
            mapping[vocab.index("▁" + source_word)] = vocab.index(target_piece)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / f"translate-{from_code}_{to_code}-1_9"
        _save_model(_mapped_spec(vocab, mapping), vocab, root / "model")
        (root / "sentencepiece.model").write_bytes(sp_model)  # the source side only
        _common_files(root, _metadata(from_code, to_code, "1.9"))
        return _zip(root, out / f"translate-{from_code}_{to_code}-1_9.argosmodel")


def learn_bpe(words: collections.Counter, merges: int) -> list[tuple[str, str]]:
    """subword-nmt's algorithm in brief: merge the most frequent adjacent pair, `merges` times."""
    vocab = {tuple(word[:-1]) + (word[-1] + "</w>",): count for word, count in words.items() if word}
    learned = []
    for _ in range(merges):
        pairs: collections.Counter = collections.Counter()
        for symbols, count in vocab.items():
            for pair in zip(symbols, symbols[1:], strict=False):
                pairs[pair] += count
        if not pairs:
            break
        best = max(pairs, key=lambda p: (pairs[p], p))
        learned.append(best)
        merged = {}
        for symbols, count in vocab.items():
            out, i = [], 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged[tuple(out)] = count
        vocab = merged
    return learned


def opus_mt_bpe(out: Path, from_code: str, to_code: str) -> Path:
    from argostranslate.apply_bpe import BPE
    from sacremoses import MosesTokenizer

    tokenizer = MosesTokenizer(from_code)
    lines = [line for line in _corpus("seeds").splitlines() if line.strip()]
    tokenized = [tokenizer.tokenize(line) for line in lines]
    codes = learn_bpe(collections.Counter(w for line in tokenized for w in line), 400)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / f"translate-{from_code}_{to_code}-bpe-1_9"
        root.mkdir()
        codes_file = root / "bpe.model"
        codes_file.write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in codes), encoding="utf-8")
        with codes_file.open(encoding="utf-8") as handle:
            bpe = BPE(handle)
        tokens = {t for line in tokenized for t in bpe.segment_tokens(line)}
        characters = {ch for line in lines for ch in line if not ch.isspace()}
        tokens |= characters | {ch + "@@" for ch in characters}
        vocab = ["<unk>", "<s>", "</s>", *sorted(tokens)]
        _save_model(copy_spec(vocab), vocab, root / "model")
        _common_files(root, _metadata(from_code, to_code, "1.9"))
        return _zip(root, out / f"translate-{from_code}_{to_code}-bpe.argosmodel")


def build_all(out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    return {
        "en_ar-1.0": argos_train_1_0(out, "en", "ar"),
        "ar_en-1.0": argos_train_1_0(out, "ar", "en"),
        "en_fr-1.9": opus_mt_1_9(out, "en", "fr"),
        "fr_en-1.9": opus_mt_1_9(out, "fr", "en"),
        "en_fr-bpe": opus_mt_bpe(out, "en", "fr"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    for name, archive in build_all(parser.parse_args().out).items():
        print(f"{name:10} {archive}  {os.path.getsize(archive) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
