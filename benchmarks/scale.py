"""Scale: detente ingest against bare spaCy on the same texts and cores, and growth with corpus size.

    .venv/bin/python benchmarks/scale.py [--sizes 1000,10000] [--workers N] [--db-dir DIR] [--json OUT]

For the first size, in one run and on the same generated texts (``make_corpus.generate``):

* bare ``nlp.pipe`` of the packaged model (``n_process=1``) vs ``ingest_articles`` (1 core, SQLite);
* bare ``nlp.pipe(n_process=W)`` vs ``ingest_parallel(workers=W)``;

and ``ratio = bare seconds / detente seconds`` for each (the issue's target: ≥ 0.8, i.e. detente's
components and the store cost under 25 % on top of the parse). detente runs the same model, but its
attribute rules through an index (``components/rule_index.py``: same tokens, faster), so the
one-core row also gives ``detente_parse_only`` (detente's pipeline with its own components
disabled) and ``components_and_store_over_own_parse``: what detente adds over the parse it runs.
Wall-clock times include starting the worker processes on both sides.

For every size: time of ``ingest_parallel`` into a fresh SQLite store, the store's size on disk
(database + WAL), peak RSS of the parent and of each worker, and the latency of
``queries.events(actor=…)`` (a frequent and a rare actor) and ``queries.open_commitments`` (median
of 5 runs after one warm-up). The machine's other load makes single runs noisy: compare ratios
within one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import generate

from detente.ingest import ingest_articles
from detente.inputs import Article
from detente.parallel import ingest_parallel
from detente.pipeline import MODEL, build_nlp
from detente.store import Store, queries


def articles(n: int) -> list[Article]:
    return [Article(id=str(a["id"]), text=str(a["text"]), published=str(a["published"]), title=str(a["title"]),
                    source=str(a["source"]), url=str(a["url"]), origin=str(a["id"])) for a in generate(n)]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def latency_ms(fn: Callable[[], Any], runs: int = 5) -> tuple[float, int]:
    """Median milliseconds over ``runs`` after one warm-up, and the number of rows returned."""
    n = len(fn())
    samples = [timed(fn)[0] for _ in range(runs)]
    return round(statistics.median(samples) * 1000, 1), n


def store_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def parent_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def compare(arts: list[Article], workers: int, tmp: Path, batch_size: int) -> dict[str, Any]:
    """Bare spaCy vs detente on 1 core and on ``workers`` cores, same texts, same run."""
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODEL)
    bare1, _ = timed(lambda: sum(1 for _ in bare.pipe(texts, batch_size=batch_size)))
    nlp = build_nlp()
    ours_only = [name for name in nlp.pipe_names if name.startswith("detente_")]
    with nlp.select_pipes(disable=ours_only):
        parse1, _ = timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size)))
    store = Store(f"sqlite:///{tmp / 'one.db'}")
    ours1, summary1 = timed(lambda: ingest_articles(arts, store, nlp=nlp, batch_size=batch_size))
    store.close()
    rss_one = parent_rss_mb()
    bare_n, _ = timed(lambda: sum(1 for _ in bare.pipe(texts, batch_size=batch_size, n_process=workers)))
    ours_n, summary_n = timed(
        lambda: ingest_parallel(arts, f"sqlite:///{tmp / 'many.db'}", workers=workers, batch_size=batch_size)
    )
    assert summary1.added == summary_n.added == len(arts), (summary1, summary_n)

    def rate(seconds: float) -> dict[str, float]:
        return {"seconds": round(seconds, 2), "articles_per_s": round(len(arts) / seconds, 1),
                "words_per_s": round(words / seconds)}

    return {
        "articles": len(arts), "words": words, "workers": workers,
        "one_core": {"bare_spacy": rate(bare1), "detente": rate(ours1), "ratio": round(bare1 / ours1, 3),
                     "detente_parse_only": rate(parse1),
                     "components_and_store_over_own_parse": round(ours1 / parse1 - 1, 3),
                     "peak_rss_mb": rss_one},
        "all_cores": {"bare_spacy": rate(bare_n), "detente": rate(ours_n), "ratio": round(bare_n / ours_n, 3),
                      "worker_peak_rss_mb": sorted(summary_n.peak_rss_mb.values())},
        "speedup": {"bare_spacy": round(bare1 / bare_n, 2), "detente": round(ours1 / ours_n, 2)},
    }


def grow(arts: list[Article], workers: int, db: Path, batch_size: int) -> dict[str, Any]:
    """Ingest time, store size and query latency at one corpus size."""
    url = f"sqlite:///{db}"
    seconds, summary = timed(lambda: ingest_parallel(arts, url, workers=workers, batch_size=batch_size))
    with Store(url) as store:
        stats = queries.stats(store)
        top = queries.actors(store, limit=1)[0]["name"]
        rare = queries.actors(store)[-1]["name"]
        ev_top, n_top = latency_ms(lambda: queries.events(store, actor=top))
        ev_rare, n_rare = latency_ms(lambda: queries.events(store, actor=rare))
        ev_top_lim, _ = latency_ms(lambda: queries.events(store, actor=top, limit=50))
        oc, n_oc = latency_ms(lambda: queries.open_commitments(store))
    return {
        "articles": len(arts), "added": summary.added, "failed": len(summary.failed),
        "ingest_seconds": round(seconds, 1), "articles_per_s": round(len(arts) / seconds, 1),
        "store_mb": round(store_bytes(db) / 1e6, 1), "rows": stats,
        "worker_peak_rss_mb": max(summary.peak_rss_mb.values(), default=0),
        "query_ms": {
            f"events(actor={top!r}) -> {n_top} rows": ev_top,
            f"events(actor={top!r}, limit=50)": ev_top_lim,
            f"events(actor={rare!r}) -> {n_rare} rows": ev_rare,
            f"open_commitments -> {n_oc} rows": oc,
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000", help="comma-separated corpus sizes; the first is also compared")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--db-dir", type=Path, default=None, help="keep the stores here (default: a temp folder)")
    ap.add_argument("--no-compare", action="store_true", help="skip the bare-spaCy comparison")
    ap.add_argument("--json", type=Path, default=None, help="also write the result here")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    result: dict[str, Any] = {"cpus": os.cpu_count(), "workers": args.workers, "growth": []}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = args.db_dir or Path(tmpdir)
        tmp.mkdir(parents=True, exist_ok=True)
        if not args.no_compare:
            result["compare"] = compare(articles(sizes[0]), args.workers, tmp, args.batch_size)
            print(json.dumps(result["compare"], indent=1), flush=True)
        for n in sizes:
            row = grow(articles(n), args.workers, tmp / f"grow-{n}.db", args.batch_size)
            result["growth"].append(row)
            print(json.dumps(row, indent=1), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
