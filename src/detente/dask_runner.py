"""Extraction on a Dask distributed cluster, for corpora one machine cannot parse in time.

How the pieces fit, and why:

* A :class:`PipelinePlugin` (a ``WorkerPlugin``) loads the pipeline once per worker at start-up;
  a worker that dies and is restarted by its nanny loads it again, because the scheduler
  re-registers plugins on every worker that joins.
* Articles are checked against the store and validated in the client first (cheap, and it keeps
  re-runs free), then cut into batches; each batch is one task (``client.submit``).
* Inside a task, a failing batch is redone article by article, and an article that fails is
  tried once more before it is reported (``retries_per_article``). Tasks run in worker threads,
  where the per-article time limit (``detente.deadline``) cannot fire; Dask's own task handling
  and the retry cover a stuck worker. A task whose worker is killed
  is rescheduled by the scheduler on another worker: nothing is lost. ``retries=1`` on the task
  covers a task that raised as a whole.
* Results go either straight back to the client, which writes them with ``Store.add_many``
  (``write_batch`` articles per transaction, as ``detente ingest`` writes: the clustering reads of a
  write cost about the same for 8 articles as for 64, and the client writes while the workers
  parse), or — with ``out_dir`` — to one Parquet file per batch (``part-NNNNN``:
  id, sha256, key columns and the record JSON), written atomically (temporary name, then rename)
  so a worker killed mid-write leaves no half file, then merged into the store by the client.
  Writing is idempotent, so merging the same parts twice, or a rerun after a crash, adds
  nothing twice. Parquet parts need a folder every worker can write and the client can read
  (local disk for a ``LocalCluster``, a shared mount for a real cluster).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from detente.ingest import WRITE_BATCH, Copies, IngestSummary, Job, Outcome, extract_jobs, store_outcomes
from detente.ingest import batches as in_batches
from detente.parallel import peak_rss_mb, pending_jobs, to_articles
from detente.pipeline import MODEL
from detente.store.store import Store

try:  # dask is an optional extra at run time: importing this module without it says so on use
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
except ImportError:  # pragma: no cover
    WorkerPlugin = object  # type: ignore[assignment,misc]

PLUGIN_NAME = "detente-pipeline"
_NLP_ATTR = "_detente_nlp"

#: One row per article in the Parquet parts.
PART_SCHEMA = pa.schema([
    pa.field("origin", pa.string()),
    pa.field("id", pa.string()),
    pa.field("sha256", pa.string()),
    pa.field("published", pa.string()),
    pa.field("title", pa.string()),
    pa.field("source", pa.string()),
    pa.field("n_events", pa.int32()),
    pa.field("record", pa.string()),  # the record as JSON text
])


class DaskSummary(IngestSummary):
    """:class:`IngestSummary` plus the cluster's workers, peak RSS per worker and the Parquet parts."""

    def __init__(self) -> None:
        super().__init__()
        self.workers: int = 0
        self.peak_rss_mb: dict[str, float] = {}  # worker address -> peak resident MB
        self.parts: list[Path] = []
        self.retried: int = 0  # articles that failed once and were tried again


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Load the detente pipeline once per worker; ``factory`` (picklable) builds a custom one."""

    name = PLUGIN_NAME

    def __init__(self, model: str = MODEL, factory: Callable[[], Any] | None = None) -> None:
        self.model = model
        self.factory = factory

    def setup(self, worker: Any) -> None:
        from detente.pipeline import freeze_loaded

        setattr(worker, _NLP_ATTR, self.build())
        freeze_loaded()

    def build(self) -> Any:
        if self.factory is not None:
            return self.factory()
        from detente.pipeline import build_nlp

        return build_nlp(self.model)


def _worker_nlp(fallback: PipelinePlugin) -> Any:
    """The worker's pipeline; built here if the plugin has not run (a worker that joined oddly)."""
    worker = get_worker()
    nlp = getattr(worker, _NLP_ATTR, None)
    if nlp is None:
        nlp = fallback.build()
        setattr(worker, _NLP_ATTR, nlp)
    return nlp


def _extract_task(
    index: int, jobs: list[Job], batch_size: int, out_dir: str | None, plugin: PipelinePlugin,
    retries_per_article: int,
) -> dict[str, Any]:
    """One batch on a worker: extract, retry failures once, return outcomes or write a Parquet part."""
    nlp = _worker_nlp(plugin)
    outcomes = extract_jobs(nlp, jobs, batch_size)
    retried = 0
    for _ in range(retries_per_article):
        failed = [i for i, (_, rec, _err) in enumerate(outcomes) if rec is None]
        if not failed:
            break
        retried += len(failed)
        again = extract_jobs(nlp, [jobs[i] for i in failed], 1)
        for i, outcome in zip(failed, again, strict=True):
            outcomes[i] = outcome
    result: dict[str, Any] = {
        "worker": get_worker().address, "rss": peak_rss_mb(), "retried": retried,
        "failed": [(origin, err) for origin, rec, err in outcomes if rec is None],
    }
    ok = [(origin, rec) for origin, rec, _ in outcomes if rec is not None]
    if out_dir is None:
        result["outcomes"] = ok
        return result
    path = Path(out_dir) / f"part-{index:05d}.parquet"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    rows = [{
        "origin": origin, "id": rec["document"]["id"], "sha256": rec["document"].get("sha256"),
        "published": rec["document"].get("published"), "title": rec["document"].get("title"),
        "source": rec["document"].get("source"), "n_events": len(rec.get("events") or []),
        "record": json.dumps(rec, ensure_ascii=False),
    } for origin, rec in ok]
    pq.write_table(pa.Table.from_pylist(rows, schema=PART_SCHEMA), tmp)
    os.replace(tmp, path)  # atomic: a reader never sees half a part
    result["part"] = str(path)
    return result


def read_part(path: Path) -> Iterable[Outcome]:
    """The (origin, record, None) outcomes stored in one Parquet part."""
    for row in pq.read_table(path, columns=["origin", "record"]).to_pylist():
        yield row["origin"], json.loads(row["record"]), None


def merge_parts(parts: Iterable[Path], store_url: str) -> IngestSummary:
    """Merge Parquet parts (from this or an earlier run) into a store; idempotent via ``Store.add``."""
    summary = IngestSummary()
    with Store(store_url) as store:
        store.create()
        for part in parts:
            store_outcomes(read_part(Path(part)), store, summary, lambda origin, outcome: None)
    return summary


def _client(scheduler: str) -> tuple[Any, Any]:
    """``local:N`` starts a LocalCluster of N single-threaded worker processes; else connect to an address."""
    if scheduler.startswith("local:"):
        n = int(scheduler.split(":", 1)[1] or 0) or (os.cpu_count() or 1)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    return Client(scheduler), None


def ingest_dask(
    articles: Iterable[Any],
    store_url: str,
    scheduler: str,
    out_dir: Path | str | None = None,
    *,
    batch_size: int = 8,
    on_article: Callable[[str, str], None] | None = None,
    model: str = MODEL,
    factory: Callable[[], Any] | None = None,
    retries_per_article: int = 1,
    client: Any = None,
    write_batch: int = WRITE_BATCH,
) -> DaskSummary:
    """Ingest articles (or paths) through a Dask cluster into ``store_url``.

    ``scheduler`` is ``local:N`` or a scheduler address (``tcp://host:8786``); an existing
    ``client`` may be passed instead (the caller keeps it). With ``out_dir``, records are written to
    Parquet parts there and then merged; the parts stay for re-use (``merge_parts``). Finished
    records are written ``write_batch`` at a time; a killed client loses at most that many
    extracted, unwritten articles (and none of the Parquet parts), which a re-run redoes.
    """
    summary = DaskSummary()
    notify = on_article or (lambda origin, outcome: None)
    own_client, cluster = (None, None) if client is not None else _client(scheduler)
    client = client or own_client
    plugin = PipelinePlugin(model, factory)
    out = str(Path(out_dir).resolve()) if out_dir is not None else None
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
    try:
        client.register_plugin(plugin, name=PLUGIN_NAME)
        summary.workers = len(client.scheduler_info()["workers"])
        with Store(store_url) as store:
            store.create()
            copies = Copies(store, summary, notify)
            pending: list[Outcome] = []

            def write() -> None:
                store_outcomes(pending, store, summary, notify)
                copies.written(pending)
                pending.clear()

            batches = list(in_batches(pending_jobs(to_articles(articles), store, summary, notify, copies),
                                      batch_size))
            futures = {
                client.submit(_extract_task, i, batch, batch_size, out, plugin, retries_per_article,
                              retries=1, pure=False, key=f"detente-extract-{i}-{os.urandom(4).hex()}"): batch
                for i, batch in enumerate(batches)
            }
            for fut in as_completed(futures):
                batch = futures[fut]
                try:
                    result = fut.result()
                except Exception as err:  # the task failed twice, or its workers kept dying
                    reason = f"extraction task failed: {type(err).__name__}: {err}".splitlines()[0]
                    pending.extend((job[0], None, reason) for job in batch)
                    if len(pending) >= write_batch:
                        write()
                    continue
                summary.retried += result["retried"]
                worker = result["worker"]
                summary.peak_rss_mb[worker] = max(summary.peak_rss_mb.get(worker, 0.0), round(result["rss"], 1))
                if "part" in result:
                    summary.parts.append(Path(result["part"]))
                    outcomes = list(read_part(Path(result["part"])))
                else:
                    outcomes = [(origin, rec, None) for origin, rec in result["outcomes"]]
                outcomes += [(origin, None, err) for origin, err in result["failed"]]
                pending.extend(outcomes)
                if len(pending) >= write_batch:
                    write()
            write()
    finally:
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
    return summary
