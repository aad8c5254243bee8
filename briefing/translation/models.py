"""Models on disk: Argos packages found, installed and removed here, CTranslate2 conversions of
NLLB and OPUS-MT models in `briefing.translation.converted`; routes over both (direct, or through
English), with the desk's choice where several models give a pair.

Packages are argostranslate's own format and folder (``ARGOS_PACKAGES_DIR`` is honoured), so
packages installed by ``argospm`` and by briefing are the same. The argostranslate module itself
is not imported: its settings module creates folders and freezes the environment at import time,
and its installer extracts straight into the packages folder, where a failed download or a
broken archive leaves a half-installed package. Reading ``metadata.json`` is all we need.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing import settings
from briefing.errors import BriefingError, UsageError
from briefing.languages import Target
from briefing.translation.model_ref import ModelRef
from briefing.translation.tokenizers import (
    SENTENCEPIECE,
    TOKENIZER_FILES,
    TokenizerError,
    load_tokenizer,
    tokenizer_kind,
)

PIVOT = "en"
ARGOS = "argos"


class ModelMissing(BriefingError):
    pass


@dataclass(frozen=True)
class InstalledPackage:
    """One language pair of an installed model, with the conventions the engine follows for it:
    an Argos package, or one pair of a multilingual model (NLLB's eng_Latn → fra_Latn)."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""  # a token the output starts with (NLLB's fra_Latn; some Argos packages')
    tokenizer: str = SENTENCEPIECE  # sentencepiece or bpe: see briefing.translation.tokenizers
    family: str = ARGOS  # or a converted model's: nllb, m2m100, marian
    source_prefix: tuple[str, ...] = ()  # tokens before the source's pieces (NLLB's eng_Latn, Marian's >>fra<<)
    source_suffix: tuple[str, ...] = ()  # after them: "</s>" where the model's config does not add it
    special: frozenset[str] = field(default_factory=frozenset)  # tokens never text (the language tokens)
    multilingual: bool = False  # one model for several pairs: a pair-specific one is preferred to it

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def model_dir(self) -> Path:
        """CTranslate2's folder: an Argos package's model/, a converted model's own folder."""
        return self.path / "model" if self.family == ARGOS else self.path

    @property
    def languages(self) -> set[str]:
        return {self.from_code, self.to_code}

    def for_pair(self, source: str, target: str) -> InstalledPackage | None:
        """This package, where it translates `source` to `target` (a converted model gives many)."""
        return self if (self.from_code, self.to_code) == (source, target) else None

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    def describe(self) -> dict:
        return self.ref.describe()

    @property
    def ref(self) -> ModelRef:
        """The package as briefings and the memory name it (its folder's name, version and pair)."""
        return ModelRef(self.name, self.version, self.from_code, self.to_code)


def packages_dir() -> Path:
    return packages_dir_and_origin()[0]


def packages_dir_and_origin() -> tuple[Path, str]:
    """Where argostranslate keeps packages, and why: $ARGOS_PACKAGES_DIR, else the folder its
    own settings.json names, else its XDG data folder."""
    in_force = settings.current()
    if in_force.configured_packages_dir:
        return in_force.configured_packages_dir, "from ARGOS_PACKAGES_DIR"
    argos = argos_settings_file()
    with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
        configured = json.loads(argos.read_text(encoding="utf-8"))
        folder = configured.get("ARGOS_PACKAGES_DIR") or configured.get("ARGOS_PACKAGE_DIR")
        if isinstance(folder, str) and folder.strip():
            return Path(folder).expanduser(), f"from {argos}"
    return in_force.data_home / "argos-translate" / "packages", "argostranslate's default"


def argos_settings_file() -> Path:
    return settings.current().config_home / "argos-translate" / "settings.json"


def _read_package(path: Path) -> InstalledPackage | None:
    """The package in `path`, or None when it is not a usable translation package."""
    try:
        metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(metadata, dict) or metadata.get("type", "translate") != "translate":
        return None
    codes = metadata.get("from_code"), metadata.get("to_code")
    if not all(isinstance(code, str) and 2 <= len(code) <= 8 and code.isascii() and code.isalpha() for code in codes):
        return None
    prefix = metadata.get("target_prefix", "") or ""
    kind = tokenizer_kind(path)
    if not (path / "model" / "model.bin").is_file() or kind is None or not isinstance(prefix, str):
        return None
    return InstalledPackage(
        path=path,
        from_code=codes[0],
        to_code=codes[1],
        version=str(metadata.get("package_version", ""))[:40],
        target_prefix=prefix[:100],
        tokenizer=kind,
    )


def installed_packages(directory: Path | None = None) -> list[InstalledPackage]:
    """The packages of the folder; one another user put there (or anyone may write) is not one
    of them unless the folder is trusted (`trust`): a model decides what every briefing says."""
    from briefing.trust import refusal

    directory = directory or packages_dir()
    if not directory.is_dir():
        return []
    found = (_read_package(path) for path in sorted(directory.iterdir()) if path.is_dir() and not refusal(path))
    return [package for package in found if package is not None]


@dataclass(frozen=True)
class ModelChoice:
    """Which model a desk wants where several give a pair: per pair from briefing.toml's
    [models] table ("en:ar" = "nllb-200-distilled-600M"), and --model NAME wherever NAME gives
    a pair of the run (the command line wins)."""

    by_pair: tuple[tuple[str, str], ...] = ()  # ("en:ar", name): the first for a pair wins
    named: tuple[str, ...] = ()  # --model NAME, repeatable

    @classmethod
    def of(cls, entries: Sequence[str]) -> ModelChoice:
        """From "NAME" (wherever it gives a pair) and "FROM:TO=NAME" entries, the first for a
        pair winning (the command line's before briefing.toml's); locales name their language."""
        from briefing.languages import parse_language

        by_pair, named = [], []
        for entry in entries:
            pair, _, name = entry.rpartition("=")
            if not name.strip():
                raise UsageError(f"--model {entry!r}: give a model's name, or FROM:TO=NAME")
            if not pair:
                named.append(name.strip())
                continue
            languages = pair.replace("→", ":").split(":")
            if len(languages) != 2:
                raise UsageError(f"--model {entry!r}: a pair is FROM:TO (en:ar=NAME)")
            source, target = (parse_language(code).language for code in languages)
            by_pair.append((f"{source}:{target}", name.strip()))
        return cls(tuple(by_pair), tuple(dict.fromkeys(named)))

    def wanted(self, source: str, target: str) -> tuple[str, str] | None:
        """(name, where it was chosen) of the model chosen for the pair, if any."""
        pair = f"{source}:{target}"
        return next(((name, f"the model chosen for {pair}") for chosen, name in self.by_pair if chosen == pair),
                    None)


def direct_models(models: Sequence, source: str, target: str) -> list[InstalledPackage]:
    """The installed models that take `source` straight to `target`, in the default order of
    preference: a model made for the pair before a multilingual one, then by name. `models`:
    Argos packages and converted models (each with a name, `multilingual` and `for_pair`)."""
    found = [pair for model in models if (pair := model.for_pair(source, target)) is not None]
    return sorted(found, key=lambda p: (p.multilingual, p.family != ARGOS, p.name))


def _direct(models: Sequence, source: str, target: str, choice: ModelChoice) -> InstalledPackage | None:
    candidates = direct_models(models, source, target)
    named = [p for p in candidates if p.name in choice.named]
    if named:
        return named[0]
    wanted = choice.wanted(source, target)
    if wanted is not None:
        name, where = wanted
        match = [p for p in candidates if p.name == name]
        if not match:
            others = ", ".join(p.name for p in candidates) or "none"
            why = "does not translate it" if any(m.name == name for m in models) else "is not installed"
            raise ModelMissing(f"{where} (--model or [models] in briefing.toml) is {name}, which {why} "
                               f"(installed for {source}→{target}: {others})")
        return match[0]
    return candidates[0] if candidates else None


def find_route(packages: Sequence, source: str, target: str, where: str | None = None,
               choice: ModelChoice = ModelChoice()) -> list[InstalledPackage]:
    """The models that take `source` to `target`: one direct model (a multilingual model
    that knows both languages counts: ar→fr straight through NLLB), or two through English.
    `where`: where they were looked for, for the message (by default this machine's folders)."""
    direct = _direct(packages, source, target, choice)
    if direct is not None:
        return [direct]
    first, second = _direct(packages, source, PIVOT, choice), _direct(packages, PIVOT, target, choice)
    if first is not None and second is not None:
        return [first, second]
    raise ModelMissing(
        f"no model installed for {source}→{target} (looked in "
        f"{where or f'{packages_dir()} and {settings.current().models_dir}'}); install one with "
        f"'briefing models install {source} {target}', 'briefing models install FILE.argosmodel' or "
        "'briefing models install FOLDER' (an NLLB or OPUS-MT model converted for CTranslate2)"
    )


PackageRoutes = dict[str, list[InstalledPackage]]  # target language → the packages that lead to it


def plan_routes(packages: Sequence, source_lang: str, targets: Sequence[Target],
                where: str | None = None, choice: ModelChoice = ModelChoice()) -> PackageRoutes:
    """Resolve every language's route before any work, so a missing model fails at once."""
    for target in targets:
        if target.language == source_lang:
            raise UsageError(f"--to {target} is the language of the sources (--from {source_lang})")
    return {t.language: find_route(packages, source_lang, t.language, where, choice) for t in targets}


def all_routes(packages: Sequence, choice: ModelChoice = ModelChoice(), languages: set[str] | None = None
               ) -> dict[tuple[str, str], list[InstalledPackage]]:
    """Every pair the installed models give among `languages` (by default every language of a
    model made for one pair, and English, Arabic and French: a multilingual model's 200
    languages would make 40,000 pairs), pivots through English included."""
    if languages is None:
        languages = {"en", "ar", "fr"}
        for model in packages:
            if not model.multilingual:
                languages |= model.languages
    routes = {}
    for source in sorted(languages):
        for target in sorted(languages - {source}):
            with contextlib.suppress(ModelMissing):
                routes[source, target] = find_route(packages, source, target, choice=choice)
    return routes


def pairs_in_force(models: Sequence, choice: ModelChoice = ModelChoice()
                   ) -> list[tuple[str, str, list[InstalledPackage], list[str]]]:
    """What `models list` shows: each pair's route in force, and the other models that give it."""
    return [(source, target, route, [p.name for p in direct_models(models, source, target) if p.name != route[0].name])
            for (source, target), route in all_routes(models, choice).items()]


# Far above any real package (the largest Argos packages unpack to a few hundred MB).
MAX_UNPACKED_BYTES = 4 << 30
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # deflate rarely beats 10:1 on model weights; bombs reach 1000:1
_STAGING = ".installing-"


def checked_members(zf: zipfile.ZipFile, archive: Path) -> tuple[str, list[zipfile.ZipInfo]]:
    """Every member checked before anything is written: one plain top folder; no absolute,
    '..', drive or link members; sizes and compression ratios within limits."""
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise BriefingError(f"{archive}: {len(members)} files in the archive: refused")
    roots, total = set(), 0
    for info in members:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0] or stat.S_ISLNK(info.external_attr >> 16):
            raise BriefingError(f"{archive}: unsafe member {name[:80]!r}: refused")
        if parts[0]:
            roots.add(parts[0])
        total += info.file_size
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise BriefingError(f"{archive}: {name[:80]!r} expands {info.file_size // max(info.compress_size, 1)}"
                                " times: refused as a zip bomb")
    if total > MAX_UNPACKED_BYTES:
        raise BriefingError(f"{archive}: unpacks to {total >> 20} MB: refused")
    if len(roots) != 1:
        raise BriefingError(f"{archive}: expected one package folder in the archive, found {len(roots)}")
    (root,) = roots
    if root in (".", "..") or not root.strip(". ") or len(root) > 100:
        raise BriefingError(f"{archive}: the package folder is named {root[:100]!r}: refused")
    return root, members


def extract_members(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo], staging: Path, archive: Path) -> None:
    """Extract, never writing more bytes than a member declares (a lying header is a bomb)."""
    for info in members:
        target = staging / info.filename
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with zf.open(info) as source, target.open("wb") as out:
            while chunk := source.read(1 << 20):
                written += len(chunk)
                if written > info.file_size:
                    raise BriefingError(f"{archive}: {info.filename[:80]!r} is larger than it declares: refused")
                out.write(chunk)


def staging_folder(directory: Path) -> Path:
    """A new folder to unpack an install into, inside `directory` (so that the last step is a
    rename), after removing those of installs that were killed."""
    directory.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(directory)
    return Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=directory))


def clean_stale_staging(directory: Path) -> None:
    """Staging folders of installs that were killed (their process is gone) are removed."""
    for folder in directory.glob(_STAGING + "*"):
        pid = folder.name[len(_STAGING) :].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def install_file(archive: Path, directory: Path | None = None, force: bool = False,
                 expected_pair: str | None = None) -> InstalledPackage:
    """Install a `.argosmodel` file, checking it first; the folder appears whole or not at all.
    A package of another language pair in the same folder is replaced only with `force`; one
    that is not the `expected_pair` (what an index promised) is refused."""
    directory = directory or packages_dir()
    if not zipfile.is_zipfile(archive):
        raise BriefingError(f"{archive}: not an Argos package (.argosmodel is a zip archive)")
    staging = staging_folder(directory)
    try:
        with zipfile.ZipFile(archive) as zf:
            root, members = checked_members(zf, archive)
            extract_members(zf, members, staging, archive)
        package = _read_package(staging / root)
        if package is None:
            raise BriefingError(
                f"{archive}: not a translation package briefing can use (needs metadata.json with from_code and "
                f"to_code, model/model.bin, and {' or '.join(TOKENIZER_FILES.values())})"
            )
        verify(package, archive)
        if expected_pair and package.pair != expected_pair:
            raise BriefingError(f"{archive}: the index offered it as {expected_pair}, but it holds the "
                                f"{package.pair} package; not installed")
        final = directory / root
        existing = _read_package(final) if final.exists() else None
        if existing is not None and existing.pair != package.pair and not force:
            raise BriefingError(f"{archive}: {final.name} holds the {existing.pair} package; installing "
                                f"{package.pair} there needs --force")
        if final.exists():
            shutil.rmtree(final)
        os.replace(staging / root, final)
        return _read_package(final)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as err:
        raise BriefingError(f"{archive}: damaged archive ({err})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def tokenizer_label(package: InstalledPackage) -> str:
    """"bpe", "sentencepiece (joint)" or "sentencepiece (source side only)": whether the
    SentencePiece model knows the pieces of the model's target vocabulary."""
    if package.tokenizer != SENTENCEPIECE:
        return package.tokenizer
    model = package.path / "model"
    names = ("target_vocabulary.json", "target_vocabulary.txt", "shared_vocabulary.json", "shared_vocabulary.txt")
    vocabulary = next((model / name for name in names if (model / name).is_file()), None)
    try:
        tokenizer = load_tokenizer(package.path, package.from_code, package.to_code)
        text = vocabulary.read_text(encoding="utf-8") if vocabulary else ""
        pieces = json.loads(text) if vocabulary and vocabulary.suffix == ".json" else text.splitlines()
    except (OSError, ValueError, TokenizerError):
        return "sentencepiece (unreadable)"
    special = {"<unk>", "<s>", "</s>", "<pad>", "<blank>"}
    unknown = any(not tokenizer.known(piece) for piece in pieces if isinstance(piece, str) and piece not in special)
    return "sentencepiece (source side only)" if unknown else "sentencepiece (joint)"


def verify(package: InstalledPackage, archive: Path) -> None:
    """Load the package's tokenizer and model once, so that a package that cannot translate is
    refused at install rather than failing every translation later."""
    import ctranslate2

    try:
        tokenizer = load_tokenizer(package.path, package.from_code, package.to_code)
        tokenizer.encode("Test.")
        ctranslate2.Translator(str(package.path / "model"), device="cpu", intra_threads=1)
    except TokenizerError as err:
        raise BriefingError(f"{archive}: the tokenizer cannot be loaded ({err})") from None
    except (OSError, RuntimeError, ValueError) as err:
        raise BriefingError(f"{archive}: CTranslate2 cannot open the model ({err})") from None


def remove(packages: Sequence, which: str) -> list:
    """Remove models named `which` (folder name) or made for the pair `which` ("en:fr", "en-fr"; a
    multilingual model is removed by its name only: it gives every other pair too)."""
    pair = which.replace("→", ":").replace("-", ":").replace("_", ":").split(":")
    chosen = [p for p in packages if p.name == which or (
        len(pair) == 2 and not p.multilingual and p.for_pair(*pair) is not None)]
    if not chosen:
        raise UsageError(f"no installed model named or translating {which!r}; see 'briefing models list'")
    for package in chosen:
        shutil.rmtree(package.path)
    return chosen
