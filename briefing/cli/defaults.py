"""The desk configuration as click's defaults: which configured value becomes which option of
which command. The only module that knows both the configuration keys and click's names."""

from __future__ import annotations

from briefing.pipeline.configuration import Configuration
from briefing.settings import Settings


def default_map(configuration: Configuration, settings: Settings) -> dict:
    """Defaults for click's commands: the configured values, where no environment variable
    already decides."""
    environ = settings.environment
    values = configuration.values
    glossary = {} if environ.get("BRIEFING_GLOSSARY") or "glossary" not in values else {
        "glossary_paths": values["glossary"]}
    memory = {} if environ.get("BRIEFING_MEMORY") or "memory" not in values else {"memory_path": values["memory"]}
    translate = {**glossary, **memory}
    for key, option in (("targets", "targets"), ("source", "source_lang"), ("paper", "paper"),
                        ("enforce", "enforce"), ("digits", "digits"), ("device", "device"), ("cluster", "cluster"),
                        ("models", "models")):
        if key in values:
            translate[option] = values[key]
    check = {**glossary, **({"source_lang": values["source"]} if "source" in values else {})}
    serve = {**glossary, **memory, **{("keys_file" if key == "api_keys" else key): value
                                      for key, value in values.get("serve", {}).items()},
             **({"models": values["models"]} if "models" in values else {})}
    glossary_commands = ("list", "show", "add", "set", "rm", "find", "suggest", "edit", "lint", "import", "export")
    return {
        "translate": translate,
        "check": check,
        "serve": serve,
        "glossary": {name: dict(glossary) for name in glossary_commands},
        "memory": {"import": {**glossary, **memory}, "export": dict(memory), "stats": dict(memory),
                   "prune": dict(memory), "list": dict(memory), "search": dict(memory),
                   "edit": {**glossary, **memory}, "rm": dict(memory)},
    }
