"""`glossary lint`: the problems that make a glossary enforce the wrong thing, or nothing."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from briefing.glossary.model import Glossary
from briefing.words import term_key, tokens

ERROR, WARNING = "error", "warning"
_SCRIPTS = {"ar": "ARABIC"}
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters of another script drawn like a Latin or an Arabic one: a form written with one of them
# is another string that reads the same, and two entries so written are one name twice.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
    "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "ο": "o", "α": "a", "ν": "v", "ρ": "p",
    "ι": "i", "κ": "k", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
    "ی": "ي", "ې": "ي", "ى": "ي", "ک": "ك", "ڪ": "ك", "ہ": "ه", "ھ": "ه", "ە": "ه", "ۀ": "ة", "ۃ": "ة"})
_PERSIAN_LOOK_ALIKES = set("یېکڪہھەۀۃ")


def skeleton(form: str) -> str:
    """What a reader sees of a form: compatibility letters and look-alikes of other scripts
    folded, invisible characters dropped, case aside."""
    visible = "".join(ch for ch in unicodedata.normalize("NFKC", form) if unicodedata.category(ch) != "Cf")
    return visible.translate(_LOOK_ALIKES).casefold()


def _disguise(form: str, lang: str) -> str | None:
    """Why a hand-written form is not what it looks like, or None."""
    invisible = [ch for ch in form if unicodedata.category(ch) == "Cf" and ch not in _BIDI_CONTROLS]
    if invisible:
        return f"holds an invisible character (U+{ord(invisible[0]):04X})"
    if unicodedata.normalize("NFKC", form) != unicodedata.normalize("NFC", form):
        return "is written with compatibility letters (a ligature, a long s, a styled or full-width letter)"
    alien = [ch for ch in form if ch.translate(_LOOK_ALIKES) != ch and (lang != "ar" or ch in _PERSIAN_LOOK_ALIKES)]
    if alien and lang not in ("fa", "ur", "ru", "uk", "el", "bg", "sr"):
        return f"has a letter of another script that looks like one of its own ({alien[0]!r}, U+{ord(alien[0]):04X})"
    return None


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
    looks: dict[tuple[str, str], tuple[str, str]] = {}  # (language, skeleton) → the first form and its entry
    for entry in glossary:
        where = entry.where()
        missing = sorted(languages - {lang.split("_")[0] for lang in entry.terms})
        if missing:
            problems.append(Problem(WARNING, where, f"{entry.id}: no form for {', '.join(missing)}"))
        for lang, terms in entry.terms.items():
            script = _SCRIPTS.get(lang)
            for form in terms.recognised() + terms.forbidden:
                disguise = _disguise(form, lang)
                if disguise:
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} {disguise}"))
                if any(unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS for ch in form):
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} holds a control or "
                                                          "bidi-override character"))
                if script and not _only_script(form, script):
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} is not in Arabic script"))
                if not script and _has_script(form, "ARABIC"):
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} has Arabic letters"))
            approved = {_strict(f) for f in terms.recognised()}
            for form in terms.forbidden:  # "Jable" may be forbidden beside "Jablé": accents are spelling
                if _strict(form) in approved:
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} is both allowed and forbidden"))
            for form in terms.recognised():
                key = (lang, _key(form, lang))
                owner = owners.setdefault(key, entry.id)
                if owner != entry.id:
                    kind = "alias" if form in terms.aliases else "form"
                    problems.append(
                        Problem(ERROR, where, f"{entry.id}.{lang}: {kind} {form!r} is also a form of entry {owner!r}")
                    )
                    continue
                seen, other = looks.setdefault((lang, skeleton(form)), (form, entry.id))
                if other != entry.id and seen != form:
                    problems.append(Problem(ERROR, where, f"{entry.id}.{lang}: {form!r} looks like {seen!r} of entry "
                                                          f"{other!r}, letter for letter another string"))
    return problems


def _strict(form: str) -> str:
    return unicodedata.normalize("NFC", form).casefold()
