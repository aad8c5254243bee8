"""Hostile documents made to measure: reference loops, decompression bombs, absurd nesting.
Shared by the hostile tests and tests/benchmarks/bounded_cost.py."""

from __future__ import annotations

import io
import zipfile
import zlib

PAGE_TEXT = b"BT /F1 12 Tf 72 720 Td (Clashes in Baniyas left 12 dead.) Tj ET"


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 is the catalog) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


def _page_pdf(contents: bytes, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>") -> bytes:
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        contents,
        font,
    ])


def plain_pdf() -> bytes:
    """One page of text, the control: it reads."""
    return _page_pdf(b"<< /Length %d >>\nstream\n" % len(PAGE_TEXT) + PAGE_TEXT + b"\nendstream")


def length_loop_pdf(cycle: int = 2) -> bytes:
    """A content stream whose /Length is a reference that refers, through `cycle` objects, back
    to itself."""
    chain = [b"%d 0 R" % (7 + (i + 1) % cycle) for i in range(cycle)]  # objects 7.. refer round
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length 7 0 R >>\nstream\n" + PAGE_TEXT + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"null",
        *chain,
    ])


def flate_bomb_pdf(megabytes: int = 1024) -> bytes:
    """A content stream of a few hundred KB that inflates to `megabytes` of text operators."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    body = b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()
    return _page_pdf(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream")


def font_widths_bomb_pdf(glyphs: int = 10**8) -> bytes:
    """A composite font whose /W array claims widths for `glyphs` glyphs in a dozen bytes."""
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Evil /Encoding /Identity-H /DescendantFonts [<< "
            b"/Type /Font /Subtype /CIDFontType2 /BaseFont /Evil /CIDSystemInfo << /Registry (Adobe) "
            b"/Ordering (Identity) /Supplement 0 >> /W [0 %d 500] >>] >>" % glyphs)
    text = b"BT /F1 12 Tf 72 720 Td <0041> Tj ET"
    return _page_pdf(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream", font)


def _zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


_DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
               b'2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
               b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
               b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
               b'main+xml"/></Types>')
_DOCX_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(paragraphs_xml: bytes, doctype: bytes = b"") -> bytes:
    document = (b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + b"<w:document " + _W + b"><w:body>"
                + paragraphs_xml + b"</w:body></w:document>")
    return _zipped({"[Content_Types].xml": _DOCX_TYPES, "_rels/.rels": _DOCX_RELS, "word/document.xml": document})


def docx_bomb(megabytes: int = 1024) -> bytes:
    """A Word file whose document part inflates to `megabytes` (a run of one repeated word)."""
    return docx(b"<w:p><w:r><w:t>" + b"boom " * (megabytes * (1 << 20) // 5) + b"</w:t></w:r></w:p>")


_ODT_MANIFEST = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                 b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                 b'"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                 b'manifest:media-type="text/xml"/></manifest:manifest>')


def odt(body_xml: bytes) -> bytes:
    content = (b'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               b'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               b'office:version="1.2"><office:body><office:text>' + body_xml +
               b"</office:text></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", _ODT_MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def odt_nested_sections(depth: int) -> bytes:
    """A paragraph inside `depth` nested sections."""
    opening = b"".join(b'<text:section text:name="s%d">' % i for i in range(depth))
    return odt(opening + b"<text:p>Clashes in Baniyas left 12 dead.</text:p>" + b"</text:section>" * depth)


def odt_bomb(megabytes: int = 1024) -> bytes:
    return odt(b"<text:p>" + b"boom " * (megabytes * (1 << 20) // 5) + b"</text:p>")


ARTICLE = ("<h1>Clashes on the coast</h1>" + "".join(
    f"<p>Paragraph {i}: clashes in Baniyas and Jableh left {i + 10} people dead, residents said on Sunday.</p>"
    for i in range(6)))


def html_unclosed_divs(depth: int) -> bytes:
    """An article after `depth` <div> that are never closed."""
    return (f"<!doctype html><html><head><title>Coast</title></head><body>{'<div>' * depth}"
            f"<article>{ARTICLE}</article></body></html>").encode()
