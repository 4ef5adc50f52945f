"""Speed-up of the Dask path with 1 and 2 workers, and its overhead against ``--workers``.

On the same generated articles (``make_corpus.generate``), in one run, each into a fresh SQLite
store: ``ingest_parallel`` (the process pool of ``detente ingest --workers N``) and
``ingest_dask`` on a ``LocalCluster`` of N single-threaded worker processes, for N = 1 and 2
(``--max-workers``). Reported: seconds, articles/s, the speed-up of N workers over one on the same
path, and ``dask / pool`` (how much slower the Dask path is at the same N). Start-up is included
on both sides: the pool loads the model once and forks its processes (Linux), the cluster starts
its scheduler and workers and each worker loads the model once. With ``--parquet`` the Dask path
goes through Parquet parts.

    .venv/bin/python benchmarks/dask_speedup.py [--n 400] [--max-workers 2] [--parquet]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from detente.dask_runner import ingest_dask
from detente.parallel import ingest_parallel
from scale import articles


def run(n: int, max_workers: int, parquet: bool, batch_size: int) -> dict[str, Any]:
    arts = articles(n)
    out: dict[str, Any] = {"articles": n, "batch_size": batch_size, "parquet": parquet, "runs": {}}
    with tempfile.TemporaryDirectory(prefix="detente-dask-") as tmp:
        for workers in range(1, max_workers + 1):
            for path in ("pool", "dask"):
                url = f"sqlite:///{tmp}/{path}-{workers}.db"
                t0 = time.perf_counter()
                if path == "pool":
                    summary = ingest_parallel(arts, url, workers=workers, batch_size=batch_size)
                else:
                    parts = Path(tmp) / f"parts-{workers}" if parquet else None
                    summary = ingest_dask(arts, url, f"local:{workers}", out_dir=parts, batch_size=batch_size)
                seconds = time.perf_counter() - t0
                assert summary.added == n, (path, workers, summary.failed[:3])
                out["runs"][f"{path}-{workers}"] = {"seconds": round(seconds, 1),
                                                     "articles_per_s": round(n / seconds, 1)}
    runs = out["runs"]
    for path in ("pool", "dask"):
        for workers in range(2, max_workers + 1):
            runs[f"{path}-{workers}"]["speedup"] = round(
                runs[f"{path}-1"]["seconds"] / runs[f"{path}-{workers}"]["seconds"], 2)
    out["dask_over_pool"] = {w: round(runs[f"dask-{w}"]["seconds"] / runs[f"pool-{w}"]["seconds"], 2)
                             for w in range(1, max_workers + 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--max-workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--parquet", action="store_true", help="route the Dask path through Parquet parts")
    args = ap.parse_args()
    print(json.dumps(run(args.n, args.max_workers, args.parquet, args.batch_size), indent=1))


if __name__ == "__main__":
    main()
