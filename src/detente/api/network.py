"""Who acts on whom: canonical actors as nodes, source→target event counts as edges.

Edges are coloured by PLOVER's quad classes (PLOVER.md): material cooperation, verbal
cooperation, verbal conflict, material conflict. Each quad gets a fixed score from +1 to -1 and an
edge's ``score`` is the mean over its events, so one green-to-red scale shows whether a pair of
actors mostly talks, helps, argues or fights. Joint acts list both sides as sources and targets;
the pair (A, A) that this produces is dropped, since an actor does not act on itself.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import and_, func, select

from detente.api.pages import event_conditions
from detente.store import queries as q
from detente.store.schema import articles, event_actors
from detente.store.store import Store

#: PLOVER 2.0 event type -> quad class.
QUADS: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}
#: From cooperation (+1) to conflict (-1); the UI maps the score onto green..red.
QUAD_SCORES = {"material_cooperation": 1.0, "verbal_cooperation": 0.5,
               "verbal_conflict": -0.5, "material_conflict": -1.0}


def network(store: Store, *, max_nodes: int = 40, **filters: Any) -> dict[str, Any]:
    """Nodes (the ``max_nodes`` actors with most edges) and directed edges between them."""
    src, tgt = event_actors.alias("src"), event_actors.alias("tgt")
    ev = q.events_t
    query = (
        select(src.c.canonical_id.label("source"), tgt.c.canonical_id.label("target"), ev.c.type,
               func.count().label("n"))
        .select_from(
            src.join(tgt, and_(tgt.c.article_id == src.c.article_id, tgt.c.event_id == src.c.event_id,
                               tgt.c.role == "target"))
            .join(ev, and_(ev.c.article_id == src.c.article_id, ev.c.id == src.c.event_id))
            .join(articles, articles.c.id == ev.c.article_id)
        )
        .where(src.c.role == "source", src.c.canonical_id.is_not(None), tgt.c.canonical_id.is_not(None),
               src.c.canonical_id != tgt.c.canonical_id, *event_conditions(**filters))
        .group_by(src.c.canonical_id, tgt.c.canonical_id, ev.c.type)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    edges: dict[tuple[int, int], dict[str, Any]] = {}
    degree: dict[int, int] = defaultdict(int)
    for r in rows:
        edge = edges.setdefault((r.source, r.target), {
            "source": r.source, "target": r.target, "n": 0, "by_type": {}, "by_quad": {}, "score": 0.0})
        quad = QUADS.get(r.type, "verbal_cooperation")
        edge["n"] += r.n
        edge["by_type"][r.type] = edge["by_type"].get(r.type, 0) + r.n
        edge["by_quad"][quad] = edge["by_quad"].get(quad, 0) + r.n
        edge["score"] += QUAD_SCORES[quad] * r.n
        degree[r.source] += r.n
        degree[r.target] += r.n
    keep = set(sorted(degree, key=lambda a: (-degree[a], a))[:max_nodes])
    out_edges = []
    for edge in edges.values():
        if edge["source"] in keep and edge["target"] in keep:
            edge["score"] = round(edge["score"] / edge["n"], 3)
            out_edges.append(edge)
    nodes = []
    if keep:
        with store.engine.connect() as conn:
            found = conn.execute(select(q.canon.c.id, q.canon.c.name, q.canon.c.kind, q.canon.c.country)
                                 .where(q.canon.c.id.in_(keep))).all()
        nodes = [{"id": r.id, "name": r.name, "kind": r.kind, "country": r.country, "degree": degree[r.id]}
                 for r in sorted(found, key=lambda r: (-degree[r.id], r.id))]
    return {"nodes": nodes, "edges": out_edges, "quads": QUAD_SCORES}
