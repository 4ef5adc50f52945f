"""Commitments: fulfilled in stages, partly fulfilled, open, overdue and broken."""

from __future__ import annotations

from datetime import date

import pytest

from detente.story import commitments
from detente.story.common import unit_group
from tests.story.conftest import deal, stage, truce_failed


def _by_id(store, **kw) -> dict[str, dict]:
    return {c["id"]: c for c in commitments(store, **kw)}


def test_three_stages_fulfil_the_swap(swap_store):
    swap = _by_id(swap_store)["deal:e1"]
    assert swap["status"] == "fulfilled" and swap["kind"] == "agreement"
    assert swap["promised"]["value"] == 1000 and swap["promised"]["unit"] == "prisoners of war"
    assert swap["fulfilled_total"] == 390 + 307 + 303
    assert [s["counted"]["value"] for s in swap["fulfilled_by"]] == [390, 307, 303]
    assert [s["events"][0]["article_id"] for s in swap["fulfilled_by"]] == ["stage1", "stage2", "stage3"]
    assert swap["agreement"]["trigger"] == "agreed" and swap["act"]["event_id"] == "e2"
    assert swap["act"]["type"] == "RETREAT" and swap["act"]["mode"] == "release"


def test_two_stages_partly_fulfil_it(store):
    for rec in (deal(), stage(1, "2025-05-23", 390, "people"), stage(2, "2025-05-24", 307, "prisoners")):
        store.add(rec)
    swap = _by_id(store)["deal:e1"]
    assert swap["status"] == "partly_fulfilled" and swap["fulfilled_total"] == 697


def test_planned_act_of_an_agreement_is_not_listed_twice(swap_store):
    ids = set(_by_id(swap_store))
    assert "deal:e2" not in ids
    assert {"deal:e1", "deal:e3", "deal:e4", "deal:e5"} <= ids


def test_open_and_overdue(swap_store):
    found = _by_id(swap_store, today=date(2025, 5, 25))
    assert found["deal:e3"]["status"] == "open"  # a meeting with no date cannot be late
    assert found["deal:e4"]["status"] == "overdue"  # talks due on 20 May, no report that they took place
    assert found["deal:e4"]["due"] == "2025-05-20"
    assert found["deal:e5"]["status"] == "open"  # cease-fire due on 30 May, not yet
    assert _by_id(swap_store, today="2025-05-19")["deal:e4"]["status"] == "open"


def test_default_reference_date_is_the_latest_report(swap_store):
    talks = _by_id(swap_store)["deal:e4"]
    assert talks["reference_date"] == "2025-05-25" and talks["status"] == "overdue"


def test_broken_when_a_later_report_says_it_did_not_happen(swap_store):
    swap_store.add(truce_failed())
    truce = _by_id(swap_store)["deal:e5"]
    assert truce["status"] == "broken"
    assert [(b["article_id"], b["status"]) for b in truce["broken_by"]] == [("truce", "not_occurred")]


def test_status_filter(swap_store):
    swap_store.add(truce_failed())
    assert [c["id"] for c in commitments(swap_store, status="broken")] == ["deal:e5"]
    assert [c["id"] for c in commitments(swap_store, status="fulfilled")] == ["deal:e1"]
    with pytest.raises(ValueError, match="status"):
        commitments(swap_store, status="kept")


def test_planned_call_fulfilled_by_the_occurred_report(call_store):
    call = _by_id(call_store)["wh:e1"]
    assert call["status"] == "fulfilled" and call["kind"] == "planned"
    assert call["fulfilled_by"][0]["events"][0]["article_id"] == "moscow"
    assert call["promised"] is None and call["fulfilled_total"] is None


def test_the_same_agreement_from_two_outlets_is_one_commitment(swap_store):
    copy = deal()
    copy["document"].update(id="deal2", source="Wire B", published="2025-05-17")
    copy["document"]["text"] += " "
    copy["document"]["sha256"] = "1" * 64
    swap_store.add(copy)
    found = _by_id(swap_store)
    assert "deal2:e1" not in found
    assert [r["article_id"] for r in found["deal:e1"]["reports"]] == ["deal2"]
    assert found["deal:e1"]["status"] == "fulfilled"


@pytest.mark.parametrize(("unit", "group"), [("prisoners of war", "people"), ("Ukrainian soldiers", "people"),
                                             ("bodies", "bodies"), ("tanks", "tanks"), (None, None)])
def test_unit_groups(unit, group):
    assert unit_group(unit) == group
