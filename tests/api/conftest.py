"""The API over a store of hand-made records (no spaCy model), and an XSS-laden article.

The records are the store tests' Istanbul and swap articles (tests/store/conftest.py) plus one
article whose title and text carry ``<script>`` and ``onerror=`` payloads, which the UI must show
as text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from detente.api import create_app
from tests.store.conftest import istanbul_record, span, swap_record

TOKEN = "test-token-123"
XSS_TITLE = "<img src=x onerror=alert(1)> Talks <script>alert(1)</script>"
XSS_TEXT = (
    "Officials met in Geneva on May 20 <script>alert(1)</script> and talked. "
    "Observers said <img src=x onerror=alert(1)> nothing was agreed."
)


def xss_record() -> dict:
    """A record whose strings are markup: title, text, actor name, trigger and statement."""
    t = XSS_TEXT
    return {
        "schema": "detente.record/1",
        "document": {
            "id": "xss", "title": XSS_TITLE, "source": "<b>Evil Wire</b>", "url": "javascript:alert(1)",
            "published": "2025-05-20", "language": "en",
            "sha256": hashlib.sha256(t.encode("utf-8")).hexdigest(), "text": t, "warnings": [],
        },
        "actors": [
            {"id": "a1", "name": "<script>alert(1)</script>", "kind": "group", "country": None, "sector": None,
             "roles": [], "aliases": [], "mentions": [span(t, "Officials")], "wikidata": None},
            {"id": "a2", "name": "Observers", "kind": "group", "country": None, "sector": None,
             "roles": [], "aliases": [], "mentions": [span(t, "Observers")], "wikidata": None},
        ],
        "timexes": [],
        "statements": [
            {"id": "s1", "text": "<img src=x onerror=alert(1)> nothing was agreed",
             "span": span(t, "<img src=x onerror=alert(1)> nothing was agreed"), "kind": "indirect",
             "speaker": "a2", "cue": "said", "channel": None, "time": None},
        ],
        "claims": [],
        "events": [
            {"id": "e1", "type": "CONSULT", "mode": None, "cameo": "040", "sources": ["a1"], "targets": ["a2"],
             "status": "occurred", "negated": False,
             "time": {"timex": None, "value": "2025-05-20", "start": None, "end": None}, "place": None,
             "reported_by": None, "about": None, "condition": None,
             "trigger": {"text": "<script>alert(1)</script>", "span": span(t, "<script>alert(1)</script>")},
             "sentence": 0, "evidence": [span(t, "Officials met in Geneva on May 20 <script>alert(1)</script>")],
             "confidence": 0.5},
        ],
    }


@pytest.fixture
def app(tmp_path):
    application = create_app(f"sqlite:///{tmp_path / 'api.db'}", token=TOKEN, max_body=50_000,
                             nlp_factory=_no_model)
    for record in (istanbul_record(), swap_record(), xss_record()):
        assert application.state.store.add(record)
    yield application
    application.state.store.close()


def _no_model():  # the fast tests must never load the pipeline
    raise AssertionError("the fast API tests must not load the spaCy model")


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
