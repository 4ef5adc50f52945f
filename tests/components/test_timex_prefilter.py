"""The timex patterns' prefilter: it may only skip work, never change what a pattern finds.

Every pattern is run both ways (the plain ``finditer`` over the whole text, and the prefiltered one)
over hand-written news sentences and over shuffled, re-cased and re-spaced mixtures of them; the
matches must be the same, span for span and group for group.
"""

from __future__ import annotations

import random
import re

import pytest

from detente.components.timex_patterns import load_lexicon, load_patterns
from detente.components.timex_prefilter import Prefilter, Scan, fold

PATTERNS = load_patterns(load_lexicon())

SENTENCES = [
    "The talks were held in Istanbul on May 16, 2025, and lasted nearly two hours.",
    "Shares fell 3% on Monday morning; by 10:30 a.m. EDT the index had recovered.",
    "The ceasefire expires at midnight GMT+3 on Friday, officials said three days ago.",
    "Sales in the third quarter of 2024 rose, and the year-earlier period had a loss.",
    "He served two terms in the 1990s and returned in the early 2000s.",
    "The plant has run 24 hours a day, seven days a week, for the past 18 months.",
    "Talks resumed the following week, the day after the vote, and again last Tuesday.",
    "Q3 profit doubled; the company reports quarterly and pays a dividend every three months.",
    "The strike began at 0600 hours Z and ended at 14:45 on 3/4/2021, or 2021-03-04.",
    "By the end of next year, and no later than mid-2026, the rules take effect.",
    "The summer of 2019 was dry; in the spring the rains returned, in the Sixties too.",
    "Christmas Eve and New Year's Day fell on a weekend; Easter Monday did not.",
    "Nineteen ninety-nine was the year; a 45-year-old man was held for a six-month term.",
    "Currently, officials say, the future is uncertain, and recently the past weighs.",
    "The bill passed Wednesday night, the morning of June 3, two weeks earlier.",
]

# characters the case-insensitive engine treats specially: the Kelvin sign matches "k", the long
# s matches "s", the dotless i matches "i"; plus white space of several kinds
ODD = ["\u212a", "\u017f", "\u0131", "\t", "\n", "\u00a0", "\u2003", "  ", "\n\n\n"]


def _matches(regex: re.Pattern[str], found) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in found]


def _assert_same(text: str) -> None:
    scan = Scan(text)
    for pattern in PATTERNS:
        plain = _matches(pattern.regex, pattern.regex.finditer(text))
        filtered = _matches(pattern.regex, pattern.finditer(scan))
        assert filtered == plain, f"{pattern.name} differs on {text!r}"


@pytest.mark.parametrize("text", SENTENCES)
def test_prefilter_finds_what_the_plain_scan_finds(text):
    _assert_same(text)
    _assert_same(text.upper())
    _assert_same(" ".join(SENTENCES[:5]) + " " + text)


def test_prefilter_on_shuffled_mixtures():
    """Sentences cut into words, mixed, re-cased and joined by odd white space and characters."""
    rng = random.Random(20250517)
    words = " ".join(SENTENCES).split()
    for _ in range(60):
        picked = [rng.choice(words) for _ in range(rng.randint(5, 400))]
        parts = []
        for word in picked:
            if rng.random() < 0.1:
                word = word.upper() if rng.random() < 0.5 else word.capitalize()
            if rng.random() < 0.05:
                word = word.replace("k", "\u212a").replace("s", "\u017f").replace("i", "\u0131")
            parts.append(word)
            parts.append(rng.choice(ODD) if rng.random() < 0.15 else " ")
        _assert_same("".join(parts))


def test_a_pattern_whose_words_are_absent_is_not_run():
    scan = Scan("The minister spoke to reporters outside parliament.")
    weekend = next(p for p in PATTERNS if p.name == "the_weekend")
    assert weekend.prefilter is not None
    assert list(weekend.finditer(scan)) == []
    assert scan.count("weekend") == 0


def test_required_literals_are_read_off_the_pattern():
    regex = re.compile(r"(?<!\w)(?:the\s+(?:week|month)|(?P<n>\d+)\s+quarters?)(?!\w)", re.IGNORECASE)
    prefilter = Prefilter.of(regex)
    assert prefilter is not None
    assert {"week", "month", "quarter"} <= set().union(*prefilter.options)
    assert all("quarter" in s or s in ("week", "month") or "the" in s for o in prefilter.options for s in o)


def test_a_pattern_that_can_match_nothing_has_no_prefilter():
    assert Prefilter.of(re.compile(r"(?:\d+)?", re.IGNORECASE)) is None
    assert Prefilter.of(re.compile(r"\w+\d", re.IGNORECASE)) is None  # no literal required


def test_fold_keeps_offsets_and_maps_what_ignorecase_matches():
    text = "MAY\t16 \u212aelvin \u017fix caf\u00e9\u2003NOW"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "may 16 kelvin six caf\u00e9 now"
