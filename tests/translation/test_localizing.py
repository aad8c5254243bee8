"""Dates and figures in the briefing's locale."""

import datetime as dt

import pytest

from briefing.translation.localizing import Localizer


@pytest.mark.parametrize("locale, day, expected", [
    ("fr", 1, "1er décembre 2026"), ("fr_CA", 1, "1er décembre 2026"), ("fr", 2, "2 décembre 2026"),
    ("fr", 11, "11 décembre 2026"), ("en", 1, "December 1, 2026"),
])
def test_french_writes_the_first_of_the_month_as_an_ordinal(locale, day, expected):
    assert Localizer(locale).date(dt.date(2026, 12, day)) == expected
