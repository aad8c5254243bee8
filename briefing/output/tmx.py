"""TMX 1.4 export of the segment memory, for CAT tools (Trados, memoQ, OmegaT)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from briefing import __version__
from briefing.translation.memory_rows import Pair
from briefing.xmlsafe import xml_attribute, xml_text


def write_tmx(pairs: Iterable[Pair], source_lang: str = "en") -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="briefing" creationtoolversion="{__version__}" datatype="plaintext" '
        f'segtype="sentence" adminlang="en" srclang={xml_attribute(source_lang)} o-tmf="briefing" '
        f'creationdate="{stamp}"/>',
        "  <body>",
    ]
    for pair in pairs:
        out += [
            "    <tu>",
            f'      <prop type="x-origin">{pair.origin}</prop>',
            f"      <tuv xml:lang={xml_attribute(pair.source_lang)}><seg>{xml_text(pair.sentence)}</seg></tuv>",
            f"      <tuv xml:lang={xml_attribute(pair.target_lang)}><seg>{xml_text(pair.target)}</seg></tuv>",
            "    </tu>",
        ]
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out)
