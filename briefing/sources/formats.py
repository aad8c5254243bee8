"""Which reader reads which kind of document; each keeps its heavy library import inside it."""

from briefing.sources.opendocument import read_odt
from briefing.sources.pdf import read_pdf
from briefing.sources.web import read_html
from briefing.sources.word import read_docx

READERS = {"html": read_html, "docx": read_docx, "odt": read_odt, "pdf": read_pdf}
