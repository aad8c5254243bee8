"""The settings in force, as one value: where the glossary, the memory, the models and the cache
are, and the limits a desk may raise. Below the pipeline nothing reads the environment or the
working folder: a server started in another folder, a test, a cluster worker each say which
settings they run under, and every module sees the same ones.

The value is made in one place, `briefing.pipeline.settings.resolve` (from the environment, the
working folder and the user's home), and put in force for a block of work with `in_force`, or
for the process with `install`. Where none is in force, `current()` asks the provider a face
installed (the CLI's and the tests' resolve the environment), else gives the defaults of an
empty environment in the user's home.
"""

from __future__ import annotations

import contextlib
import dataclasses
import math
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The variables a setting may come from, all read at once by the resolver.
VARIABLES = ("BRIEFING_GLOSSARY", "BRIEFING_MEMORY", "BRIEFING_CACHE", "BRIEFING_TRUSTED", "ARGOS_PACKAGES_DIR",
             "ARGOS_PACKAGE_INDEX", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
             "MALLOC_TRIM_THRESHOLD_")  # the last set by Dask for its workers: see cluster._restore_malloc
LIMIT_PREFIX = "BRIEFING_"  # BRIEFING_MAX_SOURCE_MB, BRIEFING_MEMORY_WAIT, …: numbers read by `number`


@dataclass(frozen=True)
class Settings:
    """What the environment said when the settings were resolved, with the rules that turn it
    into places: a snapshot, so that a later change of the environment changes nothing here."""

    home: Path
    working_folder: Path
    environment: Mapping[str, str] = field(default_factory=dict)  # read only: a plain dict, to travel to workers

    def _get(self, name: str) -> str:
        return self.environment.get(name) or ""

    @property
    def data_home(self) -> Path:
        return Path(self._get("XDG_DATA_HOME") or self.home / ".local" / "share")

    @property
    def config_home(self) -> Path:
        return Path(self._get("XDG_CONFIG_HOME") or self.home / ".config")

    @property
    def cache_dir(self) -> Path:
        """$BRIEFING_CACHE, else $XDG_CACHE_HOME/briefing, else ~/.cache/briefing."""
        if self._get("BRIEFING_CACHE"):
            return Path(self._get("BRIEFING_CACHE")).expanduser()
        return Path(self._get("XDG_CACHE_HOME") or self.home / ".cache") / "briefing"

    @property
    def configured_packages_dir(self) -> Path | None:
        """$ARGOS_PACKAGES_DIR, where it is set (argostranslate's own files decide otherwise)."""
        value = self._get("ARGOS_PACKAGES_DIR")
        return Path(value).expanduser() if value else None

    @property
    def models_dir(self) -> Path:
        """Where converted models (NLLB, OPUS-MT) are installed: $BRIEFING_MODELS, else
        $XDG_DATA_HOME/briefing/models (not argostranslate's folder: its reader would take them
        for broken Argos packages)."""
        if self._get("BRIEFING_MODELS"):
            return Path(self._get("BRIEFING_MODELS")).expanduser()
        return self.data_home / "briefing" / "models"

    @property
    def package_index(self) -> str | None:
        return self._get("ARGOS_PACKAGE_INDEX") or None

    @property
    def memory(self) -> str | None:
        """$BRIEFING_MEMORY: a file or a PostgreSQL address, where it is set."""
        return self._get("BRIEFING_MEMORY") or None

    @property
    def glossary_configured(self) -> bool:
        """Whether a glossary was named ($BRIEFING_GLOSSARY) rather than defaulted."""
        return bool(self._get("BRIEFING_GLOSSARY"))

    @property
    def glossary_paths(self) -> tuple[Path, ...]:
        """$BRIEFING_GLOSSARY's paths, else the working folder's glossary/."""
        configured = self._get("BRIEFING_GLOSSARY")
        if configured:
            return tuple(Path(p) for p in configured.split(os.pathsep) if p)
        return (self.working_folder / "glossary",)

    @property
    def trusted(self) -> list[str]:
        return [entry for entry in self._get("BRIEFING_TRUSTED").split(os.pathsep) if entry]

    def trusting(self, folders: list[str]) -> Settings:
        """These settings with `folders` trusted too (the user's own briefing.toml says so)."""
        joined = os.pathsep.join([*self.trusted, *folders])
        return dataclasses.replace(self, environment={**self.environment, "BRIEFING_TRUSTED": joined})

    def number(self, name: str, default: float) -> float:
        """A limit ($name) as a positive number; the default when it is unset, not a number, not
        above 0 or not finite (inf, nan): a typo never turns a bound off."""
        try:
            value = float(self.environment.get(name, default))
        except ValueError:
            return default
        return value if 0 < value < math.inf else default


def of_environment(environ: Mapping[str, str], home: Path, working_folder: Path) -> Settings:
    """The settings an environment gives (only the variables that are settings are kept)."""
    kept = {name: value for name, value in environ.items() if name in VARIABLES or name.startswith(LIMIT_PREFIX)}
    return Settings(home=home, working_folder=working_folder, environment=kept)


_installed: list[Settings] = []  # a stack: in_force blocks nest
_provider: list[Callable[[], Settings]] = []


def current() -> Settings:
    """The settings in force: the innermost `in_force`, else the installed provider's, else the
    defaults of an empty environment."""
    if _installed:
        return _installed[-1]
    if _provider:
        return _provider[-1]()
    return Settings(home=Path.home(), working_folder=Path(os.curdir))


def configured() -> bool:
    """Whether a face has said where settings come from (some in force, or a provider)."""
    return bool(_installed or _provider)


@contextlib.contextmanager
def in_force(settings: Settings) -> Iterator[Settings]:
    """`settings` for the time of the block (a command, a request, a test)."""
    _installed.append(settings)
    try:
        yield settings
    finally:
        _installed.remove(settings)


def provide(provider: Callable[[], Settings]) -> None:
    """Where settings come from when none are in force: a face's resolver. Replaces any before."""
    _provider[:] = [provider]


def install(settings: Settings) -> None:
    """`settings` for the whole process whenever none are in force (a worker given its client's)."""
    provide(lambda: settings)
