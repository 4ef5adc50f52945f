"""Commitments read only what their rules can reach: the SQL that picks those events must not miss any.

``commitments`` no longer loads the whole store; it asks SQL for the promises, the happened and
not-occurred members of the acts' clusters and the happened events of the acts' types. Each test
here pins a way that selection could lose an event the rules need (or let in one they must not),
on SQLite and, when ``DETENTE_TEST_PG`` is set, on PostgreSQL.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import true

from detente.store import Store
from detente.story import cluster_of, commitments
from detente.story.common import load_events
from detente.story.mentions import mentions
from tests.store.conftest import actor, backend, event, store_url  # noqa: F401 (both backends)
from tests.story.conftest import (
    claim,
    deal,
    kyiv,
    moscow,
    record,
    stage,
    timex,
    truce_failed,
    washington,
    when,
)

cm = importlib.import_module("detente.story.commitments")  # the package exports the function by that name
STORY = (washington, moscow, kyiv, deal, lambda: stage(1, "2025-05-23", 390, "people"),
         lambda: stage(2, "2025-05-24", 307, "prisoners"), truce_failed)


@pytest.fixture
def db(store_url) -> Iterator[Store]:  # noqa: F811 (the imported fixture)
    """An empty store on each backend under test (the story fixtures are SQLite only)."""
    s = Store(store_url)
    s.create()
    yield s
    s.close()


def _dump(store: Store) -> str:
    return json.dumps(commitments(store, today="2025-05-26"), sort_keys=True)


def unrelated(i: int) -> dict:
    """A report of events no commitment of the story can use: the swap's participants in another
    act, the swap's act between other states, a swap between the same states before the deal, a
    call between other people, a truce that failed elsewhere, and a figure about one of them."""
    t = (f"Russia shelled Ukraine on May {10 + i % 9}. Armenia and Azerbaijan swapped detainees. "
         f"Russia and Ukraine freed prisoners on May {1 + i % 5}. Macron phoned Scholz. "
         f"A truce between Armenia and Azerbaijan did not hold. Shelling killed {i + 2} people. Ref {i}.")
    return record(
        f"noise{i}", t, f"2025-05-{10 + i % 9:02d}", f"Noise {i % 3}",
        [actor("a1", "Russia", "state", "RUS", t), actor("a2", "Ukraine", "state", "UKR", t),
         actor("a3", "Armenia", "state", "ARM", t), actor("a4", "Azerbaijan", "state", "AZE", t),
         actor("a5", "Emmanuel Macron", "person", "FRA", t, "Macron"),
         actor("a6", "Olaf Scholz", "person", "DEU", t, "Scholz")],
        [event("e1", "ASSAULT", "occurred", t, "shelled", ["a1"], ["a2"], mode="artillery",
               time=when("t1", f"2025-05-{10 + i % 9:02d}")),
         event("e2", "RETREAT", "occurred", t, "swapped", ["a3", "a4"], ["a3", "a4"], mode="release",
               sentence=1),
         event("e3", "RETREAT", "occurred", t, "freed", ["a1", "a2"], ["a1", "a2"], mode="release",
               time=when("t2", f"2025-05-{1 + i % 5:02d}"), sentence=2),
         event("e4", "CONSULT", "occurred", t, "phoned", ["a5"], ["a6"], mode="phone", sentence=3),
         event("e5", "RETREAT", "not_occurred", t, "truce", ["a3", "a4"], ["a3", "a4"], mode="ceasefire",
               sentence=4)],
        [timex("t1", t, f"May {10 + i % 9}", f"2025-05-{10 + i % 9:02d}"),
         timex("t2", t, f"May {1 + i % 5}", f"2025-05-{1 + i % 5:02d}")],
        [claim("c1", t, f"{i + 2} people", i + 2, "people", "e1")],
    )


def test_unrelated_events_change_nothing(db):
    for make in STORY:
        assert db.add(make())
    before = _dump(db)
    assert '"status": "fulfilled"' in before and '"status": "broken"' in before
    assert db.add_many([unrelated(i) for i in range(30)]) == [True] * 30
    assert _dump(db) == before


@pytest.mark.parametrize("chunk", [1, 2])
def test_reading_by_small_chunks_changes_nothing(db, monkeypatch, chunk):
    """Events and claims read by key come in chunks of articles; the chunk edges must not matter."""
    for make in STORY:
        db.add(make())
    db.add_many([unrelated(i) for i in range(4)])
    whole = _dump(db)
    monkeypatch.setattr(cm, "ARTICLE_CHUNK", chunk)
    assert _dump(db) == whole


def _freed_by_cities() -> dict:
    """The first stage of the swap, told with the capitals standing for their states."""
    t = "Moscow and Kyiv freed 390 prisoners of war on May 23."
    return record(
        "cities", t, "2025-05-23", "Wire D",
        [actor("a1", "Moscow", "state", "RUS", t), actor("a2", "Kyiv", "state", "UKR", t)],
        [event("e1", "RETREAT", "occurred", t, "freed", ["a1", "a2"], ["a1", "a2"], mode="release",
               time=when("t1", "2025-05-23"))],
        [timex("t1", t, "May 23", "2025-05-23")],
        [claim("c1", t, "390 prisoners of war", 390, "prisoners of war", "e1")],
    )


def test_a_state_named_by_its_capital_fulfils_through_its_country(db):
    """No canonical actor is shared with the agreement (Moscow is not Russia by name): the match
    is only through the country tokens, so no participant filter may drop the event."""
    db.add(deal())
    db.add(_freed_by_cities())
    swap = {c["id"]: c for c in commitments(db)}["deal:e1"]
    assert swap["status"] == "partly_fulfilled" and swap["fulfilled_total"] == 390
    assert [s["events"][0]["article_id"] for s in swap["fulfilled_by"]] == ["cities"]
    assert [s["counted"]["value"] for s in swap["fulfilled_by"]] == [390]


def _call(doc_id: str, text: str, people: list[tuple[str, str, str]], source: str) -> dict:
    """An occurred phone call on 19 May between ``people`` (actor id, name, country)."""
    return record(
        doc_id, text, "2025-05-19", source,
        [actor(aid, name, "person", country, text) for aid, name, country in people],
        [event("e1", "CONSULT", "occurred", text, "call", [p[0] for p in people], [], mode="phone",
               time=when("t1", "2025-05-19"))],
        [timex("t1", text, "on May 19", "2025-05-19")],
    )


def test_a_member_of_the_acts_cluster_counts_without_matching_the_act(db):
    """Putin-Macron does not match the planned Trump-Putin call, but joins its cluster through the
    three-way call: the act's cluster is read as such, not only the act's matches."""
    db.add(washington())
    db.add(_call("three", "Putin, Trump and Macron held a call on May 19.",
                 [("a1", "Vladimir Putin", "RUS"), ("a2", "Donald Trump", "USA"),
                  ("a3", "Emmanuel Macron", "FRA")], "Wire E"))
    db.add(_call("two", "Putin and Macron held a call on May 19.",
                 [("a1", "Vladimir Putin", "RUS"), ("a2", "Emmanuel Macron", "FRA")], "Wire F"))
    assert cluster_of(db, "two", "e1")["articles"] == ["wh", "three", "two"]
    call = {c["id"]: c for c in commitments(db)}["wh:e1"]
    assert call["status"] == "fulfilled"
    assert [[e["article_id"] for e in s["events"]] for s in call["fulfilled_by"]] == [["three", "two"]]


def test_an_agreement_about_an_act_that_is_not_planned(db):
    """The agreed act is found by the AGREE that points at it, whatever its own status."""
    rec = deal()
    rec["events"][1]["status"] = "possible"
    db.add(rec)
    db.add(stage(1, "2025-05-23", 390, "people"))
    swap = {c["id"]: c for c in commitments(db)}["deal:e1"]
    assert swap["act"]["status"] == "possible" and swap["status"] == "partly_fulfilled"


def test_streamed_mentions_are_the_mentions(db):
    """The commitment tracker reads mentions in one streamed join; they must be those of
    ``mentions.mentions`` (participant tokens included), with the start ``_start`` gives."""
    for make in STORY:
        db.add(make())
    db.add(_freed_by_cities())
    with db.engine.connect() as conn:
        streamed = dict(cm._mentions(conn, true()))
        evs = load_events(conn)
        assert {m.key: m for m in streamed} == mentions(conn, {k[0] for k in evs})
    assert {m.key: start for m, start in streamed.items()} == {k: cm._start(ev) for k, ev in evs.items()}


def _kept_by(store: Store, horizon: int | None = None) -> list[str]:
    kw = {} if horizon is None else {"horizon_days": horizon}
    swap = {c["id"]: c for c in commitments(store, **kw)}["deal:e1"]
    return [s["events"][0]["article_id"] for s in swap["fulfilled_by"]]


def test_an_undated_promise_is_kept_only_within_the_horizon(db):
    """The swap agreed on 2025-05-16 has no date of its own: a swap between the same sides a year
    later still counts, one a day beyond the horizon does not, unless the horizon is widened."""
    db.add(deal())
    db.add(stage(1, "2026-05-16", 100, "prisoners"))  # day 365
    db.add(stage(2, "2026-05-17", 100, "prisoners"))  # day 366
    db.add(stage(3, "2025-05-15", 100, "prisoners"))  # the day before the promise
    assert _kept_by(db) == ["stage1"]
    assert _kept_by(db, horizon=366) == ["stage1", "stage2"]
    assert _kept_by(db, horizon=364) == []
    with pytest.raises(ValueError, match="horizon"):
        commitments(db, horizon_days=-1)


def test_a_for_ever_horizon_is_the_rule_without_one(db):
    """A horizon past the last representable day takes every later act, and nothing overflows."""
    db.add(deal())
    db.add(stage(1, "2031-01-02", 100, "prisoners"))
    assert _kept_by(db, horizon=10**9) == ["stage1"]


def test_a_dated_act_with_a_long_time_is_found_by_any_day_in_it(db):
    """An act planned for a whole year is kept by a matching act in its last month; a short act
    filed under the same sides must not hide it from the bisection."""
    t = "Russia and Ukraine will exchange prisoners in 2026. They will also exchange prisoners on June 2."
    db.add(record(
        "plan", t, "2025-12-01", "Wire P",
        [actor("a1", "Russia", "state", "RUS", t), actor("a2", "Ukraine", "state", "UKR", t)],
        [event("e1", "RETREAT", "planned", t, "exchange", ["a1", "a2"], ["a1", "a2"], mode="release",
               time=when("t1", "2026")),
         event("e2", "RETREAT", "planned", t, "exchange", ["a1", "a2"], ["a1", "a2"], mode="release",
               time=when("t2", "2026-06-02"), sentence=1)],
        [timex("t1", t, "2026", "2026"), timex("t2", t, "June 2", "2026-06-02")],
    ))
    db.add(stage(1, "2026-12-20", 100, "prisoners"))
    board = {c["id"]: c for c in commitments(db, today="2026-12-31")}
    assert board["plan:e1"]["status"] == "fulfilled"
    assert board["plan:e2"]["status"] == "overdue"
