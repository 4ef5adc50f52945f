"""``speaker_span``: the words a statement's speaker is read from, as evidence next to ``speaker``."""

from __future__ import annotations

import pytest

from detente.record import build_record
from detente.validation import reference_errors


def _spans(doc) -> list[tuple[str, str | None]]:
    return [(s.text, doc.text[slice(*s.speaker_span)] if s.speaker_span else None) for s in doc._.statements]


def test_speaker_phrase_keeps_titles(run_doc) -> None:
    doc = run_doc("Kremlin spokesman Dmitry Peskov said the talks would resume on Monday.")
    assert _spans(doc) == [("the talks would resume on Monday", "Kremlin spokesman Dmitry Peskov")]


def test_speaker_phrase_stays_in_its_paragraph(run_doc) -> None:
    doc = run_doc("6:50 p.m.\n\nHillary Clinton told reporters that she would win the state.")
    assert _spans(doc) == [("she would win the state", "Hillary Clinton")]


def test_words_naming_a_speaker_that_is_no_actor_are_kept(run_doc) -> None:
    doc = run_doc("Most voters say the economy is weak.")
    [s] = doc._.statements
    assert s.speaker is None and doc.text[slice(*s.speaker_span)] == "Most voters"


def test_record_carries_the_span(run_doc) -> None:
    record = build_record(run_doc("Zelenskyy said on Friday that the swap had begun.")).to_dict()
    [s] = record["statements"]
    assert record["document"]["text"][slice(*s["speaker_span"])] == "Zelenskyy"
    assert reference_errors(record) == []


def test_a_time_stamp_or_dateline_parsed_as_a_second_subject_is_not_the_speaker(run_doc) -> None:
    doc = run_doc("Votes are in.\n\n12:15 p.m.:  President Barack Obama says that the economy is growing.")
    assert _spans(doc) == [("the economy is growing", "President Barack Obama")]
    doc = run_doc("LONDON (Reuters) - Donald Trump said he was unlikely to visit London.")
    assert _spans(doc) == [("he was unlikely to visit London", "Donald Trump")]


def test_a_word_of_the_quotation_is_not_its_speaker(run_doc) -> None:
    doc = run_doc("He spoke. ''That, unfortunately,'' he said, ''is part of the reality of the world.''")
    assert {span for _, span in _spans(doc)} == {"he"}
    doc = run_doc("“We were tremendously wrong to not confront him,” Ramos, 58, told AFP in an interview.")
    [(_, span)] = _spans(doc)
    assert span is not None and span.startswith("Ramos")


def test_a_participle_after_the_reported_clause_shares_the_reporting_verbs_speaker(run_doc) -> None:
    doc = run_doc(
        "Trump argued that a database would keep people from coming into the country illegally, "
        "saying it was about management."
    )
    assert [span for _, span in _spans(doc)] == ["Trump", "Trump"]


def test_a_subject_the_parser_left_off_is_the_noun_before_the_verb(run_doc) -> None:
    doc = run_doc(
        "In a statement sent to the Observer, her senior policy adviser, Jake Sullivan, said: "
        "“Hillary Clinton believes that the alliance matters.”"
    )
    assert [span for _, span in _spans(doc)] == ["Jake Sullivan"]
    doc = run_doc("Trump leads in Iowa polls\n\nTrump, in Kentucky, said Tuesday that Rubio was “a lightweight.”")
    assert {span for _, span in _spans(doc)} == {"Trump, in Kentucky"}


def test_a_relative_pronoun_is_the_span_and_its_noun_the_speaker(run_doc) -> None:
    doc = run_doc("Sergei Lavrov, who said the talks had failed, left Geneva on Friday.")
    [s] = doc._.statements
    [lavrov] = [a for a in doc._.actors if "Lavrov" in a.name]
    assert (doc.text[slice(*s.speaker_span)], s.speaker) == ("who", lavrov.id)


def test_a_name_after_a_cue_that_follows_its_quote_is_the_speaker(run_doc) -> None:
    doc = run_doc(
        "Employees are proud.\n\n''I'm more skilled with my hands than with my brain,'' said Robin Maynard, "
        "half joking. He holds two degrees."
    )
    # one statement: the quote; the parser's "Maynard … joking" clause is not a second one
    assert _spans(doc) == [("I'm more skilled with my hands than with my brain,", "Robin Maynard")]


def test_a_passive_cue_without_agent_has_no_speaker(run_doc) -> None:
    doc = run_doc("Clinton came under criticism when it was revealed that she had used a private server.")
    [s] = doc._.statements
    assert (s.text, s.speaker, s.speaker_span) == ("she had used a private server", None, None)


def test_a_line_label_names_its_speaker_before_a_preposition(run_doc) -> None:
    doc = run_doc(
        "Former minister Lavrov at the UN: Kyiv must accept the new borders.\n\n"
        "Kremlin spokesman: the talks are on hold.\n\n"
        "Zelensky: there will be no ceasefire without guarantees.\n\n"
        "Vladimir Putin: a life in power and the war in Ukraine\n\n"
        "NATO summit: allies agree to spend more on defence.\n\n"
        "Ukraine war: what we know so far.\n\n"
        "Related coverage: Russia shells Kharkiv again."
    )
    assert [(s.cue, s.text, span) for s, (_, span) in zip(doc._.statements, _spans(doc), strict=True)] == [
        (":", "Kyiv must accept the new borders", "Former minister Lavrov"),
        (":", "the talks are on hold", "Kremlin spokesman"),
        (":", "there will be no ceasefire without guarantees", "Zelensky"),
    ]


def test_a_cue_after_an_adjective_takes_the_copulas_subject(run_doc) -> None:
    doc = run_doc("The spokesman was quick to point out that not all members backed the plan.")
    assert _spans(doc) == [("not all members backed the plan", "The spokesman")]


def test_a_participle_before_a_quote_is_not_spoken_by_the_quotes_subject(run_doc) -> None:
    doc = run_doc(
        "Weaver did not seem impressed with the comments, telling reporters, "
        "“A lot of people said the government was broken.”"
    )
    assert [span for _, span in _spans(doc)] == ["Weaver"]


def test_a_participle_after_a_closing_quote_mark_and_comma(run_doc) -> None:
    doc = run_doc(
        "Donald Trump is insisting that he has “expanded the Republican party,” claiming that he is "
        "responsible for higher turnout."
    )
    assert {span for _, span in _spans(doc)} == {"Donald Trump"}


def test_a_particle_the_parser_reads_as_an_adverb_still_makes_the_cue(run_doc) -> None:
    doc = run_doc("Zelensky shot back that Moscow had broken every truce.")
    assert _spans(doc) == [("Moscow had broken every truce", "Zelensky")]


@pytest.mark.parametrize(
    ("text", "speaker_words"),
    [
        # an aside that is a clause is skipped; the name before it speaks
        ("“They are stalling,” one European diplomat, speaking on condition of anonymity, told Reuters.",
         "one European diplomat"),
        ("Peskov, asked whether Putin would attend the talks, said no decision had been made.", "Peskov"),
        # a quoted name speaks; a quoted clause does not
        ("“Ukrainska Pravda” reported that Zelensky had fired the commander.", "Ukrainska Pravda"),
        # the quotation the parser hangs on a name stays out of the name's phrase
        ("“The sanctions are working,” Blinken, 61, told reporters in Brussels on Tuesday.", "Blinken, 61"),
    ],
)
def test_speaker_phrases_the_parser_gets_wrong(run_doc, text: str, speaker_words: str) -> None:
    doc = run_doc(text)
    said = [s for s in doc._.statements if s.cue in ("said", "told", "reported")]
    assert said and {doc.text[slice(*s.speaker_span)] for s in said} == {speaker_words}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue chained to the clause before shares its subject; that clause is a deed, not words
        ("Kasich jokingly offered the envoy a job, then says he will welcome him.",
         [("he will welcome him", "Kasich")]),
        ("Lavrov paused, then said that the talks would resume.", [("the talks would resume", "Lavrov")]),
        ("Lavrov paused and then said that the talks would resume.", [("the talks would resume", "Lavrov")]),
        # a cue before a colon that the parser hung on the name as a participle is the name's
        ("Mitt Romney, the 2012 Republican presidential nominee, tweeted in response: “This is a disgrace.”",
         [("This is a disgrace.", "Mitt Romney")]),
        # the words before a cue with its own subject are still what was said
        ("The talks will resume next week, Peskov said.", [("The talks will resume next week", "Peskov")]),
        ("The talks failed, Peskov also said.", [("The talks failed", "Peskov")]),
        # narration, then a statement: only the statement is said
        ("Erdogan met Assad, then Putin said the meeting was useful.", [("the meeting was useful", "Putin")]),
        ("Macron spoke with Putin for two hours, then told reporters the call was frank.",
         [("the call was frank", "Macron")]),
        # the participle hangs on an apposition: the name before it speaks
        ("Guterres, the UN secretary general, tweeted in response: “This must stop.”",
         [("This must stop.", "Guterres")]),
    ],
)
def test_chained_and_colon_cues_find_their_speaker(run_doc, text: str, expected: list) -> None:
    assert _spans(run_doc(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As Akhil Amar, a professor at Yale, put it, “A compromise candidate may be far better.”",
         [("A compromise candidate may be far better.", "Akhil Amar, a professor at Yale")]),
        ("“It was a mistake,” as one diplomat put it.", [("It was a mistake,", "one diplomat")]),
        ("Lavrov put it bluntly: “There will be no deal.”", [("There will be no deal.", "Lavrov")]),
        ("The banner read: “No to war.” She read the book in one night. He put it on the table.",
         [("No to war.", "The banner")]),
    ],
)
def test_putting_it_and_what_a_text_reads(run_doc, text: str, expected: list) -> None:
    assert _spans(run_doc(text)) == expected


def test_a_participle_aside_after_the_cue_is_not_reported(run_doc) -> None:
    doc = run_doc("Israel struck a target in Lebanon, the army said, without giving details.")
    assert _spans(doc) == [("Israel struck a target in Lebanon", "the army")]


def test_a_present_tense_cue_joined_to_a_past_one_is_a_misread_noun(run_doc) -> None:
    doc = run_doc("The army accused the RSF of looting hospitals, charges the paramilitary group denied.")
    assert _spans(doc) == []


def test_a_place_before_the_colon_says_where_not_who(run_doc) -> None:
    doc = run_doc("NATO chief Jens Stoltenberg, speaking in Brussels: “We will not be intimidated.”")
    assert _spans(doc) == [("We will not be intimidated.", "Jens Stoltenberg")]
