"""The indexed attribute ruler must leave every token exactly as spaCy's own matcher would."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from detente.components.rule_index import RuleIndex, index_rules
from detente.pipeline import MODEL

# Written for this test: contractions and colloquial forms the model's two-token rules cover,
# auxiliaries, expletives, pronoun objects, quotes, whitespace runs and a non-English line.
TEXTS = [
    "The ministry said it would not sign the accord, and the envoy didn't attend either.",
    "There were 40 people at the talks; there is no agreement yet, officials said.",
    "Y'all gon na see it, he told reporters. \"It ain't over,\" she said. C'mon, let's go.",
    "I gave it to you and you gave it to me, so that is what I'd call a swap.",
    "  Leading spaces,\n\n\ttabs and   runs of spaces   between words.  ",
    "Whether or not they meet, the talks had been planned since May; does it matter?",
    "KYIV, May 23 — Russia launched 40 drones overnight, Ukraine's air force said on Friday.",
    "Le ministre a déclaré que les négociations reprendraient lundi.",
    "He has had enough. Do they have to? Nothing's changed, nothin' at all, tho it's late.",
]


def _tokens(nlp: Language, text: str) -> list[tuple]:
    doc = nlp(text)
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    stock = spacy.load(MODEL)
    indexed = spacy.load(MODEL)
    assert index_rules(indexed)
    return stock, indexed


@pytest.mark.parametrize("text", TEXTS)
def test_tokens_are_those_of_the_stock_ruler(pipelines, text):
    stock, indexed = pipelines
    assert _tokens(indexed, text) == _tokens(stock, text)


def test_matches_equal_the_stock_matcher_in_order(pipelines):
    stock, _ = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    index = RuleIndex.build(ruler)
    assert index is not None
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS))
    for doc in docs:
        assert index.match(doc) == [tuple(m) for m in ruler.match(doc)]
        assert index.match(doc) == [tuple(m) for m in ruler.match(doc)]  # again, from what it learnt


def test_a_forgetful_index_gives_the_same_matches(pipelines):
    stock, _ = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    index = RuleIndex.build(ruler)
    index.MAX_REMEMBERED = 3
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = stock(TEXTS[2])
    assert index.match(doc) == [tuple(m) for m in ruler.match(doc)]
    assert len(index.seen) <= 3


def test_a_user_rule_the_index_cannot_express_leaves_the_ruler_alone():
    nlp = spacy.load(MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "cease"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "fire"}]], {"LEMMA": "ceasefire"})
    assert not index_rules(nlp)
    assert "match" not in vars(ruler)
    assert [t.lemma_ for t in nlp("a cease - fire")][1] == "ceasefire"


def test_a_user_rule_added_before_indexing_is_applied():
    nlp = spacy.load(MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "truce", "TAG": "NN"}]], {"LEMMA": "ceasefire"})
    assert index_rules(nlp)
    assert [t.lemma_ for t in nlp("The truce held.")][1] == "ceasefire"


def test_detente_pipeline_uses_the_index(nlp):
    assert isinstance(getattr(nlp.get_pipe("attribute_ruler").match, "__self__", None), RuleIndex)


def test_words_no_rule_names_share_what_was_learnt(pipelines):
    """Memory follows the rules' distinctions, not the vocabulary: 200 different nouns in one
    frame are learnt as one word, while a word a rule names ("not") keeps its own entry."""
    stock, _ = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    index = RuleIndex.build(ruler)
    text = " ".join(f"They saw the zorbax{i} ." for i in range(200)) + " They did not see it ."
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        doc = stock(text)
    assert index.match(doc) == [tuple(m) for m in ruler.match(doc)]
    assert len(index.seen) < 40
    assert sum(word != -1 for word in index.word_class.values()) < 10
