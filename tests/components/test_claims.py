"""Tests for ``detente_claims``: the data files, number reading on hand-built Docs, and phrases on
self-written sentences parsed by the packaged model (only the claims component runs; timexes and
statements are set by hand so this file does not depend on those components)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente import layers
from detente.components.claim_lexicon import DATA_DIR, SCHEMAS, ClaimLexiconError, load_lexicon
from detente.components.claim_numbers import read_number
from detente.components.claims import find_claims
from detente.pipeline import MODEL

#: an English vocab gives tokens their lexical attributes (lower_, like_num) without a model
VOCAB = spacy.blank("en").vocab
QUALIFIERS = {"exact", "about", "more_than", "less_than", "at_least", "at_most", "nearly", "up_to"}


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


# --- data files -----------------------------------------------------------------------------


def test_data_files_load_and_carry_their_schema():
    for stem, (schema, keys) in SCHEMAS.items():
        data = json.loads((DATA_DIR / f"{stem}.json").read_text(encoding="utf-8"))
        assert data["schema"] == schema
        assert set(keys) <= set(data)
    lexicon = load_lexicon()
    assert lexicon.number_word("nine") == 9
    assert lexicon.number_word("thousand") == 1000
    assert lexicon.suffixes["bn"] == 1e9


def test_qualifier_table_only_uses_codebook_values(lex):
    values = set(lex.qualifiers_before.values()) | set(lex.qualifiers_after.values()) | {lex.range_qualifier}
    assert values <= QUALIFIERS


def test_rate_table_values_are_iso_durations(lex):
    for value in [*lex.rate_periods.values(), *lex.rate_adverbs.values()]:
        assert value.startswith("P")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(schema="wrong/1"), "schema"),
        (lambda d: d.pop("units"), "missing keys"),
    ],
)
def test_loader_rejects_broken_files(tmp_path: Path, edit, message):
    for stem in SCHEMAS:
        shutil.copy(DATA_DIR / f"{stem}.json", tmp_path / f"{stem}.json")
    data = json.loads((tmp_path / "numbers.json").read_text(encoding="utf-8"))
    edit(data)
    (tmp_path / "numbers.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ClaimLexiconError, match=message):
        load_lexicon(tmp_path)


def test_loader_reports_missing_file(tmp_path: Path):
    with pytest.raises(ClaimLexiconError, match="W-CLM01"):
        load_lexicon(tmp_path)


# --- number reading on hand-built Docs (no model) ----------------------------------------


@pytest.mark.parametrize(
    ("words", "spaces", "value", "end", "is_range"),
    [
        (["1,000", "people"], None, 1000, 1, False),
        (["2.5", "million", "people"], None, 2_500_000, 2, False),
        (["1.2bn", "dollars"], None, 1_200_000_000, 1, False),
        (["5", "m"], [False, True], 5_000_000, 2, False),
        (["nine", "civilians"], None, 9, 1, False),
        (["a", "thousand", "troops"], None, 1000, 2, False),
        (["two", "hundred", "and", "fifty", "men"], None, 250, 4, False),
        (["twenty", "-", "five", "men"], [False, False, True, True], 25, 3, False),
        (["half", "a", "million", "refugees"], None, 500_000, 3, False),
        (["a", "dozen", "tanks"], None, 12, 2, False),
        (["10", "to", "20", "million", "people"], None, 10_000_000, 4, True),
        (["10–20", "guns"], None, 10, 1, True),
        (["1,000", "-", "for-1,000", "exchange"], [False, False, True, False], 1000, 3, False),
    ],
)
def test_read_number(lex, words, spaces, value, end, is_range):
    doc = Doc(VOCAB, words=words, spaces=spaces)
    core = read_number(doc, 0, lex)
    assert core is not None
    assert (core.value, core.end, core.is_range) == (value, end, is_range)


@pytest.mark.parametrize("words", [["F-16"], ["16th"], ["10:00"], ["dozens"], ["a", "week"], ["first"]])
def test_read_number_rejects_non_numbers(lex, words):
    assert read_number(Doc(VOCAB, words=words), 0, lex) is None


# --- phrases on parsed sentences ----------------------------------------------------------


@pytest.fixture(scope="module")
def claims_nlp() -> Language:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("detente_claims")
    return nlp


@pytest.fixture(scope="module")
def run_claims(claims_nlp):
    """Parse with the model, set the upstream layers by hand, run only the claims component."""

    def _run(text: str, timexes=(), statements=()) -> Doc:
        doc = claims_nlp(text, disable=["detente_claims"])
        doc._.timexes = list(timexes)
        doc._.statements = list(statements)
        return claims_nlp.get_pipe("detente_claims")(doc)

    return _run


CASES = [
    # digits, qualifiers, adjectives dropped from the unit
    ("Both sides said 270 soldiers had been released.", [("270 soldiers", 270, "exact", "soldiers", None)]),
    (
        "The war is killing more than 5,000 Russian and Ukrainian soldiers a week, he said.",
        [("more than 5,000 Russian and Ukrainian soldiers a week", 5000, "more_than", "soldiers", "P1W")],
    ),
    ("Today almost 400 people are home.", [("almost 400 people", 400, "nearly", "people", None)]),
    ("Nearly 30 villages were shelled.", [("Nearly 30 villages", 30, "nearly", "villages", None)]),
    ("About 2.5 million people fled.", [("About 2.5 million people", 2_500_000, "about", "people", None)]),
    ("Some 40,000 children were deported.", [("Some 40,000 children", 40000, "about", "children", None)]),
    ("At least a thousand troops died.", [("At least a thousand troops", 1000, "at_least", "troops", None)]),
    (
        "Fewer than 100 aid workers remain.",
        [("Fewer than 100 aid workers", 100, "less_than", "aid workers", None)],
    ),
    ("Up to 40 drones were downed overnight.", [("Up to 40 drones", 40, "up_to", "drones", None)]),
    (
        "No more than 12 observers were allowed in.",
        [("No more than 12 observers", 12, "at_most", "observers", None)],
    ),
    ("Over 300 people were killed.", [("Over 300 people", 300, "more_than", "people", None)]),
    ("Ukraine received 300 or more tanks.", [("300 or more tanks", 300, "at_least", "tanks", None)]),
    # word numbers and multipliers
    ("Officials said nine civilians were killed.", [("nine civilians", 9, "exact", "civilians", None)]),
    (
        "Two hundred and fifty soldiers crossed the river.",
        [("Two hundred and fifty soldiers", 250, "exact", "soldiers", None)],
    ),
    (
        "Half a million refugees crossed the border.",
        [("Half a million refugees", 500_000, "exact", "refugees", None)],
    ),
    ("The army lost a dozen tanks.", [("a dozen tanks", 12, "exact", "tanks", None)]),
    (
        "The deaths of twenty-five civilians were confirmed.",
        [("twenty-five civilians", 25, "exact", "civilians", None)],
    ),
    ("The fund holds 1.2bn dollars.", [("1.2bn dollars", 1_200_000_000, "exact", "dollars", None)]),
    ("Washington pledged $5m in aid.", [("$5m", 5_000_000, "exact", "dollars", None)]),
    ("Turnout was 30% in the east.", [("30%", 30, "exact", "percent", None)]),
    ("About 40 per cent of voters agreed.", [("About 40 per cent", 40, "about", "percent", None)]),
    # ranges: the lower bound, at_least
    ("Between 10 and 20 people were hurt.", [("Between 10 and 20 people", 10, "at_least", "people", None)]),
    ("Rebels seized 10–20 howitzers.", [("10–20 howitzers", 10, "at_least", "howitzers", None)]),
    # X-for-X, units with of-phrases, partitives, rates
    (
        "The sides began the first stage of a 1,000-for-1,000 prisoner exchange.",
        [("1,000-for-1,000 prisoner exchange", 1000, "exact", "prisoners", None)],
    ),
    (
        "They agreed a 1000-for-1000 prisoner swap.",
        [("1000-for-1000 prisoner swap", 1000, "exact", "prisoners", None)],
    ),
    (
        "The talks ended with a deal to exchange 1,000 prisoners of war each.",
        [("1,000 prisoners of war each", 1000, "exact", "prisoners of war", None)],
    ),
    (
        "Some 3,000 members of parliament voted.",
        [("Some 3,000 members of parliament", 3000, "about", "members of parliament", None)],
    ),
    (
        "The ship carried 40,000 tonnes of grain.",
        [("40,000 tonnes of grain", 40000, "exact", "tonnes of grain", None)],
    ),
    (
        "Residents said 3,000 residents of the city fled.",
        [("3,000 residents", 3000, "exact", "residents", None)],
    ),
    (
        "Guards released 1,000 of the prisoners.",
        [("1,000 of the prisoners", 1000, "exact", "prisoners", None)],
    ),
    (
        "Kyiv said Russia launched 1,500 drones per month.",
        [("1,500 drones per month", 1500, "exact", "drones", "P1M")],
    ),
    ("Russia fires 300 shells daily at the city.", [("300 shells daily", 300, "exact", "shells", "P1D")]),
    (
        "The war displaced 6 million Ukrainians.",
        [("6 million Ukrainians", 6_000_000, "exact", "Ukrainians", None)],
    ),
    (
        "Ukraine and Russia each freed 390 people, and 120 civilians were released.",
        [("390 people", 390, "exact", "people", None), ("120 civilians", 120, "exact", "civilians", None)],
    ),
    (
        "More than 300 people were killed a year ago.",
        [("More than 300 people", 300, "more_than", "people", None)],
    ),
    # not claims: dates, years, times, durations, ordinals, ages, references, vague counts, names
    ("The delegations met on May 16 in Istanbul.", []),
    ("The first direct talks since 2022 were held in Istanbul.", []),
    ("The call is set for 10:00 a.m. on Monday.", []),
    ("The talks lasted nearly two hours.", []),
    ("The war has gone on for three years.", []),
    ("The second stage of the exchange begins soon.", []),
    ("A 42-year-old man was detained.", []),
    ("The sides agreed a 30-day ceasefire.", []),
    ("One of the soldiers said he was the one who fired.", []),
    ("The two sides met again.", []),
    ("Dozens of children and hundreds of soldiers were evacuated.", []),
    ("Several hundred protesters were detained.", []),
    ("The F-16 jets and S-400 systems were discussed.", []),
    ("The 2025 budget was approved on 16 May 2024.", []),
    ("Nearly 1 in 5 homes was damaged.", []),
    ("Putin, 72, said the talks were useful.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_claims(run_claims, text, expected):
    doc = run_claims(text)
    got = [(c.text, c.value, c.qualifier, c.unit, c.per) for c in doc._.claims]
    assert got == expected


PREDICATES = [
    ("Ukraine and Russia each freed 390 people on Friday.", "freed"),
    ("The sides agreed to exchange 1,000 prisoners of war.", "exchange"),
    ("Both sides said 270 soldiers had been released.", "released"),
    ("The bloodbath is killing more than 5,000 soldiers a week.", "killing"),
    ("Russia shot down 41 Ukrainian drones overnight.", "shot down"),
    ("The release of 390 prisoners was confirmed.", "release"),
    ("The first stage of a 1,000-for-1,000 prisoner exchange ended.", "exchange"),
    ("Today almost 400 people are home.", None),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "predicate"), PREDICATES)
def test_predicate(run_claims, text, predicate):
    (claim,) = run_claims(text)._.claims
    assert claim.predicate == predicate


@pytest.mark.slow
def test_claimed_by_comes_from_the_containing_statement(run_claims):
    text = 'Zelenskyy said: "Today, almost 400 people are home." Officials counted 270 soldiers.'
    start = text.index("Today")
    end = text.index('home."') + len("home.")
    statement = layers.Statement("s1", start, end, text[start:end], "direct", speaker="a1")
    doc = run_claims(text, statements=[statement])
    assert [(c.text, c.claimed_by) for c in doc._.claims] == [
        ("almost 400 people", "a1"),
        ("270 soldiers", None),
    ]


@pytest.mark.slow
def test_numbers_inside_timexes_are_skipped_and_set_timex_gives_the_rate(run_claims):
    text = "The talks lasted 2 hours and killed 5,000 soldiers every week."
    t1 = text.index("2 hours")
    t2 = text.index("every week")
    timexes = [
        layers.Timex("t1", t1, t1 + 7, "2 hours", "DURATION", "PT2H"),
        layers.Timex("t2", t2, t2 + 10, "every week", "SET", "P1W"),
    ]
    (claim,) = run_claims(text, timexes=timexes)._.claims
    assert (claim.text, claim.per) == ("5,000 soldiers every week", "P1W")


@pytest.mark.slow
def test_ids_in_order_and_spans_round_trip(run_claims):
    text = " ".join(t for t, _ in CASES)
    doc = run_claims(text)
    claims = doc._.claims
    assert len(claims) >= 30
    assert [c.id for c in claims] == [f"c{i}" for i in range(1, len(claims) + 1)]
    assert [c.start_char for c in claims] == sorted(c.start_char for c in claims)
    for c in claims:
        assert doc.text[c.start_char : c.end_char] == c.text
        assert c.qualifier in QUALIFIERS
        assert c.about is None


def test_find_claims_on_an_unparsed_doc_does_not_crash(lex):
    doc = Doc(VOCAB, words=["Officials", "counted", "270", "soldiers", "."])
    for c in find_claims(doc, lex):
        assert doc.text[c.start_char : c.end_char] == c.text
