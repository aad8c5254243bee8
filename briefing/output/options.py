"""What a run prints and how: the formats, paper and layout a user chooses. Apart from the
renderers, so that a request can be made without importing them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from briefing.translation.localizing import Digits

Paper = Literal["a4", "letter"]
Layout = Literal["briefing", "review"]  # the briefing, or source and translation side by side
Format = str  # the name of a registered output format: see briefing.output.formats
PAPERS: tuple[Paper, ...] = get_args(Paper)
LAYOUTS: tuple[Layout, ...] = get_args(Layout)


@dataclass(frozen=True)
class RenderOptions:
    """How briefings are printed; the same for every briefing of a run."""

    paper: Paper = "a4"
    layout: Layout = "briefing"
    digits: Digits = "locale"
    today: dt.date | None = None  # the date of translation to print (None: today)
    xliff_version: Literal["2.0", "1.2"] = "2.0"  # 1.2 for CAT tools that read only that one
