"""The `briefing` command line: parses options, calls the pipeline stages, prints. No logic here."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

from briefing import __version__
from briefing.errors import BriefingError, UsageError

FORMATS = ("md", "json")


def _stderr(message: str) -> None:
    click.echo(message, err=True)


@contextlib.contextmanager
def progress_bar(length: int | None, label: str, quiet: bool) -> Iterator:
    """A progress bar on stderr; silent with --quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
def cli(debug: bool) -> None:
    """Offline English → Arabic/French briefings with a controlled glossary.

    \b
    Typical use:
      briefing models install translate-en_ar.argosmodel
      briefing translate seeds/*.txt --to ar --to fr --out briefings/

    Models are Argos Translate packages (ARGOS_PACKAGES_DIR is honoured); nothing is sent
    over the network while translating.
    """


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "targets", multiple=True, required=True, metavar="LANG",
              help="Target language or locale (ar, fr, ar_SY, fr_CA). Repeat for several.")
@click.option("--from", "source_lang", default="en", show_default=True, metavar="LANG",
              help="Language of the sources.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("briefings"),
              show_default=True, help="Folder for the briefings: SOURCE.LANG.md and SOURCE.LANG.json.")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS), default=FORMATS,
              show_default=True, help="Output formats. Repeat for several.")
@click.option("--beam-size", default=2, show_default=True, type=click.IntRange(1, 16),
              help="Beam search width: higher is slower and slightly better.")
@click.option("--threads", default=0, type=click.IntRange(0, 256), help="CPU threads (0 = all cores).")
@click.option("--compute-type", default="auto", show_default=True,
              type=click.Choice(["auto", "default", "int8", "int8_float32", "int16", "float32"]),
              help="CTranslate2 compute type (int8 is fastest on CPU).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def translate(sources, targets, source_lang, out_dir, formats, beam_size, threads, compute_type, quiet) -> None:
    """Translate SOURCES (UTF-8 text or Markdown) into briefings, one per target language.

    \b
    A leading 'date YYYY-MM-DD' line in a source is the briefing date, not text.
    Short lines without final punctuation between paragraphs are kept as headings.
    Every sentence of every source goes to the model in one batch; identical sentences
    are translated once.

    \b
    Example:
      briefing translate seeds/*.txt --to ar --to fr --out briefings/
    """
    from briefing.engine import Engine, EngineOptions
    from briefing.languages import parse_language
    from briefing.models import installed_packages
    from briefing.reading import read_document
    from briefing.rendering import write_briefings
    from briefing.translating import plan_routes, prepare, translate_job

    started = time.perf_counter()
    source = parse_language(source_lang).language
    wanted = list(dict.fromkeys(parse_language(code) for code in targets))
    routes = plan_routes(installed_packages(), source, wanted)
    documents = [read_document(path) for path in sources]
    job = prepare(documents, source)
    engine = Engine(EngineOptions(beam_size=beam_size, threads=threads, compute_type=compute_type))
    languages = len({t.language for t in wanted})
    with progress_bar(len(job.distinct) * languages, "Translating", quiet) as update:
        briefings = translate_job(job, wanted, routes, engine, update)
    written = write_briefings(briefings, out_dir, list(dict.fromkeys(formats)))
    if not quiet:
        _stderr(
            f"wrote {len(written)} files to {out_dir}/ ({len(job.distinct)} sentences × {languages} "
            f"language(s), {time.perf_counter() - started:.1f} s)"
        )


@cli.group()
def models() -> None:
    """List, install and remove translation models (Argos packages)."""


@models.command("list")
def models_list() -> None:
    """Installed packages and the language pairs they give (pivots through English included)."""
    from briefing.models import all_routes, installed_packages, packages_dir

    packages = installed_packages()
    if not packages:
        _stderr(f"no models installed in {packages_dir()}; see 'briefing models install --help'")
        return
    click.echo(f"packages in {packages_dir()}:")
    for p in packages:
        click.echo(f"  {p.name:32} {p.pair:10} version {p.version}")
    click.echo("pairs:")
    for (source, target), route in all_routes(packages).items():
        via = " (through English)" if len(route) > 1 else ""
        click.echo(f"  {source}→{target}{via}")


@models.command("install")
@click.argument("what", nargs=-1, required=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def models_install(what: tuple[str, ...], quiet: bool) -> None:
    """Install FILE.argosmodel, or FROM TO from the Argos package index.

    \b
    Examples:
      briefing models install translate-en_fr-1_9.argosmodel
      briefing models install en ar      (needs network; ARGOS_PACKAGE_INDEX is honoured)
    """
    from briefing import models

    if len(what) == 1:
        path = Path(what[0])
        if not path.is_file():
            raise UsageError(f"{path}: no such file (to install from the index give two languages: FROM TO)")
        installed = [models.install_file(path)]
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

            installed = models.install_pair(source, target, show)
    else:
        raise UsageError("give one FILE.argosmodel, or two languages FROM TO")
    for package in installed:
        click.echo(f"installed {package.name} ({package.pair}, version {package.version}) in {package.path.parent}")


@models.command("remove")
@click.argument("which")
def models_remove(which: str) -> None:
    """Remove a package by folder name (see 'models list') or by pair (en:fr)."""
    from briefing.models import installed_packages, remove

    for package in remove(installed_packages(), which):
        click.echo(f"removed {package.name} ({package.pair})")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; errors become one line on stderr and the exit code of the design."""
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv or os.environ.get("BRIEFING_DEBUG") == "1"
    try:
        cli.main(args=argv, prog_name="briefing", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.Abort:
        _stderr("briefing: aborted")
        sys.exit(130)
    except BriefingError as err:
        if debug:
            raise
        _stderr(f"briefing: error: {err}")
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        _stderr("briefing: interrupted")
        sys.exit(130)
    except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
        if debug:
            raise
        _stderr(f"briefing: internal error: {type(err).__name__}: {err} (run with --debug for details)")
        sys.exit(1)
