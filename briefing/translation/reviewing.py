"""Reviewers' corrections: read an edited briefing (the JSON or Markdown that `translate` wrote)
back into (source sentence, corrected translation) pairs for the segment memory."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import BriefingError
from briefing.sources.reading import decode, read_limited
from briefing.sources.segmenting import sentence_spans


@dataclass(frozen=True)
class Correction:
    source_lang: str
    target_lang: str
    sentence: str
    target: str


@dataclass
class Review:
    """The sentences a reviewer changed, and why some changes could not be taken (one line each)."""

    corrections: list[Correction]
    skipped: list[str]
    sentences: int = 0


def _briefing_json(path: Path) -> dict:
    try:
        data = json.loads(decode(read_limited(path), path))
    except (ValueError, RecursionError) as err:
        raise BriefingError(f"{path}: not valid JSON ({str(err)[:200]})") from None
    if (not isinstance(data, dict) or not isinstance(data.get("segments"), list)
            or not all(isinstance(data.get(key), str) for key in ("source_lang", "target_lang"))
            or not isinstance(data.get("blocks", []), list)):
        raise BriefingError(f"{path}: not a briefing JSON written by 'briefing translate'")
    for number, segment in enumerate(data["segments"]):
        if not isinstance(segment, dict) or not all(isinstance(segment.get(k), str) for k in ("source", "target")) \
                or not isinstance(segment.get("block", 0), int):
            raise BriefingError(f"{path}: segment {number} lacks a 'source' or 'target' text, or a block number")
    for number, block in enumerate(data.get("blocks", [])):
        if not isinstance(block, dict) or not all(isinstance(block.get(k, ""), str) for k in ("source", "target")):
            raise BriefingError(f"{path}: block {number} is damaged")
    return data


def read_json(path: Path) -> Review:
    data = _briefing_json(path)
    corrections = []
    for segment in data["segments"]:
        if not isinstance(segment, dict) or not {"source", "target"} <= set(segment):
            raise BriefingError(f"{path}: a segment lacks 'source' or 'target'")
        if segment["target"].strip() and segment["target"] != segment.get("as_written"):
            corrections.append(
                Correction(data["source_lang"], data["target_lang"], segment["source"], segment["target"].strip())
            )
    return Review(corrections, [], len(data["segments"]))


def read_markdown(path: Path) -> Review:
    """Align an edited Markdown briefing with the JSON written beside it, paragraph by paragraph;
    within a paragraph, sentence by sentence when the counts agree."""
    companion = path.with_suffix(".json")
    if not companion.is_file():
        raise BriefingError(f"{path}: needs {companion.name} beside it to know the source sentences")
    data = _briefing_json(companion)
    lines = decode(read_limited(path), path).split("\n")
    body = _body_paragraphs(lines)
    blocks = [(i, b) for i, b in enumerate(data.get("blocks", [])) if b.get("source") != data.get("title")]
    if len(body) != len(blocks):
        raise BriefingError(
            f"{path}: {len(body)} paragraphs but the briefing has {len(blocks)}; keep one paragraph per "
            "paragraph (or correct the JSON instead)"
        )
    corrections, skipped = [], []
    by_block: dict[int, list[dict]] = {}
    for segment in data["segments"]:
        by_block.setdefault(segment["block"], []).append(segment)
    for (index, block), text in zip(blocks, body, strict=True):
        segments = by_block.get(index, [])
        if text == block["target"] or not segments:
            continue
        spans = sentence_spans(text, data["target_lang"])
        if len(spans) != len(segments):
            skipped.append(f"paragraph {index + 1}: {len(spans)} sentences for {len(segments)} source sentences")
            continue
        for segment, (start, end) in zip(segments, spans, strict=True):
            if text[start:end] != segment["target"]:
                corrections.append(
                    Correction(data["source_lang"], data["target_lang"], segment["source"], text[start:end])
                )
    return Review(corrections, skipped, len(data["segments"]))


def _body_paragraphs(lines: list[str]) -> list[str]:
    """Headings and paragraphs after the header that `translate` writes (title, details, note)."""
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    body = paragraphs[3:]  # "# title", the details line, the machine-translation note
    return [p[3:] if p.startswith("## ") else p[2:] if p.startswith("> ") else p for p in body]


def read_review(path: Path) -> Review:
    if path.suffix.lower() == ".json":
        return read_json(path)
    if path.suffix.lower() in (".md", ".markdown"):
        return read_markdown(path)
    raise BriefingError(f"{path}: give the .json or .md file that 'briefing translate' wrote")
