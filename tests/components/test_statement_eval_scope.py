"""The in-scope figure of ``benchmarks/eval_polnear.py``: which gold attributions count as statements.

The gold here is a small BRAT file written for the test; nothing is read from the PolNeAR copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from benchmarks.eval_polnear import match_scoped, scope_words, scoped_gold, speech_cue

from detente.components.statement_lexicon import DATA_DIR
from detente.pipeline import MODEL

TEXT = "Peskov said the talks were useful. Voters believe the economy is weak. Lynch: No change.\n"


def _ann(tmp_path: Path) -> Path:
    def at(s: str) -> str:
        i = TEXT.index(s)
        return f"{i} {i + len(s)}"

    lines = [
        f"T1\tSource {at('Peskov')}\tPeskov",
        f"T2\tCue {at('said')}\tsaid",
        f"T3\tContent {at('the talks were useful')}\tthe talks were useful",
        "E1\tAttribution:T2 Content:T3 Source:T1 Cue:T2",
        f"T4\tSource {at('Voters')}\tVoters",
        f"T5\tCue {at('believe')}\tbelieve",
        f"T6\tContent {at('the economy is weak')}\tthe economy is weak",
        "E2\tAttribution:T5 Content:T6 Source:T4 Cue:T5",
        f"T7\tSource {at('Lynch')}\tLynch",
        f"T8\tCue {at(':')}\t:",
        f"T9\tContent {at('No change')}\tNo change",
        "E3\tAttribution:T8 Content:T9 Source:T7 Cue:T8",
    ]
    path = tmp_path / "a_1.ann"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_in_scope_keeps_cues_of_saying_and_label_colons(tmp_path: Path) -> None:
    nlp = spacy.load(MODEL)
    doc = nlp(TEXT)
    scope = scope_words(DATA_DIR / "cues.jsonl")
    assert "say" in scope and "according" in scope and "believe" not in scope
    assert "call" not in scope  # a partial-only cue names or acts; its object is not the words
    gold = scoped_gold(doc, _ann(tmp_path), scope)
    inside, outside = gold["Content"]
    assert [TEXT[s:e] for s, e in inside] == ["the talks were useful", "No change"]
    assert [TEXT[s:e] for s, e in outside] == ["the economy is weak"]


def test_particle_cues_need_their_particle() -> None:
    nlp = spacy.blank("en")
    doc = nlp("He pointed out that it rained. He pointed to the sky.")
    scope = {"pointed": "out"}  # lexicon form: word -> required particle
    out_span = (doc[1].idx, doc[2].idx + len(doc[2]))
    to_span = (doc[8].idx, doc[8].idx + len(doc[8]))
    assert speech_cue(doc, [out_span], scope)
    assert not speech_cue(doc, [to_span], scope)


def test_predictions_on_out_of_scope_gold_are_neither_right_nor_wrong() -> None:
    inside, outside = [(0, 10)], [(20, 30)]
    pred = [(0, 10), (20, 30), (40, 50)]
    text = "x" * 60
    # (0, 10) is right, (20, 30) matches out-of-scope gold only and is left out, (40, 50) is wrong
    assert match_scoped(pred, inside, outside, [], text, exact=False) == (1, 2, 1)
