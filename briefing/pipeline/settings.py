"""The one place the environment and the working folder are read: into a `Settings` value
that every face (the CLI, a server, a cluster worker, a test) puts in force for its work."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from briefing import settings
from briefing.settings import Settings


def resolve(environ: Mapping[str, str] | None = None, working_folder: Path | None = None) -> Settings:
    """The settings of this process's environment and working folder (or those given). Paths
    stay relative to the working folder where it is not given, as the user typed them."""
    environ = os.environ if environ is None else environ
    return settings.of_environment(environ, Path.home(), working_folder or Path())


def from_environment() -> None:
    """Make this process's settings come from its environment whenever none are in force (a
    cluster worker's set-up; the CLI's before it resolves the configuration)."""
    settings.provide(resolve)


@contextlib.contextmanager
def for_call(given: Settings | None = None) -> Iterator[Settings]:
    """The settings of one pipeline call: those it was given, else those a face put in force,
    else this process's environment (a script or a worker calling the pipeline directly)."""
    if given is None and settings.configured():
        yield settings.current()
        return
    with settings.in_force(given or resolve()) as chosen:
        yield chosen
