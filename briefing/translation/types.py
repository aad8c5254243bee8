"""The data a translation produces, and what it needs from an engine: shared by the job, the
engine, the pipeline and every renderer, so that none of them imports another's module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from briefing.languages import Target
from briefing.quality.checking import Report
from briefing.quality.enforcing import Repair
from briefing.sources.document import Block, Document
from briefing.translation.memory_rows import MACHINE
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


@dataclass(frozen=True)
class Segment:
    """One translated sentence, aligned to its place in the source document."""

    index: int
    block: int
    start: int
    end: int
    source: str
    target: str
    model_input: str = ""
    repairs: tuple[Repair, ...] = ()
    origin: str = MACHINE
    confidence: float | None = None  # the model's probability per token (0–1); none from the memory


@dataclass
class Briefing:
    document: Document
    source_lang: str
    target: Target
    segments: list[Segment]
    route: list[InstalledPackage]
    qa: Report | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def block_texts(self) -> list[str]:
        """The translated text of each source block, its sentences joined."""
        texts: list[list[str]] = [[] for _ in self.document.blocks]
        for seg in self.segments:
            texts[seg.block].append(seg.target)
        return [" ".join(parts) for parts in texts]

    def title(self) -> str | None:
        """The translated title, when the source has one (a Markdown heading or front matter)."""
        return next((text for block, text in self._blocks() if block.text == self.document.title), None)

    def body(self) -> list[tuple[Block, str]]:
        """(source block, its translation) in reading order, the title left out."""
        return [(block, text) for block, text in self._blocks() if block.text != self.document.title]

    def _blocks(self) -> list[tuple[Block, str]]:
        return list(zip(self.document.blocks, self.block_texts(), strict=True))
