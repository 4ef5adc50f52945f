"""Ingest into SQLite: idempotent, one bad article skipped, queries see what went in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from detente.ingest import ingest_paths
from detente.store import queries
from detente.store.schema import articles
from detente.store.store import Store

pytestmark = pytest.mark.slow
SAMPLES = Path(__file__).parent.parent.parent / "samples" / "corpus"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    dest = tmp_path / "in"
    shutil.copytree(SAMPLES, dest)
    (dest / "empty.txt").write_text("", encoding="utf-8")
    with (dest / "feed.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "feed-1", "published": "2025-06-02", "title": "Talks",
                             "text": "Armenia and Azerbaijan held talks in Abu Dhabi on Monday, officials said."})
                 + "\n")
        fh.write("{not json\n")
    return dest


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(articles)).scalar_one()


def test_ingest_is_idempotent_and_skips_bad_articles(folder: Path, tmp_path: Path, nlp) -> None:
    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    first = ingest_paths([folder], store, nlp=nlp)
    assert first.added == 3
    assert len(first.failed) == 2  # the empty file and the malformed line
    before = queries.stats(store)
    second = ingest_paths([folder], store, nlp=nlp)
    assert second.added == 0 and second.skipped == 3
    assert queries.stats(store) == before
    assert _count(store) == 3


def test_queries_over_ingested_samples(folder: Path, tmp_path: Path, nlp) -> None:
    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    ingest_paths([folder], store, nlp=nlp)
    consults = queries.events(store, type="CONSULT")
    assert consults and all(e["type"] == "CONSULT" for e in consults)
    planned = queries.events(store, status="planned")
    assert planned and all(e["status"] == "planned" for e in planned)
    trump = queries.events(store, actor="Trump")
    assert trump and all("Donald Trump" in e["sources"] + e["targets"] + [e["reported_by"]] for e in trump)
    line = queries.timeline(store)
    times = [e["time"]["value"][:10] for e in line if e["time"]]
    assert times == sorted(times)
    assert queries.open_commitments(store)
    names = {a["name"] for a in queries.actors(store)}
    assert {"Volodymyr Zelenskyy", "Donald Trump", "Russia", "Ukraine"} <= names


@pytest.mark.parametrize("write_batch", [1, 2, 64])
def test_writes_go_in_write_batch_transactions(folder: Path, tmp_path: Path, nlp, monkeypatch,
                                              write_batch: int) -> None:
    store = Store(f"sqlite:///{tmp_path / 'd.db'}")
    sizes: list[int] = []
    add_many = Store.add_many

    def spy(self: Store, records):  # type: ignore[no-untyped-def]
        sizes.append(len(records))
        return add_many(self, records)

    monkeypatch.setattr(Store, "add_many", spy)
    summary = ingest_paths([folder], store, nlp=nlp, batch_size=1, write_batch=write_batch)
    assert summary.added == 3 and _count(store) == 3
    assert sizes == {1: [1, 1, 1], 2: [2, 1], 64: [3]}[write_batch]
