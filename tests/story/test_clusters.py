"""Event clusters: the match rule, first planned then occurred, sources, disagreements, upkeep."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from detente.store import queries
from detente.store.schema import cluster_members, clusters
from detente.story import cluster_of, ensure_clustered, recluster
from detente.story import clusters as list_clusters
from detente.story.clusters import Mention, same_event, same_time
from tests.story.conftest import kyiv, moscow, washington


def _mention(aid: str, value: str | None, status: str = "occurred", people=("x",), published="2025-05-19",
             mode=None) -> Mention:
    from detente.story.common import interval
    from detente.story.mentions import window_of

    return Mention((aid, "e1"), "CONSULT", mode, status, interval(value), window_of(status, published),
                   frozenset(people))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("2025-05-19", "2025-05-19T10:00", True), ("2025-05", "2025-05-19", True),
     ("2025-W21", "2025-05-19", True), ("2025-W21", "2025-05-26", False),
     ("2025-05-19", "2025-05-20", False), ("2025", "2025-05-19T17:00", True)],
)
def test_time_rule(a, b, same):
    assert same_time(_mention("x", a), _mention("y", b)) is same


def test_undated_plans_do_not_match_dated_acts():
    plan = _mention("x", None, status="planned", published="2025-05-16")
    assert not same_time(plan, _mention("y", "2025-05-19"))
    assert same_time(plan, _mention("y", None, status="planned", published="2025-05-18"))
    assert same_time(_mention("x", None, published="2025-05-20"), _mention("y", "2025-05-19"))


def test_participants_rule():
    tp = _mention("x", "2025-05-19", people=("trump", "putin"))
    assert same_event(tp, _mention("y", "2025-05-19", people=("putin", "trump")))
    assert same_event(tp, _mention("y", "2025-05-19", people=("trump",)))
    assert not same_event(tp, _mention("y", "2025-05-19", people=("trump", "zelensky")))
    assert not same_event(tp, _mention("x", "2025-05-19", people=("putin", "trump")))  # same article
    assert not same_event(_mention("x", "2025-05-19", mode="phone", people=("trump",)),
                          _mention("y", "2025-05-19", mode="visit", people=("trump",)))


def test_planned_call_then_occurred_is_one_cluster(call_store):
    found = list_clusters(call_store, min_articles=2)
    calls = [c for c in found if c["type"] == "CONSULT"]
    assert len(calls) == 1
    call = calls[0]
    assert call["articles"] == ["wh", "moscow"]
    assert [h["status"] for h in call["status_history"]] == ["planned", "occurred"]
    assert call["first_report"] == {"article_id": "wh", "event_id": "e1", "published": "2025-05-18",
                                    "source": "Washington Wire"}
    assert call["n_sources"] == 2 and call["sources"] == ["Washington Wire", "Moscow Daily"]
    assert call["disagreements"] == []  # 10:00 New York and 17:00 Moscow are both 14:00 UTC


def test_trump_zelensky_call_stays_apart(call_store):
    assert cluster_of(call_store, "kyiv", "e2")["articles"] == ["kyiv"]


def test_figure_disagreement(call_store):
    swap = cluster_of(call_store, "kyiv", "e1")
    assert swap["id"] == cluster_of(call_store, "moscow", "e2")["id"]
    assert swap["first_report"]["article_id"] == "moscow"
    (figure,) = [d for d in swap["disagreements"] if d["field"] == "figure"]
    assert figure["unit"] == "people"
    assert {(v["value"], v["source"], v["claimed_by"]) for v in figure["values"]} == {
        (390, "Moscow Daily", None), (380, "Kyiv Post", "Ukraine")}
    assert list_clusters(call_store, disputed=True) == [swap]


def test_time_and_status_disagreements(store):
    wh, mo = washington(), moscow()
    mo["events"][0]["status"] = "denied"
    mo["timexes"][0]["utc"] = "2025-05-19T15:00:00Z"
    store.add(wh)
    store.add(mo)
    call = cluster_of(store, "wh", "e1")
    assert {d["field"] for d in call["disagreements"]} == {"time"}  # planned vs denied is no conflict
    fields = {d["field"]: d for d in call["disagreements"]}
    assert {v["value"] for v in fields["time"]["values"]} == {"2025-05-19T10:00", "2025-05-19T17:00"}


def test_every_event_has_one_cluster_and_adding_again_changes_nothing(call_store):
    before = queries.stats(call_store)
    assert before["cluster_members"] == before["events"] == 5
    assert before["clusters"] == 3  # call, swap, Trump–Zelensky call
    assert call_store.add(moscow()) is False
    assert queries.stats(call_store) == before


def test_order_of_arrival_does_not_matter(store):
    for rec in (kyiv(), moscow(), washington()):
        store.add(rec)
    assert sorted(len(c["articles"]) for c in list_clusters(store)) == [1, 2, 2]


def test_remove_drops_empty_clusters_and_recluster_rebuilds(call_store):
    call_store.remove("wh")
    assert queries.stats(call_store)["clusters"] == 3  # the Moscow call stays, now alone
    call_store.remove("moscow")
    assert queries.stats(call_store)["clusters"] == 2
    assert recluster(call_store) == 1
    assert queries.stats(call_store)["clusters"] == 2


def test_ensure_clustered_fills_a_store_from_before_the_tables(call_store):
    with call_store.engine.begin() as conn:
        conn.execute(cluster_members.delete())
        conn.execute(clusters.delete())
    assert ensure_clustered(call_store) == 3
    assert ensure_clustered(call_store) == 0
    with call_store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(clusters)).scalar_one() == 3
    assert len(list_clusters(call_store, min_articles=2)) == 2


def test_failed_insert_leaves_no_cluster(store):
    bad = moscow()
    bad["events"][1]["confidence"] = 7
    with pytest.raises(IntegrityError):  # the CHECK constraint
        store.add(bad)
    assert queries.stats(store)["clusters"] == 0


def _clusters_by_members(store) -> set[frozenset[tuple[str, str]]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(cluster_members)).all()
    groups: dict[int, set[tuple[str, str]]] = {}
    for r in rows:
        groups.setdefault(r.cluster_id, set()).add((r.article_id, r.event_id))
    return {frozenset(g) for g in groups.values()}


def _assert_batch_as_one_by_one(store, recs, tmp_path):
    """``store`` gets ``recs`` in one batch, a fresh store one at a time: the clusters must agree."""
    from detente.store import Store

    assert store.add_many(recs) == [True] * len(recs)
    with Store(f"sqlite:///{tmp_path / 'one_by_one.db'}") as single:
        single.create()
        for rec in recs:
            single.add(rec)
        assert _clusters_by_members(store) == _clusters_by_members(single)


def test_a_batch_clusters_exactly_as_one_article_at_a_time(store, tmp_path):
    """``add_many`` clusters a batch with one round of queries; the clusters must be the ones that
    adding the same records one by one gives, including matches between articles of the batch."""
    from tests.story.conftest import deal, stage, truce_failed

    recs = [washington(), moscow(), kyiv(), deal(), stage(1, "2025-05-23", 390, "prisoner"),
            stage(2, "2025-05-24", 307, "prisoner"), truce_failed()]
    _assert_batch_as_one_by_one(store, recs, tmp_path)
    assert any(len({aid for aid, _ in group}) == 2 for group in _clusters_by_members(store))


def test_add_many_reports_each_record(store):
    bad = moscow()
    del bad["document"]["text"]
    copy = washington()
    copy["document"]["id"] = "wh-copy"  # same text, other id: the same article
    out = store.add_many([washington(), bad, copy, kyiv()])
    assert out[0] is True and out[2] is False and out[3] is True
    assert "re-extract" in str(out[1])
    assert store.add_many([washington(), kyiv()]) == [False, False]
    assert queries.stats(store)["articles"] == 2


def _strike(doc_id: str, text: str, attacker: str, attacked: str, source: str) -> dict:
    from tests.store.conftest import actor, event
    from tests.story.conftest import record, timex, when

    names = {"RUS": "Russia", "UKR": "Ukraine"}
    return record(
        doc_id, text, "2025-06-02", source,
        [actor("a1", names[attacker], "state", attacker, text), actor("a2", names[attacked], "state", attacked, text)],
        [event("e1", "ASSAULT", "occurred", text, "shelled", ["a1"], ["a2"], mode="artillery",
               time=when("t1", "2025-06-01"))],
        [timex("t1", text, "on Sunday", "2025-06-01")],
    )


def test_reports_that_reverse_who_did_it_disagree_on_order(store):
    store.add(_strike("ru", "Ukraine shelled Russia near the border on Sunday.", "UKR", "RUS", "Moscow Daily"))
    store.add(_strike("ua", "Russia shelled Ukraine near the border on Sunday.", "RUS", "UKR", "Kyiv Post"))
    strike = cluster_of(store, "ru", "e1")
    assert strike["articles"] == ["ru", "ua"]  # one event, told two ways
    order = [d for d in strike["disagreements"] if d["field"] == "order"]
    assert len(order) == 1
    assert {(v["source"], v["value"]) for v in order[0]["values"]} == {
        ("Moscow Daily", "Ukraine → Russia"), ("Kyiv Post", "Russia → Ukraine")}


def test_naming_both_sides_as_actors_reverses_nothing(call_store):
    call = cluster_of(call_store, "wh", "e1")  # Trump → Putin, and "Putin and Trump held a call"
    assert len(call["articles"]) == 2
    assert "order" not in {d["field"] for d in call["disagreements"]}


def test_a_month_report_cannot_chain_days_outside_the_new_reach(store):
    """Complete link reads every member of a candidate's cluster, not only the candidates: the
    23 May stage lies outside what the 24 May stage can reach, yet it is in the month report's
    cluster and keeps the 24 May stage out of it."""
    from tests.story.conftest import actor, event, record, stage, timex, when

    t = "Russia and Ukraine freed prisoners in May, officials said."
    month = record("month", t, "2025-05-23", "Outlet M",
                   [actor("a1", "Russia", "state", "RUS", t), actor("a2", "Ukraine", "state", "UKR", t)],
                   [event("e1", "RETREAT", "occurred", t, "freed", ["a1", "a2"], ["a1", "a2"], mode="release",
                          time=when("t1", "2025-05"))],
                   [timex("t1", t, "May", "2025-05")])
    assert store.add(stage(1, "2025-05-23", 390, "people"))
    assert store.add(month)
    assert cluster_of(store, "stage1", "e1")["id"] == cluster_of(store, "month", "e1")["id"]
    assert store.add(stage(2, "2025-05-24", 307, "prisoners"))
    assert cluster_of(store, "stage2", "e1")["id"] != cluster_of(store, "stage1", "e1")["id"]


def test_a_merge_inside_a_batch_never_reuses_a_new_clusters_id(store, tmp_path):
    """A batch whose mention bridges two new clusters (merged) and then opens another: the new one
    must not take the id of a cluster still in use (it did, and a sanction joined an aid cluster)."""
    from tests.store.conftest import actor, event
    from tests.story.conftest import record

    def report(doc_id: str, type_: str, names: list[str]) -> dict:
        text = f"{' and '.join(names)} met on Monday. The {type_.lower()} was reported."
        actors = [actor(f"a{i}", n, "person", None, text) for i, n in enumerate(names, 1)]
        ids = [a["id"] for a in actors]
        return record(doc_id, text, "2025-05-19", f"Wire {doc_id}", actors,
                      [event("e1", type_, "occurred", text, "met", ids, [])])

    recs = [report("a", "CONSULT", ["Ann Trent", "Bo Pell"]), report("b", "CONSULT", ["Bo Pell", "Cy Dorn"]),
            report("e", "AID", ["Ed Fane"]), report("c", "CONSULT", ["Ann Trent", "Bo Pell", "Cy Dorn"]),
            report("f", "SANCTION", ["Ed Fane"])]
    _assert_batch_as_one_by_one(store, recs, tmp_path)
    groups = _clusters_by_members(store)
    assert frozenset({("a", "e1"), ("b", "e1"), ("c", "e1")}) in groups
    assert frozenset({("e", "e1")}) in groups and frozenset({("f", "e1")}) in groups
