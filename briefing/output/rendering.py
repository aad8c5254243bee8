"""Rendering briefings: Markdown for people, JSON for tools; file names and atomic writing.

Layout of the output folder, per source and target language: ``OUT/<source-name>.<target>.md``,
``.json``, ``.html``, ``.pdf``, ``.docx``, ``.xlf`` (the formats asked for; a Word file comes with
its JSON, which `memory import` needs to read corrections back), and always the QA report
``OUT/<source-name>.<target>.qa.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefing import __version__, atomic
from briefing.errors import BriefingError
from briefing.glossary.model import Glossary
from briefing.output.contents import Contents, Table, contents
from briefing.output.formats import Rendering, editable, output_format
from briefing.output.options import Format, RenderOptions
from briefing.sources import markdown_briefing
from briefing.translation import ledger
from briefing.translation.briefing_file import BlockRecord, BriefingFile, SegmentRecord
from briefing.translation.qa_file import QaFile
from briefing.translation.types import Briefing


@dataclass(frozen=True)
class Outputs:
    """What a run's files are made of besides the briefings: the formats, how they are printed,
    the glossary of the key terms, and what the QA reports say of enforcement."""

    formats: Sequence[Format] = ("md", "json")
    options: RenderOptions = RenderOptions()
    glossary: Glossary | None = None
    enforcement: Mapping = field(default_factory=dict)  # the strategy and the glossary files
    cross_language: Mapping[str, list[dict]] = field(default_factory=dict)  # per source: see job.cross_language
    conflicts: Sequence[dict] = ()  # words two entries claim: {"text", "used", "used_file", "other", "other_file"}


def already_written(name: str, locales: list[str], out_dir: Path) -> bool:
    """Every target's briefing of a source is in `out_dir` (for --skip-existing)."""
    return all((out_dir / f"{name}.{locale}.qa.json").is_file() for locale in locales)


def output_path(out_dir: Path, briefing: Briefing, suffix: str) -> Path:
    return out_dir / f"{briefing.document.name}.{briefing.target.locale}.{suffix}"


def to_markdown(printed: Contents) -> str:
    """The header paragraphs (title, details, machine-translation note), then the body."""
    lines = markdown_briefing.header(printed.title, printed.details(), f"{printed.note} ({printed.model})")
    for part in printed.parts():
        if isinstance(part, Table):
            lines += [*markdown_briefing.table_lines(part.rows, part.aligns), ""]
        else:
            lines += [markdown_briefing.body_line(part[0].kind, part[1]), ""]
    return "\n".join(lines).rstrip() + "\n"


def to_json(briefing: Briefing) -> dict:
    return briefing_file(briefing).to_json()


def briefing_file(briefing: Briefing) -> BriefingFile:
    """A briefing as its JSON file holds it (see briefing.translation.briefing_file)."""
    doc = briefing.document
    return BriefingFile(
        briefing_version=__version__,
        source=str(doc.path),
        source_lang=briefing.source_lang,
        target_lang=briefing.target.language,
        target_locale=briefing.target.locale,
        date=doc.date.isoformat() if doc.date else None,
        title=doc.title,
        source_url=doc.metadata.get("url"),
        dropped=tuple(doc.dropped),
        model={"route": [model.describe() for model in briefing.route],
               "pair": [briefing.source_lang, briefing.target.language]},
        timings=briefing.timings,
        blocks=tuple(BlockRecord(block.kind, block.text, text, block.cell, block.align)
                     for block, text in zip(doc.blocks, briefing.block_texts(), strict=False)),
        segments=tuple(SegmentRecord(s.index, s.block, s.start, s.end, s.source, s.target, s.target, s.origin,
                                     s.confidence, s.model_input if s.model_input != s.source else None,
                                     tuple(r.to_dict() for r in s.repairs))
                       for s in briefing.segments),
    )


def to_qa(briefing: Briefing, outputs: Outputs) -> dict:
    """The design's JSON report for one briefing, with how the glossary was enforced."""
    return qa_file(briefing, outputs).to_json()


def qa_file(briefing: Briefing, outputs: Outputs) -> QaFile:
    """One briefing's QA report (see briefing.translation.qa_file), its ledger still empty."""
    report = briefing.qa.to_dict()
    repairs = [r for s in briefing.segments for r in s.repairs]
    report["enforcement"] = {
        **outputs.enforcement,
        "repaired": sum(r.placed for r in repairs),
        "unplaced": [r.to_dict() for r in repairs if not r.placed],
    }
    report["model"] = [p.describe() for p in briefing.route]
    report["cross_language"] = outputs.cross_language.get(str(briefing.document.path), [])
    report["source_dropped"] = list(briefing.document.dropped)  # what the reader left out of the source
    report["glossary_conflicts"] = [c for c in outputs.conflicts
                                    if any(c["text"] in s.source for s in briefing.segments)]
    for segment, translated in zip(report["segments"], briefing.segments, strict=True):
        if translated.confidence is not None:
            segment["confidence"] = translated.confidence
    scored = sorted((s for s in briefing.segments if s.confidence is not None), key=lambda s: s.confidence)
    report["least_confident"] = [{"index": s.index, "confidence": s.confidence, "target": s.target}
                                 for s in scored[:LEAST_CONFIDENT]]  # the sentences the model was least sure of
    return QaFile.of(report)


def _json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def rendered(printed: Contents, formats: Sequence[Format]) -> dict[Format, bytes]:
    """One briefing in each format, from its one Contents (the HTML page once for html and pdf)."""
    rendering = Rendering(printed)
    return {fmt: output_format(fmt).render(rendering) for fmt in formats}


def briefing_bytes(briefing: Briefing, formats: Sequence[Format], glossary: Glossary | None = None,
                   options: RenderOptions | None = None) -> dict[Format, bytes]:
    """A briefing in each format, printed with its glossary's key terms: what a run writes, a
    server answers and a review page offers for download."""
    return rendered(contents(briefing, glossary, options or RenderOptions()), formats)


def render_markdown(rendering: Rendering) -> str:
    return to_markdown(rendering.printed)


def render_json(rendering: Rendering) -> str:
    return _json_text(to_json(rendering.printed.briefing))


LEAST_CONFIDENT = 5  # sentences of a briefing listed for review by the model's own score


def briefing_suffix(fmt: str, layout: str) -> str:
    """A format's file suffix in a run's layout: a review never takes the briefing's name."""
    described = output_format(fmt)
    return f"review.{described.file_suffix}" if layout == "review" and described.review_file else described.file_suffix


def edited_outputs(briefings: list[Briefing], out_dir: Path) -> list[Path]:
    """Outputs a reviewer changed since they were written (or that no record vouches for)."""
    return ledger.edited([output_path(out_dir, briefing, fmt.file_suffix)
                          for briefing in briefings for fmt in editable()])


def _briefing_files(briefing: Briefing, out_dir: Path, outputs: Outputs, formats: list[str]
                    ) -> list[tuple[Path, bytes]]:
    """One briefing's files in every format, and its qa.json with the digests of the editable ones."""
    files = [(output_path(out_dir, briefing, briefing_suffix(fmt, outputs.options.layout)), data, fmt)
             for fmt, data in briefing_bytes(briefing, formats, outputs.glossary, outputs.options).items()]
    digests = {path.name: ledger.digest(data) for path, data, fmt in files if output_format(fmt).editable}
    report = qa_file(briefing, outputs)
    qa = replace(report, run={**report.run, ledger.LEDGER_KEY: digests}).to_json()
    return [(path, data) for path, data, _ in files] + [(output_path(out_dir, briefing, "qa.json"),
                                                         _json_text(qa).encode("utf-8"))]


def write_briefings(briefings: list[Briefing], out_dir: Path, outputs: Outputs, force: bool = False,
                    advance: Callable[[int], None] = lambda n: None) -> list[Path]:
    """Render every briefing and write all their files together: no half-written output, and an
    interrupted run leaves the old set of files or the new one, never a mix.

    A file a reviewer edited since it was written is never overwritten silently: without
    `force` nothing is written and the error names the files to import first; with it, each is
    kept beside as NAME.bak."""
    edited = edited_outputs(briefings, out_dir)
    if edited and not force:
        names = ", ".join(p.name for p in edited[:4]) + (" …" if len(edited) > 4 else "")
        raise BriefingError(f"{len(edited)} output(s) edited since they were written ({names}); import the "
                            "corrections first ('briefing memory import FILE'), or use --force (a .bak copy is kept)")
    formats = list(dict.fromkeys(outputs.formats))
    if "json" not in formats and any(output_format(fmt).needs_json for fmt in formats):
        formats.append("json")  # `memory import` needs it to read an edited Markdown or Word file back
    written = []
    try:
        with atomic.Transaction() as transaction:  # every briefing of the run lands together, or none
            for briefing in briefings:
                files = _briefing_files(briefing, out_dir, outputs, formats)
                for path, data in [(path.with_name(path.name + ".bak"), path.read_bytes())
                                   for path, _ in files if path in edited] + files:
                    transaction.stage(path, data)
                written += [path for path, _ in files]
                advance(1)  # rendered and staged; a stop here still writes nothing
            transaction.commit()
    except OSError as err:
        raise BriefingError(f"cannot write {err.filename or out_dir}: {err.strerror or err}") from None
    return written
