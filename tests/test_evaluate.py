"""Scoring against gold (``detente.evaluate``): exact P/R/F1 on a small invented article.

The fixture (``tests/fixtures/eval``) is one gold file over one text and three prediction records
(perfect, partial, empty). Every expected number below was worked out by hand from the matching
rules of ``gold/FORMAT.md``; the comments show the counting. Agreement with the reference scorer on
the project's own gold is checked separately by ``benchmarks/check_eval_agreement.py``.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from detente.evaluate import (
    PRF,
    ActorIndex,
    EvalReport,
    evaluate,
    load_gold,
    norm_value,
    nth_span,
    score_record,
    timex_value_ok,
)
from detente.evaluate_events import Level, event_level, maximum_matching

EVAL = Path(__file__).parent / "fixtures" / "eval"
GOLD_DIR = EVAL / "gold"
DOC_ID = "talks-2025-03-04"
MEASURES = {
    "actors", "actors.country", "actors.roles", "timexes.span", "timexes.value", "quotes.span",
    "quotes.speaker", "indirect.span", "indirect.speaker", "claims.value", "claims.full", "events.country",
    "events.actors", "events.status", "events.time", "events.modal",
}


def gold() -> dict:
    return load_gold(GOLD_DIR)[0][1]


def text() -> str:
    return (EVAL / "corpus" / f"{DOC_ID}.txt").read_text(encoding="utf-8")


def prediction(name: str) -> dict:
    return json.loads((EVAL / "pred" / f"{name}.json").read_text(encoding="utf-8"))


def score(name: str) -> EvalReport:
    report = EvalReport()
    score_record(gold(), prediction(name), text(), report)
    return report


def assert_prf(got: PRF, counts: tuple[int, int, int, int], p: Fraction, r: Fraction, f1: Fraction) -> None:
    assert (got.tp_pred, got.n_pred, got.tp_gold, got.n_gold) == counts
    assert got.p == pytest.approx(float(p))
    assert got.r == pytest.approx(float(r))
    assert got.f1 == pytest.approx(float(f1))


def f1(p: Fraction, r: Fraction) -> Fraction:
    return 2 * p * r / (p + r) if p + r else Fraction(0)


# ---------------------------------------------------------------- PRF and the report


def test_prf_empty_cases() -> None:
    assert (PRF().p, PRF().r, PRF().f1) == (1.0, 1.0, 1.0)  # nothing to find, nothing found
    nothing_found = PRF(0, 0, 0, 3)
    assert (nothing_found.p, nothing_found.r, nothing_found.f1) == (0.0, 0.0, 0.0)
    nothing_to_find = PRF(0, 2, 0, 0)
    assert (nothing_to_find.p, nothing_to_find.r, nothing_to_find.f1) == (0.0, 1.0, 0.0)


def test_prf_separate_numerators() -> None:
    got = PRF(tp_pred=3, n_pred=4, tp_gold=1, n_gold=2)
    assert (got.p, got.r) == (0.75, 0.5)
    assert got.f1 == pytest.approx(0.6)
    assert got + PRF(1, 1, 1, 1) == PRF(4, 5, 2, 3)


def test_to_dict_rounds_like_the_reference() -> None:
    report = EvalReport()
    report.add("b", 2, 3, 1, 3)
    report.add("a", 0, 0, 0, 0)
    assert report.to_dict() == {
        "a": {"p": 1.0, "r": 1.0, "f1": 1.0, "pred": 0, "gold": 0},
        "b": {"p": 0.6667, "r": 0.3333, "f1": 0.4444, "pred": 3, "gold": 3},
    }
    assert list(report.to_dict()) == ["a", "b"]


# ---------------------------------------------------------------- whole records


def test_perfect_record() -> None:
    report = score("perfect")
    assert set(report.measures) == MEASURES
    assert report.misses == []
    for key, prf in report.measures.items():
        assert (prf.p, prf.r, prf.f1) == (1.0, 1.0, 1.0), key
    m = report.measures
    # the optional actor (Switzerland), timex (dateline) and claim (two delegations) are neither
    # credited nor charged...
    assert (m["actors"].n_pred, m["timexes.span"].n_pred, m["claims.value"].n_pred) == (4, 4, 1)
    # ...but a prediction matched to an optional event counts for precision (5 predictions, 4 gold)
    assert (m["events.time"].tp_pred, m["events.time"].n_pred, m["events.time"].n_gold) == (5, 5, 4)
    # modal: e1 and e4 are planned (predicted), E1 and E4 accept no "occurred" (gold)
    assert m["events.modal"] == PRF(2, 2, 2, 2)


def test_empty_record() -> None:
    m = score("empty").measures
    assert set(m) == MEASURES
    for key in MEASURES - {"actors.country", "actors.roles"}:
        assert (m[key].p, m[key].r, m[key].f1) == (0.0, 0.0, 0.0), key
    # country is scored over the gold actors, found or not; no gold actor found means no roles to check
    assert m["actors.country"] == PRF(0, 4, 0, 4)
    assert m["actors.roles"] == PRF(0, 0, 0, 0)
    assert (m["actors.roles"].p, m["actors.roles"].r, m["actors.roles"].f1) == (1.0, 1.0, 1.0)
    assert m["events.modal"] == PRF(0, 0, 0, 2)


def test_partial_actors() -> None:
    m = score("partial").measures
    # counted predictions: p1 "Ms. Kovac" (last name), p2, p3, p6 (no gold), p7 "Kovac" (alias, a second
    # hit on Kovac), p8 "Freedonian government" (no country fallback when finding actors).
    # Not counted: p4 Switzerland (optional), p5 (a location). Found: Kovac, Petrov, Sylvania of 4.
    assert_prf(m["actors"], (4, 6, 3, 4), Fraction(4, 6), Fraction(3, 4), f1(Fraction(4, 6), Fraction(3, 4)))
    # country: Kovac FRE right, Petrov null wrong, Sylvania right, Freedonia missed -> 2 of 4
    assert_prf(m["actors.country"], (2, 4, 2, 4), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2))
    # roles: Kovac "Foreign Minister" right (first prediction p1 wins), Petrov "Prime Minister" wrong
    assert_prf(m["actors.roles"], (1, 2, 1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2))


def test_partial_timexes() -> None:
    m = score("partial").measures
    # x1 (dateline, occurrence 1) is absorbed by the optional gold -> 4 predictions count.
    # x2 "on Monday" overlaps "Monday"; x3 = "March 10"; x4 is the 2nd "March 3"; x5 spurious; "a week" missed
    assert_prf(m["timexes.span"], (3, 4, 3, 4), Fraction(3, 4), Fraction(3, 4), Fraction(3, 4))
    # values: x2 2025-03-03T10:00 starts with the gold DATE (ok), x3 2025-03 (wrong), x4 ok
    assert_prf(m["timexes.value"], (2, 4, 2, 4), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2))


def test_partial_statements() -> None:
    m = score("partial").measures
    # quotes: s1 contained in the gold quote, speaker p7 -> Kovac (right); s2 "the offer" spurious
    assert_prf(m["quotes.span"], (1, 2, 1, 1), Fraction(1, 2), Fraction(1), Fraction(2, 3))
    assert_prf(m["quotes.speaker"], (1, 2, 1, 1), Fraction(1, 2), Fraction(1), Fraction(2, 3))
    # indirect: s3 contained (speaker Sylvania: wrong); s4 shares 6 of 8 words (speaker Petrov: right)
    assert_prf(m["indirect.span"], (2, 2, 2, 2), Fraction(1), Fraction(1), Fraction(1))
    assert_prf(m["indirect.speaker"], (1, 2, 1, 2), Fraction(1, 2), Fraction(1, 2), Fraction(1, 2))


def test_partial_claims() -> None:
    m = score("partial").measures
    # c1: "200" == 200, unit "prisoner" ~ "prisoners" -> found, but qualifier "about" != exact;
    # c2 absorbed by the optional gold claim; c3 (300 soldiers) spurious
    assert_prf(m["claims.value"], (1, 2, 1, 1), Fraction(1, 2), Fraction(1), Fraction(2, 3))
    assert_prf(m["claims.full"], (0, 2, 0, 1), Fraction(0), Fraction(0), Fraction(0))


def test_partial_events() -> None:
    m = score("partial").measures
    # levels (gold x prediction): E1: v1 4 (symmetric, swapped), v2 2 | E2: v3 3, v7 3 (no time) |
    # E3: v4 1 (Sylvania for Petrov: country only) | E4: v6 2 (status), v5 0 (swapped, not symmetric) |
    # E5 (optional): v1 2, v2 4.
    # >=1: E1 v2, E2 v3, E3 v4, E4 v6, E5 v1 -> 5 matched, all 4 required
    assert_prf(m["events.country"], (5, 7, 4, 4), Fraction(5, 7), Fraction(1), f1(Fraction(5, 7), Fraction(1)))
    # >=2: E1, E2, E4 and E5 -> 4 matched, 3 required; v7 is a duplicate of v3 and stays unmatched
    assert_prf(m["events.actors"], (4, 7, 3, 4), Fraction(4, 7), Fraction(3, 4), f1(Fraction(4, 7), Fraction(3, 4)))
    # >=3: E1 v1, E2 v3, E5 v2
    assert_prf(m["events.status"], (3, 7, 2, 4), Fraction(3, 7), Fraction(1, 2), f1(Fraction(3, 7), Fraction(1, 2)))
    # >=4: E1 v1, E5 v2
    assert_prf(m["events.time"], (2, 7, 1, 4), Fraction(2, 7), Fraction(1, 4), f1(Fraction(2, 7), Fraction(1, 4)))
    # modal predictions v1, v5, v6 (not "occurred"); of them only v1 is matched at status level.
    # modal gold E1, E4; E1 matched
    assert_prf(m["events.modal"], (1, 3, 1, 2), Fraction(1, 3), Fraction(1, 2), Fraction(2, 5))


def test_partial_misses() -> None:
    misses = score("partial").misses
    assert all(line.startswith(f"{DOC_ID}: ") for line in misses)
    assert f"{DOC_ID}: actor missed: Freedonia" in misses
    assert f"{DOC_ID}: timex missed: 'a week' = P1W" in misses
    assert any("event partial (level 1/4): E3" in line for line in misses)
    assert sum("event spurious" in line for line in misses) == 2  # v5 and the duplicate v7


def test_counts_add_up_over_documents() -> None:
    report = EvalReport()
    for _ in range(2):
        score_record(gold(), prediction("partial"), text(), report)
    assert report.measures["events.country"] == PRF(10, 14, 8, 8)
    assert report.measures["actors"].p == pytest.approx(4 / 6)


# ---------------------------------------------------------------- loading and running


def test_evaluate_runs_the_extractor_on_each_gold_text() -> None:
    calls = []

    def extract(doc_text: str, published: str, doc_id: str) -> dict:
        calls.append((doc_text, published, doc_id))
        return prediction("partial")

    for path in (GOLD_DIR, GOLD_DIR / f"{DOC_ID}.json"):
        calls.clear()
        report = evaluate(path, extract)
        assert calls == [(text(), "2025-03-04", DOC_ID)]
        assert report.to_dict() == score("partial").to_dict()


def test_load_gold_folder_is_sorted(tmp_path: Path) -> None:
    for name in ("b.json", "a.json", "notes.txt"):
        (tmp_path / name).write_text(json.dumps({"document": {"id": name}}), encoding="utf-8")
    assert [f.name for f, _ in load_gold(tmp_path)] == ["a.json", "b.json"]


def test_gold_timex_missing_from_text_is_an_error() -> None:
    g = gold()
    g["timexes"].append({"text": "March 3", "occurrence": 3, "type": "DATE", "value": "2025-03-03"})
    with pytest.raises(ValueError, match="March 3"):
        score_record(g, {}, text(), EvalReport())


# ---------------------------------------------------------------- matching rules


def test_timex_occurrence() -> None:
    t = text()
    assert nth_span(t, "March 3", 1) == (8, 15)
    assert nth_span(t, "March 3", 2) == (336, 343)
    assert nth_span(t, "March 3", 0) == (8, 15)
    assert nth_span("aaa", "aa", 2) == (1, 3)  # appearances may overlap
    assert nth_span(t, "March 3", 3) is None


def test_timex_values() -> None:
    assert timex_value_ok("2025-03-03T10:00", "2025-03-03")  # a TIME for a DATE gold
    assert not timex_value_ok("2025-03", "2025-03-03")
    assert not timex_value_ok("2025-03-03", "2025-03")  # only DATE golds (10+ characters) accept longer
    assert timex_value_ok("2025-03-10t10:00:00", "2025-03-10T10:00")
    assert norm_value("2025-03-10T10:00+03:00") == "2025-03-10T10:00"
    assert norm_value("2025-03-10T10:00:00Z") == "2025-03-10T10:00:00"  # offset goes after the seconds test


def test_actor_names_aliases_and_last_names() -> None:
    gold_actors = [
        {"name": "Anna Kovac", "aliases": ["Kovac"], "kind": "person", "country": "FRE"},
        {"name": "Li Wei", "aliases": [], "kind": "person", "country": "CHN"},
        {"name": "Freedonia", "aliases": ["the Freedonian side"], "kind": "state", "country": "FRE"},
        {"name": "Kovac Group", "aliases": [], "kind": "organization", "country": "FRE"},
    ]
    preds = [
        {"id": "a", "name": "“The Freedonian Side.”", "kind": "state"},  # alias, typography ignored
        {"id": "b", "name": "Dr. Ivan Kovac", "kind": "person"},  # last name of a gold person
        {"id": "c", "name": "Mr. Wei", "kind": "person"},  # last name of three letters: no
        {"id": "d", "name": "Freedonian army", "kind": "organization", "country": "FRE"},
    ]
    index = ActorIndex(gold_actors, preds)
    assert index.resolve_id("a") == "Freedonia"
    assert index.resolve_id("b") == "Anna Kovac"
    assert index.resolve_id("c") is None
    assert index.resolve_id("d") == "Freedonia"  # as an argument, an organization stands for its state
    assert index.resolve(preds[3], allow_country=False) is None  # but it is not found as an actor
    assert index.resolve_id("missing") is None


def test_symmetric_events_accept_swapped_arguments() -> None:
    g = gold()
    index = ActorIndex(g["actors"], prediction("partial")["actors"])
    e1 = g["events"][0]
    swapped = {"type": "CONSULT", "sources": ["p3"], "targets": ["p8"], "status": "planned",
               "time": {"value": "2025-03-10"}}
    assert event_level(swapped, e1, index) == Level.TIME
    assert event_level(swapped, {**e1, "symmetric": False}, index) == Level.NONE
    assert event_level({**swapped, "type": "AGREE"}, e1, index) == Level.NONE
    # the time: a value inside the gold day counts; a coarser month counts; another day does not
    assert event_level({**swapped, "time": "2025-03"}, e1, index) == Level.TIME
    assert event_level({**swapped, "time": "2025-03-11"}, e1, index) == Level.STATUS


def test_modal_events() -> None:
    g = {"document": {"id": "d"}, "actors": [{"name": "Freedonia", "kind": "state", "country": "FRE"}],
         "events": [
             {"id": "E1", "type": ["RETREAT"], "sources": ["Freedonia"], "targets": [], "status": ["planned"]},
             {"id": "E2", "type": ["ASSAULT"], "sources": ["Freedonia"], "targets": [],
              "status": ["occurred", "ongoing"]},
             {"id": "E3", "type": ["CONSULT"], "sources": ["Freedonia"], "targets": [],
              "status": ["possible", "not_occurred"]},
         ]}
    record = {"actors": [{"id": "f", "name": "Freedonia", "kind": "state"}], "events": [
        {"type": "RETREAT", "sources": ["f"], "status": "planned"},  # modal, right
        {"type": "ASSAULT", "sources": ["f"], "status": "ongoing"},  # modal, right, gold not modal
        {"type": "CONSULT", "sources": ["f"], "status": "occurred"},  # status wrong: E3 missed
        {"type": "REQUEST", "sources": ["f"], "status": "denied"},  # modal, spurious
    ]}
    report = EvalReport()
    score_record(g, record, "", report)
    assert report.measures["events.status"] == PRF(2, 4, 2, 3)
    # predictions not "occurred": 1, 2, 4, of which 1 and 2 matched; gold modal: E1 and E3, E1 matched
    assert report.measures["events.modal"] == PRF(2, 3, 1, 2)


def test_maximum_matching_reassigns_along_augmenting_paths() -> None:
    # gold 0 could take 0 or 1, gold 1 only 0: greedy would leave gold 1 unmatched
    assert maximum_matching([0, 1], {0: [0, 1], 1: [0]}) == {0: 1, 1: 0}
    # required first: optional gold 2 only gets what is left
    assert maximum_matching([0, 2], {0: [0], 2: [0]}) == {0: 0}
