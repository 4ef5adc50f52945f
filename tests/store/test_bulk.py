"""The fast many-row insert (``store/bulk.py``) writes exactly what SQLAlchemy's own path writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from detente.store import Store, bulk
from detente.store.schema import metadata
from tests.store.conftest import istanbul_record, swap_record
from tests.store.stance_records import stance_record


def _dump(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, with the ingest time (which differs per run) left out."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            cols = [c for c in table.c if c.name != "ingested_at"]
            out[table.name] = sorted(tuple(map(repr, row)) for row in conn.execute(select(*cols)))
    engine.dispose()
    return out


def _fill(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple]]:
    monkeypatch.setattr(bulk, "ENABLED", fast)
    url = f"sqlite:///{path}"
    store = Store(url)
    store.create()
    store.add_many([istanbul_record(), swap_record(), stance_record()])
    return _dump(url)


def test_fast_and_ordinary_inserts_write_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = bulk._fast_plan
    monkeypatch.setattr(bulk, "_fast_plan", lambda *a: calls.append(a[1].name) or real(*a))
    fast = _fill(tmp_path / "fast.db", True, monkeypatch)
    assert {"articles", "actors", "events", "stances", "article_bands"} <= set(calls)
    ordinary = _fill(tmp_path / "ordinary.db", False, monkeypatch)
    assert fast == ordinary
    assert all(fast[t] for t in ("articles", "actors", "events", "stances", "statements", "article_bands"))


def test_rows_with_different_keys_take_the_ordinary_path(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    from detente.store.schema import article_bands

    with engine.connect() as conn:
        same = [{"article_id": "a", "key": 1}, {"article_id": "a", "key": 2}]
        mixed = [{"article_id": "a", "key": 1}, {"key": 2, "article_id": "a", "extra": 0}]
        assert bulk._fast_plan(conn, article_bands, same) is not None
        assert bulk._fast_plan(conn, article_bands, mixed) is None
    engine.dispose()
