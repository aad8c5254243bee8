"""Which reader reads which kind of document; each keeps its heavy library import inside it,
and each runs confined (bounded in memory and time) because its input is untrusted."""

import importlib
from pathlib import Path

from briefing.sources.confined import check_unpacked_size, confined
from briefing.sources.document import Document
from briefing.sources.opendocument import read_odt
from briefing.sources.pdf import read_pdf
from briefing.sources.web import read_html
from briefing.sources.word import read_docx

READERS = {"html": read_html, "docx": read_docx, "odt": read_odt, "pdf": read_pdf}
# imported before the reader's process is forked, so that each document does not import them again
_LIBRARIES = {"html": ("lxml.html", "trafilatura"), "docx": ("docx",), "odt": ("odf.opendocument",),
              "pdf": ("pdfminer.pdfinterp", "pdfminer.converter", "pdfminer.layout")}


def read_structured(kind: str, data: bytes, path: Path) -> Document:
    """A document of `kind` (html, docx, odt or pdf) read in a bounded child process."""
    _prepare(kind, data, path)
    return confined(READERS[kind], path, data)


def word_briefing_body(data: bytes, path: Path) -> tuple[list[str], str]:
    """The body paragraphs of a returned Word briefing and its tracked-changes note, read confined."""
    from briefing.sources.word import briefing_body

    _prepare("docx", data, path)
    return confined(briefing_body, path, data)


def _prepare(kind: str, data: bytes, path: Path) -> None:
    """What is done before the reader's process is forked: a zip's claimed sizes checked, the
    parser's libraries imported (once for the run, not once per document)."""
    if kind in ("docx", "odt"):
        check_unpacked_size(data, path)
    for library in _LIBRARIES[kind]:
        importlib.import_module(library)
