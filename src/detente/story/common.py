"""Shared pieces of the story layer: time intervals, unit groups and event/claim loading.

Every cross-article decision in ``detente.story`` (is this the same event? has this promise's time
passed? do these two figures count the same thing?) goes through the few helpers here, so the
rules are written down once and the modules that use them stay small.

Times. A TIMEX3 value becomes a closed interval of calendar days: ``2025-05-19`` and
``2025-05-19T10:00`` are that day, ``2025-05`` the month, ``2025`` the year, ``2025-W21`` the ISO
week. Other values (``PRESENT_REF``, durations, ``XXXX-…``) give no interval.
"""

from __future__ import annotations

import json
import re
from calendar import monthrange
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, or_, select

from detente.store import schema
from detente.store.queries import _actor_names, _article_cols, _event_dict, _number
from detente.store.schema import article_sources, articles, cluster_members, events, timexes

EventKey = tuple[str, str]  # (article_id, event_id)
Interval = tuple[date, date]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
UNITS_FILE = Path(__file__).with_name("units.json")


def day(value: str | None) -> date | None:
    """The calendar day a value starts with ("2025-05-19T10:00" -> 2025-05-19), else None."""
    m = _DAY.match(value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def interval(value: str | None) -> Interval | None:
    """The days a TIMEX3 value covers (see the module docstring), or None for non-dates."""
    value = (value or "").strip()
    try:
        if d := day(value):
            return d, d
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, monthrange(year, month)[1])
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def nested(a: Interval, b: Interval) -> bool:
    """One interval inside the other: same day, a prefix ("2025-05" ⊃ "2025-05-19"), a week ⊃ a day."""
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def overlaps(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


@cache
def _unit_groups() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = json.loads(UNITS_FILE.read_text(encoding="utf-8"))
    groups = []
    for name, terms in data.items():
        if not name.startswith("_"):
            # Longest terms first, so "prisoners of war" wins over "war"-free shorter matches.
            groups.append((name, tuple(sorted((t.lower() for t in terms), key=len, reverse=True))))
    return tuple(groups)


def unit_group(unit: str | None) -> str | None:
    """The group of a claim's unit ("Ukrainian prisoners of war" -> "people"); else the unit itself.

    Two claims count the same thing when their groups are equal. A unit in no group of
    ``units.json`` stays its own (lower-cased) group, so unknown units only match themselves.
    """
    if not unit:
        return None
    text = " " + re.sub(r"[^0-9a-z]+", " ", unit.lower()).strip() + " "
    for name, terms in _unit_groups():
        if any(f" {term} " in text for term in terms):
            return name
    return text.strip()


def key_filter(keys: set[EventKey]) -> Any:
    """A WHERE clause for a set of (article_id, event_id) pairs, grouped by article (portable SQL)."""
    by_article: dict[str, list[str]] = {}
    for aid, eid in keys:
        by_article.setdefault(aid, []).append(eid)
    if not by_article:
        return events.c.id.is_(None)  # matches nothing
    return or_(*(and_(events.c.article_id == aid, events.c.id.in_(ids)) for aid, ids in by_article.items()))


#: Articles per lookup of actor names: one statement for a whole archive would pass PostgreSQL's
#: 65,535 bind parameters (and SQLite's limit, where it is built lower).
NAME_CHUNK = 5000


def _names(conn: Connection, article_ids: set[str]) -> dict[tuple[str, str], str]:
    ids = sorted(article_ids)
    names: dict[tuple[str, str], str] = {}
    for start in range(0, len(ids), NAME_CHUNK):
        names.update(_actor_names(conn, set(ids[start : start + NAME_CHUNK])))
    return names


def article_chunks(keys: Iterable[EventKey], size: int) -> Iterator[set[EventKey]]:
    """Keys in sets of at most ``size`` articles, all keys of an article in one set: bounded
    statements for :func:`load_events` and :func:`load_claims`, each article read whole."""
    per_article: dict[str, set[EventKey]] = {}
    for key in keys:
        per_article.setdefault(key[0], set()).add(key)
    ids = sorted(per_article)
    for start in range(0, len(ids), size):
        yield {k for aid in ids[start : start + size] for k in per_article[aid]}


def load_events(
    conn: Connection, keys: set[EventKey] | None = None, where: ColumnElement[bool] | None = None
) -> dict[EventKey, dict[str, Any]]:
    """Events as ``queries.events`` renders them, plus their cluster id and the timex's tz/utc.

    ``keys`` None loads every event of the store. ``where`` narrows it further, on the columns of
    ``events``, ``articles`` and ``cluster_members``: a caller that needs the events of a kind says
    so in SQL, instead of reading the archive and sorting it out in memory.
    """
    query = (
        select(events, *_article_cols(), timexes.c.tz.label("time_tz"), timexes.c.utc.label("time_utc"),
               cluster_members.c.cluster_id)
        .select_from(
            events.join(articles, events.c.article_id == articles.c.id)
            .outerjoin(timexes, and_(timexes.c.article_id == events.c.article_id,
                                     timexes.c.id == events.c.time_timex))
            .outerjoin(cluster_members, and_(cluster_members.c.article_id == events.c.article_id,
                                             cluster_members.c.event_id == events.c.id))
        )
        .order_by(articles.c.published, events.c.article_id, events.c.sentence, events.c.id)
    )
    if keys is not None:
        query = query.where(key_filter(keys))
    if where is not None:
        query = query.where(where)
    rows = conn.execute(query).all()
    names = _names(conn, {r.article_id for r in rows})
    out: dict[EventKey, dict[str, Any]] = {}
    for r in rows:
        item = _event_dict(r, names)
        item["cluster_id"] = r.cluster_id
        if item["time"] is not None:
            item["time"].update(tz=r.time_tz, utc=r.time_utc)
        out[(r.article_id, r.id)] = item
    return out


def load_claims(conn: Connection, keys: set[EventKey] | None = None) -> dict[EventKey, list[dict[str, Any]]]:
    """Claims with an ``about`` event, grouped by that event, with the claimant's canonical name."""
    claims = schema.claims
    query = select(claims, *_article_cols()).select_from(claims.join(articles, claims.c.article_id == articles.c.id))
    query = query.where(claims.c.about.is_not(None)).order_by(articles.c.published, claims.c.start)
    if keys is not None:
        ids = {aid for aid, _ in keys}
        query = query.where(claims.c.article_id.in_(ids))
    rows = conn.execute(query).all()
    names = _names(conn, {r.article_id for r in rows})
    out: dict[EventKey, list[dict[str, Any]]] = {}
    for r in rows:
        key = (r.article_id, r.about)
        if keys is not None and key not in keys:
            continue
        out.setdefault(key, []).append({
            "article_id": r.article_id, "id": r.id, "text": r.text, "span": [r.start, r.end],
            "value": _number(r.value), "qualifier": r.qualifier, "unit": r.unit, "per": r.per,
            "predicate": r.predicate, "about": r.about, "unit_group": unit_group(r.unit),
            "claimed_by": None if r.claimed_by is None else names.get((r.article_id, r.claimed_by)),
            "published": r.published, "article_source": r.article_source,
        })
    return out


def article_source_names(conn: Connection, article_ids: set[str]) -> dict[str, list[str]]:
    """Each article's outlets: its own ``source`` (else its id) and those of its near-duplicates."""
    if not article_ids:
        return {}
    out: dict[str, list[str]] = {}
    for r in conn.execute(select(articles.c.id, articles.c.source).where(articles.c.id.in_(article_ids))):
        out[r.id] = [r.source or r.id]
    query = select(article_sources).where(article_sources.c.article_id.in_(article_ids))
    for r in conn.execute(query.order_by(article_sources.c.published, article_sources.c.seen_id)):
        name = r.source or r.seen_id
        if name not in out[r.article_id]:
            out[r.article_id].append(name)
    return out


def latest_published(conn: Connection) -> date | None:
    """The newest publication date in the store: the default "today" of a reproducible report."""
    values = conn.execute(select(articles.c.published).where(articles.c.published.is_not(None))).scalars()
    days = [d for d in (day(v) for v in values) if d is not None]
    return max(days) if days else None


def evidence_of(item: dict[str, Any]) -> dict[str, Any]:
    """The short link to an event's evidence: article, event id, trigger and spans."""
    return {
        "article_id": item["article_id"], "event_id": item["id"], "type": item["type"],
        "mode": item["mode"], "status": item["status"], "trigger": item["trigger"]["text"],
        "time": (item["time"] or {}).get("value"), "place": (item["place"] or {}).get("name"),
        "evidence": item["evidence"], "published": item["published"],
        "article_title": item["article_title"], "article_source": item["article_source"],
    }
