"""``speaker_span``: the words a statement's speaker is read from, as evidence next to ``speaker``."""

from __future__ import annotations

from detente.record import build_record
from detente.validation import reference_errors


def _spans(doc) -> list[tuple[str, str | None]]:
    return [(s.text, doc.text[slice(*s.speaker_span)] if s.speaker_span else None) for s in doc._.statements]


def test_speaker_phrase_keeps_titles(run_doc) -> None:
    doc = run_doc("Kremlin spokesman Dmitry Peskov said the talks would resume on Monday.")
    assert _spans(doc) == [("the talks would resume on Monday", "Kremlin spokesman Dmitry Peskov")]


def test_speaker_phrase_stays_in_its_paragraph(run_doc) -> None:
    doc = run_doc("6:50 p.m.\n\nHillary Clinton told reporters that she would win the state.")
    assert _spans(doc) == [("she would win the state", "Hillary Clinton")]


def test_words_naming_a_speaker_that_is_no_actor_are_kept(run_doc) -> None:
    doc = run_doc("Most voters say the economy is weak.")
    [s] = doc._.statements
    assert s.speaker is None and doc.text[slice(*s.speaker_span)] == "Most voters"


def test_record_carries_the_span(run_doc) -> None:
    record = build_record(run_doc("Zelenskyy said on Friday that the swap had begun.")).to_dict()
    [s] = record["statements"]
    assert record["document"]["text"][slice(*s["speaker_span"])] == "Zelenskyy"
    assert reference_errors(record) == []
