"""Record dict (CODEBOOK ``detente.record/1``) -> table rows, with the record's references checked.

Checking here, before any SQL runs, turns a dangling reference ("event e3 names actor a9, which
the record does not have") into one clear :class:`RecordError` instead of a foreign-key failure
deep inside the transaction. The database constraints still hold on their own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from detente.errors import DetenteError

SCHEMA_PREFIX = "detente.record/"


class RecordError(DetenteError):
    """A record the store cannot hold; the message names the field and what to fix."""

    code = "E302"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


@dataclass
class Rows:
    """The rows of one article, per table name, in insert order."""

    article: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    timexes: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)
    stances: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_actors: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)


def _span(item: dict[str, Any], where: str, key: str = "span") -> tuple[int, int]:
    span = item.get(key)
    if not (isinstance(span, list | tuple) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        raise RecordError(f"{where}: {key} must be [start, end] character offsets, got {span!r}")
    return span[0], span[1]


def _ids(items: list[dict[str, Any]], layer: str) -> set[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        local = item.get("id")
        if not isinstance(local, str) or not local:
            raise RecordError(f"{layer}[{i}] has no string id; every item needs one (a1, e1 …)")
        if local in seen:
            raise RecordError(f"{layer}: id {local!r} is used twice; ids are unique within a record")
        seen.add(local)
    return seen


def _ref(value: Any, known: set[str], where: str, what: str) -> str | None:
    if value is None:
        return None
    if value not in known:
        raise RecordError(f"{where} refers to {what} {value!r}, which the record does not have")
    return value


def sha256_of(text: str) -> str:
    """The document hash as CODEBOOK defines it: SHA-256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def record_rows(record: dict[str, Any], ingested_at: str) -> Rows:
    """Flatten a record into rows; raises :class:`RecordError` when it breaks the codebook."""
    schema = record.get("schema", "")
    if not str(schema).startswith(SCHEMA_PREFIX):
        raise RecordError(f"schema is {schema!r}, expected 'detente.record/1'; re-extract the article")
    doc = record.get("document") or {}
    if not doc.get("id") or not isinstance(doc.get("text"), str):
        raise RecordError("document needs an id and a text; re-extract the article")
    aid = doc["id"]
    rows = Rows(
        article={
            "id": aid,
            "sha256": doc.get("sha256") or sha256_of(doc["text"]),
            "title": doc.get("title"),
            "source": doc.get("source"),
            "url": doc.get("url"),
            "published": doc.get("published"),
            "language": doc.get("language"),
            "text": doc["text"],
            "warnings": list(doc.get("warnings") or []),
            "record": record,
            "ingested_at": ingested_at,
        }
    )
    actor_ids = _ids(record.get("actors") or [], "actors")
    timex_ids = _ids(record.get("timexes") or [], "timexes")
    event_ids = _ids(record.get("events") or [], "events")
    _ids(record.get("statements") or [], "statements")
    _ids(record.get("claims") or [], "claims")
    rows.stances = stance_rows(aid, record, actor_ids, timex_ids)

    for a in record.get("actors") or []:
        if not a.get("name"):
            raise RecordError(f"actor {a['id']} has no name")
        mentions = [list(m) for m in a.get("mentions") or []]
        rows.actors.append({
            "article_id": aid, "id": a["id"], "name": a["name"], "kind": a.get("kind"),
            "country": a.get("country"), "sector": a.get("sector"), "roles": list(a.get("roles") or []),
            "aliases": list(a.get("aliases") or []), "mentions": mentions, "n_mentions": len(mentions),
            "wikidata": a.get("wikidata"),
        })
    for t in record.get("timexes") or []:
        start, end = _span(t, f"timex {t['id']}")
        rows.timexes.append({
            "article_id": aid, "id": t["id"], "text": t.get("text") or "", "start": start, "end": end,
            "type": t.get("type"), "value": t.get("value"), "tz": t.get("tz"), "utc": t.get("utc"),
            "mod": t.get("mod"),
        })
    for s in record.get("statements") or []:
        where = f"statement {s['id']}"
        start, end = _span(s, where)
        rows.statements.append({
            "article_id": aid, "id": s["id"], "text": s.get("text") or "", "start": start, "end": end,
            "kind": s.get("kind"), "speaker": _ref(s.get("speaker"), actor_ids, where, "actor"),
            "cue": s.get("cue"), "channel": s.get("channel"),
            "time": _ref(s.get("time"), timex_ids, where, "timex"),
        })
    for e in record.get("events") or []:
        rows.events.append(_event_row(aid, e, actor_ids, timex_ids, event_ids))
        for role, key in (("source", "sources"), ("target", "targets")):
            for actor in dict.fromkeys(e.get(key) or []):  # a repeated id would break the primary key
                rows.event_actors.append({
                    "article_id": aid, "event_id": e["id"], "role": role,
                    "actor_id": _ref(actor, actor_ids, f"event {e['id']} {key}", "actor"),
                })
    for c in record.get("claims") or []:
        where = f"claim {c['id']}"
        start, end = _span(c, where)
        rows.claims.append({
            "article_id": aid, "id": c["id"], "text": c.get("text") or "", "start": start, "end": end,
            "value": c.get("value"), "qualifier": c.get("qualifier"), "unit": c.get("unit"),
            "per": c.get("per"), "predicate": c.get("predicate"),
            "claimed_by": _ref(c.get("claimed_by"), actor_ids, where, "actor"),
            "about": _ref(c.get("about"), event_ids, where, "event"),
        })
    return rows


def stance_rows(aid: str, record: dict[str, Any], actor_ids: set[str], timex_ids: set[str]) -> list[dict[str, Any]]:
    """The ``stances`` rows of one record; a record from before the layer (no key) has none.

    Also used on its own by :mod:`detente.store.backfill`, which fills the table for records
    stored before it existed, so the checks are the same whichever way a stance arrives.
    """
    items = record.get("stances") or []
    _ids(items, "stances")
    out = []
    for p in items:
        where = f"stance {p['id']}"
        start, end = _span(p, where)
        cue_start, cue_end = _span(p, where, "cue_span")
        holder_start, holder_end = _span(p, where, "holder_span") if p.get("holder_span") is not None else (None, None)
        if not p.get("kind") or not isinstance(p.get("cue"), str):
            raise RecordError(f"{where} needs a kind and a cue (CODEBOOK stances)")
        out.append({
            "article_id": aid, "id": p["id"], "text": p.get("text") or "", "start": start, "end": end,
            "kind": p["kind"], "holder": _ref(p.get("holder"), actor_ids, where, "actor"),
            "holder_start": holder_start, "holder_end": holder_end, "cue": p["cue"],
            "cue_start": cue_start, "cue_end": cue_end, "negated": bool(p.get("negated", False)),
            "time": _ref(p.get("time"), timex_ids, where, "timex"),
        })
    return out


def _event_row(
    aid: str, e: dict[str, Any], actor_ids: set[str], timex_ids: set[str], event_ids: set[str]
) -> dict[str, Any]:
    where = f"event {e['id']}"
    if not e.get("type") or not e.get("status"):
        raise RecordError(f"{where} needs a type and a status (CODEBOOK events)")
    time = e.get("time") or {}
    place = e.get("place") or {}
    trigger = e.get("trigger") or {}
    t_start, t_end = _span(trigger, f"{where} trigger") if trigger.get("span") is not None else (None, None)
    for key in ("sources", "targets"):
        for actor in e.get(key) or []:
            _ref(actor, actor_ids, f"{where} {key}", "actor")
    return {
        "article_id": aid, "id": e["id"], "type": e["type"], "mode": e.get("mode"), "cameo": e.get("cameo"),
        "status": e["status"], "negated": bool(e.get("negated", False)),
        "time_timex": _ref(time.get("timex"), timex_ids, where, "timex"), "time_value": time.get("value"),
        "time_start": time.get("start"), "time_end": time.get("end"),
        "place_name": place.get("name"), "place_country": place.get("country"),
        "place_lat": place.get("lat"), "place_lon": place.get("lon"), "place_geonames": place.get("geonames"),
        "reported_by": _ref(e.get("reported_by"), actor_ids, where, "actor"),
        "about": _ref(e.get("about"), event_ids, where, "event"),
        "condition": e.get("condition"), "trigger_text": trigger.get("text"),
        "trigger_start": t_start, "trigger_end": t_end, "sentence": e.get("sentence"),
        "evidence": [list(span) for span in e.get("evidence") or []], "confidence": e.get("confidence"),
        "sources": list(e.get("sources") or []), "targets": list(e.get("targets") or []),
    }
