"""The desk configuration: `briefing.toml` in the working folder or one of its parents, then in
the user's config folder ($XDG_CONFIG_HOME/briefing/briefing.toml). The nearest file wins key by
key; paths in a file are relative to that file. Options on the command line and the environment
variables (BRIEFING_GLOSSARY, BRIEFING_MEMORY) win over both.

    # briefing.toml
    glossary = ["glossary", "/srv/desk/names.tbx"]
    memory = "/srv/desk/memory.sqlite"
    targets = ["ar_SY", "fr"]
    paper = "letter"
    enforce = "inline"
    digits = "locale"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import UsageError

FILE_NAME = "briefing.toml"
CHOICES = {"paper": ("a4", "letter"), "enforce": ("inline", "repair", "off"), "digits": ("locale", "latn", "arab")}
KEYS = ("glossary", "memory", "targets", "source", "paper", "enforce", "digits")


@dataclass
class Settings:
    values: dict = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)


def config_files(start: Path | None = None) -> list[Path]:
    """The configuration files in force, nearest first."""
    folder = (start or Path.cwd()).resolve()
    found = [candidate / FILE_NAME for candidate in (folder, *folder.parents) if (candidate / FILE_NAME).is_file()]
    user = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "briefing" / FILE_NAME
    return found[:1] + ([user] if user.is_file() else [])


def load_settings(start: Path | None = None) -> Settings:
    import rtoml

    settings = Settings()
    for path in reversed(config_files(start)):  # the nearest last, so that it wins
        try:
            data = rtoml.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, rtoml.TomlParsingError) as err:
            raise UsageError(f"{path}: not a valid configuration ({str(err).splitlines()[0]})") from None
        for key, value in data.items():
            settings.values[key] = _checked(path, key, value)
            settings.origins[key] = path
    return settings


def _checked(path: Path, key: str, value):
    if key not in KEYS:
        raise UsageError(f"{path}: unknown setting {key!r} (one of: {', '.join(KEYS)})")
    if key in ("glossary", "targets"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
            raise UsageError(f"{path}: {key} must be a list of strings")
        return [str((path.parent / item).expanduser()) for item in items] if key == "glossary" else items
    if not isinstance(value, str) or (key in CHOICES and value not in CHOICES[key]):
        allowed = f"one of {', '.join(CHOICES[key])}" if key in CHOICES else "a string"
        raise UsageError(f"{path}: {key} must be {allowed}")
    return str((path.parent / value).expanduser()) if key == "memory" else value


def default_map(settings: Settings, environ: dict | None = None) -> dict:
    """Defaults for click's commands: the configured values, where no environment variable
    already decides."""
    environ = os.environ if environ is None else environ
    values = settings.values
    glossary = {} if environ.get("BRIEFING_GLOSSARY") or "glossary" not in values else {
        "glossary_paths": values["glossary"]}
    memory = {} if environ.get("BRIEFING_MEMORY") or "memory" not in values else {"memory_path": values["memory"]}
    translate = {**glossary, **memory}
    for key, option in (("targets", "targets"), ("source", "source_lang"), ("paper", "paper"),
                        ("enforce", "enforce"), ("digits", "digits")):
        if key in values:
            translate[option] = values[key]
    check = {**glossary, **({"source_lang": values["source"]} if "source" in values else {})}
    glossary_commands = ("list", "show", "add", "set", "rm", "find", "suggest", "edit", "lint", "import", "export")
    return {
        "translate": translate,
        "check": check,
        "glossary": {name: dict(glossary) for name in glossary_commands},
        "memory": {"import": {**glossary, **memory}, "export": dict(memory), "stats": dict(memory),
                   "prune": dict(memory)},
    }
