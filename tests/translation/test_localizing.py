"""Dates and figures in the briefing's locale."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.translation.localizing import Localizer


@pytest.mark.parametrize("locale, day, expected", [
    ("fr", 1, "1er décembre 2026"), ("fr_CA", 1, "1er décembre 2026"), ("fr", 2, "2 décembre 2026"),
    ("fr", 11, "11 décembre 2026"), ("en", 1, "December 1, 2026"),
])
def test_french_writes_the_first_of_the_month_as_an_ordinal(locale, day, expected):
    assert Localizer(locale).date(dt.date(2026, 12, day)) == expected


_IDENTIFIERS = st.builds(lambda letters, digits, dash: f"{letters}{'-' if dash else ''}{digits}",
                         st.sampled_from(["AK", "Su", "T", "F", "A", "MiG", "BM", "M", "COVID", "UN"]),
                         st.integers(1, 999), st.booleans())
_FIGURES = st.one_of(
    st.builds(lambda a, b: f"{a}.{b}", st.integers(1, 99), st.integers(1, 9)),
    st.builds(lambda a: f"{a:,}", st.integers(1000, 9_999_999)),
    st.builds(lambda h, m, p: f"{h}.{m:02d}{p}", st.integers(1, 12), st.integers(0, 59), st.sampled_from(["am", "pm"])),
)


@settings(max_examples=80, deadline=None)
@given(identifier=_IDENTIFIERS, figures=st.lists(_FIGURES, min_size=1, max_size=3))
def test_ar_sy_keeps_identifiers_latin_and_writes_one_decimal_mark(identifier, figures):
    """Arabic-Indic digits for figures, with the locale's own marks (١٫٥, ١٢٬٥٠٠); an identifier
    (AK-47) or a copied "11.45pm" keeps its digits; and the product's own check passes its output."""
    from briefing.glossary.model import Glossary
    from briefing.quality.checking import Checker

    source = f"The {identifier} unit reported " + " and ".join(figures) + " on Friday."
    checker = Checker(Glossary(), "en", "ar")
    localized = Localizer("ar_SY").localize(checker.analysed(source).figures, source)
    assert identifier in localized, localized
    assert not re.search(r"[\u0660-\u0669][.,][\u0660-\u0669]", localized), localized
    assert not [line for line in checker.check(0, source, localized).problem_lines() if "figure" in line], localized
