"""``detente_headline``: a Title Case first line is parsed as if written in sentence case."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, HEAD

from detente.components.headline import HeadlineParser, cue_words


def test_a_title_case_headline_gets_its_verb(run_doc) -> None:
    text = "Kremlin Spokesman Dmitry Peskov Praises Turkish Mediation Effort.\n\nThe talks resume on Monday."
    doc = run_doc(text)
    verb = next(t for t in doc if t.text == "Praises")
    assert (verb.pos_, verb.lemma_, verb.dep_) == ("VERB", "praise", "ROOT")
    assert doc.text == text  # the text and its offsets are the article's own
    [p] = [p for p in doc._.stances if p.cue == "Praises"]
    assert (p.kind, p.text) == ("support", "Turkish Mediation Effort")


def test_names_keep_their_capitals_and_other_lines_their_parse(nlp) -> None:
    parser = HeadlineParser(nlp, cue_words())
    doc = nlp.make_doc("Ukraine Says Talks With Russia Will Resume In May\n\nKyiv said so.")
    [(start, _end, words)] = parser.lines(doc)
    assert start == 0
    # cue and function words lowered; names, "May", "Will" and unlisted words ("Resume") as written
    assert words[:-1] == ["Ukraine", "says", "talks", "with", "Russia", "Will", "Resume", "in", "May"]
    for text in (
        "Ukraine says talks with Russia will resume\n\nKyiv said so.",  # sentence case already
        "Ukraine Says Talks Will Resume",  # one line: no headline above a text
        "Kyiv said so.\nUkraine Says Talks Will Resume",  # the last line: nothing under it
    ):
        assert parser.lines(nlp.make_doc(text)) == []


def test_every_headline_line_counts_and_capitals_are_read_as_names_are_written(nlp) -> None:
    parser = HeadlineParser(nlp, cue_words())
    text = ("Kyiv said so on Monday.\nEXPERTS DOWNPLAY PLANNED NORTH KOREA LAUNCH AT THE UN\n"
            "Officials said the launch was planned.\nRussia Rejects Call For Talks\nMore to follow.")
    doc = nlp.make_doc(text)
    found = parser.lines(doc)
    assert [doc[a:b].text.strip() for a, b, _ in found] == [
        "EXPERTS DOWNPLAY PLANNED NORTH KOREA LAUNCH AT THE UN", "Russia Rejects Call For Talks"]
    # capitals: long words as names are written, short ones kept (acronyms), function, cue and
    # common words ("planned", "launch" are also written in lower case) lowered
    assert found[0][2][:-1] == ["Experts", "downplay", "planned", "North", "Korea", "launch", "at", "the", "UN"]
    assert found[1][2][:-1] == ["Russia", "rejects", "call", "for", "talks"]


def test_a_headline_inside_the_text_gets_its_verb(run_doc) -> None:
    text = "Officials met on Monday.\nEXPERTS DOWNPLAY PLANNED LAUNCH\nThe experts said the launch was planned."
    doc = run_doc(text)
    verb = next(t for t in doc if t.text == "DOWNPLAY")
    assert (verb.pos_, verb.dep_) == ("VERB", "ROOT")
    assert doc.text == text
    assert [(p.cue, p.text) for p in doc._.stances if p.cue == "DOWNPLAY"] == [("DOWNPLAY", "PLANNED LAUNCH")]


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky Calls For Ceasefire Talks\n\nThe president spoke in Kyiv.",
        "Putin Rejects Peace Plan As Talks Stall In Istanbul\nno punctuation follows and the parser may run on",
        "EU Leaders Back New Sanctions On Moscow Over Shelling Of Kharkiv Suburbs\n\n\n",
    ],
)
def test_the_parse_stays_a_tree_with_the_rest_untouched(nlp, text: str) -> None:
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n.startswith("detente_") and n != "detente_headline"]):
        doc = nlp(text)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        plain = nlp(text)
    for tok in doc:
        seen = 0
        while tok.head.i != tok.i:
            tok, seen = tok.head, seen + 1
            assert seen <= len(doc)
    cut = next(t.i for t in doc if "\n" in t.text) + 1
    end = plain[cut - 1].sent.end  # the sentence the parser ran across the line break, as first parsed
    assert (doc.to_array([HEAD, DEP])[end:] == plain.to_array([HEAD, DEP])[end:]).all()
