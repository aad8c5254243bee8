"""The right-to-left isolation rule, once for every renderer: in an Arabic line, each run of
Latin letters and figures (a name, "1,250", "15:30", "COVID-19", "١٢٫٥") is isolated, so
that the bidi algorithm never reorders its parts with the Arabic around. The HTML page wraps
a run in <bdi dir="ltr">, the Word file between the isolate marks LRI … PDI (which the Word
reader drops again)."""

from __future__ import annotations

import re
from collections.abc import Callable

LEFT_TO_RIGHT_RUN = re.compile(
    r"[0-9A-Za-zÀ-ÿ\u0660-\u0669][0-9A-Za-zÀ-ÿ\u0660-\u0669_ .,:/%'’()\u066b\u066c\u202f-]*"
    r"[0-9A-Za-zÀ-ÿ\u0660-\u0669_%)]|[0-9A-Za-zÀ-ÿ\u0660-\u0669]")
LRI, PDI = "\u2066", "\u2069"


def isolate_runs(text: str, wrap: Callable[[str], str]) -> str:
    """`text` with each left-to-right run replaced by `wrap(run)`."""
    return LEFT_TO_RIGHT_RUN.sub(lambda match: wrap(match.group()), text)


def with_isolates(text: str) -> str:
    """Each left-to-right run between LRI and PDI (plain text: a Word run, a text file)."""
    return isolate_runs(text, lambda run: f"{LRI}{run}{PDI}")
