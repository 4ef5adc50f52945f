"""The opt-in learned attributions (``detente_learned_attributions``): what it adds and what it leaves.

Sentences are written for these tests. The figures on PolNeAR are in benchmarks/eval_polnear.py
(``learned.*``); here the behaviour a user relies on: it adds only beyond the rules, never changes
them, reads acts of saying and judging but not physical acts, and is off by default.
"""

from __future__ import annotations

import json
import math

import pytest

from detente.components.attribution_model import MODEL_PATH, AttributionModel, attributions, rule_spans

pytestmark = pytest.mark.slow

#: sentence -> the cue a reader would credit with an attribution the cue lexicons do not list
ADDED = {
    "The senator credited the union with the breakthrough.": "credited",
    "Republicans wondered about his ability to finish the race.": "wondered",
    "The opposition blasted the government over the blackout.": "blasted",
    "The president vetoed the bill on Friday.": "vetoed",
}
#: physical acts and movements: nobody's words or position
NOT_ADDED = [
    "Rebels seized the town of Goma in January.",
    "The minister arrived in Doha on Sunday.",
    "Troops fired on protesters near the border.",
    "Israel struck targets in southern Lebanon.",
    "The talks ended without an agreement.",
]


@pytest.fixture(scope="module")
def learned_nlp():
    from detente.pipeline import build_nlp

    return build_nlp(learned_attributions=True)


def _learned(nlp, text: str):
    from detente.pipeline import run

    doc = run(nlp, text, None)
    return doc, [s for s in doc._.stances if s.kind == "attributed"]


def test_the_shipped_model_is_a_usable_logistic_regression() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.0 < data["threshold"] < 1.0
    assert "bias" in data["weights"] and len(data["weights"]) > 1000
    assert all(math.isfinite(w) for w in data["weights"].values())
    model = AttributionModel.load()
    assert model.probability(["bias"]) == pytest.approx(1 / (1 + math.exp(-data["weights"]["bias"])))


def test_it_finds_acts_of_saying_and_judging_and_leaves_physical_acts(learned_nlp) -> None:
    found = {text: [s.cue for s in _learned(learned_nlp, text)[1]] for text in [*ADDED, *NOT_ADDED]}
    hits = sum(ADDED[t] in found[t] for t in ADDED)
    false = sum(bool(found[t]) for t in NOT_ADDED)
    recall, precision = hits / len(ADDED), hits / max(1, hits + false)
    # measured 4/4 and 0/5 when written; the floor leaves room for one miss
    assert recall >= 0.75 and precision >= 0.8, found


def test_it_adds_only_where_no_rule_read_an_attribution(learned_nlp, run_doc) -> None:
    text = ("Putin said the offer was dead. The senator credited the union with the breakthrough, and "
            "Washington welcomed the decision to release the hostages. Diplomats wondered whether the "
            "minister had said the talks were over.")
    doc, added = _learned(learned_nlp, text)
    plain = run_doc(text, None)
    rules = attributions(doc)
    assert [(s.cue, s.text) for s in doc._.stances if s.kind != "attributed"] == \
        [(s.cue, s.text) for s in plain._.stances]  # the rules' output is untouched
    assert added and not any(s.kind == "attributed" for s in plain._.stances)  # off by default
    for s in added:
        assert doc.text[s.start_char:s.end_char] == s.text and doc.text[slice(*s.cue_span)] == s.cue
        assert not any(a < s.cue_span[1] and s.cue_span[0] < b for (a, b), _, _ in rules)
        for cue, (a, b), _ in rules:  # a rule attribution it overlaps is held whole: an outer frame
            if a < s.end_char and s.start_char < b:
                assert s.start_char <= cue[0] and cue[1] <= s.end_char, (s.text, doc.text[a:b])


def test_an_outer_frame_holds_the_rule_attribution_nested_in_it(learned_nlp) -> None:
    """PolNeAR codes the outer attribution ("wondered whether the minister had said …"): the rule's
    stays in the record, and the PolNeAR view keeps only the outer one."""
    doc, added = _learned(learned_nlp, "The senator wondered whether the minister had said the talks were over.")
    outer = [s for s in added if s.cue == "wondered"]
    assert outer and outer[0].text.startswith("whether the minister had said")
    assert doc.text[slice(*outer[0].holder_span)] == "The senator"
    assert [s.cue for s in doc._.statements] == ["said"]  # the nested statement is kept
    view = rule_spans(doc, learned=True)
    assert [doc.text[a:b] for a, b in view["Cue"]] == ["wondered"]
    assert [doc.text[a:b] for a, b in view["Source"]] == ["The senator"]


def test_a_participle_or_light_verb_frame_takes_the_speaker_above_it(learned_nlp) -> None:
    for text, cue, holder in (
        ("Mr. Bush responded by first saying some good things about Mr. Trump.", "saying", "Mr. Bush"),
        ("Gorka also made the point that the plan would fail.", "point", "Gorka"),
    ):
        _, added = _learned(learned_nlp, text)
        got = [(s.cue, s.text and text[slice(*s.holder_span)] if s.holder_span else None) for s in added]
        assert (cue, holder) in got, got


def test_statements_sharing_a_cue_are_one_attribution(run_doc) -> None:
    doc = run_doc("“We will not leave,” she said, “until the talks resume.”", None)
    spans = rule_spans(doc)
    assert len(spans["Cue"]) == 1 and len(spans["Content"]) == 1
    start, end = spans["Content"][0]
    assert "We will not leave" in doc.text[start:end] and "until the talks resume" in doc.text[start:end]
