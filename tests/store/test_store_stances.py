"""The stances layer in the store: rows, filters, references checked, cascades, older records and stores."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import delete, select, text, update

from detente.store import RecordError, Store, queries
from detente.store.backfill import backfill_stances
from detente.store.queries import QueryError
from detente.store.schema import ALL_TABLES, articles, stances
from detente.validation import record_schema
from tests.store.conftest import istanbul_record
from tests.store.stance_records import STANCE_TEXT, stance_record

EMPTY = {t.name: 0 for t in ALL_TABLES}


@pytest.fixture
def held(store) -> Store:
    """The stance record and the Istanbul record, which has no ``stances`` key (made before the layer)."""
    assert store.add(stance_record()) is True
    assert store.add(istanbul_record()) is True
    return store


def _ids(found: list[dict]) -> list[str]:
    return [p["id"] for p in found]


def test_stances_round_trip(held):
    assert queries.stats(held)["stances"] == 5
    assert held.get_record("positions") == stance_record()
    found = queries.stances(held)
    assert _ids(found) == ["p1", "p3", "p4", "p5", "p2"]  # p2 is dated by its own Monday, 2025-06-02
    p1, p2 = found[0], found[-1]
    assert p1["holder"] == "Volodymyr Zelenskyy" and isinstance(p1["holder_id"], int)
    assert p1["kind"] == "belief" and p1["cue"] == "believes" and p1["negated"] is False
    start, end = p1["span"]
    assert STANCE_TEXT[start:end] == p1["text"] == "the talks in Istanbul can end the war"
    assert STANCE_TEXT[slice(*p1["cue_span"])] == "believes"
    assert STANCE_TEXT[slice(*p1["holder_span"])] == "Zelenskyy"
    assert p1["article_title"] == "Who wants what" and p1["published"] == "2025-05-30"
    assert p2["time"] == "2025-06-02" and p1["time"] is None
    finding = next(p for p in found if p["id"] == "p4")
    assert finding["holder"] is None and finding["holder_id"] is None  # named in the text, not an actor
    assert STANCE_TEXT[slice(*finding["holder_span"])] == "Investigators"
    assert next(p for p in found if p["id"] == "p5")["negated"] is True


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "zelensk"}, ["p1"]),
        ({"actor": "TRUMP"}, ["p5", "p2"]),
        ({"actor": "moscow"}, ["p3"]),  # an alias of the canonical Russia
        ({"actor": "putin"}, []),  # an actor of the store, holding no stance
        ({"kind": "desire"}, ["p2"]),
        ({"kind": " Opposition "}, ["p3"]),
        ({"actor": "trump", "kind": "support"}, ["p5"]),
        ({"since": "2025-06-01"}, ["p2"]),
        ({"until": "2025-05-31"}, ["p1", "p3", "p4", "p5"]),
        ({"limit": 2}, ["p1", "p3"]),
    ],
)
def test_stance_filters(held, filters, expected):
    assert _ids(queries.stances(held, **filters)) == expected


def test_unknown_kind_is_a_query_error(held):
    with pytest.raises(QueryError, match=r"E303.*belief"):
        queries.stances(held, kind="opinion")


def test_stance_kinds_are_the_codebook_s():
    enum = record_schema()["properties"]["stances"]["items"]["properties"]["kind"]["enum"]
    assert list(queries.STANCE_KINDS) == enum and "characterization" in enum


def test_a_record_without_stances_ingests(store):
    record = istanbul_record()
    assert "stances" not in record
    assert store.add(record) is True
    counts = queries.stats(store)
    assert counts["stances"] == 0 and counts["statements"] == 2
    assert queries.stances(store) == []


def test_remove_cascades_to_stances(held):
    assert held.remove("positions") is True
    counts = queries.stats(held)
    assert counts["stances"] == 0 and counts["articles"] == 1
    assert queries.stances(held, actor="trump") == []


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda r: r["stances"][0].update(holder="a9"), "stance p1 refers to actor 'a9'"),
        (lambda r: r["stances"][1].update(time="t9"), "stance p2 refers to timex 't9'"),
        (lambda r: r["stances"].append(dict(r["stances"][0])), "stances: id 'p1' is used twice"),
        (lambda r: r["stances"][2].update(cue_span=[3]), "cue_span"),
        (lambda r: r["stances"][0].update(holder_span="Zelenskyy"), "holder_span"),
        (lambda r: r["stances"][0].update(kind=None), "kind"),
    ],
)
def test_bad_stances_are_refused_before_writing(store, breakage, message):
    record = stance_record()
    breakage(record)
    with pytest.raises(RecordError, match=message):
        store.add(record)
    assert queries.stats(store) == EMPTY


def test_create_fills_stances_of_a_store_from_before_them(tmp_path):
    """``Store.create`` on a store without the table writes the rows of the records stored there."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as old:
        old.create()
        assert old.add(stance_record()) and old.add(istanbul_record())
        with old.engine.begin() as conn:
            conn.execute(text("DROP TABLE stances"))
    with Store(url) as upgraded:
        upgraded.create()
        assert queries.stats(upgraded)["stances"] == 5
        assert _ids(queries.stances(upgraded, actor="trump")) == ["p5", "p2"]
        upgraded.create()  # the table exists now: nothing is written twice
        assert queries.stats(upgraded)["stances"] == 5


def test_backfill_skips_a_stored_record_with_a_dangling_holder(store, caplog):
    """An upgrade must not fail on one odd stored record: its stances are left out, with a warning."""
    good, odd = stance_record(), stance_record()
    odd["document"].update(id="odd", text=STANCE_TEXT + " Odd.", sha256="9" * 64)
    for record in (good, odd):
        assert store.add(record)
    broken = json.loads(json.dumps(odd))
    broken["stances"][0]["holder"] = "a9"
    with store.engine.begin() as conn:
        conn.execute(delete(stances))
        conn.execute(update(articles).where(articles.c.id == "odd").values(record=broken))
    with caplog.at_level(logging.WARNING, logger="detente.store.backfill"), store.engine.begin() as conn:
        assert backfill_stances(conn) == 5
        assert set(conn.execute(select(stances.c.article_id)).scalars()) == {"positions"}
        assert backfill_stances(conn) == 0  # articles with rows are not read again; "odd" still has none
    assert "odd" in caplog.text and "a9" in caplog.text
