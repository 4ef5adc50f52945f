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
    words = parser.words(doc)
    # cue and function words lowered; names, "May", "Will" and unlisted words ("Resume") as written
    assert words[:-1] == ["Ukraine", "says", "talks", "with", "Russia", "Will", "Resume", "in", "May"]
    for text in (
        "Ukraine says talks with Russia will resume\n\nKyiv said so.",  # sentence case already
        "UKRAINE SAYS TALKS WILL RESUME\n\nKyiv said so.",  # all capitals: no case to go by
        "Ukraine Says Talks Will Resume",  # one line: no headline above a text
    ):
        assert parser.words(nlp.make_doc(text)) is None


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
