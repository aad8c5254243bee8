"""Readers of web pages, Word, OpenDocument and PDF files: the text comes out, in order, with its
headings; what is left out is said; a bad document is one clean SourceError."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.sources.reading import HEADING, SourceError, read_document, read_documents, source_kind
from tests.sources import documents

BODY = [text for kind, text in documents.ARTICLE[1:] if kind == "paragraph"]
HEADINGS = [text for kind, text in documents.ARTICLE if kind == "heading"]


def texts(document, kind=None) -> list[str]:
    return [b.text for b in document.blocks if kind is None or b.kind == kind]


def test_a_news_page_gives_the_article_alone(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(documents.news_page(), encoding="utf-8")
    document = read_document(page)
    assert document.title == HEADINGS[0] and document.date == dt.date(2025, 3, 9)
    assert document.metadata["url"] == documents.URL  # the link back to the original
    assert texts(document, HEADING) == HEADINGS
    assert [t for t in texts(document) if t not in HEADINGS] == BODY
    everything = " ".join(texts(document))
    assert not [junk for junk in documents.FURNITURE if junk in everything]
    assert any("blocks of page text" in d for d in document.dropped) and "1 image" in document.dropped


def test_a_short_page_keeps_its_heading_and_paragraphs_apart(tmp_path):
    page = tmp_path / "note.html"
    page.write_text("<html><head><title>Note</title></head><body><h1>Curfew in Baniyas</h1>"
                    "<p>A curfew was imposed in Baniyas on Sunday.</p><p>It will be reviewed on Tuesday.</p>"
                    "</body></html>", encoding="utf-8")
    document = read_document(page)
    assert texts(document) == ["Curfew in Baniyas", "A curfew was imposed in Baniyas on Sunday.",
                               "It will be reviewed on Tuesday."]
    assert document.title == "Curfew in Baniyas" and document.dropped == ()


def test_a_page_without_an_article_is_refused(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav><script>x()</script>"
                    "</body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="no article"):
        read_document(page)


def test_a_word_file_gives_headings_table_cells_and_footnotes(tmp_path):
    document = read_document(documents.word_file(tmp_path / "report.docx"))
    assert document.title == HEADINGS[0] and document.date == dt.date(2025, 3, 9)
    assert texts(document, HEADING) == HEADINGS
    body = [t for t in texts(document) if t not in HEADINGS]
    cells = [cell for row in documents.TABLE for cell in row]
    assert body == BODY[:-1] + cells + [f"{BODY[-1]} [1]", f"[1] {documents.FOOTNOTE}"]  # the anchor, numbered
    assert document.dropped == ()


def test_a_table_inside_a_table_is_read_once_as_the_text_of_its_cell(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Casualties by town.")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Coast"
    inner = outer.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Baniyas", "30"
    outer.cell(0, 1).text = "Inland"
    document.add_paragraph("Figures are provisional.")
    document.save(tmp_path / "nested.docx")
    read = read_document(tmp_path / "nested.docx")
    assert texts(read) == ["Casualties by town.", "Coast Baniyas 30", "Inland", "Figures are provisional."]
    assert [block.cell for block in read.blocks] == [None, (0, 0, 0), (0, 0, 1), None]


def test_a_non_breaking_hyphen_in_word_stays_a_hyphen(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Bashar al")
    paragraph._p.append(parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                  '<w:noBreakHyphen/><w:t>Assad left.</w:t></w:r>'))
    document.save(tmp_path / "hyphen.docx")
    assert texts(read_document(tmp_path / "hyphen.docx")) == ["Bashar al-Assad left."]


def test_tracked_changes_are_read_as_accepted_and_said_so(tmp_path):
    document = read_document(documents.word_file(tmp_path / "tracked.docx", tracked=True))
    assert "Officials said the curfew would be reviewed on Tuesday. [1]" in texts(document)
    assert "lifted" not in " ".join(texts(document))
    assert document.dropped == ("tracked changes read as accepted (1 insertion, 1 deletion)",)


def test_a_tracked_move_is_read_once_where_it_went(tmp_path):
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    paragraph = document.add_paragraph("Officials said ")
    paragraph._p.append(parse_xml(f'<w:moveFrom {w} w:id="3" w:author="r"><w:r><w:t>on Tuesday </w:t></w:r>'
                                  "</w:moveFrom>"))
    paragraph._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">the curfew ends</w:t></w:r>'))
    paragraph._p.append(parse_xml(f'<w:moveTo {w} w:id="4" w:author="r"><w:r><w:t xml:space="preserve"> on Tuesday.'
                                  "</w:t></w:r></w:moveTo>"))
    document.save(tmp_path / "moved.docx")
    assert texts(read_document(tmp_path / "moved.docx")) == ["Officials said the curfew ends on Tuesday."]


def test_an_opendocument_file_is_read(tmp_path):
    document = read_document(documents.opendocument_file(tmp_path / "report.odt"))
    assert document.title == HEADINGS[0]
    assert texts(document) == [text for _, text in documents.ARTICLE]


def test_opendocument_deletions_and_note_numbers_stay_out_of_the_text(tmp_path):
    from odf import opendocument, text

    document = opendocument.OpenDocumentText()
    changes, region, deletion = text.TrackedChanges(), text.ChangedRegion(check_grammar=False), text.Deletion()
    region.setAttrNS("http://www.w3.org/XML/1998/namespace", "id", "ct1")
    deletion.addElement(text.P(text="A sentence the reviewer deleted."))
    region.addElement(deletion)
    changes.addElement(region)
    document.text.addElement(changes)
    paragraph, body = text.P(text="Clashes near Baniyas."), text.NoteBody()
    note = text.Note(id="n1", noteclass="footnote")
    note.addElement(text.NoteCitation(text="1"))
    body.addElement(text.P(text="Source: SOHR."))
    note.addElement(body)
    paragraph.addElement(note)
    document.text.addElement(paragraph)
    document.save(str(tmp_path / "changed.odt"))
    read = read_document(tmp_path / "changed.odt")
    assert texts(read) == ["Clashes near Baniyas.", "Source: SOHR."]
    assert read.dropped == ("tracked changes read as accepted (1 change)",)


def test_a_printed_pdf_gives_paragraphs_and_headings_without_running_headers(tmp_path):
    document = read_document(documents.printed_pdf(tmp_path / "report.pdf"))
    assert document.title == HEADINGS[0] and document.date == dt.date(2025, 3, 9)
    assert texts(document, HEADING) == HEADINGS
    assert [t for t in texts(document) if t not in HEADINGS] == BODY
    assert any("running headers" in d for d in document.dropped)


def test_a_printer_drivers_title_is_no_title(tmp_path):
    import weasyprint

    path = tmp_path / "wire.pdf"
    path.write_bytes(weasyprint.HTML(string="<title>Microsoft Word - wire.docx</title><h1>Curfew in Baniyas</h1>"
                                            f"<p>{BODY[0]}</p>").write_pdf())
    assert read_document(path).title == "Curfew in Baniyas"


@pytest.mark.parametrize(("make", "message"), [
    (documents.scanned_pdf, "no text layer"),
    (documents.encrypted_pdf, "encrypted"),
    (documents.corrupt_word_file, "damaged Word file"),
])
def test_a_bad_document_is_one_clean_error(make, message, tmp_path):
    suffix = ".docx" if make is documents.corrupt_word_file else ".pdf"
    with pytest.raises(SourceError, match=message) as raised:
        read_document(make(tmp_path / f"bad{suffix}"))
    assert "\n" not in str(raised.value) and str(tmp_path) in str(raised.value)


def test_old_formats_are_refused_with_what_to_do(tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    with pytest.raises(SourceError, match="save it as .docx"):
        read_document(tmp_path / "old.doc")


@pytest.mark.parametrize(("start", "kind"), [(b"%PDF-1.7", "pdf"), (b"<!DOCTYPE html><html>", "html"),
                                             (b"PK\x03\x04", "docx"), (b"Plain words.", "text")])
def test_standard_input_is_recognised_by_its_first_bytes(start, kind):
    assert source_kind(Path("-"), start + b" rest") == kind


def test_standard_input_is_a_source(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(documents.news_page().encode("utf-8"))))
    document = read_document(Path("-"))
    assert document.name == "stdin" and document.title == HEADINGS[0]


def test_a_folder_gives_its_supported_files(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "page.html").write_text(documents.news_page(), encoding="utf-8")
    documents.word_file(folder / "report.docx")
    (folder / "notes.txt").write_text("Clashes near Baniyas.\n", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden.txt").write_text("x\n", encoding="utf-8")
    read, failures = read_documents([folder, tmp_path / "empty-folder-missing"])
    assert sorted(d.path.name for d in read) == ["notes.txt", "page.html", "report.docx"]
    assert len(failures) == 1 and "empty-folder-missing" in failures[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".docx", ".odt", ".pdf", ".html"]))
def test_any_bytes_give_a_document_or_one_clean_error(data, suffix, tmp_path):
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    try:
        read_document(path)
    except SourceError as err:
        assert "\n" not in str(err)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=1, max_value=30000), flip=st.integers(min_value=0, max_value=255))
def test_damaged_word_files_give_one_clean_error(cut, flip, tmp_path):
    """Truncated or bit-flipped .docx packages: a document or a SourceError, never a traceback."""
    good = documents.word_file(tmp_path / "good.docx").read_bytes()
    damaged = bytearray(good[: max(cut, 1)] if cut < len(good) else good)
    damaged[min(cut, len(damaged) - 1)] ^= flip
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(damaged))
    try:
        read_document(path)
    except SourceError as err:
        assert "\n" not in str(err)


WORDS = ["security", "forces", "curfew", "coast", "town", "residents", "water", "electricity", "convoy", "aid",
         "officials", "said", "reported", "overnight", "district", "province", "clashes", "killed", "civilians",
         "monitor", "observatory", "border", "crossing", "government", "council"]
sentences = st.lists(st.sampled_from(WORDS), min_size=8, max_size=16).map(lambda w: " ".join(w).capitalize() + ".")
paragraphs = st.tuples(st.lists(sentences, min_size=1, max_size=3), st.integers(2, 999)).map(
    lambda p: f"{' '.join(p[0])} {p[1]} people were counted.")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=st.lists(paragraphs, min_size=2, max_size=7, unique=True), links=st.integers(2, 8),
       comments=st.integers(0, 3))
def test_generated_pages_give_every_article_paragraph_and_no_furniture(article, links, comments, tmp_path):
    nav = "".join(f'<li><a href="/{n}">Menuword{n}</a></li>' for n in range(min(links, 3)))
    related = "".join(f'<li><a href="/r{n}">Relatedword{n} story</a></li>' for n in range(3, links))
    said = "".join(f'<div class="comment"><p>Reader{n}: Commentword{n}, great article.</p></div>'
                   for n in range(comments))
    page = tmp_path / "page.html"
    page.write_text(f"""<html><head><title>Coast | Site</title></head><body>
        <div class="cookie-banner">Cookieword: we use cookies</div><header><nav><ul>{nav}</ul></nav></header>
        <main><article><h1>Curfew on the coast</h1>{"".join(f"<p>{p}</p>" for p in article)}</article>
        <aside class="related"><h3>Related</h3><ul>{related}</ul></aside>
        <section class="comments" id="comments">{said}</section></main>
        <footer><p>Footerword, all rights reserved</p></footer></body></html>""", encoding="utf-8")
    document = read_document(page)
    assert texts(document) == ["Curfew on the coast", *article]
    assert not [w for w in ("Menuword", "Relatedword", "Commentword", "Cookieword", "Footerword")
                if w in " ".join(texts(document))]


FURNITURE_PIECES = {
    "cookies": '<div id="cookie-banner" class="cookie-consent"><p>{text}</p><button>Accept all</button></div>',
    "consent": '<section class="gdpr-notice" role="dialog"><p>{text}</p></section>',
    "comments": '<section id="comments" class="comments"><h3>Comments</h3><div class="comment"><p>{text}</p></div>'
                "</section>",
    "menus": '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/w">{text}</a></li></ul></nav></header>',
    "related": '<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">{text}</a></li></ul></aside>',
    "newsletter": '<form class="newsletter-signup"><p>{text}</p><input type="email"></form>',
    "footer": "<footer><p>{text}</p></footer>",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.tuples(st.sampled_from(sorted(FURNITURE_PIECES)), st.lists(paragraphs, min_size=1,
                                                                                     max_size=3)),
                       min_size=1, max_size=5),
       wrapper=st.sampled_from(["{}", "<main>{}</main>", '<div class="page">{}</div>', "<section>{}</section>"]))
def test_a_page_of_furniture_alone_is_refused_in_one_line(pieces, wrapper, tmp_path):
    """A cookie banner, comments, menus, newsletter forms: however long their text, however
    wrapped, a page holding nothing else gives no briefing."""
    body = "".join(FURNITURE_PIECES[kind].format(text=" ".join(text)) for kind, text in pieces)
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Site</title></head><body>{wrapper.format(body)}</body></html>",
                    encoding="utf-8")
    with pytest.raises(SourceError, match="no article found") as refused:
        read_document(page)
    assert "\n" not in str(refused.value)


def test_an_article_in_a_wrapper_named_like_furniture_is_still_read(tmp_path):
    article = [f"{paragraph} The monitor said {n} people were killed." for n, paragraph in
               enumerate([" ".join(WORDS[:12]).capitalize() + ".", " ".join(WORDS[8:20]).capitalize() + "."], 3)]
    page = tmp_path / "page.html"
    page.write_text(f"""<html><body><div class="layout with-sidebar has-comments">
        <div class="content"><h1>Curfew on the coast</h1>{"".join(f"<p>{p}</p>" for p in article)}</div>
        <div class="sidebar"><p>Most read today</p></div></div></body></html>""", encoding="utf-8")
    assert texts(read_document(page)) == ["Curfew on the coast", *article]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=st.lists(paragraphs, min_size=1, max_size=12, unique=True))
def test_generated_pdfs_give_back_their_paragraphs(article, tmp_path):
    """Paragraphs of any length, across page breaks, come back from a printed PDF with no sentence
    cut in two (one split by a page break between two sentences may come back as two paragraphs:
    the PDF does not say which it was)."""
    import weasyprint

    path = tmp_path / "printed.pdf"
    path.write_bytes(weasyprint.HTML(string="<style>@page { size: A6; @bottom-center { content: counter(page); } }"
                                            "</style><h1>Curfew on the coast</h1>"
                                            + "".join(f"<p>{p}</p>" for p in article)).write_pdf())
    got = texts(read_document(path))
    assert got[0] == "Curfew on the coast" and " ".join(got[1:]) == " ".join(article)
    assert all(text.endswith(".") for text in got[1:])


def test_a_justified_narrow_column_gives_back_whole_paragraphs(tmp_path):
    """Justified text stretches its spaces, and pdfminer cuts a line at a wide one ("concluded
    ⟶ Aid"): the pieces are one line again, not paragraphs of their own."""
    import weasyprint

    words = ["Aid", "convoys", "reached", "the", "coastal", "towns", "of", "Baniyas", "and", "Jableh", "after",
             "internationally", "coordinated", "negotiations", "concluded"]
    article = [" ".join(words[n:] + words[:n]) + "." for n in range(4)]
    path = tmp_path / "justified.pdf"
    path.write_bytes(weasyprint.HTML(string='<div style="width: 150px; text-align: justify">'
                                            + "".join(f"<p>{p}</p>" for p in article) + "</div>").write_pdf())
    assert texts(read_document(path)) == article


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.one_of(paragraphs.map(lambda p: ("p", p)), sentences.map(lambda s: ("h", s[:-1])),
                                st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(lambda c: ("t", c))),
                      min_size=1, max_size=10))
def test_generated_word_files_give_back_their_text_in_order(parts, tmp_path):
    import docx

    document, expected = docx.Document(), []
    for kind, content in parts:
        if kind == "t":
            table = document.add_table(rows=1, cols=len(content))
            for cell, word in zip(table.rows[0].cells, content, strict=True):
                cell.text = word
            expected += content
        else:
            document.add_heading(content, level=2) if kind == "h" else document.add_paragraph(content)
            expected.append(content)
    document.save(tmp_path / "generated.docx")
    assert texts(read_document(tmp_path / "generated.docx")) == expected


HYPHENATED = [("al-", "Mukhtariya"), ("Abu-", "Ali"), ("well-", "known"), ("Ras al-", "Ain"), ("self-", "Defence"),
              ("ash-", "Sheikh"), ("pro-", "government")]


@pytest.mark.parametrize("before, after", HYPHENATED)
def test_a_word_hyphenated_at_a_pdf_line_end_is_joined_without_a_space(tmp_path, before, after):
    """Whatever the case of the next letter: "al-" + "Mukhtariya" is "al-Mukhtariya"; a spaced dash stays spaced."""
    import weasyprint

    page = (f"<p>Residents of {before}<br>{after} said the convoy arrived -<br>then left on Friday.</p>"
            "<p>The roads were closed.</p>")
    path = tmp_path / "hyphen.pdf"
    path.write_bytes(weasyprint.HTML(string=page).write_pdf())
    text = " ".join(block.text for block in read_document(path).blocks)
    assert f"{before}{after}" in text, text
    assert "arrived - then" in text, text


@pytest.mark.parametrize("stale", ["Draft 3 – do not circulate", "Coast report (old)", "Template title"])
@pytest.mark.parametrize("style", ["Heading 1", "Title"])
def test_a_word_files_own_first_heading_wins_over_its_properties_title(tmp_path, stale, style):
    import docx

    document = docx.Document()
    document.core_properties.title = stale
    document.add_paragraph("Clashes on the Syrian coast", style=style)
    document.add_paragraph("Residents fled Baniyas on Friday.")
    path = tmp_path / "report.docx"
    document.save(path)
    read = read_document(path)
    assert read.title == "Clashes on the Syrian coast"
    assert stale not in " ".join(block.text for block in read.blocks)
    untitled = docx.Document()
    untitled.core_properties.title = "Clashes on the Syrian coast"
    untitled.add_paragraph("Residents fled Baniyas on Friday.")
    untitled.save(tmp_path / "untitled.docx")
    assert read_document(tmp_path / "untitled.docx").title == "Clashes on the Syrian coast"  # no heading: it stands


FURNITURE = {
    "nav": "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/politics'>Politics</a></nav>",
    "sidebar": "<aside><h3>Most read</h3><ul><li><a href='/a'>Markets reopen after the holiday</a></li>"
               "<li><a href='/b'>Storms expected along the coast</a></li></ul></aside>",
    "footer": "<footer><p>© 2019 Example News. All rights reserved. Contact us at news@example.com. Privacy policy. "
              "Terms of use. Advertise with us. Follow us on every network.</p></footer>",
    "header": "<header><p>Example News — independent reporting since 1998. Subscribe for the morning briefing.</p>"
              "</header>",
}


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(parts=st.lists(st.sampled_from(sorted(FURNITURE)), min_size=2, max_size=4, unique=True))
def test_a_page_of_furniture_only_is_refused_not_translated(tmp_path_factory, parts):
    page = tmp_path_factory.mktemp("furniture") / "page.html"
    page.write_text("<html><head><title>Example News</title></head><body>"
                    + "".join(FURNITURE[part] for part in parts) + "</body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="no article found"):
        read_document(page)
    article = ("<article><h1>Clashes on the coast</h1><p>Residents of Jableh said twelve people were killed as "
               "gunmen moved through the town and the roads to Baniyas were closed on Friday morning.</p></article>")
    page.write_text("<html><body>" + "".join(FURNITURE[part] for part in parts) + article + "</body></html>",
                    encoding="utf-8")
    assert [b.text for b in read_document(page).blocks][0] == "Clashes on the coast"


CAPTIONS = ["A street in Jableh, photographed on 3 March 2025.", "Smoke rises over Baniyas. (Reuters)",
            "Families wait at the crossing near Latakia."]
BYLINES = [("<p class='byline'>By Sam Writer, in Beirut</p>", "By Sam Writer, in Beirut"),
           ("<address>Reporting by Lina Haddad</address>", "Reporting by Lina Haddad"),
           ("<span rel='author'>Jo Reporter</span>", "Jo Reporter")]


@pytest.mark.parametrize("caption", CAPTIONS)
@pytest.mark.parametrize("byline, byline_text", BYLINES)
def test_a_caption_and_a_byline_left_out_are_shown_with_their_words(installed_models, tmp_path, caption, byline,
                                                                    byline_text):
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><body><article><h1>Clashes on the coast</h1>{byline}<p>Residents of Jableh said twelve people were "
        "killed as gunmen moved through the town and the roads to Baniyas were closed on Friday morning.</p>"
        f"<figure><img src='x.jpg'><figcaption>{caption}</figcaption></figure><p>The monitor said the death toll "
        "could rise further as families searched for relatives missing since the clashes began.</p></article>"
        "</body></html>", encoding="utf-8")
    dropped = read_document(page).dropped
    assert f"photo caption: “{caption}”" in dropped
    assert f"byline: “{byline_text}”" in dropped
    from tests.conftest import run_briefing

    result = run_briefing("translate", str(page), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory", "-q",
                          "--format", "html")
    assert result.returncode == 0, result.stderr
    import html

    shown = html.unescape((tmp_path / "out" / "page.fr.html").read_text(encoding="utf-8"))
    assert f"légende de photo : “{caption}”" in shown


ITEMS = ["release of the detainees held since March", "reopening of the roads to Baniyas",
         "water and electricity for Jableh", "an inquiry into the killings"]
STEPS = ["a ceasefire along the coast", "talks in Latakia next week", "a return of the displaced families"]


def list_source(tmp_path, kind: str, bullets: list[str], numbered: list[str]):
    intro, outro = "The council set out its demands on Friday.", "The monitor said talks would resume."
    if kind == "md":
        path = tmp_path / "list.md"
        path.write_text(f"# Demands\n\n{intro}\n\n" + "".join(f"- {t}\n" for t in bullets) + "\n"
                        + "".join(f"{n}. {t}\n" for n, t in enumerate(numbered, 1)) + f"\n{outro}\n", encoding="utf-8")
    elif kind == "html":
        path = tmp_path / "list.html"
        path.write_text(f"<html><body><article><h1>Demands</h1><p>{intro} Residents of Jableh said twelve people "
                        "were killed as gunmen moved through the town.</p><ul>"
                        + "".join(f"<li>{t}</li>" for t in bullets) + "</ul><ol>"
                        + "".join(f"<li>{t}</li>" for t in numbered) + f"</ol><p>{outro}</p></article></body></html>",
                        encoding="utf-8")
    else:
        import docx

        document = docx.Document()
        document.add_paragraph("Demands", style="Heading 1")
        document.add_paragraph(intro)
        for text in bullets:
            document.add_paragraph(text, style="List Bullet")
        for text in numbered:
            document.add_paragraph(text, style="List Number")
        document.add_paragraph(outro)
        path = tmp_path / "list.docx"
        document.save(path)
    return path


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(kind=st.sampled_from(["md", "html", "docx"]), bullets=st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3,
                                                                      unique=True),
       numbered=st.lists(st.sampled_from(STEPS), min_size=1, max_size=3, unique=True))
def test_lists_keep_their_items_through_reading_and_every_briefing(installed_models, tmp_path_factory, kind,
                                                                   bullets, numbered):
    import docx

    from tests.conftest import run_briefing

    folder = tmp_path_factory.mktemp("lists")
    path = list_source(folder, kind, bullets, numbered)
    blocks = read_document(path).blocks
    assert [b.text for b in blocks if b.kind == "item"] == bullets
    assert [b.text for b in blocks if b.kind == "numbered"] == numbered
    result = run_briefing("translate", str(path), "--to", "fr", "--out", str(folder / "out"), "--no-memory", "-q",
                          "--format", "md", "--format", "html", "--format", "docx")
    assert result.returncode == 0, result.stderr
    lines = (folder / "out" / "list.fr.md").read_text(encoding="utf-8").splitlines()  # names take their French forms
    assert sum(line.startswith("- ") for line in lines) == len(bullets)
    assert sum(line.startswith("1. ") for line in lines) == len(numbered)
    page = (folder / "out" / "list.fr.html").read_text(encoding="utf-8")
    body = page[page.index("<h1"):page.index("</ol>") + 5]  # the briefing's text, before key terms and QA
    assert body.count("<ul>") == 1 and body.count("<ol>") == 1 and body.count("<li>") == len(bullets) + len(numbered)
    styles = [p.style.name for p in docx.Document(folder / "out" / "list.fr.docx").paragraphs]
    assert styles.count("List Bullet") == len(bullets) and styles.count("List Number") == len(numbered)
    again = read_document(folder / "out" / "list.fr.md").blocks  # the Markdown briefing reads back as lists
    assert [b.kind for b in again].count("item") == len(bullets)
    assert [b.kind for b in again].count("numbered") == len(numbered)


@pytest.mark.parametrize("ids", [["1"], ["5", "2"], ["3", "1", "2"], ["7", "7"]])
def test_word_footnote_anchors_are_numbered_and_the_notes_follow_in_that_order(tmp_path, ids):
    """Word numbers notes in the order their anchors appear, whatever their ids: "[2]" in the text
    and "[2] …" among the notes, never an anchor lost and the notes unnumbered."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    document.add_heading("Clashes on the coast", level=1)
    for number, note_id in enumerate(ids):
        paragraph = document.add_paragraph(f"Residents of Jableh gave account number {number + 1} of the clashes.")
        paragraph._p.append(parse_xml(f'<w:r xmlns:w="{w}"><w:footnoteReference w:id="{note_id}"/></w:r>'))
    notes = "".join(f'<w:footnote w:id="{note_id}"><w:p><w:r><w:t>Note with id {note_id}.</w:t></w:r></w:p>'
                    "</w:footnote>" for note_id in sorted(set(ids), key=int))
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                f'<w:footnotes xmlns:w="{w}">{notes}</w:footnotes>'.encode(), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    document.save(tmp_path / "notes.docx")
    texts = [block.text for block in read_document(tmp_path / "notes.docx").blocks]
    order = list(dict.fromkeys(ids))
    anchors = [int(text.rsplit("[", 1)[1].rstrip("]")) for text in texts if text.startswith("Residents")]
    assert anchors == [order.index(note_id) + 1 for note_id in ids]
    assert [text for text in texts if text.startswith("[")] == [f"[{n}] Note with id {note_id}."
                                                               for n, note_id in enumerate(order, start=1)]
