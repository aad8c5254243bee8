"""Documents in, documents out, end to end with the test models: web pages, Word, OpenDocument and
PDF sources and standard input → Markdown, PDF and Word briefings; bad documents reported while
the others are translated; a reviewer's Word corrections recorded and used by the next run."""

from __future__ import annotations

import json
import subprocess
import sys

import docx

from briefing.sources.reading import HEADING, read_document
from tests.conftest import ROOT, run_briefing
from tests.sources import documents

GLOSSARY = str(ROOT / "glossary")
CORRECTED = ("فرضت قوات الأمن حظر تجول في بانياس يوم الأحد بعد اشتباكات قال المرصد السوري لحقوق الإنسان "
             "إنها أسفرت عن مقتل 42 شخصا بينهم 12 مدنيا.")


def sources(folder):
    folder.mkdir()
    (folder / "page.html").write_text(documents.news_page(), encoding="utf-8")
    documents.word_file(folder / "report.docx")
    documents.opendocument_file(folder / "letter.odt")
    documents.printed_pdf(folder / "printed.pdf")
    return folder


def test_every_kind_of_source_becomes_every_kind_of_briefing(installed_models, tmp_path):
    folder = sources(tmp_path / "in")
    out = tmp_path / "out"
    result = run_briefing("translate", str(folder), "--to", "ar", "--to", "fr", "--format", "md", "--format", "pdf",
                          "--format", "docx", "--out", str(out), "--glossary", GLOSSARY, "--no-memory", "-q")
    assert result.returncode == 0, result.stderr
    for name in ("page", "report", "letter", "printed"):
        for lang in ("ar", "fr"):
            markdown = (out / f"{name}.{lang}.md").read_text(encoding="utf-8")
            assert "aid convoys carrying" in markdown  # the copy model keeps the English
            assert ("بانياس" if lang == "ar" else "Banias") in markdown  # the glossary's form, enforced
            assert (out / f"{name}.{lang}.pdf").read_bytes().startswith(b"%PDF")
            assert docx.Document(out / f"{name}.{lang}.docx").paragraphs[0].style.name == "Title"
    printed = read_document(out / "report.fr.pdf")  # a briefing the project printed, read back as a source
    assert "Aid convoys held up" in [b.text for b in printed.blocks if b.kind == HEADING]
    assert any(b.text.startswith("The United Nations said 3 aid convoys carrying") for b in printed.blocks)
    page = json.loads((out / "page.fr.json").read_text(encoding="utf-8"))
    qa = json.loads((out / "page.fr.qa.json").read_text(encoding="utf-8"))
    assert page["title"] == documents.ARTICLE[0][1] and page["date"] == "2025-03-09"
    assert page["source_url"] == documents.URL and documents.URL in (out / "page.fr.md").read_text(encoding="utf-8")
    assert "1 image" in page["dropped"] and qa["source_dropped"] == page["dropped"]
    assert not [junk for junk in documents.FURNITURE if junk in json.dumps(page, ensure_ascii=False)]
    from tests.output.test_printing import pdf_text

    french, arabic = (pdf_text(out / f"page.{lang}.pdf") for lang in ("fr", "ar"))
    assert "blocs de texte de la page" in french and "blocks of page text" not in french  # left out, in French
    assert "صورة واحدة" in arabic and "1 image" not in arabic


def test_standard_input_is_translated_as_stdin(installed_models, tmp_path):
    result = subprocess.run([sys.executable, "-m", "briefing", "translate", "-", "--to", "fr", "--out",
                             str(tmp_path / "out"), "--glossary", GLOSSARY, "--no-memory", "-q"],
                            input=documents.news_page().encode("utf-8"), capture_output=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "Banias" in (tmp_path / "out" / "stdin.fr.md").read_text(encoding="utf-8")


def test_bad_documents_are_one_line_each_and_the_others_are_translated(installed_models, tmp_path):
    truncated = tmp_path / "truncated.docx"  # a zip cut short, as a failed download leaves it
    truncated.write_bytes(documents.word_file(tmp_path / "whole.docx").read_bytes()[:5000])
    bad = [documents.corrupt_word_file(tmp_path / "corrupt.docx"), truncated,
           documents.encrypted_pdf(tmp_path / "locked.pdf"), documents.scanned_pdf(tmp_path / "scan.pdf")]
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    good = documents.word_file(tmp_path / "good.docx")
    result = run_briefing("translate", *map(str, [*bad, tmp_path / "menu.html", good]), "--to", "fr", "--out",
                          str(tmp_path / "out"), "--glossary", GLOSSARY, "--no-memory", "-q")
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 5 and "Traceback" not in result.stderr
    for path, says in zip([*bad, tmp_path / "menu.html"],
                          ["damaged", "damaged", "encrypted", "no text layer", "no article"], strict=True):
        assert any(str(path) in line and says in line for line in errors)
    assert (tmp_path / "out" / "good.fr.md").is_file()


def as_read(paragraph) -> str:
    """A Word paragraph's text as a reader sees it: without the isolates around Latin runs in Arabic."""
    return paragraph.text.translate(dict.fromkeys(range(0x2066, 0x206A)))


def test_word_corrections_come_back_through_the_memory(installed_models, tmp_path):
    source = documents.word_file(tmp_path / "report.docx")
    out, memory = tmp_path / "out", tmp_path / "memory.sqlite"
    common = ("--glossary", GLOSSARY, "--memory", str(memory))
    first = run_briefing("translate", str(source), "--to", "ar", "--format", "docx", "--out", str(out), *common, "-q")
    assert first.returncode == 0, first.stderr
    edited = out / "report.ar.docx"
    document = docx.Document(edited)
    paragraph = next(p for p in document.paragraphs if as_read(p).startswith("Security forces"))
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = CORRECTED
    document.save(edited)
    imported = run_briefing("memory", "import", str(edited), *common)
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout
    again = run_briefing("translate", str(source), "--to", "ar", "--format", "docx", "--out", str(out), *common, "-q")
    assert again.returncode == 0, again.stderr
    assert CORRECTED in [as_read(p) for p in docx.Document(edited).paragraphs]
    qa = json.loads((out / "report.ar.qa.json").read_text(encoding="utf-8"))
    assert [s["origin"] for s in qa["segments"] if s["target"] == CORRECTED] == ["human"]


def test_tracked_changes_in_a_returned_word_briefing_are_read_as_accepted(installed_models, tmp_path):
    source = documents.word_file(tmp_path / "report.docx")
    out, memory = tmp_path / "out", tmp_path / "memory.sqlite"
    common = ("--glossary", GLOSSARY, "--memory", str(memory))
    assert run_briefing("translate", str(source), "--to", "ar", "--format", "docx", "--out", str(out), *common,
                        "-q").returncode == 0
    edited = out / "report.ar.docx"
    document = docx.Document(edited)
    paragraph = next(p for p in document.paragraphs if as_read(p).startswith("Security forces"))
    for run in paragraph.runs:
        run._r.getparent().remove(run._r)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:del xmlns:w="{w}" w:id="7" w:author="r"><w:r><w:delText>Security forces …</w:delText></w:r></w:del>'))
    paragraph._p.append(docx.oxml.parse_xml(
        f'<w:ins xmlns:w="{w}" w:id="8" w:author="r"><w:r><w:t>{CORRECTED}</w:t></w:r></w:ins>'))
    document.save(edited)
    imported = run_briefing("memory", "import", str(edited), *common)
    assert imported.returncode == 0, imported.stderr
    assert "1 correction(s) recorded" in imported.stdout
    assert "tracked changes read as accepted (1 insertion, 1 deletion)" in imported.stderr


def test_an_unreadable_file_does_not_keep_the_others_out_of_the_memory(installed_models, tmp_path):
    source = documents.word_file(tmp_path / "report.docx")
    out, memory = tmp_path / "out", tmp_path / "memory.sqlite"
    assert run_briefing("translate", str(source), "--to", "ar", "--out", str(out), "--glossary", GLOSSARY,
                        "--memory", str(memory), "-q").returncode == 0
    edited = out / "report.ar.json"
    briefing = json.loads(edited.read_text(encoding="utf-8"))
    briefing["segments"][1]["target"] = CORRECTED
    edited.write_text(json.dumps(briefing, ensure_ascii=False), encoding="utf-8")
    broken = documents.corrupt_word_file(tmp_path / "broken.ar.docx")
    result = run_briefing("memory", "import", str(broken), str(edited), "--memory", str(memory), "--accept-changes")
    assert result.returncode == 1
    assert "damaged Word file" in result.stderr and "Traceback" not in result.stderr
    assert f"{edited}: 1 correction(s) recorded" in result.stdout
