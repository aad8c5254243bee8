"""What a `translate` run is asked for, and what it gives back: plain data, light to import, so
that the CLI and the entry point can make a request before the stages are imported."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.addresses import Location
from briefing.output.options import Format, RenderOptions
from briefing.translation.engine import EngineOptions

if TYPE_CHECKING:
    from briefing.output.contents import Contents
    from briefing.output.rendering import Outputs
    from briefing.quality.enforcing import Strategy
    from briefing.settings import Settings
    from briefing.translation.types import Briefing


@dataclass(frozen=True)
class TranslateRequest:
    sources: Sequence[Path]  # files, folders, or "-" for standard input
    targets: Sequence[str]  # languages or locales: ar, fr_CA
    source_lang: str = "en"
    out_dir: Path = Path("briefings")
    formats: Sequence[Format] = ("md", "json")
    render: RenderOptions = RenderOptions()
    engine: EngineOptions = EngineOptions()
    glossary_paths: Sequence[Path] = ()  # none: $BRIEFING_GLOSSARY, else ./glossary/, else no glossary
    enforce: Strategy = "inline"
    memory: Location | None = None  # a file or postgresql://…; none: $BRIEFING_MEMORY, else the user's default
    use_memory: bool = True
    report_date: dt.date | None = None  # for sources that do not state theirs
    force: bool = False  # overwrite outputs a reviewer edited (keeping .bak copies)
    skip_existing: bool = False
    debug: bool = False  # a check that fails on a segment raises instead of being reported
    cluster: str | None = None  # a Dask scheduler's address, or local:N; none: this process translates
    insecure_cluster: bool = False  # allow an unencrypted tcp:// scheduler beyond this machine
    engine_name: str = ""  # a registered engine (briefing.translation.engines); none: cluster or ctranslate2
    settings: Settings | None = None  # where glossary, memory, models and cache are; none: the face's


@dataclass
class Run:
    """A translation run's product, nothing written yet: the briefings (each with its QA report)
    and what their files are made of. A server, a review page or a notebook use it as it is;
    `write_run` puts it on disk as `translate` does."""

    request: TranslateRequest
    outputs: Outputs | None = None  # formats, options, glossary, enforcement, conflicts: see output.rendering
    briefings: list[Briefing] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line per source that could not be read
    sources: int = 0
    targets: int = 0
    sentences: int = 0
    seconds: float = 0.0

    def report(self, briefing: Briefing) -> dict:
        """A briefing's QA report, as its qa.json says it (without the digests of written files)."""
        from briefing.output.rendering import to_qa

        return to_qa(briefing, self.outputs)

    def contents(self, briefing: Briefing) -> Contents:
        """What a briefing's printed forms show, in the reader's language."""
        from briefing.output.contents import contents

        return contents(briefing, self.outputs.glossary, self.outputs.options)

    def rendered(self, briefing: Briefing, formats: Sequence[str] = ()) -> dict[str, bytes]:
        """A briefing's bytes in each format (the run's own, where none are named)."""
        from briefing.output.rendering import briefing_bytes

        return briefing_bytes(briefing, list(formats or self.outputs.formats), self.outputs.glossary,
                              self.outputs.options)


@dataclass
class TranslateResult:
    out_dir: Path
    briefings: list[Briefing] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line per source that could not be read
    sources: int = 0  # translated
    targets: int = 0
    sentences: int = 0  # distinct sentences
    seconds: float = 0.0

    @property
    def problems(self) -> bool:
        """The QA reports found something to verify."""
        return any(b.qa.problems for b in self.briefings if b.qa)
