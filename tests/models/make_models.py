"""Build tiny *real* Argos packages (CTranslate2 weights + SentencePiece) for the tests.

No translation model can be downloaded where this project is built, so the tests need a model
they can make themselves. This script writes Argos `.argosmodel` packages whose weights are
constructed by hand, not trained:

* ``copy`` (default, committed under ``tests/models/``): a one-layer Transformer whose
  cross-attention attends from target position *t* to source position *t* and whose output
  projection reads back the attended source token. It therefore copies its input token by token,
  through the real SentencePiece + CTranslate2 path, so tests can follow names and numbers through
  the engine. Its "translations" are the English input: nothing may treat them as French or Arabic.
* ``random`` (``--random``, for benchmarks, not committed): a model of realistic size (6+6 layers,
  d_model 512, 8 heads, FFN 2048) with random weights, whose speed is that of a real model.

Usage::

    python tests/models/make_models.py                # the committed copy models
    python tests/models/make_models.py --random --out /tmp/bench-models
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"
PAIRS = (("en", "ar", "English", "Arabic"), ("en", "fr", "English", "French"))
MAX_POSITIONS = 512


def train_sentencepiece(corpus: str, vocab_size: int) -> bytes:
    """A SentencePiece model trained on the seeds; byte fallback makes any text encodable."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([line for line in corpus.splitlines() if line.strip()]),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        byte_fallback=True,
        character_coverage=1.0,
        split_digits=True,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def vocabulary(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    # CTranslate2 looks the special tokens up by name; SentencePiece ids 0-2 are these three.
    return ["<unk>", "<s>", "</s>", *pieces[3:]]


def _paired(logical: np.ndarray) -> np.ndarray:
    """Write each logical dimension as a (+x, -x) pair so that every vector has zero mean.

    LayerNorm then only rescales vectors and never mixes the token and position subspaces.
    """
    shape = logical.shape[:-1] + (logical.shape[-1] * 2,)
    physical = np.empty(shape, dtype=np.float32)
    physical[..., 0::2] = logical
    physical[..., 1::2] = -logical
    return physical


def _pick_frequencies(count: int, horizon: int, rng: np.random.Generator) -> np.ndarray:
    """Frequencies whose cosine sum peaks sharply at offset 0 and nowhere else up to horizon."""
    best, best_peak = None, float("inf")
    offsets = np.arange(1, horizon)[:, None]
    for _ in range(400):
        freqs = rng.uniform(0.15, 3.0, size=count)
        peak = np.cos(offsets * freqs).sum(axis=1).max()
        if peak < best_peak:
            best, best_peak = freqs, peak
    return best


def copy_spec(vocab: list[str], token_dims: int = 32, frequencies: int = 8, seed: int = 7):
    """A Transformer whose weights make it copy the source sentence (see module docstring)."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    logical = token_dims + 2 * frequencies
    d_model = 2 * logical
    token_slice = slice(0, 2 * token_dims)
    position_slice = slice(2 * token_dims, d_model)

    tokens = rng.normal(size=(len(vocab), token_dims))
    tokens /= np.linalg.norm(tokens, axis=1, keepdims=True)
    embeddings = np.zeros((len(vocab), logical), dtype=np.float32)
    embeddings[:, :token_dims] = tokens
    embeddings = _paired(embeddings)

    freqs = _pick_frequencies(frequencies, MAX_POSITIONS, rng)
    angles = np.arange(MAX_POSITIONS)[:, None] * freqs[None, :]
    positions = np.zeros((MAX_POSITIONS, logical), dtype=np.float32)
    positions[:, token_dims::2] = np.cos(angles)
    positions[:, token_dims + 1 :: 2] = np.sin(angles)
    positions = _paired(positions)

    def projector(part: slice, scale: float = 1.0) -> np.ndarray:
        weight = np.zeros((d_model, d_model), dtype=np.float32)
        index = np.arange(d_model)[part]
        weight[index, index] = scale
        return weight

    def zeros(*shape: int) -> np.ndarray:
        return np.zeros(shape, dtype=np.float32)

    def layer_norm(norm, gamma: np.ndarray | None = None) -> None:
        norm.gamma = np.ones(d_model, dtype=np.float32) if gamma is None else gamma
        norm.beta = zeros(d_model)

    def silent_ffn(ffn) -> None:
        layer_norm(ffn.layer_norm)
        ffn.linear_0.weight, ffn.linear_0.bias = zeros(4, d_model), zeros(4)
        ffn.linear_1.weight, ffn.linear_1.bias = zeros(d_model, 4), zeros(d_model)

    def silent_self_attention(attention) -> None:
        layer_norm(attention.layer_norm)
        attention.linear[0].weight, attention.linear[0].bias = (
            zeros(3 * d_model, d_model),
            zeros(3 * d_model),
        )
        attention.linear[1].weight, attention.linear[1].bias = zeros(d_model, d_model), zeros(d_model)

    spec = transformer_spec.TransformerSpec.from_config((1, 1), num_heads=1)
    spec.config.add_source_eos = True  # the copied </s> is what ends decoding

    encoder = spec.encoder
    encoder.scale_embeddings = False
    encoder.embeddings[0].weight = embeddings
    encoder.position_encodings.encodings = positions
    silent_self_attention(encoder.layer[0].self_attention)
    silent_ffn(encoder.layer[0].ffn)
    layer_norm(encoder.layer_norm)

    decoder = spec.decoder
    decoder.scale_embeddings = False
    decoder.embeddings.weight = zeros(len(vocab), d_model)
    decoder.position_encodings.encodings = positions
    layer = decoder.layer[0]
    silent_self_attention(layer.self_attention)
    silent_ffn(layer.ffn)
    # Cross-attention: query and key read the position subspace (sharpened so that target
    # position t attends to source position t alone); the value carries the source token.
    cross = layer.attention
    layer_norm(cross.layer_norm)
    cross.linear[0].weight, cross.linear[0].bias = projector(position_slice, 60.0), zeros(d_model)
    keys_values = np.concatenate([projector(position_slice), projector(token_slice)])
    cross.linear[1].weight, cross.linear[1].bias = keys_values, zeros(2 * d_model)
    cross.linear[2].weight, cross.linear[2].bias = projector(slice(0, d_model)), zeros(d_model)
    gamma = np.ones(d_model, dtype=np.float32)
    gamma[token_slice] = 40.0  # a decisive margin for the copied token
    layer_norm(decoder.layer_norm, gamma)
    decoder.projection.weight = embeddings
    decoder.projection.bias = zeros(len(vocab))
    return spec


def random_spec(
    vocab: list[str], layers: int = 6, d_model: int = 512, heads: int = 8, seed: int = 7, eos_bias: float = 0.0
):
    """A realistic-size Transformer with random weights, for speed benchmarks only.

    `eos_bias` raises the end-of-sentence logit so that outputs stop after a few dozen tokens,
    as a trained model's do, instead of always running to the maximum length.
    """
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config((layers, layers), num_heads=heads)
    ffn = 4 * d_model

    def normal(*shape: int) -> np.ndarray:
        return (rng.normal(size=shape) / np.sqrt(shape[-1])).astype(np.float32)

    def ones() -> np.ndarray:
        return np.ones(d_model, dtype=np.float32)

    def zeros(size: int) -> np.ndarray:
        return np.zeros(size, dtype=np.float32)

    def norm(spec_norm) -> None:
        spec_norm.gamma, spec_norm.beta = ones(), zeros(d_model)

    def attention(att, fused: int) -> None:
        norm(att.layer_norm)
        if fused == 3:
            att.linear[0].weight, att.linear[0].bias = normal(3 * d_model, d_model), zeros(3 * d_model)
            att.linear[1].weight, att.linear[1].bias = normal(d_model, d_model), zeros(d_model)
        else:
            att.linear[0].weight, att.linear[0].bias = normal(d_model, d_model), zeros(d_model)
            att.linear[1].weight, att.linear[1].bias = normal(2 * d_model, d_model), zeros(2 * d_model)
            att.linear[2].weight, att.linear[2].bias = normal(d_model, d_model), zeros(d_model)

    def feed_forward(f) -> None:
        norm(f.layer_norm)
        f.linear_0.weight, f.linear_0.bias = normal(ffn, d_model), zeros(ffn)
        f.linear_1.weight, f.linear_1.bias = normal(d_model, ffn), zeros(d_model)

    embeddings = normal(len(vocab), d_model)
    spec.encoder.embeddings[0].weight = embeddings
    for layer in spec.encoder.layer:
        attention(layer.self_attention, 3)
        feed_forward(layer.ffn)
    norm(spec.encoder.layer_norm)
    spec.decoder.embeddings.weight = embeddings
    for layer in spec.decoder.layer:
        attention(layer.self_attention, 3)
        attention(layer.attention, 2)
        feed_forward(layer.ffn)
    norm(spec.decoder.layer_norm)
    spec.decoder.projection.weight = embeddings
    spec.decoder.projection.bias = zeros(len(vocab))
    spec.decoder.projection.bias[vocab.index("</s>")] = eos_bias
    return spec


def write_package(
    destination: Path, spec, vocab: list[str], sp_model: bytes, pair: tuple, kind: str
) -> Path:
    """Save `spec` as an Argos package: metadata.json, model/, sentencepiece.model, README.md."""
    from_code, to_code, from_name, to_name = pair
    name = f"translate-{from_code}_{to_code}-{kind}"
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8" if kind == "copy" else None)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / name
        (root / "model").mkdir(parents=True)
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_model)
        metadata = {
            "package_version": "0.1",
            "argos_version": "1.0",
            "from_code": from_code,
            "from_name": from_name,
            "to_code": to_code,
            "to_name": to_name,
            "type": "translate",
            "description": f"briefing test model ({kind}): not a translation model",
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n")
        (root / "README.md").write_text(
            f"Test model made by tests/models/make_models.py ({kind} weights). "
            "Its output is not a translation.\n"
        )
        destination.mkdir(parents=True, exist_ok=True)
        archive = destination / f"{name}.argosmodel"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                info = zipfile.ZipInfo(str(path.relative_to(root.parent)), (2025, 1, 1, 0, 0, 0))
                if path.is_dir():
                    continue
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
    return archive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--random", action="store_true", help="realistic-size random model")
    parser.add_argument("--out", type=Path, default=HERE, help="where to write the packages")
    parser.add_argument("--vocab-size", type=int, default=None)
    parser.add_argument("--eos-bias", type=float, default=5.0,
                        help="random model: end-of-sentence logit bias (higher = shorter outputs)")
    args = parser.parse_args()

    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    sp_model = train_sentencepiece(corpus, args.vocab_size or (1000 if args.random else 600))
    vocab = vocabulary(sp_model)
    kind = "random" if args.random else "copy"
    for pair in PAIRS:
        spec = random_spec(vocab, eos_bias=args.eos_bias) if args.random else copy_spec(vocab)
        archive = write_package(args.out, spec, vocab, sp_model, pair, kind)
        print(f"{archive}  {archive.stat().st_size / 1024:.0f} KiB")
    shutil.rmtree(HERE / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
