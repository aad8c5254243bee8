"""Printed briefings: standalone HTML with print CSS, and PDF through WeasyPrint.

Arabic pages are `dir=rtl` in a Naskh face (Noto Naskh Arabic ships with briefing under the OFL);
figures, dates and Latin names are isolated in <bdi> so the bidi algorithm never reorders them.
Each page has a running header and its number in the locale's digits; the last page holds the
key terms of the briefing (English | French | Arabic) and the QA box.
"""

from __future__ import annotations

import base64
import functools
import html
import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from briefing.output.bidi import isolate_runs
from briefing.output.contents import Contents, Table
from briefing.output.formats import Rendering
from briefing.sources.document import HEADING, ITEM, NUMBERED, QUOTE

PAGE_SIZES = {"a4": "A4", "letter": "letter"}

_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


@functools.cache
def font_faces(embedded: bool = True) -> str:
    """@font-face rules for the bundled Arabic face: embedded as data, so that an HTML briefing
    renders the same on a colleague's machine; by file for WeasyPrint's own PDF run. A one-line
    warning if the font is missing."""
    faces = []
    for weight, name in ((400, "NotoNaskhArabic-Regular.ttf"), (700, "NotoNaskhArabic-Bold.ttf")):
        font = resources.files("briefing.output") / "fonts" / name
        if font.is_file():
            source = (f"data:font/ttf;base64,{base64.b64encode(font.read_bytes()).decode('ascii')}" if embedded
                      else Path(str(font)).as_uri())
            faces.append(f'@font-face {{ font-family: "Briefing Naskh"; font-weight: {weight}; '
                         f'src: url("{source}"); }}')
        else:
            logging.getLogger("briefing").warning("%s not found; Arabic falls back to the system fonts", name)
    return "\n".join(faces)


def _isolate(text: str) -> str:
    """Escape, and wrap Latin words and figures in <bdi> (for right-to-left pages)."""
    escaped = html.escape(text, quote=False)
    return isolate_runs(escaped, lambda run: f'<bdi dir="ltr">{run}</bdi>')


def _css(printed: Contents, title: str) -> str:
    """The style sheet after the font faces."""
    counter = "arabic-indic" if printed.localizer.arabic_digits else "decimal"
    latin = '"Noto Serif", "DejaVu Serif", serif'
    arabic = '"Briefing Naskh", "Noto Naskh Arabic", "Amiri", "DejaVu Sans", serif'
    body_font = f"{arabic}, {latin}" if printed.rtl else f"{latin}, {arabic}"
    return f"""
@page {{
  size: {PAGE_SIZES[printed.options.paper]};
  margin: 22mm 18mm 22mm 18mm;
  @top-center {{ content: "{title}"; font-family: {body_font}; font-size: 8.5pt; color: #555; }}
  @bottom-center {{ content: counter(page, {counter}); font-family: {body_font}; font-size: 9pt; }}
}}
html {{ font-family: {body_font}; font-size: 11pt; line-height: 1.55; color: #111; }}
h1 {{ font-size: 20pt; margin: 0 0 2mm; border-bottom: 2px solid #8a1c1c; padding-bottom: 2mm; }}
h2 {{ font-size: 13pt; margin: 6mm 0 1.5mm; color: #8a1c1c; page-break-after: avoid; }}
p {{ margin: 0 0 3mm; text-align: justify; }}
blockquote {{ margin: 0 8mm 3mm; font-style: italic; }}
.meta {{ color: #444; font-size: 9.5pt; }}
.note {{ font-size: 9pt; color: #8a1c1c; margin-bottom: 6mm; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9.5pt; page-break-inside: auto; }}
th, td {{ border: 0.5pt solid #999; padding: 1.2mm 2mm; vertical-align: top; text-align: start; }}
th {{ background: #eee; }}
td.ar {{ font-family: {arabic}; direction: rtl; text-align: right; }}
td.latin {{ font-family: {latin}; direction: ltr; text-align: left; }}
.qa {{ border: 1pt solid #8a1c1c; padding: 2mm 4mm; margin-top: 6mm; font-size: 9.5pt; page-break-inside: avoid; }}
.qa ul {{ margin: 0; padding-inline-start: 5mm; }}
table.review td {{ width: 48%; }}
table.review .number {{ width: 4%; color: #555; font-size: 0.85em; text-align: center; }}
table.body {{ margin: 0 0 4mm; }}
table.body tr {{ page-break-inside: avoid; }}
"""


_ALIGN_STYLES = {  # by the reading direction, so that an Arabic page mirrors the English one
    "left": ' style="text-align:start"', "center": ' style="text-align:center"', "right": ' style="text-align:end"'}


def _table(table: Table, wrap) -> str:
    """A table of the body; its columns run right to left on an Arabic page, like its text."""
    head, *rows = table.rows
    aligns = [_ALIGN_STYLES.get(align, "") for align in table.aligns]

    def cells(tag: str, row: list[str]) -> str:
        return "".join(f"<{tag}{aligns[column] if column < len(aligns) else ''}>{wrap(text)}</{tag}>"
                       for column, text in enumerate(row))

    header = cells("th", head)
    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return f'<table class="body"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'


def _key_terms(contents: Contents) -> str:
    if not contents.terms:
        return ""
    head = "".join(f"<th>{html.escape(name)}</th>" for name in contents.terms_header)
    rows = "".join("<tr>" + "".join(
        f'<td class="{"ar" if code == "ar" else "latin"}" lang="{code}">{html.escape(form)}</td>' if code
        else f"<td>{html.escape(form)}</td>" for code, form in row) + "</tr>" for row in contents.terms)
    return (f'<h2>{contents.terms_heading}</h2><table class="terms"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _qa_box(contents: Contents, wrap) -> str:
    if not contents.qa_heading:
        return ""
    details = "".join(f"<li>{wrap(found.line)} — «{wrap(found.excerpt)}»</li>" for found in contents.findings)
    if contents.more:
        details += f"<li>{wrap(contents.more)}</li>"
    listing = f'<ol class="verify">{details}</ol>' if details else ""
    dropped = (f"<p>{html.escape(contents.dropped_heading)}: {wrap('; '.join(contents.dropped))}</p>"
               if contents.dropped else "")
    return (f'<div class="qa"><h2>{contents.qa_heading}</h2><ul>'
            + "".join(f"<li>{wrap(item)}</li>" for item in contents.qa_items) + "</ul>" + listing + dropped + "</div>")


@dataclass(frozen=True)
class HtmlPage:
    """A printed briefing as one HTML document, for the .html file and for the PDF: they differ
    only in how the Arabic face is referred to (embedded, or by file)."""

    head: str
    rest: str

    def text(self, embedded_fonts: bool = True) -> str:
        """The page; the Arabic face is embedded only where the page holds Arabic script (it
        would add 480 KB to every French briefing for nothing)."""
        needed = not embedded_fonts or _ARABIC_SCRIPT.search(self.rest)
        return self.head + "\n" + (font_faces(embedded_fonts) if needed else "") + self.rest


def html_page(printed: Contents) -> HtmlPage:
    lang, rtl = printed.lang, printed.rtl
    wrap = _isolate if rtl else (lambda text: html.escape(text, quote=False))
    running = printed.running.replace('"', "'")
    parts = [
        f"<h1>{wrap(printed.title)}</h1>",
        '<p class="meta">' + " · ".join(f"<bdi>{html.escape(part)}</bdi>" for part in printed.dates) + " · "
        f'{printed.source_label} <bdi dir="ltr">{html.escape(printed.source_name)}</bdi> · '
        f"{html.escape(printed.languages)}</p>",
        f'<p class="note">{printed.note}</p>',
    ]
    if printed.options.layout == "review":
        rows = "".join(
            f'<tr><td class="number">{number}</td><td class="latin" lang="{printed.source_lang}">'
            f'{html.escape(source)}</td><td class="{"ar" if rtl else "latin"}" lang="{lang}">{wrap(target)}</td></tr>'
            for number, source, target in printed.review_rows
        )
        source_heading, translation_heading = printed.review_header
        parts.append(f'<table class="review"><thead><tr><th class="number">#</th><th>{source_heading}</th>'
                     f'<th>{translation_heading}</th></tr></thead><tbody>{rows}</tbody></table>')
    else:
        open_list = ""  # consecutive items in one <ul> or <ol>
        for part in printed.parts():
            wanted = _LISTS.get(part[0].kind, "") if not isinstance(part, Table) else ""
            if open_list and wanted != open_list:
                parts.append(f"</{open_list}>")
            if wanted and wanted != open_list:
                parts.append(f"<{wanted}>")
            open_list = wanted
            if isinstance(part, Table):
                parts.append(_table(part, wrap))
            else:
                tag = {HEADING: "h2", QUOTE: "blockquote", ITEM: "li", NUMBERED: "li"}.get(part[0].kind, "p")
                parts.append(f"<{tag}>{wrap(part[1])}</{tag}>")
        if open_list:
            parts.append(f"</{open_list}>")
    parts.append(_key_terms(printed))
    parts.append(_qa_box(printed, wrap))
    body = "\n".join(p for p in parts if p)
    head = (f'<!DOCTYPE html>\n<html lang="{printed.locale.replace("_", "-")}" dir="{"rtl" if rtl else "ltr"}">'
            f'<head><meta charset="utf-8"><title>{html.escape(running)}</title><style>')
    return HtmlPage(head, f"{_css(printed, running)}</style></head>\n<body>\n{body}\n</body></html>\n")


_LISTS = {ITEM: "ul", NUMBERED: "ol"}


def to_html(printed: Contents) -> str:
    """A standalone HTML briefing (the Arabic face embedded)."""
    return html_page(printed).text(embedded_fonts=True)


@functools.cache
def _font_config():
    """One font configuration for all documents of a run: fonts are loaded and parsed once."""
    import logging

    from weasyprint.text.fonts import FontConfiguration

    # WeasyPrint warns on stderr about fonts it substitutes; the QA box already reports what matters.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return FontConfiguration()


def render_html(rendering: Rendering) -> str:
    return _page(rendering).text(embedded_fonts=True)


def render_pdf(rendering: Rendering) -> bytes:
    return to_pdf(_page(rendering))


def _page(rendering: Rendering) -> HtmlPage:
    """The briefing's page, made once for its html and pdf."""
    return rendering.shared("html page", lambda: html_page(rendering.printed))


def to_pdf(page: HtmlPage) -> bytes:
    """Render with WeasyPrint (Pango/HarfBuzz shaping: joined Arabic letters, bidi lines)."""
    import weasyprint

    return weasyprint.HTML(string=page.text(embedded_fonts=False)).write_pdf(font_config=_font_config())
