"""The output formats, in one registry: each format's name, file suffix, renderer and the rules
the rest of the product follows for it (whether reviewers edit it, whether reading it back
needs the briefing's JSON beside it, which file the batch report links to). The command
line's choices, the writer, the re-run guard and the report all read them from here, so a new
format is one `register` call.

Light to import: a renderer is named as "module:function" and imported when first used (the
PDF's WeasyPrint, Word's python-docx), so that `briefing --help` lists the formats for free.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from briefing.errors import UsageError

if TYPE_CHECKING:
    from briefing.output.contents import Contents

T = TypeVar("T")


class Rendering:
    """One briefing's printed contents, handed to each format's renderer; what two formats share
    (the HTML page of html and pdf) is made once, by the first that asks."""

    def __init__(self, printed: Contents) -> None:
        self.printed = printed
        self._shared: dict[str, object] = {}

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """`make()`'s result, made once for every format of this briefing."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]


Renderer = Callable[[Rendering], "str | bytes"]
_REGISTRY: dict[str, OutputFormat] = {}  # the built-in formats, at the end of the module


@dataclass(frozen=True)
class OutputFormat:
    name: str  # as --format takes it
    renderer: str | Renderer  # a function of a Rendering, or "module:function" to import when used
    suffix: str = ""  # the file's suffix, where it is not the name
    editable: bool = False  # reviewers edit it: a re-run never replaces an edited one silently
    needs_json: bool = False  # reading corrections back needs the briefing's JSON beside it
    link_rank: int | None = None  # the batch report links to the lowest-ranked format written
    review_file: bool = False  # with --layout review it is NAME.review.SUFFIX, never the briefing's name
    help: str = ""

    @property
    def file_suffix(self) -> str:
        return self.suffix or self.name

    def render(self, rendering: Rendering) -> bytes:
        renderer = self.renderer
        if isinstance(renderer, str):
            module, _, function = renderer.partition(":")
            renderer = getattr(importlib.import_module(module), function)
        content = renderer(rendering)
        return content if isinstance(content, bytes) else content.encode("utf-8")


def register(output_format: OutputFormat) -> OutputFormat:
    """Add a format (or replace one of the same name): the CLI offers it and runs write it."""
    _REGISTRY[output_format.name] = output_format
    return output_format


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def output_format(name: str) -> OutputFormat:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown output format {name!r} (one of: {', '.join(_REGISTRY)})") from None


def editable() -> list[OutputFormat]:
    return [fmt for fmt in _REGISTRY.values() if fmt.editable]


def linked(formats: list[str]) -> OutputFormat:
    """The format of a briefing the batch report links to: the one a person reads."""
    ranked = [output_format(name) for name in formats if output_format(name).link_rank is not None]
    return min(ranked, key=lambda fmt: fmt.link_rank) if ranked else output_format("json")


_REGISTRY.update((fmt.name, fmt) for fmt in (
    OutputFormat("md", "briefing.output.rendering:render_markdown", editable=True, needs_json=True, link_rank=3,
                 help="Markdown, to read and edit"),
    OutputFormat("json", "briefing.output.rendering:render_json", editable=True,
                 help="every sentence with its source, for tools"),
    OutputFormat("html", "briefing.output.printing:render_html", link_rank=0, review_file=True,
                 help="a web page with print CSS"),
    OutputFormat("pdf", "briefing.output.printing:render_pdf", link_rank=1, review_file=True,
                 help="the printed briefing"),
    OutputFormat("docx", "briefing.output.word:render_docx", editable=True, needs_json=True, link_rank=2,
                 help="a Word file for a reviewer"),
    OutputFormat("xliff", "briefing.output.xliff:render_xliff", suffix="xlf", editable=True,
                 help="for CAT tools"),
))
