"""Event clusters: mentions of the same real event in several articles become one cluster.

When is it the same event? Two event mentions from *different* articles match when all hold:

1. **Act** — the same PLOVER ``type``, and the same ``mode`` unless one of them has none (a call
   reported as ``CONSULT/phone`` and as plain ``CONSULT``). An AGREE *about* a release and the
   release itself are related, never the same: the cluster view lists such agreements under
   ``related``, and ``detente.story.commitments`` links them.
2. **Participants** — sources and targets together, each actor as its canonical actor; a state
   counts as its country (``Russia``, ``Moscow`` and ``the Kremlin`` acting as a state are all
   ``RUS``). The two sets must share an actor *and* either one contains the other or they share at
   least two: Trump–Putin matches Putin–Trump and Trump alone, but not Trump–Zelenskyy, so two
   calls made by the same man on the same day stay apart.
3. **Time** — each mention gets an interval of days (``common.interval``). Two own times match
   when one interval lies inside the other: the same day (``10:00 a.m.`` on the 19th and
   ``17:00 Moscow time`` on the 19th), one value a prefix of the other (``2025-05`` and
   ``2025-05-19``), or a week that contains the day. A mention without its own time stands for
   the report's publication day and the three days before it (a report on what just happened);
   a *planned* or *possible* mention without a time matches only other undated plans reported
   within a fortnight, since an undated plan ("they agreed to exchange prisoners") is not any one
   of the dated acts that later carry it out — commitments link those.

A planned mention and an occurred one that match are one event "first planned, then occurred";
the status history shows it.

Clusters are kept **incrementally**: ``Store.add`` calls :func:`assign_article` inside the
article's own transaction, so a stored article always has its events clustered, and a failed
insert leaves no cluster behind. A mention joins an existing cluster only if its time matches
*every* member (complete link on time), so a month-precision report cannot chain the 23 May and
24 May stages of a swap into one cluster. Two clusters that the new mention both fits are merged
when all their members fit each other. :func:`recluster` rebuilds everything from scratch in
publication order (for a store filled before these tables existed, or after removals);
:func:`ensure_clustered` clusters only what is missing and is cheap when nothing is. Candidates
are looked up in SQL by type, shared participant and time (exactly the days rule 3 can reach from
the new events), so the cost of adding an article grows with the news of those days, not with
the whole archive.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Row,
    Select,
    and_,
    bindparam,
    delete,
    exists,
    literal,
    or_,
    select,
    update,
)

from detente.store.queries import left_first
from detente.store.schema import actors, articles, cluster_members, clusters, event_actors, events, next_ids
from detente.story.common import EventKey, Interval, day, interval, nested, overlaps

if TYPE_CHECKING:
    from detente.store.store import Store

PENDING = frozenset({"planned", "possible"})
#: How far an undated report reaches back (occurred) or forward (planned), in days.
REPORT_LOOKBACK_DAYS = 3
PLAN_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Mention:
    """What the match rule needs to know about one event mention."""

    key: EventKey
    type: str
    mode: str | None
    status: str
    when: Interval | None  # the event's own time
    window: Interval | None  # the undated fallback around the publication date
    participants: frozenset[str]

    @property
    def pending(self) -> bool:
        return self.status in PENDING


def _window(status: str, published: str | None) -> Interval | None:
    pub = day(published)
    if pub is None:
        return None
    if status in PENDING:
        return pub, pub + timedelta(days=PLAN_WINDOW_DAYS)
    return pub - timedelta(days=REPORT_LOOKBACK_DAYS), pub


def same_act(a: Mention, b: Mention) -> bool:
    return a.type == b.type and (a.mode is None or b.mode is None or a.mode == b.mode)


def same_participants(a: Mention, b: Mention) -> bool:
    shared = a.participants & b.participants
    if not shared:
        return False
    return a.participants <= b.participants or b.participants <= a.participants or len(shared) >= 2


def same_time(a: Mention, b: Mention) -> bool:
    """Rule 3 of the module docstring."""
    if a.when and b.when:
        return nested(a.when, b.when)
    if a.when is None and b.when is None:
        if a.pending != b.pending or a.window is None or b.window is None:
            return False
        return overlaps(a.window, b.window)
    dated, undated = (a, b) if a.when else (b, a)
    if undated.pending or undated.window is None or dated.when is None:
        return False
    return overlaps(dated.when, undated.window)


def same_event(a: Mention, b: Mention) -> bool:
    """The whole match rule (act, participants, time) for mentions of two different articles."""
    return a.key[0] != b.key[0] and same_act(a, b) and same_participants(a, b) and same_time(a, b)


def _token(r: Row[Any]) -> str:
    """A participant as rule 2 compares it: a state as its country, else its canonical actor."""
    if r.kind == "state" and r.country:
        return f"country:{r.country}"
    if r.canonical_id is not None:
        return f"actor:{r.canonical_id}"
    return f"local:{r.article_id}:{r.actor_id}"


def mentions(conn: Connection, article_ids: set[str]) -> dict[EventKey, Mention]:
    if not article_ids:
        return {}
    query = (
        select(events.c.article_id, events.c.id, events.c.type, events.c.mode, events.c.status,
               events.c.time_value, articles.c.published)
        .select_from(events.join(articles, events.c.article_id == articles.c.id))
        .where(events.c.article_id.in_(article_ids))
    )
    rows = conn.execute(query).all()
    people: dict[EventKey, set[str]] = {}
    links = (
        select(event_actors.c.article_id, event_actors.c.event_id, event_actors.c.canonical_id,
               actors.c.kind, actors.c.country, actors.c.id.label("actor_id"))
        .select_from(event_actors.join(actors, and_(actors.c.article_id == event_actors.c.article_id,
                                                    actors.c.id == event_actors.c.actor_id)))
        .where(event_actors.c.article_id.in_(article_ids))
    )
    for r in conn.execute(links):
        people.setdefault((r.article_id, r.event_id), set()).add(_token(r))
    return {
        (r.article_id, r.id): Mention(
            key=(r.article_id, r.id), type=r.type, mode=r.mode, status=r.status,
            when=interval(r.time_value), window=_window(r.status, r.published),
            participants=frozenset(people.get((r.article_id, r.id), ())),
        )
        for r in rows
    }


#: Articles clustered per round of queries when rebuilding (in publication order).
RECLUSTER_CHUNK = 64


def _reach(m: Mention) -> tuple[Interval | None, Interval | None]:
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
_CANDIDATE_COLUMNS = (
    events.c.article_id, events.c.id, events.c.type, events.c.mode, events.c.status, events.c.time_value,
    articles.c.published, event_actors.c.canonical_id, actors.c.kind, actors.c.country,
    actors.c.id.label("actor_id"),
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
    return select(*_CANDIDATE_COLUMNS).select_from(joined)


def _of_types() -> ColumnElement[bool]:
    """``type IN :types``, written so that no database drives the query from the type index
    (``type || ''`` is not indexed): the type is checked on the few events of the dates only."""
    return (events.c.type + literal("")).in_(bindparam("types", expanding=True))


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
    return _with_links(events, articles).where(or_(*tests), _of_types())


@cache
def _reported_query() -> Select[Any]:
    """Events of the articles published in one of the ``p`` day ranges (by the published index)."""
    pub = articles.c.published
    tests = [and_(pub >= bindparam(f"p{i}"), pub < bindparam(f"p{i}_")) for i in range(_SLOTS)]
    return _with_links(articles, events).where(or_(*tests), _of_types())


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


def _candidate_events(conn: Connection, new: dict[EventKey, Mention]) -> dict[EventKey, Mention]:
    """Stored events that could be the same as one of the new ones, as mentions: those whose own
    time or whose report's publication day rule 3 can reach from a new mention.

    A prefilter only (type and participants are compared in Python through :class:`MentionIndex`),
    so it may return too much but never too little. Both lookups walk a date index, so the cost of
    adding an article grows with the news of the days it can match, not with the archive: a long
    conflict has thousands of Russia-Ukraine events, but few in any week.
    """
    timed, published = [], []
    for m in new.values():
        own, report = _reach(m)
        if own:
            timed.append(own)
        if report:
            published.append(report)
    types = {"types": sorted({m.type for m in new.values()})}
    rows: list[Row[Any]] = []
    for params in _dated_params(_merged(timed)):
        rows += conn.execute(_dated_query(), {**params, **types}).all()
    for params in _reported_params(_merged(published)):
        rows += conn.execute(_reported_query(), {**params, **types}).all()
    facts: dict[EventKey, Row[Any]] = {}
    people: dict[EventKey, set[str]] = {}
    for r in rows:
        key = (r.article_id, r.id)
        facts[key] = r
        people.setdefault(key, set()).add(_token(r))
    return {
        key: Mention(key=key, type=r.type, mode=r.mode, status=r.status, when=interval(r.time_value),
                     window=_window(r.status, r.published), participants=frozenset(people[key]))
        for key, r in facts.items() if key not in new
    }


def assign_article(conn: Connection, article_id: str) -> None:
    """Cluster every not yet clustered event of one stored article (the incremental step)."""
    assign_articles(conn, [article_id])


def assign_articles(conn: Connection, article_ids: Sequence[str]) -> None:
    """Cluster the not yet clustered events of stored articles, one article after the other.

    The result is the same as calling :func:`assign_article` for each in turn, but the mentions,
    candidates and cluster memberships of the whole batch are read in a handful of queries
    instead of a handful per article: an ingest batch of 16 articles pays for one lookup.
    """
    if not article_ids:
        return
    done = select(cluster_members.c.article_id, cluster_members.c.event_id).where(
        cluster_members.c.article_id.in_(set(article_ids)))
    clustered = {(r.article_id, r.event_id) for r in conn.execute(done)}
    new = {k: m for k, m in mentions(conn, set(article_ids)).items() if k not in clustered}
    if not new:
        return
    found = _candidate_events(conn, new)
    keys = set(found)
    known = dict(found)
    known.update(mentions(conn, set(article_ids)))
    # Candidates already clustered, and every member of their clusters (complete link needs them all).
    member_rows = conn.execute(
        select(cluster_members).where(cluster_members.c.article_id.in_({k[0] for k in keys} | set(article_ids)))
    ).all()
    cluster_of: dict[EventKey, int] = {(r.article_id, r.event_id): r.cluster_id for r in member_rows}
    rows = conn.execute(
        select(cluster_members).where(cluster_members.c.cluster_id.in_(set(cluster_of.values())))
    ).all()
    members: dict[int, set[EventKey]] = {}
    for r in rows:
        members.setdefault(r.cluster_id, set()).add((r.article_id, r.event_id))
        cluster_of[(r.article_id, r.event_id)] = r.cluster_id
    known.update(mentions(conn, {k[0] for ks in members.values() for k in ks if k not in known}))
    batch = _Placement(conn, cluster_of, members, known)
    candidates = MentionIndex(known[k] for k in sorted(keys) if k in known and k not in new)
    order = {aid: i for i, aid in enumerate(article_ids)}
    placed = sorted(new, key=lambda k: (order[k[0]], k))
    for key in placed:
        batch.place(new[key], candidates.sharing(new[key]))
        candidates.add(new[key])  # later articles of the batch may report the same event
    batch.write(placed)


class MentionIndex:
    """Mentions indexed by (type, participant): the match rule needs both the same type and a
    shared participant, so a mention is compared only with those that have them, not with every
    candidate of a batch (clustering) or every event of the store (commitments)."""

    def __init__(self, mentions: Iterable[Mention]) -> None:
        self._index: dict[tuple[str, str], list[Mention]] = {}
        for m in mentions:
            self.add(m)

    def add(self, m: Mention) -> None:
        for token in m.participants:
            self._index.setdefault((m.type, token), []).append(m)

    def sharing(self, m: Mention) -> list[Mention]:
        seen: dict[EventKey, Mention] = {}
        for token in m.participants:
            for other in self._index.get((m.type, token), ()):
                seen.setdefault(other.key, other)
        return list(seen.values())


class _Placement:
    """Clusters being decided for one batch: memberships in memory, written once at the end.

    A cluster created in this batch gets a provisional negative id until :meth:`write` inserts
    all of them at once; only merges of clusters already stored touch the database on the way.
    """

    def __init__(self, conn: Connection, cluster_of: dict[EventKey, int], members: dict[int, set[EventKey]],
                 known: dict[EventKey, Mention]) -> None:
        self.conn, self.cluster_of, self.members, self.known = conn, cluster_of, members, known
        self.created: dict[int, str] = {}  # provisional id -> event type

    def fits(self, m: Mention, cid: int) -> bool:
        """Complete link: the mention matches every member of the cluster in act and time."""
        return all(same_act(m, self.known[k]) and same_time(m, self.known[k])
                   for k in self.members.get(cid, ()) if k in self.known)

    def place(self, m: Mention, candidates: list[Mention]) -> None:
        """Put a new mention in the cluster it matches best (merging clusters it bridges), or a new one."""
        hits: dict[int, int] = {}
        for other in candidates:
            if other.key in self.cluster_of and same_event(m, other):
                cid = self.cluster_of[other.key]
                hits[cid] = hits.get(cid, 0) + 1
        # Most matches first; on a tie the oldest cluster (stored ones, then this batch's in order).
        good = sorted((c for c in hits if self.fits(m, c)), key=lambda c: (-hits[c], c < 0, abs(c)))
        if not good:
            target = -(len(self.created) + 1)
            self.created[target] = m.type
            self.members[target] = set()
        else:
            target = good[0]
            for extra in good[1:]:
                if all(self.fits(self.known[k], target) for k in self.members[extra] if k in self.known):
                    target = self._merge(target, extra)
        self.members[target].add(m.key)
        self.cluster_of[m.key] = target

    def _merge(self, target: int, extra: int) -> int:
        """Merge two clusters; returns the id that survives (a stored one when there is one)."""
        if target < 0 < extra:
            target, extra = extra, target
        if extra > 0:  # both stored: move the stored members
            self.conn.execute(update(cluster_members).where(cluster_members.c.cluster_id == extra)
                              .values(cluster_id=target))
            self.conn.execute(delete(clusters).where(clusters.c.id == extra))
        self.created.pop(extra, None)
        for k in self.members.pop(extra):
            self.cluster_of[k] = target
            self.members[target].add(k)
        return target

    def write(self, placed: list[EventKey]) -> None:
        """Insert the new clusters and the new memberships, one statement each."""
        real: dict[int, int] = {}
        if self.created:
            now = datetime.now(UTC).isoformat(timespec="seconds")
            order = sorted(self.created, reverse=True)  # -1, -2, …: creation order
            ids = next_ids(self.conn, clusters, len(order))
            self.conn.execute(clusters.insert(), [{"id": i, "type": self.created[p], "created_at": now}
                                                  for i, p in zip(ids, order, strict=True)])
            real = dict(zip(order, ids, strict=True))
        rows = [{"article_id": k[0], "event_id": k[1], "cluster_id": real.get(c, c)}
                for k in placed for c in (self.cluster_of[k],)]
        if rows:
            self.conn.execute(cluster_members.insert(), rows)


def drop_empty(conn: Connection) -> None:
    """Delete clusters that have no member left."""
    has_member = exists().where(cluster_members.c.cluster_id == clusters.c.id)
    conn.execute(delete(clusters).where(~has_member))


def _unclustered_articles(conn: Connection) -> list[str]:
    member = exists().where(cluster_members.c.article_id == events.c.article_id,
                            cluster_members.c.event_id == events.c.id)
    query = (
        select(events.c.article_id, articles.c.published).distinct()
        .select_from(events.join(articles, events.c.article_id == articles.c.id))
        .where(~member)
        .order_by(articles.c.published, events.c.article_id)
    )
    return [r.article_id for r in conn.execute(query)]


def ensure_clustered(store: Store) -> int:
    """Cluster the articles with unclustered events (none after normal ingest); returns how many."""
    store.create()
    with store.engine.connect() as conn:
        if not _unclustered_articles(conn):
            return 0
    with store._write() as conn:  # the store's own write transaction
        todo = _unclustered_articles(conn)
        for chunk in range(0, len(todo), RECLUSTER_CHUNK):
            assign_articles(conn, todo[chunk : chunk + RECLUSTER_CHUNK])
        return len(todo)


def recluster(store: Store) -> int:
    """Rebuild all clusters from scratch, article by article in publication order; idempotent."""
    store.create()
    with store._write() as conn:
        conn.execute(delete(cluster_members))
        conn.execute(delete(clusters))
        todo = _unclustered_articles(conn)
        for chunk in range(0, len(todo), RECLUSTER_CHUNK):
            assign_articles(conn, todo[chunk : chunk + RECLUSTER_CHUNK])
    return len(todo)


__all__ = [
    "Mention", "MentionIndex", "assign_article", "assign_articles", "drop_empty", "ensure_clustered", "mentions",
    "recluster", "same_event",
]
