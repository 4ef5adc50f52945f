"""The API under concurrent reads and an unauthenticated write flood, on loopback, bounded.

A short version of benchmarks/api_load.py: 10 clients for 3 seconds must see no error, and every
write without the token must be refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.api_load import SAMPLES, readers, serving, write_flood

from detente.ingest import ingest_paths
from detente.store.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, nlp) -> Iterator[str]:
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('load')) / 'load.db'}"
    ingest_paths([SAMPLES], Store(url), nlp=nlp)
    with serving(url, "t0ken") as address:
        yield address


def test_concurrent_reads_see_no_error(base: str) -> None:
    result = readers(base, clients=10, seconds=3, max_requests=400)
    assert result["requests"] > 0
    assert result["errors"] == 0, result["error_examples"]


def test_write_flood_without_token_is_refused(base: str) -> None:
    result = write_flood(base, writes=60, clients=10)
    assert result["refused"] == 60
