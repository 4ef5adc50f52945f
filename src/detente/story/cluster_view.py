"""Reading event clusters: members, sources, first report, status history and disagreements.

The cluster tables only say which mention belongs where (``detente.story.clusters`` keeps them);
everything shown about a cluster is computed here when it is read, so removing an article or
fixing a record never leaves a stale count behind.

Disagreements are reported only where two reports cannot both be right:

- **time**: two own times on different days (intervals not nested), or two clock times whose UTC
  instants differ (when both are known) or whose local values differ (when neither zone is known).
  "10:00 a.m." in a Washington announcement and "17:00 Moscow time" are the same instant (14:00
  UTC) and no disagreement; a date and a less precise month are merely less precise.
- **place**: two different place names (different GeoNames ids when both have one).
- **status**: one report says it happened (occurred/ongoing), another that it did not
  (not_occurred/denied). Planned → occurred is history, not disagreement.
- **figure**: claims about member events that count the same thing (same unit group, see
  ``units.json``) with different values in different articles.
- **order**: who did it to whom. One report has X acting on Y, another Y acting on X ("Russia
  shelled Ukrainian positions" against "Ukraine shelled Russian positions", "Trump called Putin"
  against "Putin called Trump"). The match rule ignores direction on purpose, so such reports
  land in one cluster and the reversal shows here. A report that names both sides as actors
  ("Trump and Putin spoke") reverses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from sqlalchemy import select

from detente.store.schema import cluster_members, events
from detente.store.store import Store
from detente.story.clusters import ensure_clustered
from detente.story.common import (
    EventKey,
    article_source_names,
    evidence_of,
    interval,
    load_claims,
    load_events,
    nested,
)

_CLOCK = re.compile(r"T\d{2}:\d{2}")
HAPPENED = frozenset({"occurred", "ongoing"})
DID_NOT = frozenset({"not_occurred", "denied"})


def _times_disagree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ia, ib = interval(a.get("value")), interval(b.get("value"))
    if ia is None or ib is None:
        return False
    if not nested(ia, ib):
        return True
    if not (_CLOCK.search(a["value"] or "") and _CLOCK.search(b["value"] or "")) or ia != ib:
        return False
    if a.get("utc") and b.get("utc"):
        return a["utc"] != b["utc"]
    if not a.get("tz") and not b.get("tz"):
        return a["value"][:16] != b["value"][:16]
    return False  # one zone unknown: the two clock readings cannot be compared


def _reversed_roles(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Members of different articles that give the same two actors opposite roles, in order."""
    def roles(ev: dict[str, Any]) -> tuple[set[str], set[str]]:
        src, tgt = set(filter(None, ev["sources"])), set(filter(None, ev["targets"]))
        return src - tgt, tgt - src

    clash: set[int] = set()
    for a, b in combinations(members, 2):
        if a["article_id"] == b["article_id"]:
            continue
        (sa, ta), (sb, tb) = roles(a), roles(b)
        if sa & tb and ta & sb:
            clash.update((id(a), id(b)))
    return [ev for ev in members if id(ev) in clash]


def _entry(ev: dict[str, Any], sources: dict[str, list[str]], value: Any) -> dict[str, Any]:
    return {"value": value, "article_id": ev["article_id"], "event_id": ev["id"],
            "source": sources[ev["article_id"]][0], "published": ev["published"]}


def disagreements(
    members: list[dict[str, Any]], claims: dict[EventKey, list[dict[str, Any]]], sources: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """The conflicts between a cluster's reports (rules in the module docstring)."""
    out: list[dict[str, Any]] = []
    timed = [ev for ev in members if ev["time"] and interval(ev["time"]["value"])]
    clash = {id(x) for a, b in combinations(timed, 2) if _times_disagree(a["time"], b["time"]) for x in (a, b)}
    if clash:
        out.append({"field": "time", "values": [_entry(ev, sources, ev["time"]["value"]) for ev in timed
                                                 if id(ev) in clash]})
    placed = [ev for ev in members if ev["place"] and ev["place"].get("name")]
    names = {(ev["place"].get("geonames") or ev["place"]["name"].casefold()) for ev in placed}
    if len(names) > 1:
        out.append({"field": "place", "values": [_entry(ev, sources, ev["place"]["name"]) for ev in placed]})
    statuses = {ev["status"] for ev in members}
    if statuses & HAPPENED and statuses & DID_NOT:
        out.append({"field": "status", "values": [_entry(ev, sources, ev["status"]) for ev in members
                                                   if ev["status"] in HAPPENED | DID_NOT]})
    reversed_ = _reversed_roles(members)
    if reversed_:
        out.append({"field": "order", "values": [
            _entry(ev, sources, f"{' & '.join(ev['sources'])} → {' & '.join(ev['targets'])}") for ev in reversed_]})
    by_unit: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for ev in members:
        for claim in claims.get((ev["article_id"], ev["id"]), []):
            if claim["unit_group"]:
                by_unit.setdefault(claim["unit_group"], []).append((ev, claim))
    for unit, pairs in sorted(by_unit.items()):
        # reports disagree when two articles give different values; one article giving a stage and
        # a total ("freed 390 ... of a 1,000-for-1,000 exchange") is not a disagreement
        if any(a["article_id"] != b["article_id"] and ca["value"] != cb["value"]
               for (a, ca), (b, cb) in combinations(pairs, 2)):
            values = [{**_entry(ev, sources, c["value"]), "claim_id": c["id"], "text": c["text"],
                       "span": c["span"], "unit": c["unit"], "claimed_by": c["claimed_by"]} for ev, c in pairs]
            out.append({"field": "figure", "unit": unit, "values": values})
    return out


def _related(conn: Any, keys: set[EventKey]) -> dict[EventKey, list[EventKey]]:
    """Events (AGREE, REQUEST, REJECT …) whose ``about`` is one of ``keys``."""
    query = select(events.c.article_id, events.c.id, events.c.about).where(
        events.c.about.is_not(None), events.c.article_id.in_({aid for aid, _ in keys}))
    out: dict[EventKey, list[EventKey]] = {}
    for r in conn.execute(query):
        if (r.article_id, r.about) in keys:
            out.setdefault((r.article_id, r.about), []).append((r.article_id, r.id))
    return out


def build(conn: Any, groups: dict[int, list[EventKey]]) -> list[dict[str, Any]]:
    """Cluster dicts for ``{cluster_id: member keys}``, earliest first report first."""
    keys = {k for ks in groups.values() for k in ks}
    evs = load_events(conn, keys)
    claims = load_claims(conn, keys)
    sources = article_source_names(conn, {aid for aid, _ in keys})
    related = _related(conn, keys)
    related_evs = load_events(conn, {r for rs in related.values() for r in rs})
    out = []
    for cid, member_keys in groups.items():
        members = sorted((evs[k] for k in member_keys if k in evs),
                         key=lambda e: (e["published"] or "", e["article_id"], e["sentence"] or 0))
        if not members:
            continue
        outlets = list(dict.fromkeys(s for ev in members for s in sources[ev["article_id"]]))
        first = members[0]
        out.append({
            "id": cid, "type": first["type"],
            "mode": next((ev["mode"] for ev in members if ev["mode"]), None),
            "articles": list(dict.fromkeys(ev["article_id"] for ev in members)),
            "sources": outlets, "n_sources": len(outlets),
            "first_report": {"article_id": first["article_id"], "event_id": first["id"],
                             "published": first["published"], "source": sources[first["article_id"]][0]},
            "status_history": [{"published": ev["published"], "status": ev["status"],
                                "article_id": ev["article_id"], "event_id": ev["id"]} for ev in members],
            "members": [{**evidence_of(ev), "sources": ev["sources"], "targets": ev["targets"],
                         "claims": claims.get((ev["article_id"], ev["id"]), [])} for ev in members],
            "related": [evidence_of(related_evs[r]) for ev in members
                        for r in related.get((ev["article_id"], ev["id"]), []) if r in related_evs],
            "disagreements": disagreements(members, claims, sources),
        })
    out.sort(key=lambda c: (c["first_report"]["published"] or "", c["id"]))
    return out


def member_groups(conn: Any, cluster_ids: Iterable[int] | None = None) -> dict[int, list[EventKey]]:
    query = select(cluster_members).order_by(cluster_members.c.cluster_id)
    if cluster_ids is not None:
        query = query.where(cluster_members.c.cluster_id.in_(list(cluster_ids)))
    groups: dict[int, list[EventKey]] = {}
    for r in conn.execute(query):
        groups.setdefault(r.cluster_id, []).append((r.article_id, r.event_id))
    return groups


def clusters(
    store: Store, min_articles: int = 1, cluster_ids: Iterable[int] | None = None,
    disputed: bool = False,
) -> list[dict[str, Any]]:
    """Event clusters with at least ``min_articles`` reporting articles (2: only cross-article ones).

    ``disputed`` keeps only clusters with a disagreement. Each dict: id, type, mode, articles,
    sources, n_sources (distinct outlets, near-duplicate copies included), first_report,
    status_history, members (with their claims), related (agreements/requests about a member)
    and disagreements.
    """
    ensure_clustered(store)
    with store.engine.connect() as conn:
        groups = member_groups(conn, cluster_ids)
        groups = {c: ks for c, ks in groups.items() if len({aid for aid, _ in ks}) >= min_articles}
        out = build(conn, groups)
    return [c for c in out if c["disagreements"]] if disputed else out


def cluster_of(store: Store, article_id: str, event_id: str) -> dict[str, Any] | None:
    """The cluster an event mention belongs to, or None if the event is not stored."""
    ensure_clustered(store)
    with store.engine.connect() as conn:
        cid = conn.execute(select(cluster_members.c.cluster_id).where(
            cluster_members.c.article_id == article_id, cluster_members.c.event_id == event_id)).scalar()
        if cid is None:
            return None
        found = build(conn, member_groups(conn, [cid]))
    return found[0] if found else None
