"""Models beyond the Argos index: Hugging Face translation models converted once for CTranslate2
(`ct2-transformers-converter --model facebook/nllb-200-distilled-600M --quantization int8
--copy_files sentencepiece.bpe.model --output_dir nllb-200-distilled-600M`), installed from
their folder or a zip of it into briefing's models folder ($BRIEFING_MODELS, else
$XDG_DATA_HOME/briefing/models; not argostranslate's, whose reader takes every folder there for
an Argos package).

The family is read from the files, never from a name the user could mistype:

* NLLB-200 and M2M-100: one SentencePiece model (`sentencepiece.bpe.model`) and a vocabulary
  holding a token per language (`eng_Latn`, `arb_Arab`; M2M-100's `__en__`). Every language
  translates into every other: the source's token starts the input, the target's the output.
* OPUS-MT (Marian): `source.spm` and `target.spm`. A multilingual model names its targets with
  tokens its input starts with (`>>ara<<`, `>>fra<<`); its source language, and both languages
  of a bilingual one, come from the name Helsinki-NLP gives it (opus-mt-en-fr).

Each model's languages are mapped to the product's codes with CLDR's aliases (arb → ar,
fra → fr); a manifest beside the weights (briefing-model.json: name, version, family,
languages, SHA-256 of model.bin) is what later runs read, so that listing 200 languages costs
one small file, and the version (the weights' digest) keys the memory: a new conversion is a
new model and re-translates.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from briefing import settings
from briefing.errors import BriefingError
from briefing.translation.models import InstalledPackage, installed_packages
from briefing.translation.tokenizers import MARIAN_SIDES, NLLB_SENTENCEPIECE

MANIFEST = "briefing-model.json"
NLLB, M2M100, MARIAN = "nllb", "m2m100", "marian"
FAMILIES = (NLLB, M2M100, MARIAN)
_NLLB_TOKEN = re.compile(r"([a-z]{3})_([A-Z][a-z]{3})")
_M2M_TOKEN = re.compile(r"__([a-z]{2,3})__")
_MARIAN_TOKEN = re.compile(r">>([a-z]{2,3})(?:_([A-Z][a-z]{3}))?<<")
_OPUS_NAME = re.compile(r"opus-mt-(?:tc-(?:big|base)-)?([a-z]{2,3})-([a-z]+)", re.IGNORECASE)  # en-fr, en-ROMANCE
_VOCABULARIES = ("shared_vocabulary.json", "shared_vocabulary.txt")


def models_dir() -> Path:
    return settings.current().models_dir


@dataclass(frozen=True)
class ConvertedModel:
    """An installed converted model, as its manifest describes it: which languages it takes
    from and to, and the token that names each in its vocabulary."""

    path: Path
    family: str
    version: str
    tokens: tuple[tuple[str, str], ...]  # (language code, the model's token for it)
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    add_eos: bool = True  # the input ends with "</s>" written by us (the model's config does not add it)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def multilingual(self) -> bool:
        return len(self.sources) * len(self.targets) > 1

    @property
    def languages(self) -> set[str]:
        return set(self.sources) | set(self.targets)

    @property
    def pair(self) -> str:
        """What it translates, as a package's pair is shown: "en→fr", "en→ar, de, fr", "5 languages"."""
        if set(self.sources) == set(self.targets) and self.multilingual:
            return f"{len(self.languages)} languages"
        return f"{', '.join(self.sources)}→{', '.join(self.targets)}"

    def for_pair(self, source: str, target: str) -> InstalledPackage | None:
        """The pair's conventions: NLLB's source token first and target token as the output's
        prefix; Marian's target token first in the input of a multilingual model."""
        if source == target or source not in self.sources or target not in self.targets:
            return None
        token = dict(self.tokens)
        prefix, target_prefix = (), ""
        if self.family in (NLLB, M2M100):
            prefix, target_prefix = (token[source],), token[target]
        elif target in token:
            prefix = (token[target],)
        return InstalledPackage(self.path, source, target, self.version, target_prefix, family=self.family,
                                source_prefix=prefix, source_suffix=("</s>",) if self.add_eos else (),
                                special=frozenset(token.values()), multilingual=self.multilingual)

    def describe_languages(self) -> str:
        """"202 languages, each into every other: ace, af, …" or "en → ar, de, fr"."""
        if set(self.sources) != set(self.targets):
            return f"{', '.join(self.sources)} → {', '.join(self.targets)}"
        shown = ", ".join(sorted(self.languages)[:12]) + (", …" if len(self.languages) > 12 else "")
        return f"{len(self.languages)} languages, each into every other: {shown}"

    def manifest(self, digest: str) -> dict:
        return {"name": self.name, "version": self.version, "family": self.family, "sha256": digest,
                "languages": dict(self.tokens), "sources": list(self.sources), "targets": list(self.targets),
                "add_eos": self.add_eos}


def read_manifest(path: Path) -> ConvertedModel | None:
    """The model of a folder, from its manifest; None for anything else (a stray folder, a
    manifest damaged or of another shape, weights gone)."""
    try:
        data = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        tokens = data["languages"]
        model = ConvertedModel(path, data["family"], str(data["version"])[:40],
                               tuple((str(code), str(token)) for code, token in tokens.items()),
                               tuple(map(str, data["sources"])), tuple(map(str, data["targets"])),
                               bool(data.get("add_eos", True)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if model.family not in FAMILIES or not (path / "model.bin").is_file():
        return None
    return model


def installed_converted(directory: Path | None = None) -> list[ConvertedModel]:
    """The converted models of the folder; one another user put there is not used unless the
    folder is trusted, as for Argos packages."""
    from briefing.trust import refusal

    directory = directory or models_dir()
    if not directory.is_dir():
        return []
    found = (read_manifest(path) for path in sorted(directory.iterdir())
             if path.is_dir() and not path.name.startswith(".") and not refusal(path))
    return [model for model in found if model is not None]


def installed_models(packages: Path | None = None, converted: Path | None = None) -> list:
    """Every model of this machine: the Argos packages, then the converted models."""
    return [*installed_packages(packages), *installed_converted(converted)]


def language_code(code: str) -> str:
    """The product's code for a model's language code: ISO 639-3 and -2 through CLDR's aliases
    (arb, ara → ar; fra, fre → fr); a language CLDR has no two-letter code for keeps its own."""
    from babel.core import get_global

    code = code.lower()
    alias = get_global("language_aliases").get(code)
    return alias.split("_")[0] if alias else code


def _likely_script(language: str) -> str:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language, "")
    return next((part for part in likely.split("_")[1:] if len(part) == 4), "")


def _tokens_by_language(found: list[tuple[str, str, str]]) -> dict[str, str]:
    """(model code, script, token) → one token per product language: Modern Standard Arabic's
    arb_Arab rather than arb_Latn or a dialect's, by CLDR's likely script and an exact alias."""
    from babel.core import get_global

    aliases = get_global("language_aliases")
    best: dict[str, tuple[tuple, str]] = {}
    for order, (code, script, token) in enumerate(found):
        language = language_code(code)
        rank = (script not in ("", _likely_script(language)), "_" in (aliases.get(code) or ""),
                aliases.get(code) is None and code != language, order)
        if language not in best or rank < best[language][0]:
            best[language] = (rank, token)
    return {language: token for language, (_, token) in sorted(best.items())}


def _vocabulary(folder: Path, side: str = "target") -> list[str]:
    names = (*_VOCABULARIES, f"{side}_vocabulary.json", f"{side}_vocabulary.txt")
    path = next((folder / name for name in names if (folder / name).is_file()), None)
    if path is None:
        raise BriefingError("no vocabulary (shared_vocabulary.json, or source_ and target_vocabulary.json) beside "
                            "model.bin")
    text = path.read_text(encoding="utf-8")
    tokens = json.loads(text) if path.suffix == ".json" else text.splitlines()
    if not isinstance(tokens, list):
        raise BriefingError(f"{path.name} is not a list of tokens")
    return [token for token in tokens if isinstance(token, str)]


def recognise(folder: Path, name: str) -> ConvertedModel:
    """The model a converted folder holds (not yet installed: version left empty), or a
    BriefingError saying what is missing."""
    if not (folder / "model.bin").is_file():
        raise BriefingError("no model.bin: not a model converted for CTranslate2")
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    add_eos = not (isinstance(config, dict) and config.get("add_source_eos") is True)
    if (folder / NLLB_SENTENCEPIECE).is_file():
        vocabulary = _vocabulary(folder)
        nllb = [(m[1], m[2], token) for token in vocabulary if (m := _NLLB_TOKEN.fullmatch(token))]
        m2m = [(m[1], "", token) for token in vocabulary if (m := _M2M_TOKEN.fullmatch(token))]
        if len(nllb) < 2 and len(m2m) < 2:
            raise BriefingError("its vocabulary holds no language tokens (eng_Latn, arb_Arab as NLLB's; __en__ as "
                                "M2M-100's): not a multilingual model briefing can steer")
        family, tokens = (NLLB, _tokens_by_language(nllb)) if len(nllb) >= 2 else (M2M100, _tokens_by_language(m2m))
        languages = tuple(tokens)
        return ConvertedModel(folder, family, "", tuple(tokens.items()), languages, languages, add_eos)
    if all((folder / side).is_file() for side in MARIAN_SIDES):
        marked = [(m[1], m[2] or "", token) for token in _vocabulary(folder, "source")
                  if (m := _MARIAN_TOKEN.fullmatch(token))]
        named = _OPUS_NAME.search(name)
        if named is None:
            raise BriefingError("an OPUS-MT model's languages are in its name: name the folder as Helsinki-NLP "
                                "names the model (opus-mt-en-fr, opus-mt-en-ar, opus-mt-tc-big-ar-fr)")
        tokens = _tokens_by_language(marked)
        if not tokens and not 2 <= len(named[2]) <= 3:
            raise BriefingError(f"its target languages are neither in its vocabulary (>>fra<<) nor in its name "
                                f"({named[2]!r} is no language code)")
        targets = tuple(tokens) or (language_code(named[2]),)
        return ConvertedModel(folder, MARIAN, "", tuple(tokens.items()), (language_code(named[1]),), targets,
                              add_eos)
    raise BriefingError(f"no tokenizer beside model.bin: {NLLB_SENTENCEPIECE} (NLLB, M2M-100) or "
                        f"{' and '.join(MARIAN_SIDES)} (OPUS-MT); convert with --copy_files naming them")


def is_converted_archive(path: Path) -> bool:
    """A zip of a converted model (model.bin in its one folder), not an Argos package."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [info.filename.replace("\\", "/") for info in zf.infolist()]
    except (OSError, EOFError, ValueError, NotImplementedError, zipfile.BadZipFile, zipfile.LargeZipFile):
        return False  # not ours to judge: the Argos installer says what is wrong with it
    return any(n.count("/") == 1 and n.endswith("/model.bin") for n in names) and not any(
        n.count("/") == 1 and n.endswith("/metadata.json") for n in names)
