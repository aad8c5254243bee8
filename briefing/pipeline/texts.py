"""Short texts as documents, and back: what an API request carries (a paragraph, a few lines, an
HTML fragment) goes through the same job as a source file — segmented, matched, translated
once, enforced, checked — and comes back in its own shape: every line where it was, the markup
of an HTML fragment untouched around its translated text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from briefing.sources.document import PARAGRAPH, Block, Document

TEXT, HTML = "text", "html"
_MARKUP = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_RAW_ELEMENTS = re.compile(r"<(script|style|code|pre)\b", re.IGNORECASE)  # their text is not prose


@dataclass(frozen=True)
class Shaped:
    """A text cut into the parts to translate and the parts kept as they are (line breaks,
    markup); `document` holds the parts to translate, one block each."""

    parts: tuple[str, ...]
    translated: tuple[bool, ...]  # which parts are blocks of the document, in order
    document: Document
    fmt: str

    def rebuilt(self, translations: list[str]) -> str:
        """The text with each translated part replaced by its translation (escaped in HTML)."""
        given = iter(translations)
        out = []
        for part, is_block in zip(self.parts, self.translated, strict=True):
            if not is_block:
                out.append(part)
                continue
            text = next(given)
            lead, trail = part[: len(part) - len(part.lstrip())], part[len(part.rstrip()):]
            out.append(lead + (html.escape(text, quote=False) if self.fmt == HTML else text) + trail)
        return "".join(out)


def shaped(text: str, fmt: str, name: str) -> Shaped:
    """`text` (plain or an HTML fragment) as a document of its translatable parts."""
    parts, flags = (_html_parts(text) if fmt == HTML else _line_parts(text))
    blocks = [Block(PARAGRAPH, " ".join((html.unescape(p) if fmt == HTML else p).split()))
              for p, flag in zip(parts, flags, strict=True) if flag]
    document = Document(path=Path(name), blocks=tuple(blocks), output_name=name)
    return Shaped(tuple(parts), tuple(flags), document, fmt)


def _line_parts(text: str) -> tuple[list[str], list[bool]]:
    parts = re.split(r"(\n)", text)
    return parts, [bool(part.strip()) and part != "\n" for part in parts]


def _html_parts(text: str) -> tuple[list[str], list[bool]]:
    parts, flags, raw = [], [], None
    for part in _MARKUP.split(text):
        if not part:
            continue
        is_tag = part.startswith("<")
        if is_tag:
            opened = _RAW_ELEMENTS.match(part)
            if opened and raw is None and not part.endswith("/>"):
                raw = opened.group(1).lower()
            elif raw and part.lower().startswith(f"</{raw}"):
                raw = None
        parts.append(part)
        flags.append(not is_tag and raw is None and bool(html.unescape(part).strip()))
    return parts, flags
