"""Generated names for the fidelity tests and the quality benchmark: entries in English, French
and Arabic built from syllables, their glossary text, and the misspellings a check must catch."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

SYLLABLES = {"ba": "با", "ka": "كا", "lo": "لو", "mi": "مي", "ra": "را", "sha": "شا", "tu": "تو", "zu": "زو",
             "del": "دل", "fa": "فا", "ni": "ني", "qu": "قو", "har": "هار", "jeb": "جب", "sul": "سل", "dam": "دام",
             "tar": "تار", "hom": "حم", "wa": "وا", "yas": "ياس", "nour": "نور", "kef": "كف"}
TITLES = ("President", "Gen.", "Sheikh", "Dr")
TEMPLATES = ("{0} said the talks had failed.", "Forces loyal to {0} left the area on Friday.",
             "{0}'s forces had left.", "Clashes broke out in {0} and {1}.", "Residents of {0} fled to {1}.")


@dataclass(frozen=True)
class Name:
    id: str
    kind: str
    en: str
    fr: str
    ar: str
    short: tuple[str, str, str] | None = None  # en, fr, ar short forms (persons)
    title: str = ""  # an alias "Title Short" (persons): stands for the short form
    full: str = ""  # an alias "First Last" without the middle names (persons): stands for the whole name


def french(word: str) -> str:
    """A French spelling of a generated word: another transliteration, sometimes an accent."""
    spelled = word.replace("sh", "ch").replace("Sh", "Ch").replace("u", "ou").replace("ouou", "ou")
    return spelled[:-1] + "é" if spelled.endswith("a") and len(spelled) > 4 else spelled


def random_word(rng: random.Random) -> tuple[str, str, str]:
    """One word of a name in English, French and Arabic."""
    parts = [rng.choice(sorted(SYLLABLES)) for _ in range(rng.randint(2, 3))]
    english = "".join(parts).capitalize()
    return english, french(english), "".join(SYLLABLES[p] for p in parts)


def random_name(rng: random.Random, index: int) -> Name:
    """A person (2–3 words, a short form, a titled alias, a first-and-last alias), a place (1–3
    words, in Arabic with the article half the time) or an organization (2–4 words); the first
    two words of three joined by a hyphen half the time."""
    kind = rng.choice(["person", "place", "organization"])
    parts = [random_word(rng) for _ in range(rng.randint(1 if kind == "place" else 2, 4 if kind == "organization"
                                                          else 3))]
    hyphen = len(parts) > 2 and rng.random() < 0.5  # Abdel-Fattah: two words joined
    separators = ["-" if hyphen and i == 0 else " " for i in range(len(parts) - 1)] + [""]

    def joined(language: int) -> str:
        return "".join(part[language] + separators[i] for i, part in enumerate(parts))

    arabic = joined(2).replace("-", " ")
    if kind == "place" and rng.random() < 0.5:
        arabic = "ال" + arabic
    if kind != "person":
        return Name(f"n{index}", kind, joined(0), joined(1), arabic)
    last = parts[-1]
    full = f"{parts[0][0]} {last[0]}" if len(parts) > 2 else ""
    return Name(f"n{index}", kind, joined(0), joined(1), arabic, last, f"{rng.choice(TITLES)} {last[0]}", full)


def random_glossary(rng: random.Random, count: int) -> list[Name]:
    """`count` names that share no spelling and no English word ("Dr X" names one person)."""
    names: list[Name] = []
    spellings: set[str] = set()
    words: set[str] = set()
    while len(names) < count:
        name = random_name(rng, len(names))
        own = [unicodedata.normalize("NFKD", s).casefold() for s in (name.en, name.fr, name.ar, *(name.short or ()))]
        own_words = re.split(r"[ -]", name.en)
        if len(set(own)) < len(own) or spellings & set(own) or words & set(own_words) \
                or len(set(own_words)) < len(own_words):
            continue
        names.append(name)
        spellings |= set(own)
        words |= set(own_words)
    return names


def glossary_text(entries: list[Name], fr_suffix: str = "") -> str:
    lines = []
    for name in entries:
        lines += [f"[{name.id}]", f'kind = "{name.kind}"', f"[{name.id}.en]", f'preferred = "{name.en}"']
        if name.short:
            aliases = ", ".join(f'"{alias}"' for alias in (name.title, name.full) if alias)
            lines += [f'forms = {{ short = "{name.short[0]}" }}', f"aliases = [{aliases}]"]
        lines += [f"[{name.id}.fr]", f'preferred = "{name.fr}{fr_suffix}"']
        if name.short:
            lines.append(f'forms = {{ short = "{name.short[1]}{fr_suffix}" }}')
        lines += [f"[{name.id}.ar]", f'preferred = "{name.ar}"']
        if name.short:
            lines.append(f'forms = {{ short = "{name.short[2]}" }}')
    return "\n".join(lines) + "\n"


def corruptions(form: str, source: str, lang: str) -> dict[str, str]:
    """Misspellings of `form` a reviewer must be shown, by kind."""
    found = {}
    letters = [i for i, ch in enumerate(form) if ch.isalpha()]
    if lang != "ar":
        found["ending"] = form + "e"
        if "-" in form:
            found["hyphen"] = form.replace("-", " ")
        elif " " in form:
            found["joined"] = form.replace(" ", "", 1)
        if any(unicodedata.decomposition(ch) for ch in form):
            found["accent"] = "".join(ch for ch in unicodedata.normalize("NFKD", form) if not unicodedata.combining(ch))
    elif form.startswith("ال"):
        found["article"] = form[2:]
    middle = letters[len(letters) // 2]
    replacement = next(ch for ch in ("كم" if lang == "ar" else "zx") if ch != form[middle].casefold())
    if len(letters) >= 5:
        found["letter"] = form[:middle] + replacement + form[middle + 1:]
    if source.casefold() != form.casefold() and lang != "ar":
        found["untranslated"] = source
    return found
