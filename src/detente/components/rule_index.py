"""The model's attribute rules, matched through an index instead of spaCy's general Matcher.

The packaged English model ends its parse with an ``attribute_ruler``: 179 one- or two-token
rules (a tag and a word, say) that set each token's coarse part of speech, morphology and some
lemmas. spaCy runs them through its general ``Matcher``, which tries every rule at every token:
on news text that was ~1.4 ms per 110-token article, as much as all detente's own components
together spend on time expressions and events.

Every rule's first token names an exact tag, word or dependency (or a short list of them), so a
token only needs the rules filed under its own tag, word and dependency. :func:`index_rules`
swaps the ruler's ``match`` for that lookup; the rules, their order of precedence and the
attributes they set stay the ruler's own, so the tokens come out exactly as before (a test
compares every token attribute on a corpus). A rule the index cannot express (a user's rule with
an operator such as ``"OP": "?"``, or a predicate other than ``IN``, ``NOT_IN`` and ``REGEX``)
leaves the ruler as spaCy made it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

# Token attributes the index can read, in the order of the tuples built per token.
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ATTR_IDS = [TAG, LOWER, DEP, IS_SPACE]
_INDEXED = ("LOWER", "TAG", "DEP")  # most selective first
_Test = Callable[[tuple[str, str, str, bool]], bool]
Match = tuple[int, int, int, int]  # (rule number, rule key, start, end), as the ruler sorts them
_Rule = tuple[int, int, list[_Test]]  # (rule number, rule key, one test per token)
_Learnt = tuple[list[tuple[int, int]], list[_Rule]]


def index_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Make the pipeline's attribute ruler match through an index; False if it was left alone."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    index = RuleIndex.build(ruler)
    if index is None:
        return False
    ruler.match = index.match  # type: ignore[method-assign]
    return True


class RuleIndex:
    """The ruler's rules filed by the exact values their first token asks for.

    A one-token rule's outcome depends only on the token's (tag, word, dependency, is-space), and
    those combinations repeat across a corpus, so each combination's rules are worked out once and
    remembered (up to :attr:`MAX_REMEMBERED` combinations, then forgotten and relearnt).
    """

    MAX_REMEMBERED = 200_000

    def __init__(self, rules: list[tuple[_Rule, dict[str, Any]]]) -> None:
        self.buckets: dict[str, dict[str, list[_Rule]]] = {f: {} for f in _INDEXED}
        self.unindexed: list[_Rule] = []
        self.seen: dict[tuple[int, ...], _Learnt] = {}
        for item, first in rules:
            field, values = _index_of(first)
            if field is None:
                self.unindexed.append(item)
            else:
                for value in values:
                    self.buckets[field].setdefault(value, []).append(item)

    @classmethod
    def build(cls, ruler: AttributeRuler) -> RuleIndex | None:
        strings = ruler.vocab.strings
        rules: list[tuple[_Rule, dict[str, Any]]] = []
        for rule in range(len(ruler.attrs)):
            key = strings[str(rule)]
            entry = ruler.matcher.get(key)
            if entry is None:
                return None
            for pattern in entry[1]:
                tests = [_compile(spec) for spec in pattern]
                if not tests or None in tests:
                    return None
                rules.append(((rule, key, tests), pattern[0]))  # type: ignore[arg-type]
        return cls(rules)

    def match(self, doc: Doc) -> list[Match]:
        """The ruler's matches, sorted as ``AttributeRuler.match`` sorts them (later rules win)."""
        codes = list(map(tuple, doc.to_array(_ATTR_IDS).tolist()))
        seen = self.seen
        found: set[Match] = set()
        n = len(codes)
        rows: dict[int, tuple[str, str, str, bool]] = {}
        strings = doc.vocab.strings
        for start, code in enumerate(codes):
            hit = seen.get(code)
            if hit is None:
                hit = self._learn(code, strings)
            singles, longer = hit
            for rule, key in singles:
                found.add((rule, key, start, start + 1))
            for rule, key, tests in longer:
                end = start + len(tests)
                if end <= n and all(test(rows.get(start + i) or _row(codes, rows, start + i, strings))
                                    for i, test in enumerate(tests) if i):
                    found.add((rule, key, start, end))
        return sorted(found)

    def _learn(self, code: tuple[int, ...], strings: StringStore) -> _Learnt:
        """Which one-token rules a token with these attributes meets, and which longer rules it
        may start."""
        row = _strings(code, strings)
        tag, lower, dep, _ = row
        empty: list[_Rule] = []
        singles: set[tuple[int, int]] = set()
        longer: dict[tuple[int, int, int], _Rule] = {}
        for item in (*self.buckets["LOWER"].get(lower, empty), *self.buckets["TAG"].get(tag, empty),
                     *self.buckets["DEP"].get(dep, empty), *self.unindexed):
            rule, key, tests = item
            if tests[0](row):
                if len(tests) == 1:
                    singles.add((rule, key))
                else:
                    longer[(rule, key, id(tests))] = item
        if len(self.seen) >= self.MAX_REMEMBERED:
            self.seen.clear()
        learnt = (sorted(singles), list(longer.values()))
        self.seen[code] = learnt
        return learnt


def _strings(code: tuple[int, ...], strings: StringStore) -> tuple[str, str, str, bool]:
    tag, lower, dep, space = code
    return (strings[tag] if tag else "", strings[lower] if lower else "", strings[dep] if dep else "",
            bool(space))


def _row(codes: list[tuple[int, ...]], rows: dict[int, tuple[str, str, str, bool]], i: int,
         strings: StringStore) -> tuple[str, str, str, bool]:
    rows[i] = row = _strings(codes[i], strings)
    return row


def _index_of(spec: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The field and the values under which a rule whose first token is ``spec`` is filed."""
    for field in _INDEXED:
        value = spec.get(field)
        if isinstance(value, str):
            return field, [value]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return field, list(value["IN"])
    return None, []


def _compile(spec: dict[str, Any]) -> _Test | None:
    """One token's conditions as a test on (tag, lower, dep, is_space); None if not expressible."""
    checks: list[_Test] = []
    for field, want in spec.items():
        if field not in _FIELDS:
            return None
        at = _FIELDS.index(field)
        if field == "IS_SPACE":
            if not isinstance(want, bool):
                return None
            checks.append(lambda row, at=at, want=want: row[at] is want)
        elif isinstance(want, str):
            checks.append(lambda row, at=at, want=want: row[at] == want)
        elif isinstance(want, dict) and len(want) == 1:
            ((op, arg),) = want.items()
            if op == "IN":
                members = frozenset(arg)
                checks.append(lambda row, at=at, members=members: row[at] in members)
            elif op == "NOT_IN":
                members = frozenset(arg)
                checks.append(lambda row, at=at, members=members: row[at] not in members)
            elif op == "REGEX":
                search = re.compile(arg).search
                checks.append(lambda row, at=at, search=search: search(row[at]) is not None)
            else:
                return None
        else:
            return None
    return lambda row: all(check(row) for check in checks)
