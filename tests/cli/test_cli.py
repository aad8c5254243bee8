import json
import re
import subprocess
import sys
from typing import get_args

import pytest

from tests.conftest import ROOT, SEEDS, run_briefing


def assert_one_line_error(result, code):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr


def test_translate_seeds_end_to_end(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_briefing("translate", *map(str, SEEDS), "--to", "ar", "--to", "fr", "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    expected = [f"{s.stem}.{lang}.{ext}" for s in SEEDS for lang in ("ar", "fr") for ext in ("md", "json", "qa.json")]
    assert names == sorted([*expected, "qa.csv", "qa.html"])  # and the run's one QA report
    report = json.loads((out / f"{SEEDS[0].stem}.fr.json").read_text())
    assert report["date"] == "2025-03-09"
    assert report["model"]["route"][0]["package"] == "translate-en_fr-copy"
    first = report["segments"][0]
    block = report["blocks"][first["block"]]["source"]
    assert block[first["start"] : first["end"]] == first["source"]
    markdown = (out / f"{SEEDS[1].stem}.ar.md").read_text()
    assert "## Death toll rises, mass graves dug" in markdown
    assert "ترجمة آلية" in markdown  # the machine-translation warning, in the briefing's language
    french = (out / f"{SEEDS[0].stem}.fr.md").read_text()
    assert french.startswith("# Note d’information\n\nDate\u00a0: 9 mars 2025 · Traduit le ")


def test_glossary_forms_go_through_the_real_engine_and_are_verified(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_briefing("translate", str(SEEDS[1]), "--to", "fr", "--to", "ar", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert re.search(r"QA 003_3ccb1de9d01c089a.fr: terms (\d+)/\1 ok;", result.stderr), result.stderr
    french = json.loads((out / f"{SEEDS[1].stem}.fr.json").read_text())
    latakia = next(s for s in french["segments"] if "Latakia" in s["source"])
    assert "Lattaquié" in latakia["model_input"] and "Lattaquié" in latakia["target"]
    qa = json.loads((out / f"{SEEDS[1].stem}.ar.qa.json").read_text())
    assert qa["enforcement"]["strategy"] == "inline"
    assert qa["summary"]["terms"]["missing"] == 0
    # The copy model writes Latin letters where Arabic is expected: the report says so.
    assert qa["summary"]["flags"]["wrong_script"] > 0
    assert all(item["consistent"] for item in qa["cross_language"])


def test_no_model_installed_is_one_line_naming_the_pair(tmp_path):
    result = run_briefing("translate", str(SEEDS[0]), "--to", "ar", "--out", str(tmp_path / "o"))
    assert_one_line_error(result, 1)
    assert "en→ar" in result.stderr and "briefing models install" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_missing_source_is_one_line_and_the_others_are_translated(installed_models, tmp_path):
    result = run_briefing("translate", str(tmp_path / "nope.txt"), str(SEEDS[0]), "--to", "fr", "--out",
                          str(tmp_path / "out"), "--no-memory", "-q")
    assert result.returncode == 1
    assert result.stderr.strip() == f"briefing: error: {tmp_path / 'nope.txt'}: no such file or folder"
    assert (tmp_path / "out" / f"{SEEDS[0].stem}.fr.md").is_file()


def test_binary_and_empty_files(installed_models, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)))
    for name in ("empty.txt", "blob.txt"):
        result = run_briefing("translate", str(tmp_path / name), "--to", "fr", "--out", str(tmp_path / "o"))
        assert_one_line_error(result, 1)
        assert name in result.stderr
    assert not (tmp_path / "o").exists()


def test_unknown_language_is_usage_error(installed_models):
    assert_one_line_error(run_briefing("translate", str(SEEDS[0]), "--to", "xx"), 2)


@pytest.mark.parametrize("command", [["--help"], ["translate", "--help"], ["memory", "import", "--help"]])
def test_help_imports_no_heavy_module(command):
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", *command],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()}
    assert "click" in imported
    heavy = {"ctranslate2", "sentencepiece", "weasyprint", "argostranslate", "numpy",
             "trafilatura", "docx", "pdfminer", "odf", "lxml",  # the document readers' libraries too
             "starlette", "uvicorn", "lingua", "multipart"}  # and the server's
    assert not imported & heavy


def test_models_remove_unknown_is_usage_error():
    assert_one_line_error(run_briefing("models", "remove", "en:xx"), 2)


def test_target_equal_to_source_is_usage_error(installed_models):
    result = run_briefing("translate", str(SEEDS[0]), "--to", "en")
    assert_one_line_error(result, 2)
    assert "language of the sources" in result.stderr


def test_unwritable_output_is_one_line(installed_models, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{SEEDS[0].stem}.fr.md").mkdir()  # a folder where a file must go
    result = run_briefing("translate", str(SEEDS[0]), "--to", "fr", "--out", str(out), "--no-memory")
    assert result.returncode == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_every_seed_name_keeps_all_its_words(installed_models, tmp_path):
    out = tmp_path / "out"
    result = run_briefing("translate", *map(str, SEEDS), "--to", "fr", "--to", "ar", "--out", str(out))
    assert result.returncode == 0, result.stderr
    for qa_file in out.glob("*.qa.json"):
        for segment in json.loads(qa_file.read_text())["segments"]:
            for term in segment["terms"]:
                assert term["status"] == "ok", (qa_file.name, term)
                assert len(term["target_text"].split()) >= len(term["expected"][0].split()), term
    french = "".join(p.read_text() for p in out.glob("*.fr.md"))
    assert "Rami Abdel Rahmane" in french and "former President Assad" in french
    assert "former Bachar" not in french


def test_an_undated_source_is_printed_without_a_report_date(installed_models, tmp_path):
    source = tmp_path / "undated.txt"
    source.write_text("Clashes in Jableh.\n\nResidents fled.\n", encoding="utf-8")
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "out"), "--no-memory")
    assert result.returncode == 0, result.stderr
    header = (tmp_path / "out" / "undated.fr.md").read_text().split("\n")[2]
    assert header.startswith("Traduit le ") and "Date" not in header
    result = run_briefing("translate", str(source), "--to", "fr", "--out", str(tmp_path / "dated"), "--no-memory",
                          "--date", "2025-03-09")
    header = (tmp_path / "dated" / "undated.fr.md").read_text().split("\n")[2]
    assert header.startswith("Date\u00a0: 9 mars 2025 · Traduit le ")


def test_the_options_offer_what_the_library_takes():
    """The choices are written out in the command line (so that --help imports nothing heavy):
    they must stay the library's."""
    from briefing.cli import translate as command
    from briefing.output.options import LAYOUTS, PAPERS
    from briefing.output.xliff import VERSIONS
    from briefing.quality.enforcing import STRATEGIES
    from briefing.translation.engine import Device
    from briefing.translation.localizing import Digits

    library = (PAPERS, LAYOUTS, STRATEGIES, get_args(Digits), get_args(Device), VERSIONS)
    assert library == (command.PAPERS, command.LAYOUTS, command.STRATEGIES, command.DIGITS,
                       command.DEVICES, command.XLIFF_VERSIONS)


def test_the_time_left_counts_from_the_first_progress_not_from_the_models_loading():
    from briefing.cli.common import Remaining

    now = [100.0]
    remaining = Remaining(1000, clock=lambda: now[0])
    now[0] += 40  # the model loads: nothing is counted yet
    assert remaining.after(100) == ""
    now[0] += 0.5
    assert remaining.after(100) == ""  # under a second of pace: no guess
    now[0] += 1.5
    assert remaining.after(200) == "about 4 s left"  # 300 done in the 2 s since the first: 600 left at 150/s
    now[0] += 2
    assert remaining.after(600) == ""  # done: nothing left to announce
