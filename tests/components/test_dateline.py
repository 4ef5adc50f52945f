"""The dateline re-parse: the lead sentence keeps its subject."""

from __future__ import annotations

from datetime import date

import pytest

from detente.components.dateline import DATELINE


@pytest.mark.parametrize(
    ("text", "is_dateline"),
    [
        ("KYIV, May 23 — Ukraine and Russia each freed 390 people.", True),
        ("NEW DELHI, June 3 (Reuters) - India said on Tuesday ...", True),
        ("GAZA CITY, Jan. 19, 2025 — A truce took hold.", True),
        ("Ukraine and Russia each freed 390 people on Friday.", False),
        ("President Trump, May 23 was a busy day.", False),
        ("DOHA, Qatar (AP) — Hamas on Wednesday rejected the proposal.", True),
        ("LONDON (Reuters) - Britain said on Monday ...", True),
        ("UNITED NATIONS (AP) — The council voted.", True),
        ("Hamas (AP) - the group said.", False),
        ("The UN (AP) — the body said.", False),
        # a wire's story filed from two places
        ("PRISTINA/BELGRADE, Nov 4 (Reuters) - Serbian police detained three officers.", True),
        ("SRINAGAR, India/ISLAMABAD, Aug 19 (Reuters) - The officers spoke.", True),
        ("KYIV/MOSCOW (Reuters) - Ukraine and Russia swapped prisoners.", True),
        ("Kyiv/Moscow talks, May 23 was the date.", False),
    ],
)
def test_dateline_pattern(text: str, is_dateline: bool) -> None:
    assert (DATELINE.match(text) is not None) is is_dateline


@pytest.mark.slow
def test_lead_sentence_subject_survives_the_dateline(run_doc) -> None:
    doc = run_doc("ANKARA, March 4 — Greece and Turkey agreed on Tuesday to resume talks. "
                  "Officials said the talks would start in April.", date(2025, 3, 5))
    greece = next(t for t in doc if t.text == "Greece")
    assert greece.dep_ == "nsubj" and greece.head.lemma_ == "agree"
    countries = {a.id: a.country for a in doc._.actors if a.kind == "state"}
    assert {"GRC", "TUR"} <= set(countries.values())
    agree = [e for e in doc._.events if e.type == "AGREE"]
    assert agree and {"GRC", "TUR"} <= {countries.get(i) for i in agree[0].sources}


@pytest.mark.slow
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_dateline_after_a_headline_line(run_doc, gap: str) -> None:
    text = (f"Greece and Turkey to resume talks{gap}ANKARA, March 4 (Reuters) — Greece and Turkey agreed on "
            "Tuesday to resume talks, the two foreign ministries said.")
    doc = run_doc(text, date(2025, 3, 5))
    greece = [t for t in doc if t.text == "Greece"][1]
    assert greece.dep_ == "nsubj" and greece.head.lemma_ == "agree"
    assert [s.text for s in doc._.statements] == ["Greece and Turkey agreed on Tuesday to resume talks"]


def test_a_headline_without_a_dateline_below_is_left_alone() -> None:
    from detente.pipeline import build_nlp

    nlp = build_nlp()
    doc = nlp("Greece and Turkey to resume talks\n\nGreece and Turkey agreed on Tuesday to resume talks.")
    assert nlp.get_pipe("detente_dateline").cut(doc) is None


def test_a_sentence_above_a_comma_date_is_no_headline() -> None:
    from detente.pipeline import build_nlp

    nlp = build_nlp()
    doc = nlp("Hamas said on Sunday that it would attack.\n\nAnd Monday, May 4 — Israel struck Gaza, the army said.")
    assert nlp.get_pipe("detente_dateline").cut(doc) is None


@pytest.mark.slow
def test_a_dateline_place_and_agency_are_not_actors_and_not_subjects(run_doc) -> None:
    doc = run_doc("Truce talks stall\n\nDOHA, Qatar (AP) — Hamas on Wednesday rejected the Israeli offer.",
                  date(2025, 6, 12))
    assert [a.name for a in doc._.actors if a.name in ("Qatar", "Associated Press")] == []
    reject = [e for e in doc._.events if e.type == "REJECT"]
    names = {a.id: a.name for a in doc._.actors}
    assert reject and [names[i] for i in reject[0].sources] == ["Hamas"]
