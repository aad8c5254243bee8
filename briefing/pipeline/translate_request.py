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
    from briefing.quality.enforcing import Strategy
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
