"""Hand-built records for the story tests (no spaCy model): a small story told by several outlets.

``call_records``: a Washington announcement of a Trump–Putin phone call for 10:00 a.m. on 19 May,
a Moscow report that it took place (17:00 Moscow time, the same instant) plus a prisoner swap of
390, and a Kyiv report of the same swap as 380 and of a separate Trump–Zelensky call.

``swap_records``: an agreement to exchange 1,000 prisoners of war each (plus a planned meeting
with no date, talks planned for 20 May and a cease-fire planned for 30 May), three daily stages of
390 + 307 + 303, and a report that the cease-fire did not take hold.
"""

from __future__ import annotations

from typing import Any

import pytest

from detente.store import Store
from tests.store.conftest import actor, document, event, span


def timex(tid: str, text: str, part: str, value: str, type_: str = "DATE", tz: str | None = None,
          utc: str | None = None) -> dict[str, Any]:
    return {"id": tid, "text": part, "span": span(text, part), "type": type_, "value": value, "tz": tz,
            "utc": utc, "mod": None}


def claim(cid: str, text: str, part: str, value: float, unit: str, about: str | None,
          claimed_by: str | None = None) -> dict[str, Any]:
    return {"id": cid, "text": part, "span": span(text, part), "value": value, "qualifier": "exact",
            "unit": unit, "per": None, "predicate": "exchanged", "claimed_by": claimed_by, "about": about}


def when(tid: str, value: str) -> dict[str, Any]:
    return {"timex": tid, "value": value, "start": None, "end": None}


def record(doc_id: str, text: str, published: str, source: str, actors: list, events: list,
           timexes: list | None = None, claims: list | None = None, title: str | None = None) -> dict:
    return {
        "schema": "detente.record/1", "document": document(doc_id, text, published, title or doc_id, source),
        "actors": actors, "timexes": timexes or [], "statements": [], "claims": claims or [], "events": events,
    }


def washington() -> dict:
    t = "Trump will speak by phone with Putin on Monday at 10:00 a.m., the White House said."
    return record(
        "wh", t, "2025-05-18", "Washington Wire",
        [actor("a1", "Donald Trump", "person", "USA", t, "Trump"),
         actor("a2", "Vladimir Putin", "person", "RUS", t, "Putin")],
        [event("e1", "CONSULT", "planned", t, "speak by phone", ["a1"], ["a2"], mode="phone",
               time=when("t1", "2025-05-19T10:00"))],
        [timex("t1", t, "10:00 a.m.", "2025-05-19T10:00", "TIME", "America/New_York", "2025-05-19T14:00:00Z")],
        title="Trump to call Putin",
    )


def moscow() -> dict:
    t = ("Vladimir Putin and Donald Trump held a phone call that started at 17:00 Moscow time. "
         "Russia and Ukraine exchanged 390 prisoners on Monday.")
    return record(
        "moscow", t, "2025-05-19", "Moscow Daily",
        [actor("a1", "Vladimir Putin", "person", "RUS", t), actor("a2", "Donald Trump", "person", "USA", t),
         actor("a3", "Russia", "state", "RUS", t), actor("a4", "Ukraine", "state", "UKR", t)],
        [event("e1", "CONSULT", "occurred", t, "phone call", ["a1", "a2"], [], mode="phone",
               time=when("t1", "2025-05-19T17:00")),
         event("e2", "RETREAT", "occurred", t, "exchanged", ["a3", "a4"], ["a3", "a4"], mode="release",
               time=when("t2", "2025-05-19"), sentence=1)],
        [timex("t1", t, "17:00 Moscow time", "2025-05-19T17:00", "TIME", "Europe/Moscow", "2025-05-19T14:00:00Z"),
         timex("t2", t, "Monday", "2025-05-19")],
        [claim("c1", t, "390 prisoners", 390, "prisoners", "e2")],
    )


def kyiv() -> dict:
    t = ("Kyiv said Ukraine and Russia swapped 380 prisoners of war on May 19. "
         "Volodymyr Zelensky spoke with Donald Trump by phone on May 20.")
    return record(
        "kyiv", t, "2025-05-20", "Kyiv Post",
        [actor("a1", "Ukraine", "state", "UKR", t, "Kyiv"), actor("a2", "Russia", "state", "RUS", t),
         actor("a3", "Volodymyr Zelensky", "person", "UKR", t), actor("a4", "Donald Trump", "person", "USA", t)],
        [event("e1", "RETREAT", "occurred", t, "swapped", ["a1", "a2"], ["a1", "a2"], mode="release",
               time=when("t1", "2025-05-19"), reported_by="a1"),
         event("e2", "CONSULT", "occurred", t, "spoke", ["a3"], ["a4"], mode="phone",
               time=when("t2", "2025-05-20"), sentence=1)],
        [timex("t1", t, "May 19", "2025-05-19"), timex("t2", t, "May 20", "2025-05-20")],
        [claim("c1", t, "380 prisoners of war", 380, "prisoners of war", "e1", claimed_by="a1")],
    )


def deal() -> dict:
    t = ("Russia and Ukraine agreed to exchange 1,000 prisoners of war each. "
         "Putin and Zelensky may meet later. Talks will resume in Istanbul on May 20. "
         "A cease-fire is to start on May 30.")
    return record(
        "deal", t, "2025-05-16", "Wire A",
        [actor("a1", "Russia", "state", "RUS", t), actor("a2", "Ukraine", "state", "UKR", t),
         actor("a3", "Vladimir Putin", "person", "RUS", t, "Putin"),
         actor("a4", "Volodymyr Zelensky", "person", "UKR", t, "Zelensky")],
        [event("e1", "AGREE", "occurred", t, "agreed", ["a1", "a2"], ["a1", "a2"], about="e2"),
         event("e2", "RETREAT", "planned", t, "exchange", ["a1", "a2"], ["a1", "a2"], mode="release"),
         event("e3", "CONSULT", "planned", t, "meet", ["a3", "a4"], ["a3", "a4"], sentence=1),
         event("e4", "CONSULT", "planned", t, "Talks", ["a1", "a2"], ["a1", "a2"], mode="third-party",
               time=when("t1", "2025-05-20"), place={"name": "Istanbul", "country": "TUR", "lat": None,
                                                     "lon": None, "geonames": 745044}, sentence=2),
         event("e5", "RETREAT", "planned", t, "cease-fire", ["a1", "a2"], ["a1", "a2"], mode="ceasefire",
               time=when("t2", "2025-05-30"), sentence=3)],
        [timex("t1", t, "May 20", "2025-05-20"), timex("t2", t, "May 30", "2025-05-30")],
        [claim("c1", t, "1,000 prisoners of war each", 1000, "prisoners of war", "e2")],
        title="Deal to swap 1,000 each",
    )


def stage(n: int, published: str, value: int, unit: str) -> dict:
    t = f"Russia and Ukraine freed {value} {unit} each on {published}, stage {n} of the swap."
    return record(
        f"stage{n}", t, published, f"Outlet {n}",
        [actor("a1", "Russia", "state", "RUS", t), actor("a2", "Ukraine", "state", "UKR", t)],
        [event("e1", "RETREAT", "occurred", t, "freed", ["a1", "a2"], ["a1", "a2"], mode="release",
               time=when("t1", published))],
        [timex("t1", t, published, published)],
        [claim("c1", t, f"{value} {unit}", value, unit, "e1")],
    )


def truce_failed() -> dict:
    t = "The cease-fire due on May 30 did not take hold, Kyiv said."
    return record(
        "truce", t, "2025-05-31", "Wire C",
        [actor("a1", "Russia", "state", "RUS", t), actor("a2", "Ukraine", "state", "UKR", t, "Kyiv")],
        [event("e1", "RETREAT", "not_occurred", t, "cease-fire", ["a1", "a2"], ["a1", "a2"], mode="ceasefire",
               time=when("t1", "2025-05-30"), reported_by="a2")],
        [timex("t1", t, "May 30", "2025-05-30")],
    )


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'story.db'}")
    s.create()
    yield s
    s.close()


@pytest.fixture
def call_store(store) -> Store:
    for rec in (washington(), moscow(), kyiv()):
        assert store.add(rec)
    return store


@pytest.fixture
def swap_store(store) -> Store:
    for rec in (deal(), stage(1, "2025-05-23", 390, "people"), stage(2, "2025-05-24", 307, "prisoners"),
                stage(3, "2025-05-25", 303, "soldiers")):
        assert store.add(rec)
    return store
