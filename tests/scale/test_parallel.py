"""``ingest_parallel``: a process pool extracts, the parent stores; same result as the serial ingest."""

from __future__ import annotations

import pytest

from detente.inputs import Article, InputError
from detente.parallel import ingest_parallel
from detente.store import Store, queries
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
