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


def test_digest_lists_the_stances_of_the_actor_and_of_the_phrase(store):
    from tests.store.stance_records import stance_record

    store.add(stance_record())
    trump = story(store, "trump")
    assert [(p["kind"], p["text"], p["negated"]) for p in trump["stances"]] == [
        ("desire", "a ceasefire by Monday", False), ("support", "new sanctions", True)]
    rows = [t for t in trump["timeline"] if t["kind"] == "stance"]
    text = stance_record()["document"]["text"]
    assert [text[slice(*t["evidence"][1])] for t in rows] == ["wants", "support"]
    assert [p["id"] for p in story(store, "dam was blown")["stances"]] == ["p4"]
    assert story(store, "Kazakhstan")["stances"] == []
