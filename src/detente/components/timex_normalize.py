"""Turn a matched time expression into a TIMEX3 type, value and mod.

Each resolver gets the regex groups of one match, the lexicon, the anchor (publication date, or
None) and the clause cues the component read from the parse (tense, the word before, whether the
expression follows a quantity). Relative expressions without an anchor keep TimeML's ``X``
placeholders so that nothing is invented. A TIME that names no day comes back *floating*
(value ``T10:00``); the component attaches it to a date in the same sentence.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from detente.components.timex_patterns import Lexicon

#: relative words that count from the time last named rather than from the report's date
ANAPHORIC_RELATIVES = ("previous", "the previous", "the following", "following")
#: with no tense cue, a weekday up to this many days ahead is the coming one, else the last one
NEAREST_AHEAD = 1
#: an explicitly future clause may still name a day this many days gone ("is to run from January 23")
SCHEDULE_BEHIND = 31
SEASON_ORDER = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
_UNIT_SCALE = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("Q", 1), "2W": ("W", 2), "WE": ("WE", 1)}


@dataclass(frozen=True)
class Resolution:
    type: str
    value: str
    mod: str | None = None
    tz: str | None = None
    floating: bool = False  # a TIME without its day: value starts with "T"
    ref: tuple[str, int, bool] | None = None  # anaphoric quarter (kind, number, only-with-antecedent)


@dataclass(frozen=True)
class Cues:
    """What the parse says about the clause around the expression."""

    tense: str | None = None  # "past" | "future" | None
    prev_word: str = ""
    rate: bool = False  # follows a quantity: "5,000 soldiers a week"
    next_word: str = ""  # the word after the expression: "fourth-quarter *results*"
    firm_future: bool = False  # an explicit future: "will be held", "is to be held", "shall meet"


Groups = dict[str, str | None]


def _key(text: str | None) -> str:
    return " ".join((text or "").lower().replace(".", " ").split()) if text else ""


def number(text: str | None, lex: Lexicon) -> float | None:
    """A count written in digits or words; None for vague quantities (``several``)."""
    key = " ".join((text or "").lower().split())
    frac = re.fullmatch(r"(\d+)[ -](\d)/(\d)", key)
    if frac:
        return int(frac.group(1)) + int(frac.group(2)) / int(frac.group(3))
    if key in lex.numbers:
        return float(lex.numbers[key])
    if "-" in key or " " in key:  # "twenty-four", "twenty four"
        parts = [lex.numbers.get(p) for p in re.split(r"[ -]", key)]
        if all(p is not None for p in parts):
            return float(sum(parts))  # type: ignore[arg-type]
    try:
        return float(key.replace(",", ""))
    except ValueError:
        return None


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def duration_value(n: float | None, unit_code: str) -> str:
    """ISO 8601 duration (``PT2H``, ``P3Y``, ``P10Y`` for a decade); ``X`` when the count is vague."""
    timed = unit_code.startswith("T")
    code, scale = _UNIT_SCALE.get(unit_code, (unit_code[-1], 1))
    if n is not None and timed and n * scale != int(n * scale) and code in ("H", "M"):
        whole, part = divmod(n * scale, 1)
        return f"PT{int(whole)}{code}{round(part * 60)}{'M' if code == 'H' else 'S'}"  # 5 1/2 hours: PT5H30M
    if n is not None and not timed and code in ("Y", "D") and n * scale != int(n * scale):
        whole, part = divmod(n * scale, 1)
        rest = round(part * (12 if code == "Y" else 24))  # 2 1/2 years: P2Y6M; a day and a half: P1DT12H
        if rest:
            return f"P{int(whole)}Y{rest}M" if code == "Y" else f"P{int(whole)}DT{rest}H"
    amount = "X" if n is None else _num(n * scale)
    return f"PT{amount}{code}" if timed else f"P{amount}{code}"


def iso_week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def pick_month_year(month: int, anchor: date, tense: str | None, rel: int | None = None) -> int:
    """The year of a bare month: past → latest not after the anchor's month, future → next, else nearest."""
    if rel is None and tense == "past" and month == anchor.month % 12 + 1:
        # the month just ahead, eleven months back, would be written "last November": the coming one
        return anchor.year + (month == 1)
    if rel == -1 or (rel is None and tense == "past"):
        return anchor.year if month < anchor.month or (rel is None and month == anchor.month) else anchor.year - 1
    if rel == 1 or (rel is None and tense == "future"):
        return anchor.year if month > anchor.month or (rel is None and month == anchor.month) else anchor.year + 1
    if rel == 0:
        return anchor.year
    # as for days: news mostly reports the past, so a month ahead must be twice as near
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    return min(years, key=lambda y: _months_away(y * 12 + month - _mi(anchor)))


def _months_away(diff: int) -> int:
    return diff * 2 if diff > 0 else -diff


def _mi(d: date) -> int:
    return d.year * 12 + d.month


def pick_weekday(weekday: int, anchor: date, tense: str | None, rel: int | None = None) -> date:
    """News usage: past tense → the last such day on or before the anchor, future → on or after, else nearest."""
    diff = weekday - anchor.isoweekday()
    if rel == 0:
        return anchor + timedelta(days=diff)
    if rel == -1:
        return anchor - timedelta(days=(-diff) % 7 or 7)
    if rel == 1:
        return anchor + timedelta(days=diff % 7 or 7)
    if tense == "past":
        return anchor - timedelta(days=(-diff) % 7)
    if tense == "future":
        return anchor + timedelta(days=diff % 7)
    ahead = diff % 7
    return anchor + timedelta(days=ahead if ahead <= NEAREST_AHEAD else ahead - 7)


def nearest_date(month: int, day: int, anchor: date, tense: str | None = None) -> date | None:
    """A year-less day of the year: on or before the anchor in a past clause, on or after it in a future
    one (up to ``SCHEDULE_BEHIND`` days before it in a ``scheduled`` one), else the occurrence nearest
    the anchor (December 30 in a January article → last year)."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if tense == "past" and any(d <= anchor for d in options):
        return max(d for d in options if d <= anchor)
    if tense == "future" and any(d >= anchor for d in options):
        return min(d for d in options if d >= anchor)
    if tense == "scheduled" and any(d >= anchor - timedelta(days=SCHEDULE_BEHIND) for d in options):
        return min(d for d in options if d >= anchor - timedelta(days=SCHEDULE_BEHIND))
    # news mostly reports what happened: a date ahead must be twice as near as the one behind
    return min(options, key=lambda d: abs((d - anchor).days) * (2 if d > anchor else 1)) if options else None


def _posmod(text: str | None, lex: Lexicon) -> str | None:
    return lex.position_modifiers.get(_key(text)) if text else None


def _day(d: date | None) -> str:
    return d.isoformat() if d else "XXXX-XX-XX"


def calendar_date(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    month = lex.months[_key(g["month"])]
    mod = _posmod(g.get("pmod"), lex)
    year = int(g["year"]) if g.get("year") else None
    if year is None and g.get("yrel") and anchor is not None:  # "July last year", "November 1 last year"
        year = anchor.year + lex.relatives[_key(g["yrel"])]
    if g.get("day"):
        day = int(g["day"])  # type: ignore[arg-type]
        if not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
            return None
        if year is not None:
            return Resolution("DATE", f"{year:04d}-{month:02d}-{day:02d}", mod)
        if anchor is None:
            return Resolution("DATE", f"XXXX-{month:02d}-{day:02d}", mod)
        # "the quarter ended Oct. 31", "since March 3": not ahead; "the vote will be held on November 20"
        # (said in May): ahead, unless just gone by ("is to run from January 23" on January 28)
        closed = "past" if cues.prev_word in ("ended", "since") else "scheduled" if cues.firm_future else None
        return Resolution("DATE", _day(nearest_date(month, day, anchor, closed)), mod)
    if year is None:
        if anchor is None:
            return Resolution("DATE", f"XXXX-{month:02d}", mod)
        if cues.prev_word == "since":  # "since February": that month is behind
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:
            year = pick_month_year(month, anchor, cues.tense)
    return Resolution("DATE", f"{year:04d}-{month:02d}", mod)


def numeric_date(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    year = int(g["y"])  # type: ignore[arg-type]
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        d = date(year, int(g["m"]), int(g["d"]))  # type: ignore[arg-type]
    except ValueError:
        return None
    if g.get("h"):
        return Resolution("TIME", f"{d.isoformat()}T{g['h']}:{g['mi']}")
    return Resolution("DATE", d.isoformat())


def _year_of(g: Groups, anchor: date | None) -> str:
    if g.get("year"):
        return str(g["year"])
    return str(anchor.year) if anchor else "XXXX"


def season(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    return Resolution("DATE", f"{g['year']}-{lex.seasons[_key(g['season'])]}", _posmod(g.get("pmod"), lex))


def quarter(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``the third quarter (of 2024)``, ``Q3 2024``: a bare quarter ahead of the anchor's is last year's."""
    n = int(str(g["qn"])) if g.get("qn") else lex.ordinals[_key(g["ord"])]
    yrel = _key(g.get("yrel"))
    if yrel in lex.relatives:  # "the third quarter of last year"
        return Resolution("DATE", f"{anchor.year + lex.relatives[yrel]}-Q{n}" if anchor else f"XXXX-Q{n}")
    # a quarter still ahead this year is last year's, unless the clause looks forward; results are
    # reported after the quarter ends ("will report fourth-quarter results" in January)
    reported = cues.next_word in lex.result_nouns and anchor is not None and n == (anchor.month - 4) % 12 // 3 + 1
    if not g.get("year") and anchor and n > (anchor.month - 1) // 3 + 1 and (cues.tense != "future" or reported):
        return Resolution("DATE", f"{anchor.year - 1}-Q{n}")
    return Resolution("DATE", f"{_year_of(g, anchor)}-Q{n}")


def month_quarter(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``the December quarter``: the calendar quarter that ends with (or holds) that month."""
    word = str(g["qmonth"])
    if not word[0].isupper():
        return None
    month = lex.months[_key(word)]
    q = (month - 1) // 3 + 1
    if anchor is None:
        return Resolution("DATE", f"XXXX-Q{q}")
    return Resolution("DATE", f"{pick_month_year(month, anchor, cues.tense)}-Q{q}")


def half(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``the first half of 2024``; ``the second half`` (of this year, or of last year in a past clause)."""
    n = 2 if _key(g["ord"]) in ("last", "latter") else lex.ordinals[_key(g["ord"])]
    if g.get("year"):
        return Resolution("DATE", f"{g['year']}-H{n}")
    if anchor is None:
        return Resolution("DATE", f"XXXX-H{n}")
    shift = lex.relatives.get(_key(g.get("rel")), 0) if g.get("rel") else 0
    if not g.get("rel") and cues.tense == "past" and n == 2 and anchor.month <= 6:
        shift = -1
    return Resolution("DATE", f"{anchor.year + shift}-H{n}")


def new_year(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``in the new year``: said in the autumn, next year; in its first months, this one."""
    mod = _posmod(g.get("pmod"), lex)
    if anchor is None:
        return Resolution("DATE", "XXXX", mod)
    if anchor.month >= 9:
        return Resolution("DATE", str(anchor.year + 1), mod)
    return Resolution("DATE", str(anchor.year), mod) if anchor.month <= 3 else None


def decade(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    if g.get("dec"):
        return Resolution("DATE", str(g["dec"])[:3], _posmod(g.get("pmod"), lex))
    words = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
    digit = str(g["d2"]) if g.get("d2") else str(words.index(_key(g["dw"])) + 2)
    return Resolution("DATE", "19" + digit, _posmod(g.get("pmod"), lex))


def year(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    return Resolution("DATE", str(g["year"]), _posmod(g.get("pmod"), lex))


def relative(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``last week``, ``next month``, ``this year``, ``last summer``, ``next Monday``, ``the weekend``."""
    rel_word = _key(g.get("rel"))
    rel = lex.relatives.get(rel_word) if rel_word else None
    unit = _key(g["unit"])
    mod = _posmod(g.get("pmod"), lex)
    if rel_word in ("past", "the past", "the next", "the coming") and unit in lex.units:
        return Resolution("DURATION", duration_value(1, lex.units[unit]), mod)
    if unit in lex.parts_of_day and rel is not None:  # "last night": yesterday's night, a TIME
        day = anchor + timedelta(days=rel) if anchor else None
        return Resolution("TIME", f"{_day(day)}T{lex.parts_of_day[unit]}", mod)
    if unit in lex.weekdays:
        wd = lex.weekdays[unit]
        pod = lex.parts_of_day.get(_key(g.get("pod")))
        if anchor is None:
            value = f"XXXX-WXX-{wd}"
        else:
            # "this Friday" is the coming one in a future clause, the last one in a past clause, else the
            # one in the anchor's week
            this = rel in (None, 0) and cues.tense in ("past", "future", "present")
            tense = "future" if cues.tense == "present" else cues.tense
            value = pick_weekday(wd, anchor, tense, None if this else rel if rel is not None else 0).isoformat()
        # "the previous Friday", "the following Monday": counted from the last day the text named
        ref = (f"WD{wd}", rel, True) if rel_word in ANAPHORIC_RELATIVES and rel else None
        return Resolution("TIME", f"{value}T{pod}", mod, ref=ref) if pod else Resolution("DATE", value, mod, ref=ref)
    if unit in lex.months:
        month = lex.months[unit]
        if anchor is None:
            return Resolution("DATE", f"XXXX-{month:02d}", mod)
        return Resolution("DATE", f"{pick_month_year(month, anchor, cues.tense, rel):04d}-{month:02d}", mod)
    if unit in lex.seasons:
        code = lex.seasons[unit]
        if anchor is None:
            return Resolution("DATE", f"XXXX-{code}", mod)
        now = SEASON_ORDER[("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI")[anchor.month - 1]]
        y = anchor.year
        if anchor.month <= 2 and code != "WI":  # January, February: the year's seasons are all ahead
            back = rel == -1 or (rel is None and cues.tense == "past")
            return Resolution("DATE", f"{y - 1 if back else y}-{code}", mod)
        if rel is None:  # "in the summer": the one the clause's tense points at
            rel = -1 if cues.tense == "past" and SEASON_ORDER[code] > now else 1 if cues.tense == "future" else 0
            rel = rel if rel == 0 or (rel == -1) == (SEASON_ORDER[code] > now) else 0
        if rel == -1 and SEASON_ORDER[code] >= now:
            y -= 1
        elif rel == 1 and SEASON_ORDER[code] <= now:
            y += 1
        return Resolution("DATE", f"{y}-{code}", mod)
    code = lex.units.get(unit)
    if code is None:
        return None
    if code == "Q" and rel_word in ("previous", "the previous"):  # the quarter before the one discussed
        return Resolution("DATE", shifted(anchor, "Q", -2) if anchor else "XXXX-QX", mod, ref=("Q", -1, False))
    if rel is None:  # "the weekend": the one the clause's tense points at
        rel = -1 if code == "WE" and cues.tense == "past" and anchor and anchor.isoweekday() < 6 else 0
    if anchor is None:
        placeholder = {"W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX", "Q": "XXXX-QX"}
        return Resolution("DATE", placeholder.get(code, "XXXX" if code in ("Y", "DE", "CE") else "XXXX-XX-XX"), mod)
    return Resolution("DATE", shifted(anchor, code, rel), mod)


def shifted(anchor: date, code: str, n: int) -> str:
    """The calendar unit ``n`` steps from the anchor, at that unit's granularity."""
    if code == "D":
        return (anchor + timedelta(days=n)).isoformat()
    if code in ("W", "2W"):
        return iso_week(anchor + timedelta(weeks=n))
    if code == "WE":
        return iso_week(anchor + timedelta(weeks=n)) + "-WE"
    if code == "M":
        return add_months(anchor, n).strftime("%Y-%m")
    if code == "Q":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + n
        return f"{q // 4}-Q{q % 4 + 1}"
    if code == "Y":
        return str(anchor.year + n)
    if code == "DE":
        return str(anchor.year // 10 + n)
    if code == "CE":
        return str(anchor.year // 100 + n)
    return anchor.isoformat()  # hours, minutes: the day itself


def within(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    """``earlier in the day`` / ``later this week``: the unit that holds the anchor."""
    unit = _key(g["unit"])
    if unit in lex.parts_of_day:
        return Resolution("TIME", f"{_day(anchor)}T{lex.parts_of_day[unit]}")
    if anchor is None:
        return Resolution("DATE", {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}.get(unit, "XXXX-XX-XX"))
    return Resolution("DATE", shifted(anchor, lex.units[unit], 0))


def dayword(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    word = _key(g["dw"])
    d = anchor + timedelta(days=lex.day_words[word]) if anchor else None
    mod = _posmod(g.get("pmod"), lex)
    pod = lex.parts_of_day.get(_key(g.get("pod"))) or ("NI" if word == "tonight" else None)
    if pod:
        return Resolution("TIME", f"{_day(d)}T{pod}", mod)
    return Resolution("DATE", _day(d), mod)


def ago(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``two days ago``, ``a year earlier``, ``three weeks from now`` at the unit's granularity."""
    n = number(g.get("n"), lex)
    code = lex.units.get(_key(g["unit"]))
    if code is None:
        return None
    mod = lex.modifiers.get(_key(g.get("mod"))) if g.get("mod") else "APPROX" if g.get("orso") else None
    direction = "earlier" if _key(g["dir"]) == "before" else _key(g["dir"])  # "up from 5% a year before"
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if direction == "earlier" and code in ("D", "W", "TH", "TM", "TS"):
        return Resolution("DURATION", duration_value(n, code), mod)  # "a day earlier": the gap to another event
    if n is None:
        return Resolution("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", mod)
    if anchor is None or n != int(n):
        return Resolution("DATE", "XXXX-XX-XX" if code == "D" else "XXXX", mod)
    if code == "TH" and n >= 24:  # "24 hours ago": yesterday, whatever the hour of the report
        return Resolution("DATE", shifted(anchor, "D", sign * round(n / 24)), mod)
    scale = _UNIT_SCALE.get(code, (code, 1))
    base, steps = (scale[0], int(n) * scale[1]) if code in ("DE", "CE", "Q", "2W") else (code, int(n))
    ref = ("Q", -4, True) if (n, code, sign) == (1, "Y", -1) else None  # "a year ago" in a quarterly report
    if direction == "earlier" and base in ("Y", "M"):  # "a year earlier": from the last time named
        ref = ("E" + base, sign * steps, True)
    return Resolution("DATE", shifted(anchor, base, sign * steps), mod, ref=ref)


def duration(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution | None:
    """``nearly two hours`` → PT2H APPROX; ``a week`` after a quantity → SET; ``in three weeks`` (future) → DATE."""
    unit = _key(g.get("unit") or g.get("unit2"))
    code = lex.units.get(unit)
    if code is None:
        return None
    raw = _key(g.get("n"))
    n = number(raw, lex) if raw else None
    if not raw and g.get("unit2") and not unit.endswith("s"):
        n = 1.0  # "a day-long meeting"; "decades-long" stays vague
    if n is not None and (g.get("half") or g.get("half2")):
        n += 0.5
    mod = lex.modifiers.get(_key(g.get("mod"))) if g.get("mod") else None
    if raw == "recent" and code == "Y" and not g.get("det") and not mod:
        return Resolution("DATE", "PAST_REF")  # "in recent years": the recent past, not a length
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", raw) and (_key(g.get("det")) == "the" or not unit.endswith("s")):
        return None  # "the 1988 quarter" is a period of that year, not 1988 quarters; "Cup 2018 day five"
    if cues.rate and raw in ("a", "an", "one") and not g.get("det") and not mod:
        return Resolution("SET", duration_value(1, code))
    if cues.prev_word == "in" and cues.tense == "future" and n and anchor and not mod and not g.get("det"):
        return Resolution("DATE", shifted(anchor, _UNIT_SCALE.get(code, (code, 1))[0], int(n)))
    return Resolution("DURATION", duration_value(n, code), mod)


def weekday(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    wd = lex.weekdays[_key(g["wd"])]
    tense = "future" if cues.tense == "present" else cues.tense  # "the offer expires Friday"
    value = pick_weekday(wd, anchor, tense).isoformat() if anchor else f"XXXX-WXX-{wd}"
    mod = _posmod(g.get("pmod"), lex)
    pod = lex.parts_of_day.get(_key(g.get("pod")))
    return Resolution("TIME", f"{value}T{pod}", mod) if pod else Resolution("DATE", value, mod)


def reference(g: Groups, lex: Lexicon, anchor: date | None, cues: Cues) -> Resolution:
    return Resolution("DATE", lex.reference_words[_key(g["ref"])])


RESOLVERS: dict[str, Callable[..., Resolution | None]] = {
    "calendar": calendar_date,
    "numeric": numeric_date,
    "season": season,
    "quarter": quarter,
    "half": half,
    "new_year": new_year,
    "month_quarter": month_quarter,
    "decade": decade,
    "year": year,
    "relative": relative,
    "within": within,
    "dayword": dayword,
    "ago": ago,
    "duration": duration,
    "weekday": weekday,
    "reference": reference,
}
