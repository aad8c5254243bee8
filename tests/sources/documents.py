"""Source documents built for the tests: a news page with its furniture, Word and OpenDocument
files with headings, a table and a footnote, text and image-only PDFs, and damaged ones."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ARTICLE = [
    ("heading", "Clashes erupt near Baniyas as curfew imposed"),
    ("paragraph", "Security forces imposed a curfew in Baniyas on Sunday after clashes that the Syrian Observatory "
                  "for Human Rights said killed 42 people, including 12 civilians."),
    ("paragraph", "Residents of Jableh reported gunfire overnight, and the electricity supply was cut in several "
                  "districts of Latakia province."),
    ("heading", "Aid convoys held up"),
    ("paragraph", "The United Nations said 3 aid convoys carrying 1,200 food baskets were waiting at checkpoints "
                  "near Tartus."),
    ("paragraph", "Officials said the curfew would be reviewed on Tuesday."),
]
URL = "https://levant-monitor.example/2025/03/09/clashes-baniyas"
FURNITURE = ["We use cookies to improve your experience", "Ten things to know about the coast",
             "praying for everyone", "All rights reserved", "do not translate me", "Sport"]


def news_page() -> str:
    body = "".join(f"<h2>{text}</h2>" if kind == "heading" else f"<p>{text}</p>" for kind, text in ARTICLE[1:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Clashes on the coast | Levant Monitor</title>
<meta property="og:title" content="{ARTICLE[0][1]}">
<meta property="article:published_time" content="2025-03-09T08:30:00Z">
<link rel="canonical" href="{URL}">
<script>var tracking = "do not translate me";</script></head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. Accept all?</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<main><article><h1>{ARTICLE[0][1]}</h1>
<p class="byline">By Staff Reporter · <time datetime="2025-03-09">March 9, 2025</time></p>
{body}
<figure><img src="photo.jpg" alt="Smoke over the city"><figcaption>Smoke rises over the city.</figcaption></figure>
</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ten things to know about the coast</a></li>
<li><a href="/b">Opinion: what comes next</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>User123: This is terrible news, praying for everyone.</p></div></section></main>
<footer><p>© 2025 Levant Monitor. All rights reserved.</p></footer>
</body></html>
"""


FOOTNOTE = "Figures from the Syrian Observatory for Human Rights, 9 March 2025."
TABLE = [("Town", "Killed"), ("Baniyas", "30"), ("Jableh", "12")]
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def word_file(path: Path, tracked: bool = False) -> Path:
    """A .docx with a title, a date line, headings (by style), paragraphs, a table and a footnote;
    with `tracked`, a tracked insertion and deletion in the last paragraph."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    document = docx.Document()
    document.core_properties.title = ARTICLE[0][1]
    document.add_heading(ARTICLE[0][1], level=1)
    document.add_paragraph("March 9, 2025")
    for kind, text in ARTICLE[1:-1]:
        if kind == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    table = document.add_table(rows=len(TABLE), cols=2)
    for row, cells in zip(table.rows, TABLE, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    last = document.add_paragraph(ARTICLE[-1][1] if not tracked else "Officials said the curfew would be ")
    if tracked:
        last._p.append(parse_xml(f'<w:ins xmlns:w="{_W}" w:id="1" w:author="desk" w:date="2025-03-09T00:00:00Z">'
                                 '<w:r><w:t>reviewed</w:t></w:r></w:ins>'))
        last._p.append(parse_xml(f'<w:del xmlns:w="{_W}" w:id="2" w:author="desk" w:date="2025-03-09T00:00:00Z">'
                                 '<w:r><w:delText>lifted</w:delText></w:r></w:del>'))
        last._p.append(parse_xml(f'<w:r xmlns:w="{_W}"><w:t xml:space="preserve"> on Tuesday.</w:t></w:r>'))
    last._p.append(parse_xml(f'<w:r xmlns:w="{_W}"><w:footnoteReference w:id="1"/></w:r>'))
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
             f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{FOOTNOTE}</w:t></w:r></w:p></w:footnote>'
             "</w:footnotes>").encode()
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml", notes,
                document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(path)
    return path


def opendocument_file(path: Path) -> Path:
    from odf import dc, opendocument, text

    document = opendocument.OpenDocumentText()
    document.meta.addElement(dc.Title(text=ARTICLE[0][1]))
    for kind, content in ARTICLE:
        element = text.H(outlinelevel=2) if kind == "heading" else text.P()
        element.addText(content)
        document.text.addElement(element)
    document.save(str(path))
    return path


def printed_pdf(path: Path) -> Path:
    """A text PDF as a desk prints one: two pages, a running header and page numbers."""
    import weasyprint

    body = "".join(f"<h2>{text}</h2>" if kind == "heading" else f"<p>{text}</p>" for kind, text in ARTICLE[1:-1])
    page = f"""<html><head><title>{ARTICLE[0][1]}</title><style>
        @page {{ size: A5; @top-center {{ content: "Levant Monitor"; }} @bottom-center {{ content: counter(page); }} }}
        h1 {{ font-size: 20pt; }} h2 {{ font-size: 15pt; }} p {{ font-size: 10pt; }}</style></head>
        <body><h1>{ARTICLE[0][1]}</h1><p>March 9, 2025</p>{body}<p style="page-break-before: always">
        {ARTICLE[-1][1]}</p></body></html>"""
    path.write_bytes(weasyprint.HTML(string=page).write_pdf())
    return path


def scanned_pdf(path: Path) -> Path:
    """An image-only PDF, as a scanner writes one: pictures of pages, no text."""
    import base64

    import weasyprint
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(picture, "PNG")
    source = "data:image/png;base64," + base64.b64encode(picture.getvalue()).decode()
    path.write_bytes(weasyprint.HTML(string=f'<img src="{source}" style="width: 100%">').write_pdf())
    return path


def encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = printed_pdf(path.with_name("plain-" + path.name))
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as stream:
        writer.write(stream)
    plain.unlink()
    return path


def corrupt_word_file(path: Path) -> Path:
    """A .docx whose zip holds a document part that is not XML."""
    good = word_file(path.with_name("good-" + path.name))
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document>\x00 broken" if item.filename == "word/document.xml" else data)
    good.unlink()
    return path
