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
from collections.abc import Callable, Sequence
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

# Token attributes the index can read, in the order of the tuples built per token.
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ATTR_IDS = [TAG, LOWER, DEP, IS_SPACE]
_INDEXED = ("LOWER", "TAG", "DEP")  # most selective first
_Test = Callable[[tuple[str, str, str, bool]], bool]
Match = tuple[int, int, int, int]  # (rule number, rule key, start, end), as the ruler sorts them
_Rule = tuple[int, int, list[_Test]]  # (rule number, rule key, one test per token)
_Learnt = tuple[list[tuple[int, int]], list[_Rule]]
#: Stands for every word no rule's first token can tell apart (hashes are never negative); its
#: string is one no rule names or matches.
_OTHER = -1
_OTHER_WORD = "\x00"


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
    the word only if some rule's first token names it (or a pattern of it matches): every other
    word is the same to the rules. So each (tag, word or "any other word", dependency, is-space)
    is worked out once and remembered: a few thousand combinations on a long corpus, not one per
    word of its vocabulary (up to :attr:`MAX_REMEMBERED` of each table, then forgotten and
    relearnt).
    """

    MAX_REMEMBERED = 100_000

    def __init__(self, rules: list[tuple[_Rule, dict[str, Any]]]) -> None:
        self.buckets: dict[str, dict[str, list[_Rule]]] = {f: {} for f in _INDEXED}
        self.unindexed: list[_Rule] = []
        self.seen: dict[tuple[int, ...], _Learnt] = {}
        self.words: set[int] = set()  # hashes of the words a first token names, in or out
        self.shapes: list[Callable[[str], Any]] = []  # patterns a first token's word may match
        self.word_class: dict[int, int] = {}  # word hash -> itself if it matters, else _OTHER
        for item, first in rules:
            self._note_words(first.get("LOWER"))
            field, values = _index_of(first)
            if field is None:
                self.unindexed.append(item)
            else:
                for value in values:
                    self.buckets[field].setdefault(value, []).append(item)

    def _note_words(self, want: Any) -> None:
        if isinstance(want, str):
            self.words.add(get_string_id(want))
        elif isinstance(want, dict):
            for op, arg in want.items():
                if op == "REGEX":
                    self.shapes.append(re.compile(arg).search)
                else:
                    self.words.update(get_string_id(w) for w in arg)

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
        codes = doc.to_array(_ATTR_IDS).tolist()
        seen, word_class = self.seen, self.word_class
        found: set[Match] = set()
        n = len(codes)
        rows: dict[int, tuple[str, str, str, bool]] = {}
        strings = doc.vocab.strings
        for start, (tag, lower, dep, space) in enumerate(codes):
            word = word_class.get(lower)
            if word is None:
                word = self._classify(lower, strings)
            key = (tag, word, dep, space)
            hit = seen.get(key)
            if hit is None:
                hit = self._learn(key, strings)
            singles, longer = hit
            for rule, rule_key in singles:
                found.add((rule, rule_key, start, start + 1))
            for rule, rule_key, tests in longer:
                end = start + len(tests)
                if end <= n and all(test(rows.get(start + i) or _row(codes, rows, start + i, strings))
                                    for i, test in enumerate(tests) if i):
                    found.add((rule, rule_key, start, end))
        return sorted(found)

    def _classify(self, lower: int, strings: StringStore) -> int:
        """The word itself if a rule's first token could tell it apart, else :data:`_OTHER`."""
        matters = not lower or lower in self.words or any(shape(strings[lower]) for shape in self.shapes)
        if len(self.word_class) >= self.MAX_REMEMBERED:
            self.word_class.clear()
        self.word_class[lower] = word = lower if matters else _OTHER
        return word

    def _learn(self, key: tuple[int, ...], strings: StringStore) -> _Learnt:
        """Which one-token rules a token with these attributes meets, and which longer rules it
        may start."""
        row = _strings(key, strings)
        tag, lower, dep, _ = row
        empty: list[_Rule] = []
        singles: set[tuple[int, int]] = set()
        longer: dict[tuple[int, int, int], _Rule] = {}
        for item in (*self.buckets["LOWER"].get(lower, empty), *self.buckets["TAG"].get(tag, empty),
                     *self.buckets["DEP"].get(dep, empty), *self.unindexed):
            rule, rule_key, tests = item
            if tests[0](row):
                if len(tests) == 1:
                    singles.add((rule, rule_key))
                else:
                    longer[(rule, rule_key, id(tests))] = item
        if len(self.seen) >= self.MAX_REMEMBERED:
            self.seen.clear()
        learnt = (sorted(singles), list(longer.values()))
        self.seen[key] = learnt
        return learnt


def _strings(code: Sequence[int], strings: StringStore) -> tuple[str, str, str, bool]:
    tag, lower, dep, space = code
    word = _OTHER_WORD if lower == _OTHER else strings[lower] if lower else ""
    return (strings[tag] if tag else "", word, strings[dep] if dep else "", bool(space))


def _row(codes: list[list[int]], rows: dict[int, tuple[str, str, str, bool]], i: int,
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
