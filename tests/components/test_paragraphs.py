"""``detente_paragraphs``: a sentence never runs across a blank line; one line break is no boundary."""

from __future__ import annotations

from spacy.attrs import DEP, HEAD

from detente.components.dateline import _is_tree
from detente.components.paragraphs import crossing


def _plain(nlp, text: str):
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return nlp(text)


def test_a_headline_without_a_full_stop_and_its_lead_are_two_sentences(nlp, run_doc) -> None:
    text = ("Sudan truce collapses as RSF shells El Fasher\n\n"
            "A truce agreed by Sudan's army and the RSF collapsed on Thursday, residents said.")
    plain = _plain(nlp, text)
    assert crossing(plain), "the parser alone reads on across the blank line (else this test shows nothing)"
    doc = run_doc(text)
    lead = next(s for s in doc.sents if "truce agreed" in s.text)
    assert lead.text.startswith("A truce agreed") and lead.root.lemma_ in ("collapse", "say")
    assert all(t.head.i >= lead.start for t in lead)  # no head back in the headline
    assert doc.text == text


def test_one_line_break_is_no_boundary_and_other_text_keeps_its_parse(nlp) -> None:
    wrapped = "Russia and Ukraine agreed on Friday to swap\n1,000 prisoners each, officials said."
    doc = _plain(nlp, wrapped)
    assert crossing(doc) == []
    assert crossing(_plain(nlp, "Kyiv said so.\n\nMoscow denied it.")) == []  # the parser already cut there


def test_pieces_are_written_back_as_trees(nlp) -> None:
    text = 'He said talks would go on."\n\nThe minister added that a deal was near.'
    plain = _plain(nlp, text)
    [(start, _end, pieces)] = crossing(plain)  # the closing mark opens the next paragraph's sentence
    assert [plain[a:b].text.strip() for a, b in pieces] == ['"', "The minister added that a deal was near."]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser", "detente_paragraphs"]):
        doc = nlp(text)
    assert _is_tree(doc)
    for a, b in pieces:  # every head stays inside its piece
        assert all(a <= t.head.i < b for t in doc[a:b])
    assert (doc.to_array([HEAD, DEP])[:start] == plain.to_array([HEAD, DEP])[:start]).all()
