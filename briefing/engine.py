"""The translation engine: an Argos package's SentencePiece model and CTranslate2 weights.

Every sentence of every source goes to CTranslate2 in one `translate_batch` call per package,
sorted by length so batches carry little padding; ctranslate2 and sentencepiece are imported
only here, and only when a translation is actually needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefing.errors import BriefingError
from briefing.models import InstalledPackage
from briefing.translating import Translator

Progress = Callable[[int], None]


@dataclass(frozen=True)
class EngineOptions:
    beam_size: int = 2
    threads: int = 0  # 0: let CTranslate2 use every core
    compute_type: str = "auto"
    device: str = "cpu"
    max_batch_size: int = 32


class PackageTranslator:
    """One loaded package; loading (the slow part) happens once, in the constructor."""

    def __init__(self, package: InstalledPackage, options: EngineOptions) -> None:
        import ctranslate2
        import sentencepiece

        self.package = package
        self.options = options
        try:
            self.tokenizer = sentencepiece.SentencePieceProcessor(
                model_file=str(package.path / "sentencepiece.model")
            )
            self.translator = ctranslate2.Translator(
                str(package.path / "model"),
                device=options.device,
                compute_type=options.compute_type,
                intra_threads=options.threads,
            )
        except (OSError, RuntimeError, ValueError) as err:
            raise BriefingError(f"cannot load model {package.name} ({package.path}): {err}") from None

    def translate(self, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        if not sentences:
            return []
        tokens = [self.tokenizer.encode(sentence, out_type=str) for sentence in sentences]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        prefix = [[self.package.target_prefix]] * len(order) if self.package.target_prefix else None
        longest = max(len(t) for t in tokens)
        results = self.translator.translate_batch(
            [tokens[i] for i in order],
            target_prefix=prefix,
            max_batch_size=self.options.max_batch_size,
            batch_type="examples",
            beam_size=self.options.beam_size,
            max_decoding_length=min(512, 2 * longest + 16),
            replace_unknowns=True,
            asynchronous=progress is not None,
        )
        translations: list[str] = [""] * len(tokens)
        for position, result in zip(order, results, strict=False):
            if progress is not None:
                result = result.result()
                progress(1)
            translations[position] = self._detokenize(result.hypotheses[0])
        return translations

    def _detokenize(self, pieces: list[str]) -> str:
        prefix = self.package.target_prefix
        if prefix and pieces and pieces[0] == prefix:
            pieces = pieces[1:]
        return self.tokenizer.decode_pieces(pieces).strip()


class Engine(Translator):
    """Loads each package once and translates through a route (direct or pivot)."""

    def __init__(self, options: EngineOptions | None = None) -> None:
        self.options = options or EngineOptions()
        self._loaded: dict[str, PackageTranslator] = {}

    def model_id(self, route: Sequence[InstalledPackage]) -> str:
        options = self.options
        return f"{super().model_id(route)}|beam={options.beam_size}|{options.compute_type}"

    def translator(self, package: InstalledPackage) -> PackageTranslator:
        if package.name not in self._loaded:
            self._loaded[package.name] = PackageTranslator(package, self.options)
        return self._loaded[package.name]

    def translate(
        self, route: Sequence[InstalledPackage], sentences: Sequence[str], progress: Progress | None = None
    ) -> list[str]:
        texts = list(sentences)
        if not texts:
            return []  # nothing to translate: load no model
        for step, package in enumerate(route):
            last = step == len(route) - 1
            texts = self.translator(package).translate(texts, progress if last else None)
        return texts
