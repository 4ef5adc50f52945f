"""Schedule: planned events with a resolved time, as a sorted list and as iCalendar.

An entry needs at least a calendar day (``2025-05-19``, ``2025-05-19TMO``, ``2025-05-19T10:00``);
a week, month or year is not a date one can put in a calendar and is left out. The same planned
event reported by several outlets is one entry (one per event cluster): the report with the most
precise time leads — a clock time with a known zone, then a clock time, then a day; ties go to
the earliest report — and the others are listed under ``reports``.

Times: ``local`` is the value as the text gave it, ``tz`` its zone when the text or the speaker
fixed one, ``utc`` the instant when both are known (from the record's timex). In iCalendar a
known instant is written in UTC, a clock time without zone as a floating local time, a day as an
all-day date. The UID is ``<article id>/<event id>@detente``, so re-exporting updates the same
calendar entries instead of adding new ones.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar
from icalendar import Event as VEvent
from sqlalchemy import select

from detente.store.schema import articles
from detente.store.store import Store
from detente.story.clusters import ensure_clustered
from detente.story.common import EventKey, day, load_events

_CLOCK = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")
PRODID = "-//detente//schedule//EN"


def _precision(ev: dict[str, Any]) -> int:
    time = ev["time"] or {}
    if _CLOCK.match(time.get("value") or ""):
        return 3 if time.get("utc") else 2
    return 1


def _utc(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _evidence_text(text: str, ev: dict[str, Any]) -> str:
    spans = ev["evidence"] or ([ev["trigger"]["span"]] if ev["trigger"]["span"] else [])
    return " … ".join(text[s:e].strip() for s, e in spans)


def _entry(ev: dict[str, Any], text: str) -> dict[str, Any]:
    time = ev["time"] or {}
    value = time.get("value") or ""
    clock = _CLOCK.match(value)
    actor_names = list(dict.fromkeys(n for n in ev["sources"] + ev["targets"] if n))
    summary = " ".join(filter(None, [
        ev["type"] + (f"/{ev['mode']}" if ev["mode"] else ""),
        ", ".join(actor_names) + ":" if actor_names else None,
        ev["trigger"]["text"],
    ]))
    return {
        "uid": f"{ev['article_id']}/{ev['id']}@detente",
        "article_id": ev["article_id"], "event_id": ev["id"], "cluster_id": ev["cluster_id"],
        "type": ev["type"], "mode": ev["mode"], "status": ev["status"], "actors": actor_names,
        "trigger": ev["trigger"]["text"], "summary": summary,
        "date": value[:10], "local": f"{clock[1]}T{clock[2]}:{clock[3]}" if clock else None,
        "tz": time.get("tz"), "utc": time.get("utc"),
        "place": (ev["place"] or {}).get("name"),
        "evidence": ev["evidence"], "evidence_text": _evidence_text(text, ev),
        "article_title": ev["article_title"], "article_source": ev["article_source"],
        "published": ev["published"], "reports": [],
    }


def _sort_key(entry: dict[str, Any]) -> tuple[str, str]:
    instant = _utc(entry["utc"])
    when = instant.strftime("%Y-%m-%dT%H:%M") if instant else (entry["local"] or entry["date"])
    return when, entry["uid"]


def schedule(store: Store, since: date | str | None = None) -> list[dict[str, Any]]:
    """Planned events with at least a day, one per event cluster, in time order (UTC when known)."""
    ensure_clustered(store)
    with store.engine.connect() as conn:
        planned = {k: ev for k, ev in load_events(conn).items()
                   if ev["status"] == "planned" and day((ev["time"] or {}).get("value"))}
        texts = dict(conn.execute(select(articles.c.id, articles.c.text)
                                  .where(articles.c.id.in_({k[0] for k in planned}))).all())
    groups: dict[Any, list[EventKey]] = {}
    for key, ev in planned.items():
        groups.setdefault(ev["cluster_id"] or key, []).append(key)
    out = []
    for keys in groups.values():
        keys.sort(key=lambda k: (-_precision(planned[k]), planned[k]["published"] or "", k))
        entry = _entry(planned[keys[0]], texts[keys[0][0]])
        entry["reports"] = [{"article_id": a, "event_id": e, "time": planned[(a, e)]["time"]["value"]}
                            for a, e in keys[1:]]
        out.append(entry)
    floor = since.isoformat() if isinstance(since, date) else since
    if floor:
        out = [e for e in out if e["date"] >= floor[:10]]
    return sorted(out, key=_sort_key)


def _dtstart(entry: dict[str, Any]) -> date | datetime:
    instant = _utc(entry["utc"])
    if instant:
        return instant
    if entry["local"]:
        local = datetime.fromisoformat(entry["local"])
        if entry["tz"]:
            try:
                return local.replace(tzinfo=ZoneInfo(entry["tz"])).astimezone(UTC)
            except ZoneInfoNotFoundError:
                pass
        return local  # floating local time: the zone was not given
    return date.fromisoformat(entry["date"])


def to_ical(entries: list[dict[str, Any]]) -> bytes:
    """One VEVENT per schedule entry (see the module docstring for UID and DTSTART)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for entry in entries:
        vevent = VEvent()
        vevent.add("uid", entry["uid"])
        stamp = day(entry["published"]) or date(1970, 1, 1)  # stable: re-exports give the same bytes
        vevent.add("dtstamp", datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC))
        vevent.add("dtstart", _dtstart(entry))
        vevent.add("summary", entry["summary"])
        source = ", ".join(filter(None, [entry["article_source"], entry["published"]]))
        about = f"{entry['article_title'] or entry['article_id']}" + (f" ({source})" if source else "")
        vevent.add("description", f"{entry['evidence_text']}\n\nFrom: {about}")
        if entry["place"]:
            vevent.add("location", entry["place"])
        cal.add_component(vevent)
    return cal.to_ical()
