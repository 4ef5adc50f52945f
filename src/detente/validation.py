"""Validate records against the JSON Schema shipped with the package, and check their references.

The schema fixes field names and types; ``check_references`` adds what JSON Schema cannot say:
every id a record points to exists, and every span's text is what the offsets select.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    return json.loads(resources.files("detente").joinpath("schema/record.schema.json").read_text("utf-8"))


def schema_errors(record: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(record_schema())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]


def reference_errors(record: dict[str, Any]) -> list[str]:
    """Dangling ids and spans whose text differs from ``document.text[start:end]``."""
    text = record["document"]["text"]
    errors: list[str] = []
    ids = {layer: {item["id"] for item in record[layer]} for layer in ("actors", "timexes", "events")}
    for layer in ("timexes", "statements", "claims", "stances"):
        for item in record.get(layer, []):  # stances: absent from records made before the layer
            s, e = item["span"]
            if text[s:e] != item["text"]:
                errors.append(f"{layer}/{item['id']}: span {s}:{e} is {text[s:e]!r}, not {item['text']!r}")
    for p in record.get("stances", []):
        s, e = p["cue_span"]
        if text[s:e] != p["cue"]:
            errors.append(f"stances/{p['id']}: cue span {s}:{e} is {text[s:e]!r}, not {p['cue']!r}")
    for a in record["actors"]:
        for s, e in a["mentions"]:
            if not 0 <= s < e <= len(text):
                errors.append(f"actors/{a['id']}: mention {s}:{e} outside the text")
    refs = [("statements", "speaker", "actors"), ("statements", "time", "timexes"),
            ("claims", "claimed_by", "actors"), ("claims", "about", "events"),
            ("events", "reported_by", "actors"), ("events", "about", "events"),
            ("stances", "holder", "actors"), ("stances", "time", "timexes")]
    for layer, field, target in refs:
        for item in record.get(layer, []):
            if item[field] is not None and item[field] not in ids[target]:
                errors.append(f"{layer}/{item['id']}: {field} {item[field]!r} is not a known {target} id")
    for ev in record["events"]:
        for aid in ev["sources"] + ev["targets"]:
            if aid not in ids["actors"]:
                errors.append(f"events/{ev['id']}: actor {aid!r} is not a known actor id")
        s, e = ev["trigger"]["span"]
        if text[s:e] != ev["trigger"]["text"]:
            errors.append(f"events/{ev['id']}: trigger span does not select its text")
    return errors
