"""The review desk in a real headless browser (Debian's chromium through Playwright): the served
folder's briefings, a review page's filters, a name flagged as it is typed and cleared when
fixed, a changed figure confirmed only after the accept, statuses kept across a reload, the
confirmed sentence reused by the next run; a hostile source shown as text with no request
leaving the server; two reviewers on one briefing."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.conftest import ROOT, SEEDS, pdf_text, run_briefing
from tests.serve.conftest import start_server, stop_server

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_BROWSER = "chromium is not installed (.ci/system-packages installs it)"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason=NO_BROWSER)]

SOURCE = ("# Coast\n\nGunmen killed 745 civilians near Jableh.\n\nResidents fled Baniyas on Friday.\n\n"
          "A page said <script>alert(1)</script> and <img src=x onerror=alert(2)> and "
          "[a link](javascript:alert(3)) with style=\"background:url(http://198.51.100.7/x.png)\".\n")


PAGE = ("<!doctype html><html><head><title>Report</title><script>fetch('http://198.51.100.7/beacon')</script>"
        "</head><body><article><h1>Clashes on the coast</h1><p>Residents of the coast said the page showed "
        "&lt;script&gt;alert(4)&lt;/script&gt; and &lt;img src=x onerror=alert(5)&gt; beside "
        '<a href="javascript:alert(6)">a link</a> and <span style="background:url(http://198.51.100.7/y.png)">'
        "a picture</span>, then the shelling resumed near Jableh on Friday night.</p></article></body></html>")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    home = tmp_path_factory.mktemp("desk")
    server = start_server(home, "--out", str(home / "out"))  # installs the models; its memory: home/memory.sqlite
    source = home / "coast.md"
    source.write_text(SOURCE, encoding="utf-8")
    (home / "page.html").write_text(PAGE, encoding="utf-8")
    env = {"HOME": str(home), "ARGOS_PACKAGES_DIR": str(home / "packages")}
    done = run_briefing("translate", str(source), str(home / "page.html"), *map(str, SEEDS), "--to", "fr", "--to", "ar",
                        "--out", str(home / "out"),
                        "--memory", str(home / "memory.sqlite"), "--glossary", str(ROOT / "glossary"), "-q",
                        env=env, fresh=True)
    assert done.returncode == 0, done.stderr
    yield server, home, env
    stop_server(server)


@pytest.fixture
def browser():
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def look_up(page, form: str, text: str, expected: str) -> None:
    """Search the concordance or the glossary beside the grid and wait for `expected` in the results."""
    page.fill(f"#{form}-text", text)
    page.click(f"#{form} button")
    page.locator(f"#{form}-results li", has_text=expected).wait_for()


def row_of(page, text: str):
    return page.locator("tr.row", has=page.locator("td.source", has_text=text))


def test_a_reviewer_corrects_confirms_and_finds_it_kept(desk, browser):
    server, home, env = desk
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server.url + "/")
    links = [page.locator("a", has_text=name).count() for name in ("coast.fr.json", "coast.ar.json")]
    assert links == [1, 1]
    for lang in ("ar", "fr"):  # a briefing of the seeds in each language: the flagged rows first, by the filter
        page.click(f"text={SEEDS[0].stem}.{lang}.json")
        rows = page.locator("tr.row")
        page.check("#flagged-only")
        flagged = page.locator("tr.row.flagged").count()
        assert 0 < page.locator("tr.row:not(.hidden)").count() == flagged <= rows.count()
        assert lang == "ar" or flagged < rows.count()  # in Arabic every copied English line is the wrong script
        assert rows.first.locator("textarea").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        page.go_back()
    page.click("text=coast.fr.json")

    name = row_of(page, "Residents fled Baniyas")
    name.locator("textarea").fill("Les habitants ont fui Baniass vendredi.")
    name.locator("td.findings", has_text="baniyas").wait_for()  # flagged as it is typed
    assert "flagged" in name.get_attribute("class")
    name.locator("textarea").fill("Les habitants ont fui Banias vendredi.")
    playwright.expect(name.locator("td.findings")).not_to_contain_text("baniyas")

    figure = row_of(page, "Gunmen killed 745")
    figure.locator("textarea").fill("Des hommes armés ont tué 754 civils près de Jablé.")
    figure.locator("button.confirm").click()
    figure.locator(".message", has_text="figure 745 changed").wait_for()
    assert figure.locator("td.status").inner_text() == "machine"  # held back
    figure.locator("button.accept").click()
    figure.locator("td.status", has_text="confirmed").wait_for()

    page.reload()
    figure = row_of(page, "Gunmen killed 745")
    assert figure.locator("td.status").inner_text() == "confirmed"
    assert figure.locator("textarea").input_value() == "Des hommes armés ont tué 754 civils près de Jablé."
    with page.expect_download() as downloading:
        page.click("a:text('PDF')")
    printed = home / "reviewed.fr.pdf"
    downloading.value.save_as(printed)
    assert "754 civils près de Jablé" in " ".join(pdf_text(printed).split())  # rewritten from the review
    again = run_briefing("translate", str(home / "coast.md"), "--to", "fr", "--out", str(home / "again"),
                         "--memory", str(home / "memory.sqlite"), "--glossary", str(ROOT / "glossary"), "-q",
                         env=env, fresh=True)
    assert again.returncode == 0, again.stderr
    segments = json.loads((home / "again" / "coast.fr.json").read_text(encoding="utf-8"))["segments"]
    reused = next(s for s in segments if s["source"].startswith("Gunmen"))
    assert reused["target"] == "Des hommes armés ont tué 754 civils près de Jablé." and reused["origin"] == "human"


def test_a_hostile_source_is_text_and_nothing_leaves_the_server(desk, browser):
    server, _, _ = desk
    page = browser.new_page()
    requests, dialogs = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server.url + "/review/coast.ar.json")
    hostile = row_of(page, "A page said")
    assert "<script>alert(1)</script>" in hostile.locator("td.source").inner_text()
    assert "onerror=alert(2)" in hostile.locator("td.source").inner_text()
    assert hostile.locator("textarea").get_attribute("dir") == "rtl"
    page.goto(server.url + "/review/page.fr.json")  # an HTML source page: its text, as text
    text = page.locator("table.review").inner_text()
    assert "<script>alert(4)</script>" in text and "onerror=alert(5)" in text
    page.wait_for_timeout(300)  # any image or script the page would load has been asked for by now
    assert not dialogs
    assert requests and all(url.startswith(server.url + "/") for url in requests), requests
    assert "default-src 'none'" in page.request.get(server.url + "/review/coast.ar.json").headers[
        "content-security-policy"]


def test_two_reviewers_confirm_at_once_and_the_second_on_one_sentence_is_told(desk, browser):
    server, _, _ = desk
    first, second = browser.new_page(), browser.new_page()
    for page in (first, second):
        page.goto(server.url + "/review/coast.fr.json")
    row_of(first, "Residents fled").locator("button.confirm").click()  # both at once, different sentences
    row_of(second, "Coast").locator("button.confirm").click()
    row_of(first, "Residents fled").locator("td.status", has_text="confirmed").wait_for()
    row_of(second, "Coast").locator("td.status", has_text="confirmed").wait_for()
    first.reload()
    assert row_of(first, "Coast").locator("td.status").inner_text() == "confirmed"  # both kept
    row_of(second, "Residents fled").locator("textarea").fill("Les habitants ont quitté Banias.")
    row_of(second, "Residents fled").locator("button.save").click()  # read before the first reviewer's save
    row_of(second, "Residents fled").locator(".message", has_text="meanwhile").wait_for()
    status = server.call("/review/coast.fr.json/save", {"index": 0, "target": "x", "version": 0}, as_json=True)
    assert status[0] == 403  # no CSRF token: refused


def test_names_concordance_and_glossary_beside_the_grid(desk, browser):
    server, _, _ = desk
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server.url + "/review/coast.fr.json")
    mark = row_of(page, "Residents fled").locator("mark.term")
    assert mark.inner_text() == "Baniyas" and "fr: Banias" in mark.get_attribute("title")
    assert "ar: بانياس" in mark.get_attribute("title")  # the entry's forms in every language
    look_up(page, "glossary", "jabl", "jableh")
    confirmed = row_of(page, "Coast")
    confirmed.locator("textarea").fill("Côte")
    confirmed.locator("button.confirm").click()
    confirmed.locator("td.status", has_text="confirmed").wait_for()
    look_up(page, "concordance", "côte", "Coast → Côte")
    order = [row.get_attribute("data-index") for row in page.locator("tr.row").all()]
    page.check("#least-sure-first")
    scores = [float(row.get_attribute("data-confidence") or 2) for row in page.locator("tr.row").all()]
    assert scores == sorted(scores)
    page.uncheck("#least-sure-first")
    assert [row.get_attribute("data-index") for row in page.locator("tr.row").all()] == order


def test_documents_uploaded_on_the_page_become_briefings_to_review(desk, browser, tmp_path):
    server, home, _ = desk
    upload = tmp_path / "ceasefire.txt"
    upload.write_text("The ceasefire in Latakia held on Sunday.\n\nAid reached Jableh.\n", encoding="utf-8")
    page = browser.new_page()
    page.goto(server.url + "/")
    page.set_input_files("#documents", str(upload))
    page.check("input[name=targets][value=fr]")
    page.click("#start-run button[type=submit]")
    page.locator("a", has_text="ceasefire.fr.json").wait_for(timeout=60_000)  # done: the list reloads
    assert (home / "out" / "ceasefire.fr.json").is_file()
    page.click("text=ceasefire.fr.json")
    assert row_of(page, "The ceasefire in Latakia").locator("mark.term").inner_text() == "Latakia"


def test_a_desk_editor_adds_and_fixes_a_glossary_entry_from_the_page(desk, browser):
    server, _, _ = desk
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server.url + "/review/coast.fr.json")
    editing = page.locator("#glossary-edit")
    editing.locator("input[name=id]").fill("qardaha")
    editing.locator("input[name=source-form]").fill("Qardaha")
    editing.locator("input[name=target-form]").fill("Kardaha")
    editing.locator("button").click()
    editing.locator(".message", has_text="saved in").wait_for()
    look_up(page, "glossary", "qardaha", "fr Kardaha")
    editing.locator("input[name=target-form]").fill("Qardaha")  # fixed: the French form
    editing.locator("input[name=source-form]").fill("")
    editing.locator("button").click()
    editing.locator(".message", has_text="saved in").wait_for()
    look_up(page, "glossary", "qardaha", "fr Qardaha")
    editing.locator("input[name=id]").fill("another")
    editing.locator("input[name=source-form]").fill("Jableh")  # a form another entry owns: refused
    editing.locator("input[name=target-form]").fill("Jablé")
    editing.locator("button").click()
    editing.locator(".message", has_text="jableh").wait_for()
