"""Load on the API over loopback: concurrent readers, then a flood of writes without the token.

Starts the service with uvicorn on a free 127.0.0.1 port over a store built from the sample
articles, runs C reader threads for S seconds (bounded in count and time; loopback only) and then
W unauthenticated POSTs. Reports requests, errors, p50/p95/p99 latency and requests/s; the write
flood must be refused (401/403) and cheaply.

    .venv/bin/python benchmarks/api_load.py [--clients 50] [--seconds 30] [--writes 500]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from detente.api import create_app
from detente.ingest import ingest_paths
from detente.store.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
PATHS = ["/events?limit=50", "/events?actor=Trump", "/events?type=CONSULT&status=planned", "/actors",
         "/statements", "/claims", "/commitments", "/schedule", "/clusters"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(url: str, token: str) -> Iterator[str]:
    """The app over ``url`` on a free loopback port, in a thread; yields its base address."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, token=token), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/stats", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {}
    qs = statistics.quantiles(samples, n=100)
    return {"p50_ms": round(qs[49] * 1000, 1), "p95_ms": round(qs[94] * 1000, 1), "p99_ms": round(qs[98] * 1000, 1)}


def readers(base: str, clients: int, seconds: float, max_requests: int) -> dict[str, object]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    budget = [max_requests]

    def client(n: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            i = n
            while time.monotonic() < deadline:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                path = PATHS[i % len(PATHS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    r = http.get(path)
                    ok = r.status_code == 200
                except httpx.HTTPError as err:
                    ok, r = False, err
                with lock:
                    latencies.append(time.perf_counter() - t0)
                    if not ok:
                        errors.append(f"{path}: {getattr(r, 'status_code', r)}")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    elapsed = time.perf_counter() - t0
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies), "errors": len(errors),
            "error_examples": errors[:5], "requests_per_s": round(len(latencies) / elapsed, 1),
            **percentiles(latencies)}


def write_flood(base: str, writes: int, clients: int) -> dict[str, object]:
    body = {"text": "Armenia and Azerbaijan agreed on Monday to open the border, officials said.",
            "published": "2025-06-02"}
    codes: dict[int, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()

    def post(_: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            t0 = time.perf_counter()
            r = http.post("/articles", json=body)
            with lock:
                latencies.append(time.perf_counter() - t0)
                codes[r.status_code] = codes.get(r.status_code, 0) + 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(post, range(writes)))
    return {"writes": writes, "status_codes": codes, "refused": sum(n for c, n in codes.items() if c in (401, 403)),
            **percentiles(latencies)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--max-requests", type=int, default=20_000)
    ap.add_argument("--writes", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/load.db"
        ingest_paths([SAMPLES], Store(url))
        with serving(url, "secret-token") as base:
            result = {"read": readers(base, args.clients, args.seconds, args.max_requests),
                      "write_flood_without_token": write_flood(base, args.writes, args.clients)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
