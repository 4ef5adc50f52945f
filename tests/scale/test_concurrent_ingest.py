"""Two processes ingest overlapping record sets into one store at the same time (SQLite and PostgreSQL).

Nothing may be lost (every record stored), nothing duplicated (each once, canonical actors not
doubled) and no "database is locked" or deadlock may surface as an error in either writer.
"""

from __future__ import annotations

import multiprocessing
import traceback
from typing import Any

from detente.store import Store, queries
from tests.scale.conftest import variant

N = 24


def _writer(url: str, indexes: list[int], start: Any, results: Any) -> None:
    """Child process: wait for the start signal, then add each record in its own transaction."""
    try:
        store = Store(url)
        start.wait(30)
        added = sum(bool(store.add(variant(i))) for i in indexes)
        store.close()
        results.put(("ok", added))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def test_two_processes_overlapping_ingest(store_url):
    with Store(store_url) as store:
        store.create()
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    first = list(range(0, 2 * N // 3))  # 0..15
    second = list(range(N // 3, N))[::-1]  # 23..8, reversed: the overlap is met from both ends
    procs = [ctx.Process(target=_writer, args=(store_url, part, start, results)) for part in (first, second)]
    for p in procs:
        p.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
    errors = [detail for status, detail in outcomes if status == "error"]
    assert not errors, errors[0]
    assert sum(added for _, added in outcomes) == N  # each overlapping record added by exactly one writer
    with Store(store_url) as store:
        counts = queries.stats(store)
        assert counts["articles"] == N
        assert counts["canonical_actors"] == 5  # Trump, Putin, Zelenskyy, Russia, Ukraine: none doubled
        assert counts["events"] == (N // 2) * 4 + (N // 2) * 2
        for i in (0, 1, N - 1):
            assert store.get_record(variant(i)["document"]["id"]) == variant(i)
