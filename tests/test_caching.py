"""The disk cache: a hit only when sound, and kept within its size limit, oldest use first."""

import os
import time

from briefing import caching


def test_the_cache_stays_within_its_limit_evicting_the_least_recently_used(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path))
    monkeypatch.setenv("BRIEFING_CACHE_MB", "0.25")  # room for two 100 KB values, not three
    payload = "x" * 100_000
    caching.store("t", "a" * 64, payload)
    caching.store("t", "b" * 64, payload)
    old = time.time() - 100
    os.utime(tmp_path / f"t-{'b' * 40}.cache", (old, old))
    os.utime(tmp_path / f"t-{'a' * 40}.cache", (old - 50, old - 50))
    assert caching.load("t", "a" * 64) == payload  # used now: b is the least recently used
    caching.store("t", "c" * 64, payload)
    assert caching.load("t", "b" * 64) is None
    assert caching.load("t", "a" * 64) == payload and caching.load("t", "c" * 64) == payload


def test_a_damaged_file_is_not_a_hit(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path))
    caching.store("t", "d" * 64, {"k": [1, 2]})
    path = tmp_path / f"t-{'d' * 40}.cache"
    path.write_bytes(path.read_bytes()[:-3] + b"zzz")
    assert caching.load("t", "d" * 64) is None
