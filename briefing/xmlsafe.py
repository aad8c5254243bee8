"""Text made safe for XML 1.0: escaped, and without the characters XML 1.0 forbids (C0
controls other than tab and newlines, lone surrogates, U+FFFE/U+FFFF), which would make an
export that no tool — briefing included — can read back.

Escaped here with two translation tables rather than `xml.sax.saxutils`, whose import brings
`urllib.request`, `http.client` and `ssl` along: 25 ms of every run's start, for three
replacements."""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# In an attribute a newline or tab read back raw would become a space (attribute-value
# normalization), so they are written as character references.
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                            "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def xml_text(text: str) -> str:
    return _FORBIDDEN.sub("", text).translate(_TEXT)


def xml_attribute(text: str) -> str:
    """The value quoted, ready to follow `name=`."""
    return '"' + _FORBIDDEN.sub("", text).translate(_ATTRIBUTE) + '"'
