"""`briefing models`: Argos packages and converted models, listed, installed and removed."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from briefing.cli.common import echo_error, progress_bar, say
from briefing.errors import UsageError


@click.group()
def models() -> None:
    """List, install and remove translation models: Argos packages, and NLLB-200 or OPUS-MT
    models converted for CTranslate2."""


@models.command("list")
def models_list() -> None:
    """Installed models, and the model in force for each language pair (pivots through English
    included); where several give a pair, the others, and how to choose."""
    from briefing.pipeline.configuration import load_configuration
    from briefing.translation.converted import installed_converted, models_dir
    from briefing.translation.models import (
        ModelChoice,
        installed_packages,
        packages_dir_and_origin,
        pairs_in_force,
        tokenizer_label,
    )

    folder, origin = packages_dir_and_origin()
    packages, converted = installed_packages(folder), installed_converted()
    if not packages and not converted:
        echo_error(f"no models installed in {folder} ({origin}) or {models_dir()}; see 'briefing models install "
                   "--help'")
        return
    if packages:
        say(f"packages in {folder} ({origin}):")
        for p in packages:
            say(f"  {p.name:32} {p.pair:10} version {p.version or '?':6} {tokenizer_label(p)}")
    if converted:
        say(f"converted models in {models_dir()}:")
        for m in converted:
            say(f"  {m.name:32} {m.family:8} version {m.version:12} {m.describe_languages()}")
    pairs = pairs_in_force([*packages, *converted], ModelChoice.of(load_configuration().values.get("models", [])))
    click.echo("pairs (the model in force, and the others that give the pair):")
    for source, target, route, others in pairs:
        say(f"  {source}→{target}{' (through English)' if len(route) > 1 else ''}: "
            f"{' + '.join(p.name for p in route)}" + (f"; also {', '.join(others)}" if others else ""))
    if any(others for *_, others in pairs):
        click.echo('choose with --model NAME, or per pair in briefing.toml: [models] "en:ar" = "NAME"')


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--force", is_flag=True, help="Replace an installed package of another pair in the same folder.")
def models_install(what: tuple[str, ...], quiet: bool, force: bool) -> None:
    """Install FILE.argosmodel, a converted model (its FOLDER or a ZIP of it), or FROM TO from
    the Argos package index. Each is checked (its tokenizer and weights load, a sentence
    translates) and refused whole otherwise.

    \b
    A converted model is a folder written by CTranslate2's converter, e.g.
      ct2-transformers-converter --model facebook/nllb-200-distilled-600M \\
        --quantization int8 --copy_files sentencepiece.bpe.model \\
        --output_dir nllb-200-distilled-600M
    (OPUS-MT: --copy_files source.spm target.spm, the folder named opus-mt-en-fr).
    Its family and languages are read from its files; see the README.

    \b
    Examples:
      briefing models install translate-en_fr-1_9.argosmodel
      briefing models install tests/models/*.argosmodel   (the copy models: a first try offline)
      briefing models install nllb-200-distilled-600M/     (or nllb-200-distilled-600M.zip)
      briefing models install en ar      (needs network; ARGOS_PACKAGE_INDEX is honoured)
    """
    from briefing.translation import downloading, installing

    if len(what) == 1 or all(word.endswith(".argosmodel") or Path(word).exists() for word in what):
        for path in map(Path, what):
            if not path.exists():
                raise UsageError(f"{path}: no such file or folder (to install from the index give two languages: "
                                 "FROM TO)")
        for path in map(Path, what):
            model = installing.install(path, force=force)
            say(f"installed {model.name} ({model.family}, {model.pair}, version {model.version}) "
                f"in {model.path.parent}")
        return
    if len(what) != 2:
        raise UsageError("give FILE.argosmodel or a converted model's FOLDER (one or more), or two languages FROM TO")
    from briefing.languages import parse_language

    source, target = (parse_language(code).language for code in what)
    bars: dict[str, list] = {}  # label → [update, bytes shown so far]
    with contextlib.ExitStack() as stack:

        def show(label: str, done: int, total: int | None) -> None:
            if label not in bars:
                bars[label] = [stack.enter_context(progress_bar(total, f"Downloading {label}", quiet)), 0]
            update, shown = bars[label]
            update(done - shown)
            bars[label][1] = done

        installed = downloading.install_pair(source, target, show)
    if not installed:
        click.echo("already installed: nothing to download")
    for package in installed:
        say(f"installed {package.name} ({package.pair}, version {package.version}) in {package.path.parent}")


@models.command("remove")
@click.argument("which")
def models_remove(which: str) -> None:
    """Remove a model by folder name (see 'models list'), or the packages made for a pair (en:fr)."""
    from briefing.translation.converted import installed_models
    from briefing.translation.models import remove

    for model in remove(installed_models(), which):
        say(f"removed {model.name} ({model.pair})")
