"""Reviewers' corrections: read an edited briefing (the JSON or Markdown that `translate` wrote)
back into (source sentence, corrected translation) pairs for the segment memory."""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.quality.aligning import Unit, align_paragraphs
from briefing.quality.checking import Checker
from briefing.quality.figures import digit_runs
from briefing.sources import markdown_briefing
from briefing.sources.reading import decode, read_limited, text_chunks
from briefing.sources.segmenting import sentence_spans
from briefing.translation.briefing_file import BriefingFile, SegmentRecord


@dataclass(frozen=True)
class Correction:
    source_lang: str
    target_lang: str
    sentence: str
    target: str


def risks(correction: Correction, checker: Checker) -> list[str]:
    """What `check` would not call ok in a correction (`checker`: of its languages): a figure
    changed or dropped, a glossary name missing, forbidden or spelt otherwise (a homoglyph, a
    hidden character), a sentence in the wrong script or left untranslated. Such corrections are
    recorded only when accepted: a correction is reused in every later briefing, so it must pass
    what a machine translation passes. Judged against the source alone, never against the
    machine text the file says it corrects: that text travels in the same editable file."""
    return checker.check(0, correction.sentence, correction.target).problem_lines()


@dataclass
class Review:
    """The sentences a reviewer changed, and why some changes could not be taken (one line each)."""

    corrections: list[Correction]
    skipped: list[str]
    sentences: int = 0
    notes: list[str] = field(default_factory=list)  # how the file was read ("tracked changes …")


def _briefing_file(path: Path) -> BriefingFile:
    return BriefingFile.parse(decode(read_limited(path), path), path)


def read_json(path: Path) -> Review:
    data = _briefing_file(path)
    corrections = [Correction(data.source_lang, data.locale, segment.source, segment.target.strip())
                   for segment in data.segments if segment.corrected]
    return Review(corrections, [], len(data.segments))


def _similarity_cost(original: Unit, edited: Unit) -> float:
    """How unlike an edited text is the machine text it was made from: words in common, and the
    figures (anchors) of both. Position never enters, so moved paragraphs pair correctly."""
    words = difflib.SequenceMatcher(None, original.text.split(), edited.text.split(), autojunk=False).ratio()
    anchors = original.anchors | edited.anchors
    disagreement = 1 - len(original.anchors & edited.anchors) / len(anchors) if anchors else 0.0
    lengths = abs(math.log((len(edited.text) + 20) / (len(original.text) + 20)))
    sentences = abs(math.log(edited.sentences / original.sentences))  # a reviewer rarely merges many into one
    return 4 * (1 - words) + 1.5 * disagreement + lengths + 2 * sentences


def _unit(text: str) -> Unit:
    return Unit(text, frozenset(digit_runs(text)))


def read_markdown(path: Path) -> Review:
    """An edited Markdown briefing (see `read_edited`)."""
    return read_edited(path, _body_paragraphs(decode(read_limited(path), path)))


def read_docx(path: Path) -> Review:
    """An edited Word briefing (see `read_edited`): the body paragraphs between the header and
    the key terms and QA box that `translate` wrote, tracked changes read as accepted."""
    from briefing.sources.formats import word_briefing_body

    body, tracked = word_briefing_body(read_limited(path), path)
    review = read_edited(path, body)
    review.notes += [tracked] if tracked else []
    return review


def read_edited(path: Path, body: list[str]) -> Review:
    """Pair an edited briefing's body paragraphs with the JSON written beside it by content:
    paragraphs with the machine paragraphs they most resemble (moved, added or deleted ones are
    found), then sentences within them (a 1–1 pair is a correction; merged or split sentences,
    and anything left unpaired, are reported and skipped)."""
    companion = path.with_suffix(".json")
    if not companion.is_file():
        raise BriefingError(f"{path}: needs {companion.name} beside it to know the source sentences")
    data = _briefing_file(companion)
    lang = data.target_lang
    title = data.title_block()
    blocks = [(i, b) for i, b in enumerate(data.blocks) if i != title]
    by_block: dict[int, list[SegmentRecord]] = {}
    for segment in data.segments:
        by_block.setdefault(segment.block, []).append(segment)
    original = [[_unit(s.target) for s in by_block[index]] for index, _ in blocks if by_block.get(index)]
    edited_sentences = [[text[a:b] for a, b in sentence_spans(text, lang)] or [text] for text in body]
    edited = [[_unit(sentence) for sentence in paragraph] for paragraph in edited_sentences]
    machine = [segment for index, _ in blocks for segment in by_block.get(index, [])]
    flat_edited = [sentence for paragraph in edited_sentences for sentence in paragraph]
    corrections, skipped = [], []
    for group in align_paragraphs(original, edited, _similarity_cost):
        if not group.target:
            skipped.extend(f"no counterpart in the edited briefing (deleted?) for {machine[i].source[:60]!r}"
                           for i in group.source)
            continue
        if not group.source:
            skipped.append(f"added text without a source sentence: {flat_edited[group.target[0]][:60]!r}")
            continue
        if len(group.source) != 1 or len(group.target) != 1:
            skipped.append(f"{len(group.source)} sentence(s) edited into {len(group.target)}: "
                           f"{flat_edited[group.target[0]][:60]!r}")
            continue
        segment = machine[group.source[0]]
        text = flat_edited[group.target[0]]
        if text != segment.target:
            corrections.append(Correction(data.source_lang, data.locale, segment.source, text))
    return Review(corrections, skipped, len(data.segments))


def _body_paragraphs(text: str) -> list[str]:
    """Headings, paragraphs and table cells (each a paragraph) after the header `translate` writes."""
    paragraphs = []
    for chunk in text_chunks(text)[markdown_briefing.HEADER_PARAGRAPHS:]:
        rows = markdown_briefing.table_rows(chunk)
        if rows is None:
            paragraphs.append(markdown_briefing.body_text(" ".join(chunk)))
        else:
            paragraphs += [cell for row in rows for cell in row if cell]
    return paragraphs


def _safe_xml(path: Path, data: bytes):
    """The file's XML tree, refusing DTDs and entities (a billion laughs, an external file)."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree as SafeET

    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise BriefingError(f"{path}: refused unsafe XML (DTDs and entities are not allowed)") from None
    except ParseError as err:
        raise BriefingError(f"{path}:{err.position[0]}:{err.position[1]}: not well-formed XML") from None
    except LookupError as err:  # expat's answer to an encoding declaration it does not know
        raise BriefingError(f"{path}: {err} (declared in its XML prolog)") from None


def read_tmx(path: Path, source_lang: str = "en") -> Review:
    """Translation units of a TMX file (a CAT tool's translation memory, or briefing's own export)
    as human translations: every unit with a segment in the source language and one other."""
    from briefing.translation.cat_files import tmx_units

    found = tmx_units(_safe_xml(path, read_limited(path)), source_lang)
    corrections = [_correction(unit) for unit in found.units]
    return Review(corrections, found.skipped, len(corrections))


def read_xliff(path: Path) -> Review:
    """An XLIFF file (2.0 or 1.2) back from a CAT tool: each unit whose target differs from what
    `translate` wrote (its id says, see `xliff_ids`) is a correction; of another tool's file,
    any unit with a target. Each file of a package under its own languages."""
    from briefing.translation.cat_files import xliff_units
    from briefing.translation.xliff_ids import untouched

    try:
        found = xliff_units(_safe_xml(path, read_limited(path)))
    except ValueError as err:
        raise BriefingError(f"{path}: not an XLIFF file ({err})") from None
    corrections = [_correction(unit) for unit in found.units if not untouched(unit.unit_id, unit.target)]
    return Review(corrections, found.skipped, found.total)


def _correction(unit) -> Correction:
    """A CAT file's unit as a correction: from the source language (en-US is en: the memory keys
    sources by language) to the target's locale (fr_CA stays fr_CA: see `record_corrections`)."""
    return Correction(unit.source_lang.split("_")[0], unit.target_lang, unit.source, unit.target)


def read_review(path: Path) -> Review:
    if path.suffix.lower() == ".json":
        return read_json(path)
    if path.suffix.lower() in (".md", ".markdown"):
        return read_markdown(path)
    if path.suffix.lower() == ".tmx":
        return read_tmx(path)
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    if path.suffix.lower() in (".xlf", ".xliff"):
        return read_xliff(path)
    raise BriefingError(f"{path}: give the .json, .md, .docx or .xlf file that 'briefing translate' wrote, "
                        "or a .tmx or .xlf file of a CAT tool")
