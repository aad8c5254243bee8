"""Term recognition: inflection, clitics, elision, overlap, case — with real sentences."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.glossary.files import load
from briefing.quality.matching import FORBIDDEN, Matcher
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def glossary():
    return load([ROOT / "glossary"])


def found(glossary, lang, text, *categories):
    matcher = Matcher(glossary, lang, categories or ("approved", "admitted", "alias"))
    return [(m.entry_id, m.text) for m in matcher.find(text)]


def test_english_possessives_plurals_aliases_and_longest_match(glossary):
    text = "Assad's forces and Alawites fled; Bashar al-Assad's base at Hmeimim was shelled."
    assert found(glossary, "en", text) == [
        ("bashar-al-assad", "Assad"), ("alawites", "Alawites"),
        ("bashar-al-assad", "Bashar al-Assad"), ("hmeimim", "Hmeimim"),
    ]


def test_tokenised_text_still_matches(glossary):
    assert ("bashar-al-assad", "Assad") in found(glossary, "en", "loyal to Assad 's family")


@pytest.mark.parametrize(
    ("sentence", "entry", "surface"),
    [
        ("قال سكان في اللاذقية إن الكهرباء انقطعت.", "latakia", "اللاذقية"),
        ("وصل النازحون إلى بانياس وجبلة صباح السبت.", "jableh", "وجبلة"),
        ("فرّ كثير من العلويين إلى لبنان.", "alawites", "العلويين"),
        ("وقال مصدر للعلويين إن القرى نُهبت.", "alawites", "للعلويين"),
        ("وأفاد بالمرصد السوري لحقوق الإنسان شهود.", "syrian-observatory-for-human-rights",
         "بالمرصد السوري لحقوق الإنسان"),
        ("لجأ السكان إلى قاعدة حميميم الروسية.", "hmeimim", "حميميم"),
        ("فالعلويون يخشون الانتقام.", "alawites", "فالعلويون"),
        ("كتائب موالية للأسد في الساحل.", "bashar-al-assad", "للأسد"),
        ("وكقوات هيئة تحرير الشام دخلت المدينة.", "hayat-tahrir-al-sham", "هيئة تحرير الشام"),
    ],
)
def test_arabic_proclitics_and_article(glossary, sentence, entry, surface):
    assert (entry, surface) in found(glossary, "ar", sentence)


def test_arabic_diacritics_and_spelling_variants(glossary):
    assert ("latakia", "اللّاذِقِيَّة") in found(glossary, "ar", "في اللّاذِقِيَّة")
    assert ("syria", "سورية") in found(glossary, "ar", "في سورية")


@pytest.mark.parametrize(
    ("sentence", "entry", "surface"),
    [
        ("Les Alaouites de Lattaquié ont fui vers le Liban.", "alawites", "Alaouites"),
        ("Selon l'Observatoire syrien des droits de l’homme, 745 civils ont été tués.",
         "syrian-observatory-for-human-rights", "Observatoire syrien des droits de l’homme"),
        ("D'après l'OSDH, les combats ont cessé.", "syrian-observatory-for-human-rights", "OSDH"),
        ("la communauté alaouite est visée", "alawites", "alaouite"),
        ("les villages alaouites de la côte", "alawites", "alaouites"),
        ("à JABLÉ comme à Jable", "jableh", "JABLÉ"),
        ("le ministère français des affaires étrangères", "french-foreign-ministry",
         "ministère français des affaires étrangères"),
    ],
)
def test_french_elision_accents_case_and_inflection(glossary, sentence, entry, surface):
    assert (entry, surface) in found(glossary, "fr", sentence)


def test_acronyms_match_only_in_capitals(glossary):
    assert ("associated-press", "AP") in found(glossary, "en", "told AP on Friday")
    assert found(glossary, "en", "an ap on the table") == []


def test_forbidden_forms_are_found_when_asked(glossary):
    text = "Des combattants de Hayat Tahrir al-Sham sont entrés."
    assert found(glossary, "fr", text, "approved", FORBIDDEN) == [("hayat-tahrir-al-sham", "Hayat Tahrir al-Sham")]


# ---------------------------------------------------------------- incremental tables


def _write_glossary(path, entries):
    lines = []
    for entry_id, (kind, english, french) in sorted(entries.items()):
        lines += [f"[{entry_id}]", f'kind = "{kind}"', f"[{entry_id}.en]", f'preferred = "{english[0]}"']
        if english[1:]:
            lines.append("aliases = [" + ", ".join(f'"{a}"' for a in english[1:]) + "]")
        lines += [f"[{entry_id}.fr]", f'preferred = "{french}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _normalised(matcher):
    def walk(node):
        return {key: sorted(value) if key == "\x00" else walk(value) for key, value in node.items()}

    return walk({first: matcher._branch(first) for first in list(matcher.trie)})


_WORDS = st.sampled_from(["Jableh", "Baniyas", "Hmeimim", "coast", "al-Assad", "Tartus", "village", "security",
                          "forces", "Latakia", "bridge", "north"])
_FORMS = st.lists(st.lists(_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=3, unique=True)
_ENTRY = st.tuples(st.sampled_from(["place", "other"]), _FORMS, _WORDS)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(before=st.dictionaries(st.sampled_from([f"e{i}" for i in range(12)]), _ENTRY, min_size=1),
       edits=st.dictionaries(st.sampled_from([f"e{i}" for i in range(12)]), st.none() | _ENTRY))
def test_tables_updated_after_an_edit_are_the_tables_built_afresh(tmp_path_factory, before, edits):
    """Any glossary, any edits (entries changed, added, removed): the cached tables updated for
    the changed entries equal tables built from nothing, and find the same terms."""
    import os

    from briefing.quality.matching import matcher_for

    work = tmp_path_factory.mktemp("incremental")
    os.environ["BRIEFING_CACHE"] = str(work / "cache")
    try:
        path = work / "g.toml"
        _write_glossary(path, before)
        matcher_for(load([path]), "en", ("approved", "admitted", "alias"))  # stores the tables of `before`
        after = {k: v for k, v in {**before, **edits}.items() if v is not None}
        if not after:
            return
        _write_glossary(path, after)
        glossary = load([path])
        updates = []
        original = Matcher.update
        Matcher.update = lambda self, old, new: updates.append(1) or original(self, old, new)
        try:
            updated = matcher_for(glossary, "en", ("approved", "admitted", "alias"))
        finally:
            Matcher.update = original
        fresh = Matcher(glossary, "en")
    finally:
        del os.environ["BRIEFING_CACHE"]
    assert updates == ([] if after == before else [1])  # the stored tables were updated, not rebuilt
    assert _normalised(updated) == _normalised(fresh)
    text = ". ".join(form for _, forms, _ in after.values() for form in forms) + "."
    assert sorted(map(repr, updated.find(text))) == sorted(map(repr, fresh.find(text)))
