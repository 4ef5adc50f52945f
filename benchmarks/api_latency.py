"""p50/p95 latency of the API's main read endpoints over a store of N synthetic articles.

The two sample articles are extracted once with the real pipeline; the N stored records are clones
of those two records, varied so they behave like an archive: each clone gets its own id, a text
made unique by a trailing line (offsets stay valid), a publication date advancing over a year in
ingest order (a feed arrives in order) with event and timex dates shifted alike, one of eight
outlets as source, and one of ``--groups`` casts of actors ("Russia 17", country "Z17"), since a
real archive has many actors and the store's event clustering compares a new article with every
stored one that shares an actor. No model runs per record.

The service runs under uvicorn in a child process (so the client does not share its GIL) and is
called over loopback, sequentially, ``--requests`` times per endpoint with varied offsets.

    .venv/bin/python benchmarks/api_latency.py [--n 10000] [--requests 40] [--db PATH]
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from detente.record import text_sha256
from detente.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
OUTLETS = ["Wire A", "Wire B", "Daily Post", "The Ledger", "Kyiv Courier", "Moscow Times", "Global News", "Radio 9"]


def sample_records() -> list[dict[str, Any]]:
    """The records of samples/corpus, extracted once (the only model run)."""
    from detente.extractor import extract
    from detente.ingest import article_meta
    from detente.inputs import read_article

    out = []
    for path in sorted((ROOT / "samples" / "corpus").glob("*.txt")):
        article = read_article(path)
        out.append(extract(article.text, article.published, **article_meta(article)).to_dict())
    return out


_WEEK = re.compile(r"^(\d{4})-W(\d{2})(.*)$")


def shift(value: str | None, days: int) -> str | None:
    """A TIMEX3 or ISO value moved by ``days``: days, ISO weeks, months and years alike (a clone
    whose weeks kept their value would pile every copy of a weekly event into one cluster);
    other values (``PRESENT_REF``, durations) stay as they are."""
    if not value:
        return value
    try:
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1) + timedelta(days=days)
            year, week, _ = monday.isocalendar()
            return f"{year}-W{week:02d}{m[3]}"
        if len(value) == 7 and value[:4].isdigit() and value[4] == "-" and value[5:].isdigit():
            return (date(int(value[:4]), int(value[5:]), 15) + timedelta(days=days)).isoformat()[:7]
        if len(value) == 4 and value.isdigit():
            return str((date(int(value), 7, 1) + timedelta(days=days)).year)
        if len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[8:10].isdigit():
            return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value
    return value


def shift_dates(rec: dict[str, Any], days: int) -> None:
    """Move a record's publication date and every date it extracted by ``days``, in place."""
    rec["document"]["published"] = shift(rec["document"]["published"], days)
    for t in rec["timexes"]:
        t["value"] = shift(t["value"], days)
    for ev in rec["events"]:
        if ev.get("time"):
            for key in ("value", "start", "end"):
                ev["time"][key] = shift(ev["time"].get(key), days)


def clone(base: dict[str, Any], i: int, groups: int, n: int) -> dict[str, Any]:
    """Clone ``i`` of ``n``; its actors belong to one of ``groups`` casts (group 0 keeps the real
    names). Publication days advance with ``i`` over one year, as an archive ingested in order."""
    rec = copy.deepcopy(base)
    doc = rec["document"]
    g = i % groups
    if g:  # "Russia 17" (country Z17): an archive has many actors, not two sample articles' cast
        for actor in rec["actors"]:
            actor.update(name=f"{actor['name']} {g}", wikidata=None, country=f"Z{g:02d}" if actor["country"] else None,
                         aliases=[f"{a} {g}" for a in actor["aliases"]])
    days = (i * 365) // max(n, 1)
    doc["id"] = f"{doc['id']}-{i}"
    doc["text"] = f"{doc['text']}\n(copy {i})"
    doc["sha256"] = text_sha256(doc["text"])
    doc["source"] = OUTLETS[i % len(OUTLETS)]
    doc["title"] = f"{doc['title']} ({i})"
    shift_dates(rec, days)
    return rec


def build_store(url: str, n: int, groups: int) -> float:
    bases = sample_records()
    store = Store(url)
    store.create()
    t0 = time.perf_counter()
    for start in range(0, n, 64):  # batches, as ingest writes them
        store.add_many([clone(bases[i % len(bases)], i, groups, n) for i in range(start, min(n, start + 64))])
    store.close()
    return time.perf_counter() - t0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn; from detente.api import create_app; "
            f"uvicorn.run(create_app({url!r}), host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/stats", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def cases(client: httpx.Client, n: int) -> dict[str, list[str]]:
    first_actor = client.get("/actors", params={"limit": 1}).json()["items"][0]["id"]
    article = client.get("/events", params={"limit": 1}).json()["items"][0]["article_id"]
    return {
        "/events": [f"/events?limit=50&offset={k * 50}" for k in range(20)],
        "/events?order=time": [f"/events?order=time&limit=50&offset={k * 200}" for k in range(20)],
        "/events?actor=": ["/events?actor=zelensk&limit=50", "/events?actor=putin&limit=50"],
        "/events?type&status": ["/events?type=CONSULT&status=planned&limit=50", "/events?type=RETREAT&limit=50"],
        "/events?since&until": [f"/events?since=2025-{m:02d}-01&until=2025-{m:02d}-28&limit=50" for m in range(6, 12)],
        "/actors": ["/actors?limit=50", "/actors?actor=ukr&limit=50"],
        "/actors/{id}": [f"/actors/{first_actor}"],
        "/statements": [f"/statements?limit=50&offset={k * 100}" for k in range(10)],
        "/claims": [f"/claims?limit=50&offset={k * 100}" for k in range(10)],
        "/articles/{id}": [f"/articles/{article}"],
        "/network": ["/network"],
    }


def measure(base: str, requests: int, n: int) -> dict[str, dict[str, float]]:
    results = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for name, urls in cases(client, n).items():
            client.get(urls[0])  # warm the path (SQLite page cache, imports)
            times = []
            for k in range(requests):
                t0 = time.perf_counter()
                response = client.get(urls[k % len(urls)])
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (name, response.text[:200])
            times.sort()
            results[name] = {"p50_ms": round(statistics.median(times), 1),
                             "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                             "requests": requests}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="synthetic articles in the store")
    parser.add_argument("--requests", type=int, default=40, help="requests per endpoint")
    parser.add_argument("--groups", type=int, default=100, help="distinct actor casts (at most 100)")
    parser.add_argument("--db", type=Path, default=None, help="reuse or keep this SQLite file")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="detente-bench-")
    path = args.db or Path(tmp.name) / "bench.db"
    url = f"sqlite:///{path}"
    build_s = 0.0 if path.exists() else build_store(url, args.n, min(args.groups, 100))
    port = _free_port()
    proc = serve(url, port)
    try:
        stats = httpx.get(f"http://127.0.0.1:{port}/stats").json()
        results = measure(f"http://127.0.0.1:{port}", args.requests, args.n)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    report = {"articles": stats["articles"], "events": stats["events"], "build_s": round(build_s, 1),
              "endpoints": results}
    print(f"store: {stats['articles']} articles, {stats['events']} events (built in {build_s:.1f} s)")
    print(f"{'endpoint':24} {'p50 ms':>8} {'p95 ms':>8}")
    for name, r in results.items():
        print(f"{name:24} {r['p50_ms']:>8} {r['p95_ms']:>8}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "api_latency.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
