"""What the job needs from an engine, apart from the data it produces: the engine module
imports only this, so that a model can start loading before the checks and renderers import."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from briefing.translation.models import InstalledPackage

Progress = Callable[[int], None]  # told of sentences as they finish; may raise to cancel


class Translator(Protocol):
    """What the job needs from an engine: one batch of sentences through a route."""

    def translate(self, route: Sequence[InstalledPackage], sentences: Sequence[str],
                  progress: Progress | None = None) -> list[str]:
        raise NotImplementedError

    def translate_scored(self, route: Sequence[InstalledPackage], sentences: Sequence[str],
                         progress: Progress | None = None) -> list[tuple[str, float | None]]:
        """The translations with the model's log-probability per token, where the engine gives one."""
        return [(text, None) for text in self.translate(route, sentences, progress)]

    def model_id(self, route: Sequence[InstalledPackage]) -> str:
        """What the memory keys machine output on: the route and anything that changes output."""
        return "+".join(f"{p.name}@{p.version}" for p in route) or type(self).__name__
