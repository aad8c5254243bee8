"""Make the review desk's screenshots in docs/ (the index, a French and an Arabic review page, a
flagged row) with Debian's chromium through Playwright, over a server translating the seeds
with the repository's copy models — so that anyone can make them again:

    python docs/screenshots.py [--chromium /usr/bin/chromium]

The copy models copy their input (no real model can be had here): the translations shown are
the English sentences with the glossary's French or Arabic forms, and the findings say so.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import SEEDS, run_briefing  # noqa: E402
from tests.serve.conftest import start_server, stop_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch)
        server = start_server(home, "--out", str(home / "out"))
        try:
            env = {"HOME": str(home), "ARGOS_PACKAGES_DIR": str(home / "packages")}
            done = run_briefing("translate", *map(str, SEEDS), "--to", "fr", "--to", "ar", "--out", str(home / "out"),
                                "--memory", str(home / "memory.sqlite"), "--glossary", str(ROOT / "glossary"), "-q",
                                env=env, fresh=True)
            if done.returncode:
                raise SystemExit(done.stderr)
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(server.url + "/")
                page.screenshot(path=str(ROOT / "docs" / "desk-index.png"), full_page=True)
                for lang in ("fr", "ar"):
                    page.goto(f"{server.url}/review/{SEEDS[0].stem}.{lang}.json")
                    page.screenshot(path=str(ROOT / "docs" / f"desk-review-{lang}.png"))
                page.goto(f"{server.url}/review/{SEEDS[0].stem}.fr.json")
                row = page.locator("tr.row.flagged").first
                row.scroll_into_view_if_needed()
                row.screenshot(path=str(ROOT / "docs" / "desk-flagged-row.png"))
                browser.close()
        finally:
            stop_server(server)
    print("wrote docs/desk-index.png, desk-review-fr.png, desk-review-ar.png, desk-flagged-row.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
