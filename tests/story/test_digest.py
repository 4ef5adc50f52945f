"""story(): the digest for an actor, a place or a phrase, in time order with evidence."""

from __future__ import annotations

import pytest

from detente.story import story


def test_actor_digest(call_store, swap_store):
    found = story(call_store, "putin")
    assert {tuple(c["articles"]) for c in found["clusters"]} >= {("wh", "moscow")}
    assert "wh:e1" in {c["id"] for c in found["commitments"]}
    whens = [str(t["when"])[:10] for t in found["timeline"]]
    assert whens == sorted(whens)
    assert all(t["article_id"] and "evidence" in t for t in found["timeline"])


def test_place_and_phrase(swap_store):
    assert [c["id"] for c in story(swap_store, "istanbul")["commitments"]] == ["deal:e4"]
    swap = story(swap_store, "freed")
    assert {c["value"] for c in swap["claims"]} == {390, 307, 303}
    assert "deal:e1" in {c["id"] for c in swap["commitments"]}


def test_empty_query_is_refused(store):
    with pytest.raises(ValueError, match="empty"):
        story(store, "  ")
