"""Schedule: planned events with resolved times, sorted, and their iCalendar export."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from detente.story import schedule, to_ical


def test_schedule_sorted_with_utc_and_local(swap_store, call_store):
    # both fixtures share one store: the deal's plans and the announced call
    entries = schedule(call_store)
    assert [e["date"] for e in entries] == ["2025-05-19", "2025-05-20", "2025-05-30"]
    call = entries[0]
    assert call["uid"] == "wh/e1@detente"
    assert call["local"] == "2025-05-19T10:00" and call["tz"] == "America/New_York"
    assert call["utc"] == "2025-05-19T14:00:00Z"
    assert call["summary"] == "CONSULT/phone Donald Trump, Vladimir Putin: speak by phone"
    assert "speak by phone" in call["evidence_text"]
    assert schedule(call_store, since="2025-05-20")[0]["uid"] == "deal/e4@detente"


def test_ical_round_trip(swap_store):
    entries = schedule(swap_store)
    data = to_ical(entries)
    assert data == to_ical(entries)  # stable bytes
    cal = Calendar.from_ical(data)
    vevents = cal.walk("VEVENT")
    assert [str(v["UID"]) for v in vevents] == ["deal/e4@detente", "deal/e5@detente"]
    assert vevents[0].decoded("DTSTART") == date(2025, 5, 20)
    assert "Talks" in str(vevents[0]["SUMMARY"]) and "Deal to swap" in str(vevents[0]["DESCRIPTION"])
    assert str(vevents[0]["LOCATION"]) == "Istanbul"


def test_ical_time_in_utc(call_store):
    cal = Calendar.from_ical(to_ical(schedule(call_store)))
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("DTSTART") == datetime(2025, 5, 19, 14, 0, tzinfo=UTC)
    assert b"wh/e1@detente" in to_ical(schedule(call_store))
