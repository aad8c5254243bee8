"""Printed briefings: HTML structure, and PDFs read back with pypdf (text, fonts embedded)."""

import io
import json
import unicodedata

import pytest
from pypdf import PdfReader

from tests.conftest import SEEDS, run_briefing, translate_in_a_fresh_home


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    return translate_in_a_fresh_home(tmp_path_factory, *map(str, SEEDS), "--to", "ar", "--to", "ar_SY", "--to", "fr",
                                     "--format", "html", "--format", "pdf")


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))


def embedded_fonts(path) -> dict[str, bool]:
    fonts = {}
    for page in PdfReader(io.BytesIO(path.read_bytes())).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", {})
            fonts[str(font["/BaseFont"]).split("+")[-1]] = any(k in descriptor for k in ("/FontFile2", "/FontFile3"))
    return fonts


def test_every_source_and_language_is_printed(printed):
    for seed in SEEDS:
        for locale in ("ar", "ar_SY", "fr"):
            assert (printed / f"{seed.stem}.{locale}.pdf").read_bytes().startswith(b"%PDF")
            assert (printed / f"{seed.stem}.{locale}.html").is_file()


def test_french_pdf_has_the_localized_date_and_key_terms(printed):
    text = pdf_text(printed / f"{SEEDS[0].stem}.fr.pdf")
    assert "9 mars 2025" in text
    assert "Termes clés" in text and "Contrôle qualité" in text
    for term in ("Lattaquié", "Banias", "Observatoire syrien des droits de l’homme", "Bachar al-Assad"):
        assert term in text


def test_levantine_arabic_pdf_uses_arabic_months_digits_and_the_naskh_font(printed):
    path = printed / f"{SEEDS[0].stem}.ar_SY.pdf"
    text = pdf_text(path)
    assert "آذار" in text and "٩" in text
    for term in ("اللاذقية", "بانياس", "المرصد السوري لحقوق الإنسان"):
        assert term in text
    fonts = embedded_fonts(path)
    assert fonts.get("Briefing-Naskh") is True  # present and embedded


def test_arabic_html_is_right_to_left_with_isolated_latin_and_figures(printed):
    html = (printed / f"{SEEDS[0].stem}.ar.html").read_text()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<bdi dir=\"ltr\">" in html and "counter(page, decimal)" in html
    html_sy = (printed / f"{SEEDS[0].stem}.ar_SY.html").read_text()
    assert "counter(page, arabic-indic)" in html_sy
    assert "9 مارس 2025" in html and "٩ آذار ٢٠٢٥" in html_sy


def test_review_layout_and_letter_paper(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEEDS[1]), "--to", "fr", "--format", "html", "--format", "json",
                          "--layout", "review", "--paper", "letter", "--out", str(out), "--no-memory")
    assert result.returncode == 0, result.stderr
    html = (out / f"{SEEDS[1].stem}.fr.review.html").read_text()  # never the briefing's own file name
    assert not (out / f"{SEEDS[1].stem}.fr.html").exists()
    assert 'class="review"' in html and "size: letter" in html
    assert html.count("<tr>") >= 28  # one row per sentence, plus the key terms
    import json
    import re

    numbers = [int(n) for n in re.findall(r'<td class="number">(\d+)</td>', html)]
    segments = json.loads((out / f"{SEEDS[1].stem}.fr.json").read_text())["segments"]
    assert numbers == [segment["index"] + 1 for segment in segments]  # as the QA reports number sentences


ENGLISH_LABELS = ("untranslated", "not translated", "wrong script", "target script", "missing", "instead of",
                  "figure", "changed into", "more sentence", "Quality check", "Key terms", "Model", "to verify",
                  "Left out")


@pytest.mark.parametrize(("locale", "heading", "more"), [("fr", "Contrôle qualité", "à vérifier"),
                                                         ("ar", "ضبط الجودة", "أخرى للتحقق")])
def test_the_qa_box_speaks_the_briefing_language(printed, locale, heading, more):
    import re

    text = pdf_text(printed / f"{SEEDS[1].stem}.{locale}.pdf")
    box = re.sub(r"«[^»]*»", "", text[text.index(heading):])  # the quoted sentences are the copy model's English
    assert not [label for label in ENGLISH_LABELS if label in box], box
    html = (printed / f"{SEEDS[1].stem}.{locale}.html").read_text(encoding="utf-8")
    rows = re.findall(r"<li>(.*?)</li>", html[html.index('class="verify"'):])
    flagged = [s for s in json.loads((printed / f"{SEEDS[1].stem}.{locale}.qa.json").read_text())["segments"]
               if s["flags"] or any(t["status"] != "ok" and t.get("note") != "admitted form" for t in s["terms"])
               or any(n["status"] != "ok" for n in s["numbers"])]
    assert len(rows) == min(len(flagged), 20) + (len(flagged) > 20)  # one row per sentence, then the rest counted
    if len(flagged) > 20:
        assert more in rows[-1] and more in box


def test_a_long_sentence_is_quoted_up_to_a_word_with_an_ellipsis():
    from briefing.output.contents import excerpt

    sentence = "The convoy reached the coastal town of Baniyas " * 6
    quoted = excerpt(sentence)
    assert quoted.endswith("…") and len(quoted) <= 161 and sentence.startswith(quoted[:-1])
    assert sentence[len(quoted) - 1] == " "  # cut between two words, never inside one
    assert excerpt("Short.") == "Short."


def test_the_arabic_face_is_embedded_only_in_pages_that_hold_arabic(printed, installed_models, tmp_path):
    source = tmp_path / "water.txt"
    source.write_text("The water supply was cut in the town on Sunday, officials said.", encoding="utf-8")
    done = run_briefing("translate", str(source), "--to", "fr", "--format", "html", "--out", str(tmp_path),
                        "--no-memory")
    assert done.returncode == 0, done.stderr
    french = (tmp_path / "water.fr.html").read_text(encoding="utf-8")
    assert "@font-face" not in french and len(french) < 100_000
    quoting = (printed / f"{SEEDS[0].stem}.fr.html").read_text(encoding="utf-8")  # it quotes Arabic names
    arabic = (printed / f"{SEEDS[0].stem}.ar.html").read_text(encoding="utf-8")
    assert "base64," in quoting and "base64," in arabic


def test_a_briefing_from_standard_input_names_it_in_its_language(installed_models, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "briefing", "translate", "-", "--to", "fr", "--out", str(tmp_path),
                           "--no-memory"], input=SEEDS[0].read_text(encoding="utf-8"), capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "stdin.fr.md").read_text(encoding="utf-8")
    assert "entrée standard" in text and "Source : -" not in text
