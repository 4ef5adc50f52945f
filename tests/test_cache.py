"""The local cache of load-time derivations (``detente.cache``): built once, read back, keyed right."""

from __future__ import annotations

import pytest

from detente import cache
from detente.components import timex_patterns
from detente.components.timex_prefilter import Prefilter


def test_an_entry_is_built_once_and_a_change_of_input_builds_another(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    assert cache.cached("thing", [b"a"], build) == {"n": 1}
    assert cache.cached("thing", [b"a"], build) == {"n": 1} and len(calls) == 1
    assert cache.cached("thing", [b"b"], build) == {"n": 2}  # another input: another entry
    assert cache.cached("thing", [b"a", b""], build) == {"n": 3}  # parts are not just concatenated
    assert len(list(tmp_path.glob("thing-*.pickle"))) == 3 and not list(tmp_path.glob("*.tmp"))


def test_a_corrupt_entry_is_rebuilt_and_an_unwritable_directory_only_costs_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    cache.cached("thing", [b"a"], lambda: 1)
    (entry,) = tmp_path.glob("thing-*.pickle")
    entry.write_bytes(b"\x80\x05garbage")
    assert cache.cached("thing", [b"a"], lambda: 2) == 2
    assert cache.cached("thing", [b"a"], lambda: 3) == 2  # the rebuilt entry replaced the corrupt one
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("DETENTE_CACHE", str(blocked / "sub"))
    assert cache.cached("thing", [b"a"], lambda: 4) == 4
    monkeypatch.setenv("DETENTE_CACHE", "off")
    assert cache.directory() is None and cache.cached("thing", [b"a"], lambda: 5) == 5


def test_timex_prefilters_come_from_the_cache_unchanged(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DETENTE_CACHE", str(tmp_path))
    lexicon = timex_patterns.load_lexicon()
    built = timex_patterns.load_patterns(lexicon)
    assert any(p.prefilter is not None for p in built)
    monkeypatch.setattr(Prefilter, "of", classmethod(lambda cls, regex: pytest.fail("analysed again")))
    again = timex_patterns.load_patterns(lexicon)
    assert [(p.name, p.prefilter) for p in again] == [(p.name, p.prefilter) for p in built]
