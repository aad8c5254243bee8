"""The design's quality bars on the dev sets in ../shared/eval (skipped when they are absent).

The same measures as tests/benchmarks/quality.py, which prints them; here they guard against
regressions of the matcher and the number checker.
"""

import pytest

from tests.conftest import SHARED

EVAL = SHARED / "eval"
pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not there")


def test_term_bars_on_wmt21_terminology_dev():
    from tests.benchmarks.quality import term_bars

    results = term_bars(EVAL / "wmt21-terminology-dev", show=0)
    assert results["source-term recall"] >= 0.99
    assert results["target-term recall on references"] >= 0.99
    assert results["removed term flagged"] >= 0.99


@pytest.mark.parametrize(("lang", "filename"), [("fr", "fra_Latn.dev"), ("ar", "arb_Arab.dev")])
def test_number_bars_on_flores_dev(lang, filename):
    from tests.benchmarks.quality import number_bars

    results = number_bars(EVAL / "flores200-dev", lang, filename)
    assert results[f"number false alarms en→{lang}"] <= 0.05
    assert results[f"changed number flagged en→{lang}"] >= 0.99
