"""Documents built to hang or exhaust the reader: every one is refused in one line within the
bounds of memory and time, and the good sources of the same run are still translated."""

import os
import re
import resource
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.sources.confined import confined
from briefing.sources.document import SourceError
from briefing.sources.reading import read_document
from tests.conftest import SEEDS, run_briefing
from tests.hostile import forge
from tests.hostile.test_hostile import one_line_error

FEW = settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def tight(monkeypatch):
    """Small bounds, so that each case is refused quickly."""
    monkeypatch.setenv("BRIEFING_READ_TIMEOUT", "2")
    monkeypatch.setenv("BRIEFING_MAX_READ_MB", "64")


def refused(path, data, expected):
    path.write_bytes(data)
    started = time.monotonic()
    with pytest.raises(SourceError, match=expected) as caught:
        read_document(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)
    return time.monotonic() - started


def test_a_plain_pdf_reads_in_its_bounded_reader(tmp_path, tight):
    path = tmp_path / "plain.pdf"
    path.write_bytes(forge.plain_pdf())
    assert [b.text for b in read_document(path).blocks] == ["Clashes in Baniyas left 12 dead."]


@FEW
@given(cycle=st.integers(1, 40))
def test_a_stream_length_that_refers_back_to_itself_is_refused_in_time(tmp_path_factory, cycle):
    os.environ["BRIEFING_READ_TIMEOUT"] = "1"
    try:
        seconds = refused(tmp_path_factory.mktemp("loop") / "loop.pdf", forge.length_loop_pdf(cycle),
                          "took longer than 1 s to read")
    finally:
        del os.environ["BRIEFING_READ_TIMEOUT"]
    assert seconds < 3


@FEW
@given(megabytes=st.integers(80, 400))
def test_a_flate_bomb_in_a_pdf_is_refused_within_the_memory_bound(tmp_path_factory, megabytes):
    os.environ["BRIEFING_MAX_READ_MB"] = "64"
    try:
        refused(tmp_path_factory.mktemp("flate") / "bomb.pdf", forge.flate_bomb_pdf(megabytes),
                "needs more than .* MB to read .*BRIEFING_MAX_READ_MB")
    finally:
        del os.environ["BRIEFING_MAX_READ_MB"]


def test_font_widths_for_a_hundred_million_glyphs_are_refused(tmp_path, tight):
    seconds = refused(tmp_path / "widths.pdf", forge.font_widths_bomb_pdf(), "needs more than")
    assert seconds < 5


@pytest.mark.parametrize("suffix, bomb", [("docx", forge.docx_bomb), ("odt", forge.odt_bomb)])
def test_a_zip_bomb_is_refused_before_a_byte_is_inflated(tmp_path, tight, suffix, bomb):
    data = bomb(256)  # made here, so its making is not counted
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    refused(tmp_path / f"bomb.{suffix}", data, r"unpacks to 256 MB .*decompression bomb")
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 << 10  # KB


@FEW
@given(depth=st.integers(1, 5000))
def test_sections_nested_past_the_stack_are_read(tmp_path_factory, depth):
    path = tmp_path_factory.mktemp("deep") / "deep.odt"
    path.write_bytes(forge.odt_nested_sections(depth))
    assert [block.text for block in read_document(path).blocks] == ["Clashes in Baniyas left 12 dead."]


def test_a_parser_out_of_stack_is_one_line_not_a_crash(tmp_path):
    def deep(data, path):
        return deep(data, path)

    with pytest.raises(SourceError, match="x.odt: nested too deeply to read"):
        confined(deep, tmp_path / "x.odt", b"")


@FEW
@given(depth=st.integers(3, 600))
def test_unclosed_divs_before_the_article_hide_nothing(tmp_path_factory, depth):
    path = tmp_path_factory.mktemp("divs") / "page.html"
    path.write_bytes(forge.html_unclosed_divs(depth))
    texts = [block.text for block in read_document(path).blocks]
    assert len(texts) == 7 and texts[0] == "Clashes on the coast" and texts[-1].startswith("Paragraph 5:")


def test_invalid_utf8_in_a_page_is_refused_not_mojibake(tmp_path):
    page = forge.html_unclosed_divs(1).replace(b"Baniyas", b"Bani\xe9as", 1)
    refused(tmp_path / "page.html", page, r"byte 0xe9 at offset \d+ is not utf-8 \(no charset is declared")
    declared = page.replace(b"<head>", b'<head><meta charset="windows-1252">')
    (tmp_path / "declared.html").write_bytes(declared)
    assert "Banié" in read_document(tmp_path / "declared.html").blocks[1].text


def test_one_hostile_source_of_each_kind_never_sinks_the_good_one(tmp_path, installed_models):
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "good.txt").write_bytes(SEEDS[0].read_bytes())
    for name, data in {"loop.pdf": forge.length_loop_pdf(), "flate.pdf": forge.flate_bomb_pdf(300),
                       "widths.pdf": forge.font_widths_bomb_pdf(), "bomb.docx": forge.docx_bomb(300),
                       "deep.odt": forge.odt_nested_sections(1500),
                       "bomb.odt": forge.odt_bomb(300)}.items():
        (sources / name).write_bytes(data)
    result = run_briefing("translate", str(sources), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory",
                          env={"BRIEFING_READ_TIMEOUT": "2"})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (tmp_path / "out" / "good.fr.md").is_file()
    assert (tmp_path / "out" / "deep.fr.md").is_file()  # read, however deep
    for name in ("loop.pdf", "flate.pdf", "widths.pdf", "bomb.docx", "bomb.odt"):
        assert sum(name in line for line in result.stderr.splitlines()) == 1, (name, result.stderr)


def test_a_returned_word_briefing_that_is_a_bomb_is_one_line(tmp_path, tight):
    bomb = tmp_path / "report.fr.docx"
    bomb.write_bytes(forge.docx_bomb(256))
    one_line_error(run_briefing("memory", "import", str(bomb), "--memory", str(tmp_path / "m.sqlite")))


def test_text_after_an_undefined_entity_in_a_word_file_is_kept_and_reported(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(forge.docx(b"<w:p><w:r><w:t>Clashes in Baniyas &ent; left 12 dead.</w:t></w:r></w:p>",
                                doctype=b'<!DOCTYPE w:document SYSTEM "x.dtd">'))
    document = read_document(path)
    assert [block.text for block in document.blocks] == ["Clashes in Baniyas &ent; left 12 dead."]
    assert document.dropped == ("1 undefined entity reference kept as written",)
    assert document.title is None  # python-docx's placeholder "Word Document" is not a title


def test_a_very_large_page_is_read_plainly_in_linear_time_without_its_furniture(tmp_path):
    from briefing.sources.web import LARGE_PAGE_BYTES

    paragraphs = "".join(f"<p>Line {i}: clashes went on in Baniyas, residents said.</p>" for i in range(40_000))
    page = (f"<html><body><nav><p>Home</p><p>World</p></nav><article><h1>Coast</h1>{paragraphs}"
            "<blockquote>We fled at night.</blockquote></article><footer><p>Copyright</p></footer>"
            "<script>track()</script></body></html>").encode()
    assert len(page) > LARGE_PAGE_BYTES
    path = tmp_path / "page.html"
    path.write_bytes(page)
    document = read_document(path)
    texts = [block.text for block in document.blocks]
    assert len(texts) == 40_002 and texts[0] == "Coast"
    assert texts[-1] == "We fled at night." and document.blocks[-1].kind == "quote"
    assert "Home" not in texts and "Copyright" not in texts
    assert document.dropped == ("3 blocks of page text (menus, links, comments, banners)", "1 script",
                                "read plainly: a page over 2 MB")


LIVE_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
               "<style>@import url(//x.example/a.css)</style>", "[click](javascript:alert(1))",
               "![x](javascript:alert(1))", "<a href='javascript:alert(1)'>x</a>",
               "\\<script>alert(1)</script>", "[x]: javascript:alert(1)", "<javascript:alert(1)>"]


@pytest.mark.parametrize("markup", LIVE_MARKUP)
def test_markdown_briefings_escape_what_they_did_not_write(installed_models, tmp_path, markup):
    """A page's escaped markup, in a paragraph, a heading, a table cell and the title, stays text in
    the Markdown briefing (no renderer makes it live), and reads back as the page wrote it."""
    import html as html_module

    import markdown_it

    shown = html_module.escape(markup)
    page = (f"<html><head><title>Report {shown}</title></head><body><article><h1>Report {shown}</h1>"
            f"<p>Residents of Jableh said {shown} on Friday.</p><h2>Then {shown}</h2>"
            f"<table><tr><th>Town</th><th>Note</th></tr><tr><td>Baniyas</td><td>{shown}</td></tr></table>"
            "</article></body></html>")
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory")
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "page.fr.md").read_text(encoding="utf-8")
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(written)
    assert "<script" not in rendered and "<img" not in rendered and "<style" not in rendered
    assert 'href="javascript' not in rendered and 'src="javascript' not in rendered and "<a " not in rendered
    checked = run_briefing("check", str(source), str(tmp_path / "out" / "page.fr.md"), "--to", "fr")
    assert "untranslated" not in checked.stdout or checked.returncode in (0, 1)


@pytest.mark.parametrize("name", ["javascript:alert(1).txt", "data:text,x.txt", "vbscript:x.txt", "//evil.example.txt"])
def test_the_batch_report_links_a_source_of_any_name_as_a_file(installed_models, tmp_path, name):
    (tmp_path / name.replace("/", "_") if "/" in name else tmp_path / name).write_text(
        "Clashes in Jableh killed 12 people.\n", encoding="utf-8")
    source = next(tmp_path.glob("*.txt"))
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory")
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "out" / "qa.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', report)
    assert hrefs and all(h.startswith("./") or h.startswith("#") for h in hrefs), hrefs


@pytest.mark.parametrize("formats", [["md"], ["html", "docx"], ["md", "json", "xliff"]])
def test_out_equal_to_the_source_folder_never_translates_the_last_runs_outputs(installed_models, tmp_path, formats):
    for index, seed in enumerate(SEEDS[:2]):
        (tmp_path / f"report{index}.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    options = [option for name in formats for option in ("--format", name)]
    for _ in range(2):  # the second run sees the first one's briefings and reports beside the sources
        result = run_briefing("translate", str(tmp_path), "--to", "fr", "--to", "ar", "--out", str(tmp_path),
                              "--no-memory", "--force", *options)
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert not [name for name in names if ".fr.fr." in name or ".ar.fr." in name or name.startswith("qa.fr")], names
    assert sum(name.startswith("report") and name.endswith(".qa.json") for name in names) == 4


@pytest.mark.parametrize("shape", ["one line", "one paragraph of lines", "many paragraphs"])
def test_a_source_past_the_text_a_run_can_hold_is_one_line_and_the_others_go_on(installed_models, tmp_path, shape):
    """Memory is bounded per paragraph and per document, not only time: a 10 MB line under the 50 MB
    file limit is refused before it is segmented, analysed or translated."""
    words = ["Residents", "of", "Jableh", "said", "12", "people", "were", "killed", "on", "Friday", "and", "the",
             "roads", "closed"]
    text = " ".join(words[i % len(words)] for i in range(1_800_000))  # about 10 MB
    if shape == "one paragraph of lines":
        text = "\n".join(text[i:i + 80] for i in range(0, len(text), 80))
    elif shape == "many paragraphs":
        text = "\n\n".join(text[i:i + 2000] for i in range(0, len(text), 2000))
    (tmp_path / "dump.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "brief.txt").write_text("Clashes in Jableh killed 12 people.\n", encoding="utf-8")
    result = run_briefing("translate", str(tmp_path / "dump.txt"), str(tmp_path / "brief.txt"), "--to", "fr",
                          "--out", str(tmp_path / "out"), "--no-memory", "-q")
    assert result.returncode == 1 and "dump.txt" in result.stderr and "Traceback" not in result.stderr
    assert ("BRIEFING_MAX_PARAGRAPH_KB" if shape != "many paragraphs" else "BRIEFING_MAX_TEXT_MB") in result.stderr
    assert (tmp_path / "out" / "brief.fr.md").is_file() and not (tmp_path / "out" / "dump.fr.md").exists()
