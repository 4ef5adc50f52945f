"""The ``detente_claims`` component: numeric facts ("more than 5,000 soldiers a week") and who asserts them.

find -> set, like spaCy's SpanRuler: :func:`find_claims` scans the parsed ``Doc`` left to right
for numbers, grows each into its quantity phrase (qualifier, unit, of-phrase, rate), drops the
ones that are times, dates, ages or references, and names the speaker of the statement that
contains the number as ``claimed_by`` (null: the outlet asserts it). ``about`` is left to the
events component.

Conventions (CODEBOOK ``claims`` leaves them open; chosen so that two coders agree):

* vague quantities ("dozens", "hundreds of", "thousands") are not claims: they have no value;
* a range ("between 10 and 20 people") is its lower bound with qualifier ``at_least``;
* percentages are claims with unit "percent"; money is a claim with unit "dollars", "euros" …;
* a number with no counted noun ("killed 12") is not a claim: the unit is what makes it a fact;
* ``predicate`` is the verb as written, lowercased ("killing", "freed"), not its lemma;
* ``claimed_by`` uses the statement containing the *number*, so a rate or noun that runs past a
  closing quote does not lose the speaker.

Word lists live in ``components/claims/*.json`` (see :mod:`detente.components.claim_lexicon`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from detente.components.claim_lexicon import ClaimLexicon, load_lexicon
from detente.components.claim_numbers import NumberCore, clean_value, digit_value, read_number
from detente.components.claim_phrase import (
    Unit,
    find_unit,
    match_phrase,
    phrase_before,
    predicate_of,
    rate_after,
)
from detente.doc import layer, text_of
from detente.layers import Claim

log = logging.getLogger(__name__)

YEAR = re.compile(r"^\d{4}$")
#: every digit form ``read_number`` accepts (plain, glued "1.2bn", range "10–20") opens with a digit
DIGIT_START = re.compile(r"\d")
YEAR_RANGE = (1000, 2199)
#: what may sit right before a number glued to it without making it part of a name ("F-16", "Su-25")
GLUE_BREAKERS = {"-", "–", "/", ".", ":", "#"}
YEAR_PREPOSITIONS = {"in", "since", "of", "until", "by", "from", "before", "after", "during", "to", "between"}


@dataclass
class Context:
    """Per-document facts the rules consult: timex character spans and SET timexes by token."""

    timex_spans: list[tuple[int, int]] = field(default_factory=list)
    set_timexes: dict[int, tuple[int, str]] = field(default_factory=dict)


def build_context(doc: Doc) -> Context:
    """Index the timexes once per document (the claims must not overlap them; SETs give rates)."""
    ctx = Context()
    for tx in getattr(doc._, "timexes", None) or []:
        ctx.timex_spans.append((tx.start_char, tx.end_char))
        if tx.type == "SET":
            span = doc.char_span(tx.start_char, tx.end_char, alignment_mode="expand")
            if span is not None:
                ctx.set_timexes[span.start] = (span.end, tx.value)
    return ctx


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _is_date_or_name(doc: Doc, core: NumberCore, lex: ClaimLexicon) -> bool:
    """Numbers that are parts of dates, times, model names or years, not counts."""
    first, last = doc[core.start], doc[core.end - 1]
    if core.start > 0:
        prev = doc[core.start - 1]
        if not prev.whitespace_ and (prev.text in GLUE_BREAKERS or prev.is_alpha):
            return True
        if prev.lower_ in lex.months:
            return True
    if core.end < len(doc):
        nxt = doc[core.end]
        if nxt.lower_ in lex.months or (not last.whitespace_ and nxt.text in (":", "/")):
            return True
    if YEAR.match(first.text) and not core.is_x_for_x:
        value = int(first.text)
        prev = doc[core.start - 1].lower_ if core.start > 0 else ""
        if YEAR_RANGE[0] <= value <= YEAR_RANGE[1] and (
            first.ent_type_ in ("DATE", "TIME") or prev in YEAR_PREPOSITIONS
        ):
            return True
    return False


def _year_modifier(doc: Doc, core: NumberCore, unit: Unit) -> bool:
    """'the 2025 budget': a year-like number before a singular noun is a date, not a count."""
    first = doc[core.start]
    if not YEAR.match(first.text) or core.is_x_for_x or core.end - core.start != 1:
        return False
    return unit.compound or doc[unit.head].tag_ not in ("NNS", "NNPS")


def _is_reference(doc: Doc, core: NumberCore, lex: ClaimLexicon) -> bool:
    """'one of the', 'the one who', 'the two sides': a number that refers rather than counts."""
    prev = doc[core.start - 1] if core.start > 0 else None
    if prev is not None and prev.lower_ in lex.definite and core.value <= lex.definite_max:
        return True
    if not (core.is_word and core.end - core.start == 1 and core.value == 1):
        return False
    nxt = doc[core.end] if core.end < len(doc) else None
    if nxt is None or nxt.lower_ in lex.one_followers or nxt.lemma_.lower() in lex.one_generic:
        return True
    return prev is not None and prev.pos_ in ("DET", "PRON")


def _is_vague_or_ratio(doc: Doc, core: NumberCore, lex: ClaimLexicon) -> bool:
    """'several hundred soldiers' (vague), '1 in 5 homes' (a ratio): no count to record."""
    if doc[core.start].lower_ in lex.scales:
        return True
    if core.start > 0 and doc[core.start - 1].lower_ in lex.vague:
        return True
    for joiner in lex.ratio_joiners:
        k = core.start - len(joiner)
        if k > 0 and tuple(t.lower_ for t in doc[k : core.start]) == joiner:
            before = doc[k - 1]
            if digit_value(before.text, lex) is not None or lex.number_word(before.text) is not None:
                return True
    return False


def _counts_time(doc: Doc, start: int, unit: Unit, lex: ClaimLexicon) -> bool:
    """'two hours', '30-day ceasefire', '42-year-old': durations and ages are timexes."""
    words = {w for k in range(start, unit.head + 1) for w in (doc[k].lemma_.lower(), doc[k].lower_)}
    return not words.isdisjoint(lex.time_nouns)


def _quantity_unit(doc: Doc, core: NumberCore, lex: ClaimLexicon) -> tuple[int, Unit | None, str | None]:
    """Unit of the phrase: currency before, percent after, or the counted noun. Returns
    (span start token, unit, qualifier found after the number)."""
    start, j = core.start, core.end
    after_q = match_phrase(doc, j, lex.qualifiers_after)
    if after_q:
        j = after_q[0]
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.lower_ in lex.currencies:
        return start - 1, Unit(lex.currencies[prev.lower_], core.end - 1, j), _q(after_q)
    pct = match_phrase(doc, j, lex.percent)
    if pct:
        return start, Unit("percent", core.end - 1, pct[0]), _q(after_q)
    return start, find_unit(doc, j, core.value, lex, core.is_x_for_x), _q(after_q)


def _q(found: tuple[int, object] | None) -> str | None:
    return str(found[1]) if found else None


def _qualifier(doc: Doc, core: NumberCore, start: int, lex: ClaimLexicon) -> tuple[int, str]:
    """The qualifier before the phrase and the token where the span then starts."""
    if core.is_range:
        opener = start > 0 and doc[start - 1].lower_ == lex.range_opener
        return (start - 1 if opener else start), lex.range_qualifier
    before = phrase_before(doc, start, lex.qualifiers_before)
    if before:
        return before
    return start, "exact"


def _tail(doc: Doc, end: int, lex: ClaimLexicon, ctx: Context) -> tuple[int, str | None, str | None]:
    """After the noun: a trailing qualifier ('or more'), a rate ('a week') or distributive 'each'."""
    qual = None
    after_q = match_phrase(doc, end, lex.qualifiers_after)
    if after_q:
        end, qual = after_q[0], str(after_q[1])
    rate = rate_after(doc, end, lex, ctx.set_timexes)
    if rate:
        return rate[0], rate[1], qual
    dist = match_phrase(doc, end, lex.distributive)
    if dist:
        end = dist[0]
    return end, None, qual


def speaker_of(doc: Doc, chars: tuple[int, int]) -> str | None:
    """The speaker of the statement whose content contains these characters, else None."""
    for st in getattr(doc._, "statements", None) or []:
        if st.start_char <= chars[0] and chars[1] <= st.end_char:
            return st.speaker
    return None


def claim_at(doc: Doc, i: int, lex: ClaimLexicon, ctx: Context) -> tuple[Claim | None, int]:
    """Try to read a claim whose number starts at token i: (claim or None, next token to scan)."""
    core = read_number(doc, i, lex)
    if core is None:
        return None, i + 1
    core_chars = (doc[core.start].idx, doc[core.end - 1].idx + len(doc[core.end - 1].text))
    if (
        _overlaps(core_chars, ctx.timex_spans)
        or _is_date_or_name(doc, core, lex)
        or _is_reference(doc, core, lex)
        or _is_vague_or_ratio(doc, core, lex)
    ):
        return None, core.end
    start, unit, after_q = _quantity_unit(doc, core, lex)
    if unit is None or (unit.text not in lex.currencies.values() and _counts_time(doc, core.end, unit, lex)):
        return None, core.end
    if _year_modifier(doc, core, unit):
        return None, core.end
    start, qualifier = _qualifier(doc, core, start, lex)
    end, per, tail_q = _tail(doc, unit.end, lex, ctx)
    if qualifier == "exact":
        qualifier = after_q or tail_q or qualifier
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    claim = Claim(
        id="",
        start_char=s,
        end_char=e,
        text=text_of(doc)[s:e],
        value=clean_value(core.value),
        qualifier=qualifier,
        unit=unit.text,
        per=per,
        predicate=predicate_of(doc[unit.head], unit, start),
        claimed_by=speaker_of(doc, core_chars),
    )
    return claim, end


def find_claims(doc: Doc, lex: ClaimLexicon) -> list[Claim]:
    """All claims in text order with ids c1, c2 …; one odd number never voids the rest."""
    ctx = build_context(doc)
    found: list[Claim] = []
    # only a digit or a number word can start a number, so only those tokens are tried; they are
    # found by hash and character offset, as reading every token's text costs more than the rules
    words = _ids(lex.number_starts)
    digits = {m.start() for m in DIGIT_START.finditer(text_of(doc))}
    starts = [t.i for t in doc if t.lower in words or t.idx in digits]
    i = 0
    for start in starts:
        if start < i:
            continue  # inside the claim (or the number) read before
        try:
            claim, nxt = claim_at(doc, start, lex, ctx)
        except Exception:  # one malformed phrase must not void the article (STYLE practice 3)
            log.exception("W-CLM02 claims: skipped the number at token %d", start)
            claim, nxt = None, start + 1
        if claim is not None:
            claim.id = f"c{len(found) + 1}"
            found.append(claim)
        i = max(nxt, start + 1)
    return found


@lru_cache(maxsize=4)
def _ids(words: frozenset[str]) -> frozenset[int]:
    """The spaCy string hashes of these words (``Token.lower`` is the hash of ``Token.lower_``)."""
    return frozenset(get_string_id(w) for w in words)


class ClaimsComponent:
    """Adds ``doc._.claims``; holds its lexicon so workers need no module globals."""

    def __init__(self, lexicon: ClaimLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        claims = layer(doc, "claims")
        claims[:] = find_claims(doc, self.lexicon)
        return doc


@Language.factory(
    "detente_claims",
    requires=["doc._.timexes", "doc._.statements"],
    assigns=["doc._.claims"],
    default_config={"data_dir": None},
)
def make_claims(nlp: Language, name: str, data_dir: str | None) -> ClaimsComponent:
    """Build the component; the word lists are read once here, from ``data_dir`` or the package."""
    return ClaimsComponent(load_lexicon(data_dir))
