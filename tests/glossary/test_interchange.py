import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.glossary.files import load
from briefing.glossary.interchange import export, read_csv, read_file, read_tbx
from briefing.glossary.model import KINDS, Entry, Glossary, GlossaryError, Terms
from tests.conftest import ROOT, run_briefing

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol2;</term></tig></langSet></termEntry>
</body></text></martif>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&xxe;</term></tig></langSet></termEntry>
</body></text></martif>"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL])
def test_unsafe_tbx_is_refused_in_one_line(tmp_path, payload):
    path = tmp_path / "evil.tbx"
    path.write_bytes(payload)
    with pytest.raises(GlossaryError, match="refused unsafe XML"):
        read_tbx(payload, path)
    result = run_briefing("glossary", "import", str(path), "--into", str(tmp_path / "g.toml"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "refused unsafe XML" in result.stderr
    assert not (tmp_path / "g.toml").exists()


def test_a_tbx_declaring_an_unknown_encoding_is_one_line(tmp_path):
    path = tmp_path / "odd.tbx"
    payload = b'<?xml version="1.0" encoding="latin-99"?><martif/>'
    path.write_bytes(payload)
    with pytest.raises(GlossaryError, match="odd.tbx: unknown encoding: latin-99"):
        read_tbx(payload, path)


def test_repo_glossary_round_trips_through_tbx_and_csv(tmp_path):
    glossary = load([ROOT / "glossary"])
    for fmt in ("tbx", "csv"):
        path = tmp_path / f"g.{fmt}"
        path.write_text(export(glossary, fmt), encoding="utf-8")
        assert [e.to_dict() | {"id": e.id} for e in read_file(path)] == [
            e.to_dict() | {"id": e.id} for e in glossary
        ]


def test_cli_export_then_import_into_a_new_file(tmp_path):
    tbx = tmp_path / "coast.tbx"
    assert run_briefing("glossary", "export", "--format", "tbx", "-o", str(tbx)).returncode == 0
    target = tmp_path / "imported.toml"
    result = run_briefing("glossary", "import", str(tbx), "--into", str(target), "--glossary", str(target))
    assert result.returncode == 0, result.stderr
    assert len(load([target])) == len(load([ROOT / "glossary"]))


def test_tbx_v3_and_deepl_style_csv_and_omegat(tmp_path):
    v3 = tmp_path / "v3.tbx"
    v3.write_text(
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="jableh">'
        '<langSec xml:lang="en"><termSec><term>Jableh</term></termSec></langSec>'
        '<langSec xml:lang="fr"><termSec><term>Jablé</term>'
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>'
        '<termSec><term>Jebleh</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>'
        "</termSec></langSec></conceptEntry></body></text></tbx>",
        encoding="utf-8",
    )
    (entry,) = read_file(v3)
    assert entry.terms["fr"].preferred == "Jablé" and entry.terms["fr"].forbidden == ["Jebleh"]
    (deepl,) = read_csv("en,fr\nLatakia,Lattaquié|Lattakié\n", tmp_path / "d.csv")
    assert deepl.id == "latakia" and deepl.terms["fr"].admitted == ["Lattakié"]
    omegat = tmp_path / "glossary.txt"
    omegat.write_text("# OmegaT\nHmeimim\tHmeimim\tRussian air base\nLatakia\tLattaquié\n", encoding="utf-8")
    entries = read_file(omegat, source_lang="en", target_lang="fr")
    assert [e.id for e in entries] == ["hmeimim", "latakia"] and entries[0].note == "Russian air base"


forms = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs", "P"], exclude_characters="|\x85\u2028\u2029"), min_size=1,
).map(str.strip).filter(bool)
terms = st.builds(
    Terms,
    preferred=forms,
    admitted=st.lists(forms, max_size=2, unique=True),
    forbidden=st.lists(forms, max_size=2, unique=True),
    forms=st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), forms, max_size=2),
    aliases=st.lists(forms, max_size=2, unique=True),
)
entries = st.builds(
    Entry,
    id=st.from_regex(r"[a-z0-9][a-z0-9_-]{0,12}", fullmatch=True),
    kind=st.sampled_from(KINDS),
    terms=st.dictionaries(st.sampled_from(["en", "fr", "ar"]), terms, min_size=1),
    note=forms | st.just(""),
    do_not_translate=st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(entries, max_size=4, unique_by=lambda e: e.id), st.sampled_from(["tbx", "csv"]))
def test_export_import_round_trip_property(tmp_path, generated, fmt):
    for entry in generated:
        for t in entry.terms.values():
            t.forms = {k: v for k, v in t.forms.items() if "=" not in v}
    glossary = Glossary({e.id: e for e in generated})
    path = tmp_path / f"g.{fmt}"
    path.write_text(export(glossary, fmt), encoding="utf-8")
    assert [e.to_dict() for e in read_file(path)] == [e.to_dict() for e in generated]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_either_a_glossary_or_a_glossary_error(text):
    import tempfile
    from pathlib import Path

    from briefing.glossary.files import read_entries

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.toml"
        path.write_text(text, encoding="utf-8")
        try:
            read_entries(path)
        except GlossaryError as err:
            assert str(err).startswith(str(path))


@pytest.mark.parametrize("concept_id, expected", [("c1", "hmeimim-air-base"), ("17", "hmeimim-air-base"),
                                                 ("tbx-0042", "hmeimim-air-base"), ("C3", "hmeimim-air-base"),
                                                 ("0f8fad5b-d9cb-469f-a165-70867728950e", "hmeimim-air-base"),
                                                 ("hmeimim", "hmeimim"), ("russian-base", "russian-base")])
def test_a_tbx_concept_id_that_names_nothing_gives_way_to_the_term_and_definitions_are_kept(tmp_path, concept_id,
                                                                                           expected):
    from briefing.glossary.interchange import read_file

    tbx = tmp_path / "terms.tbx"
    tbx.write_text(
        '<?xml version="1.0"?><martif type="TBX-Basic" xml:lang="en"><text><body>'
        f'<termEntry id="{concept_id}"><descrip type="definition">Russian air base near Jableh.</descrip>'
        '<langSet xml:lang="en"><tig><term>Hmeimim Air Base</term></tig></langSet>'
        '<langSet xml:lang="fr"><descrip type="definition">Base aérienne russe.</descrip>'
        '<tig><term>base aérienne de Hmeimim</term></tig></langSet>'
        '</termEntry></body></text></martif>', encoding="utf-8")
    (entry,) = read_file(tbx, None, "en", "fr")
    assert entry.id == expected
    assert "definition: Russian air base near Jableh." in entry.note and "Base aérienne russe." in entry.note
