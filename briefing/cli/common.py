"""Pieces every command group shares: stderr messages, progress bars, common options."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefing.errors import UsageError

if TYPE_CHECKING:
    from briefing.pipeline import Callbacks, Notice


@dataclass(frozen=True)
class CommandState:
    """What the root command hands every command: --debug (failures raise, with a traceback)."""

    debug: bool = False


pass_state = click.make_pass_decorator(CommandState, ensure=True)


def echo_error(message: str) -> None:
    """A message on stderr, escaped: a file name or a package version holding ESC[2J or an OSC
    sequence must not clear or retitle the user's terminal."""
    click.echo(shown(message), err=True)


class EchoedLog(logging.Handler):
    """What the library logs ("briefing" logger: warnings, and the odd prompt), as the CLI's own
    lines on stderr: "briefing: warning: …", "briefing: …"."""

    def emit(self, record: logging.LogRecord) -> None:
        kind = "warning: " if record.levelno >= logging.WARNING else ""
        echo_error(f"briefing: {kind}{record.getMessage()}")


def echo_library_log() -> None:
    """Route the library's log to the terminal, once however many times the CLI runs in a process."""
    logger = logging.getLogger("briefing")
    logger.setLevel(logging.INFO)
    if not any(isinstance(handler, EchoedLog) for handler in logger.handlers):
        logger.addHandler(EchoedLog())
    logger.propagate = False


def say(message: str) -> None:
    """A status line on stdout, escaped like `echo_error` (data such as exports goes out as it is)."""
    click.echo(shown(message))


@contextlib.contextmanager
def progress_bar(length: int | None, label: str, quiet: bool) -> Iterator:
    """A progress bar on stderr; silent with --quiet or when stderr is not a terminal."""
    if quiet or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    remaining = Remaining(length or 0)
    with click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True, show_eta=False,
                           item_show_func=lambda text: text) as bar:
        yield lambda n=1: bar.update(n, remaining.after(n))


class Remaining:
    """The time left, from the pace of the work itself: click's own estimate counts from the
    bar's start, so the model's loading before the first batch made a 6-second run say an hour.
    The clock starts at the first progress, and nothing is said before a second of it."""

    def __init__(self, total: int, clock=None) -> None:
        import time

        self.total, self.done, self.clock = total, 0, clock or time.monotonic
        self.start: tuple[float, int] | None = None

    def after(self, n: int) -> str:
        self.done += n
        now = self.clock()
        if self.start is None:
            self.start = (now, self.done)
            return ""
        elapsed, work = now - self.start[0], self.done - self.start[1]
        if elapsed < 1.0 or work <= 0 or self.done >= self.total:
            return ""
        seconds = round((self.total - self.done) * elapsed / work)
        return f"about {seconds // 60} min {seconds % 60:02d} s left" if seconds >= 60 else f"about {seconds} s left"


def memory_options(function):
    """--memory and --no-memory, for the commands that may work without one (translate, serve)."""
    function = click.option("--no-memory", is_flag=True, help="Neither read nor write the segment memory.")(function)
    return memory_option(function)


def memory_option(function):
    """--memory, for the commands that work on the memory itself (a --no-memory there is a usage error)."""
    return click.option(
        "--memory", "memory_path", metavar="FILE|URL", callback=_memory_location,
        help="Segment memory: a SQLite file, or a desk's PostgreSQL database (postgresql://user@host/db). "
             "Default: $BRIEFING_MEMORY, else ~/.local/share/briefing/memory.sqlite.",
    )(function)


def _memory_location(context, parameter, value: str | None):
    """A PostgreSQL address as it was given (a Path would fold its '//'), a file as a Path."""
    from briefing.addresses import is_database

    if value is None or is_database(value):
        return value
    path = Path(value)
    if path.is_dir():
        raise click.BadParameter(f"{value} is a folder; give the memory's file", context, parameter)
    return path


def open_memory(memory_path: Path | None):
    from briefing.translation.memory import open_memory

    return open_memory(memory_path, lambda text: echo_error(f"briefing: {text}"))


def glossary_option(function):
    return click.option(
        "--glossary", "glossary_paths", multiple=True, type=click.Path(path_type=Path),
        help="Glossary file or folder (repeatable). Default: $BRIEFING_GLOSSARY, else ./glossary/.",
    )(function)


def load_glossary(glossary_paths):
    from briefing.glossary.files import load

    return load(glossary_paths)


def parse_pairs(values: tuple[str, ...], option: str) -> list[tuple[str, str]]:
    pairs = []
    for value in values:
        lang, sep, form = value.partition("=")
        if not sep or not lang.strip() or not form.strip():
            raise UsageError(f"{option} takes LANG=FORM, got {value!r}")
        pairs.append((lang.strip(), form.strip()))
    return pairs


def echo_json(data) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


_UNSAFE = {**{code: f"\\x{code:02x}" for code in range(32) if code not in (9,)},
           **{code: f"\\u{code:04x}" for code in (0x7f, *range(0x80, 0xa0), *range(0x202a, 0x202f),
                                                    *range(0x2066, 0x206a), 0x200e, 0x200f, 0x061c)}}


def shown(text: str) -> str:
    """Text for a terminal line: control and bidi-override characters escaped, so that a term
    can neither forge lines nor reorder what follows it."""
    return text.translate(_UNSAFE)


def terminal_callbacks(quiet: bool) -> Callbacks:
    """A run's callbacks on the terminal: a progress bar per phase (reading only from ten
    sources on), notices on stderr (information left out with --quiet, warnings never), and Ctrl+C
    during a phase asking the run to stop: it stops after the current batch, writes nothing and
    exits 130; a second Ctrl+C aborts at once."""
    from briefing.pipeline.callbacks import READING_PHASE, Callbacks

    stop: list[bool] = []

    @contextlib.contextmanager
    def progress(label: str, total: int) -> Iterator:
        # Ctrl+C's handler first: the bar on the screen says a Ctrl+C now stops after the batch
        with _stop_on_ctrl_c(stop), \
                progress_bar(total, label, quiet or (label == READING_PHASE and total < 10)) as update:
            yield update

    def notice(notice: Notice) -> None:
        if notice.level != "info" or not quiet:  # --quiet hides progress and the summary, never a warning
            echo_error(f"briefing: {notice.text}" if notice.level == "info" else f"briefing: {notice.level}: "
                                                                                   f"{notice.text}")

    return Callbacks(progress, notice, lambda: bool(stop))


@contextlib.contextmanager
def _stop_on_ctrl_c(stop: list[bool]) -> Iterator[None]:
    import signal

    def first(signum, frame) -> None:
        stop.append(True)
        click.echo(err=True)  # off the progress bar's line
        echo_error("briefing: stopping after the current batch; nothing will be written (Ctrl+C again to abort)")
        # The second is left to the system, which ends the process at once (the shell says 130): a
        # Python handler would wait for CTranslate2 to hand control back, seconds later.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield
    finally:
        if not stop:  # after the first Ctrl+C, the second stays the system's
            signal.signal(signal.SIGINT, previous)


model_option = click.option(
    "--model", "models", multiple=True, metavar="NAME|FROM:TO=NAME",
    help="Which installed model translates, where several give a pair (see 'briefing models list'): NAME "
         "wherever it gives a pair, or FROM:TO=NAME for one pair. Repeatable; wins over [models] in briefing.toml.")


def model_choice(models: tuple[str, ...]):
    """--model's entries, then briefing.toml's [models] (its pairs still rule where --model names
    none): a ModelChoice for the engine."""
    from briefing.translation.models import ModelChoice

    context = click.get_current_context()
    given = context.get_parameter_source("models").name == "COMMANDLINE"
    return ModelChoice.of([*models, *((context.lookup_default("models") or ()) if given else ())])
