"""Event mentions as the cross-article rules see them, read from the store.

A :class:`Mention` is the little the clustering rules (``detente.story.clusters``) and the
commitment tracker (``detente.story.commitments``) need about one stored event: its act, its
participants as comparable tokens, its own time and the window its report stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, and_, select

from detente.store.schema import actors, articles, cluster_members, event_actors, events
from detente.story.common import EventKey, Interval, day, interval

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


def window_of(status: str, published: str | None) -> Interval | None:
    """The days an undated mention stands for: a report looks back, a plan forward (rule 3)."""
    pub = day(published)
    if pub is None:
        return None
    if status in PENDING:
        return pub, pub + timedelta(days=PLAN_WINDOW_DAYS)
    return pub - timedelta(days=REPORT_LOOKBACK_DAYS), pub


def participant_token(r: Row[Any]) -> str:
    """A participant as rule 2 compares it: a state as its country, else its canonical actor."""
    if r.kind == "state" and r.country:
        return f"country:{r.country}"
    if r.canonical_id is not None:
        return f"actor:{r.canonical_id}"
    return f"local:{r.article_id}:{r.actor_id}"


def mentions(conn: Connection, article_ids: set[str]) -> dict[EventKey, Mention]:
    """Every event mention of some articles."""
    if not article_ids:
        return {}
    return _read(conn, events.c.article_id.in_(article_ids), event_actors.c.article_id.in_(article_ids))


def cluster_mentions(
    conn: Connection, cluster_ids: set[int], known: dict[EventKey, Mention]
) -> tuple[dict[EventKey, Mention], dict[int, set[EventKey]]]:
    """The members of some clusters, and the mentions of those not in ``known`` (usually few:
    a cluster's members are mostly the candidates that led to it)."""
    members: dict[int, set[EventKey]] = {}
    if not cluster_ids:
        return {}, members
    for r in conn.execute(select(cluster_members).where(cluster_members.c.cluster_id.in_(cluster_ids))):
        members.setdefault(r.cluster_id, set()).add((r.article_id, r.event_id))
    missing = {k for ks in members.values() for k in ks if k not in known}
    if not missing:
        return {}, members
    # By article (the primary key's prefix): a row-value IN list is not an index lookup for every
    # database (SQLite scanned all events for it: 0.1 s a batch at 100k articles).
    found = mentions(conn, {k[0] for k in missing})
    return {k: m for k, m in found.items() if k in missing}, members


def _read(
    conn: Connection, which_events: ColumnElement[bool], which_links: ColumnElement[bool]
) -> dict[EventKey, Mention]:
    query = (
        select(events.c.article_id, events.c.id, events.c.type, events.c.mode, events.c.status,
               events.c.time_value, articles.c.published)
        .select_from(events.join(articles, events.c.article_id == articles.c.id))
        .where(which_events)
    )
    rows = conn.execute(query).all()
    people: dict[EventKey, set[str]] = {}
    links = (
        select(event_actors.c.article_id, event_actors.c.event_id, event_actors.c.canonical_id,
               actors.c.kind, actors.c.country, actors.c.id.label("actor_id"))
        .select_from(event_actors.join(actors, and_(actors.c.article_id == event_actors.c.article_id,
                                                    actors.c.id == event_actors.c.actor_id)))
        .where(which_links)
    )
    for r in conn.execute(links):
        people.setdefault((r.article_id, r.event_id), set()).add(participant_token(r))
    return {
        (r.article_id, r.id): Mention(
            key=(r.article_id, r.id), type=r.type, mode=r.mode, status=r.status,
            when=interval(r.time_value), window=window_of(r.status, r.published),
            participants=frozenset(people.get((r.article_id, r.id), ())),
        )
        for r in rows
    }


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


__all__ = ["PENDING", "PLAN_WINDOW_DAYS", "REPORT_LOOKBACK_DAYS", "Mention", "MentionIndex", "cluster_mentions",
           "mentions", "participant_token", "window_of"]
