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

from briefing import __version__
from briefing.output.bidi import direction_runs
from briefing.output.contents import Contents, Table
from briefing.output.formats import Rendering
from briefing.sources.reading import HEADING, ITEM, NUMBERED, QUOTE
from briefing.sources.word import APPENDIX_STYLE, HEADER_STYLES

HEADER_STYLE = HEADER_STYLES[1]
ARABIC_FONT = "Noto Naskh Arabic"
LATIN_FONT = "Noto Serif"


_STYLES = {HEADING: "Heading 2", QUOTE: "Quote", ITEM: "List Bullet", NUMBERED: "List Number"}  # python-docx's own

def render_docx(rendering: Rendering) -> bytes:
    return to_docx(rendering.printed)


def to_docx(printed: Contents) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    document = docx.Document()
    _set_properties(document, printed)
    _set_defaults(document, printed)
    _set_pages(document, printed)
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
    for part in printed.parts():
        if isinstance(part, Table):
            _table(document, [[("", text) for text in row] for row in part.rows], printed, aligns=part.aligns)
        else:
            paragraph(part[1], _STYLES.get(part[0].kind))
    if printed.terms:
        _appendix_heading(paragraph(printed.terms_heading, APPENDIX_STYLE))
        _table(document, [[("", name) for name in printed.terms_header], *printed.terms], printed, APPENDIX_STYLE)
    if printed.qa_heading:
        _appendix_heading(paragraph(printed.qa_heading, APPENDIX_STYLE))
        for item in printed.qa_items:
            paragraph(f"• {item}", APPENDIX_STYLE)
        for found in printed.findings:
            paragraph(f"– {found.line} — «{found.excerpt}»", APPENDIX_STYLE)
        if printed.more:
            paragraph(printed.more, APPENDIX_STYLE)
    if printed.dropped:
        paragraph(f"{printed.dropped_heading}: {'; '.join(printed.dropped)}", APPENDIX_STYLE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _appendix_heading(paragraph) -> None:
    """A heading after the body: bold, and never alone at the foot of a page."""
    paragraph.runs[0].bold = True
    paragraph.paragraph_format.keep_with_next = True


def _table(document, rows: list[list[tuple[str, str]]], printed: Contents, style: str | None = None,
           aligns: list[str] | None = None) -> None:
    """A table, the first row its header; each cell (language code, text): a code says the
    cell's direction (an English name in an Arabic table), none takes the briefing's. `aligns`:
    each column's alignment; Word mirrors left and right in a right-to-left paragraph itself."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    justified = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                 "right": WD_ALIGN_PARAGRAPH.RIGHT}
    aligns = aligns or []
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = document.styles["Table Grid"]
    if printed.rtl:  # the first column on the right, as an Arabic reader reads it
        from docx.oxml.ns import qn

        properties = table._tbl.tblPr
        properties.insert_element_before(properties.makeelement(qn("w:bidiVisual"), {}), *_AFTER_BIDI_VISUAL)
    for number, (row, cells) in enumerate(zip(table.rows, rows, strict=True)):
        for column, (cell, (code, text)) in enumerate(zip(row.cells, cells, strict=False)):
            paragraph = cell.paragraphs[0]
            if style:
                paragraph.style = style
            if column < len(aligns) and aligns[column] in justified:
                paragraph.alignment = justified[aligns[column]]
            _text_run(paragraph, text, printed, rtl=(code == "ar") if code else None, bold=number == 0)


_AFTER_BIDI_VISUAL = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
                      "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")
PAGE_SIZES_MM = {"a4": (210, 297), "letter": (215.9, 279.4)}
MARGINS_MM = (22, 18)  # top and bottom, left and right: the printed briefing's


def _set_properties(document, printed: Contents) -> None:
    """The file's properties: the briefing's title and language, made now by briefing; none of
    the template's stamps (python-docx's author, description and 2013 dates, its thumbnail, a
    Macintosh Word as the application)."""
    import datetime as dt

    from docx.opc.constants import RELATIONSHIP_TYPE

    properties = document.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    properties.title, properties.language = printed.title, printed.locale.replace("_", "-")
    properties.author = properties.last_modified_by = "briefing"
    properties.comments = properties.subject = properties.keywords = properties.category = ""
    properties.created = properties.modified = now
    properties.revision = 1
    package = document.part.package
    for key, relation in list(package.rels.items()):
        if relation.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[key]
        elif relation.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES:
            relation.target_part._blob = _APPLICATION_PROPERTIES.encode("utf-8")


_APPLICATION_PROPERTIES = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>briefing {__version__}</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _set_pages(document, printed: Contents) -> None:
    """The printed briefing's page: its paper and margins, the running header, and the page
    number in the footer in the locale's digits."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = document.sections[0]
    width, height = PAGE_SIZES_MM[printed.options.paper]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = section.bottom_margin = Mm(MARGINS_MM[0])
    section.left_margin = section.right_margin = Mm(MARGINS_MM[1])
    section.header_distance = section.footer_distance = Mm(10)
    running = section.header.paragraphs[0]
    running.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for run in _text_run(running, printed.running, printed):
        run.font.size = Pt(8.5)
    number = section.footer.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = number._p.makeelement(qn("w:fldSimple"), {qn("w:instr"): "PAGE"})
    run = field.makeelement(qn("w:r"), {})
    text = run.makeelement(qn("w:t"), {})
    text.text = printed.localizer.shape_digits("1")
    run.append(text)
    field.append(run)
    number._p.append(field)
    if printed.localizer.arabic_digits:  # Word's "hindiNumbers" are the Arabic-Indic digits
        numbering = section._sectPr.makeelement(qn("w:pgNumType"), {qn("w:fmt"): "hindiNumbers"})
        section._sectPr.insert_element_before(numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote",
                                              "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")


_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_defaults(document, printed: Contents) -> None:
    """Fonts and languages (Latin and complex script) of the styles used, and their direction,
    so that a paragraph a reviewer adds in Word is right-to-left too."""
    from docx.oxml.ns import qn

    for fonts in document.styles.element.iter(qn("w:rFonts")):  # theme fonts would win over the named ones
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for script, font in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:cs", ARABIC_FONT)):
            fonts.set(qn(script), font)
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
    document.styles["Heading 2"].paragraph_format.keep_with_next = True


def _bidi(paragraph_properties) -> None:
    from docx.oxml.ns import qn

    if paragraph_properties.find(qn("w:bidi")) is None:
        paragraph_properties.insert_element_before(paragraph_properties.makeelement(qn("w:bidi"), {}), *_AFTER_BIDI)


def _text_run(paragraph, text: str, printed: Contents, rtl: bool | None = None, bold: bool = False) -> list:
    """The text as runs of the paragraph. In right-to-left text each Latin name or figure is a
    run of its own, left to right (run-level direction, as Word writes it): the text a reader
    copies out of the file is the text, with no isolate marks in it."""
    rtl = printed.rtl if rtl is None else rtl
    if rtl:
        _bidi(paragraph._p.get_or_add_pPr())
    runs = []
    for piece, left_to_right in direction_runs(text) if rtl else [(text, False)]:
        run = paragraph.add_run(piece)
        run.bold = bold or None
        if rtl:
            run.font.rtl = not left_to_right
            run.font.complex_script = not left_to_right or None
        runs.append(run)
    return runs
