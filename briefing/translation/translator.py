"""The engine seam: what the job, the pipeline and every face need from an engine, and the
model reference that briefings, reports, renderers and the memory carry instead of an engine's
own objects. The engine modules import only this, so that a model can start loading before the
checks and renderers import.

An engine owns its routes: asked for a source language and targets, it says which models take
the source to each (a direct model, a pivot through English, a multilingual model, whatever a
cluster's workers hold), and it translates through them. Everything else has a default here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.translation.model_ref import ModelRef

if TYPE_CHECKING:
    from briefing.languages import Target
    from briefing.sources.document import Document

Progress = Callable[[int], None]  # told of sentences as they finish; may raise to cancel


Route = Sequence[ModelRef]  # the models a sentence goes through, in order
Routes = dict[str, list[ModelRef]]  # target language → its route


class Translator:
    """What the job needs from an engine: `translate` or `translate_scored` (each defaults to
    the other), and the rest with defaults an engine overrides where it knows better."""

    def routes(self, source: str, targets: Sequence[Target]) -> Routes:
        """The route to each target, resolved before any work so that a missing model fails at
        once (a BriefingError naming what to install). By default: through the Argos packages
        installed on this machine (Argos packages and converted models), direct or through English."""
        from briefing.translation.converted import installed_models
        from briefing.translation.models import plan_routes

        planned = plan_routes(installed_models(), source, targets)
        return {language: [package.ref for package in route] for language, route in planned.items()}

    def translate_scored(self, route: Route, sentences: Sequence[str],
                         progress: Progress | None = None) -> list[tuple[str, float | None]]:
        """The translations with the model's log-probability per token, where the engine gives one."""
        return [(text, None) for text in self.translate(route, sentences, progress)]

    def translate(self, route: Route, sentences: Sequence[str], progress: Progress | None = None) -> list[str]:
        return [text for text, _ in self.translate_scored(route, sentences, progress)]

    def alternatives(self, route: Route, sentences: Sequence[str], count: int) -> list[list[str]]:
        """Up to `count` other translations of each sentence, best first, after the one
        `translate` gives (the model's n-best); none where the engine has no n-best to give."""
        return [[] for _ in sentences]

    def model_id(self, route: Route) -> str:
        """What the memory keys machine output on: the route and anything that changes output."""
        return "+".join(f"{model.name}@{model.version}" for model in route) or type(self).__name__

    def preload(self, models: Sequence[ModelRef]) -> None:
        """Start loading `models` while the caller reads its sources (nothing by default)."""

    def read_sources(self, files: Sequence[Path], date: dt.date | None, advance: Progress
                     ) -> tuple[list[Document], list[str]]:
        """The sources parsed (here, by default; a cluster parses them on its workers), and a
        line for each that cannot be read."""
        from briefing.sources.reading import read_documents

        return read_documents(files, date, advance)

    def settle(self) -> None:
        """Wait for work under way (a load) before the process may end; the engine stays usable."""

    def close(self) -> None:
        """Release what the engine holds (workers, connections); by default, settle."""
        self.settle()
