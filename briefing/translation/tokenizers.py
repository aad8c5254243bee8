"""The tokenizers Argos packages ship, behind one interface, chosen from the package's files.

* SentencePiece, joint (argos-train packages such as en↔ar 1.0): one model knows every piece.
* SentencePiece, source side only (OPUS-MT ports such as en↔fr 1.9): the model knows the source
  language's pieces; the target pieces the network writes are unknown to it, and SentencePiece
  hands them back raw, "▁" included. Those are detokenized here by hand.
* BPE (OPUS-MT ports that ship ``bpe.model``): Moses tokenization, subword-nmt codes with "@@ "
  continuation marks, Moses detokenization (sacremoses, and the subword-nmt applier that
  argostranslate carries).
* CTranslate2 conversions of Hugging Face models (see briefing.translation.converted): NLLB's
  ``sentencepiece.bpe.model``, one model for every language; Marian's ``source.spm`` and
  ``target.spm``, one for each side.

argostranslate's own SentencePiece decoding turns every "_" into a space; a real underscore in
a briefing (a file name, a handle) must survive, so decoding is done here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

WORD_START = "▁"
SENTENCEPIECE, BPE = "sentencepiece", "bpe"
TOKENIZER_FILES = {SENTENCEPIECE: "sentencepiece.model", BPE: "bpe.model"}
NLLB_SENTENCEPIECE = "sentencepiece.bpe.model"  # the file name Hugging Face gives NLLB's and M2M-100's
MARIAN_SIDES = ("source.spm", "target.spm")  # Marian's SentencePiece models, source side then target side


class TokenizerError(Exception):
    """The tokenizer file cannot be loaded."""


def tokenizer_kind(package_dir: Path) -> str | None:
    """Which tokenizer a package folder ships, if any."""
    return next((kind for kind, name in TOKENIZER_FILES.items() if (package_dir / name).is_file()), None)


def _processor(model_file: Path):
    import sentencepiece

    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(model_file))
    except (OSError, RuntimeError) as err:
        raise TokenizerError(f"{model_file.name}: {err}") from None


class SentencePieceTokenizer:
    """One SentencePiece model, or two (`target_file`: Marian's target side, which decodes)."""

    def __init__(self, model_file: Path, target_file: Path | None = None) -> None:
        self.source_processor = _processor(model_file)
        self.processor = _processor(target_file) if target_file else self.source_processor
        self.unknown = self.processor.unk_id()

    def encode(self, text: str) -> list[str]:
        return self.source_processor.encode(text, out_type=str)

    def word_start(self, piece: str, previous: str | None) -> bool:
        return piece.startswith(WORD_START)

    def known(self, piece: str) -> bool:
        return self.processor.piece_to_id(piece) != self.unknown or piece == self.processor.id_to_piece(self.unknown)

    def decode(self, pieces: Sequence[str]) -> str:
        """Runs of pieces the model knows are decoded by SentencePiece (byte fallback included);
        pieces it does not know (target pieces of a source-only model) by their "▁" marks."""
        parts: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                text = self.processor.decode_pieces(run)
                parts.append((" " if run[0].startswith(WORD_START) else "") + text)
                run.clear()

        for piece in pieces:
            if self.known(piece):
                run.append(piece)
            else:
                flush()
                parts.append(piece.replace(WORD_START, " "))
        flush()
        return " ".join("".join(parts).split())


class BPETokenizer:
    CONTINUATION = "@@"

    def __init__(self, model_file: Path, source_lang: str, target_lang: str) -> None:
        from argostranslate.apply_bpe import BPE as SubwordNmt
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer

        try:
            with model_file.open(encoding="utf-8") as codes:
                self.bpe = SubwordNmt(codes)
        except (OSError, UnicodeDecodeError, ValueError, IndexError) as err:
            raise TokenizerError(f"{model_file.name}: not subword-nmt BPE codes ({err})") from None
        self.normalizer = MosesPunctNormalizer(source_lang)
        self.tokenizer = MosesTokenizer(source_lang)
        self.detokenizer = MosesDetokenizer(target_lang)

    def encode(self, text: str) -> list[str]:
        words = self.tokenizer.tokenize(self.normalizer.normalize(text))  # escaped, as the models were trained
        return self.bpe.segment_tokens(words)

    def word_start(self, piece: str, previous: str | None) -> bool:
        return previous is None or not previous.endswith(self.CONTINUATION)

    def decode(self, pieces: Sequence[str]) -> str:
        words = " ".join(pieces).replace(self.CONTINUATION + " ", "").removesuffix(self.CONTINUATION).split()
        return self.detokenizer.detokenize(words).strip()


Tokenizer = SentencePieceTokenizer | BPETokenizer


def load_tokenizer(package_dir: Path, source_lang: str, target_lang: str) -> Tokenizer:
    if all((package_dir / name).is_file() for name in MARIAN_SIDES):
        return SentencePieceTokenizer(*(package_dir / name for name in MARIAN_SIDES))
    if (package_dir / NLLB_SENTENCEPIECE).is_file():
        return SentencePieceTokenizer(package_dir / NLLB_SENTENCEPIECE)
    kind = tokenizer_kind(package_dir)
    if kind == SENTENCEPIECE:
        return SentencePieceTokenizer(package_dir / TOKENIZER_FILES[kind])
    if kind == BPE:
        return BPETokenizer(package_dir / TOKENIZER_FILES[kind], source_lang, target_lang)
    raise TokenizerError(f"no tokenizer ({' or '.join(TOKENIZER_FILES.values())})")
