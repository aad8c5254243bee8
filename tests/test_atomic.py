"""Writes land whole, through links, as streams on devices, and all together or not at all."""

import os
import signal
import stat
from pathlib import Path

import pytest

from briefing import atomic
from tests.conftest import SEEDS, one_entry_glossary, run_briefing


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "shared.toml").write_text("old")
    link = tmp_path / "shared.toml"
    link.symlink_to(desk / "shared.toml")
    atomic.write_text(link, "new")
    assert link.is_symlink() and (desk / "shared.toml").read_text() == "new"
    assert not list(tmp_path.glob(".shared.toml.*")) and not list(desk.glob(".shared.toml.*"))


def test_a_chain_of_links_and_a_dangling_link_are_written_where_they_point(tmp_path):
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "one").symlink_to(tmp_path / "real.txt")
    (tmp_path / "two").symlink_to(tmp_path / "one")
    atomic.write_text(tmp_path / "two", "new")
    assert (tmp_path / "real.txt").read_text() == "new" and (tmp_path / "two").is_symlink()
    (tmp_path / "dangling").symlink_to(tmp_path / "later.txt")
    atomic.write_text(tmp_path / "dangling", "made")
    assert (tmp_path / "later.txt").read_text() == "made" and (tmp_path / "dangling").is_symlink()


def test_a_fifo_is_written_as_a_stream_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        atomic.write_text(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="a device node can be replaced only by root")
def test_dev_null_stays_a_device_even_for_root(tmp_path):
    before = os.stat("/dev/null")
    atomic.write_text(Path("/dev/null"), "nothing")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_dash_is_standard_output(capfdbinary):
    atomic.write_text(Path(atomic.STDOUT), "to the terminal\n")
    assert capfdbinary.readouterr().out == b"to the terminal\n"


def test_a_transaction_left_before_commit_changes_nothing(tmp_path):
    (tmp_path / "a").write_text("old a")
    with pytest.raises(KeyboardInterrupt), atomic.Transaction() as transaction:
        transaction.stage(tmp_path / "a", b"new a")
        transaction.stage(tmp_path / "b", b"new b")
        raise KeyboardInterrupt
    assert (tmp_path / "a").read_text() == "old a" and not (tmp_path / "b").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


def test_a_signal_during_the_renames_waits_until_every_file_is_in_place(tmp_path, monkeypatch):
    for name in "abc":
        (tmp_path / name).write_text("old")
    replace = os.replace
    delivered = []

    def replace_then_signal(source, target):
        replace(source, target)
        if not delivered:
            delivered.append(True)
            os.kill(os.getpid(), signal.SIGTERM)  # held back until the last rename

    def handler(signum, frame):
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, handler)
    monkeypatch.setattr(os, "replace", replace_then_signal)
    try:
        with pytest.raises(SystemExit), atomic.Transaction() as transaction:
            for name in "abc":
                transaction.stage(tmp_path / name, b"new")
            transaction.commit()
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert [(tmp_path / name).read_text() for name in "abc"] == ["new", "new", "new"]


def test_exports_to_dash_and_through_a_link_to_standard_output(tmp_path, installed_models):
    glossary = one_entry_glossary(tmp_path / "g.toml")
    dashed = run_briefing("glossary", "export", "--format", "csv", "-o", "-", "--glossary", str(glossary))
    assert dashed.returncode == 0 and "Jablé" in dashed.stdout and not (tmp_path / "-").exists()
    (tmp_path / "stdout").symlink_to("/proc/self/fd/1")
    linked = run_briefing("glossary", "export", "--format", "csv", "-o", str(tmp_path / "stdout"),
                          "--glossary", str(glossary), fresh=True)  # the process's own descriptor 1
    assert linked.returncode == 0, linked.stderr
    assert "Jablé" in linked.stdout and (tmp_path / "stdout").is_symlink()
    memory = run_briefing("memory", "export", "-o", "-", "--memory", str(tmp_path / "m.sqlite"))
    assert memory.returncode == 0 and memory.stdout.startswith("<?xml") and not (tmp_path / "-").exists()


def test_glossary_edits_write_through_a_linked_file(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    one_entry_glossary(desk / "shared.toml")
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "shared.toml").symlink_to(desk / "shared.toml")
    result = run_briefing("glossary", "set", "jableh", "fr.preferred", "Jableh",
                          "--glossary", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "shared.toml").is_symlink()
    assert 'preferred = "Jableh"' in (desk / "shared.toml").read_text(encoding="utf-8").split("[jableh.fr]")[1]


def test_an_interrupted_write_phase_leaves_every_briefing_of_the_run_as_it_was(tmp_path, installed_models,
                                                                             monkeypatch):
    from briefing.output import rendering
    from briefing.pipeline.translating import TranslateRequest, translate

    out = tmp_path / "out"
    request = TranslateRequest(sources=[SEEDS[0]], targets=["ar", "fr"], out_dir=out, use_memory=False,
                               formats=["md"], force=True)
    translate(request)
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    rendered, calls = rendering.rendered, []

    def interrupted_on_the_second(printed, formats):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return {fmt: data + b"\nchanged" for fmt, data in rendered(printed, formats).items()}

    monkeypatch.setattr(rendering, "rendered", interrupted_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        translate(request)
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
