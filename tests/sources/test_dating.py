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
