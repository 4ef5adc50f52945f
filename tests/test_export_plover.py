"""PLOVER and CAMEO exports on hand-made records (no model): future rules, unasserted events,
joint acts, quad classes, actor and event codes, empty records."""

from __future__ import annotations

from typing import Any

import pytest

from detente.export_plover import (
    CAMEO_COLUMNS,
    CAMEO_HEADER,
    cameo_actor_code,
    cameo_lines,
    cameo_quad,
    goldstein,
    plover_records,
)

TEXT = ("Russia and Ukraine held talks in Istanbul on Friday. Putin will speak with Trump on Monday. "
        "Kyiv will release 20 prisoners. Russia could meet again.")


def _actor(aid: str, name: str, kind: str, country: str | None, sector: str | None = None,
           wikidata: str | None = None, roles: list[str] | None = None) -> dict[str, Any]:
    return {"id": aid, "name": name, "kind": kind, "country": country, "sector": sector,
            "roles": roles or [], "aliases": [], "mentions": [], "wikidata": wikidata}


def _event(eid: str, etype: str, sources: list[str], targets: list[str], status: str = "occurred",
           cameo: str | None = None, mode: str | None = None, time: str | None = None,
           place: dict[str, Any] | None = None, negated: bool = False,
           evidence: list[list[int]] | None = None) -> dict[str, Any]:
    ev = evidence or [[0, 51]]
    return {
        "id": eid, "type": etype, "mode": mode, "cameo": cameo, "sources": sources, "targets": targets,
        "status": status, "negated": negated,
        "time": {"value": time, "timex": None, "start": None, "end": None} if time else None,
        "place": place, "reported_by": None, "about": None, "condition": None,
        "trigger": {"text": TEXT[ev[0][0]:ev[0][1]].split()[0], "span": ev[0]}, "sentence": 0,
        "evidence": ev, "confidence": 0.75,
    }


ISTANBUL = {"name": "Istanbul", "country": "TUR", "lat": 41.0138, "lon": 28.9497, "geonames": 745044}


def _record(*events: dict[str, Any], published: str | None = "2025-05-17") -> dict[str, Any]:
    return {
        "schema": "detente.record/1",
        "document": {"id": "doc1", "title": "t", "source": "wire", "url": None, "published": published,
                     "language": "en", "sha256": "", "text": TEXT, "warnings": []},
        "actors": [
            _actor("a1", "Russia", "state", "RUS", wikidata="Q159"),
            _actor("a2", "Ukraine", "state", "UKR", wikidata="Q212"),
            _actor("a3", "Vladimir Putin", "person", "RUS", "GOV", "Q7747", ["President"]),
            _actor("a4", "Donald Trump", "person", "USA", "GOV", "Q22686", ["President"]),
            _actor("a5", "United Nations", "organization", None, "IGO", "Q1065"),
            _actor("a6", "North Atlantic Treaty Organization", "organization", None, "IGO", "Q7184"),
        ],
        "timexes": [], "statements": [], "claims": [],
        "events": list(events),
    }


# ---------------------------------------------------------------------------- future rules
@pytest.mark.parametrize(("etype", "cameo", "mode", "plover", "intent"), [
    ("CONSULT", "040", "phone", "AGREE", "036"),
    ("SUPPORT", "051", None, "AGREE", "032"),
    ("COOPERATE", "062", None, "AGREE", "0312"),
    ("AID", "070", None, "AGREE", "033"),
    ("RETREAT", "0841", "release", "CONCEDE", "0353"),
    ("RETREAT", "0871", "ceasefire", "CONCEDE", "0356"),
])
def test_planned_cooperation_becomes_agree_or_concede(etype: str, cameo: str, mode: str | None,
                                                       plover: str, intent: str) -> None:
    ev = _event("e1", etype, ["a3"], ["a4"], status="planned", cameo=cameo, mode=mode, time="2025-05-19",
                evidence=[[53, 90]])
    [rec] = plover_records(_record(ev))
    assert rec["event"] == [plover]
    assert rec["mode"] == [] and rec["context"] == []
    assert rec["date"] == "2025-05-17"  # the announcement's day, not the day the act is due
    assert rec["detente"]["planned_for"] == "2025-05-19"
    assert rec["detente"]["type"] == etype and rec["comment"]
    [line] = cameo_lines(_record(ev))
    cols = dict(zip(CAMEO_COLUMNS, line.split("\t"), strict=True))
    assert cols["plover_type"] == plover and cols["cameo"] == intent
    assert cols["date"] == "20250517" and cols["quad_class"] == "1"


def test_planned_conflict_act_keeps_type_with_future_context_and_no_cameo_line() -> None:
    ev = _event("e1", "SANCTION", ["a1"], ["a2"], status="planned", cameo="163")
    [rec] = plover_records(_record(ev))
    assert rec["event"] == ["SANCTION"] and rec["context"] == ["future"]
    assert cameo_lines(_record(ev)) == []  # CAMEO would count the planned act as done


def test_planned_concede_and_agree_stay() -> None:
    recs = plover_records(_record(_event("e1", "CONCEDE", ["a1"], ["a2"], status="planned", cameo="0871"),
                                  _event("e2", "AGREE", ["a1"], ["a2"], status="planned", cameo="030")))
    assert [r["event"] for r in recs] == [["CONCEDE"], ["AGREE"]]
    assert recs[0]["context"] == ["future"]


# ---------------------------------------------------------------------------- unasserted events
@pytest.mark.parametrize(("status", "negated", "context"), [
    ("possible", False, ["hypothetical"]),
    ("not_occurred", False, ["negation"]),
    ("denied", False, ["negation"]),
    ("occurred", True, ["negation"]),
])
def test_unasserted_events_are_left_out_unless_asked(status: str, negated: bool, context: list[str]) -> None:
    rec = _record(_event("e1", "CONSULT", ["a1", "a2"], ["a1", "a2"], status=status, cameo="043",
                         negated=negated))
    assert plover_records(rec) == []
    assert cameo_lines(rec) == []
    [flagged] = plover_records(rec, include_unasserted=True)
    assert flagged["event"] == ["CONSULT"]  # a possible meeting is not turned into an AGREE
    assert flagged["context"] == context
    assert flagged["detente"]["status"] == status
    assert len(cameo_lines(rec, include_unasserted=True)) == 2


def test_ongoing_is_exported_as_happening() -> None:
    [rec] = plover_records(_record(_event("e1", "ASSAULT", ["a1"], ["a2"], status="ongoing", cameo="190")))
    assert rec["event"] == ["ASSAULT"] and rec["context"] == []


# ---------------------------------------------------------------------------- joint acts
def test_joint_talks_list_all_participants_as_actor_and_two_cameo_directions() -> None:
    ev = _event("e1", "CONSULT", ["a1", "a2"], ["a1", "a2"], cameo="046", mode="third-party",
                time="2025-05-16", place=ISTANBUL)
    [rec] = plover_records(_record(ev))
    assert [a["code"] for a in rec["actor"]] == ["RUS", "UKR"]
    assert rec["recipient"] == []
    assert rec["detente"]["joint"] is True
    assert rec["mode"] == ["third-party"] and rec["event_scale"] == 1.0
    assert rec["event_loc"] == {"resolved_place": "Istanbul", "geonameid": 745044, "lat": 41.0138,
                                "lon": 28.9497, "country_code": "TUR"}
    assert rec["date"] == "2025-05-16"
    lines = [dict(zip(CAMEO_COLUMNS, x.split("\t"), strict=True)) for x in cameo_lines(_record(ev))]
    assert {(x["source_code"], x["target_code"]) for x in lines} == {("RUS", "UKR"), ("UKR", "RUS")}
    assert all(x["location"] == "Istanbul" and x["geonames"] == "745044" for x in lines)
    assert all(x["date"] == "20250516" and x["goldstein"] == "7.0" for x in lines)


def test_directed_event_pairs_every_source_with_every_target() -> None:
    ev = _event("e1", "ACCUSE", ["a3", "a1"], ["a4"], cameo="112")
    [rec] = plover_records(_record(ev))
    assert [a["entity_text"] for a in rec["actor"]] == ["Vladimir Putin", "Russia"]
    assert [a["entity_text"] for a in rec["recipient"]] == ["Donald Trump"]
    lines = cameo_lines(_record(ev))
    assert [tuple(x.split("\t")[1:5]) for x in lines] == [
        ("Vladimir Putin", "RUSGOV", "Donald Trump", "USAGOV"), ("Russia", "RUS", "Donald Trump", "USAGOV")]


def test_event_without_target_gives_a_line_with_empty_target() -> None:
    [line] = cameo_lines(_record(_event("e1", "MOBILIZE", ["a1"], [], cameo="152")))
    cols = dict(zip(CAMEO_COLUMNS, line.split("\t"), strict=True))
    assert cols["source_code"] == "RUS" and cols["target_name"] == "" and cols["target_code"] == ""


# ---------------------------------------------------------------------------- codes and classes
@pytest.mark.parametrize(("etype", "quad"), [
    ("AGREE", 1), ("CONSULT", 1), ("SUPPORT", 1), ("CONCEDE", 1), ("COOPERATE", 2), ("AID", 2),
    ("RETREAT", 2), ("REQUEST", 3), ("ACCUSE", 3), ("REJECT", 3), ("THREATEN", 3), ("PROTEST", 4),
    ("SANCTION", 4), ("MOBILIZE", 4), ("COERCE", 4), ("ASSAULT", 4),
])
def test_plover_quad_codes(etype: str, quad: int) -> None:
    [rec] = plover_records(_record(_event("e1", etype, ["a1"], ["a2"])))
    assert rec["quad_code"] == quad
    score = rec["event_scale"]
    assert score is not None
    assert score > 0 if quad <= 2 else score <= 0  # cooperation scores positive, conflict not


@pytest.mark.parametrize(("code", "quad", "score"), [
    ("036", 1, 4.0), ("046", 1, 7.0), ("0841", 2, 7.0), ("0874", 2, 10.0), ("112", 3, -2.0),
    ("120", 3, -4.0), ("130", 3, -4.4), ("141", 4, -6.5), ("163", 4, -6.5), ("1823", 4, -10.0),
    ("190", 4, -10.0), ("0631", 2, 7.4), (None, None, None), ("", None, None),
])
def test_cameo_quad_and_goldstein(code: str | None, quad: int | None, score: float | None) -> None:
    assert cameo_quad(code) == quad
    assert goldstein(code) == score


def test_actor_codes() -> None:
    actors = {a["id"]: a for a in _record()["actors"]}
    assert cameo_actor_code(actors["a1"]) == "RUS"
    assert cameo_actor_code(actors["a3"]) == "RUSGOV"
    assert cameo_actor_code(actors["a5"]) == "UNO"  # the manual's code for the United Nations
    assert cameo_actor_code(actors["a6"]) == "IGO"
    assert cameo_actor_code(None) == ""
    [rec] = plover_records(_record(_event("e1", "SUPPORT", ["a3"], ["a5"], cameo="051")))
    assert rec["actor"][0] | {} == {"code": "RUS", "sector": "GOV", "entity_text": "Vladimir Putin",
                                    "identifier_id": "Q7747", "identifier_text": "Vladimir Putin",
                                    "office": "President", "detente_actor": "a3"}
    assert rec["recipient"][0]["code"] == "UNO" and rec["recipient"][0]["sector"] is None


def test_record_fields_and_evidence_pointer() -> None:
    ev = _event("e7", "CONSULT", ["a3"], ["a4"], cameo="040", mode="phone", time="2025-05-17T10:00",
                evidence=[[53, 91], [0, 10]])
    [rec] = plover_records(_record(ev))
    assert rec["id"] == "doc1-e7" and rec["has_event"] is True and rec["coder"] == "detente"
    assert rec["date"] == "2025-05-17" and rec["time"] == "10:00"
    assert rec["text_info"] == {"sequence": 0, "start": 53, "end": 91}
    assert rec["detente"]["evidence_text"] == [TEXT[53:91], TEXT[0:10]]
    assert rec["cite_info"]["citation"] == "doc1"
    assert rec["event_text"] == ["Putin"]


def test_dates_fall_back_to_publication_and_to_nothing() -> None:
    partial = _event("e1", "ASSAULT", ["a1"], ["a2"], cameo="190", time="2025-05")
    assert plover_records(_record(partial))[0]["date"] == "2025-05-17"
    assert plover_records(_record(partial, published=None))[0]["date"] is None
    assert cameo_lines(_record(partial, published=None))[0].split("\t")[0] == ""


def test_tabs_and_newlines_in_evidence_do_not_break_lines() -> None:
    rec = _record(_event("e1", "ASSAULT", ["a1"], ["a2"], cameo="190"))
    rec["document"]["text"] = "Russia\tshelled\nUkraine " + TEXT[23:]
    [line] = cameo_lines(rec)
    assert len(line.split("\t")) == len(CAMEO_COLUMNS)
    assert line.split("\t")[-1].startswith("Russia shelled Ukraine")


def test_empty_record() -> None:
    assert plover_records({}) == []
    assert cameo_lines({}) == []
    assert plover_records(_record()) == []
    assert cameo_lines(_record()) == []
    assert CAMEO_HEADER.split("\t") == list(CAMEO_COLUMNS)
