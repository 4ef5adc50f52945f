r"""Prefilters for the temporal tagger's patterns: scan a document only where a match can start.

Scanning a document with a case-insensitive pattern that opens on a look-behind costs the regex
engine a full attempt at every character: it finds no literal prefix to skip ahead with, and the
sixty-odd patterns scanned over every article were the component's main cost. Yet every match of
a pattern contains one of a few literal strings ("quarter", a month name, "ago"), which a plain
substring search finds far faster: a pattern whose strings are absent is not run at all, and one
whose strings are present is run only near them. How near is bounded by the pattern's widest
match, read off the compiled pattern with its unbounded repeats ("\s+") capped by the longest
such run in the document. Both facts are derived from the pattern itself, so a new pattern gets
its filter for free, and the filter cannot change what the pattern finds.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_EXACT_LIMIT = 256  # the most strings an enumerated set may hold before the analysis gives up on it
_OPTIONS = 3  # literal sets kept per pattern, tried in turn until one is rare enough in a document
_LARGE_SET = 64  # sets of more literals than this cost more to count than they usually save
_RUN_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}

Linear = tuple[tuple[str, int], ...]  # const ("") plus coefficient x longest run of a character class


class _Unbounded(Exception):
    """The pattern's width cannot be bounded by character runs (it is then scanned whole)."""


class _Fold(dict[int, str]):
    """``str.translate`` table mapping each character to the one the case-insensitive engine sees.

    Python's ``re.IGNORECASE`` matches a pattern's ``k`` against the Kelvin sign and its ``i``
    against the dotless ı, which ``str.lower`` does not map; asking ``re`` itself keeps the filter
    exactly as permissive as the patterns. The mapping is one character to one, so offsets in the
    folded text are offsets in the original.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char.isspace():
            folded = " "  # the patterns' "\s" is white space of any kind
        elif char.isascii():
            folded = char.lower()
        else:
            folded = next((a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, char, re.IGNORECASE)), char)
        self[code] = folded
        return folded


_FOLD = _Fold()


_ASCII_FOLD = str.maketrans({chr(c): _FOLD[c] for c in range(128) if _FOLD[c] != chr(c)})


def fold(text: str) -> str:
    """``text`` folded the way the required literals are (case, white space), character for character."""
    return text.translate(_ASCII_FOLD) if text.isascii() else text.translate(_FOLD)


class Scan:
    """One document as the patterns see it, with what the prefilters learn about it shared."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self.counts: dict[str, int] = {}  # memo of ``count``, shared by the patterns
        self._offsets: dict[str, list[int]] = {}
        self._runs: dict[tuple[str, int], int] = {}
        self._bounds: dict[tuple[Linear, int], int] = {}

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def count(self, literal: str) -> int:
        """Non-overlapping occurrences of ``literal`` in the folded text (0: absent)."""
        n = self.counts.get(literal)
        if n is None:
            n = self.counts[literal] = self.folded.count(literal)
        return n

    def offsets(self, literal: str) -> list[int]:
        """Every offset ``literal`` starts at in the folded text, overlapping ones included."""
        found = self._offsets.get(literal)
        if found is None:
            found, folded, at = [], self.folded, self.folded.find(literal)
            while at >= 0:
                found.append(at)
                at = folded.find(literal, at + 1)
            self._offsets[literal] = found
        return found

    def bound(self, form: Linear, flags: int) -> int:
        """A linear form's value here: each character class stands for its longest run in the text."""
        total = self._bounds.get((form, flags))
        if total is None:
            total = self._bounds[(form, flags)] = self._bound(form, flags)
        return total

    def _bound(self, form: Linear, flags: int) -> int:
        total = 0
        for cls, coeff in form:
            if not cls:
                total += coeff
                continue
            run = self._runs.get((cls, flags))
            if run is None:  # runs of two or more are rare (and cheap to list) in prose
                longer = re.compile(cls + "{2,}", flags).findall(self.text)
                single = bool(re.compile(cls, flags).search(self.text))
                run = self._runs[(cls, flags)] = max(map(len, longer), default=int(single))
            total += coeff * run
        return total


@dataclass(frozen=True)
class Prefilter:
    """What must be in a document for a pattern to match, and how far a match reaches around it."""

    #: sets of folded literals; every match contains one literal of each set
    options: tuple[frozenset[str], ...]
    flags: int
    width: Linear | None  # the most characters a match consumes; None when unbounded
    reach: Linear | None  # the most characters right of a match's start the engine reads

    @classmethod
    def of(cls, regex: re.Pattern[str]) -> Prefilter | None:
        """The prefilter of a compiled pattern, or None (scan it whole) when nothing is derivable.

        Reads the parse tree of the standard ``re`` module; should a future Python change it, the
        analysis fails safe. The analysis costs a few milliseconds a pattern, so each process does
        it once however many taggers it builds.
        """
        return _prefilter(regex)

    @classmethod
    def _analyse(cls, regex: re.Pattern[str]) -> Prefilter | None:
        try:
            from re import _parser as sre_parse  # type: ignore[attr-defined]

            tree = sre_parse.parse(regex.pattern, regex.flags)
            options = _sequence(list(tree)).options
            if not options or tree.getwidth()[0] == 0:
                return None
            try:
                width, reach = _widths(list(tree))
            except _Unbounded:
                width = reach = None
        except Exception:  # any surprise in a private module means "no filter"
            return None
        shared = _rank([frozenset(map(_core, option)) for option in options[:_OPTIONS]])
        return cls(shared, regex.flags, _form(width), _form(reach))

    def finditer(self, regex: re.Pattern[str], scan: Scan) -> Iterator[re.Match[str]]:
        """Exactly ``regex.finditer(scan.text)``: nothing when a literal set is absent, else windows."""
        if self.width is None or self.reach is None:
            if any(not any(map(scan.count, option)) for option in self.options):
                return iter(())
            return regex.finditer(scan.text)
        before = scan.bound(self.width, self.flags)
        best: list[str] = []
        best_count = -1
        counts, folded = scan.counts, scan.folded
        for option in self.options:  # the first set rare enough in this document marks where to look
            present: list[str] = []
            count = 0
            for literal in option:
                n = counts.get(literal)
                if n is None:
                    n = counts[literal] = folded.count(literal)
                if n:
                    present.append(literal)
                    count += n
            if not present:
                return iter(())
            if best_count < 0 or count < best_count:
                best, best_count = present, count
            if 2 * (before + 1) * best_count <= len(scan.text):
                break
        else:
            return regex.finditer(scan.text)  # literals nearly everywhere: one scan is cheaper
        # a match containing the occurrence at ``o`` starts in [o - width, o]
        offsets = sorted({o for n in best for o in scan.offsets(n)})
        ranges: list[list[int]] = []
        for o in offsets:
            if ranges and o - before <= ranges[-1][1] + 1:
                ranges[-1][1] = o
            else:
                ranges.append([max(0, o - before), o])
        return self._windows(regex, scan.text, ranges, scan.bound(self.reach, self.flags))

    @staticmethod
    def _windows(regex: re.Pattern[str], text: str, ranges: list[list[int]], reach: int) -> Iterator[re.Match[str]]:
        """``regex.finditer(text)`` for matches starting inside ``ranges``.

        Searching with ``endpos`` pretends the text ends there; the engine reads at most ``reach``
        characters past a start (two more for end and word-boundary tests), so for every start
        inside a range the truncated text answers as the whole text would. A search that lands past
        its range is discarded: no match starts between ranges.
        """
        pos, size = 0, len(text)
        for first, last in ranges:
            start, end = max(pos, first), min(size, last + reach + 2)
            while start <= last:
                match = regex.search(text, start, end)
                if match is None or match.start() > last:
                    break
                yield match
                pos = start = match.end()


@functools.lru_cache(maxsize=1024)
def _prefilter(regex: re.Pattern[str]) -> Prefilter | None:
    return Prefilter._analyse(regex)


def _form(counts: dict[str, int] | None) -> Linear | None:
    return None if counts is None else tuple(sorted(counts.items()))


@dataclass(frozen=True)
class _Piece:
    """What the analysis knows about the strings one piece of a regex matches (folded)."""

    exact: frozenset[str] | None  # all of them, when there are few
    options: tuple[frozenset[str], ...]  # each contains a string of every one of these sets, best first
    first: frozenset[str]  # each starts with one of these ({""}: nothing known)
    last: frozenset[str]  # each ends with one of these


_UNKNOWN = frozenset({""})
_NOTHING = _Piece(None, (), _UNKNOWN, _UNKNOWN)
_EMPTY = _Piece(_UNKNOWN, (), _UNKNOWN, _UNKNOWN)


def _known(strings: frozenset[str]) -> _Piece:
    return _Piece(strings, (), strings, strings)  # the enclosing sequence ranks the runs it joins


def _join(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    """Every concatenation of a string of ``a`` with one of ``b``; None when too many."""
    if len(a) * len(b) > _EXACT_LIMIT:
        return None
    return frozenset(x + y for x in a for y in b)


def _minimal(strings: frozenset[str], keep: Any) -> frozenset[str]:
    """Drop each string a shorter one already accounts for (``keep(longer, shorter)``, transitive)."""
    kept: list[str] = []
    for s in sorted(strings, key=len):
        if not any(keep(s, o) for o in kept):
            kept.append(s)
    return frozenset(kept)


def _rank(sets: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """Useful sets, substring-minimal, cheapest to test and most selective first."""
    useful = {_minimal(s, str.__contains__) for s in sets if s and "" not in s}
    useful |= {frozenset({c}) for s in list(useful) if len(s) > 1 and len(c := _common(s)) >= 4}
    if any(max(map(len, s)) > 1 for s in useful):  # single characters select next to nothing
        useful = {s for s in useful if max(map(len, s)) > 1}
    ranked: list[frozenset[str]] = []
    for s in sorted(useful, key=lambda s: (len(s) > _LARGE_SET, -min(min(map(len, s)), 6), len(s), sorted(s))):
        if not any(all(any(w in a for w in s) for a in better) for better in ranked):
            ranked.append(s)  # a set whose every string contains one of ``s`` makes ``s`` redundant
    return tuple(ranked)


def _common(strings: frozenset[str]) -> str:
    """The longest substring all ``strings`` share ("quarter" of "1st quarter", "2nd-quarter")."""
    shortest = min(strings, key=len)
    for size in range(len(shortest), 0, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in s for s in strings):
                return part
    return ""


def _core(literal: str) -> str:
    """The word inside a literal (" april " → "april"): weaker, but shared by many patterns' sets.

    Each distinct literal costs a pass over the document, so a few hundred variants of the same
    words ("apr ", "apr. ", " april") would cost more than their extra selectivity saves.
    """
    core = literal.strip(" .,'’+-")
    return core if len(core) >= 3 else literal


def _usable(code: int) -> str | None:
    """The folded form of a literal, if a substring test on folded text can stand for it."""
    char = chr(code)
    if char.isspace():
        return " "
    if char.isascii():
        return char.lower()
    return char if char.lower() == char == char.upper() and not char.isalpha() else None


def _sequence(items: list[tuple[Any, Any]]) -> _Piece:
    """Literals required by a run of regex items: every stretch that spells out a set counts."""
    pieces = _pieces(items)
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = _UNKNOWN  # what the matched text since the last unenumerable piece ends with
    whole = True
    for piece in pieces:
        candidates.extend(piece.options)
        joined = _join(run, piece.exact) if piece.exact is not None else None
        if joined is not None:
            run = joined
            continue
        whole = False
        run = _minimal(run, str.endswith)
        candidates.append(_join(run, piece.first) or run)
        run = piece.exact if piece.exact is not None else piece.last
    candidates.append(run)
    options = _rank(candidates)
    if whole:
        return _Piece(run, options, run, run)
    return _Piece(None, options, _edge(pieces, first=True), _edge(pieces[::-1], first=False))


def _pieces(items: list[tuple[Any, Any]]) -> list[_Piece]:
    """The items analysed one by one, a word of plain literals as one piece (the lexicon is long)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    pieces: list[_Piece] = []
    word: list[str] = []
    for op, av in items:
        char = _usable(av) if op is sre.LITERAL else None
        if char is not None:
            word.append(char)
            continue
        if word:
            pieces.append(_known(frozenset({"".join(word)})))
            word = []
        pieces.append(_node(op, av))
    if word:
        pieces.append(_known(frozenset({"".join(word)})))
    return pieces


def _edge(pieces: list[_Piece], first: bool) -> frozenset[str]:
    """The strings every match of a sequence starts (or ends) with, from its outer pieces inwards."""
    acc: frozenset[str] = _UNKNOWN
    for piece in pieces:
        if piece.exact is not None:
            joined = _join(acc, piece.exact) if first else _join(piece.exact, acc)
            if joined is not None:
                acc = joined
                continue
        part = piece.first if first else piece.last
        acc = (_join(acc, part) if first else _join(part, acc)) or acc
        break
    return _minimal(acc, str.startswith if first else str.endswith)


def _node(op: Any, av: Any) -> _Piece:
    from re import _constants as sre  # type: ignore[attr-defined]

    if op is sre.LITERAL:
        char = _usable(av)
        return _known(frozenset({char})) if char is not None else _NOTHING
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.CATEGORY and value is sre.CATEGORY_SPACE:
                chars.add(" ")  # any white space folds to " "
                continue
            codes = [value] if kind is sre.LITERAL else range(value[0], value[1] + 1) if kind is sre.RANGE else None
            if codes is None or len(codes) > _EXACT_LIMIT:
                return _NOTHING
            for code in codes:
                char = _usable(code)
                if char is None:
                    return _NOTHING
                chars.add(char)
        return _known(frozenset(chars)) if chars else _NOTHING
    if op is sre.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is sre.BRANCH:
        alts = [_sequence(list(alt)) for alt in av[1]]

        def union(sets: list[frozenset[str] | None]) -> frozenset[str] | None:
            if any(s is None for s in sets):
                return None
            merged = frozenset().union(*(s for s in sets if s is not None))
            return merged if len(merged) <= _EXACT_LIMIT else None

        options: tuple[frozenset[str], ...] = ()
        if all(a.options for a in alts):
            options = _rank([frozenset().union(*(a.options[0] for a in alts))])
        first, last = union([a.first for a in alts]), union([a.last for a in alts])
        return _Piece(union([a.exact for a in alts]), options, first or _UNKNOWN, last or _UNKNOWN)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        inner = _sequence(list(body))
        if low == 0:
            optional = inner.exact | _UNKNOWN if high == 1 and inner.exact is not None else None
            return _Piece(optional, (), _UNKNOWN, _UNKNOWN)
        if low == high == 1:
            return inner
        return _Piece(None, inner.options, inner.first, inner.last)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # zero-width: consumes nothing, so the runs on either side still join
    return _NOTHING


def _add(a: dict[str, int], b: dict[str, int], times: int = 1) -> dict[str, int]:
    out = dict(a)
    for key, value in b.items():
        out[key] = out.get(key, 0) + value * times
    return out


def _widths(items: list[tuple[Any, Any]]) -> tuple[dict[str, int], dict[str, int]]:
    """Upper bounds, as linear forms, on the characters a match consumes and the engine reads."""
    from re import _constants as sre  # type: ignore[attr-defined]

    width: dict[str, int] = {}
    reach: dict[str, int] = {}
    for op, av in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.CATEGORY):
            w = r = {"": 1}
        elif op is sre.SUBPATTERN:
            w, r = _widths(list(av[-1]))
        elif op is sre.ATOMIC_GROUP:
            w, r = _widths(list(av))
        elif op is sre.BRANCH:
            w, r = {}, {}
            for alt in av[1]:
                aw, ar = _widths(list(alt))
                w = {k: max(w.get(k, 0), aw.get(k, 0)) for k in w.keys() | aw.keys()}
                r = {k: max(r.get(k, 0), ar.get(k, 0)) for k in r.keys() | ar.keys()}
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            _, high, body = av
            if high == sre.MAXREPEAT:
                w = r = {_run_class(list(body)): 1}  # all repetitions together: one run of the class
            else:
                bw, br = _widths(list(body))
                w, r = _add({}, bw, high), _add({}, br, high)
        elif op is sre.AT:
            w = r = {}
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = av
            w = {}
            r = _widths(list(body))[1] if direction == 1 else {}  # a look-behind reads leftwards only
        else:
            raise _Unbounded(str(op))
        width, reach = _add(width, w), _add(reach, r)
    return width, reach


def _run_class(items: list[tuple[Any, Any]]) -> str:
    """A character class holding every character an unbounded repeat's body can consume."""
    from re import _constants as sre  # type: ignore[attr-defined]

    parts: list[str] = []

    def collect(seq: list[tuple[Any, Any]]) -> None:
        for op, av in seq:
            if op is sre.LITERAL:
                parts.append(re.escape(chr(av)))
            elif op is sre.IN:
                for kind, value in av:
                    if kind is sre.LITERAL:
                        parts.append(re.escape(chr(value)))
                    elif kind is sre.RANGE:
                        parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                    elif kind is sre.CATEGORY and str(value) in _RUN_CATEGORIES:
                        parts.append(_RUN_CATEGORIES[str(value)])
                    else:
                        raise _Unbounded(str(kind))
            elif op is sre.CATEGORY and str(av) in _RUN_CATEGORIES:
                parts.append(_RUN_CATEGORIES[str(av)])
            elif op is sre.SUBPATTERN:
                collect(list(av[-1]))
            elif op is sre.BRANCH:
                for alt in av[1]:
                    collect(list(alt))
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                collect(list(av[2]))
            else:
                raise _Unbounded(str(op))  # a look-around inside a repeat reads beyond the run

    collect(items)
    return "[" + "".join(sorted(set(parts))) + "]"
