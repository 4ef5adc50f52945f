"""Ingest with every core of one machine: extraction in a process pool, writes in the parent.

Why this shape:

* The parse dominates the cost and holds the GIL, so only processes give parallelism. Each worker
  loads the pipeline once (the pool's initializer), then extracts batches through ``nlp.pipe``.
* Workers return plain record dicts and never touch the database. One writer (the parent) keeps
  SQLite free of lock contention and keeps "one transaction per article" (``Store.add``) exactly
  as in the serial :func:`detente.ingest.ingest_articles`, so both paths store the same rows.
* The ``spawn`` start method: forking a parent that already holds a spaCy model, SQLAlchemy pools
  and threads is unsafe; spawn costs one model load per worker, which the initializer pays anyway.
* At most ``2 × workers`` batches are in flight, so a corpus of millions of articles streams
  through in bounded memory instead of being submitted all at once.
* Each result carries the worker's peak RSS (``getrusage``), so ``--workers N`` can be sized
  against the machine's memory from a real run rather than a guess.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.deadline import DEFAULT_TIME_LIMIT
from detente.ingest import (
    WRITE_BATCH,
    IngestSummary,
    Job,
    Outcome,
    article_meta,
    batches,
    extract_jobs,
    screen,
    store_outcomes,
)
from detente.inputs import Article, InputError, iter_articles
from detente.pipeline import MODEL

if TYPE_CHECKING:  # workers import this module; only the parent needs the store
    from detente.store.store import Store


@dataclass
class ParallelSummary(IngestSummary):
    """:class:`IngestSummary` plus what the pool cost: workers used and peak RSS per worker (MB)."""

    workers: int = 0
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid -> peak resident MB

    @property
    def max_rss_mb(self) -> float:
        return max(self.peak_rss_mb.values(), default=0.0)


# --- worker side -----------------------------------------------------------------------------

_NLP: Any = None


def _init_worker(model: str) -> None:
    """Pool initializer: load the pipeline once per process (≈0.3 s and ≈200 MB each)."""
    global _NLP
    from detente.pipeline import build_nlp, freeze_loaded

    _NLP = build_nlp(model)
    freeze_loaded()


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (``ru_maxrss`` is KB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _work(jobs: list[Job], batch_size: int, time_limit: float | None) -> tuple[int, float, list[Outcome]]:
    """Runs in a worker (in its main thread, so the time limit can fire): extract, and report pid
    and peak RSS with the results."""
    return os.getpid(), peak_rss_mb(), extract_jobs(_NLP, jobs, batch_size, time_limit)


# --- parent side -----------------------------------------------------------------------------


def to_articles(paths_or_articles: Iterable[Any], max_bytes: int = 5_000_000) -> Iterator[Article | InputError]:
    """Accept paths (files, folders, feeds) or already-read articles, in any mix."""
    for item in paths_or_articles:
        if isinstance(item, Article | InputError):
            yield item
        else:
            yield from iter_articles([Path(item)], max_bytes=max_bytes)


def pending_jobs(
    articles: Iterable[Article | InputError], store: Store, summary: IngestSummary,
    notify: Callable[[str, str], None],
) -> Iterator[Job]:
    """Validate and drop already-stored articles *before* they cost an extraction (as ``ingest`` does)."""
    for item in screen(articles, store, summary, notify):
        yield item.origin, item.text, item.published, article_meta(item)


def ingest_parallel(
    paths_or_articles: Iterable[Any],
    store_url: str,
    workers: int,
    batch_size: int = 8,
    on_article: Callable[[str, str], None] | None = None,
    model: str = MODEL,
    max_bytes: int = 5_000_000,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    write_batch: int = WRITE_BATCH,
) -> ParallelSummary:
    """Ingest files, folders, feeds or :class:`Article` objects into ``store_url`` with ``workers`` processes.

    ``workers <= 0`` means one per CPU. Returns the usual counts plus peak RSS per worker.
    ``on_article(origin, outcome)`` reports progress as in :func:`detente.ingest.ingest_articles`.
    If a worker process dies (out of memory, killed), the articles of the batches it held are
    reported as failed and the run stops submitting; what was stored stays stored, and a re-run
    picks up exactly the missing articles.
    """
    from detente.store.store import Store

    n = workers if workers > 0 else (os.cpu_count() or 1)
    summary = ParallelSummary(workers=n)
    notify = on_article or (lambda origin, outcome: None)
    store = Store(store_url)
    try:
        store.create()
        jobs = batches(pending_jobs(to_articles(paths_or_articles, max_bytes), store, summary, notify), batch_size)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(model,)) as pool:
            inflight: dict[Future[tuple[int, float, list[Outcome]]], list[Job]] = {}
            broken = False
            pending: list[Outcome] = []  # extracted, written WRITE_BATCH at a time

            def drain(done: Iterable[Future[tuple[int, float, list[Outcome]]]], last: bool = False) -> None:
                nonlocal broken, pending
                for fut in done:
                    batch = inflight.pop(fut)
                    try:
                        pid, rss, outcomes = fut.result()
                    except BrokenProcessPool as err:
                        broken = True
                        outcomes = [(job[0], None, f"worker process died: {err}") for job in batch]
                    else:
                        summary.peak_rss_mb[pid] = max(summary.peak_rss_mb.get(pid, 0.0), round(rss, 1))
                    pending += outcomes
                if last or len(pending) >= write_batch:
                    store_outcomes(pending, store, summary, notify)
                    pending = []

            for batch in jobs:
                if broken:
                    for job in batch:
                        summary.failed.append((job[0], "not extracted: the worker pool broke"))
                        notify(job[0], "failed")
                    continue
                inflight[pool.submit(_work, batch, batch_size, time_limit)] = batch
                if len(inflight) >= 2 * n:
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    drain(done)
            drain(list(inflight), last=True)
    finally:
        store.close()
    return summary
