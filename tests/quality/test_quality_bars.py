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


@pytest.mark.parametrize(
    ("source", "translation", "lang"),
    [("flores200-dev/eng_Latn.dev", "flores200-dev/fra_Latn.dev", "fr"),
     ("flores200-dev/eng_Latn.dev", "flores200-dev/arb_Arab.dev", "ar"),
     ("newstest2013-enfr/newstest2013.en", "newstest2013-enfr/newstest2013.fr", "fr"),
     ("wmt21-terminology-dev/dev.tok.en", "wmt21-terminology-dev/dev.tok.fr", "fr")],
)
def test_check_goes_through_every_dev_set_without_a_check_error(source, translation, lang):
    import json

    from tests.conftest import run_briefing

    result = run_briefing("check", str(EVAL / source), str(EVAL / translation), "--to", lang, "--json")
    assert result.returncode in (0, 1) and "error" not in result.stderr, result.stderr
    assert json.loads(result.stdout)["summary"]["flags"]["check_error"] == 0
