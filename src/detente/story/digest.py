"""``story(store, query)``: a chronological digest of everything the store knows about a query.

The query is matched three ways, case-insensitively, and the matches are combined:

- an **actor**: a substring of a canonical actor's name or any alias (as ``--actor`` everywhere),
  matching the events that actor takes part in, the claims it makes, the statements it said and
  the stances it holds;
- a **place**: a substring of an event's place name;
- a **phrase**: a substring of an event trigger, a claim's text, a statement's or a stance's text.

From the matching events the digest takes their whole clusters (first report, sources, status
history, disagreements), the commitments they belong to (as agreement, act, fulfilment or breach)
and the claims about them. ``timeline`` interleaves all of it by date — an item's own time where
it has one, else its report's publication date — and every item carries its article id and
evidence spans, so a reader can go back to the words.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from detente.store import schema
from detente.store.queries import _matching_actors
from detente.store.schema import actors, event_actors, events
from detente.store.store import Store
from detente.story.cluster_view import build, member_groups
from detente.story.clusters import ensure_clustered
from detente.story.commitments import commitments
from detente.story.common import EventKey, load_claims

claims_t, statements_t, stances_t = schema.claims, schema.statements, schema.stances


def _matched_events(conn: Any, query: str) -> set[EventKey]:
    by_actor = select(event_actors.c.article_id, event_actors.c.event_id).where(
        event_actors.c.canonical_id.in_(_matching_actors(query)))
    by_text = select(events.c.article_id, events.c.id).where(
        events.c.place_name.icontains(query, autoescape=True)
        | events.c.trigger_text.icontains(query, autoescape=True))
    return {tuple(r) for q in (by_actor, by_text) for r in conn.execute(q)}  # type: ignore[misc]


def _speakers(conn: Any, query: str) -> set[tuple[str, str]]:
    """(article_id, local actor id) of the actors the query names."""
    q = select(actors.c.article_id, actors.c.id).where(actors.c.canonical_id.in_(_matching_actors(query)))
    return {(r.article_id, r.id) for r in conn.execute(q)}


def _attributed(conn: Any, table: Any, ref: str, query: str, actors_named: set[tuple[str, str]],
                fields: Any) -> list[dict[str, Any]]:
    """Rows of ``table`` whose actor (column ``ref``) the query names, or whose words hold it."""
    q = select(table, schema.articles.c.published).join(schema.articles, schema.articles.c.id == table.c.article_id)
    phrase = query.casefold()
    return [
        {"article_id": r.article_id, "id": r.id, "text": r.text, "span": [r.start, r.end], **fields(r),
         "published": r.published}
        for r in conn.execute(q)
        if (r.article_id, getattr(r, ref)) in actors_named or phrase in (r.text or "").casefold()
    ]


def _statements(conn: Any, query: str, speakers: set[tuple[str, str]]) -> list[dict[str, Any]]:
    return _attributed(conn, statements_t, "speaker", query, speakers, lambda r: {"kind": r.kind, "cue": r.cue})


def _stances(conn: Any, query: str, holders: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """Positions the query's actors hold, or whose words hold the phrase."""
    return _attributed(conn, stances_t, "holder", query, holders, lambda r: {
        "kind": r.kind, "cue": r.cue, "cue_span": [r.cue_start, r.cue_end], "negated": bool(r.negated)})


def _involved(commitment: dict[str, Any], keys: set[EventKey]) -> bool:
    linked = [commitment["agreement"], commitment["act"], *commitment["broken_by"], *commitment["reports"]]
    linked += [ev for stage in commitment["fulfilled_by"] for ev in stage["events"]]
    return any((ev["article_id"], ev["event_id"]) in keys for ev in linked)


def story(store: Store, query: str, today: str | None = None) -> dict[str, Any]:
    """The digest for ``query``: clusters, commitments, claims, statements, stances and one timeline."""
    needle = query.strip()
    if not needle:
        raise ValueError("the story query is empty; give an actor, a place or a phrase")
    ensure_clustered(store)
    with store.engine.connect() as conn:
        keys = _matched_events(conn, needle)
        groups = member_groups(conn)
        wanted = {cid: ks for cid, ks in groups.items() if any(k in keys for k in ks)}
        found = build(conn, wanted)
        cluster_keys = {k for ks in wanted.values() for k in ks}
        speakers = _speakers(conn, needle)
        about = load_claims(conn)
        statements = _statements(conn, needle, speakers)
        stances = _stances(conn, needle, speakers)
        claim_rows = conn.execute(select(claims_t.c.article_id, claims_t.c.id, claims_t.c.text,
                                         claims_t.c.claimed_by)).all()
    phrase = needle.casefold()
    claim_ids = {(r.article_id, r.id) for r in claim_rows
                 if (r.article_id, r.claimed_by) in speakers or phrase in (r.text or "").casefold()}
    claims = [c for cs in about.values() for c in cs
              if (c["article_id"], c["about"]) in cluster_keys or (c["article_id"], c["id"]) in claim_ids]
    claims.sort(key=lambda c: (c["published"] or "", c["article_id"], c["span"][0]))
    promises = [c for c in commitments(store, today=today) if _involved(c, cluster_keys)]

    timeline: list[dict[str, Any]] = []
    for cl in found:
        for m in cl["members"]:
            timeline.append({"when": m["time"] or m["published"], "kind": "event", "cluster_id": cl["id"],
                             "status": m["status"], "type": m["type"], "trigger": m["trigger"],
                             "article_id": m["article_id"], "event_id": m["event_id"],
                             "evidence": m["evidence"], "published": m["published"]})
    for c in promises:
        ag = c["agreement"]
        timeline.append({"when": ag["time"] or ag["published"], "kind": "commitment", "status": c["status"],
                         "commitment_id": c["id"], "trigger": ag["trigger"], "article_id": ag["article_id"],
                         "event_id": ag["event_id"], "evidence": ag["evidence"], "published": ag["published"]})
    for c in claims:
        timeline.append({"when": c["published"], "kind": "claim", "text": c["text"], "value": c["value"],
                         "unit": c["unit"], "claimed_by": c["claimed_by"], "article_id": c["article_id"],
                         "claim_id": c["id"], "evidence": [c["span"]], "published": c["published"]})
    for s in statements:
        timeline.append({"when": s["published"], "kind": "statement", "text": s["text"],
                         "article_id": s["article_id"], "statement_id": s["id"], "evidence": [s["span"]],
                         "published": s["published"]})
    for p in stances:
        timeline.append({"when": p["published"], "kind": "stance", "stance": p["kind"], "negated": p["negated"],
                         "text": p["text"], "trigger": p["cue"], "article_id": p["article_id"],
                         "stance_id": p["id"], "evidence": [p["span"], p["cue_span"]],
                         "published": p["published"]})
    timeline.sort(key=lambda t: (str(t["when"] or "")[:16], t["published"] or "", t["kind"], t["article_id"]))
    return {"query": needle, "clusters": found, "commitments": promises, "claims": claims,
            "statements": statements, "stances": stances, "timeline": timeline}
