"""How the store's cost and query latency grow from 1k to 10k to 100k articles.

    .venv/bin/python benchmarks/store_growth.py [--sizes 1000,10000,100000] [--bases 400] [--rate 30]
                                                [--db PATH] [--json OUT]

Extraction costs the same per article whatever the archive's size (``benchmarks/scale.py``
measures it against bare spaCy); what can grow is the store: inserting, clustering each new
article against what it may report again, and answering queries. So the model runs once, on
``--bases`` generated articles (``make_corpus``), and the archive is made of clones of those
records: each clone gets its own id and text and a publication day advancing at ``--rate``
articles a day (a feed of a busy conflict: 100k articles are nine years), with its event and
time-expression dates shifted alike. Clones are written with ``Store.add_many`` in batches of
``--write-batch`` (default: as ``detente ingest`` writes them, ``detente.ingest.WRITE_BATCH``).

At each size: the store's write rate over the last 1,000 articles (articles/s, clustering
included), the projected ingest rate with the extraction cost per article measured here on the
bases (one core), the size on disk, peak RSS, and the median latency (5 runs after a warm-up) of
``queries.events(actor=…)`` for the most frequent actor with and without ``limit=50`` and for a
rare one, ``queries.open_commitments`` and ``story.commitments``.
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import shift_dates

from detente.extractor import extract_many
from detente.ingest import WRITE_BATCH, article_meta
from detente.pipeline import build_nlp
from detente.record import text_sha256
from detente.store import Store, queries
from detente.story import commitments
from scale import articles, latency_ms, store_bytes

START = date(2016, 1, 1)
WINDOW = 1000  # articles over which the write rate is measured before each checkpoint
BATCH = 16  # nlp.pipe batch for the bases


def bases(n: int) -> tuple[list[dict[str, Any]], float]:
    """``n`` extracted records and the extraction seconds per article (one process, one core)."""
    arts = articles(n)
    nlp = build_nlp()
    items = [(a.text, a.published, article_meta(a)) for a in arts]
    list(extract_many(items[:8], nlp=nlp))  # warm-up
    t0 = time.perf_counter()
    recs = [r.to_dict() for r in extract_many(items, nlp=nlp, batch_size=BATCH)]
    return recs, (time.perf_counter() - t0) / n


def clone(base: dict[str, Any], i: int, rate: int) -> dict[str, Any]:
    """Clone ``i`` of the archive: published on day ``i // rate``, every date shifted alike."""
    rec = copy.deepcopy(base)
    doc = rec["document"]
    days = (START + timedelta(days=i // rate) - date.fromisoformat(doc["published"][:10])).days
    doc["id"] = f"c{i:07d}"
    doc["text"] = f"{doc['text']}\n(copy {i})"
    doc["sha256"] = text_sha256(doc["text"])
    shift_dates(rec, days)
    return rec


def checkpoint(store: Store, db: Path, size: int, write_rate: float, extract_s: float) -> dict[str, Any]:
    stats = queries.stats(store)
    top = queries.actors(store, limit=1)[0]["name"]
    rare = queries.actors(store)[-1]["name"]
    ev_top, n_top = latency_ms(lambda: queries.events(store, actor=top))
    ev_lim, _ = latency_ms(lambda: queries.events(store, actor=top, limit=50))
    ev_rare, n_rare = latency_ms(lambda: queries.events(store, actor=rare))
    oc, n_oc = latency_ms(lambda: queries.open_commitments(store))
    cm, n_cm = latency_ms(lambda: commitments(store), runs=1)
    return {
        "articles": size, "rows": stats,
        "store_writes_per_s": round(write_rate, 1),
        "projected_ingest_per_s_one_core": round(1 / (extract_s + 1 / write_rate), 1),
        "store_mb": round(store_bytes(db) / 1e6, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "query_ms": {
            f"events(actor={top!r}) -> {n_top} rows": ev_top,
            f"events(actor={top!r}, limit=50)": ev_lim,
            f"events(actor={rare!r}) -> {n_rare} rows": ev_rare,
            f"open_commitments -> {n_oc} rows": oc,
            f"commitments -> {n_cm} rows": cm,
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--bases", type=int, default=400, help="generated articles extracted with the model")
    ap.add_argument("--rate", type=int, default=30, help="articles published per day")
    ap.add_argument("--db", type=Path, default=None, help="SQLite file to build (default: a temp folder)")
    ap.add_argument("--write-batch", type=int, default=WRITE_BATCH, help="articles per store transaction")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    recs, extract_s = bases(args.bases)
    result: dict[str, Any] = {"bases": args.bases, "rate_per_day": args.rate, "write_batch": args.write_batch,
                              "extract_ms_per_article": round(extract_s * 1000, 1), "growth": []}
    print(json.dumps({k: v for k, v in result.items() if k != "growth"}), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "growth.db"
        with Store(f"sqlite:///{db}") as store:
            store.create()
            done = 0
            for size in sizes:
                window_start = max(done, size - WINDOW)
                wb = args.write_batch
                for lo in range(done, window_start, wb):
                    store.add_many([clone(recs[i % len(recs)], i, args.rate)
                                    for i in range(lo, min(window_start, lo + wb))])
                window = [[clone(recs[i % len(recs)], i, args.rate) for i in range(lo, min(size, lo + wb))]
                          for lo in range(window_start, size, wb)]  # cloned before the clock starts
                t0 = time.perf_counter()
                for batch in window:
                    store.add_many(batch)
                rate = (size - window_start) / (time.perf_counter() - t0)
                done = size
                row = checkpoint(store, db, size, rate, extract_s)
                result["growth"].append(row)
                print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
