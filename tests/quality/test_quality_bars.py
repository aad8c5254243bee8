"""The design's quality bars on the dev sets in ../shared/eval (skipped when they are absent).

The same measures as tests/benchmarks/quality.py, which prints them; here they guard against
regressions of the matcher and the number checker.
"""

import pytest

from tests.conftest import SHARED

EVAL = SHARED / "eval"
pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not there")


def test_every_quality_bar_holds_on_the_dev_sets():
    from tests.benchmarks.quality import measure, passes

    results = measure(EVAL)
    below = {name: round(value, 4) for name, value in results.items() if not passes(name, value)}
    assert not below, f"below the bar: {below}"
