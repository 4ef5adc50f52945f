"""Commitments: promises and plans followed over time until they are kept, broken or overdue.

What is a commitment? Every AGREE event with an ``about`` event (the *agreed act*), and every
planned event (its own act). A planned act that an AGREE of the same article is about is shown
once, as that agreement. The same agreement reported by several outlets is one commitment: they
are grouped by the agreement's event cluster, the earliest report leads and the others are listed
under ``reports``.

Which events fulfil it? Occurred (or ongoing) events that are either

- members of the act's own cluster (the planned call, later reported as having taken place), or
- *matching* acts: same PLOVER type, the same mode unless one has none, overlapping participants
  (the cluster rule, ``clusters.same_participants``), and a time at or after the agreement and
  no more than ``horizon_days`` (:data:`HORIZON_DAYS`, a year) after it — or, when the act has its
  own time, within that time (a call planned for the 19th is not kept by a call on the 25th).
  The horizon is what a reader assumes of a promise without a date: a 2016 pledge to exchange
  prisoners is not kept by an exchange in 2024 between the same sides. It also keeps the board
  linear in the archive: without it every undated promise is compared with, and linked to, every
  later act of its kind for ever.

Several reports of one stage count once (fulfilling events are grouped by cluster).

Status, in this order:

- ``fulfilled`` / ``partly_fulfilled``: fulfilling events exist. A *countable* commitment (a claim
  with a value on the agreed act or the agreement: "exchange 1,000 prisoners of war each") is
  fulfilled when the running total reaches the promised figure. The total adds, per fulfilling
  stage, the value of a claim about it whose unit counts the same thing (``units.json``); where
  reports of one stage differ, the most reported value counts (ties: the earliest report).
  Without figures for the stages it stays ``partly_fulfilled``.
- ``broken``: a report published at or after the commitment says the act did not happen (a member
  of the act's cluster with status ``not_occurred`` or ``denied``).
- ``overdue``: the act's own time ended before the reference date and nothing fulfils it. The
  reference date is ``today`` if given, else the latest publication date in the store, so a
  report over an archive reads the same on any day.
- ``open``: none of the above.

Only what these rules can reach is read, picked in SQL: the promises, the (not) occurred members
of the acts' clusters, the happened events of the acts' types (streamed past the acts, kept only
if they fulfil one) and the claims of the events kept; not every event of the archive.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, and_, literal, or_, select, tuple_

from detente.store.schema import actors, articles, cluster_members, event_actors, events
from detente.store.store import Store
from detente.story.cluster_view import DID_NOT, HAPPENED
from detente.story.clusters import ensure_clustered, same_act, same_participants
from detente.story.common import (
    EventKey,
    article_chunks,
    day,
    evidence_of,
    interval,
    latest_published,
    load_claims,
    load_events,
    overlaps,
    unit_group,
)
from detente.story.mentions import Mention, MentionIndex, participant_token, window_of

STATUSES = ("open", "partly_fulfilled", "fulfilled", "broken", "overdue")
#: Articles per query when events or claims are read by key: a bounded statement, whatever the
#: number of commitments (PostgreSQL takes at most 65,535 bind parameters).
ARTICLE_CHUNK = 1000
#: Happened events fetched per round trip while they are compared with the acts.
STREAM_ROWS = 2000
#: How long after it is made an act without its own time can still keep a promise.
HORIZON_DAYS = 365

Pairs = list[tuple[EventKey, EventKey]]


def _reference(today: date | str | None, conn: Any) -> date | None:
    if isinstance(today, date):
        return today
    if isinstance(today, str):
        found = day(today)
        if found is None:
            raise ValueError(f"today {today!r} is not a date; write YYYY-MM-DD")
        return found
    return latest_published(conn)


def _start(ev: dict[str, Any]) -> date | None:
    """When an event happened or was agreed: its own time's first day, else its report's day."""
    own = interval((ev["time"] or {}).get("value"))
    return own[0] if own else day(ev["published"])


def _figure(claims: list[dict[str, Any]], group: str | None = None) -> dict[str, Any] | None:
    """The most reported value among claims (of one unit group, if given); ties go to the earliest."""
    usable = [c for c in claims if c["value"] is not None and (group is None or c["unit_group"] == group)]
    if not usable:
        return None
    counts = Counter(c["value"] for c in usable)
    best = max(counts.values())
    return next(c for c in usable if counts[c["value"]] == best)


def _candidates(evs: dict[EventKey, dict[str, Any]]) -> Pairs:
    """(agreement or plan, its act) pairs, the act of an agreement folded into the agreement."""
    agreed = {(ev["article_id"], ev["about"]) for ev in evs.values() if ev["type"] == "AGREE" and ev["about"]}
    out = []
    for key, ev in evs.items():
        if ev["type"] == "AGREE" and ev["about"] and (key[0], ev["about"]) in evs:
            out.append((key, (key[0], ev["about"])))
        elif ev["status"] == "planned" and key not in agreed:
            out.append((key, key))
    return out


def _is_act(ev: FromClause) -> ColumnElement[bool]:
    """The rows :func:`_candidates` can take as an act: plans, and events an AGREE of their
    article is about (whatever their status). The agreed acts are one uncorrelated subquery that
    the database reads once, not an EXISTS probed per event (SQLite would walk every AGREE)."""
    agreement = events.alias()
    agreed_on = select(agreement.c.article_id, agreement.c.about).where(
        agreement.c.type == "AGREE", agreement.c.about.is_not(None))
    return or_(ev.c.status == "planned", tuple_(ev.c.article_id, ev.c.id).in_(agreed_on))


def _is_promise(ev: FromClause) -> ColumnElement[bool]:
    """Every row :func:`_candidates` looks at: agreements about something, and the acts."""
    return or_(and_(ev.c.type == "AGREE", ev.c.about.is_not(None)), _is_act(ev))


def _in_act_clusters() -> ColumnElement[bool]:
    """Occurred and not-occurred members of the clusters of acts. Subqueries, not lists of ids, so
    the statement stays small however many commitments there are. The status is tested as
    ``status || ''`` (not indexed) so that the database looks the few members up from the
    clusters' index instead of walking the status index over most events of the store."""
    act, member, other = events.alias(), cluster_members.alias(), cluster_members.alias()
    act_clusters = (
        select(member.c.cluster_id)
        .select_from(act.join(member, and_(member.c.article_id == act.c.article_id, member.c.event_id == act.c.id)))
        .where(_is_act(act))
    )
    members = select(other.c.article_id, other.c.event_id).where(other.c.cluster_id.in_(act_clusters))
    return and_(tuple_(events.c.article_id, events.c.id).in_(members),
                (events.c.status + literal("")).in_(sorted(HAPPENED | DID_NOT)))


def _mentions(conn: Connection, where: ColumnElement[bool]) -> Iterator[tuple[Mention, date | None]]:
    """Mentions (as ``mentions.mentions`` reads them) of the events ``where`` selects, each with
    its start (:func:`_start`), streamed one event at a time so none has to be kept.

    Plain left joins to the actor links: a nested ``(event_actors JOIN actors)`` makes SQLite
    materialize every link of the store first. A link whose actor row is missing is dropped, as
    the inner join of ``mentions`` drops it.
    """
    query = (
        select(events.c.article_id, events.c.id, events.c.type, events.c.mode, events.c.status,
               events.c.time_value, articles.c.published, event_actors.c.canonical_id, actors.c.kind,
               actors.c.country, actors.c.id.label("actor_id"))
        .select_from(
            events.join(articles, articles.c.id == events.c.article_id)
            .outerjoin(event_actors, and_(event_actors.c.article_id == events.c.article_id,
                                          event_actors.c.event_id == events.c.id))
            .outerjoin(actors, and_(actors.c.article_id == event_actors.c.article_id,
                                    actors.c.id == event_actors.c.actor_id)))
        .where(where)
        .order_by(events.c.article_id, events.c.id)  # an event's actor rows come together
        .execution_options(yield_per=STREAM_ROWS)
    )
    for key, rows in groupby(conn.execute(query), key=lambda r: (r.article_id, r.id)):
        group = list(rows)
        r = group[0]
        when = interval(r.time_value)
        people = frozenset(participant_token(x) for x in group if x.actor_id is not None)
        mention = Mention(key=key, type=r.type, mode=r.mode, status=r.status, when=when,
                          window=window_of(r.status, r.published), participants=people)
        yield mention, when[0] if when else day(r.published)


def _fulfils(m: Mention, act: Mention, start: date | None, since: date | None, horizon: int) -> bool:
    if not (same_act(m, act) and same_participants(m, act)):
        return False
    if act.when:
        own = m.when or m.window
        return own is not None and overlaps(act.when, own)
    return since is None or (start is not None and since <= start <= _later(since, horizon))


def _later(day: date, days: int) -> date:
    """``days`` after ``day``, or the last representable day (a horizon may be "for ever")."""
    return day + timedelta(days=days) if days < (date.max - day).days else date.max


class _Reach:
    """Intervals of days filed by (type, participant) and by length class (powers of two), each
    class sorted by first day: the intervals a day range can overlap are found by bisection
    instead of by comparing every promise of the same sides with every later act, and one act
    planned for a whole year does not widen the search for all the day-long ones."""

    def __init__(self) -> None:
        self._spans: dict[tuple[str, str], dict[int, list[tuple[int, int, Any]]]] = {}
        self._firsts: dict[tuple[str, str], list[tuple[list[int], list[tuple[int, int, Any]], int]]] = {}

    def add(self, m: Mention, lo: date, hi: date, item: Any) -> None:
        first, last = lo.toordinal(), hi.toordinal()
        length = (last - first).bit_length()
        for token in m.participants:
            self._spans.setdefault((m.type, token), {}).setdefault(length, []).append((first, last, item))

    def freeze(self) -> _Reach:
        for key, classes in self._spans.items():
            self._firsts[key] = []
            for length, spans in classes.items():
                spans.sort(key=lambda s: (s[0], s[1]))
                self._firsts[key].append(([s[0] for s in spans], spans, (1 << length) - 1))
        return self

    def overlapping(self, m: Mention, lo: date, hi: date) -> list[Any]:
        first, last = lo.toordinal(), hi.toordinal()
        out = []
        for token in m.participants:
            for firsts, spans, longest in self._firsts.get((m.type, token), ()):
                for i in range(bisect_left(firsts, first - longest), bisect_right(firsts, last)):
                    if spans[i][1] >= first:
                        out.append(spans[i][2])
        return out


def _matching(conn: Connection, evs: dict[EventKey, dict[str, Any]], groups: list[Pairs],
              horizon: int = HORIZON_DAYS) -> list[set[EventKey]]:
    """Per commitment, the happened events that match its act (the second bullet of the module
    docstring), found in one pass over the happened events of the acts' types. Each is looked up
    among the acts of its type and participants whose days it can fall in: dated acts by their
    own time, undated ones by the days from their agreement to the horizon."""
    leads = {pairs[0][1] for pairs in groups}
    acts = {m.key: m for m, _ in _mentions(conn, _is_act(events)) if m.key in leads}
    since = [_start(evs[pairs[0][0]]) for pairs in groups]
    dated, undated, always = _Reach(), _Reach(), MentionIndex([])
    by_act: dict[EventKey, list[int]] = {}
    for i, pairs in enumerate(groups):
        act = acts.get(pairs[0][1])
        if act is None:
            continue
        if act.when:
            if act.key not in by_act:
                dated.add(act, act.when[0], act.when[1], act)
            by_act.setdefault(act.key, []).append(i)
        elif since[i] is None:
            always.add(act)
            by_act.setdefault(act.key, []).append(i)
        else:
            undated.add(act, since[i], _later(since[i], horizon), (act, i))
    dated.freeze()
    undated.freeze()
    found: list[set[EventKey]] = [set() for _ in groups]
    types = sorted({m.type for m in acts.values()})
    if not types:
        return found
    for m, start in _mentions(conn, and_(events.c.status.in_(sorted(HAPPENED)), events.c.type.in_(types))):
        pairs: dict[tuple[EventKey, int], Mention] = {}
        own = m.when or m.window
        if own is not None:
            for act in dated.overlapping(m, own[0], own[1]):
                pairs.update(((act.key, i), act) for i in by_act[act.key])
        if start is not None:
            for act, i in undated.overlapping(m, start, start):
                pairs[(act.key, i)] = act
        for act in always.sharing(m):  # undated acts of promises with no date either
            pairs.update(((act.key, i), act) for i in by_act[act.key] if since[i] is None)
        for (_, i), act in pairs.items():
            if _fulfils(m, act, start, since[i], horizon):
                found[i].add(m.key)
    return found


def _read(conn: Connection, horizon: int = HORIZON_DAYS) -> tuple[
        dict[EventKey, dict[str, Any]], list[Pairs], list[set[EventKey]], dict[EventKey, list[dict[str, Any]]]]:
    """The events, commitment groups, matching events and claims :func:`commitments` works on."""
    evs = load_events(conn, where=_is_promise(events))
    groups: dict[Any, Pairs] = {}
    for agreement, act in _candidates(evs):
        groups.setdefault(evs[agreement]["cluster_id"] or agreement, []).append((agreement, act))
    for pairs in groups.values():
        pairs.sort(key=lambda p: (evs[p[0]]["published"] or "", p[0]))
    evs.update(load_events(conn, where=_in_act_clusters()))
    matched = _matching(conn, evs, list(groups.values()), horizon)
    for keys in article_chunks({k for ks in matched for k in ks} - evs.keys(), ARTICLE_CHUNK):
        # Plain IN lists, quick to build where ``key_filter``'s OR per article is not; the articles
        # let the database seek the primary key, the row values pick the events.
        evs.update(load_events(conn, where=and_(events.c.article_id.in_({k[0] for k in keys}),
                                                tuple_(events.c.article_id, events.c.id).in_(sorted(keys)))))
    matched = [ks & evs.keys() for ks in matched]  # an article removed meanwhile is simply gone
    claims: dict[EventKey, list[dict[str, Any]]] = {}
    for keys in article_chunks(evs, ARTICLE_CHUNK):
        claims.update(load_claims(conn, keys))
    return evs, list(groups.values()), matched, claims


def commitments(store: Store, status: str | None = None, today: date | str | None = None,
                horizon_days: int = HORIZON_DAYS) -> list[dict[str, Any]]:
    """Every commitment with its status, agreement, promised figure, total and linked events.

    Sorted by when the commitment was first reported. ``status`` filters on one of ``STATUSES``;
    ``horizon_days`` is how long an act without its own time may follow its promise.
    """
    if horizon_days < 0:
        raise ValueError(f"horizon_days must be 0 or more, not {horizon_days}")
    if status is not None and status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    ensure_clustered(store)
    with store.engine.connect() as conn:
        ref = _reference(today, conn)
        evs, groups, matched, claims = _read(conn, horizon_days)
    by_cluster: dict[int, list[EventKey]] = {}
    for key, ev in evs.items():
        by_cluster.setdefault(ev["cluster_id"], []).append(key)

    out = []
    for pairs, found in zip(groups, matched, strict=True):
        lead, lead_act = pairs[0]
        agreement, act = evs[lead], evs[lead_act]
        published = day(agreement["published"])
        act_clusters = {evs[a]["cluster_id"] for _, a in pairs}
        in_act_clusters = {k for c in act_clusters for k in by_cluster.get(c, [])}

        fulfilling = {k for k in in_act_clusters if evs[k]["status"] in HAPPENED} | found
        broken_by = [k for k in in_act_clusters if evs[k]["status"] in DID_NOT
                     and (published is None or (day(evs[k]["published"]) or published) >= published)]

        promise_claims = [c for a, x in pairs for k in (a, x) for c in claims.get(k, [])]
        promised = _figure(promise_claims)
        stages: dict[Any, list[EventKey]] = {}
        for k in fulfilling:
            stages.setdefault(evs[k]["cluster_id"] or k, []).append(k)
        total: float | int | None = None
        linked = []
        for keys in sorted(stages.values(), key=lambda ks: min((evs[k]["published"] or "", k) for k in ks)):
            keys.sort(key=lambda k: (evs[k]["published"] or "", k))
            figure = None
            if promised is not None:
                figure = _figure([c for k in keys for c in claims.get(k, [])], promised["unit_group"])
                if figure is not None:
                    total = (total or 0) + figure["value"]
            linked.append({"cluster_id": evs[keys[0]]["cluster_id"], "counted": figure,
                           "events": [evidence_of(evs[k]) for k in keys]})

        due = interval((act["time"] or {}).get("value"))
        if fulfilling:
            done = promised is None or (total is not None and total >= promised["value"])
            state = "fulfilled" if done else "partly_fulfilled"
        elif broken_by:
            state = "broken"
        elif due and ref and due[1] < ref:
            state = "overdue"
        else:
            state = "open"
        if status and state != status:
            continue
        out.append({
            "id": f"{lead[0]}:{lead[1]}", "status": state,
            "kind": "agreement" if lead != lead_act else "planned",
            "agreement": {**evidence_of(agreement), "sources": agreement["sources"],
                          "targets": agreement["targets"]},
            "act": {**evidence_of(act), "sources": act["sources"], "targets": act["targets"]},
            "due": (act["time"] or {}).get("value"),
            "promised": None if promised is None else {
                "value": promised["value"], "unit": promised["unit"], "qualifier": promised["qualifier"],
                "claim": {k: promised[k] for k in ("article_id", "id", "text", "span", "claimed_by")}},
            "fulfilled_total": total,
            "fulfilled_by": linked,
            "broken_by": [evidence_of(evs[k]) for k in sorted(broken_by)],
            "reports": [evidence_of(evs[a]) for a, _ in pairs[1:]],
            "reference_date": ref.isoformat() if ref else None,
        })
    out.sort(key=lambda c: (c["agreement"]["published"] or "", c["id"]))
    return out


__all__ = ["HORIZON_DAYS", "STATUSES", "commitments", "unit_group"]
