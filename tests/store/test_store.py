"""Store round trip, idempotent ingest, canonical actors, query filters and transactional safety."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateTable

from detente.store import RecordError, Store, name_key, queries
from detente.store import store as store_module
from detente.store.canonical import Canonicals
from detente.store.queries import QueryError
from detente.store.schema import ALL_TABLES, actors, canonical_actors, events

EMPTY = {t.name: 0 for t in ALL_TABLES}


def test_add_and_get_record_round_trip(store, records):
    istanbul, _ = records
    assert store.add(istanbul) is True
    assert store.get_record("istanbul") == istanbul
    assert store.get_record("nope") is None
    counts = queries.stats(store)
    assert counts["articles"] == 1
    assert counts["actors"] == 5 and counts["events"] == 4 and counts["claims"] == 2
    assert counts["event_actors"] == 2 + 4 + 4 + 4  # e1 one each side, e2-e4 both sides twice


def test_create_is_idempotent(store, records):
    store.add(records[0])
    store.create()
    assert queries.stats(store)["articles"] == 1


def test_readding_changes_nothing(filled, records):
    before = queries.stats(filled)
    assert filled.add(records[0]) is False
    assert filled.add(records[1]) is False
    assert queries.stats(filled) == before


@pytest.mark.parametrize("change", ["id", "text"])
def test_same_id_or_same_text_counts_as_stored(store, records, change):
    istanbul, _ = records
    store.add(istanbul)
    other = {**istanbul, "document": dict(istanbul["document"])}
    if change == "id":  # the same story under another id: same sha256
        other["document"]["id"] = "istanbul-copy"
    else:  # another text under the same id
        other["document"]["sha256"] = "0" * 64
    assert store.add(other) is False
    assert queries.stats(store)["articles"] == 1


def test_has(store, records):
    doc = records[0]["document"]
    assert not store.has(doc["id"], doc["sha256"])
    store.add(records[0])
    assert store.has(doc["id"], "x")
    assert store.has("x", doc["sha256"])
    assert not store.has("x", "y")


def test_stored_answers_many_keys_as_has_does(store, records):
    doc = records[0]["document"]
    assert store.stored([]) == []
    assert store.stored([(doc["id"], doc["sha256"])]) == [False]
    store.add(records[0])
    keys = [("x", "y"), (doc["id"], "x"), ("x", doc["sha256"]), ("y", "x"), (doc["id"], doc["sha256"])]
    assert store.stored(keys) == [False, True, True, False, True]
    assert store.stored(keys) == [store.has(*k) for k in keys]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Zelenskyy", "Zelensky"), ("Zelenskiy", "Zelensky"), ("Volodymyr Zelenskii", "volodymyr zelensky"),
     ("Zelenskyi", "Zelensky"), ("Sergei Lavrov", "Sergéi  Lavrov"), ("the Kremlin", "Kremlin")],
)
def test_name_key_folds_transliteration_variants(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Zelensky", "Volodymyr Zelensky"), ("Putin", "Trump")])
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_canonical_actor_merges_name_variants(filled):
    found = queries.actors(filled, name="zelensk")
    assert len(found) == 1
    zelenskyy = found[0]
    assert zelenskyy["name"] == "Volodymyr Zelenskyy"  # the first name seen stays canonical
    assert {"Volodymyr Zelensky", "Zelensky", "Zelenskyy"} <= set(zelenskyy["aliases"])
    assert zelenskyy["articles"] == 2
    assert zelenskyy["roles"] == ["President"]
    assert zelenskyy["country"] == "UKR"
    assert queries.stats(filled)["canonical_actors"] == 5  # Trump, Putin, Zelenskyy, Russia, Ukraine


def test_wikidata_id_merges_and_names_the_canonical_actor(store, records):
    istanbul, swap = records
    swap["actors"][0].update(name="Russian Federation", wikidata="Q159")  # "Russia" elsewhere
    istanbul["actors"][3]["wikidata"] = "Q159"
    store.add(istanbul)
    store.add(swap)
    russia = queries.actors(store, name="russia")
    assert len(russia) == 1 and russia[0]["wikidata"] == "Q159" and russia[0]["articles"] == 2
    assert "Russian Federation" in russia[0]["aliases"]


def _canonical_table(store: Store) -> list[tuple]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(canonical_actors).order_by(canonical_actors.c.id)).mappings().all()
    return [tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows]


def test_one_batch_resolves_actors_as_one_record_at_a_time(store, records, tmp_path):
    """``add_many`` looks canonical actors up once per batch; enrichment within the batch (a Q-id
    that renames, aliases that grow) must give the rows that adding the records in turn gives."""
    istanbul, swap = records
    swap["actors"][0]["wikidata"] = "Q159"  # "Russia" with a Q-id: the key of the first row changes
    assert store.add_many([istanbul, swap]) == [True, True]
    with Store(f"sqlite:///{tmp_path / 'one.db'}") as single:
        single.create()
        single.add(istanbul)
        single.add(swap)
        assert _canonical_table(store) == _canonical_table(single)
    russia = queries.actors(store, name="russia")
    assert len(russia) == 1 and russia[0]["wikidata"] == "Q159" and russia[0]["articles"] == 2


def test_actors_query_counts_and_filters(filled):
    everyone = queries.actors(filled)
    assert [a["name"] for a in everyone][:3] == ["Russia", "Volodymyr Zelenskyy", "Ukraine"]
    assert {a["name"] for a in queries.actors(filled, country="rus")} == {"Russia", "Vladimir Putin"}
    assert len(queries.actors(filled, limit=2)) == 2
    trump = queries.actors(filled, name="TRUMP")[0]
    assert trump["mentions"] == 1 and trump["articles"] == 1 and trump["sector"] == "GOV"


def test_events_carry_names_and_article(filled):
    call = next(e for e in queries.events(filled) if (e["article_id"], e["id"]) == ("istanbul", "e1"))
    assert call["sources"] == ["Donald Trump"] and call["targets"] == ["Vladimir Putin"]
    assert call["reported_by"] == "Donald Trump"
    assert call["time"]["value"] == "2025-05-19" and call["status"] == "planned"
    assert call["article_title"] == "Talks in Istanbul" and call["published"] == "2025-05-17"
    assert call["trigger"]["text"] == "speak by phone"
    talks = next(e for e in queries.events(filled, type="CONSULT") if e["id"] == "e2")
    assert talks["place"]["name"] == "Istanbul" and talks["place"]["geonames"] == 745044


def _keys(found: list[dict]) -> set[tuple[str, str]]:
    return {(e["article_id"], e["id"]) for e in found}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "putin"}, {("istanbul", "e1")}),
        ({"actor": "zelensky"}, {("swap", "e2")}),  # canonical "Zelenskyy", written "Zelensky" in swap
        ({"actor": "moscow"}, {("istanbul", "e2"), ("istanbul", "e3"), ("istanbul", "e4"), ("swap", "e1"),
                               ("swap", "e2")}),  # an alias of Russia
        ({"actor": "100%"}, set()),  # LIKE wildcards are escaped
        ({"type": "consult"}, {("istanbul", "e1"), ("istanbul", "e2")}),
        ({"status": "planned"}, {("istanbul", "e1"), ("istanbul", "e4")}),
        ({"type": "RETREAT", "status": "occurred"}, {("swap", "e1")}),
        ({"since": "2025-05-20"}, {("swap", "e1"), ("swap", "e2")}),
        ({"until": "2025-05-16"}, {("istanbul", "e2")}),  # own time wins over the 05-17 publication
        ({"since": "2025-05-17", "until": "2025-05-19"}, {("istanbul", "e1"), ("istanbul", "e3"),
                                                          ("istanbul", "e4")}),
        ({"since": "2025-05", "until": "2025-05"}, {("istanbul", f"e{i}") for i in range(1, 5)}
         | {("swap", "e1"), ("swap", "e2")}),
        ({"since": "2025-06"}, set()),
        ({"actor": "russia", "type": "REQUEST"}, {("swap", "e2")}),
    ],
)
def test_event_filters(filled, filters, expected):
    assert _keys(queries.events(filled, **filters)) == expected


@pytest.mark.parametrize("actor", ["putin", "moscow", "zelensky", "100%"])
def test_frequent_and_rare_actor_plans_agree(filled, monkeypatch, actor):
    """The actor filter is written as IN for rare actors and EXISTS for frequent ones (a planner
    matter); both must select the same events, in the same order, in both orders of the API."""
    from detente.api import pages

    rare = queries.events(filled, actor=actor)
    rare_page = pages.events(filled, actor=actor, order="time").items
    with filled.engine.connect() as conn:
        assert not queries.actor_is_frequent(conn, actor)
        monkeypatch.setattr(queries, "FREQUENT_LINKS", -1)
        assert queries.actor_is_frequent(conn, actor)
    assert queries.events(filled, actor=actor) == rare
    assert pages.events(filled, actor=actor, order="time").items == rare_page
    assert [(e["article_id"], e["id"]) for e in pages.events(filled, actor=actor).items] == \
        [(e["article_id"], e["id"]) for e in rare]


def test_events_limit_and_bad_date(filled):
    assert len(queries.events(filled, limit=3)) == 3
    with pytest.raises(QueryError, match="E303"):
        queries.events(filled, since="last week")


def test_timeline_orders_by_own_time(filled):
    order = [(e["article_id"], e["id"]) for e in queries.timeline(filled)]
    assert order[0] == ("istanbul", "e2")  # May 16 talks
    assert order.index(("istanbul", "e1")) < order.index(("swap", "e1"))  # May 19 call before May 23
    assert order[-1] == ("swap", "e2")  # dated by its May 23 publication, after the swap sentence


def test_open_commitments(filled):
    found = {(c["article_id"], c["id"]): c for c in queries.open_commitments(filled)}
    assert set(found) == {("istanbul", "e1"), ("istanbul", "e3"), ("istanbul", "e4")}
    agreement = found["istanbul", "e3"]
    assert agreement["commitment"] == "agreement" and agreement["about_event"]["id"] == "e4"
    assert found["istanbul", "e1"]["commitment"] == "planned"


def test_statements_and_claims(filled):
    said = queries.statements(filled, actor="trump")
    assert [s["speaker"] for s in said] == ["Donald Trump"]
    assert said[0]["cue"] == "wrote" and said[0]["article_id"] == "istanbul"
    assert {s["speaker"] for s in queries.statements(filled)} == {"Donald Trump", "Volodymyr Zelenskyy"}
    assert queries.statements(filled, since="2025-05-18") == []
    claimed = queries.claims(filled, actor="zelensk")
    assert [(c["value"], c["claimed_by"]) for c in claimed] == [(1000, "Volodymyr Zelenskyy")]
    outlet = [c for c in queries.claims(filled) if c["claimed_by"] is None]
    assert [c["value"] for c in outlet] == [390]
    assert [c["article_id"] for c in queries.claims(filled, since="2025-05-20")] == ["swap"]


def test_failure_mid_insert_leaves_no_rows(store, records):
    istanbul, swap = records
    istanbul["events"][3]["confidence"] = 7  # CHECK fails at the events insert, after actors etc.
    with pytest.raises(IntegrityError):
        store.add(istanbul)
    assert queries.stats(store) == EMPTY
    assert store.add(swap) is True  # the store is still usable


def test_exception_inside_transaction_rolls_back(store, records, monkeypatch):
    """A crash after the article row is written (while its actors are being resolved) leaves nothing."""
    calls = []
    real = Canonicals.resolve

    def flaky(self, actor):
        calls.append(actor["id"])
        if len(calls) == 3:
            raise RuntimeError("simulated crash")
        return real(self, actor)

    monkeypatch.setattr(Canonicals, "resolve", flaky)
    with pytest.raises(RuntimeError):
        store.add(records[0])
    assert len(calls) == 3
    assert queries.stats(store) == EMPTY


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda r: r["events"][0].update(sources=["a9"]), "actor 'a9'"),
        (lambda r: r["claims"][0].update(about="e9"), "event 'e9'"),
        (lambda r: r["statements"][0].update(time="t9"), "timex 't9'"),
        (lambda r: r["actors"].append(dict(r["actors"][0])), "used twice"),
        (lambda r: r.update(schema="other/2"), "schema"),
        (lambda r: r["timexes"][0].update(span=[1]), "span"),
    ],
)
def test_bad_record_is_refused_before_writing(store, records, breakage, message):
    breakage(records[0])
    with pytest.raises(RecordError, match=message):
        store.add(records[0])
    assert queries.stats(store) == EMPTY


def test_foreign_keys_hold(filled):
    with pytest.raises(IntegrityError), filled.engine.begin() as conn:
        conn.execute(insert(actors).values(article_id="no-such-article", id="a1", name="X", n_mentions=0))
    with pytest.raises(IntegrityError), filled.engine.begin() as conn:  # deferred: fails at commit
        conn.execute(insert(events).values(article_id="swap", id="e9", type="AGREE", status="planned",
                                           negated=False, about="e99"))


def test_remove_cascades(filled):
    assert filled.remove("istanbul") is True
    assert filled.remove("istanbul") is False
    counts = queries.stats(filled)
    assert counts["articles"] == 1 and counts["actors"] == 3 and counts["events"] == 2
    assert counts["event_actors"] == 4 + 2
    with filled.engine.connect() as conn:  # canonical actors stay for the other articles
        names = conn.execute(select(canonical_actors.c.name)).scalars().all()
    assert "Donald Trump" in names


def test_sqlite_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store_module.SQLITE_BUSY_TIMEOUT_MS
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL: no fsync per commit in WAL


def test_in_memory_store(records):
    with Store("sqlite://") as mem:
        mem.create()
        assert mem.add(records[0]) and mem.add(records[1])
        assert len(queries.events(mem)) == 6


def test_non_ascii_alias_search(store, records):
    records[0]["actors"][2]["aliases"].append("Зеленський")
    store.add(records[0])
    assert [a["name"] for a in queries.actors(store, name="Зеленський")] == ["Volodymyr Zelenskyy"]


def test_two_stores_on_one_file(tmp_path, records):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    with Store(url) as first, Store(url) as second:
        first.create()
        assert first.add(records[0]) is True
        assert second.add(records[0]) is False
        assert second.add(records[1]) is True
        assert queries.stats(first)["articles"] == 2


@pytest.mark.parametrize("table", ALL_TABLES, ids=lambda t: t.name)
def test_schema_compiles_for_postgresql(table):
    ddl = str(CreateTable(table).compile(dialect=postgresql.dialect()))
    assert "CREATE TABLE" in ddl
    if table.name == "events":
        assert "DEFERRABLE INITIALLY DEFERRED" in ddl
