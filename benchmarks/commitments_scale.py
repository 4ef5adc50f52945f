"""Commitments over a filled store: time and memory of ``detente.story.commitments``.

    .venv/bin/python benchmarks/commitments_scale.py --db sqlite:///grow-10000.db [--runs 3] [--json OUT]

The store is one that ``benchmarks/scale.py`` (or ``detente ingest``) filled; building it is the
slow part, so this script only reads it. It reports the median seconds of ``commitments(store)``
and of ``commitments(store, status="open")`` after one warm-up, the peak of Python allocations
during one call (``tracemalloc``, the part that grows with what the call keeps) and the process's
peak RSS. Commitments read the promises, their clusters and the happened events of their types,
not the whole archive, so the peak should follow the number of commitments, not of events.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import tracemalloc
from typing import Any

from sqlalchemy import func, select

from detente.store import Store
from detente.store.schema import articles, events
from detente.story import commitments
from detente.story.clusters import ensure_clustered


def measure(url: str, runs: int) -> dict[str, Any]:
    store = Store(url)
    ensure_clustered(store)  # a store filled before clustering pays for it once, not in the timing
    with store.engine.connect() as conn:
        n_articles = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        n_events = conn.execute(select(func.count()).select_from(events)).scalar_one()
    out: dict[str, Any] = {"articles": n_articles, "events": n_events}
    for label, kw in (("all", {}), ("open", {"status": "open"})):
        found = commitments(store, **kw)
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            commitments(store, **kw)
            samples.append(time.perf_counter() - t0)
        out[label] = {"commitments": len(found), "seconds": round(statistics.median(samples), 3)}
    tracemalloc.start()
    commitments(store)
    out["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    tracemalloc.stop()
    out["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    store.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store URL, e.g. sqlite:///grow-10000.db")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="also write the result to this file")
    args = parser.parse_args()
    result = measure(args.db, args.runs)
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
