"""What one request may ask of the server: LibreTranslate's character and batch limits, and
the size of an uploaded file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    char_limit: int = -1  # characters per request (-1: none)
    batch_limit: int = -1  # texts per request
    file_bytes: int = 20 << 20
    frontend_timeout: int = 500
