"""`glossary lint`: the problems that make a glossary enforce the wrong thing, or nothing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from briefing.glossary.model import Glossary
from briefing.words import term_key, tokens

ERROR, WARNING = "error", "warning"
_SCRIPTS = {"ar": "ARABIC"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Problem:
    level: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"


def _key(form: str, lang: str) -> tuple[str, ...]:
    return tuple(term_key(t.text, lang) for t in tokens(form))


def _has_script(form: str, script: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(script) for ch in form if ch.isalpha())


def _only_script(form: str, script: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(script) for ch in form if ch.isalpha())


def lint(glossary: Glossary) -> list[Problem]:
    problems: list[Problem] = []
    languages = {lang.split("_")[0] for lang in glossary.languages()}  # fr_CA is French
    owners: dict[tuple[str, tuple[str, ...]], str] = {}
    for entry in glossary:
        where = entry.where()
        missing = sorted(languages - {lang.split("_")[0] for lang in entry.terms})
        if missing:
            problems.append(Problem(WARNING, where, f"{entry.id}: no form for {', '.join(missing)}"))
        for lang, terms in entry.terms.items():
            script = _SCRIPTS.get(lang)
            for form in terms.recognised() + terms.forbidden:
                if any(unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS for ch in form):
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} holds a control or "
                                                          "bidi-override character"))
                if script and not _only_script(form, script):
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} is not in Arabic script"))
                if not script and _has_script(form, "ARABIC"):
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} has Arabic letters"))
            approved = {_key(f, lang) for f in terms.recognised()}
            for form in terms.forbidden:
                if _key(form, lang) in approved:
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} is both allowed and forbidden"))
            for form in terms.recognised():
                key = (lang, _key(form, lang))
                owner = owners.setdefault(key, entry.id)
                if owner != entry.id:
                    kind = "alias" if form in terms.aliases else "form"
                    problems.append(
                        Problem(ERROR, where, f"{entry.id}.{lang}: {kind} {form!r} is also a form of entry {owner!r}")
                    )
    return problems
