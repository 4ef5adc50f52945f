"""End to end with the real pipeline: a small story over several days, ingested and followed.

The articles are written for this test (not the samples): an agreement to swap 200 prisoners
each and a planned summit (2 June), the first stage of the swap as reported by two outlets with
different figures (120 and 110, 4 June), and a second stage (50, 6 June).
"""

from __future__ import annotations

import pytest

from detente.ingest import ingest_articles
from detente.inputs import Article
from detente.store import Store
from detente.story import clusters, commitments, schedule, story

pytestmark = pytest.mark.slow

ARTICLES = [
    ("deal", "2025-06-02", "Wire A",
     "ANKARA, June 2 — Armenia and Azerbaijan agreed on Monday to exchange 200 prisoners each, "
     "officials said after talks in Ankara. Armenian Prime Minister Nikol Pashinyan will meet Azerbaijani "
     "President Ilham Aliyev in Abu Dhabi on June 9, the Armenian government said."),
    ("stage1", "2025-06-04", "Wire B",
     "BAKU, June 4 — Armenia and Azerbaijan exchanged 120 prisoners on Wednesday in the first stage of "
     "the swap, officials said."),
    ("stage1-yerevan", "2025-06-05", "Wire C",
     "YEREVAN, June 5 — Armenia and Azerbaijan exchanged 110 prisoners on June 4, the Armenian "
     "government said."),
    ("stage2", "2025-06-06", "Wire B",
     "BAKU, June 6 — Armenia and Azerbaijan exchanged 50 prisoners on Friday in the second stage of "
     "the swap, officials said."),
]


def test_story_over_several_days(nlp, tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'e2e.db'}")
    items = [Article(id=aid, text=text, published=pub, source=src, title=aid, origin=aid)
             for aid, pub, src, text in ARTICLES]
    summary = ingest_articles(items, store, nlp=nlp)
    assert (summary.added, summary.failed) == (4, [])

    (first_stage,) = [c for c in clusters(store, min_articles=2) if c["type"] == "RETREAT"]
    assert first_stage["articles"] == ["stage1", "stage1-yerevan"]
    assert first_stage["n_sources"] == 2 and first_stage["first_report"]["published"] == "2025-06-04"
    (figure,) = [d for d in first_stage["disagreements"] if d["field"] == "figure"]
    assert sorted(v["value"] for v in figure["values"]) == [110, 120]

    found = {c["act"]["type"] + "/" + c["kind"]: c for c in commitments(store)}
    swap = found["RETREAT/agreement"]
    assert swap["agreement"]["article_id"] == "deal" and swap["promised"]["value"] == 200
    assert swap["status"] == "partly_fulfilled"
    assert swap["fulfilled_total"] == 120 + 50  # one figure per stage: the earliest report's on a tie
    assert next(s["cluster_id"] for s in swap["fulfilled_by"]) == first_stage["id"]
    meeting = found["CONSULT/planned"]
    assert meeting["status"] == "open" and meeting["due"] == "2025-06-09"
    assert commitments(store, today="2025-06-10", status="overdue")[0]["id"] == meeting["id"]

    assert [e["date"] for e in schedule(store)] == ["2025-06-09"]
    digest = story(store, "Azerbaijan")
    assert len(digest["commitments"]) == 2 and digest["timeline"]
    store.close()
