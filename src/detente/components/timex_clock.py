"""Resolvers for clock times, parts of the day, sets and positions within a period.

Split from :mod:`timex_normalize` (same resolver signature). A clock time comes back *floating*
(``T10:00``) with its zone when one is written; the component attaches it to a day.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from detente.components.timex_normalize import (
    Cues,
    Groups,
    Resolution,
    _day,
    _key,
    _posmod,
    duration_value,
    iso_week,
    number,
)
from detente.components.timex_patterns import Lexicon

#: "the next decade" / "the past decade" as a duration's determiner, read as "next" / "last" inside a position
_AS_DATE = re.compile(r"^(?:the next|the coming|the past|past)(?=\s)", re.IGNORECASE)

POD_WORDS = {"early hours": "NI", "small hours": "NI"}


def part_of_day(
    g: Groups, lex: Lexicon, anchor: date | None, cues: Cues, sub: Callable[[str], Resolution | None]
) -> Resolution | None:
    """``this morning``, ``last night``, ``the morning of May 19``, ``in the evening``, ``overnight``."""
    word = _key(g["pod"])
    pod = POD_WORDS.get(word) or lex.parts_of_day[word]
    mod = _posmod(g.get("pmod"), lex)
    if g.get("sub"):
        inner = sub(str(g["sub"]))
        if inner is None or len(inner.value) < 10:
            return None
        return Resolution("TIME", f"{inner.value[:10]}T{pod}", mod)
    rel = _key(g.get("rel"))
    if rel.endswith("this"):
        return Resolution("TIME", f"{_day(anchor)}T{pod}", mod)
    if rel.endswith("last"):
        return Resolution("TIME", f"{_day(anchor - timedelta(days=1) if anchor else None)}T{pod}", mod)
    return Resolution("TIME", f"T{pod}", mod, floating=True)


def clock(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``10:00 a.m.``, ``17:00 Moscow time``, ``1200 hours``, ``noon`` → a floating ``THH:MM``."""
    if g.get("tw"):
        hhmm = lex.time_words[_key(g["tw"])]
    else:
        if g.get("hm"):
            hour, minute = int(str(g["hm"])[:2]), int(str(g["hm"])[2:])
        else:
            hour, minute = int(str(g["h"])), int(g.get("mi") or 0)
        ampm = _key(g.get("ampm"))
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = (hour % 12) + (12 if ampm.startswith("p") else 0)
        if hour > 24 or (hour == 24 and minute):
            return None
        hhmm = f"{hour:02d}:{minute:02d}"
    tz_text = g.get("tz")
    tz = "UTC" if tz_text == "Z" else lex.zone(tz_text) if tz_text else None
    mod = lex.modifiers.get(_key(g.get("mod"))) if g.get("mod") else None
    return Resolution("TIME", f"T{hhmm}", mod, tz=tz, floating=True)


def clock_pod(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``4 in the morning`` → T04:00, ``8 in the evening`` → T20:00, ``11 at night`` → T23:00."""
    hour = int(str(g["h"]))
    if not 1 <= hour <= 12:
        return None
    pod = _key(g.get("pod"))
    morning = pod == "morning" or (not pod and (hour < 5 or hour == 12))  # "3 at night" is 03:00
    if not pod and hour == 12:
        return clock({"tw": "midnight", "mod": g.get("mod")}, lex, anchor, cues)
    return clock({**g, "ampm": "am" if morning else "pm"}, lex, anchor, cues)


def set_expression(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``every Monday`` → XXXX-WXX-1, ``each month`` → P1M, ``twice a week`` → P1W, ``each July`` → XXXX-07."""
    if g.get("mon"):
        month = str(g["mon"])
        return Resolution("SET", f"XXXX-{lex.months[_key(month)]:02d}") if month[0].isupper() else None
    unit = _key(g["unit"])
    n = 2.0 if _key(g.get("n")) == "other" else number(g.get("n"), lex) if g.get("n") else 1.0
    if unit in lex.weekdays:
        return Resolution("SET", f"XXXX-WXX-{lex.weekdays[unit]}")
    if unit in lex.parts_of_day and unit not in lex.units:
        return Resolution("SET", f"XXXX-XX-XXT{lex.parts_of_day[unit]}")
    code = lex.units.get(unit)
    return Resolution("SET", duration_value(n, code)) if code else None


def set_adverb(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    return Resolution("SET", lex.set_adverbs[_key(g["adv"])])


def position(
    g: Groups, lex: Lexicon, anchor: date | None, cues: Cues, sub: Callable[[str], Resolution | None]
) -> Resolution | None:
    """``the end of 2022`` / ``the beginning of next month``: the inner date with a START/MID/END mod."""
    text = str(g["sub"])
    inner = sub(text)
    if inner is not None and inner.type == "DURATION":  # "the end of the next decade": that decade
        inner = sub(_AS_DATE.sub(lambda m: "last" if "past" in m.group(0).lower() else "next", text, count=1))
    if inner is None or inner.type != "DATE":
        return None
    return Resolution("DATE", inner.value, _posmod(g.get("pmod"), lex) or inner.mod)


def week_of(
    g: Groups, lex: Lexicon, anchor: date | None, cues: Cues, sub: Callable[[str], Resolution | None]
) -> Resolution | None:
    """``the week of March 6``: the ISO week that holds the day; ``the first week of June``: the
    ISO week that holds June 4 (its first week with most of its days in June), ``the last week``
    the one that holds the month's last day but three."""
    inner = sub(str(g["sub"]))
    if g.get("nth"):
        if inner is None or inner.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d", inner.value):
            return None
        first = date.fromisoformat(inner.value + "-01")
        nth = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(str(g["nth"]).lower())
        if nth is None:  # "last", "final"
            day = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=4)
        else:
            day = first + timedelta(days=3 + 7 * nth)
        return Resolution("DATE", iso_week(day))
    if inner is None or inner.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner.value):
        return None
    return Resolution("DATE", iso_week(date.fromisoformat(inner.value)))


CLOCK_RESOLVERS: dict[str, Callable[..., Resolution | None]] = {
    "clock": clock,
    "clock_pod": clock_pod,
    "set": set_expression,
    "set_adverb": set_adverb,
}

#: resolvers that normalize a nested expression through a callback
CLOCK_NESTED: dict[str, Callable[..., Resolution | None]] = {
    "pod": part_of_day,
    "position": position,
    "week_of": week_of,
}
