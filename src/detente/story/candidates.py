"""Which stored events could be the same as a batch's new ones: the prefilter of clustering.

Rule 3 (``detente.story.clusters``) bounds in time what a mention can match, so candidates are
looked up through the date indexes: events by their own time value, and articles by publication
day. The cost of adding an article then grows with the news of the days it can match, not with
the archive, and type and participants are compared in memory (:class:`MentionIndex`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, Row, Select, and_, bindparam, exists, literal, or_, select

from detente.store.queries import left_first
from detente.store.schema import actors, articles, cluster_members, event_actors, events
from detente.story.common import EventKey, Interval, interval
from detente.story.mentions import PLAN_WINDOW_DAYS, REPORT_LOOKBACK_DAYS, Mention, participant_token, window_of


def reach(m: Mention) -> tuple[Interval | None, Interval | None]:
    """Where a stored mention must lie to match ``m`` under rule 3: (days its own time must
    overlap, days its report must be published on if it has no time of its own).

    Exact, not padded: a dated mention matches dated ones nested with it and undated occurred
    reports whose window [published - 3, published] touches it; an undated occurred report
    matches dated times touching its window and undated reports whose windows overlap; an
    undated plan matches only undated plans published within ``PLAN_WINDOW_DAYS`` of it.
    """
    back = timedelta(days=REPORT_LOOKBACK_DAYS)
    if m.when is not None:
        return m.when, (m.when[0], m.when[1] + back)
    if m.window is None:
        return None, None
    if m.pending:
        plan = timedelta(days=PLAN_WINDOW_DAYS)
        return None, (m.window[0] - plan, m.window[1])
    return m.window, (m.window[0], m.window[1] + back)


def _merged(spans: Iterable[Interval]) -> list[Interval]:
    """Overlapping or adjacent intervals joined: one range per burst of news, so a batch that
    mixes 2014 and 2025 reports does not ask for the decade in between."""
    out: list[list[date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _weeks(lo: date, hi: date) -> list[str]:
    monday = lo - timedelta(days=lo.weekday())
    labels = []
    while monday <= hi:
        year, week, _ = monday.isocalendar()
        labels.append(f"{year}-W{week:02d}")
        monday += timedelta(days=7)
    return labels


#: Ranges per candidate query. The queries have a fixed shape (so SQLAlchemy builds and compiles
#: them once); a batch with more ranges runs them again. Unused slots get an empty range.
_SLOTS = 8
_EMPTY = ("9999-12-31", "0000-01-01")  # low > high: matches nothing
#: Articles whose every event is new: the batch's own reports, inserted just before they are
#: clustered, would otherwise come back with all their actor links only to be dropped (a third
#: of the rows read on a dense feed).
_SKIP = bindparam("skip", expanding=True)
_CANDIDATE_COLUMNS = (
    events.c.article_id, events.c.id, events.c.type, events.c.mode, events.c.status, events.c.time_value,
    articles.c.published, event_actors.c.canonical_id, actors.c.kind, actors.c.country,
    actors.c.id.label("actor_id"), cluster_members.c.cluster_id,
)


def _with_links(first: FromClause, second: FromClause) -> Select[Any]:
    """Events with their articles and every actor link, joined in the written order on SQLite:
    the outer loop walks a date index; left to itself SQLite scans every actor link instead."""
    if first is events:
        joined = left_first(events, articles, articles.c.id == events.c.article_id)
    else:
        joined = left_first(articles, events, events.c.article_id == articles.c.id)
    joined = left_first(joined, event_actors, and_(event_actors.c.article_id == events.c.article_id,
                                                  event_actors.c.event_id == events.c.id))
    joined = left_first(joined, actors, and_(actors.c.article_id == event_actors.c.article_id,
                                              actors.c.id == event_actors.c.actor_id))
    joined = joined.outerjoin(cluster_members, and_(cluster_members.c.article_id == events.c.article_id,
                                                    cluster_members.c.event_id == events.c.id))
    return select(*_CANDIDATE_COLUMNS).select_from(joined)


def _of_types() -> ColumnElement[bool]:
    """``type IN :types``, written so that no database drives the query from the type index
    (``type || ''`` is not indexed): the type is checked on the few events of the dates only."""
    return (events.c.type + literal("")).in_(bindparam("types", expanding=True))


def _shares() -> ColumnElement[bool]:
    """The event has a participant among ``canon`` (canonical actors) or ``countries`` (states):
    a superset of rule 2's "a shared participant", tested per event found by date, so the rows
    that reach Python are those of the same actors, not the whole day's news."""
    link, actor = event_actors.alias("shared_link"), actors.alias("shared_actor")
    return exists().where(
        link.c.article_id == events.c.article_id, link.c.event_id == events.c.id,
        actor.c.article_id == link.c.article_id, actor.c.id == link.c.actor_id,
        or_(link.c.canonical_id.in_(bindparam("canon", expanding=True)),
            and_(actor.c.kind == "state", actor.c.country.in_(bindparam("countries", expanding=True)))),
    )


@cache
def _dated_query() -> Select[Any]:
    """Events whose own time lies in one of the ``d`` day ranges or ``w`` week ranges, or is one of
    the ``exact`` month and year values: every test is a range of the indexed ``time_value``, so
    the database walks that index instead of every event of a type."""
    value = events.c.time_value
    tests = [value.in_(bindparam("exact", expanding=True))]
    for i in range(_SLOTS):
        tests.append(value.between(bindparam(f"d{i}"), bindparam(f"d{i}_")))
        tests.append(value.between(bindparam(f"w{i}"), bindparam(f"w{i}_")))
    return _with_links(events, articles).where(or_(*tests), events.c.article_id.not_in(_SKIP), _of_types(),
                                               _shares())


@cache
def _reported_query() -> Select[Any]:
    """Events of the articles published in one of the ``p`` day ranges (by the published index)."""
    pub = articles.c.published
    tests = [and_(pub >= bindparam(f"p{i}"), pub < bindparam(f"p{i}_")) for i in range(_SLOTS)]
    return _with_links(articles, events).where(or_(*tests), articles.c.id.not_in(_SKIP), _of_types(), _shares())


def _dated_params(ranges: list[Interval]) -> list[dict[str, object]]:
    """Bind parameters of :func:`_dated_query`: a day range covers values that start with one of
    its days ("2025-05-19T10:00"); a week range the ISO weeks that touch it, split at new year so
    that no day value sorts between its ends; months and years that touch a range, by value."""
    days = [(lo.isoformat(), hi.isoformat() + "~") for lo, hi in ranges]
    weeks: list[tuple[str, str]] = []
    exact: set[str] = set()
    for lo, hi in ranges:
        labels = _weeks(lo, hi)
        for year in sorted({w[:4] for w in labels}):
            same = [w for w in labels if w[:4] == year]
            weeks.append((same[0], same[-1] + "~"))
        exact.update(f"{y:04d}" for y in range(lo.year, hi.year + 1))
        month = date(lo.year, lo.month, 1)
        while month <= hi:
            exact.add(month.isoformat()[:7])
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    runs = []
    for start in range(0, max(len(days), len(weeks)), _SLOTS):
        params: dict[str, object] = {"exact": sorted(exact) if start == 0 else []}
        for i in range(_SLOTS):
            d = days[start + i] if start + i < len(days) else _EMPTY
            w = weeks[start + i] if start + i < len(weeks) else _EMPTY
            params.update({f"d{i}": d[0], f"d{i}_": d[1], f"w{i}": w[0], f"w{i}_": w[1]})
        runs.append(params)
    return runs


def _reported_params(ranges: list[Interval]) -> list[dict[str, object]]:
    spans = [(lo.isoformat(), (hi + timedelta(days=1)).isoformat()) for lo, hi in ranges]
    runs = []
    for start in range(0, len(spans), _SLOTS):
        params: dict[str, object] = {}
        for i in range(_SLOTS):
            params[f"p{i}"], params[f"p{i}_"] = spans[start + i] if start + i < len(spans) else _EMPTY
        runs.append(params)
    return runs


def candidate_events(
    conn: Connection, new: dict[EventKey, Mention], whole: Iterable[str] = ()
) -> tuple[dict[EventKey, Mention], dict[EventKey, int]]:
    """Stored events that could be the same as one of the new ones, as mentions, and the clusters
    of those already clustered: those whose own time or whose report's publication day rule 3 can
    reach from a new mention.

    A prefilter only (type and participants are compared in Python through :class:`MentionIndex`),
    so it may return too much but never too little. Both lookups walk a date index, so the cost of
    adding an article grows with the news of the days it can match, not with the archive: a long
    conflict has thousands of Russia-Ukraine events, but few in any week. ``whole``: articles all
    of whose events are in ``new``, so none of theirs can be a candidate; they are not read.
    """
    timed, published = [], []
    for m in new.values():
        own, report = reach(m)
        if own:
            timed.append(own)
        if report:
            published.append(report)
    tokens = {t for m in new.values() for t in m.participants}
    common = {"types": sorted({m.type for m in new.values()}),
             "canon": sorted(int(t[6:]) for t in tokens if t.startswith("actor:")),
             "countries": sorted(t[8:] for t in tokens if t.startswith("country:")),
             "skip": sorted(whole)}
    rows: list[Row[Any]] = []
    for params in _dated_params(_merged(timed)):
        rows += conn.execute(_dated_query(), {**params, **common}).all()
    for params in _reported_params(_merged(published)):
        rows += conn.execute(_reported_query(), {**params, **common}).all()
    facts: dict[EventKey, Row[Any]] = {}
    people: dict[EventKey, set[str]] = {}
    for r in rows:
        key = (r.article_id, r.id)
        facts[key] = r
        people.setdefault(key, set()).add(participant_token(r))
    found = {
        key: Mention(key=key, type=r.type, mode=r.mode, status=r.status, when=interval(r.time_value),
                     window=window_of(r.status, r.published), participants=frozenset(people[key]))
        for key, r in facts.items() if key not in new
    }
    return found, {key: r.cluster_id for key, r in facts.items() if key in found and r.cluster_id is not None}


__all__ = ["candidate_events", "reach"]
