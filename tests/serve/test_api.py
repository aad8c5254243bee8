"""`briefing serve` as LibreTranslate's clients use it: the real `libretranslatepy` client, JSON
batches and form bodies, LibreTranslate's errors with their texts and codes, documents, and what
LibreTranslate lacks: the glossary enforced and watched, suggestions that are used, guarded."""

from __future__ import annotations

import concurrent.futures
import io
import time
import uuid

import pytest

from tests.serve.conftest import start_server, stop_server

pytestmark = pytest.mark.slow  # a server process


def test_the_libretranslate_client_lists_translates_with_the_glossary_and_detects(server):
    from libretranslatepy import LibreTranslateAPI

    client = LibreTranslateAPI(server.url + "/")
    languages = {entry["code"]: entry for entry in client.languages()}
    assert languages["en"]["targets"] == ["ar", "fr"] and languages["en"]["name"] == "English"
    assert client.translate("Gunmen killed 745 civilians near Jableh.", "en", "fr") == \
        "Gunmen killed 745 civilians near Jablé."  # the copy model copies; the glossary's form is enforced
    guesses = client.detect("Les habitants ont fui la ville vendredi soir.")
    assert guesses[0]["language"] == "fr" and 50 < guesses[0]["confidence"] <= 100


def test_a_json_batch_and_a_form_body_answer_alike_with_what_libretranslate_lacks(server):
    status, batch = server.call("/translate", {"q": ["Residents fled Baniyas.", "The roads were closed."],
                                               "source": "en", "target": "fr", "api_key": ""}, as_json=True)
    assert status == 200 and batch["translatedText"] == ["Residents fled Banias.", "The roads were closed."]
    assert batch["glossaryTerms"][0] == [{"entry": "baniyas", "source_text": "Baniyas", "target_text": "Banias",
                                          "status": "ok"}] and batch["glossaryTerms"][1] == []
    assert "untranslated" in batch["findings"][1] and batch["confidence"][0] is not None
    status, single = server.call("/translate", {"q": "Residents fled Baniyas.", "source": "en", "target": "fr"})
    assert status == 200 and single["translatedText"] == "Residents fled Banias."
    status, detected = server.call("/translate", {"q": "Residents fled Baniyas on Friday night, they said.",
                                                  "source": "auto", "target": "fr"})
    assert status == 200 and detected["detectedLanguage"]["language"] == "en"


def test_alternatives_are_the_model_s_n_best(server):
    status, answer = server.call("/translate", {"q": "Residents fled Baniyas.", "source": "en", "target": "fr",
                                                "alternatives": 2})
    assert status == 200 and answer["translatedText"] == "Residents fled Banias."
    assert len(answer["alternatives"]) == 2 and all(isinstance(text, str) for text in answer["alternatives"])
    assert answer["translatedText"] not in answer["alternatives"]  # the others, after the best
    status, batch = server.call("/translate", {"q": ["Hello.", "The roads were closed."], "source": "en",
                                               "target": "fr", "alternatives": 1}, as_json=True)
    assert status == 200 and [len(found) for found in batch["alternatives"]] == [1, 1]
    assert "alternatives" not in server.call("/translate", {"q": "Hello.", "source": "en", "target": "fr"})[1]


def test_html_keeps_its_markup_and_translates_the_text_between(server):
    fragment = '<p class="lead">Clashes in <b>Latakia</b> &amp; Baniyas.</p><script>var Latakia = 1;</script>'
    status, answer = server.call("/translate", {"q": fragment, "source": "en", "target": "fr", "format": "html"})
    assert status == 200
    assert answer["translatedText"] == ('<p class="lead">Clashes in <b>Lattaquié</b> &amp; Banias.</p>'
                                        "<script>var Latakia = 1;</script>")


@pytest.mark.parametrize(("data", "status", "error"), [
    ({"source": "en", "target": "fr"}, 400, "Invalid request: missing q parameter"),
    ({"q": "Hello.", "target": "fr"}, 400, "Invalid request: missing source parameter"),
    ({"q": "Hello.", "source": "en"}, 400, "Invalid request: missing target parameter"),
    ({"q": "Hello.", "source": "en", "target": "zz"}, 400, "zz is not supported"),
    ({"q": "Hello.", "source": "zz", "target": "fr"}, 400, "zz is not supported"),
    ({"q": "Hello.", "source": "en", "target": "fr", "format": "xml"}, 400, "xml format is not supported"),
])
def test_mistakes_get_libretranslate_s_texts_and_codes(server, data, status, error):
    assert server.call("/translate", data) == (status, {"error": error})


def test_a_wrong_method_invalid_json_and_cors_are_as_libretranslate_s(server):
    status, answer = server.call("/translate", method="GET")
    assert status == 405 and "error" in answer
    assert server.call("/translate", b"[1, 2", headers={"Content-Type": "application/json"}) == (
        400, {"error": "Invalid JSON format"})
    assert server.call("/detect", {}) == (400, {"error": "Invalid request: missing q parameter"})
    import urllib.request

    with urllib.request.urlopen(server.url + "/languages") as answer:
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert answer.headers["Access-Control-Allow-Methods"] == "GET, POST"
    for path in ("/frontend/settings", "/spec", "/health"):
        status, body = server.call(path)
        assert status == 200 and body
    assert server.call("/spec")[1]["paths"]["/translate"]["post"]


def _multipart(fields: dict, name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
             for key, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _translated_file(server, name: str, data: bytes, target: str = "fr") -> bytes:
    body, kind = _multipart({"source": "en", "target": target}, name, data)
    status, answer = server.call("/translate_file", body, headers={"Content-Type": kind})
    assert status == 200, answer
    url = answer["translatedFileUrl"]
    assert url.startswith(server.url + "/download_file/")
    status, translated = server.call(url[len(server.url):])
    assert status == 200
    return translated


def test_a_word_file_comes_back_as_a_word_file_and_a_pdf_as_a_pdf_briefing(server, tmp_path):
    import docx

    from tests.sources.test_tables import word_report

    word = _translated_file(server, "report.docx", word_report(tmp_path / "report.docx").read_bytes())
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word)).paragraphs)
    assert "Jablé" in text and "Jableh" not in text.replace("\u2066", "")
    import weasyprint

    pdf = weasyprint.HTML(string="<h1>Coast</h1><p>Gunmen killed 745 civilians near Jableh on Friday.</p>").write_pdf()
    printed = _translated_file(server, "coast.pdf", pdf)
    assert printed.startswith(b"%PDF")
    out = tmp_path / "coast.fr.pdf"
    out.write_bytes(printed)
    from tests.conftest import pdf_text

    assert "Jablé" in pdf_text(out)
    assert server.call("/download_file/../../etc/passwd")[0] == 404
    assert server.call("/download_file/" + "0" * 32 + ".coast.fr.pdf")[0] == 404


def test_a_suggestion_is_used_by_the_next_request_and_a_risky_one_is_refused(server):
    sentence = "Fighting near Hmeimim ended on Sunday."
    status, answer = server.call("/suggest", {"q": sentence, "s": "Les combats près de Hmeimim ont pris fin dimanche.",
                                              "source": "en", "target": "fr"})
    assert (status, answer) == (200, {"success": True})
    assert server.call("/translate", {"q": sentence, "source": "en", "target": "fr"})[1]["translatedText"] == \
        "Les combats près de Hmeimim ont pris fin dimanche."
    risky = {"q": "Gunmen killed 745 civilians.", "s": "Des hommes armés ont tué 754 civils.", "source": "en",
             "target": "fr"}
    status, refused = server.call("/suggest", risky)
    assert status == 400 and refused["success"] is False and "figure 745 changed" in refused["error"]
    assert server.call("/translate", {"q": risky["q"], "source": "en", "target": "fr"})[1]["translatedText"] == \
        risky["q"]  # not recorded: the model's (copied) output still
    assert server.call("/suggest", {**risky, "accept": "true"}) == (200, {"success": True})


def test_a_glossary_edit_is_in_force_at_the_next_request(server):
    sentence = "Aid reached Qardaha on Monday."
    assert server.call("/translate", {"q": sentence, "source": "en", "target": "fr"})[1]["glossaryTerms"] == []
    (server.glossary / "added.toml").write_text('[qardaha]\nkind = "place"\n[qardaha.en]\npreferred = "Qardaha"\n'
                                                '[qardaha.fr]\npreferred = "Kardaha"\n', encoding="utf-8")
    answer = server.call("/translate", {"q": sentence, "source": "en", "target": "fr"})[1]
    assert answer["translatedText"] == "Aid reached Kardaha on Monday."


def test_fifty_clients_at_once_each_get_their_own_answer(server):
    sentences = [f"Convoy {n} reached Baniyas with {n * 3 + 7} trucks." for n in range(50)]

    def ask(sentence: str) -> str:
        return server.call("/translate", {"q": sentence, "source": "en", "target": "fr"})[1]["translatedText"]

    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        answers = list(pool.map(ask, sentences))
    assert answers == [sentence.replace("Baniyas", "Banias") for sentence in sentences]


def test_exposed_without_keys_is_refused_and_a_wrong_key_is_403(tmp_path):
    from tests.conftest import run_briefing

    refused = run_briefing("serve", "--host", "0.0.0.0", "--port", "1", "--no-memory", fresh=True)
    assert refused.returncode == 2 and "configure API keys first" in refused.stderr
    assert "Traceback" not in refused.stderr
    keys = tmp_path / "keys.txt"
    keys.write_text("# the desk's keys\ndesk-key-1\n", encoding="utf-8")
    keyed = start_server(tmp_path / "home", "--api-keys", str(keys))
    try:
        ask = {"q": "Residents fled Baniyas.", "source": "en", "target": "fr"}
        assert keyed.call("/translate", {**ask, "api_key": "wrong"}) == (403, {"error": "Invalid API key"})
        assert keyed.call("/translate", {**ask, "api_key": "desk-key-1"})[0] == 200
        assert keyed.call("/translate", ask, headers={"Authorization": "Bearer desk-key-1"})[0] == 200
        assert keyed.call("/translate", ask, headers={"Authorization": "Bearer nope"})[0] == 403
    finally:
        stop_server(keyed)


def test_requests_past_the_limit_per_minute_are_429(tmp_path):
    limited = start_server(tmp_path / "home", "--requests-per-minute", "3", "--no-memory", "--lazy")
    try:
        ask = {"q": "Hello.", "source": "en", "target": "fr"}
        statuses = [limited.call("/translate", ask)[0] for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert limited.call("/translate", ask)[1] == {"error": "Slowdown: 3 per 1 minute"}
        started = time.monotonic()
        assert limited.call("/languages")[0] == 200 and time.monotonic() - started < 5  # reading is not counted
    finally:
        stop_server(limited)


def test_a_body_too_large_is_refused_without_being_read_whole(server):
    import http.client
    import json
    import urllib.parse

    address = urllib.parse.urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.putrequest("POST", "/translate")
    connection.putheader("Content-Type", "application/json")
    connection.putheader("Content-Length", str(40 << 20))  # announced, never sent: answered at once
    connection.endheaders()
    answer = connection.getresponse()
    assert answer.status == 413
    assert json.loads(answer.read()) == {"error": "Invalid request: the body is larger than 32 MB"}
    connection.close()
    deep = b'{"q": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert server.call("/translate", deep, headers={"Content-Type": "application/json"}) == (
        400, {"error": "Invalid JSON format"})
    assert server.call("/translate", {"q": "Residents fled Baniyas.", "source": "en", "target": "fr"})[0] == 200
