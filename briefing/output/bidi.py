"""The right-to-left isolation rule, once for every renderer: in an Arabic line, each run of
Latin letters and figures (a name, "1,250", "15:30", "COVID-19", "١٢٫٥") is isolated, so
that the bidi algorithm never reorders its parts with the Arabic around. The HTML page wraps
a run in <bdi dir="ltr">; the Word file makes it a left-to-right run of its own (run-level
direction: no mark enters the text a reader copies)"""

from __future__ import annotations

import re
from collections.abc import Callable

LEFT_TO_RIGHT_RUN = re.compile(
    r"[0-9A-Za-zÀ-ÿ\u0660-\u0669][0-9A-Za-zÀ-ÿ\u0660-\u0669_ .,:/%'’()\u066b\u066c\u202f-]*"
    r"[0-9A-Za-zÀ-ÿ\u0660-\u0669_%)]|[0-9A-Za-zÀ-ÿ\u0660-\u0669]")


def isolate_runs(text: str, wrap: Callable[[str], str]) -> str:
    """`text` with each left-to-right run replaced by `wrap(run)`."""
    return LEFT_TO_RIGHT_RUN.sub(lambda match: wrap(match.group()), text)


def direction_runs(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, left to right) runs: the left-to-right runs and what lies between."""
    runs, at = [], 0
    for match in LEFT_TO_RIGHT_RUN.finditer(text):
        if match.start() > at:
            runs.append((text[at:match.start()], False))
        runs.append((match.group(), True))
        at = match.end()
    if at < len(text) or not runs:
        runs.append((text[at:], False))
    return runs
