"""The engines, in one registry: a name (`--engine`, briefing.toml, a server's setting) → a
factory imported when first used. CTranslate2 over Argos packages and the Dask cluster are the
built-in ones; another (a toy for tests, a remote service) is one `register` call.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from briefing.errors import UsageError
from briefing.translation.translator import Translator


@dataclass(frozen=True)
class EngineContext:
    """What a factory is given: the engine options, and for an engine that runs elsewhere its
    address and what each of its processes runs first."""

    options: object  # briefing.translation.engine.EngineOptions
    address: str | None = None  # a cluster's scheduler (tcp://host:8786) or local:N
    worker_setup: Callable[[], None] | None = None  # where a worker's settings come from
    insecure: bool = False  # an unencrypted connection to another machine is allowed


Factory = Callable[[EngineContext], Translator]

_REGISTRY: dict[str, str | Factory] = {
    "ctranslate2": "briefing.translation.engine:ctranslate2_engine",
    "cluster": "briefing.translation.cluster:cluster_engine",
}


def register(name: str, factory: str | Factory) -> None:
    """Add an engine (or replace one): a factory of an EngineContext, or "module:function"."""
    _REGISTRY[name] = factory


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def create(name: str, context: EngineContext) -> Translator:
    try:
        factory = _REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown engine {name!r} (one of: {', '.join(_REGISTRY)})") from None
    if isinstance(factory, str):
        module, _, function = factory.partition(":")
        factory = getattr(importlib.import_module(module), function)
    return factory(context)
