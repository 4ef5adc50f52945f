"""Commitments: promises and plans followed over time until they are kept, broken or overdue.

What is a commitment? Every AGREE event with an ``about`` event (the *agreed act*), and every
planned event (its own act). A planned act that an AGREE of the same article is about is shown
once, as that agreement. The same agreement reported by several outlets is one commitment: they
are grouped by the agreement's event cluster, the earliest report leads and the others are listed
under ``reports``.

Which events fulfil it? Occurred (or ongoing) events that are either

- members of the act's own cluster (the planned call, later reported as having taken place), or
- *matching* acts: same PLOVER type, the same mode unless one has none, overlapping participants
  (the cluster rule, ``clusters.same_participants``), and a time at or after the agreement — or,
  when the act has its own time, within that time (a call planned for the 19th is not kept by a
  call on the 25th).

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
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from detente.store.store import Store
from detente.story.cluster_view import DID_NOT, HAPPENED
from detente.story.clusters import Mention, MentionIndex, ensure_clustered, mentions, same_act, same_participants
from detente.story.common import (
    EventKey,
    day,
    evidence_of,
    interval,
    latest_published,
    load_claims,
    load_events,
    overlaps,
    unit_group,
)

STATUSES = ("open", "partly_fulfilled", "fulfilled", "broken", "overdue")


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


def _candidates(evs: dict[EventKey, dict[str, Any]]) -> list[tuple[EventKey, EventKey]]:
    """(agreement or plan, its act) pairs, the act of an agreement folded into the agreement."""
    agreed = {(ev["article_id"], ev["about"]) for ev in evs.values() if ev["type"] == "AGREE" and ev["about"]}
    out = []
    for key, ev in evs.items():
        if ev["type"] == "AGREE" and ev["about"] and (key[0], ev["about"]) in evs:
            out.append((key, (key[0], ev["about"])))
        elif ev["status"] == "planned" and key not in agreed:
            out.append((key, key))
    return out


def _fulfils(m: Mention, act: Mention, ev: dict[str, Any], since: date | None) -> bool:
    if not (same_act(m, act) and same_participants(m, act)):
        return False
    if act.when:
        own = m.when or m.window
        return own is not None and overlaps(act.when, own)
    start = _start(ev)
    return since is None or (start is not None and start >= since)


def commitments(store: Store, status: str | None = None, today: date | str | None = None) -> list[dict[str, Any]]:
    """Every commitment with its status, agreement, promised figure, total and linked events.

    Sorted by when the commitment was first reported. ``status`` filters on one of ``STATUSES``.
    """
    if status is not None and status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    ensure_clustered(store)
    with store.engine.connect() as conn:
        ref = _reference(today, conn)
        evs = load_events(conn)
        claims = load_claims(conn)
        facts = mentions(conn, {k[0] for k in evs})
    by_cluster: dict[int, list[EventKey]] = {}
    for key, ev in evs.items():
        by_cluster.setdefault(ev["cluster_id"], []).append(key)
    # A fulfilling act shares type and a participant with the promised one: each commitment looks
    # at those few happened events instead of every event of the store.
    happened = MentionIndex(facts[k] for k, ev in evs.items() if ev["status"] in HAPPENED)

    groups: dict[Any, list[tuple[EventKey, EventKey]]] = {}
    for agreement, act in _candidates(evs):
        groups.setdefault(evs[agreement]["cluster_id"] or agreement, []).append((agreement, act))

    out = []
    for pairs in groups.values():
        pairs.sort(key=lambda p: (evs[p[0]]["published"] or "", p[0]))
        lead, lead_act = pairs[0]
        agreement, act = evs[lead], evs[lead_act]
        since = _start(agreement)
        published = day(agreement["published"])
        act_clusters = {evs[a]["cluster_id"] for _, a in pairs}
        in_act_clusters = {k for c in act_clusters for k in by_cluster.get(c, [])}

        fulfilling: set[EventKey] = {k for k in in_act_clusters if evs[k]["status"] in HAPPENED}
        promised_act = facts[lead_act]
        for k in sorted(m.key for m in happened.sharing(promised_act)):
            if k not in fulfilling and _fulfils(facts[k], promised_act, evs[k], since):
                fulfilling.add(k)
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


__all__ = ["STATUSES", "commitments", "unit_group"]
