"""Corrections are a way into every later briefing: one is recorded only when `check` would call
it ok (or the reviewer accepts it), whatever file it comes in (JSON, TMX, XLIFF of one or many
files), under the languages and locale it was made for; and `check` calls ok only what a reader
sees letter for letter: no figure under a bidi override or in another script's digits, no name
spelt with look-alike letters."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.glossary.files import load
from briefing.pipeline import ImportRequest, import_corrections
from briefing.quality.checking import Checker
from briefing.translation.memory import Memory
from tests.conftest import ROOT

GLOSSARY = load([ROOT / "glossary"])
SENTENCE = "Gunmen killed 745 Alawites near Jableh on Friday."
GOOD = {"fr": "Des hommes armés ont tué 745 Alaouites près de Jablé vendredi.",
        "ar": "قتل مسلحون 745 علويين قرب جبلة يوم الجمعة."}
NAME = {"fr": "Jablé", "ar": "جبلة"}
HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "J": "Ј", "é": "е́", "ب": "پ", "ة": "ه", "ل": "ڸ"}  # Cyrillic, Persian…
HIDDEN = ["\u200b", "\u200c", "\u2060", "\u00ad", "\ufeff"]


def spoilt(lang: str) -> dict[str, str]:
    """Each way a correction could carry what a reader would not take for the approved text."""
    good, name = GOOD[lang], NAME[lang]
    swapped = next(name.replace(k, v, 1) for k, v in HOMOGLYPHS.items() if k in name)
    variants = {
        "homoglyph": good.replace(name, swapped),
        "figure under an override": good.replace("745", "\u202e745\u202c"),
        "figure in other digits": good.replace("745", "७४५"),
        "figure changed": good.replace("745", "754"),
        "name dropped": good.replace(name, "la ville" if lang == "fr" else "المدينة"),
        "wrong script": SENTENCE if lang == "ar" else GOOD["ar"],
    }
    variants |= {f"hidden {ord(ch):04x}": good.replace(name, name[:2] + ch + name[2:]) for ch in HIDDEN}
    if lang == "fr":
        variants["forbidden form"] = good.replace("Alaouites", "Alawites")
        variants["styled letter"] = good.replace("Jablé", "Ｊablé")
    return variants


def briefing_file(tmp_path, lang: str, target: str, locale: str | None = None):
    path = tmp_path / f"coast.{locale or lang}.json"
    segment = {"index": 0, "block": 0, "source": SENTENCE, "target": target, "machine": GOOD[lang],
               "corrected": True}
    path.write_text(json.dumps({"source_lang": "en", "target_lang": lang, "target_locale": locale,
                                "segments": [segment]}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_correction_check_would_not_call_ok_is_held_back_unless_accepted(tmp_path, lang):
    for attack, target in spoilt(lang).items():
        memory = tmp_path / f"{attack}.sqlite"
        path = briefing_file(tmp_path, lang, target)
        held = import_corrections(ImportRequest([path], glossary_paths=[ROOT / "glossary"], memory=memory))
        assert held.recorded == 0 and held.files[0].refused, (attack, target)
        accepted = import_corrections(ImportRequest([path], accept_changes=True, glossary_paths=[ROOT / "glossary"],
                                                    memory=memory))
        assert accepted.recorded == 1, attack
    clean = import_corrections(ImportRequest([briefing_file(tmp_path, lang, GOOD[lang])],
                                             glossary_paths=[ROOT / "glossary"], memory=tmp_path / "clean.sqlite"))
    assert clean.recorded == 1 and not clean.files[0].refused


# ----------------------------------------------------------------- what a reader sees

OTHER_DIGITS = {"devanagari": 0x0966, "bengali": 0x09E6, "thai": 0x0E50, "full-width": 0xFF10,
                "mathematical bold": 0x1D7CE, "mathematical monospace": 0x1D7F6, "persian": 0x06F0}
SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def written_in(number: int, zero: int | str) -> str:
    digits = SUPERSCRIPT if zero == "superscript" else [chr(zero + i) for i in range(10)]
    return "".join(digits[int(d)] for d in str(number))


@settings(max_examples=60, deadline=None)
@given(number=st.integers(10, 99999), system=st.sampled_from([*OTHER_DIGITS, "superscript"]),
       lang=st.sampled_from(["fr", "en"]))
def test_a_figure_in_digits_the_locale_does_not_write_is_never_ok(number, system, lang):
    checker = Checker(GLOSSARY, "en", lang)
    source = f"Officials said {number} people were displaced."
    written = written_in(number, OTHER_DIGITS.get(system, system))
    target = f"Selon les responsables, {written} personnes ont été déplacées."
    assert checker.check(0, source, target).problem_lines(), (system, target)
    assert not checker.check(0, source, target.replace(written, str(number))).problem_lines()


@settings(max_examples=60, deadline=None)
@given(number=st.integers(10, 99999).filter(lambda n: str(n) != str(n)[::-1]), cut=st.integers(0, 3))
def test_a_figure_shown_reversed_by_an_override_is_changed(number, cut):
    checker = Checker(GLOSSARY, "en", "ar")
    source = f"Officials said {number} people were displaced."
    figure = str(number)
    ending = "\u202c" if cut else ""  # an override closed, or running to the end of the paragraph
    target = f"قال مسؤولون إن \u202e{figure}{ending} شخصا نزحوا."
    assert "changed" in " ".join(checker.check(0, source, target).problem_lines()), target
    shown_right = f"قال مسؤولون إن \u202e{figure[::-1]}\u202c شخصا نزحوا."  # reads as the source's figure
    assert not [line for line in checker.check(0, source, shown_right).problem_lines() if "figure" in line]


@settings(max_examples=40, deadline=None)
@given(number=st.integers(100, 99999), position=st.integers(0, 10))
def test_a_figure_that_mixes_two_digit_systems_is_never_ok(number, position):
    checker = Checker(GLOSSARY, "en", "ar")
    digits = written_in(number, 0x0660)
    at = position % len(digits)
    mixed = digits[:at] + str(number)[at] + digits[at + 1:]
    source = f"Officials said {number} people were displaced."
    assert checker.check(0, source, f"قال مسؤولون إن {mixed} شخصا نزحوا.").problem_lines()
    assert not [line for line in checker.check(0, source, f"قال مسؤولون إن {digits} شخصا نزحوا.").problem_lines()
                if "figure" in line]


LOOK_ALIKES = {"ſ": "s", "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "Ｂ": "B", "𝐁": "B", "ℬ": "B", "ⁱ": "i"}


@pytest.mark.parametrize("look_alike, letters", LOOK_ALIKES.items())
def test_a_name_written_with_compatibility_letters_is_a_variant(look_alike, letters):
    checker = Checker(GLOSSARY, "en", "fr")
    for name in ("Banias", "Bachar al-Assad", "Lattaquié"):
        if letters not in name:
            continue
        target = f"Les habitants ont fui {name.replace(letters, look_alike, 1)} vendredi."
        terms = checker.check(0, "Residents fled Baniyas on Friday." if name == "Banias" else
                              f"Residents fled {'Latakia' if name == 'Lattaquié' else 'Bashar al-Assad'} on Friday.",
                              target).terms
        assert terms and all(t.status != "ok" for t in terms), target


# ----------------------------------------------------------------- CAT files


def xliff_1_2(files: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    body = []
    for number, (source_lang, target_lang, units) in enumerate(files):
        body.append(f'<file original="f{number}" source-language="{source_lang}" target-language="{target_lang}" '
                    'datatype="plaintext"><body>')
        body += [f'<trans-unit id="u{number}-{i}"><source>{s}</source><target>{t}</target></trans-unit>'
                 for i, (s, t) in enumerate(units)]
        body.append("</body></file>")
    return ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2">' + "".join(body) + "</xliff>")


def imported(tmp_path, name: str, text: str, accept: bool = True):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    memory = tmp_path / f"{name}.sqlite"
    result = import_corrections(ImportRequest([path], accept_changes=accept, glossary_paths=[ROOT / "glossary"],
                                              memory=memory))
    with Memory(memory) as store:
        return result, store.pairs(include_machine=False)


@pytest.mark.parametrize("pairs", [[("en", "fr"), ("en", "ar")], [("en-US", "ar-SY"), ("en-GB", "fr-FR"), ("en", "ar")],
                                   [("en", "ar"), ("en", "fr"), ("en", "ar")]])
def test_each_file_of_a_multi_file_xliff_keeps_its_own_languages(tmp_path, pairs):
    files = [(s, t, [(SENTENCE, GOOD[t.split("-")[0]])]) for s, t in pairs]
    result, stored = imported(tmp_path, "package.xlf", xliff_1_2(files))
    assert result.recorded == len(pairs)
    kept = {"fr": "fr", "ar": "ar", "ar-SY": "ar_SY", "fr-FR": "fr"}  # a language's own default region is the language
    assert sorted({(p.source_lang, p.target_lang, p.target) for p in stored}) == sorted(
        {("en", kept[t], GOOD[t.split("-")[0]]) for _, t in pairs})


CODES = {
    "tmx": ['<bpt i="1">&lt;b&gt;</bpt>', '<ept i="1">&lt;/b&gt;</ept>', '<ph>&lt;img src=x onerror=alert(1)&gt;</ph>',
            '<it pos="begin">&lt;script&gt;</it>'],
    "xlf": ['<ph id="1">&lt;script&gt;alert(1)&lt;/script&gt;</ph>', '<x id="2"/>',
            '<bpt id="3">&lt;a href="javascript:x"&gt;</bpt>', '<ept id="3">&lt;/a&gt;</ept>'],
}


@pytest.mark.parametrize("kind", CODES)
@pytest.mark.parametrize("where", [0, 1, 2])
def test_inline_codes_never_become_text(tmp_path, kind, where):
    words = GOOD["fr"].split(" ")
    marked = " ".join(words[:where + 1] + CODES[kind] + words[where + 1:])
    kept = '<g id="9">' + GOOD["fr"].split(" ")[0] + "</g>" if kind == "xlf" else "<hi>Des</hi>"
    marked = marked.replace(words[0], kept, 1)
    if kind == "tmx":
        text = ('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
                'adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body><tu>'
                f'<tuv xml:lang="en"><seg>{SENTENCE}</seg></tuv><tuv xml:lang="fr"><seg>{marked}</seg></tuv>'
                '</tu></body></tmx>')
    else:
        text = xliff_1_2([("en", "fr", [(SENTENCE, marked)])])
    result, stored = imported(tmp_path, f"codes.{kind}", text, accept=False)
    assert result.recorded == 1, result.files[0].refused
    assert " ".join(stored[0].target.split()) == GOOD["fr"]
    assert not any(mark in stored[0].target for mark in ("<", "script", "alert", "onerror", "javascript"))


def tmx(source_lang: str, variants: list[tuple[str, str]]) -> str:
    units = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    return (f'<?xml version="1.0"?><tmx version="1.4"><header srclang="{source_lang}" datatype="plaintext" '
            f'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>'
            f"<body><tu>{units}</tu></body></tmx>")


@pytest.mark.parametrize("code", ["xx", "qq-ZZ", "klingon", "xx-YY", "*", "", "fr_QQ-x"])
def test_a_made_up_language_code_is_never_recorded(tmp_path, code):
    result, stored = imported(tmp_path, "made-up.tmx", tmx("en", [("en", SENTENCE), (code, GOOD["fr"])]))
    assert result.recorded == 0 and stored == []
    assert result.files[0].skipped
    xlf, stored = imported(tmp_path, "made-up.xlf", xliff_1_2([("en", code, [(SENTENCE, GOOD["fr"])])]))
    assert xlf.recorded == 0 and stored == [] and xlf.files[0].skipped


@pytest.mark.parametrize("variants", [[("en", SENTENCE), ("fr", GOOD["fr"])], [("fr", GOOD["fr"]), ("en-US", SENTENCE)],
                                      [("en-GB", SENTENCE), ("ar", GOOD["ar"]), ("fr-FR", GOOD["fr"])]])
def test_srclang_all_is_legal_tmx_and_takes_the_desks_source_language(tmp_path, variants):
    result, stored = imported(tmp_path, "all.tmx", tmx("*all*", variants))
    targets = [lang for lang, _ in variants if not lang.startswith("en")]
    assert result.recorded == len(targets)
    assert sorted(p.target_lang for p in stored) == sorted(t.split("-")[0] for t in targets)
    assert all(p.sentence == SENTENCE and p.source_lang == "en" for p in stored)


def test_a_regional_correction_is_checked_and_kept_under_its_locale(tmp_path):
    """fr_CA with regional forms in the glossary: its correction is checked against them and
    kept apart from French's (a Canadian desk's wording never enters a briefing for France)."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "names.toml").write_text(
        '[jableh]\nkind = "place"\nen.preferred = "Jableh"\nfr.preferred = "Jablé"\nfr_CA.preferred = "Djablé"\n',
        encoding="utf-8")
    canadian = GOOD["fr"].replace("Jablé", "Djablé")
    path = briefing_file(tmp_path, "fr", canadian, locale="fr_CA")
    result = import_corrections(ImportRequest([path], glossary_paths=[glossary], memory=tmp_path / "m.sqlite"))
    assert result.recorded == 1, result.files[0].refused
    with Memory(tmp_path / "m.sqlite") as store:
        assert store.edits("en", "fr_CA", [SENTENCE]) == {SENTENCE: canadian}
        assert store.edits("en", "fr", [SENTENCE]) == {}
    french = briefing_file(tmp_path, "fr", canadian)  # France's briefing with Canada's name: not ok
    held = import_corrections(ImportRequest([french], glossary_paths=[glossary], memory=tmp_path / "m.sqlite"))
    assert held.recorded == 0 and held.files[0].refused


@pytest.mark.parametrize("where", ["target", "source", "title"])
@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff", "\\udc00x", "a\\ud83d"])
def test_a_briefing_json_with_a_lone_surrogate_is_one_line_and_the_other_files_go_in(tmp_path, where, surrogate):
    from tests.conftest import run_briefing
    from tests.hostile.test_hostile import one_line_error

    good = briefing_file(tmp_path, "fr", GOOD["fr"])
    spoilt = tmp_path / "spoilt.fr.json"
    segment = {"index": 0, "block": 0, "source": SENTENCE, "target": GOOD["fr"], "corrected": True}
    text = json.dumps({"source_lang": "en", "target_lang": "fr", "title": "T", "segments": [segment]})
    marker = {"target": GOOD["fr"], "source": SENTENCE, "title": "T"}[where]
    spoilt.write_text(text.replace(json.dumps(marker)[1:-1], surrogate, 1), encoding="utf-8")
    result = run_briefing("memory", "import", str(spoilt), str(good), "--memory", str(tmp_path / "m.sqlite"))
    assert "lone surrogate" in result.stderr and "Traceback" not in result.stderr
    assert "1 correction(s) recorded" in result.stdout
    alone = run_briefing("memory", "import", str(spoilt), "--memory", str(tmp_path / "m.sqlite"))
    one_line_error(alone)


@pytest.mark.parametrize("locale", ["fr_CA", "fr_BE", "ar_SY"])
def test_a_regional_correction_enters_that_regions_briefings_only(installed_models, tmp_path, locale):
    """With no regional form in the glossary: kept under its locale, used when translating into
    it, never in the language's own briefings (nor the other way round)."""
    from tests.conftest import run_briefing

    language = locale.split("_")[0]
    source = tmp_path / "coast.txt"
    source.write_text("Residents fled the town on Friday.\n\nThe roads were closed.\n", encoding="utf-8")
    memory = str(tmp_path / "m.sqlite")
    first = run_briefing("translate", str(source), "--to", language, "--to", locale, "--out", str(tmp_path / "out"),
                         "--memory", memory, "-q")
    assert first.returncode == 0, first.stderr
    edited = tmp_path / "out" / f"coast.{locale}.json"
    data = json.loads(edited.read_text(encoding="utf-8"))
    regional = "Les résidents ont quitté la ville vendredi." if language == "fr" else "غادر السكان المدينة يوم الجمعة."
    data["segments"][0]["target"] = regional
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    imported = run_briefing("memory", "import", str(edited), "--memory", memory)
    assert imported.returncode == 0, imported.stderr
    again = run_briefing("translate", str(source), "--to", language, "--to", locale, "--out", str(tmp_path / "again"),
                         "--memory", memory, "-q")
    assert again.returncode == 0, again.stderr
    segments = {target: json.loads((tmp_path / "again" / f"coast.{target}.json").read_text(encoding="utf-8"))
                ["segments"][0]["target"] for target in (language, locale)}
    assert segments[locale] == regional and segments[language] != regional
