"""Hand-built records (CODEBOOK detente.record/1) for the store tests: no spaCy model needed.

Two articles about the same story, written by different outlets: the first spells the Ukrainian
president "Volodymyr Zelenskyy", the second "Volodymyr Zelensky", so the canonical-actor merge
has something to merge.

Every test that takes ``store`` (or ``store_url``) runs once on a SQLite file and, when
``DETENTE_TEST_PG`` names a PostgreSQL database, once more on PostgreSQL. Each PostgreSQL test gets
its own schema (selected through ``search_path`` in the URL, so subprocesses given the URL land in
it too) and the schema is dropped afterwards: tests stay isolated without a database per test.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from detente.store import Store

PG_URL = os.environ.get("DETENTE_TEST_PG", "").strip()
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]
#: Tests about SQLite itself (its pragmas); they would only fail, not test anything, on PostgreSQL.
SQLITE_ONLY = frozenset({"test_sqlite_pragmas"})


def pg_schema_url(base: str, schema: str) -> str:
    """``base`` with every connection's ``search_path`` set to ``schema`` (psycopg ``options``)."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote(f'-csearch_path={schema}')}"


@contextlib.contextmanager
def pg_schema(base: str) -> Iterator[str]:
    """A fresh, empty schema for one test; yields a URL that uses it, drops it afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield pg_schema_url(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

ISTANBUL_TEXT = (
    "Trump wrote that he will speak by phone with Putin on Monday. "
    "Russian and Ukrainian delegations met in Istanbul on May 16. "
    "Zelenskyy said the sides agreed to exchange 1,000 prisoners each. "
    "Trump said more than 5,000 soldiers a week are dying."
)
SWAP_TEXT = (
    "Russia and Ukraine exchanged 390 prisoners on May 23, the first stage of the swap. "
    "Volodymyr Zelensky asked Moscow to release all prisoners."
)


def span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def actor(aid: str, name: str, kind: str, country: str | None, text: str, *aliases: str, **kw: Any) -> dict:
    mentions = [span(text, a) for a in (name, *aliases) if a in text]
    return {
        "id": aid, "name": name, "kind": kind, "country": country, "sector": kw.get("sector"),
        "roles": kw.get("roles", []), "aliases": list(aliases), "mentions": mentions,
        "wikidata": kw.get("wikidata"),
    }


def event(eid: str, type_: str, status: str, text: str, trigger: str, sources: list[str],
          targets: list[str], **kw: Any) -> dict:
    return {
        "id": eid, "type": type_, "mode": kw.get("mode"), "cameo": kw.get("cameo"),
        "sources": sources, "targets": targets, "status": status, "negated": False,
        "time": kw.get("time"), "place": kw.get("place"), "reported_by": kw.get("reported_by"),
        "about": kw.get("about"), "condition": None,
        "trigger": {"text": trigger, "span": span(text, trigger)}, "sentence": kw.get("sentence", 0),
        "evidence": [span(text, trigger)], "confidence": kw.get("confidence", 0.8),
    }


def document(doc_id: str, text: str, published: str, title: str, source: str) -> dict:
    return {
        "id": doc_id, "title": title, "source": source, "url": f"https://example.org/{doc_id}",
        "published": published, "language": "en",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "text": text, "warnings": [],
    }


def istanbul_record() -> dict:
    t = ISTANBUL_TEXT
    return {
        "schema": "detente.record/1",
        "document": document("istanbul", t, "2025-05-17", "Talks in Istanbul", "Wire A"),
        "actors": [
            actor("a1", "Donald Trump", "person", "USA", t, "Trump", roles=["President"], sector="GOV"),
            actor("a2", "Vladimir Putin", "person", "RUS", t, "Putin", roles=["President"]),
            actor("a3", "Volodymyr Zelenskyy", "person", "UKR", t, "Zelenskyy", roles=["President"]),
            actor("a4", "Russia", "state", "RUS", t, "Russian"),
            actor("a5", "Ukraine", "state", "UKR", t, "Ukrainian"),
        ],
        "timexes": [
            {"id": "t1", "text": "Monday", "span": span(t, "Monday"), "type": "DATE",
             "value": "2025-05-19", "tz": None, "utc": None, "mod": None},
            {"id": "t2", "text": "May 16", "span": span(t, "May 16"), "type": "DATE",
             "value": "2025-05-16", "tz": None, "utc": None, "mod": None},
        ],
        "statements": [
            {"id": "s1", "text": "he will speak by phone with Putin on Monday",
             "span": span(t, "he will speak by phone with Putin on Monday"), "kind": "indirect",
             "speaker": "a1", "cue": "wrote", "channel": None, "time": None},
            {"id": "s2", "text": "the sides agreed to exchange 1,000 prisoners each",
             "span": span(t, "the sides agreed to exchange 1,000 prisoners each"), "kind": "indirect",
             "speaker": "a3", "cue": "said", "channel": None, "time": None},
        ],
        "claims": [
            {"id": "c1", "text": "more than 5,000 soldiers a week",
             "span": span(t, "more than 5,000 soldiers a week"),
             "value": 5000, "qualifier": "more_than", "unit": "soldiers", "per": "P1W",
             "predicate": "dying", "claimed_by": "a1", "about": None},
            {"id": "c2", "text": "1,000 prisoners", "span": span(t, "1,000 prisoners"), "value": 1000,
             "qualifier": "exact", "unit": "prisoners", "per": None, "predicate": "exchanged",
             "claimed_by": "a3", "about": "e4"},
        ],
        "events": [
            event("e1", "CONSULT", "planned", t, "speak by phone", ["a1"], ["a2"], mode="phone",
                  time={"timex": "t1", "value": "2025-05-19", "start": None, "end": None}, reported_by="a1"),
            event("e2", "CONSULT", "occurred", t, "met", ["a4", "a5"], ["a4", "a5"], mode="third-party",
                  time={"timex": "t2", "value": "2025-05-16", "start": None, "end": None},
                  place={"name": "Istanbul", "country": "TUR", "lat": 41.01, "lon": 28.98,
                         "geonames": 745044},
                  sentence=1),
            event("e3", "AGREE", "occurred", t, "agreed", ["a4", "a5"], ["a4", "a5"], about="e4",
                  reported_by="a3", sentence=2),
            event("e4", "RETREAT", "planned", t, "exchange", ["a4", "a5"], ["a4", "a5"], mode="release",
                  reported_by="a3", sentence=2),
        ],
    }


def swap_record() -> dict:
    t = SWAP_TEXT
    return {
        "schema": "detente.record/1",
        "document": document("swap", t, "2025-05-23", "First stage of the swap", "Wire B"),
        "actors": [
            actor("a1", "Russia", "state", "RUS", t, "Moscow"),
            actor("a2", "Ukraine", "state", "UKR", t),
            actor("a3", "Volodymyr Zelensky", "person", "UKR", t, "Zelensky", roles=["President"]),
        ],
        "timexes": [
            {"id": "t1", "text": "May 23", "span": span(t, "May 23"), "type": "DATE",
             "value": "2025-05-23", "tz": None, "utc": None, "mod": None},
        ],
        "statements": [],
        "claims": [
            {"id": "c1", "text": "390 prisoners", "span": span(t, "390 prisoners"), "value": 390,
             "qualifier": "exact", "unit": "prisoners", "per": None, "predicate": "exchanged",
             "claimed_by": None, "about": "e1"},
        ],
        "events": [
            event("e1", "RETREAT", "occurred", t, "exchanged", ["a1", "a2"], ["a1", "a2"], mode="release",
                  time={"timex": "t1", "value": "2025-05-23", "start": None, "end": None}),
            event("e2", "REQUEST", "occurred", t, "asked", ["a3"], ["a1"], mode="yield", reported_by="a3",
                  sentence=1),
        ],
    }


@pytest.fixture
def records() -> tuple[dict, dict]:
    """Fresh deep copies, so a test may break one without touching the others."""
    return copy.deepcopy(istanbul_record()), copy.deepcopy(swap_record())


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """The database kind under test: "sqlite", and "postgresql" when ``DETENTE_TEST_PG`` is set."""
    if request.param != "sqlite" and request.node.originalname in SQLITE_ONLY:
        pytest.skip("checks SQLite's own settings")
    return request.param


@pytest.fixture
def store_url(backend, tmp_path) -> Iterator[str]:
    """A URL to an empty database of the backend under test, private to this test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'detente.db'}"
        return
    with pg_schema(PG_URL) as url:
        yield url


@pytest.fixture
def store(store_url) -> Iterator[Store]:
    s = Store(store_url)
    s.create()
    yield s
    s.close()


@pytest.fixture
def filled(store, records) -> Store:
    for record in records:
        assert store.add(record) is True
    return store
