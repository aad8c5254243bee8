"""The service a server answers with, in-process: what arrives together goes through the engine
together, the glossary in force follows its files, a text keeps its shape, unknown languages are
refused before the queue."""

from __future__ import annotations

import html
import re
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.pipeline.service import Service, ServiceOptions, Unsupported
from briefing.pipeline.settings import resolve
from briefing.pipeline.texts import HTML, TEXT, shaped
from briefing.translation.engine import Engine
from tests.conftest import ROOT


class Counted(Engine):
    """The real engine, counting its passes and holding the first until told (so that others queue)."""

    def __init__(self) -> None:
        super().__init__()
        self.passes: list[int] = []
        self.release = threading.Event()

    def translate_scored(self, route, sentences, progress=None):
        self.passes.append(len(sentences))
        self.release.wait(timeout=30)
        return super().translate_scored(route, sentences, progress)


@pytest.fixture
def service(installed_models, tmp_path):
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "desk.toml").write_text((ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    engine = Counted()
    running = Service(resolve(), ServiceOptions(glossary_paths=[glossary], use_memory=False), engine).start()
    yield running, engine, glossary
    running.engine.release.set()
    running.stop()


def test_requests_that_arrive_together_go_through_the_engine_together(service):
    running, engine, _ = service
    first = running.translate(["Residents fled Baniyas."], "en", "fr")
    while not engine.passes:  # the worker is in the engine with the first request
        threading.Event().wait(0.01)
    waiting = [running.translate([f"Convoy {n} reached Jableh."], "en", "fr") for n in range(20)]
    engine.release.set()
    assert first.result(timeout=60)[0].translated == "Residents fled Banias."
    answers = [future.result(timeout=60)[0].translated for future in waiting]
    assert answers == [f"Convoy {n} reached Jablé." for n in range(20)]
    assert engine.passes == [1, 20]  # the twenty waiting requests: one pass


def test_a_glossary_file_edited_while_serving_is_in_force_at_the_next_request(service):
    running, engine, glossary = service
    engine.release.set()
    assert running.translate(["Aid reached Qardaha."], "en", "fr").result(timeout=60)[0].terms == []
    (glossary / "added.toml").write_text('[qardaha]\nkind = "place"\n[qardaha.en]\npreferred = "Qardaha"\n'
                                         '[qardaha.fr]\npreferred = "Kardaha"\n', encoding="utf-8")
    (result,) = running.translate(["Aid reached Qardaha."], "en", "fr").result(timeout=60)
    assert result.translated == "Aid reached Kardaha." and result.terms[0]["entry"] == "qardaha"


def test_unknown_languages_are_refused_before_the_queue(service):
    running, _, _ = service
    with pytest.raises(Unsupported, match="zz is not supported"):
        running.translate(["Hello."], "en", "zz")
    with pytest.raises(Unsupported, match="xx is not supported"):
        running.translate(["Hello."], "xx", "fr")


def test_a_text_keeps_its_lines_and_an_html_fragment_its_markup():
    text = shaped("First line.\n\n  Second line.\nThird.", TEXT, "t")
    assert [b.text for b in text.document.blocks] == ["First line.", "Second line.", "Third."]
    assert text.rebuilt(["Un.", "Deux.", "Trois."]) == "Un.\n\n  Deux.\nTrois."
    fragment = shaped('<p title="a<b">Tom &amp; Jerry</p><style>p {}</style><pre>x</pre> end', HTML, "h")
    assert [b.text for b in fragment.document.blocks] == ["Tom & Jerry", "end"]
    assert fragment.rebuilt(["Tom & Jerry <3", "fin"]) == \
        '<p title="a<b">Tom &amp; Jerry &lt;3</p><style>p {}</style><pre>x</pre> fin'


def test_edits_of_the_same_size_in_quick_succession_are_each_in_force(service):
    running, engine, glossary = service
    engine.release.set()
    added = glossary / "added.toml"
    for french in ("Kardaha", "Qardahe", "Kardahe"):  # each the same length, written in place at once
        added.write_text('[qardaha]\nkind = "place"\n[qardaha.en]\npreferred = "Qardaha"\n'
                         f'[qardaha.fr]\npreferred = "{french}"\n', encoding="utf-8")
        (result,) = running.translate(["Aid reached Qardaha."], "en", "fr").result(timeout=60)
        assert result.translated == f"Aid reached {french}."


_WORDS = st.text(alphabet="abcdefghij éàç&<>\"'", min_size=1, max_size=12).filter(lambda w: w.strip())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.just(""), st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)), min_size=1, max_size=8))
def test_any_plain_text_comes_back_line_for_line(lines):
    text = "\n".join(lines)
    shape = shaped(text, TEXT, "t")
    blocks = [b.text for b in shape.document.blocks]
    assert blocks == [" ".join(line.split()) for line in lines if line.strip()]  # one block per line with words
    kept = shape.rebuilt(blocks)
    assert kept.split("\n") == [line if not line.strip() else
                                line[: len(line) - len(line.lstrip())] + " ".join(line.split())
                                + line[len(line.rstrip()):] for line in lines]


_TAGS = st.sampled_from(["<p>", "</p>", "<b>", "</b>", '<a href="x?a=1&amp;b=2">', "</a>", "<br/>", "<!-- c -->"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_TAGS, _WORDS.map(html.escape)), max_size=12))
def test_any_html_fragment_keeps_its_markup_around_its_translated_text(parts):
    fragment = "".join(parts)
    shape = shaped(fragment, HTML, "h")
    translated = shape.rebuilt([f"[{b.text}]" for b in shape.document.blocks])
    tags = re.compile(r"<[^>]*>")
    assert tags.findall(translated) == tags.findall(fragment)  # every tag and comment, in order, untouched
    texts = [html.unescape(t) for t in tags.split(translated) if t.strip()]
    assert all(t.strip().startswith("[") and t.strip().endswith("]") for t in texts)  # only text was translated
