"""Briefings as Word files (.docx), for reviewers who correct in Word and send the file back.

The same contents as the printed briefing. Arabic paragraphs are right-to-left (w:bidi), their
runs marked complex-script right-to-left (w:rtl) in a Naskh face with the Arabic language set, so
that Word and LibreOffice shape and order them properly; French keeps its typographic spaces
as written. The body's paragraphs use Word's own Title / Heading 2 / Normal / Quote styles,
and everything after the body (key terms, QA box) the style APPENDIX_STYLE, which is how
`memory import` knows where the reviewer's text ends.
"""

from __future__ import annotations

import io
import re

from briefing.output.contents import Contents
from briefing.sources.reading import HEADING, QUOTE
from briefing.sources.word import APPENDIX_STYLE, HEADER_STYLES

HEADER_STYLE = HEADER_STYLES[1]
ARABIC_FONT = "Noto Naskh Arabic"
LATIN_FONT = "Noto Serif"


def to_docx(printed: Contents) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.language = printed.title, printed.locale.replace("_", "-")
    properties.author = properties.last_modified_by = "briefing"
    _set_defaults(document, printed)
    appendix = document.styles.add_style(APPENDIX_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    appendix.base_style, appendix.font.size = document.styles["Normal"], Pt(9.5)
    header = document.styles.add_style(HEADER_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    header.base_style, header.font.size = document.styles["Normal"], Pt(9.5)

    def paragraph(text: str, style: str | None = None):
        added = document.add_paragraph(style=style)
        _text_run(added, text, printed)
        return added

    paragraph(printed.title, "Title")
    paragraph(printed.details(), HEADER_STYLE)
    paragraph(printed.note, HEADER_STYLE).runs[0].italic = True
    for block, text in printed.body:
        paragraph(text, "Heading 2" if block.kind == HEADING else "Quote" if block.kind == QUOTE else None)
    if printed.terms:
        paragraph(printed.terms_heading, APPENDIX_STYLE).runs[0].bold = True
        table = document.add_table(rows=1 + len(printed.terms), cols=len(printed.terms_header))
        table.style = document.styles["Table Grid"]
        for cell, name in zip(table.rows[0].cells, printed.terms_header, strict=True):
            _cell(cell, name, printed, bold=True)
        for row, cells in zip(table.rows[1:], printed.terms, strict=True):
            for cell, (code, form) in zip(row.cells, cells, strict=True):
                _cell(cell, form, printed, rtl=(code == "ar") if code else printed.rtl)
    if printed.qa_heading:
        paragraph(printed.qa_heading, APPENDIX_STYLE).runs[0].bold = True
        for item in printed.qa_items:
            paragraph(f"• {item}", APPENDIX_STYLE)
        for found in printed.findings:
            paragraph(f"– {isolated(found.line, printed.rtl)} — «{isolated(found.excerpt, printed.rtl)}»",
                      APPENDIX_STYLE)
        if printed.more:
            paragraph(printed.more, APPENDIX_STYLE)
    if printed.dropped:
        paragraph(f"{printed.dropped_heading}: {'; '.join(printed.dropped)}", APPENDIX_STYLE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


_LATIN_RUN = re.compile(r"[0-9A-Za-zÀ-ÿ][0-9A-Za-zÀ-ÿ _.,:/%'’()\u202f-]*[0-9A-Za-zÀ-ÿ%)]|[0-9A-Za-zÀ-ÿ]")


def isolated(text: str, rtl: bool) -> str:
    """In right-to-left text, Latin names and figures between Unicode isolates (LRI … PDI), so
    that the bidi algorithm never reorders them with the Arabic around."""
    return _LATIN_RUN.sub(lambda m: f"\u2066{m.group()}\u2069", text) if rtl else text


def _set_defaults(document, printed: Contents) -> None:
    """Fonts and languages (Latin and complex script) of the styles used, and their direction,
    so that a paragraph a reviewer adds in Word is right-to-left too."""
    from docx.oxml.ns import qn

    for name in ("Normal", "Title", "Heading 2", "Quote"):
        style = document.styles[name]
        properties = style.element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        for script, font in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:cs", ARABIC_FONT)):
            fonts.set(qn(script), font)
        language = properties.find(qn("w:lang"))
        if language is None:
            language = properties.makeelement(qn("w:lang"), {})
            properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
        language.set(qn("w:val"), "fr-FR" if printed.lang == "fr" else "en-US")
        language.set(qn("w:bidi"), "ar-SA")
        if printed.rtl:
            _bidi(style.element.get_or_add_pPr())
            style.font.rtl = True


def _bidi(paragraph_properties) -> None:
    from docx.oxml.ns import qn

    if paragraph_properties.find(qn("w:bidi")) is None:
        paragraph_properties.insert_element_before(paragraph_properties.makeelement(qn("w:bidi"), {}), *_AFTER_BIDI)


def _text_run(paragraph, text: str, printed: Contents, rtl: bool | None = None, bold: bool = False):
    rtl = printed.rtl if rtl is None else rtl
    run = paragraph.add_run(text)
    run.bold = bold or None
    if rtl:
        _bidi(paragraph._p.get_or_add_pPr())
        run.font.rtl = run.font.complex_script = True
    return run


def _cell(cell, text: str, printed: Contents, rtl: bool | None = None, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = APPENDIX_STYLE
    _text_run(paragraph, text, printed, rtl, bold)
