"""The API under concurrent reads and an unauthenticated write flood, on loopback, bounded.

A short version of benchmarks/api_load.py: 10 clients for 3 seconds must see no error, and every
write without the token must be refused.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn
from benchmarks.api_load import SAMPLES, free_port, readers, write_flood

from detente.api import create_app
from detente.ingest import ingest_paths
from detente.store.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, nlp) -> str:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('load')) / 'load.db'}"
    ingest_paths([SAMPLES], Store(url), nlp=nlp)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, token="t0ken"), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(address + "/stats", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield address
    server.should_exit = True
    thread.join(timeout=10)


def test_concurrent_reads_see_no_error(base: str) -> None:
    result = readers(base, clients=10, seconds=3, max_requests=400)
    assert result["requests"] > 0
    assert result["errors"] == 0, result["error_examples"]


def test_write_flood_without_token_is_refused(base: str) -> None:
    result = write_flood(base, writes=60, clients=10)
    assert result["refused"] == 60
