"""Text made safe for XML 1.0: escaped, and without the characters XML 1.0 forbids (C0
controls other than tab and newlines, lone surrogates, U+FFFE/U+FFFF), which would make an
export that no tool — briefing included — can read back."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return escape(_FORBIDDEN.sub("", text))


def xml_attribute(text: str) -> str:
    return quoteattr(_FORBIDDEN.sub("", text))
