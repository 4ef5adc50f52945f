"""``ingest_parallel``: a process pool extracts, the parent stores; same result as the serial ingest."""

from __future__ import annotations

import pytest

from detente.inputs import Article, InputError
from detente.parallel import ingest_parallel
from detente.store import Store, queries
from detente.story import sources
from tests.scale.articles import short_articles

pytestmark = pytest.mark.slow


def test_parallel_ingest_stores_each_article_once(store_url):
    articles = short_articles(9)
    bad = [InputError("E106", "feed.jsonl:3", "malformed JSON"), Article(id="empty", text="   ", published=None,
                                                                   origin="empty")]
    duplicate = Article(id="copy", text=articles[0].text, published="2025-05-17", origin="copy")
    seen: list[tuple[str, str]] = []
    summary = ingest_parallel([*articles, *bad, duplicate], store_url, workers=2, batch_size=2,
                              on_article=lambda origin, outcome: seen.append((origin, outcome)))
    assert summary.added == 9 and summary.skipped == 1 and len(summary.failed) == 2
    assert summary.workers == 2 and 1 <= len(summary.peak_rss_mb) <= 2
    assert all(100 < mb < 4000 for mb in summary.peak_rss_mb.values())  # a loaded model, not a leak
    assert len(seen) == summary.seen == 12
    with Store(store_url) as store:
        assert queries.stats(store)["articles"] == 9
        record = store.get_record("art-3")
        assert record["document"]["text"] == articles[3].text and record["events"]
    again = ingest_parallel(articles, store_url, workers=2)  # skipped before any worker starts
    assert (again.added, again.skipped, again.peak_rss_mb) == (0, 9, {})


def test_spawned_workers_store_what_forked_ones_do(tmp_path, monkeypatch):
    """Where forking is not safe (macOS, Windows) workers are spawned and load the model themselves."""
    import detente.parallel as parallel

    articles = short_articles(3)
    forked = ingest_parallel(articles, f"sqlite:///{tmp_path / 'fork.db'}", workers=2, batch_size=1)
    monkeypatch.setattr(parallel, "FORK", False)
    spawned = ingest_parallel(articles, f"sqlite:///{tmp_path / 'spawn.db'}", workers=2, batch_size=1)
    assert forked.added == spawned.added == 3
    with Store(f"sqlite:///{tmp_path / 'fork.db'}") as a, Store(f"sqlite:///{tmp_path / 'spawn.db'}") as b:
        for art in articles:
            ra, rb = a.get_record(art.id), b.get_record(art.id)
            assert ra["events"]
            assert {k: v for k, v in ra.items() if k != "document"} == {k: v for k, v in rb.items() if k != "document"}


def test_a_dead_worker_fails_its_batches_and_keeps_what_was_stored(store_url, monkeypatch):
    """A worker killed mid-run (out of memory, SIGKILL) breaks the pool: its articles and the ones not yet
    extracted are reported failed, what was written stays, and a re-run adds exactly the missing ones."""
    import os

    import detente.parallel as parallel

    articles = short_articles(8)
    real = parallel._work

    def dying(jobs, batch_size, time_limit):  # type: ignore[no-untyped-def]
        if any(job[0] == articles[5].origin for job in jobs):
            os._exit(9)
        return real(jobs, batch_size, time_limit)

    dying.__qualname__, dying.__module__ = "_work", parallel.__name__  # pickled by name: forked workers find it
    monkeypatch.setattr(parallel, "_work", dying)
    summary = ingest_parallel(articles, store_url, workers=1, batch_size=1, write_batch=1)
    assert summary.added == 5 and len(summary.failed) == 3
    assert any("worker process died" in reason for _, reason in summary.failed)
    monkeypatch.setattr(parallel, "_work", real)
    again = ingest_parallel(articles, store_url, workers=2, batch_size=2)
    assert (again.added, again.skipped, again.failed) == (3, 5, [])


def test_parallel_ingest_skips_near_duplicates_as_the_serial_one_does(store_url):
    from tests.story.test_dedup import COPY, ORIGINAL, OTHER

    arts = [Article(id="wire-a", text=ORIGINAL, published="2025-05-23", source="Wire A", origin="a"),
            Article(id="other", text=OTHER, published="2025-05-23", source="Wire C", origin="c"),
            Article(id="wire-b", text=COPY, published="2025-05-23", source="Wire B", origin="b")]
    summary = ingest_parallel(arts, store_url, workers=2, batch_size=1)
    assert (summary.added, summary.skipped, summary.failed) == (2, 1, [])
    with Store(store_url) as store:
        assert store.get_record("wire-b") is None
        assert [s["source"] for s in sources(store, "wire-a")] == ["Wire A", "Wire B"]


def test_a_pool_that_breaks_before_a_result_says_so_fails_the_rest(store_url, monkeypatch):
    """The pool may break between two submits (a worker died, no future has told yet): submit itself
    raises, and every article not handed out is reported failed, none lost without a word."""
    from concurrent.futures.process import BrokenProcessPool

    import detente.parallel as parallel

    class BrokenPool:
        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            return False

        def submit(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise BrokenProcessPool("a child process terminated abruptly")

    monkeypatch.setattr(parallel, "_start_pool", lambda workers, model: BrokenPool())
    articles = short_articles(3)
    seen: list[tuple[str, str]] = []
    summary = ingest_parallel(articles, store_url, workers=1, batch_size=1,
                              on_article=lambda origin, outcome: seen.append((origin, outcome)))
    assert summary.added == 0
    assert summary.failed == [(a.origin, "not extracted: the worker pool broke") for a in articles]
    assert [outcome for _, outcome in seen] == ["failed"] * 3
