"""A hand-built record with a ``stances`` layer (no spaCy model needed), for the store, migration,
CLI, API and export tests of stances.

Five stances of four kinds: one dated by its own timex (so it sorts last), one negated, one whose
holder the text names ("Investigators") without an actor for it. The holders' canonical names
merge with the Istanbul record's actors of ``tests/store/conftest.py`` ("Zelenskyy" there and here).
"""

from __future__ import annotations

from typing import Any

from tests.store.conftest import actor, document, span

STANCE_TEXT = (
    "Zelenskyy believes the talks in Istanbul can end the war. "
    "Trump wants a ceasefire by Monday. "
    "Russia opposes any deployment of European troops. "
    "Investigators found that the dam was blown up from inside. "
    "Trump does not support new sanctions."
)


def stance(sid: str, kind: str, text: str, cue: str, holder: str | None, holder_words: str | None,
           *, negated: bool = False, time: str | None = None) -> dict[str, Any]:
    """One stance as ``record.py::_stance`` writes it."""
    t = STANCE_TEXT
    return {"id": sid, "text": text, "span": span(t, text), "kind": kind, "holder": holder,
            "holder_span": span(t, holder_words) if holder_words else None, "cue": cue, "cue_span": span(t, cue),
            "negated": negated, "time": time}


def stance_record() -> dict[str, Any]:
    t = STANCE_TEXT
    return {
        "schema": "detente.record/1",
        "document": document("positions", t, "2025-05-30", "Who wants what", "Wire C"),
        "actors": [
            actor("a1", "Volodymyr Zelenskyy", "person", "UKR", t, "Zelenskyy", roles=["President"]),
            actor("a2", "Donald Trump", "person", "USA", t, "Trump", roles=["President"], sector="GOV"),
            actor("a3", "Russia", "state", "RUS", t, "Moscow"),
        ],
        "timexes": [
            {"id": "t1", "text": "Monday", "span": span(t, "Monday"), "type": "DATE", "value": "2025-06-02",
             "tz": None, "utc": None, "mod": None},
        ],
        "statements": [],
        "stances": [
            stance("p1", "belief", "the talks in Istanbul can end the war", "believes", "a1", "Zelenskyy"),
            stance("p2", "desire", "a ceasefire by Monday", "wants", "a2", "Trump", time="t1"),
            stance("p3", "opposition", "any deployment of European troops", "opposes", "a3", "Russia"),
            stance("p4", "finding", "the dam was blown up from inside", "found", None, "Investigators"),
            stance("p5", "support", "new sanctions", "support", "a2", None, negated=True),
        ],
        "claims": [],
        "events": [],
    }
