"""Load the temporal tagger's data files and compile its patterns.

The words (``timexes/lexicon.json``) and the regular expressions (``timexes/patterns.json``) live
beside the component so that a new month abbreviation or time zone is a data change, not a code
change. This module checks both files against their schema, expands the ``{MACRO}`` references in
the patterns into alternations built from the lexicon and compiles them once per component, each
with a prefilter (see below) that lets a document skip the scans that cannot find anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from detente.cache import cached
from detente.components.timex_prefilter import Prefilter, Scan

DATA_DIR = Path(__file__).with_name("timexes")
LEXICON_SCHEMA = "detente.timexes.lexicon/1"
PATTERNS_SCHEMA = "detente.timexes.patterns/1"

#: lexicon tables every loader needs, with the Python type of their values
LEXICON_TABLES: dict[str, type] = {
    "months": dict,
    "weekdays": dict,
    "numbers": dict,
    "vague_numbers": list,
    "ordinals": dict,
    "units": dict,
    "parts_of_day": dict,
    "seasons": dict,
    "modifiers": dict,
    "position_modifiers": dict,
    "relatives": dict,
    "day_words": dict,
    "reference_words": dict,
    "set_adverbs": dict,
    "time_words": dict,
    "time_zones": dict,
    "future_verbs": list,
    "deadline_verbs": list,
    "future_auxiliaries": list,
    "past_auxiliaries": list,
    "date_prepositions": list,
    "quantity_words": list,
    "weekday_names": list,
    "holidays": dict,
    "dateline_zones": dict,
    "result_nouns": list,
    "past_forms": list,
}
PATTERN_KEYS = {"name", "kind", "regex"}
_MACRO = re.compile(r"\{(P:[\w|]+|[A-Z]+)\}")
_GROUP_NAME = re.compile(r"\(\?P<\w+>")


class DataError(ValueError):
    """A timexes data file does not match its schema."""


@dataclass(frozen=True)
class Pattern:
    name: str
    kind: str
    check: str | None
    regex: re.Pattern[str]
    prefilter: Prefilter | None = None

    def finditer(self, scan: Scan) -> Iterator[re.Match[str]]:
        """The matches of ``regex.finditer(scan.text)``, found without scanning where none can start."""
        if self.prefilter is None:
            return self.regex.finditer(scan.text)
        return self.prefilter.finditer(self.regex, scan)


@dataclass
class Lexicon:
    """The lexicon tables, keyed by lower-case phrase with single spaces."""

    tables: dict[str, Any]
    zones_exact: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.tables[name]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def zone(self, text: str) -> str | None:
        """IANA zone for a zone name or abbreviation as written (``GMT+3`` → ``Etc/GMT-3``)."""
        key = " ".join(text.split())
        if key in self.zones_exact:
            return self.zones_exact[key]
        for name, zone in self.zones_exact.items():
            if not name.isupper() and name.lower() == key.lower():
                return zone
        offset = re.fullmatch(r"(?:GMT|UTC) ?([+\-−]) ?(\d{1,2})(?::?00)?", key)
        if offset:
            hours = int(offset.group(2))
            sign = "-" if offset.group(1) == "+" else "+"  # POSIX Etc/ zones invert the sign
            return "UTC" if hours == 0 else f"Etc/GMT{sign}{hours}"
        return None


def _read(path: Path, schema: str) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise DataError(f"{path.name}: expected schema {schema!r}")
    return data


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read and check ``lexicon.json``; every table must be present with the right shape."""
    data = _read(path or DATA_DIR / "lexicon.json", LEXICON_SCHEMA)
    for name, kind in LEXICON_TABLES.items():
        if not isinstance(data.get(name), kind) or not data[name]:
            raise DataError(f"lexicon.json: table {name!r} missing or not a non-empty {kind.__name__}")
    tables = {k: v for k, v in data.items() if k in LEXICON_TABLES}
    for name, table in tables.items():
        if isinstance(table, dict) and name != "time_zones":
            tables[name] = {" ".join(k.lower().split()): v for k, v in table.items()}
    for month in tables["months"].values():
        if not 1 <= month <= 12:
            raise DataError(f"lexicon.json: month number {month} out of range")
    return Lexicon(tables, zones_exact=dict(data["time_zones"]))


def _alt(words: list[str], suffix: str = "") -> str:
    """An alternation of phrases, longest first; refuses an empty group (it would match anything)."""
    if not words:
        raise DataError("empty alternation in a timexes pattern macro")
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") + suffix for w in ordered) + ")"


def _abbreviations(table: dict[str, int]) -> set[str]:
    """Keys that are a strict prefix of another key with the same value (``sept`` of ``september``)."""
    return {k for k, v in table.items() if any(o != k and o.startswith(k) and table[o] == v for o in table)}


def zone_regex(lex: Lexicon) -> str:
    """A written time zone: ``GMT+3``, an upper-case abbreviation (case-sensitive) or a zone name."""
    zones = list(lex.zones_exact)
    upper = [z for z in zones if z.isupper()]
    named = [z for z in zones if not z.isupper()]
    offset = r"(?-i:(?:GMT|UTC) ?[+\-−] ?\d{1,2}(?::?\d\d)?)"
    return "(?:" + offset + "|(?-i:" + _alt(upper) + r")(?!\w)|(?i:" + _alt(named) + "))"


def _macros(lex: Lexicon) -> dict[str, str]:
    months, weekdays = lex.months, lex.weekdays
    month_abbr, day_abbr = _abbreviations(months), _abbreviations(weekdays)
    full_months = [m for m in months if m not in month_abbr]
    full_days = [d for d in weekdays if d not in day_abbr]
    units = lex.units
    singular = [u for u in units if u + "s" in units and u not in ("min", "hr")] + ["fortnight", "century"]
    number_words = [n for n in lex.numbers if " " not in n or n.startswith(("a ", "half", "one and", "couple of"))]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    tz = zone_regex(lex)
    return {
        "MONTH": "(?:" + _alt(full_months) + "|" + _alt(sorted(month_abbr), r"\.?") + ")",
        "MONTHFULL": _alt(full_months),
        "WEEKDAY": "(?:" + _alt(full_days) + "|" + _alt(sorted(day_abbr), r"\.") + ")",
        "NUM": rf"(?:(?:{tens})[ -](?:{ones})|"
        + r"\d{1,3}(?:,\d{3})+|\d+[ -][1-7]/[2-8](?!\d)|\d+(?:\.\d+)?|"
        + _alt(number_words)
        + ")",
        "VAGUE": _alt(lex.vague_numbers),
        "UNIT": _alt(list(units)),
        "UNITSG": _alt(singular),
        "POD": _alt(list(lex.parts_of_day)),
        "SEASON": _alt(list(lex.seasons)),
        "MOD": _alt(list(lex.modifiers)),
        "REL": _alt(list(lex.relatives)),
        "DAYWORD": _alt(list(lex.day_words)),
        "REF": _alt(list(lex.reference_words)),
        "SETADV": _alt(list(lex.set_adverbs)),
        "TIMEWORD": _alt(list(lex.time_words)),
        "TZ": tz,
        "ORD": _alt(list(lex.ordinals)),
        "HOLIDAY": _alt(list(lex.holidays)),
        "YEAR": r"(?:1[5-9]\d\d|20\d\d)",
    }


def load_patterns(lex: Lexicon, path: Path | None = None) -> list[Pattern]:
    """Read ``patterns.json``, expand its macros and compile every pattern (case-insensitive)."""
    data = _read(path or DATA_DIR / "patterns.json", PATTERNS_SCHEMA)
    entries = data.get("patterns")
    if not isinstance(entries, list) or not entries:
        raise DataError("patterns.json: 'patterns' must be a non-empty list")
    raw: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not set(entry) >= PATTERN_KEYS:
            raise DataError(f"patterns.json: entry lacks one of {sorted(PATTERN_KEYS)}: {entry!r}")
        if entry["name"] in raw:
            raise DataError(f"patterns.json: duplicate name {entry['name']!r}")
        raw[entry["name"]] = entry
    macros = _macros(lex)

    def expand(regex: str, depth: int = 0) -> str:
        def one(match: re.Match[str]) -> str:
            ref = match.group(1)
            if not ref.startswith("P:"):
                if ref not in macros:
                    raise DataError(f"patterns.json: unknown macro {{{ref}}}")
                return macros[ref]
            if depth > 2:
                raise DataError("patterns.json: nested pattern references too deep")
            names = ref[2:].split("|")
            inner = [_GROUP_NAME.sub("(?:", expand(raw[n]["regex"], depth + 1)) for n in names]
            return "(?:" + "|".join(inner) + ")"

        return _MACRO.sub(one, regex.replace(" ", r"\s+"))

    compiled = []
    for name, entry in raw.items():
        source = r"(?<![\w])(?:" + expand(entry["regex"]) + r")(?!\w)"
        try:
            regex = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise DataError(f"patterns.json: {name}: {exc}") from exc
        compiled.append(Pattern(name, entry["kind"], entry.get("check"), regex))
    return _with_prefilters(compiled)


def _with_prefilters(patterns: list[Pattern]) -> list[Pattern]:
    """Attach each pattern's prefilter; the analysis (~0.15 s a process) is cached on disk, keyed by
    the expanded regexes and the analysing code (``detente.cache``)."""
    from detente.components import timex_prefilter

    sources = [f"{p.regex.flags}:{p.regex.pattern}".encode() for p in patterns]
    filters = cached("timex-prefilters", [Path(timex_prefilter.__file__).read_bytes(), *sources],
                     lambda: [Prefilter.of(p.regex) for p in patterns])
    return [replace(p, prefilter=f) for p, f in zip(patterns, filters, strict=True)]
