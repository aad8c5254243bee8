"""Findings worded in the briefing's language."""

import pytest

from briefing.output.labels import aspect, finding
from briefing.quality.quantities import Change


@pytest.mark.parametrize(("lang", "change", "expected"), [
    ("en", Change("scale", "million", "milliards"), "scale: million → milliards"),
    ("fr", Change("qualifier dropped", "more than"), "qualificatif omis\u202f: more than"),
    ("fr", Change("time of day", "pm", "am"), "moment de la journée\u202f: après-midi ou soir → matin"),
    ("ar_SY", Change("time of day", "pm", "am"), "وقت اليوم: مساء → صباحا"),
    ("ar", Change("month", "April", "أيار"), "الشهر: April → أيار"),
])
def test_a_changed_respect_of_a_figure_is_worded_in_the_readers_language(lang, change, expected):
    assert aspect(lang, change) == expected
    assert expected in finding(lang, "figure_aspect", source="x", target="y", aspect=expected)
