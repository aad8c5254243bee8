"""Name fidelity on generated glossaries: person, place and organization names of one to four
words (hyphens, diacritics, Arabic with the article), short forms, aliases with and without a
title, entries that overlap across two termbases; mentions anywhere in a sentence.

Through `translate` (copy models, the real engine): each mention becomes exactly one approved
form of its role, as a whole word, never glued or doubled. Through the check: the approved form
is `ok`, every corruption of it is not, and a near miss is a `variant` naming the expected form.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from briefing.glossary.files import load
from briefing.quality.checking import Checker
from briefing.translation.engine import Engine

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


def _french(word: str) -> str:
    """A French spelling of a generated word: another transliteration, sometimes an accent."""
    spelled = word.replace("sh", "ch").replace("Sh", "Ch").replace("u", "ou").replace("ouou", "ou")
    return spelled[:-1] + "é" if spelled.endswith("a") and len(spelled) > 4 else spelled


@st.composite
def words(draw) -> tuple[str, str, str]:
    """One word of a name in English, French and Arabic."""
    parts = draw(st.lists(st.sampled_from(sorted(SYLLABLES)), min_size=2, max_size=3))
    english = "".join(parts).capitalize()
    return english, _french(english), "".join(SYLLABLES[p] for p in parts)


@st.composite
def names(draw, index: int) -> Name:
    kind = draw(st.sampled_from(["person", "place", "organization"]))
    parts = draw(st.lists(words(), min_size=1 if kind == "place" else 2, max_size=4 if kind == "organization" else 3))
    hyphen = len(parts) > 2 and draw(st.booleans())  # Abdel-Fattah: two words joined
    separators = ["-" if hyphen and i == 0 else " " for i in range(len(parts) - 1)]

    def joined(language: int) -> str:
        return "".join(part[language] + (separators[i] if i < len(separators) else "") for i, part in enumerate(parts))

    arabic = joined(2).replace("-", " ")
    if kind == "place" and draw(st.booleans()):
        arabic = "ال" + arabic
    if kind != "person":
        return Name(f"n{index}", kind, joined(0), joined(1), arabic)
    last = parts[-1]
    full = f"{parts[0][0]} {last[0]}" if len(parts) > 2 else ""
    return Name(f"n{index}", kind, joined(0), joined(1), arabic, last, f"{draw(st.sampled_from(TITLES))} {last[0]}",
                full)


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


@st.composite
def glossaries(draw) -> list[Name]:
    count = draw(st.integers(2, 5))
    drawn = [draw(names(i)) for i in range(count)]
    spellings = [s for n in drawn for s in (n.en, n.fr, n.ar, *(n.short or ()))]
    folded = [unicodedata.normalize("NFKD", s).casefold() for s in spellings]
    words_of = [w for n in drawn for w in re.split(r"[ -]", n.en)]  # no word shared: "Dr X" names one person
    assume(len(set(folded)) == len(folded) and len(set(words_of)) == len(words_of))  # names apart
    return drawn


RELAXED = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def engine():
    return Engine()


def _whole(form: str, text: str) -> list[re.Match]:
    return list(re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text))


@RELAXED
@given(entries=glossaries(), data=st.data())
def test_each_mention_becomes_one_approved_form_through_translate(installed_models, engine, entries, data):
    from briefing.pipeline import TranslateRequest, translate

    template = data.draw(st.sampled_from(TEMPLATES))
    first, second = data.draw(st.permutations(entries))[:2]
    roles = ["preferred", *(["short", "title"] if first.short else []), *(["full"] if first.full else [])]
    role = data.draw(st.sampled_from(roles))
    mention = {"preferred": first.en, "short": first.short[0] if first.short else "", "title": first.title,
               "full": first.full}[role]
    sentence = template.format(mention, second.en)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "desk.toml").write_text(glossary_text(entries), encoding="utf-8")
        overlapping = entries[: len(entries) // 2 + 1]  # a partner termbase repeating some names, spelled otherwise
        (work / "partner.toml").write_text(glossary_text(overlapping, fr_suffix="x").replace("[n", "[partner-n"),
                                           encoding="utf-8")
        (work / "s.txt").write_text(sentence + "\n", encoding="utf-8")
        result = translate(TranslateRequest([work / "s.txt"], ["fr", "ar"], out_dir=work / "out", use_memory=False,
                                            glossary_paths=[work / "desk.toml", work / "partner.toml"]), engine=engine)
    for briefing in result.briefings:
        lang = briefing.target.language
        column = {"fr": 1, "ar": 2}[lang]
        short = first.short[1:] if first.short else ()
        expected = {"preferred": (first.fr, first.ar), "full": (first.fr, first.ar), "short": short,
                    "title": short}[role][column - 1]
        other = (second.fr, second.ar)[column - 1] if "{1}" in template else None
        output = " ".join(s.target for s in briefing.segments)
        assert len(_whole(expected, output)) == 1, (sentence, output)
        if other:
            assert len(_whole(other, output)) == 1, (sentence, output)
        if role == "title":
            assert first.title.split()[0].rstrip(".") in output  # the title is left for the model
        assert expected + "x" not in output  # the desk's termbase comes first
        statuses = [t.status for s in briefing.qa.segments for t in s.terms]
        assert statuses and all(status == "ok" for status in statuses), (sentence, output, statuses)


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


@RELAXED
@given(entries=glossaries(), data=st.data())
def test_the_check_passes_approved_forms_and_names_every_near_miss(entries, data):
    name = data.draw(st.sampled_from(entries))
    template = data.draw(st.sampled_from(TEMPLATES[:3]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.toml"
        path.write_text(glossary_text(entries), encoding="utf-8")
        glossary = load([path])
    source = template.format(name.en)
    others = {s.casefold() for n in entries if n is not name for s in (n.en, n.fr, n.ar)}
    for lang, form in (("fr", name.fr), ("ar", name.ar)):
        checker = Checker(glossary, "en", lang)
        (approved,) = checker.term_checks(source, template.format(form))
        assert (approved.status, approved.target_text) == ("ok", form)
        for kind, corrupted in corruptions(form, name.en, lang).items():
            if corrupted.casefold() in others:
                continue
            (check,) = checker.term_checks(source, template.format(corrupted))
            assert check.status == "variant", (kind, form, corrupted, check)
            assert check.expected[0] == form and check.target_text, (kind, check)
