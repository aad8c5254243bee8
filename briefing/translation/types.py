"""The data a translation produces: shared by the job, the pipeline and every renderer, so that
none of them imports another's module."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.languages import Target
from briefing.quality.checking import Report
from briefing.quality.enforcing import Repair
from briefing.sources.document import Block, Document
from briefing.translation.memory_rows import MACHINE
from briefing.translation.translator import ModelRef


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
    route: list[ModelRef]  # the models it went through, by name: not where they lie
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
        place = self.document.title_block
        return None if place is None else self.block_texts()[place]

    def body(self) -> list[tuple[Block, str]]:
        """(source block, its translation) in reading order, the title left out (by its place:
        a table cell that says the same words stays)."""
        pairs = zip(self.document.blocks, self.block_texts(), strict=True)
        return [pair for index, pair in enumerate(pairs) if index != self.document.title_block]
