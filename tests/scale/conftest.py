"""The store fixtures of ``tests/store`` (one SQLite file, one PostgreSQL schema per test), reused here,
plus a generator of many distinct records built from the hand-made ones (no spaCy model needed)."""

from __future__ import annotations

import copy
import hashlib

from tests.store.conftest import backend, istanbul_record, store, store_url, swap_record  # noqa: F401


def variant(i: int) -> dict:
    """Record ``i``: a hand-built record made unique (id and text), same actors as its template.

    Odd variants list their actors in reverse order, so two concurrent writers touch the shared
    canonical-actor rows in different orders — the pattern that deadlocks a careless store.
    """
    record = copy.deepcopy(istanbul_record() if i % 2 == 0 else swap_record())
    doc = record["document"]
    doc["id"] = f"{doc['id']}-{i}"
    doc["text"] = f"{doc['text']} Ref {i}."
    doc["sha256"] = hashlib.sha256(doc["text"].encode("utf-8")).hexdigest()
    if i % 4 in (1, 3):
        record["actors"].reverse()
    return record
