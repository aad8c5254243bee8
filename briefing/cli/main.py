"""The root `briefing` command: global options, error handling, exit codes."""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys

import click

from briefing import __version__
from briefing.addresses import shown_address
from briefing.cli.check import check
from briefing.cli.common import CommandState, echo_error, echo_library_log, say
from briefing.cli.glossary import glossary
from briefing.cli.memory import memory
from briefing.cli.models import models
from briefing.cli.serve import serve
from briefing.cli.translate import translate
from briefing.errors import BriefingError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="briefing")
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def cli(context: click.Context, debug: bool) -> None:
    """Offline English → Arabic/French briefings with a controlled glossary.

    \b
    Typical use:
      briefing models install translate-en_ar.argosmodel
      briefing translate seeds/*.txt --to ar --to fr --out briefings/

    Models are Argos Translate packages (ARGOS_PACKAGES_DIR is honoured); nothing is sent
    over the network while translating. A desk's defaults (glossary, memory, targets, paper)
    live in briefing.toml: see 'briefing config'.
    """
    from briefing import settings
    from briefing.pipeline.settings import resolve

    echo_library_log()
    in_force = context.with_resource(settings.in_force(resolve()))  # read once, for the whole command
    if context.invoked_subcommand not in (None, "config"):
        from briefing.cli.defaults import default_map
        from briefing.pipeline.configuration import load_configuration

        configuration = load_configuration()
        for warning in configuration.warnings:
            echo_error(f"briefing: warning: {warning}")
        if configuration.values.get("trusted"):  # the user's own file: sidecars and folders in them too
            in_force = context.with_resource(settings.in_force(in_force.trusting(configuration.values["trusted"])))
        context.default_map = default_map(configuration, in_force)


@cli.command("config")
def config() -> None:
    """Show the desk settings in force and the file each comes from.

    \b
    briefing.toml is looked for in the working folder and its parents, then in
    ~/.config/briefing/. Keys: glossary (list of paths), memory (path), targets
    (list of languages or locales), source, paper (a4|letter), enforce
    (inline|repair|off), digits (locale|latn|arab), device (auto|cpu|cuda),
    trusted (folders whose files of other users you trust; read only from your
    own file). Command-line options and BRIEFING_GLOSSARY / BRIEFING_MEMORY win
    over it.

    \b
    A file owned by another user, or writable by everyone, is ignored with a
    warning (as git does): trust it with trusted = ["/srv/desk"] in
    ~/.config/briefing/briefing.toml or BRIEFING_TRUSTED=/srv/desk.
    """
    from briefing.pipeline.configuration import KEYS, config_files, load_configuration

    configuration = load_configuration()
    files = config_files()
    click.echo("configuration files: " + (", ".join(map(str, files)) if files else "none"))
    for warning in configuration.warnings:
        say(f"  warning: {warning}")
    for key in KEYS:
        if key in configuration.values:
            value = shown_address(configuration.values[key]) if key == "memory" else configuration.values[key]
            say(f"  {key:8} = {value!r}   ({configuration.origins[key]})")
        else:
            say(f"  {key:8}   (not set: the built-in default)")


for command in (translate, check, glossary, memory, models, serve):
    cli.add_command(command)


class Terminated(SystemExit):
    """SIGTERM: unwinds like an exception, so that staging folders and temporaries are removed."""


def _terminate(signum, frame) -> None:
    raise Terminated(128 + signum)


def _freeze_heap_at_exit() -> None:
    """The interpreter's final collections then skip the objects the system frees anyway: 45 ms
    of a 2 s run. atexit handlers and open files behave as before."""
    atexit.unregister(gc.freeze)  # once, however many times main runs in one process
    atexit.register(gc.freeze)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; errors become one line on stderr and the exit code of the design."""
    signal.signal(signal.SIGTERM, _terminate)
    _freeze_heap_at_exit()
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv or os.environ.get("BRIEFING_DEBUG") == "1"
    try:
        cli.main(args=argv, prog_name="briefing", standalone_mode=False, obj=CommandState(debug))
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.Abort:
        echo_error("briefing: aborted")
        sys.exit(130)
    except BriefingError as err:
        if debug:
            raise
        echo_error(f"briefing: error: {err}")
        if err.exit_code == 130:  # interrupted: nothing is left to save, so do not wait for the
            sys.stderr.flush()   # batches CTranslate2 still has queued (a second Ctrl+C could not
            os._exit(130)        # reach Python while the interpreter waits for them)
        sys.exit(err.exit_code)
    except OSError as err:  # a file the user named, a full disk, a read-only folder: one line
        if debug:
            raise
        where = f"{err.filename}: " if err.filename else ""
        echo_error(f"briefing: error: {where}{err.strerror or err}")
        sys.exit(1)
    except KeyboardInterrupt:
        echo_error("briefing: interrupted")
        sys.exit(130)
    except Terminated as done:  # unwound; now leave without waiting for CTranslate2's threads, which
        echo_error("briefing: terminated")  # the interpreter's shutdown would tear down under them
        sys.stderr.flush()
        os._exit(done.code)
    except Exception as err:  # a bug: say so in one line, keep the traceback for --debug
        if debug:
            raise
        echo_error(f"briefing: internal error: {type(err).__name__}: {err} (run with --debug for details)")
        sys.exit(1)
