"""Report dates: a line holding only a date, in the forms English and French desks write."""

import datetime as dt

import pytest

from briefing.sources.dating import parse_date_line
from briefing.sources.reading import read_document

MARCH_9 = dt.date(2025, 3, 9)


@pytest.mark.parametrize(
    "line",
    ["March 9, 2025", "9 March 2025", "2025-03-09", "9 mars 2025", "Sunday, March 9, 2025", "Mar. 9, 2025",
     "dimanche 9 mars 2025", "Date: 9 March 2025", "date 2025-03-09", "9 March, 2025", "March 9th, 2025"],
)
def test_every_common_form_is_read(line):
    assert parse_date_line(line) == MARCH_9


@pytest.mark.parametrize(
    "line",
    ["March 2025", "Electricity, water cut off", "In 2025 March 9 people fled", "Friday, 31 February 2025",
     "Blursday, March 9, 2025", "", "745 civilians were killed on March 9, 2025."],
)
def test_lines_that_are_not_just_a_date_are_not(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize("first_line", ["March 9, 2025", "9 March 2025", "2025-03-09", "9 mars 2025"])
def test_a_date_line_is_the_report_date_not_a_heading(tmp_path, first_line):
    path = tmp_path / "report.txt"
    path.write_text(f"{first_line}\n\nClashes in Jableh.\n\nResidents fled.\n", encoding="utf-8")
    document = read_document(path)
    assert document.date == MARCH_9
    assert [b.text for b in document.blocks] == ["Clashes in Jableh.", "Residents fled."]


def test_an_undated_source_gets_no_invented_date(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Clashes in Jableh.\n\nResidents fled.\n", encoding="utf-8")
    assert read_document(path).date is None


def test_front_matter_and_the_users_date(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("---\ndate: 9 mars 2025\n---\nClashes in Jableh.\n", encoding="utf-8")
    assert read_document(path).date == MARCH_9
    assert read_document(path, dt.date(2025, 3, 10)).date == dt.date(2025, 3, 10)


_ARTICLE = ("<h1>Clashes on the coast</h1><p>Residents of Jableh said twelve people were killed as gunmen moved "
            "through the town and the roads to Baniyas were closed by security forces on Friday morning.</p>"
            "{inside}<p>The monitor said the death toll could rise further as families searched for relatives "
            "missing since the clashes began in the coastal region of the country.</p>")
FURNITURE_DATES = {
    "copyright": ("", "<footer>© 2019 Example News. All rights reserved.</footer>"),
    "caption": ("<figure><img src='x.jpg'><figcaption>A street in Jableh, photographed on 3 March 2025."
                "</figcaption></figure>", ""),
    "sidebar": ("", "<aside><h3>Most read</h3><p>Updated 12 January 2024: markets reopen</p></aside>"),
    "copyright range": ("", "<footer>Copyright 2011–2023 Example News</footer>"),
}
MARKUP_DATES = {
    "meta": '<meta property="article:published_time" content="2025-03-09T10:00:00Z">',
    "json-ld": '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-03-09"}</script>',
    "itemprop": '<meta itemprop="datePublished" content="2025-03-09">',
}


@pytest.mark.parametrize("where", FURNITURE_DATES)
def test_a_date_in_furniture_or_a_caption_is_not_the_reports_date(tmp_path, where):
    inside, outside = FURNITURE_DATES[where]
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Site</title></head><body><nav><a href='/'>Home</a></nav><article>"
                    f"{_ARTICLE.format(inside=inside)}</article>{outside}</body></html>", encoding="utf-8")
    assert read_document(page).date is None


@pytest.mark.parametrize("where", MARKUP_DATES)
def test_a_date_the_pages_markup_gives_is_the_reports_date(tmp_path, where):
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><title>Site</title>{MARKUP_DATES[where]}</head><body><article>"
                    f"{_ARTICLE.format(inside='')}</article><footer>© 2019 Example News</footer></body></html>",
                    encoding="utf-8")
    assert str(read_document(page).date) == "2025-03-09"
