"""The briefing JSON file as a type: what `translate` writes beside every briefing, and what
`memory import`, a review page and other tools read back. One writer (`to_json`) and one
parser (`parse`), so that the two never drift; the parser takes what a reviewer or another
tool may have left (missing optional fields), and refuses the rest in one line.

    {"briefing_version": "…", "source": "…", "source_lang": "en", "target_lang": "fr",
     "target_locale": "fr_CA", "date": "2025-03-09", "title": "…", "source_url": null,
     "dropped": [], "model": {"route": [{"package", "version", "pair"}], "pair": ["en", "fr"]},
     "timings": {}, "blocks": [{"kind", "source", "target", "cell"?}],
     "segments": [{"index", "block", "start", "end", "source", "target", "as_written", "origin",
                   "confidence"?, "model_input"?, "repairs"?}]}
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.sources.document import ALIGNMENTS, title_place


@dataclass(frozen=True)
class BlockRecord:
    kind: str
    source: str
    target: str
    cell: tuple[int, int, int] | None = None  # (table, row, column)
    align: str = ""  # a cell's column alignment, so that a briefing built again from this file keeps it

    def to_json(self) -> dict:
        return {"kind": self.kind, "source": self.source, "target": self.target,
                **({"cell": list(self.cell)} if self.cell else {}), **({"align": self.align} if self.align else {})}


@dataclass(frozen=True)
class SegmentRecord:
    index: int
    block: int
    start: int
    end: int
    source: str
    target: str  # as the reviewer left it
    as_written: str | None  # what translate wrote: a target that differs is a correction
    origin: str = "machine"
    confidence: float | None = None
    model_input: str | None = None  # where the model saw another text (glossary forms inlined)
    repairs: tuple[dict, ...] = ()

    def to_json(self) -> dict:
        return {"index": self.index, "block": self.block, "start": self.start, "end": self.end,
                "source": self.source, "target": self.target, "as_written": self.as_written, "origin": self.origin,
                **({"confidence": self.confidence} if self.confidence is not None else {}),
                **({"model_input": self.model_input} if self.model_input else {}),
                **({"repairs": list(self.repairs)} if self.repairs else {})}

    @property
    def corrected(self) -> bool:
        return bool(self.target.strip()) and self.target != self.as_written


@dataclass(frozen=True)
class BriefingFile:
    source_lang: str
    target_lang: str
    segments: tuple[SegmentRecord, ...]
    blocks: tuple[BlockRecord, ...] = ()
    title: str | None = None
    target_locale: str | None = None
    source: str = ""
    date: str | None = None
    source_url: str | None = None
    dropped: tuple[str, ...] = ()
    model: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    @property
    def locale(self) -> str:
        """The locale the briefing was written for (fr_CA), else its language."""
        return self.target_locale or self.target_lang
    briefing_version: str = ""

    def to_json(self) -> dict:
        return {"briefing_version": self.briefing_version, "source": self.source, "source_lang": self.source_lang,
                "target_lang": self.target_lang, "target_locale": self.target_locale, "date": self.date,
                "title": self.title, "source_url": self.source_url, "dropped": list(self.dropped),
                "model": self.model, "timings": self.timings, "blocks": [b.to_json() for b in self.blocks],
                "segments": [s.to_json() for s in self.segments]}

    def title_block(self) -> int | None:
        """Which block is the title (the first heading or paragraph with its words, never a cell)."""
        return title_place([(b.source, b.cell) for b in self.blocks], self.title)

    @classmethod
    def parse(cls, text: str, path: Path) -> BriefingFile:
        """A briefing file's text; BriefingError in one line when it is not one."""
        data = parsed_json(text, path)
        if (not isinstance(data, dict) or not isinstance(data.get("segments"), list)
                or not all(isinstance(data.get(key), str) for key in ("source_lang", "target_lang"))
                or not isinstance(data.get("blocks", []), list)):
            raise BriefingError(f"{path}: not a briefing JSON written by 'briefing translate'")
        return cls(data["source_lang"], data["target_lang"],
                   tuple(_segment(number, s, path) for number, s in enumerate(data["segments"])),
                   tuple(_block(number, b, path) for number, b in enumerate(data.get("blocks", []))),
                   title=_text_or_none(data.get("title")), target_locale=_text_or_none(data.get("target_locale")),
                   source=str(data.get("source") or ""), date=_text_or_none(data.get("date")),
                   source_url=_text_or_none(data.get("source_url")),
                   dropped=tuple(d for d in data.get("dropped") or () if isinstance(d, str)),
                   model=data.get("model") if isinstance(data.get("model"), dict) else {},
                   timings=data.get("timings") if isinstance(data.get("timings"), dict) else {},
                   briefing_version=str(data.get("briefing_version") or ""))


def parsed_json(text: str, path: Path):
    """A file's JSON, or a BriefingError in one line."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise BriefingError(f"{path}: not valid JSON ({str(err)[:200]})") from None
    surrogate = "\\u" in text and _LONE_SURROGATE.search(json.dumps(data, ensure_ascii=False))
    if surrogate:  # "\ud800" is valid JSON, but no text: it cannot be written to a memory or a file
        raise BriefingError(f"{path}: a string holds a lone surrogate (\\u{ord(surrogate.group()):04x}), "
                            "not a character")
    return data


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # what json.loads makes of an unpaired "\\ud800"


def _text_or_none(value) -> str | None:
    return value if isinstance(value, str) else None


def _number(value, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _segment(number: int, segment, path: Path) -> SegmentRecord:
    if not isinstance(segment, dict) or not all(isinstance(segment.get(k), str) for k in ("source", "target")) \
            or not isinstance(segment.get("block", 0), int):
        raise BriefingError(f"{path}: segment {number} lacks a 'source' or 'target' text, or a block number")
    confidence = segment.get("confidence")
    return SegmentRecord(
        _number(segment.get("index"), number), segment.get("block", 0), _number(segment.get("start")),
        _number(segment.get("end")), segment["source"], segment["target"], _text_or_none(segment.get("as_written")),
        str(segment.get("origin") or "machine"),
        float(confidence) if isinstance(confidence, (int, float)) and not isinstance(confidence, bool) else None,
        _text_or_none(segment.get("model_input")),
        tuple(r for r in segment.get("repairs") or () if isinstance(r, dict)))


def _block(number: int, block, path: Path) -> BlockRecord:
    if not isinstance(block, dict) or not all(isinstance(block.get(k, ""), str) for k in ("source", "target")):
        raise BriefingError(f"{path}: block {number} is damaged")
    cell = block.get("cell")
    place = tuple(cell) if isinstance(cell, list) and len(cell) == 3 and all(isinstance(c, int) for c in cell) else None
    align = block.get("align") if block.get("align") in ALIGNMENTS else ""
    return BlockRecord(str(block.get("kind") or "paragraph"), block.get("source", ""), block.get("target", ""), place,
                       align)
