"""The id of an XLIFF unit that `translate` writes, defined once for the writer
(`output.xliff`) and the reader (`reviewing.read_xliff`): `s<index>-<digest of the target as
written>`, so that an edited target is known from an untouched one whatever a CAT tool keeps."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_UNIT_ID = re.compile(r"s(\d+)-([0-9a-f]{10})\Z")  # at the end: translate-toolkit prefixes the file's name


def written_digest(target: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", target.strip()).encode("utf-8")).hexdigest()[:10]


def unit_id(index: int, target: str) -> str:
    """An NMTOKEN, as both XLIFF versions require."""
    return f"s{index}-{written_digest(target)}"


def untouched(found_id: str, target: str) -> bool:
    """The unit is one `translate` wrote, and its target is still the one it wrote."""
    match = _UNIT_ID.search(found_id or "")
    return bool(match) and match.group(2) == written_digest(target)
