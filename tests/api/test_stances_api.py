"""``GET /stances``, stances on the actor page and in the Parquet export, over hand-made records."""

from __future__ import annotations

import io
import typing

import pytest

from detente.api import routes_export, routes_read, story
from detente.export import TABLES
from detente.store import queries
from tests.store.stance_records import stance_record


@pytest.fixture
def held(app, client):
    """The API's store (Istanbul, swap and XSS records, none with stances) plus the stance record."""
    assert app.state.store.add(stance_record())
    return client


def test_stances_envelope_order_and_paging(held):
    everything = held.get("/stances").json()
    assert everything["total"] == 5 and everything["limit"] == 50 and everything["offset"] == 0
    ids = [p["id"] for p in everything["items"]]
    assert ids == ["p1", "p3", "p4", "p5", "p2"]
    pages = [held.get("/stances", params={"limit": 2, "offset": o}).json() for o in (0, 2, 4)]
    assert [p["id"] for page in pages for p in page["items"]] == ids
    assert all(page["total"] == 5 for page in pages) and len(pages[-1]["items"]) == 1
    first = everything["items"][0]
    assert first["holder"] == "Volodymyr Zelenskyy" and first["cue"] == "believes"
    assert first["cue_span"] and first["holder_span"] and first["negated"] is False


@pytest.mark.parametrize(("params", "expected"), [
    ({"kind": "support"}, ["p5"]),
    ({"actor": "zelensk"}, ["p1"]),
    ({"actor": "trump", "kind": "desire"}, ["p2"]),
    ({"since": "2025-06"}, ["p2"]),
    ({"kind": "topic"}, []),
])
def test_stance_filters_match_the_cli(held, params, expected):
    page = held.get("/stances", params=params).json()
    assert [p["id"] for p in page["items"]] == expected and page["total"] == len(expected)


@pytest.mark.parametrize("params", [{"kind": "opinion"}, {"kind": "Belief"}, {"limit": 0}, {"since": "June"}])
def test_bad_stance_queries_are_422(held, params):
    response = held.get("/stances", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] and "Traceback" not in response.text


def test_api_kinds_are_the_codebook_s():
    assert typing.get_args(routes_read.StanceKind) == queries.STANCE_KINDS


def test_actor_page_lists_the_stances_it_holds(held):
    trump = held.get("/actors", params={"actor": "trump"}).json()["items"][0]
    detail = held.get(f"/actors/{trump['id']}").json()
    assert [p["id"] for p in detail["stances"]["items"]] == ["p5", "p2"] and detail["stances"]["total"] == 2
    assert [s["id"] for s in detail["statements"]["items"]] == ["s1"]  # said, from the Istanbul record
    putin = held.get("/actors", params={"actor": "putin"}).json()["items"][0]
    assert held.get(f"/actors/{putin['id']}").json()["stances"] == {"items": [], "total": 0, "limit": 200,
                                                                   "offset": 0}


def test_stances_table_is_exported(held):
    assert "stances" in TABLES and set(typing.get_args(routes_export.ParquetTable)) == set(TABLES)
    if story.find("export_store") is None:
        pytest.skip("Parquet export not installed")
    import pyarrow.parquet as pq

    response = held.get("/export.parquet", params={"table": "stances"})
    assert response.status_code == 200
    table = pq.read_table(io.BytesIO(response.content)).to_pylist()
    assert sorted(r["id"] for r in table) == ["p1", "p2", "p3", "p4", "p5"]
    assert next(r for r in table if r["id"] == "p5")["negated"] is True
