"""``ingest_dask`` on a LocalCluster of two workers: a worker killed mid-run loses nothing, a failing
article is retried once and reported, Parquet parts merge idempotently. (SQLite store; ≈30 s.)"""

from __future__ import annotations

import os
import signal

import pytest

pytest.importorskip("distributed")

from distributed import Client, LocalCluster

from detente.dask_runner import ingest_dask, merge_parts
from detente.store import Store, queries
from tests.scale.articles import short_articles

pytestmark = pytest.mark.slow


def test_dask_survives_a_killed_worker_and_retries_failures(tmp_path):
    def factory():  # pickled by value to the workers: slow enough that the kill lands mid-run
        import time

        from spacy.language import Language

        from detente.pipeline import build_nlp

        def slow(doc):
            if "EXPLODE" in doc.text:
                raise RuntimeError("component crashed")
            time.sleep(0.3)
            return doc

        if not Language.has_factory("detente_test_slow"):
            Language.component("detente_test_slow", func=slow)
        nlp = build_nlp()
        nlp.add_pipe("detente_test_slow", first=True)
        return nlp

    articles = short_articles(14, prefix="dask")
    bomb = short_articles(1, prefix="bomb")[0]
    bomb = type(bomb)(id="bomb", text=bomb.text + " EXPLODE", published=None, origin="bomb")
    url = f"sqlite:///{tmp_path / 'd.db'}"
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:

        def kill_one(origin: str, outcome: str) -> None:
            if killed or outcome != "added":
                return
            busy = [addr for addr, keys in client.processing().items() if keys]
            pids = client.run(os.getpid)
            victim = pids[busy[0] if busy else next(iter(pids))]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

        summary = ingest_dask([*articles, bomb], url, "unused", out_dir=tmp_path / "parts", batch_size=1,
                              on_article=kill_one, client=client, factory=factory, write_batch=1)
    assert killed, "the test never killed a worker"
    assert summary.added == 14 and summary.failed == [("bomb", summary.failed[0][1])]
    assert "component crashed" in summary.failed[0][1] and summary.retried >= 1
    with Store(url) as store:
        assert queries.stats(store)["articles"] == 14
        assert {store.get_record(a.id)["document"]["id"] for a in articles} == {a.id for a in articles}
    assert len(summary.parts) == 15  # one per batch, the bomb's part empty
    again = merge_parts(summary.parts, url)
    assert (again.added, again.skipped) == (0, 14)


def test_finished_batches_are_written_write_batch_at_a_time(tmp_path, monkeypatch):
    """Tasks of one article each, written four at a time: three transactions for ten articles,
    every article stored once, and a re-run writes nothing."""
    sizes: list[int] = []
    add_many = Store.add_many

    def counting(self, records):
        sizes.append(len(records))
        return add_many(self, records)

    monkeypatch.setattr(Store, "add_many", counting)
    articles = short_articles(10, prefix="wb")
    url = f"sqlite:///{tmp_path / 'w.db'}"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        summary = ingest_dask(articles, url, "unused", batch_size=1, write_batch=4, client=client)
        again = ingest_dask(articles, url, "unused", batch_size=1, write_batch=4, client=client)
    assert summary.added == 10 and sizes == [4, 4, 2]
    assert (again.added, again.skipped) == (0, 10)
    with Store(url) as store:
        assert queries.stats(store)["articles"] == 10
