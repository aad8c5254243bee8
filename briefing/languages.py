"""Language codes and locales: `ar`, `fr`, or a Babel locale such as `ar_SY` or `fr-CA`."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.errors import UsageError


@dataclass(frozen=True)
class Target:
    """What the user asked for (`ar_SY`): the model language (`ar`) and the Babel locale."""

    locale: str
    language: str

    def __str__(self) -> str:
        return self.locale


def parse_language(code: str) -> Target:
    """Validate `code` against Babel's CLDR data; unknown codes are a usage error."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UsageError(f"unknown language or locale {code!r} (examples: en, ar, fr, ar_SY, fr_CA)") from None
    return Target(locale=str(locale), language=locale.language)
