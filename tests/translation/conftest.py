"""Fixtures of the translation tests."""

import pytest

from tests.conftest import ROOT


@pytest.fixture
def glossary_file(tmp_path):
    """The project's coast glossary, copied where the test may change it."""
    path = tmp_path / "g.toml"
    path.write_text((ROOT / "glossary" / "syria-coast.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return path
