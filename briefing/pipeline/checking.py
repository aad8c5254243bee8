"""`check`: the QA of any translation against its source, as a function over files or bytes
(what the command line, a server's upload and a review page call). No model is needed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.glossary.model import Glossary
from briefing.languages import parse_language
from briefing.pipeline.settings import for_call
from briefing.quality.checking import Report, check_documents, check_pairs, line_aligned
from briefing.settings import Settings


@dataclass(frozen=True)
class Material:
    """A text to check: a file, or bytes with the name they would have as one (the suffix says
    how they are read: .txt, .md, .docx, .pdf, a briefing that `translate` wrote)."""

    name: Path
    data: bytes | None = None

    def read(self) -> bytes:
        from briefing.sources.reading import read_limited

        return read_limited(self.name) if self.data is None else self.data


@dataclass(frozen=True)
class CheckRequest:
    source: Path | Material
    translation: Path | Material
    target_lang: str  # a language or a locale (its regional glossary forms, where there are some)
    source_lang: str = "en"
    glossary_paths: Sequence[Path] = ()  # none: the settings' glossary
    glossary: Glossary | None = None  # one already loaded (a server's), instead of the paths
    debug: bool = False  # a check that fails on a segment raises instead of being reported
    settings: Settings | None = None  # none: the face's, else this process's environment


def check(request: CheckRequest) -> Report:
    """Line-aligned plain texts are checked line by line; anything else is aligned by paragraph,
    then by sentence, with figures and glossary names as anchors."""
    with for_call(request.settings):
        return _check(request)


def _check(request: CheckRequest) -> Report:
    from briefing.sources.reading import parse_document

    source, translation = (side if isinstance(side, Material) else Material(Path(side))
                           for side in (request.source, request.translation))
    source_code = parse_language(request.source_lang).language
    target_code = parse_language(request.target_lang).locale
    glossary = request.glossary if request.glossary is not None else _glossary(request.glossary_paths)
    contents = (source.read(), translation.read())
    pairs = line_aligned(source.name, translation.name, contents)
    if pairs is not None:
        return check_pairs(pairs, glossary, source_code, target_code, request.debug)
    return check_documents(parse_document(source.name, contents[0]), parse_document(translation.name, contents[1]),
                           glossary, source_code, target_code, request.debug)


def _glossary(paths: Sequence[Path]) -> Glossary:
    from briefing.glossary.files import load

    return load(paths)
