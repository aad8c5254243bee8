"""The QA report file (NAME.LANG.qa.json) as a type: what `translate` writes beside every briefing
and what a review page, the ledger or another tool read back. One writer (`to_json`) and one
parser (`parse`); the statuses are the checker's own (briefing.quality.statuses).

    {"source_lang", "target_lang", …the check's extras,
     "segments": [{"index", "source", "target", "terms": [...], "numbers": [...], "flags": [...],
                   "notes"?, "origin"?, "aligned"?, "confidence"?}],
     "summary": {...}, "enforcement": {...}, "model": [...], "cross_language": [...],
     "source_dropped": [...], "glossary_conflicts": [...], "least_confident": [...], "written": {...}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.quality.statuses import FigureStatus, Flag, TermStatus
from briefing.translation.briefing_file import parsed_json

_REPORT_KEYS = ("source_lang", "target_lang", "segments", "summary")
_RUN_KEYS = ("enforcement", "model", "cross_language", "source_dropped", "glossary_conflicts", "least_confident",
             "written")


def _status(kind, value):
    """A status as its type where it is one of its values; as written otherwise (a newer file)."""
    try:
        return kind(value)
    except ValueError:
        return value


def _strings(value) -> tuple[str, ...]:
    return tuple(map(str, value)) if isinstance(value, list) else ()


@dataclass(frozen=True)
class TermRecord:
    entry: str
    source_text: str
    start: int
    end: int
    expected: tuple[str, ...]
    target_text: str | None
    status: TermStatus | str
    note: str = ""

    def to_json(self) -> dict:
        return {"entry": self.entry, "source_text": self.source_text, "start": self.start, "end": self.end,
                "expected": list(self.expected), "target_text": self.target_text, "status": self.status,
                **({"note": self.note} if self.note else {})}

    @classmethod
    def of(cls, data: dict) -> TermRecord:
        return cls(str(data["entry"]), str(data["source_text"]), int(data.get("start", 0)), int(data.get("end", 0)),
                   tuple(map(str, data.get("expected") or ())), data.get("target_text"),
                   _status(TermStatus, data["status"]), str(data.get("note") or ""))


@dataclass(frozen=True)
class FigureRecord:
    source_text: str
    value: object
    target_text: str | None
    status: FigureStatus | str
    note: str = ""

    def to_json(self) -> dict:
        return {"source_text": self.source_text, "value": self.value, "target_text": self.target_text,
                "status": self.status, **({"note": self.note} if self.note else {})}

    @classmethod
    def of(cls, data: dict) -> FigureRecord:
        return cls(str(data["source_text"]), data.get("value"), data.get("target_text"),
                   _status(FigureStatus, data["status"]), str(data.get("note") or ""))


@dataclass(frozen=True)
class QaSegment:
    index: int
    source: str
    target: str
    terms: tuple[TermRecord, ...] = ()
    numbers: tuple[FigureRecord, ...] = ()
    flags: tuple[Flag | str, ...] = ()
    notes: tuple[str, ...] = ()
    origin: str = ""
    aligned: dict | None = None
    confidence: float | None = None
    to_verify: tuple[str, ...] = ()  # the problems worded for people, as the checker wrote them
    kinds: tuple[str, ...] = ()  # their kinds: name, figure, sentence

    def to_json(self) -> dict:
        data = {"index": self.index, "source": self.source, "target": self.target,
                "terms": [t.to_json() for t in self.terms], "numbers": [n.to_json() for n in self.numbers],
                "flags": list(self.flags)}
        if self.notes:
            data["notes"] = list(self.notes)
        if self.origin:
            data["origin"] = self.origin
        if self.aligned is not None:
            data["aligned"] = self.aligned
        if self.confidence is not None:
            data["confidence"] = self.confidence
        if self.to_verify:
            data["to_verify"], data["kinds"] = list(self.to_verify), list(self.kinds)
        return data

    @classmethod
    def of(cls, data: dict) -> QaSegment:
        confidence = data.get("confidence")
        return cls(int(data["index"]), str(data["source"]), str(data["target"]),
                   tuple(TermRecord.of(t) for t in data.get("terms") or ()),
                   tuple(FigureRecord.of(n) for n in data.get("numbers") or ()),
                   tuple(_status(Flag, f) for f in data.get("flags") or ()), tuple(data.get("notes") or ()),
                   str(data.get("origin") or ""), data.get("aligned"),
                   float(confidence) if isinstance(confidence, (int, float)) else None,
                   _strings(data.get("to_verify")), _strings(data.get("kinds")))


@dataclass(frozen=True)
class QaFile:
    source_lang: str
    target_lang: str
    segments: tuple[QaSegment, ...]
    summary: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # what the check adds (e.g. "alignment")
    run: dict = field(default_factory=dict)  # what translate adds: enforcement, model, … written

    def to_json(self) -> dict:
        return {"source_lang": self.source_lang, "target_lang": self.target_lang, **self.extra,
                "segments": [s.to_json() for s in self.segments], "summary": self.summary,
                **{key: self.run[key] for key in _RUN_KEYS if key in self.run}}

    @property
    def written(self) -> dict[str, str]:
        """The ledger: file name → SHA-256 of its bytes as written (see translation.ledger)."""
        found = self.run.get("written")
        return found if isinstance(found, dict) else {}

    @classmethod
    def of(cls, data: dict, path: Path | str = "QA report") -> QaFile:
        """A QA report's JSON object (as `to_json` gives it, or as read from a file)."""
        try:
            if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
                raise TypeError("no segments")
            return cls(str(data["source_lang"]), str(data["target_lang"]),
                       tuple(QaSegment.of(segment) for segment in data["segments"]),
                       data.get("summary") if isinstance(data.get("summary"), dict) else {},
                       {k: v for k, v in data.items() if k not in _REPORT_KEYS and k not in _RUN_KEYS},
                       {k: data[k] for k in _RUN_KEYS if k in data})
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise BriefingError(f"{path}: not a QA report written by briefing ({err})") from None

    @classmethod
    def parse(cls, text: str, path: Path) -> QaFile:
        return cls.of(parsed_json(text, path), path)
