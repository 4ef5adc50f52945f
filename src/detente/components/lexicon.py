"""The actor dictionary: countries, organizations, national institutions, people and role sectors.

News names the same actor many ways ("Zelenskyy", "Zelensky", "Ukraine's president"; "Moscow",
"the Kremlin"; "the Russian Defence Ministry"), so the ``actors`` component asks this dictionary to
turn a surface form into a canonical entry, a country code or a sector. The data lives in TSV files
beside this module (``actors/``, schemas in its README); users add or override rows with files of
the same schemas, recognised by their header row.

Every lookup goes through :func:`normalize`, which makes keys tolerant of case, diacritics, a leading
"the", a trailing possessive, dots ("U.S." = "US") and hyphens ("al-Qaeda" = "al Qaeda"), so that all
lookups are plain dict hits built once at load time.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "actors"
USER_ENV = "DETENTE_ACTORS"
PACKAGED = ("countries.tsv", "organizations.tsv", "institutions.tsv", "people.tsv", "sectors.tsv")
COUNTRY_SLOT = "{country}"
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "KHM"})
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "’": "'",
                       "‘": "'", "ʼ": "'", "`": "'", "‐": " ", "-": " ", "–": " ", "—": " ", "‑": " ",
                       ".": "", "\u00a0": " "})
_OUTER = " \t\"'“”«»()[]{},;:!?*"
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{0,5}$")
_Row = tuple[int, dict[str, str]]  # (rank of the file, row)


@dataclass(frozen=True)
class Entry:
    """One dictionary actor; for people, one stint in office (a person may have several rows)."""

    id: str
    name: str
    kind: str  # state | person | organization | group
    country: str | None
    sector: str | None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, on: date) -> bool:
        """Whether the stint covers ``on`` (open ends count as covering)."""
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_to is None or on <= self.valid_to)


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """The lookup key of a surface form: folded case and diacritics, no leading "the", no possessive.

    Cached: news repeats the same few hundred names, and every mention is looked up several times.
    """
    s = unicodedata.normalize("NFKD", text.translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().strip(_OUTER)
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    s = " ".join(s.strip(_OUTER).split())
    if s.startswith("the "):
        s = s[4:]
    return s


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip()) if value else ()


@lru_cache(maxsize=1)
def countries_by_demonym() -> dict[str, str]:
    """Demonym -> iso3 from the packaged country table alone ("Polish" -> POL), for components that
    read a state off an adjective ("Polish airspace") without loading the whole dictionary."""
    _, rows = _read_tsv(DATA_DIR / "countries.tsv")
    return {normalize(d): row["iso3"] for row in rows for d in _split(row.get("demonyms", ""))}


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a TSV file, skipping ``#`` comment lines and blank lines."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader, [])]
    rows = []
    for n, cells in enumerate(reader, start=2):
        if len(cells) > len(header):
            raise ValueError(f"{path}: data row {n} has {len(cells)} cells for {len(header)} columns")
        rows.append({h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
    return header, rows


def _schema(header: list[str]) -> str:
    """Which of the five file kinds a header row belongs to."""
    cols = set(header)
    if "iso3" in cols:
        return "countries"
    if "pattern" in cols:
        return "institutions"
    if "keyword" in cols:
        return "sectors"
    if {"id", "roles"} <= cols:
        return "people"
    if {"id", "kind"} <= cols:
        return "organizations"
    raise ValueError(f"unrecognised actor dictionary header: {header}")


def user_dictionaries(env: Mapping[str, str]) -> list[Path]:
    """The user's actor dictionary files named in ``$DETENTE_ACTORS`` (``os.pathsep``-separated, in
    order: later files win), for ``ActorLexicon.load`` and the ``extra_dictionaries`` setting.

    ``env`` is passed in (``os.environ`` by the CLI) so callers and tests choose the environment.
    Empty entries are skipped and ``~`` is expanded; whether the files exist is the caller's check,
    so that it can report a missing one in its own words.
    """
    return [Path(p).expanduser() for p in env.get(USER_ENV, "").split(os.pathsep) if p.strip()]


_MEMO_SIZE = 1 << 14


def _memoized(query: Callable[..., Any]) -> Callable[..., Any]:
    """Remember a query's answers on the instance, by its arguments.

    The tables are complete once :meth:`ActorLexicon.load` returns and the answers are immutable,
    so an answer never goes stale; an article asks about the same few names over and over. The
    memo is emptied when it grows past ``_MEMO_SIZE`` so a long ingest does not hoard strings.
    """
    name = query.__name__

    @wraps(query)
    def cached(self: ActorLexicon, *args: Any, **kwargs: Any) -> Any:
        key = (name, args, tuple(kwargs.items())) if kwargs else (name, args)
        try:
            return self._memo[key]
        except KeyError:
            pass
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        value = self._memo[key] = query(self, *args, **kwargs)
        return value

    return cached


@dataclass
class _Template:
    """An institution pattern split around ``{country}`` (prefix/suffix are normalized)."""

    prefix: str
    suffix: str
    sector: str
    kind: str


class ActorLexicon:
    """All dictionary lookups, as dict hits on normalized keys built once by :meth:`load`."""

    def __init__(self) -> None:
        self._countries: dict[str, Entry] = {}
        self._parent: dict[str, str] = {}
        self._names: dict[str, list[tuple[int, Entry]]] = {}  # name/alias key -> (rank, entry)
        self._acronym_keys: set[str] = set()
        self._words: dict[str, set[str]] = {}  # demonym/name/alias -> iso3s
        self._demonyms: dict[str, str] = {}  # iso3 -> its first demonym ("Malian")
        self._places: dict[str, set[str]] = {}  # capital/seat -> iso3s
        self._fixed: dict[str, tuple[str | None, str, str]] = {}
        self._by_suffix: dict[str, list[_Template]] = {}
        self._by_prefix: dict[str, list[_Template]] = {}
        self._sectors: dict[str, str] = {}
        self._max_kw = 1
        self._last_names: dict[str, set[str]] = {}
        self._stints: dict[str, list[Entry]] = {}
        self._memo: dict[tuple[Any, ...], Any] = {}  # see _memoized

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> ActorLexicon:
        """The packaged files, then ``extra`` files (any of the five schemas), later files winning.

        This is the one way to extend the dictionary: a user file of the same schema as a packaged
        one, recognised by its header row (see ``actors/README.md``). A row with a packaged ``id`` or
        ``iso3`` replaces that entry; new rows add entries. A file with an unknown header raises
        ``ValueError``, a missing one ``FileNotFoundError``.
        """
        lex = cls()
        tables: dict[str, list[_Row]] = {}
        for rank, path in enumerate([DATA_DIR / f for f in PACKAGED] + [Path(p) for p in extra]):
            header, rows = _read_tsv(path)
            tables.setdefault(_schema(header), []).extend((rank, r) for r in rows)
        lex._load_countries(tables.get("countries", []))
        lex._load_entries(tables.get("organizations", []), tables.get("people", []))
        lex._load_institutions(tables.get("institutions", []))
        lex._load_sectors(tables.get("sectors", []))
        return lex

    # -- building -------------------------------------------------------------------------------

    def _key(self, form: str, rank: int, entry: Entry) -> None:
        key = normalize(form)
        if key:
            self._names.setdefault(key, []).append((rank, entry))
            if _ACRONYM.match(form.strip().removeprefix("the ")):
                self._acronym_keys.add(key)

    def _load_countries(self, rows: Iterable[_Row]) -> None:
        latest: dict[str, tuple[int, dict[str, str]]] = {}
        for rank, row in rows:
            latest[row["iso3"].upper()] = (rank, row)  # a later file replaces the whole row
        for iso, (rank, row) in latest.items():
            aliases = _split(row.get("aliases", ""))
            entry = Entry(iso, row["name"], "state", iso, None, aliases=aliases,
                          wikidata=row.get("wikidata") or None)
            self._countries[iso] = entry
            if row.get("parent"):
                self._parent[iso] = row["parent"].upper()
            for form in (row["name"], *aliases):
                self._key(form, rank, entry)
            demonyms = _split(row.get("demonyms", ""))
            if demonyms:
                self._demonyms[iso] = demonyms[0]
            for form in (row["name"], *aliases, *demonyms):
                self._words.setdefault(normalize(form), set()).add(iso)
                if _ACRONYM.match(form):
                    self._acronym_keys.add(normalize(form))
            for form in (row.get("capital", ""), *_split(row.get("capital_aliases", "")),
                         *_split(row.get("seats", ""))):
                if form:
                    self._places.setdefault(normalize(form), set()).add(iso)

    def _load_entries(self, orgs: list[_Row], people: list[_Row]) -> None:
        owner: dict[str, int] = {}  # id -> the highest rank that defines it
        for rank, row in orgs + people:
            owner[row["id"]] = max(rank, owner.get(row["id"], -1))
        for rank, row in orgs:
            if owner[row["id"]] != rank:
                continue
            e = Entry(row["id"], row["name"], row.get("kind") or "organization", row.get("country") or None,
                      row.get("sector") or None, aliases=_split(row.get("aliases", "")),
                      wikidata=row.get("wikidata") or None)
            for form in (e.name, *e.aliases):
                self._key(form, rank, e)
        for rank, row in people:
            if owner[row["id"]] != rank:
                continue
            e = Entry(row["id"], row["name"], "person", row.get("country") or None, row.get("sector") or None,
                      roles=_split(row.get("roles", "")), aliases=_split(row.get("aliases", "")),
                      wikidata=row.get("wikidata") or None, valid_from=_date(row.get("valid_from", "")),
                      valid_to=_date(row.get("valid_to", "")))
            self._stints.setdefault(e.id, []).append(e)
        for pid, stints in self._stints.items():
            aliases = tuple(dict.fromkeys(a for s in stints for a in s.aliases))
            stints[:] = sorted((replace(s, aliases=aliases) for s in stints),
                               key=lambda s: (s.valid_from or date.min, s.valid_to or date.max))
            rank = owner[pid]
            for form in {stints[0].name, *aliases}:
                self._key(form, rank, stints[-1])
            family_first = stints[0].country in FAMILY_NAME_FIRST
            for form in {stints[0].name, *aliases}:
                for last in _last_name_keys(form, family_first):
                    self._last_names.setdefault(last, set()).add(pid)

    def _load_institutions(self, rows: list[_Row]) -> None:
        for _rank, row in sorted(rows, key=lambda r: -r[0]):  # user rows first: setdefault keeps them
            sector, kind = row["sector"], row.get("kind") or "organization"
            fixed_country = (row.get("country") or "").upper() or None
            for form in _split(row["pattern"]):
                if COUNTRY_SLOT not in form:
                    self._fixed.setdefault(normalize(form), (fixed_country, sector, kind))
                    if _ACRONYM.match(form):
                        self._acronym_keys.add(normalize(form))
                    continue
                before, after = form.split(COUNTRY_SLOT, 1)
                t = _Template(normalize(before), normalize(after), sector, kind)
                if t.prefix:  # "Ministry of Defence of {country}": only matches with a country
                    self._by_prefix.setdefault(t.prefix, []).append(t)
                else:  # "{country} army": also matches bare "the army", country None
                    self._by_suffix.setdefault(t.suffix, []).append(t)

    def _load_sectors(self, rows: list[_Row]) -> None:
        for _rank, row in sorted(rows, key=lambda r: r[0]):  # later ranks overwrite
            key = normalize(row["keyword"])
            self._sectors[key] = row["sector"]
            self._max_kw = max(self._max_kw, len(key.split()))

    # -- queries --------------------------------------------------------------------------------

    def _pick_stint(self, pid: str, on: date | None) -> Entry:
        stints = self._stints[pid]
        if on is None:
            return stints[-1]
        valid = [s for s in stints if s.valid_on(on)]
        if valid:
            return valid[-1]
        before = [s for s in stints if s.valid_from is None or s.valid_from <= on]
        return before[-1] if before else stints[0]

    def _person_valid(self, pid: str, on: date | None) -> bool:
        if on is None:
            return self._stints[pid][-1].valid_to is None
        return any(s.valid_on(on) for s in self._stints[pid])

    @_memoized
    def lookup(self, name: str, on: date | None = None) -> Entry | None:
        """The person, organization or state a name or alias denotes (capitals and demonyms excluded).

        Among several matches the highest-ranked file wins; among people, those in office on ``on``
        (or currently, without a date). An all-lowercase query never matches an acronym ("who", "us").
        """
        key = normalize(name)
        hits = self._names.get(key)
        if not hits or (key in self._acronym_keys and name.strip().islower()):
            return None
        top = max(r for r, _ in hits)
        cands = list({e.id: e for r, e in hits if r == top}.values())
        if len(cands) > 1:
            people = [e for e in cands if e.kind == "person" and self._person_valid(e.id, on)]
            others = [e for e in cands if e.kind != "person"]
            cands = people if len(people) == 1 else others if len(others) == 1 else cands
            if len(cands) > 1:
                exact = [e for e in cands if normalize(e.name) == key]
                cands = exact if len(exact) == 1 else cands
        if len(cands) != 1:
            return None
        e = cands[0]
        return self._pick_stint(e.id, on) if e.kind == "person" else e

    def lookup_person_by_last_name(self, last: str, on: date | None = None) -> Entry | None:
        """The one person with that last name; several are narrowed to those in office on ``on``."""
        ids = self._last_names.get(normalize(last), set())
        if len(ids) > 1:
            ids = {pid for pid in ids if self._person_valid(pid, on)}
        return self._pick_stint(next(iter(ids)), on) if len(ids) == 1 else None

    @_memoized
    def country_of_word(self, word: str) -> str | None:
        """The iso3 a demonym, country name or alias names ("Russian", "U.S."); None when ambiguous.

        Names are proper nouns: a query without a capital letter never matches ("turkey", "china").
        """
        isos = self._words.get(normalize(word))
        return self._one(isos) if isos and _has_upper(word) else None

    @_memoized
    def capital_or_seat(self, text: str) -> str | None:
        """The iso3 whose capital or seat of power this is ("Kyiv", "Kiev", "the Kremlin", "Washington").

        As for :meth:`country_of_word`, a query without a capital letter never matches ("male").
        """
        isos = self._places.get(normalize(text))
        return self._one(isos) if isos and _has_upper(text) else None

    def _one(self, isos: set[str]) -> str | None:
        """A single iso3; a sovereign state beats dependent territories sharing the form."""
        if len(isos) > 1:
            isos = {i for i in isos if i not in self._parent}
        return next(iter(isos)) if len(isos) == 1 else None

    def country(self, iso3: str) -> Entry:
        """The state entry of an iso3 code (KeyError when unknown)."""
        return self._countries[iso3.upper()]

    def demonym(self, iso3: str) -> str | None:
        """The adjective of a state ("MLI" -> "Malian"), to name its bodies ("the Malian army")."""
        return self._demonyms.get(iso3.upper())

    def countries(self) -> list[Entry]:
        """All state entries, for listings and tests."""
        return list(self._countries.values())

    def people(self) -> dict[str, list[Entry]]:
        """Person id -> stints in date order, for listings and tests."""
        return {k: list(v) for k, v in self._stints.items()}

    @_memoized
    def institution(self, text: str) -> tuple[str | None, str, str] | None:
        """(iso3 or None, sector, kind) of a national institution phrase ("Russian Defence Ministry")."""
        key = normalize(text)
        if not key:
            return None
        if key in self._fixed and not (key in self._acronym_keys and text.strip().islower()):
            return self._fixed[key]
        words = key.split()
        cased = _has_upper(text)  # a country part is a proper noun: "turkey forces" names no state
        for i in range(len(words)):  # "{country} <suffix>": country part = words[:i]
            suffix = " ".join(words[i:])
            for t in self._by_suffix.get(suffix, ()):
                iso = self._country_part(" ".join(words[:i]), cased) if i else None
                if i == 0 or iso is not None:
                    return iso, t.sector, t.kind
        for i in range(1, len(words)):  # "<prefix> {country}"
            for t in self._by_prefix.get(" ".join(words[:i]), ()):
                iso = self._country_part(" ".join(words[i:]), cased)
                if iso is not None and not t.suffix:
                    return iso, t.sector, t.kind
        return None

    def _country_part(self, key: str, cased: bool) -> str | None:
        """The iso3 a normalized country slot names: demonym, name, alias or capital."""
        key = normalize(key)  # drops a possessive: "ukraine's" -> "ukraine"
        isos = self._words.get(key) or self._places.get(key)
        return self._one(isos) if isos and cased else None

    @_memoized
    def sector_of_role(self, role: str) -> str | None:
        """The sector of a title: the longest ``sectors.tsv`` keyword found in it, as whole words.

        Longest wins so that a qualified title beats its head noun: "Defence Ministry spokesman" is
        MIL (defence ministry), "Kremlin spokesman" GOV.
        """
        words = normalize(role).split()
        best: tuple[int, str] | None = None
        for n in range(1, min(self._max_kw, len(words)) + 1):
            for i in range(len(words) - n + 1):
                phrase = " ".join(words[i:i + n])
                sector = self._sectors.get(phrase)
                if sector is not None and (best is None or len(phrase) > best[0]):
                    best = (len(phrase), sector)
        return best[1] if best else None


def _has_upper(text: str) -> bool:
    return any(c.isupper() for c in text)


_PARTICLES = {"al", "el", "bin", "ben", "ibn", "abu", "van", "von", "de", "der", "da", "di", "du", "le", "la"}


def _last_name_keys(form: str, family_first: bool = False) -> list[str]:
    """Keys a surname may be written as: the last word, with a particle before it ("al sharaa").

    For Chinese, Korean and Khmer names the family name comes first ("Wang Yi" is Mr Wang).
    """
    words = normalize(form).split()
    if not words:
        return []
    if family_first:
        return [words[0]]
    keys = [words[-1]]
    if len(words) >= 2 and words[-2] in _PARTICLES:
        keys.append(" ".join(words[-2:]))
    return keys
