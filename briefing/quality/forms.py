"""Which target form answers a source mention, and whether a spelling is the approved one.

A source mention maps to the target form of the same role: the preferred form to the preferred
form, a named form ("short", "plural", "adjective") to the same-named target form, anything else
to the preferred form. An entry says which form an alias stands for by listing it under `forms`
in the source language (`forms = { short = "Assad" }`). An alias that carries a title or an
honorific around a shorter form ("President Assad", "Gen. Hassan") stands for that shorter form
only: the title stays a word of the sentence, for the model to translate. Any other alias is the
whole name ("Bashar Assad" is Bashar al-Assad, not "Bashar" and Assad): a given name is never
taken for a title.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from briefing.glossary.model import Entry
from briefing.quality.matching import ALIAS, APPROVED, Match
from briefing.words import INFLECTIONS, fold, tokens

# Titles and honorifics that may stand before (or after) a name, folded as `fold` folds a word.
TITLES = {
    "en": {"president", "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "brig", "brigadier",
           "capt", "captain", "cmdr", "commander", "adm", "admiral", "field", "marshal", "sgt", "sergeant", "sheikh",
           "shaikh", "sheik", "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "sir", "lord", "lady",
           "minister", "prime", "foreign", "defence", "defense", "interior", "king", "queen", "prince", "princess",
           "emir", "sultan", "imam", "ayatollah", "grand", "mufti", "mullah", "judge", "justice", "mayor", "governor",
           "gov", "senator", "sen", "rep", "mp", "chief", "bishop", "archbishop", "patriarch", "rev", "father", "pope",
           "former", "late", "deputy", "vice", "acting", "interim"},
    "fr": {"president", "presidente", "general", "gen", "colonel", "col", "commandant", "capitaine", "lieutenant",
           "marechal", "amiral", "sergent", "cheikh", "docteur", "dr", "professeur", "pr", "m", "mme", "mlle",
           "monsieur", "madame", "ministre", "premier", "premiere", "roi", "reine", "prince", "princesse", "emir",
           "sultan", "imam", "ayatollah", "grand", "mufti", "juge", "maire", "gouverneur", "senateur", "depute",
           "deputee", "chef", "eveque", "archeveque", "patriarche", "pere", "pape", "ancien", "ancienne", "feu",
           "vice", "adjoint", "interimaire"},
    "ar": {fold(word) for word in (
        "الرئيس", "رئيس", "اللواء", "العميد", "العقيد", "المقدم", "الرائد", "النقيب", "الفريق", "المشير", "الشيخ",
        "الدكتور", "د", "السيد", "السيدة", "الأستاذ", "الوزير", "وزير", "الملك", "الأمير", "السلطان", "الإمام",
        "المفتي", "القاضي", "المحافظ", "الحاكم", "النائب", "المطران", "البطريرك", "الأب", "البابا", "الراحل",
        "السابق", "الأسبق")},
}
_ARABIC_INFLECTIONS = {"", "ون", "ين", "ان", "ات", "ي", "ة", "تان", "تين", "يون", "يين", "ية", "يات"}
_ARABIC_CLITICS = tuple(sorted({c + p for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك")} - {""}, key=len,
                               reverse=True))


def _folded(text: str) -> list[str]:
    return [fold(t.text) for t in tokens(text)]


def core(entry: Entry, mention: Match, lang: str, titles: frozenset[str] = frozenset()) -> Match:
    """The part of an alias mention that names the concept: the longest other recognised form
    of the entry inside it when only titles stand around it ("Assad" in "President Assad"; the
    built-in titles of the language and the words of `titles`), else the mention itself
    ("Bashar Assad")."""
    terms = entry.terms.get(lang)
    if mention.category != ALIAS or terms is None:
        return mention
    spans = tokens(mention.text)
    words = [fold(t.text) for t in spans]
    best = None
    for form in terms.recognised():
        inner = _folded(form)
        if not inner or len(inner) >= len(words) or form == mention.form:
            continue
        for i in range(len(words) - len(inner) + 1):
            around = words[:i] + words[i + len(inner) :]
            if words[i : i + len(inner)] == inner and _titles(around, lang, titles) and (
                    best is None or len(inner) > best[2]):
                best = (i, form, len(inner))
    if best is None:
        return mention
    i, form, length = best
    start, end = mention.start + spans[i].start, mention.start + spans[i + length - 1].end
    category = APPROVED if form in terms.approved() else ALIAS
    return replace(mention, start=start, end=end, text=mention.text[spans[i].start : spans[i + length - 1].end],
                   form=form, category=category)


def _titles(words: list[str], lang: str, extra: frozenset[str]) -> bool:
    titles = TITLES.get(lang.split("_")[0], set())
    return all(word in titles or word in extra for word in words)


def corresponding_form(entry: Entry, mention: Match, source_lang: str, target_lang: str,
                       titles: frozenset[str] = frozenset()) -> str | None:
    """The target form of the same role as the source form that was found (`target_lang` may be
    a locale: its regional form where the entry has one)."""
    target, source = entry.terms_for(target_lang), entry.terms.get(source_lang)
    if target is None:
        return source.preferred if entry.do_not_translate and source else None
    mention = core(entry, mention, source_lang, titles)
    if source is not None:
        spelled = _folded(mention.form)
        for name, value in source.forms.items():
            if _folded(value) == spelled and name in target.forms:
                return target.forms[name]
    return target.preferred


def same_spelling(found: str, form: str, lang: str, name: bool = False) -> bool:
    """`found` spells `form` letter for letter (after Unicode normalisation and case), allowing
    only inflectional endings and, in Arabic, proclitics and the article: "Alaouites" for
    "Alaouite", "والعلوية" for "العلوية"; not "Jable" for "Jablé" nor "جبله" for "جبلة". A `name`
    takes no endings and keeps its hyphens, spaces and Arabic article: "Abdel Rahman" and
    "Abdel-Rahmane" are not "Abdel Rahmane", "فاشر" is not "الفاشر" (but "والفاشر" is)."""
    if name:
        return _same_name(found, form, lang)
    found_words = [_strict(t.text) for t in tokens(found)]
    form_words = [_strict(t.text) for t in tokens(form)]
    return len(found_words) == len(form_words) and all(
        _same_word(a, b, lang) for a, b in zip(found_words, form_words, strict=True))


def _strict(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


# Typography is not spelling: the typographic apostrophe, no-break hyphens and spaces.
_TYPOGRAPHY = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "\u2010": "-", "\u2011": "-", "\u00a0": " ",
                             "\u202f": " "})


def _same_name(found: str, form: str, lang: str) -> bool:
    found, form = (" ".join(_strict(text).translate(_TYPOGRAPHY).split()) for text in (found, form))
    if found == form:
        return True
    if lang != "ar":
        return False
    first, _, rest = found.partition(" ")
    form_first, _, form_rest = form.partition(" ")
    return rest == form_rest and form_first in _arabic_readings(first)[1:]


def _same_word(found: str, form: str, lang: str) -> bool:
    if found == form:
        return True
    if lang == "ar":
        bare_form = _without_article(form)
        return any(_inflected(_without_article(candidate), bare_form, _ARABIC_INFLECTIONS)
                   for candidate in _arabic_readings(found))
    return _inflected(found, form, INFLECTIONS.get(lang, {""}))


def _inflected(found: str, form: str, endings: set[str]) -> bool:
    common = 0
    while common < min(len(found), len(form)) and found[common] == form[common]:
        common += 1
    if common < 2:
        return False
    return found[common:] in endings and form[common:] in endings


def _without_article(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _arabic_readings(word: str) -> list[str]:
    """The word with each possible proclitic taken off, and لل read as ل + ال (للفاشر: الفاشر;
    before a word that starts with lam, للاذقية: اللاذقية)."""
    readings = [word]
    for clitic in _ARABIC_CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            rest = word[len(clitic) :]
            readings.append(rest)
            if clitic.endswith("ل") and rest.startswith("ل"):
                readings += ["ا" + rest, "ال" + rest]
    return readings
