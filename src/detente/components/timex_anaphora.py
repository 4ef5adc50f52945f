"""Expressions whose value comes from the discourse, not from the words alone.

Business and economic news reports one period at a time: after "third-quarter profit rose", the
article's "the quarter", "the latest period", "the year-earlier quarter", "year-ago" and even "a
year ago" mean that quarter (or the same quarter a year before), not a calendar year. Resolvers
here leave a ``ref`` on the Resolution; :func:`resolve_references` fills it in document order from
the last quarter the text named (by default the last full quarter before the anchor). A ``ref``
marked *soft* ("a year ago") only changes when a quarter was named earlier in the document.

Also here: other year-and-quarter phrases ("the year", "the fiscal year ended ..."), holidays and
years spelled out in words ("nineteen ninety-six", "the year two thousand").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from detente.components.timex_normalize import (
    Cues,
    Groups,
    Resolution,
    _key,
    _posmod,
    add_months,
    iso_week,
    nearest_date,
)
from detente.components.timex_patterns import Lexicon

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_CALENDAR = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?")


def anaphoric_quarter(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``the quarter``, ``the latest period``, ``the year-ago quarter``, ``the 1988 third quarter``."""
    ago = -1 if g.get("ago") or g.get("agoq") else 0
    if not (g.get("det") or ago or g.get("year") or g.get("yrel")):
        return None  # "a quarter of the vote"
    ordinal = lex.ordinals.get(_key(g.get("ord"))) if g.get("ord") else None
    if g.get("year"):
        y = int(str(g["year"]))
        return Resolution("DATE", f"{y}-Q{ordinal}") if ordinal else Resolution("DATE", f"{y}-QX", ref=("QY", y, False))
    if g.get("yrel"):  # "this year's third quarter"
        y = (anchor.year if anchor else 0) + lex.relatives.get(_key(g["yrel"]), 0)
        return Resolution("DATE", f"{y}-Q{ordinal}" if anchor else f"XXXX-Q{ordinal}")
    adj = _key(g.get("adj"))
    if adj == "current" and anchor and not ago:
        return Resolution("DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}")
    if g.get("endm") and anchor and not ordinal and not ago and _key(g.get("unit")) == "quarter":
        # "the quarter ended July 31": the three months to that month, named for the calendar quarter
        # that holds most of them (the middle month's)
        end = lex.months[_key(g["endm"])]
        y = anchor.year if end <= anchor.month else anchor.year - 1
        middle = end - 1 or 12
        return Resolution("DATE", f"{y - (end == 1)}-Q{(middle - 1) // 3 + 1}")
    if ordinal:  # "the year-earlier third quarter": that quarter, the year before the one discussed
        return Resolution("DATE", f"XXXX-Q{ordinal}", ref=("QO", ordinal * 10 + ago + 5, False))
    if _key(g.get("unit")) == "period" and not adj and not ago:
        return None  # "the period" alone is too vague
    return Resolution("DATE", "XXXX-QX", ref=("Q", 4 * ago, False))


def century(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``the 20th century`` → 19 (TIMEX3 centuries are the first two digits of their years)."""
    n = int(str(g["c"]))
    return Resolution("DATE", f"{n - 1:02d}", _posmod(g.get("pmod"), lex)) if 1 <= n <= 21 else None


def that_unit(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``that year``, ``later that day``, ``that same morning``: the period of the last date named."""
    unit = _key(g["unit"])
    size = {"year": 4, "month": 7}.get(unit, 10)
    pod = lex.parts_of_day.get(unit) if unit != "day" else None
    placeholder = "XXXX" if size == 4 else "XXXX-XX" if size == 7 else "XXXX-XX-XX"
    return Resolution("TIME" if pod else "DATE", placeholder + (f"T{pod}" if pod else ""), ref=("T", size, False))


def day_next(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``the next day``, ``the day before``: a day from the last day the text named (else the anchor)."""
    word = _key(g.get("rel") or g.get("dir"))
    shift = 1 if word in ("next", "following", "after") else -1
    fallback = (anchor + timedelta(days=shift)).isoformat() if anchor else "XXXX-XX-XX"
    pod = lex.parts_of_day.get(_key(g.get("pod")))  # "the next morning": that day's morning
    if pod:
        return Resolution("TIME", f"{fallback}T{pod}", ref=("DD", shift, True))
    return Resolution("DATE", fallback, ref=("DD", shift, True))


def same_unit(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``the same day``, ``the same month last year``, ``the following year``, ``the previous week``:
    the unit that holds the last date the text named (the anchor when none), moved as the words say."""
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[_key(g.get("unit") or g.get("unit2"))]
    rel = _key(g.get("rel"))  # "the year before" / "the month after" move like "the previous year"
    shift = 1 if rel in ("following", "after", "later") else -1 if rel else 0
    years = -1 if g.get("ago") else 0
    if anchor is None:
        value = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX"}[code]
    else:
        value = moved(anchor, code, shift, years)
    return Resolution("DATE", value, ref=(f"S{code}{years:+d}", shift, True))


def moved(base: date, code: str, shift: int, years: int) -> str:
    """The day, week, month or year that holds ``base``, ``shift`` units and ``years`` years away."""
    if code == "Y":
        return str(base.year + shift + years)
    if code == "M":
        return add_months(base, shift + 12 * years).strftime("%Y-%m")
    day = add_months(base + timedelta(days=shift * (7 if code == "W" else 1)), 12 * years)
    return iso_week(day) if code == "W" else day.isoformat()


def ordinal_day(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``it is the third day of the strike``, ``today is the eighth day of ...``: the day of the report."""
    return Resolution("DATE", anchor.isoformat() if anchor else "XXXX-XX-XX")


def year_ago_adjective(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``year-earlier`` / ``year-ago`` before a noun: the year before, or the discussed quarter's."""
    value = str(anchor.year - 1) if anchor else "XXXX"
    return Resolution("DATE", value, ref=("Q", -4, True))


def the_year(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``the year`` / ``the full year`` / ``the fiscal year``: the anchor's year; "the year ended March 31"
    is a reporting period, P1Y."""
    if g.get("ended"):
        return Resolution("DURATION", "P1Y")
    if anchor is None:
        return Resolution("DATE", "XXXX")
    # in the first quarter, a finished "full year" is last year's ("For the year, it earned $5 billion")
    closed = cues.tense == "past" and anchor.month < 4 and cues.prev_word in ("for", "during", "in", "over")
    closed = closed and g.get("adj") != "current"
    return Resolution("DATE", str(anchor.year - 1 if closed else anchor.year))


def year_end(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``year-end``: the last day of the anchor's year (of the year before after "since"); the noun
    ``year end`` / ``year's end`` is that year's end, like "the end of the year"."""
    noun = str(g.get("sep")) != "-"
    if anchor is None:
        return Resolution("DATE", "XXXX", "END") if noun else Resolution("DATE", "XXXX-12-31")
    y = anchor.year - 1 if cues.prev_word == "since" or (cues.tense == "past" and anchor.month < 4) else anchor.year
    return Resolution("DATE", str(y), "END") if noun else Resolution("DATE", f"{y}-12-31")


def holiday(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``Thanksgiving Day``, ``Christmas``, ``last Easter``, ``Victory Day 2025`` on the calendar."""
    key = _key(g["hol"])
    # the lexicon's names keep their dots ("martin luther king jr. day"); the key drops them
    rule = lex.holidays.get(key) or next((r for name, r in lex.holidays.items() if _key(name) == key), None)
    if rule is None:
        return None
    rel = lex.relatives.get(_key(g.get("rel"))) if g.get("rel") else None
    if g.get("year"):
        d = holiday_date(rule, int(str(g["year"])))
        return Resolution("DATE", d.isoformat()) if d else None
    if anchor is None:
        fixed = re.fullmatch(r"(\d\d)-(\d\d)", rule)
        return Resolution("DATE", f"XXXX-{rule}" if fixed else "XXXX-XX-XX")
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := holiday_date(rule, y))]
    if rel == -1:
        return Resolution("DATE", max(d for d in options if d < anchor).isoformat())
    if rel == 1:
        return Resolution("DATE", min(d for d in options if d > anchor).isoformat())
    this_year = holiday_date(rule, anchor.year)
    if rel == 0 and this_year:
        return Resolution("DATE", this_year.isoformat())
    if this_year and re.fullmatch(r"\d\d-\d\d", rule):  # fixed day: the same rule as "December 25"
        near = nearest_date(this_year.month, this_year.day, anchor, cues.tense)
        return Resolution("DATE", near.isoformat()) if near else None
    best = min(options, key=lambda d: abs((d - anchor).days))
    if cues.tense == "past" and best > anchor:
        best = max(d for d in options if d <= anchor)
    elif cues.tense == "future" and best < anchor:
        best = min(d for d in options if d >= anchor)
    return Resolution("DATE", best.isoformat())


def holiday_date(rule: str, year: int) -> date | None:
    """A holiday rule: ``MM-DD`` (fixed), ``MM/N/W`` (Nth weekday W of month; N=-1 last; ``+D`` days
    after it), ``easter±N``."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    if "/" in rule:
        rule, _, offset = rule.partition("+")  # "11/1/1+1": the day after the first Monday of November
        if offset:
            base = holiday_date(rule, year)
            return base + timedelta(days=int(offset)) if base else None
        month, nth, wd = (int(x) for x in rule.split("/"))
        if nth > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - wd) % 7)
    month, day = (int(x) for x in rule.split("-"))
    return date(year, month, day)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def spelled_year(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``nineteen ninety-six`` → 1996, ``the year two thousand`` → 2000, ``two thousand and one`` → 2001."""
    words = _key(g["sy"]).replace("-", " ").replace(" and ", " ").split()
    nums = lex.numbers
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        century, tail = 2000, rest
    else:
        if words[0] not in nums:
            return None
        century, tail = int(nums[words[0]]) * 100, words[1:]
        if tail and tail[0] in ("hundred", "oh"):
            tail = tail[1:]
    if any(w not in nums for w in tail):
        return None
    y = century + int(sum(nums[w] for w in tail))
    return Resolution("DATE", str(y)) if 1000 <= y <= 2099 else None


def clock_day(
    g: Groups, lex: Lexicon, anchor: date | None, cues: Cues, sub: Callable[[str], Resolution | None]
) -> Resolution | None:
    """``9 a.m. Tuesday``, ``noon Saturday``, ``4 a.m. EDT Thursday``: one TIME on that day."""
    clock, day = sub(str(g["clk"])), sub(str(g["sub"]))
    if clock is None or day is None or not clock.floating or day.type != "DATE" or len(day.value) != 10:
        return None
    return replace(clock, value=day.value + clock.value, floating=False)


def day_around(
    g: Groups, lex: Lexicon, anchor: date | None, cues: Cues, sub: Callable[[str], Resolution | None]
) -> Resolution | None:
    """``the day before yesterday``, ``the day after Christmas``, ``the day before last Tuesday``."""
    day = sub(str(g["sub"]))
    if day is None or day.type != "DATE" or not re.fullmatch(r"\d{4}-\d\d-\d\d", day.value):
        return None
    shift = 1 if _key(g["dir"]) == "after" else -1
    return Resolution("DATE", (date.fromisoformat(day.value) + timedelta(days=shift)).isoformat())


ANAPHORA_NESTED = {"clock_day": clock_day, "day_around": day_around}

ANAPHORA_RESOLVERS = {
    "anaphoric_quarter": anaphoric_quarter,
    "year_ago_adj": year_ago_adjective,
    "century": century,
    "day_next": day_next,
    "that_unit": that_unit,
    "the_year": the_year,
    "same_unit": same_unit,
    "ordinal_day": ordinal_day,
    "year_end": year_end,
    "holiday": holiday,
    "spelled_year": spelled_year,
}


def last_full_quarter(anchor: date | None) -> str | None:
    if anchor is None:
        return None
    q = anchor.year * 4 + (anchor.month - 1) // 3 - 1
    return f"{q // 4}-Q{q % 4 + 1}"


def resolve_references(resolutions: list[Resolution], anchor: date | None) -> list[Resolution]:
    """Fill anaphoric quarters in document order from the last quarter named before them."""
    named: str | None = None
    dated: str | None = None  # the last calendar date named, for "that year", "later that day"
    out = []
    for res in resolutions:
        if res.ref is None:
            if _QUARTER.match(res.value) and (anchor is None or res.value <= str(last_full_quarter(anchor))):
                named = res.value  # a finished quarter: the one a report discusses
            if _CALENDAR.match(res.value):
                dated = res.value
            out.append(res)
            continue
        kind, number, soft = res.ref
        if kind == "DD":  # a day on from the last full date named
            if dated is not None and re.match(r"\d{4}-\d\d-\d\d", dated):
                day = date.fromisoformat(dated[:10]) + timedelta(days=number)
                out.append(replace(res, value=day.isoformat() + res.value[10:], ref=None))
                dated = day.isoformat()
            else:
                out.append(replace(res, ref=None))
            continue
        if kind.startswith("WD"):  # "the previous Friday": the weekday before (after) the last day named
            if dated is not None and re.match(r"\d{4}-\d\d-\d\d", dated):
                base = date.fromisoformat(dated[:10])
                gap = ((int(kind[2:]) - base.isoweekday()) * number) % 7 or 7
                day = base + timedelta(days=gap * number)
                out.append(replace(res, value=day.isoformat() + res.value[10:], ref=None))
                dated = day.isoformat()
            else:
                out.append(replace(res, ref=None))
            continue
        if kind == "T":
            if dated is not None:  # what the last date names is known ("that day" after "October" → 1998-10-XX)
                known = _CALENDAR.match(dated).group(0)[:number]  # type: ignore[union-attr]
                out.append(replace(res, value=known + res.value[len(known) :], ref=None))
            else:
                out.append(replace(res, ref=None))
            continue
        if kind.startswith("S"):  # the unit of the last date named, moved
            base_day = _base_day(dated, kind[1])
            if base_day is None:
                out.append(replace(res, ref=None))
                continue
            value = moved(base_day, kind[1], number, int(kind[2:]))
            out.append(replace(res, value=value, ref=None))
            dated = value if _CALENDAR.fullmatch(value) else dated
            continue
        if kind.startswith("E"):  # "a year earlier", "two months earlier": before the last time named
            out.append(replace(res, value=_earlier(res.value, kind[1], number, dated, named), ref=None))
            continue
        base = named or (None if soft else last_full_quarter(anchor))
        value = _apply(kind, number, base)
        if value is None:
            out.append(replace(res, ref=None))
        else:
            out.append(replace(res, value=value, ref=None))
            if kind == "Q" and number == 0:
                named = value
    return out


def _earlier(value: str, code: str, steps: int, dated: str | None, named: str | None) -> str:
    """``steps`` years or months from the last date named: the same quarter a year before after a
    quarter; a date in another year moves from that year; otherwise the anchor's reading stands,
    or, for "a year earlier" in a report on a finished quarter, that quarter a year before."""
    quarter = _QUARTER.match(dated or "")
    if quarter and code == "Y":
        return _apply("Q", 4 * steps, dated) or value
    base_day = None if quarter else _base_day(dated, code)
    if base_day is not None:
        moved_value = moved(base_day, code, steps, 0)
        if moved_value != value:
            return moved_value
    if named and code == "Y" and steps == -1:
        return _apply("Q", -4, named) or value
    return value


def _base_day(dated: str | None, code: str) -> date | None:
    """A day inside the last date named, when that date is at least as fine as the unit ``code``."""
    m = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", dated or "")
    if m is None or (code == "M" and not m.group(2)) or (code in ("D", "W") and not m.group(3)):
        return None
    return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


def _apply(kind: str, number: int, base: str | None) -> str | None:
    m = _QUARTER.match(base or "")
    if kind == "QY":  # "the 1988 quarter": that year, the quarter under discussion
        return f"{number}-Q{m.group(2)}" if m else None
    if m is None:
        return None
    index = int(m.group(1)) * 4 + int(m.group(2)) - 1
    if kind == "QO":  # ordinal*10 + year shift + 5
        ordinal, shift = divmod(number, 10)
        return f"{int(m.group(1)) + shift - 5}-Q{ordinal}"
    index += number
    return f"{index // 4}-Q{index % 4 + 1}"
