"""Ingest: files and feeds in, records stored — one transaction per article, idempotent.

Articles already in the store (same id or same text hash) are skipped *before* extraction, so a
re-run over a folder costs only reading and hashing. So are near-duplicates of a stored article
(``detente.story.dedup``: a syndicated copy under another headline): their source is recorded on
the stored article instead. A bad article is reported and skipped; the
others go in. Extraction is batched through ``nlp.pipe`` because the parse dominates the cost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.language import Language

from detente import deadline
from detente.deadline import DEFAULT_TIME_LIMIT
from detente.errors import DetenteError
from detente.extractor import extract_many, parse_published
from detente.inputs import Article, InputError, check_text, iter_articles
from detente.pipeline import default_nlp, freeze_loaded
from detente.record import default_id, text_sha256

if TYPE_CHECKING:  # the store stays out of extraction workers' imports
    from detente.store.store import Store

T = TypeVar("T")
#: (origin, text, published, meta) — what extraction needs of one article; all picklable.
Job = tuple[str, str, str | None, dict[str, Any]]
#: (origin, record dict or None, error line or None): what extraction hands to the writer.
Outcome = tuple[str, dict[str, Any] | None, str | None]


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0  # already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, one-line reason)

    @property
    def seen(self) -> int:
        return self.added + self.skipped + len(self.failed)


def article_meta(article: Article) -> dict[str, Any]:
    return {
        "id": article.id or default_id(article.text),
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "warnings": list(article.warnings),
    }


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter): what ``nlp.pipe`` and the
    process pool are fed."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


#: Articles written per store transaction. The clustering queries of a write cost about the same
#: for 16 articles as for 64 (they read the days the batch reaches), so larger writes cost less per
#: article (1k generated articles: store 1.35 -> 1.15 ms per article from 16 to 64). A killed
#: ingest loses at most this many extracted, unwritten articles; the re-run redoes just those.
WRITE_BATCH = 64

#: articles looked up in the store per query while screening (one round trip, not one per article)
SCREEN_CHUNK = 64


def screen(
    articles: Iterable[Article | InputError], store: Store, summary: IngestSummary,
    notify: Callable[[str, str], None],
) -> Iterator[Article]:
    """Articles worth extracting: readable, English, dated sensibly and not stored yet.

    Bad ones are counted as failed and stored ones as skipped *before* they cost an extraction;
    every ingest path (one process, a process pool, Dask) goes through here.
    """
    for chunk in batches(articles, SCREEN_CHUNK):
        readable = [item for item in chunk if not isinstance(item, InputError)]
        stored = iter(store.stored([(a.id or default_id(a.text), text_sha256(a.text)) for a in readable]))
        for item in chunk:
            if isinstance(item, InputError):
                summary.failed.append((item.origin, str(item)))
                notify(item.origin, "failed")
                continue
            if next(stored):
                summary.skipped += 1
                notify(item.origin, "skipped")
                continue
            try:
                check_text(item.text, item.origin)
                parse_published(item.published)
            except DetenteError as err:
                summary.failed.append((item.origin, str(err)))
                notify(item.origin, "failed")
                continue
            yield item


class Copies:
    """Near-duplicates held back from extraction (``detente.story.dedup``); each becomes a further
    source of the article it copies once that article is stored.

    Every ingest path screens through one of these: :meth:`keep` before extraction (a chunk of
    articles per store lookup), :meth:`written` after each store write. A copy of an article of the
    same run that is not written yet waits for it.
    """

    def __init__(self, store: Store, summary: IngestSummary, notify: Callable[[str, str], None]) -> None:
        from detente.story.dedup import NearDuplicates

        self.store, self.summary, self.notify = store, summary, notify
        self.index = NearDuplicates(store)
        self.deferred: list[tuple[str, str, Article]] = []  # (target id, copy id, copy)
        self.kept: dict[str, str] = {}  # origin -> article id, for articles kept and not yet written

    def keep(self, items: list[Article]) -> list[Article]:
        """The items to extract: those that nearly duplicate no stored article and no earlier one
        (stored or pending); each copy is counted as skipped and waits to be noted as a source."""
        ids = [item.id or default_id(item.text) for item in items]
        kept: list[Article] = []
        for item, aid, target in zip(items, ids, self.index.query_many([i.text for i in items], add_ids=ids),
                                     strict=True):
            if target is None:
                self.kept[item.origin] = aid
                kept.append(item)
                continue
            self.deferred.append((target, aid, item))
            self.summary.skipped += 1
            self.notify(item.origin, "skipped")
        self._record()
        return kept

    def written(self, outcomes: Iterable[Outcome]) -> None:
        """After a store write: note the sources of copies whose article is stored now; the written
        (or failed) articles' texts leave memory, as the store answers for them from now on."""
        self._record()
        self.index.forget([self.kept.pop(origin) for origin, _, _ in outcomes if origin in self.kept])

    def _record(self) -> None:
        from detente.story.dedup import record_source

        for target, aid, item in list(self.deferred):
            if self.store.has(target, ""):
                record_source(self.store, target, aid, {**article_meta(item), "published": item.published})
                self.deferred.remove((target, aid, item))


def extract_jobs(nlp: Language | None, jobs: Sequence[Job], batch_size: int,
                 time_limit: float | None = DEFAULT_TIME_LIMIT) -> list[Outcome]:
    """Extract a batch with ``nlp.pipe``; if the batch fails, redo it article by article.

    The fallback isolates the one article that breaks a component or overruns ``time_limit``
    (seconds per article; the batch gets that times its size), so it alone is reported and the
    rest of its batch still goes in. Every ingest path (one process, a pool, Dask) extracts here.
    """
    nlp = nlp or default_nlp()
    freeze_loaded()  # once per process: the loaded pipeline stays out of the collector's passes
    triples = [(text, published, meta) for _, text, published, meta in jobs]
    try:
        with deadline.time_limit(time_limit and time_limit * len(jobs)):
            records = list(extract_many(triples, nlp=nlp, batch_size=batch_size))
        return [(job[0], rec.to_dict(), None) for job, rec in zip(jobs, records, strict=True)]
    except Exception as err:
        if len(jobs) == 1:
            return [(jobs[0][0], None, _reason(err))]
    out: list[Outcome] = []
    for job in jobs:
        try:
            with deadline.time_limit(time_limit):
                (rec,) = extract_many([(job[1], job[2], job[3])], nlp=nlp, batch_size=1)
            out.append((job[0], rec.to_dict(), None))
        except Exception as err:
            out.append((job[0], None, _reason(err)))
    return out


def _reason(err: BaseException) -> str:
    """One line for the summary: detente's own errors as they are, anything else with its type."""
    if isinstance(err, DetenteError):
        return str(err)
    return f"extraction failed: {type(err).__name__}: {err}".splitlines()[0]


def ingest_articles(
    articles: Iterable[Article | InputError],
    store: Store,
    nlp: Language | None = None,
    batch_size: int = 16,
    on_article: Callable[[str, str], None] | None = None,
    near_duplicates: bool = True,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    write_batch: int = WRITE_BATCH,
) -> IngestSummary:
    """Extract and store every article; ``on_article(origin, outcome)`` reports progress.

    ``near_duplicates=False`` stores syndicated copies as articles of their own (benchmarks that
    repeat one text use it; users keep the default). ``time_limit`` is seconds per article
    (``detente.deadline``); None for none. Extracted records are written ``write_batch`` at a
    time (:data:`WRITE_BATCH`).
    """
    summary = IngestSummary()
    notify = on_article or (lambda origin, outcome: None)
    store.create()
    copies = Copies(store, summary, notify) if near_duplicates else None

    def valid() -> Iterator[Article]:
        for chunk in batches(screen(articles, store, summary, notify), SCREEN_CHUNK):
            yield from (chunk if copies is None else copies.keep(chunk))

    pending: list[Outcome] = []
    for batch in batches(valid(), batch_size):
        jobs = [(a.origin, a.text, a.published, article_meta(a)) for a in batch]
        pending += extract_jobs(nlp, jobs, batch_size, time_limit)
        if len(pending) >= write_batch:
            store_outcomes(pending, store, summary, notify)
            if copies is not None:
                copies.written(pending)
            pending = []
    store_outcomes(pending, store, summary, notify)
    if copies is not None:
        copies.written(pending)
    return summary




def store_outcomes(
    outcomes: Iterable[Outcome], store: Store, summary: IngestSummary, notify: Callable[[str, str], None]
) -> None:
    """Write a batch of extracted records in one transaction; failures and refusals are reported.

    Every ingest path (one process, a process pool, Dask) writes through here.
    """
    outcomes = list(outcomes)
    if not outcomes:
        return
    results = iter(store.add_many([record for _, record, _ in outcomes if record is not None]))
    for origin, record, error in outcomes:
        result: bool | DetenteError = next(results) if record is not None else False
        if record is None or isinstance(result, DetenteError):
            summary.failed.append((origin, str(result) if record is not None else error or "extraction failed"))
            notify(origin, "failed")
        elif result:
            summary.added += 1
            notify(origin, "added")
        else:  # stored meanwhile: a duplicate within the input, or another ingest won the race
            summary.skipped += 1
            notify(origin, "skipped")


def ingest_paths(
    paths: Sequence[Path], store: Store, nlp: Language | None = None, batch_size: int = 16,
    max_bytes: int = 5_000_000, on_article: Callable[[str, str], None] | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT, write_batch: int = WRITE_BATCH,
) -> IngestSummary:
    return ingest_articles(iter_articles(paths, max_bytes=max_bytes), store, nlp, batch_size, on_article,
                           time_limit=time_limit, write_batch=write_batch)
