"""Build the CODEBOOK record from a finished ``Doc`` — the only serializer of a document.

The record is the contract of the product (``CODEBOOK.md``): the CLI, the API, the store and the
evaluation all read this one shape, so nothing else turns layers into JSON.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from spacy.tokens import Doc

from detente.doc import layer
from detente.layers import Actor, Claim, Event, EventTime, Place, Stance, Statement, Timex

SCHEMA = "detente.record/1"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_id(text: str) -> str:
    """A stable id for an article the caller did not name: re-ingesting it finds the same row."""
    return "sha256-" + text_sha256(text)[:16]


def _iso(value: date | datetime | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


@dataclass
class Record:
    """One article's record. ``to_dict`` gives exactly the CODEBOOK JSON."""

    document: dict[str, Any]
    actors: list[Actor] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.document["id"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": dict(self.document),
            "actors": [_actor(a) for a in self.actors],
            "timexes": [_timex(t) for t in self.timexes],
            "statements": [_statement(s) for s in self.statements],
            "stances": [_stance(p) for p in self.stances],
            "claims": [_claim(c) for c in self.claims],
            "events": [_event(e) for e in self.events],
        }


def _actor(a: Actor) -> dict[str, Any]:
    # explicit rather than dataclasses.asdict, whose recursive deep copy was a third of to_dict
    return {
        "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
        "roles": list(a.roles), "aliases": list(a.aliases), "mentions": [list(m) for m in a.mentions],
        "wikidata": a.wikidata,
    }


def _timex(t: Timex) -> dict[str, Any]:
    return {
        "id": t.id, "text": t.text, "span": [t.start_char, t.end_char], "type": t.type,
        "value": t.value, "tz": t.tz, "utc": t.utc, "mod": t.mod,
    }


def _statement(s: Statement) -> dict[str, Any]:
    return {
        "id": s.id, "text": s.text, "span": [s.start_char, s.end_char], "kind": s.kind,
        "speaker": s.speaker, "cue": s.cue, "channel": s.channel, "time": s.time,
        "speaker_span": list(s.speaker_span) if s.speaker_span else None,
    }


def _stance(p: Stance) -> dict[str, Any]:
    return {
        "id": p.id, "text": p.text, "span": [p.start_char, p.end_char], "kind": p.kind,
        "holder": p.holder, "holder_span": list(p.holder_span) if p.holder_span else None,
        "cue": p.cue, "cue_span": list(p.cue_span), "negated": p.negated, "time": p.time,
    }


def _claim(c: Claim) -> dict[str, Any]:
    value: float | int = int(c.value) if float(c.value).is_integer() else c.value
    return {
        "id": c.id, "text": c.text, "span": [c.start_char, c.end_char], "value": value,
        "qualifier": c.qualifier, "unit": c.unit, "per": c.per, "predicate": c.predicate,
        "claimed_by": c.claimed_by, "about": c.about,
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "cameo": e.cameo,
        "sources": list(e.sources), "targets": list(e.targets), "status": e.status,
        "negated": e.negated,
        "time": _event_time(e.time) if e.time else None,
        "place": _place(e.place) if e.place else None,
        "reported_by": e.reported_by, "about": e.about, "condition": e.condition,
        "trigger": {"text": e.trigger_text, "span": list(e.trigger_span)},
        "sentence": e.sentence,
        "evidence": [list(span) for span in e.evidence],
        "confidence": round(e.confidence, 3),
    }


def _event_time(t: EventTime) -> dict[str, Any]:
    return {"value": t.value, "timex": t.timex, "start": t.start, "end": t.end}


def _place(p: Place) -> dict[str, Any]:
    return {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon, "geonames": p.geonames}


def build_record(doc: Doc) -> Record:
    """Read every layer off the finished Doc; missing layers become empty lists."""
    meta = layer(doc, "meta")
    text = doc.text
    warnings = list(layer(doc, "warnings"))
    if doc._.published is None and "no publication date: relative times are unresolved" not in warnings:
        warnings.append("no publication date: relative times are unresolved")
    document = {
        "id": meta.get("id") or default_id(text),
        "title": meta.get("title"),
        "source": meta.get("source"),
        "url": meta.get("url"),
        "published": _iso(doc._.published),
        "language": meta.get("language") or "en",
        "sha256": text_sha256(text),
        "text": text,
        "warnings": warnings,
    }
    return Record(
        document=document,
        actors=list(layer(doc, "actors")),
        timexes=list(layer(doc, "timexes")),
        statements=list(layer(doc, "statements")),
        stances=list(layer(doc, "stances")),
        claims=list(layer(doc, "claims")),
        events=list(layer(doc, "events")),
    )
