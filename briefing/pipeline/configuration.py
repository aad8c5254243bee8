"""The desk configuration: `briefing.toml` in the working folder or one of its parents, then in
the user's config folder ($XDG_CONFIG_HOME/briefing/briefing.toml). The nearest file wins key by
key; paths in a file are relative to that file. Options on the command line and the environment
variables (BRIEFING_GLOSSARY, BRIEFING_MEMORY) win over both.

    # briefing.toml
    glossary = ["glossary", "/srv/desk/names.tbx"]
    memory = "/srv/desk/memory.sqlite"   # or a desk's database: "postgresql://desk@db.example/briefing"
    cluster = "tcp://scheduler.example:8786"   # translate on a Dask cluster (or "local:4")
    targets = ["ar_SY", "fr"]
    paper = "letter"
    enforce = "inline"
    digits = "locale"
    device = "auto"

    [models]                             # where several installed models give a pair
    "en:ar" = "nllb-200-distilled-600M"
    "ar:fr" = "nllb-200-distilled-600M"

    [serve]                              # briefing serve
    host = "127.0.0.1"
    port = 5000
    api_keys = "/srv/desk/api-keys.txt"  # needed for any other host
    requests_per_minute = 120
    char_limit = 5000

A file is trusted only from its owner (or root), as git trusts a repository: a briefing.toml,
glossary or memory owned by another user, or writable by everyone, is ignored with a warning
saying how to trust it — `trusted = ["/srv/desk"]` in the user's own file, or
BRIEFING_TRUSTED=/srv/desk (folders, separated by ":"; "*" trusts every file). Otherwise
whoever can write two folders up would choose the glossary enforced on a confidential report
and the memory its sentences are written to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing import settings
from briefing.addresses import is_database
from briefing.errors import UsageError
from briefing.trust import distrust, is_trusted

FILE_NAME = "briefing.toml"
CHOICES = {"paper": ("a4", "letter"), "enforce": ("inline", "repair", "off"), "digits": ("locale", "latn", "arab"),
           "device": ("auto", "cpu", "cuda")}
KEYS = ("glossary", "memory", "targets", "source", "paper", "enforce", "digits", "device", "cluster", "trusted",
        "serve", "models")
SERVE_KEYS = {"host": str, "port": int, "api_keys": str, "requests_per_minute": int, "char_limit": int,
              "batch_limit": int, "file_limit_mb": int}


@dataclass
class Configuration:
    """The desk's configuration files read: each key's value and the file it came from."""

    values: dict = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # files ignored, and why


def user_config_file() -> Path:
    return settings.current().config_home / "briefing" / FILE_NAME


def _trust_warning(path: Path, reason: str, what: str) -> str:
    return (f"ignoring {what} {path}: {reason}; to trust it, add \"{path.parent}\" to trusted in "
            f"{user_config_file()} or to $BRIEFING_TRUSTED")


def config_files(start: Path | None = None) -> list[Path]:
    """The configuration files in force, nearest first."""
    folder = (start or settings.current().working_folder).resolve()
    found = [candidate / FILE_NAME for candidate in (folder, *folder.parents) if (candidate / FILE_NAME).is_file()]
    user = user_config_file()
    return found[:1] + ([user] if user.is_file() and user not in found[:1] else [])


def load_configuration(start: Path | None = None) -> Configuration:
    found = Configuration()
    files = config_files(start)
    user = user_config_file()
    trusted = settings.current().trusted
    parsed = {user: _parsed(user)} if user in files and not distrust(user) else {}
    trusted += parsed.get(user, {}).get("trusted", [])
    for path in reversed(files):  # the nearest last, so that it wins
        reason = distrust(path)
        if reason and not is_trusted(path, trusted):  # not even parsed: its errors are not the user's
            found.warnings.append(_trust_warning(path, reason, "configuration"))
            continue
        for key, value in (parsed.get(path) or _parsed(path)).items():
            if key == "trusted" and path != user:
                found.warnings.append(f"{path}: trusted is read only from {user}")
                continue
            doubtful = _doubtful(key, value, trusted)
            if doubtful:
                found.warnings.append(_trust_warning(*doubtful, f"the {key} that {path} names,"))
                continue
            found.values[key] = value
            found.origins[key] = path
    return found


def _doubtful(key: str, value, trusted: list[str]) -> tuple[Path, str] | None:
    """The first glossary or memory a setting names that is not to be trusted, and why."""
    if key not in ("glossary", "memory") or key == "memory" and is_database(value):
        return None  # a database server: not a file anyone could swap
    for named in map(Path, value if key == "glossary" else [value]):
        reason = distrust(named)
        if reason and not is_trusted(named, trusted):
            return named, reason
    return None


def _parsed(path: Path) -> dict:
    """A configuration file's keys, checked; paths made absolute, relative to the file."""
    import rtoml

    try:
        data = rtoml.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, rtoml.TomlParsingError) as err:
        raise UsageError(f"{path}: not a valid configuration ({str(err).splitlines()[0]})") from None
    return {key: _checked(path, key, value) for key, value in data.items()}


def _checked(path: Path, key: str, value):
    if key not in KEYS:
        raise UsageError(f"{path}: unknown setting {key!r} (one of: {', '.join(KEYS)})")
    if key == "serve":
        return _serve_table(path, value)
    if key == "models":
        if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
            raise UsageError(f'{path}: models must be a table of pairs and model names ([models] "en:ar" = "NAME")')
        return [f"{pair}={name}" for pair, name in value.items()]
    if key in ("glossary", "targets", "trusted"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
            raise UsageError(f"{path}: {key} must be a list of strings")
        if key == "targets" or items == ["*"]:
            return items
        return [str(path.parent / Path(item).expanduser()) for item in items]
    if not isinstance(value, str) or (key in CHOICES and value not in CHOICES[key]):
        allowed = f"one of {', '.join(CHOICES[key])}" if key in CHOICES else "a string"
        raise UsageError(f"{path}: {key} must be {allowed}")
    if key == "memory" and not is_database(value):
        return str(path.parent / Path(value).expanduser())
    return value


def _serve_table(path: Path, table) -> dict:
    """The [serve] table: each key of its type; the keys file relative to the configuration."""
    if not isinstance(table, dict):
        raise UsageError(f"{path}: serve must be a table ([serve])")
    for key, value in table.items():
        kind = SERVE_KEYS.get(key)
        if kind is None:
            raise UsageError(f"{path}: unknown serve setting {key!r} (one of: {', '.join(SERVE_KEYS)})")
        if not isinstance(value, kind) or isinstance(value, bool):
            raise UsageError(f"{path}: serve.{key} must be {'a number' if kind is int else 'a string'}")
    if "api_keys" in table:
        table = {**table, "api_keys": str(path.parent / Path(table["api_keys"]).expanduser())}
    return table
