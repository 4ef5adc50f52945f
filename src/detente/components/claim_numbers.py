"""Read the number at the start of a quantity phrase: digits, words, multipliers, ranges, X-for-X.

Works on tokens but decides glue (``$5m``, ``twenty-five``, ``1,000-for-1,000``) from the
characters, because the spaCy tokenizer splits these forms differently ("1.2bn" is one token,
"$5m" three, "1,000-for-1,000" becomes "1,000" "-" "for-1,000"). Conventions, chosen so two
coders would agree on the value:

* ``2.5 million`` -> 2500000; ``a thousand`` -> 1000; ``half a million`` -> 500000; ``a dozen`` -> 12.
* vague plurals ("dozens", "hundreds", "thousands of") are not numbers: no value to agree on.
* a range ("between 10 and 20", "10-20", "10 to 20") -> the lower bound, flagged ``is_range`` so the
  caller gives it the range qualifier (``at_least``); "from 10 to 20" is a change, not a range.
* ``1,000-for-1,000`` -> 1000 (the per-side count of an exchange).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from detente.components.claim_lexicon import ClaimLexicon
from detente.doc import text_of

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
GLUED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$", re.IGNORECASE)
RANGE_TOKEN = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)[–-](?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
X_FOR_X = re.compile(r"\s*[-–]\s*for\s*[-–]\s*(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@dataclass(frozen=True)
class NumberCore:
    """Token range [start, end) of a number (range and X-for-X included) and its value."""

    start: int
    end: int
    value: float
    is_range: bool = False
    is_word: bool = False
    is_x_for_x: bool = False


def digit_value(text: str, lex: ClaimLexicon) -> float | None:
    """'1,000' -> 1000, '2.5' -> 2.5, '1.2bn' -> 1.2e9; anything else (F-16, 16th, 10:00) -> None."""
    if DIGITS.match(text):
        return float(text.replace(",", ""))
    m = GLUED.match(text)
    if m and m.group(2).lower() in lex.suffixes:
        return float(m.group(1).replace(",", "")) * lex.suffixes[m.group(2).lower()]
    return None


def _glued(a: Token, b: Token) -> bool:
    """No whitespace between two adjacent tokens."""
    return b.i == a.i + 1 and not a.whitespace_


def _read_digits(doc: Doc, i: int, lex: ClaimLexicon) -> tuple[int, float, float] | None:
    """Digits plus an optional multiplier ('2.5 million', '$5m'): (end, value, multiplier)."""
    base = digit_value(doc[i].text, lex)
    if base is None:
        return None
    end, mult = i + 1, 1.0
    if end < len(doc):
        nxt = doc[end].lower_
        if nxt in lex.scales and nxt != "dozen":
            mult, end = lex.scales[nxt], end + 1
        elif nxt in lex.suffixes and _glued(doc[i], doc[end]):
            mult, end = lex.suffixes[nxt], end + 1
    return end, base * mult, mult


def _word_allowed(doc: Doc, j: int, prev: str | None, lex: ClaimLexicon) -> bool:
    """Can token j continue a spelled-out number after the word ``prev``?"""
    w = doc[j].lower_
    nxt = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if w in lex.articles:
        return (prev is None or prev in lex.fractions) and (nxt in lex.scales or nxt in lex.fractions)
    if w in lex.fractions:
        return nxt in lex.scales or nxt in lex.articles
    if w == "and":
        return prev in lex.scales and (nxt in lex.units or nxt in lex.tens)
    if w == "-":
        glued = _glued(doc[j - 1], doc[j]) and _glued(doc[j], doc[j + 1])
        return prev in lex.tens and nxt in lex.units and glued
    return w in lex.units or w in lex.tens or w in lex.scales


def _read_words(doc: Doc, i: int, lex: ClaimLexicon) -> tuple[int, float, float] | None:
    """Spelled-out numbers ('two hundred and fifty', 'a thousand'): (end, value, last scale)."""
    total, current, mult, prev, j = 0.0, 0.0, 1.0, None, i
    seen = False
    while j < len(doc) and _word_allowed(doc, j, prev, lex):
        w = doc[j].lower_
        if w in lex.articles:
            current = current or 1.0
        elif w in lex.fractions:
            current += lex.fractions[w]
        elif w in lex.scales:
            mult = lex.scales[w]
            current = (current or 1.0) * mult
            if mult >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif w in lex.units or w in lex.tens:
            current += lex.units.get(w, lex.tens.get(w, 0.0))
            seen = True
        prev, j = w, j + 1
    if not seen:
        return None
    return j, total + current, mult


def read_plain(doc: Doc, i: int, lex: ClaimLexicon) -> tuple[int, float, float, bool] | None:
    """One number at token i: (end, value, multiplier, spelled_out) or None."""
    got = _read_digits(doc, i, lex)
    if got:
        return (*got, False)
    words = _read_words(doc, i, lex)
    return (*words, True) if words else None


def _x_for_x_end(doc: Doc, end: int) -> int | None:
    """Token end of a '-for-1,000' tail glued to the number ending before token ``end``."""
    if end >= len(doc):
        return None
    from_char = doc[end - 1].idx + len(doc[end - 1].text)
    m = X_FOR_X.match(text_of(doc), from_char)
    if not m or m.group(0)[0].isspace():
        return None
    stop = m.end()
    j = end
    while j < len(doc) and doc[j].idx < stop:
        j += 1
    return j if doc[j - 1].idx + len(doc[j - 1].text) == stop else None


def _range_end(doc: Doc, i: int, end: int, mult: float, lex: ClaimLexicon) -> tuple[int, float] | None:
    """If a second number follows as the top of a range, its end and the lower bound's multiplier."""
    if end + 1 >= len(doc):
        return None
    prev = doc[i - 1].lower_ if i > 0 else ""
    if prev in lex.range_not_after:
        return None
    joiner = doc[end].lower_
    opened = prev == lex.range_opener
    if not (joiner in lex.range_joiners or (opened and joiner == lex.range_opener_joiner)):
        return None
    second = read_plain(doc, end + 1, lex)
    if second is None:
        return None
    top_mult = second[2]
    return second[0], (top_mult if mult == 1.0 else mult)


def read_number(doc: Doc, i: int, lex: ClaimLexicon) -> NumberCore | None:
    """The number starting at token i (with its range top or X-for-X tail), or None."""
    one_token_range = RANGE_TOKEN.match(doc[i].text)
    if one_token_range:  # the tokenizer keeps "10–20" (en dash) whole
        return NumberCore(i, i + 1, float(one_token_range.group(1).replace(",", "")), is_range=True)
    plain = read_plain(doc, i, lex)
    if plain is None:
        return None
    end, value, mult, spelled = plain
    tail = _x_for_x_end(doc, end)
    if tail is not None:
        return NumberCore(i, tail, value, is_word=spelled, is_x_for_x=True)
    rng = _range_end(doc, i, end, mult, lex)
    if rng is not None:
        top_end, low_mult = rng
        low = value if mult != 1.0 else value * low_mult
        return NumberCore(i, top_end, low, is_range=True, is_word=spelled)
    return NumberCore(i, end, value, is_word=spelled)


def clean_value(value: float) -> float:
    """Integral values as int so the record shows 1000, not 1000.0."""
    return int(value) if float(value).is_integer() else round(value, 6)
