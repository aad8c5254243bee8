"""`briefing models`: Argos packages, listed, installed and removed."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from briefing.cli.common import echo_error, progress_bar, say
from briefing.errors import UsageError


@click.group()
def models() -> None:
    """List, install and remove translation models (Argos packages)."""


@models.command("list")
def models_list() -> None:
    """Installed packages and the language pairs they give (pivots through English included)."""
    from briefing.translation.models import all_routes, installed_packages, packages_dir_and_origin, tokenizer_label

    folder, origin = packages_dir_and_origin()
    packages = installed_packages(folder)
    if not packages:
        echo_error(f"no models installed in {folder} ({origin}); see 'briefing models install --help'")
        return
    say(f"packages in {folder} ({origin}):")
    for p in packages:
        say(f"  {p.name:32} {p.pair:10} version {p.version or '?':6} {tokenizer_label(p)}")
    click.echo("pairs:")
    for (source, target), route in all_routes(packages).items():
        via = " (through English)" if len(route) > 1 else ""
        say(f"  {source}→{target}{via}")


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--force", is_flag=True, help="Replace an installed package of another pair in the same folder.")
def models_install(what: tuple[str, ...], quiet: bool, force: bool) -> None:
    """Install FILE.argosmodel (one or more), or FROM TO from the Argos package index.

    \b
    Examples:
      briefing models install translate-en_fr-1_9.argosmodel
      briefing models install tests/models/*.argosmodel   (the copy models: a first try offline)
      briefing models install en ar      (needs network; ARGOS_PACKAGE_INDEX is honoured)
    """
    from briefing.translation import downloading, models

    if len(what) == 1 or all(word.endswith(".argosmodel") or Path(word).is_file() for word in what):
        for path in map(Path, what):
            if not path.is_file():
                raise UsageError(f"{path}: no such file (to install from the index give two languages: FROM TO)")
        installed = [models.install_file(path, force=force) for path in map(Path, what)]
    elif len(what) == 2:
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
    else:
        raise UsageError("give FILE.argosmodel (one or more), or two languages FROM TO")
    if not installed:
        click.echo("already installed: nothing to download")
    for package in installed:
        say(f"installed {package.name} ({package.pair}, version {package.version}) in {package.path.parent}")


@models.command("remove")
@click.argument("which")
def models_remove(which: str) -> None:
    """Remove a package by folder name (see 'models list') or by pair (en:fr)."""
    from briefing.translation.models import installed_packages, remove

    for package in remove(installed_packages(), which):
        say(f"removed {package.name} ({package.pair})")
