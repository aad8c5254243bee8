"""Rendering briefings: Markdown for people, JSON for tools; file names and atomic writing.

Layout of the output folder, per source and target language: ``OUT/<source-name>.<target>.md``,
``.json``, ``.html``, ``.pdf``, ``.docx`` (the formats asked for; a Word file comes with its JSON,
which `memory import` needs to read corrections back), and always the QA report
``OUT/<source-name>.<target>.qa.json``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from briefing import __version__, atomic
from briefing.errors import BriefingError
from briefing.output.contents import contents
from briefing.sources.reading import HEADING, QUOTE
from briefing.translation.types import Briefing


def already_written(name: str, locales: list[str], out_dir: Path) -> bool:
    """Every target's briefing of a source is in `out_dir` (for --skip-existing)."""
    return all((out_dir / f"{name}.{locale}.qa.json").is_file() for locale in locales)


def output_path(out_dir: Path, briefing: Briefing, suffix: str) -> Path:
    return out_dir / f"{briefing.document.name}.{briefing.target.locale}.{suffix}"


def _model_label(briefing: Briefing) -> str:
    return " → ".join(f"{p.name} {p.version}".strip() for p in briefing.route)


def to_markdown(briefing: Briefing, digits: str = "locale") -> str:
    """Three header paragraphs (title, details, machine-translation note), then the body."""
    printed = contents(briefing, digits=digits)
    lines = [f"# {printed.title}", "", printed.details(), "", f"*{printed.note} ({_model_label(briefing)})*", ""]
    for block, text in briefing.body():
        if block.kind == HEADING:
            lines += [f"## {text}", ""]
        elif block.kind == QUOTE:
            lines += [f"> {text}", ""]
        else:
            lines += [text, ""]
    return "\n".join(lines).rstrip() + "\n"


def to_json(briefing: Briefing) -> dict:
    doc = briefing.document
    return {
        "briefing_version": __version__,
        "source": str(doc.path),
        "source_lang": briefing.source_lang,
        "target_lang": briefing.target.language,
        "target_locale": briefing.target.locale,
        "date": doc.date.isoformat() if doc.date else None,
        "title": doc.title,
        "source_url": doc.metadata.get("url"),
        "dropped": list(doc.dropped),
        "model": {
            "route": [p.describe() for p in briefing.route],
            "pair": [briefing.source_lang, briefing.target.language],
        },
        "timings": briefing.timings,
        "blocks": [
            {"kind": block.kind, "source": block.text, "target": text}
            for block, text in zip(doc.blocks, briefing.block_texts(), strict=False)
        ],
        "segments": [
            {
                "index": s.index,
                "block": s.block,
                "start": s.start,
                "end": s.end,
                "source": s.source,
                "target": s.target,
                "as_written": s.target,  # what translate wrote: `memory import` records edits of target
                "origin": s.origin,
                **({"model_input": s.model_input} if s.model_input and s.model_input != s.source else {}),
                **({"repairs": [r.to_dict() for r in s.repairs]} if s.repairs else {}),
            }
            for s in briefing.segments
        ],
    }


def to_qa(briefing: Briefing, context: dict) -> dict:
    """The design's JSON report for one briefing, with how the glossary was enforced."""
    report = briefing.qa.to_dict()
    repairs = [r for s in briefing.segments for r in s.repairs]
    report["enforcement"] = {
        **context.get("enforcement", {}),
        "repaired": sum(r.placed for r in repairs),
        "unplaced": [r.to_dict() for r in repairs if not r.placed],
    }
    report["model"] = [p.describe() for p in briefing.route]
    report["cross_language"] = context.get("cross_language", {}).get(str(briefing.document.path), [])
    report["source_dropped"] = list(briefing.document.dropped)  # what the reader left out of the source
    return report


def _html(briefing: Briefing, context: dict, embedded_fonts: bool = True) -> str:
    from briefing.output.printing import to_html

    options = context.get("print", {})
    return to_html(briefing, context["glossary"], options.get("paper", "a4"), options.get("layout", "briefing"),
                   options.get("digits", "locale"), embedded_fonts=embedded_fonts)


def _pdf(briefing: Briefing, context: dict) -> bytes:
    from briefing.output.printing import to_pdf

    return to_pdf(_html(briefing, context, embedded_fonts=False))


def _docx(briefing: Briefing, context: dict) -> bytes:
    from briefing.output.contents import contents
    from briefing.output.word import to_docx

    return to_docx(contents(briefing, context["glossary"], context.get("print", {}).get("digits", "locale")))


def _json_text(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {
    "md": lambda b, context: to_markdown(b, context.get("print", {}).get("digits", "locale")),
    "json": lambda b, context: _json_text(to_json(b)),
    "html": _html,
    "pdf": _pdf,
    "docx": _docx,
}


EDITABLE = ("md", "json", "docx")  # what reviewers edit, and what a re-run must not silently replace


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _recorded(qa_path: Path) -> dict[str, str]:
    """The digests of the files as `translate` last wrote them (kept in the QA report)."""
    try:
        written = json.loads(qa_path.read_text(encoding="utf-8")).get("written", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return written if isinstance(written, dict) else {}


def edited_outputs(briefings: list[Briefing], out_dir: Path) -> list[Path]:
    """Outputs a reviewer changed since they were written (or that no record vouches for)."""
    edited = []
    for briefing in briefings:
        recorded = _recorded(output_path(out_dir, briefing, "qa.json"))
        for fmt in EDITABLE:
            path = output_path(out_dir, briefing, fmt)
            if path.is_file() and recorded.get(path.name) != _digest(path.read_bytes()):
                edited.append(path)
    return edited


def write_briefings(briefings: list[Briefing], out_dir: Path, formats: list[str], context: dict,
                    force: bool = False) -> list[Path]:
    """Render everything first, then write each source's files together (no half-written output).

    A file a reviewer edited since it was written is never overwritten silently: without
    `force` nothing is written and the error names the files to import first; with it, each is
    kept beside as NAME.bak."""
    edited = edited_outputs(briefings, out_dir)
    if edited and not force:
        names = ", ".join(p.name for p in edited[:4]) + (" …" if len(edited) > 4 else "")
        raise BriefingError(f"{len(edited)} output(s) edited since they were written ({names}); import the "
                            "corrections first ('briefing memory import FILE'), or use --force (a .bak copy is kept)")
    if "docx" in formats and "json" not in formats:
        formats = [*formats, "json"]
    written = []
    for briefing in briefings:  # a source's files are renamed into place together
        files = []
        review = context.get("print", {}).get("layout") == "review"
        for fmt in formats:
            content = RENDERERS[fmt](briefing, context)
            suffix = f"review.{fmt}" if review and fmt in ("html", "pdf") else fmt  # never the briefing's own name
            files.append((output_path(out_dir, briefing, suffix),
                          content if isinstance(content, bytes) else content.encode("utf-8")))
        digests = {path.name: _digest(data) for path, data in files if path.name.endswith(tuple(EDITABLE))}
        qa = to_qa(briefing, context) | {"written": digests}
        files.append((output_path(out_dir, briefing, "qa.json"), _json_text(qa).encode("utf-8")))
        backups = [(path.with_name(path.name + ".bak"), path.read_bytes()) for path, _ in files if path in edited]
        try:
            atomic.write_all(backups + files)
        except OSError as err:
            raise BriefingError(f"cannot write {err.filename or out_dir}: {err.strerror or err}") from None
        written += [path for path, _ in files]
    return written
