"""A git worktree of another commit, for the benchmarks that compare against it."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def checked_out(ref: str, where: Path) -> Iterator[Path]:
    """REF checked out at `where` (detached) for the time of the block, removed after it."""
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(where), ref], check=True, cwd=ROOT)
    try:
        yield where
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(where)], check=True, cwd=ROOT)
