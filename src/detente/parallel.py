"""Ingest with every core of one machine: extraction in a process pool, writes in the parent.

Why this shape:

* The parse dominates the cost and holds the GIL, so only processes give parallelism. Each worker
  loads the pipeline once (the pool's initializer), then extracts batches through ``nlp.pipe``.
* Workers return plain record dicts and never touch the database. One writer (the parent) keeps
  SQLite free of lock contention and keeps "one transaction per article" (``Store.add``) exactly
  as in the serial :func:`detente.ingest.ingest_articles`, so both paths store the same rows.
* On Linux the parent loads the pipeline once and *forks* the workers when the first batch is ready
  (as spaCy's own ``n_process`` does): they start at once with the model already in memory, shared
  copy-on-write, instead of each spending ~1.5 s importing spaCy and loading it. The fork happens
  before the pool's own threads start; the parent's open store connection is inherited but never
  touched by a worker (SQLite's rule is not to *use* a connection across a fork). Elsewhere
  (macOS, Windows, where forking a process that loaded native libraries is unsafe) workers are
  spawned and load the model themselves in the pool's initializer.
* At most ``2 × workers`` batches are in flight, so a corpus of millions of articles streams
  through in bounded memory instead of being submitted all at once.
* Each result carries the worker's peak RSS (``getrusage``), so ``--workers N`` can be sized
  against the machine's memory from a real run rather than a guess.
"""

from __future__ import annotations

import itertools
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
    SCREEN_CHUNK,
    WRITE_BATCH,
    Copies,
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
#: Fork workers from a parent that loaded the pipeline (Linux); spawn them elsewhere.
FORK = sys.platform.startswith("linux")


def _init_worker(model: str) -> None:
    """Pool initializer: a forked worker has the parent's pipeline already; a spawned one loads it."""
    global _NLP
    from detente.pipeline import build_nlp, freeze_loaded

    if _NLP is None:
        _NLP = build_nlp(model)
    freeze_loaded()


def _start_pool(workers: int, model: str) -> ProcessPoolExecutor:
    """The pool, forked from a parent that loaded the pipeline where forking is safe (Linux)."""
    global _NLP
    if FORK:
        from detente.pipeline import build_nlp, freeze_loaded

        _NLP = build_nlp(model)
        freeze_loaded()  # the forked copies' collectors leave the model alone: fewer pages copied
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(model,))


def _release_parent_copy() -> None:
    """Once the workers are forked (on the first submit), the parent needs no pipeline of its own."""
    global _NLP
    _NLP = None


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
    notify: Callable[[str, str], None], copies: Copies | None = None,
) -> Iterator[Job]:
    """Validate and drop already-stored articles and near-duplicates *before* they cost an
    extraction (as ``ingest`` does)."""
    for chunk in batches(screen(articles, store, summary, notify), SCREEN_CHUNK):
        for item in chunk if copies is None else copies.keep(chunk):
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
    near_duplicates: bool = True,
) -> ParallelSummary:
    """Ingest files, folders, feeds or :class:`Article` objects into ``store_url`` with ``workers`` processes.

    ``workers <= 0`` means one per CPU. Returns the usual counts plus peak RSS per worker.
    ``on_article(origin, outcome)`` reports progress as in :func:`detente.ingest.ingest_articles`;
    near-duplicates of stored or earlier articles are skipped and noted as further sources, as
    there (``near_duplicates=False`` stores them as articles of their own).
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
        copies = Copies(store, summary, notify) if near_duplicates else None
        jobs = batches(pending_jobs(to_articles(paths_or_articles, max_bytes), store, summary, notify, copies),
                       batch_size)
        first = next(jobs, None)
        if first is None:  # nothing to extract: no pool, no model
            return summary
        with _start_pool(n, model) as pool:
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
                    if copies is not None:
                        copies.written(pending)
                    pending = []

            for batch in itertools.chain([first], jobs):
                if not broken:
                    try:
                        inflight[pool.submit(_work, batch, batch_size, time_limit)] = batch
                    except BrokenProcessPool:  # a worker died before any result said so
                        broken = True
                if broken:
                    for job in batch:
                        summary.failed.append((job[0], "not extracted: the worker pool broke"))
                        notify(job[0], "failed")
                    continue
                _release_parent_copy()
                if len(inflight) >= 2 * n:
                    done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                    drain(done)
            drain(list(inflight), last=True)
    finally:
        store.close()
    return summary
