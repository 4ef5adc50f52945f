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
are looked up through the date indexes (exactly the days rule 3 can reach from the new events,
``detente.story.candidates``), so the cost of adding an article grows with the news of those
days, not with the whole archive.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, exists, select, update

from detente.store.schema import articles, cluster_members, clusters, events, next_ids
from detente.story.candidates import candidate_events
from detente.story.common import EventKey, nested, overlaps
from detente.story.mentions import Mention, MentionIndex, cluster_mentions, mentions

if TYPE_CHECKING:
    from detente.store.store import Store

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


#: Articles clustered per round of queries when rebuilding (in publication order).
RECLUSTER_CHUNK = 64


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
    own = mentions(conn, set(article_ids))
    new = {k: m for k, m in own.items() if k not in clustered}
    if not new:
        return
    partly_done = {key[0] for key in clustered}
    found, cluster_of = candidate_events(conn, new, [a for a in set(article_ids) if a not in partly_done])
    keys = set(found)
    known = {**found, **own}
    # Every member of the candidates' clusters: complete link needs them all.
    more, members = cluster_mentions(conn, set(cluster_of.values()), known)
    known.update(more)
    for cid, ks in members.items():
        for k in ks:
            cluster_of[k] = cid
    batch = _Placement(conn, cluster_of, members, known)
    candidates = MentionIndex(known[k] for k in sorted(keys) if k in known and k not in new)
    order = {aid: i for i, aid in enumerate(article_ids)}
    placed = sorted(new, key=lambda k: (order[k[0]], k))
    for key in placed:
        batch.place(new[key], candidates.sharing(new[key]))
        candidates.add(new[key])  # later articles of the batch may report the same event
    batch.write(placed)


class _Placement:
    """Clusters being decided for one batch: memberships in memory, written once at the end.

    A cluster created in this batch gets a provisional negative id until :meth:`write` inserts
    all of them at once; only merges of clusters already stored touch the database on the way.
    """

    def __init__(self, conn: Connection, cluster_of: dict[EventKey, int], members: dict[int, set[EventKey]],
                 known: dict[EventKey, Mention]) -> None:
        self.conn, self.cluster_of, self.members, self.known = conn, cluster_of, members, known
        self.created: dict[int, str] = {}  # provisional id -> event type
        self._provisional = 0  # last provisional id handed out; never reused, even after a merge

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
            self._provisional -= 1
            target = self._provisional
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
