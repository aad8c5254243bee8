"""Installing a converted model (see briefing.translation.converted) from its folder or a zip
of it: copied into a staging folder beside the models, recognised, verified through the engine
with its family's conventions (tokenizer, weights, one translation), given its manifest, then
renamed into place; a refused model leaves nothing behind."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

from briefing.errors import BriefingError
from briefing.translation.converted import (
    MANIFEST,
    ConvertedModel,
    is_converted_archive,
    models_dir,
    read_manifest,
    recognise,
)
from briefing.translation.engine import EngineOptions, PackageTranslator
from briefing.translation.models import (
    InstalledPackage,
    checked_members,
    extract_members,
    install_file,
    staging_folder,
)


def install(path: Path, force: bool = False) -> InstalledPackage | ConvertedModel:
    """Install what `path` holds: a converted model's folder or zip, else an Argos package."""
    if path.is_dir() or is_converted_archive(path):
        return install_converted(path, force=force)
    return install_file(path, force=force)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as weights:
        while chunk := weights.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _verify(model: ConvertedModel) -> None:
    """CTranslate2 loads the weights, the tokenizer loads, and a sentence translates through the
    family's conventions: a model that cannot translate is refused now, not at every run."""
    source = "en" if "en" in model.sources else model.sources[0]
    target = next((t for t in ("ar", "fr", *model.targets) if t in model.targets and t != source), None)
    if target is None:
        raise BriefingError(f"it gives no language pair (its languages: {', '.join(sorted(model.languages))})")
    try:
        PackageTranslator(model.for_pair(source, target), EngineOptions(threads=1, beam_size=1)).translate(["Test."])
    except BriefingError as err:
        raise BriefingError(str(err).replace(f" ({model.path})", "")) from None


def install_converted(what: Path, directory: Path | None = None, force: bool = False) -> ConvertedModel:
    """Install a converted model from its folder or a zip of it: checked whole first (family,
    languages, tokenizer, weights, one translation), then renamed into place with its manifest;
    nothing is left behind when it is refused."""
    directory = directory or models_dir()
    staging = staging_folder(directory)
    try:
        if what.is_dir():
            name = what.resolve().name
            shutil.copytree(what, staging / name, symlinks=False)
        else:
            with zipfile.ZipFile(what) as zf:
                name, members = checked_members(zf, what)
                extract_members(zf, members, staging, what)
        folder = staging / name
        try:
            model = recognise(folder, name)
            _verify(model)
        except BriefingError as err:
            raise BriefingError(f"{what}: {err}; not installed") from None
        digest = _digest(folder / "model.bin")
        model = ConvertedModel(directory / name, model.family, digest[:12], model.tokens, model.sources,
                               model.targets, model.add_eos)
        (folder / MANIFEST).write_text(json.dumps(model.manifest(digest), indent=2) + "\n", encoding="utf-8")
        final = directory / name
        if final.exists():
            if not force and read_manifest(final) is None:
                raise BriefingError(f"{what}: {final} exists and is not a model briefing installed; not replaced")
            shutil.rmtree(final)
        os.replace(folder, final)
        return model
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as err:
        raise BriefingError(f"{what}: damaged archive ({err})") from None
    except (OSError, shutil.Error) as err:
        raise BriefingError(f"{what}: cannot be copied ({err})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
