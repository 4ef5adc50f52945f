"""The ``detente_dateline`` component: parse a dateline apart from the sentence it opens.

News wires open with a dateline ("KYIV, May 23 — Ukraine and Russia each freed ..."). The small
model parses the whole line as one sentence and reads "Ukraine" as a conjunct of "May", which
loses the subject of the lead sentence — the most important one. Presetting a sentence start
does not help: the parser then splits the lead into fragments. So, after the parser, we re-parse
the dateline and the rest separately and write the two parses back (heads never cross the cut).
The cost is one extra parse of the lead sentence, only for documents that open with a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import pairwise

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from detente.doc import text_of

#: "KYIV, May 23 —", "GAZA CITY, Jan. 19, 2025 (AP) —"; or, without a date, a place in capitals and
#: the agency: "DOHA, Qatar (AP) —", "LONDON (Reuters) -"
DATELINE = re.compile(
    r"(?:[A-Z][A-Za-z .,'’()/-]{1,60}?,\s*[A-Z][a-z]{2,8}\.? \d{1,2}(, \d{4})?\s*(\(\w+\))?"
    r"|[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3}"  # the place, in capitals ("KYIV/MOSCOW")
    r"(?:,\s*[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,3})?\s*\([A-Z][\w-]*\))"  # its country; the agency
    r"\s*[—–-]{1,2}\s"
)


SENTENCE_END = frozenset('.!?"”')
#: a headline line before the dateline: one short line, then a blank line or a line break
HEADLINE = re.compile(r"[^\n]{1,200}\n\s*")


def dateline_span(text: str) -> tuple[int, int] | None:
    """Characters of the dateline, dash included: at the start of the text, or of the paragraph
    under a headline line ("Kyiv and Moscow swap prisoners\n\nKYIV, Oct 19 (AP) — …")."""
    m = DATELINE.match(text)
    if m is not None:
        return 0, m.end()
    head = HEADLINE.match(text)
    if head is None or head.group().rstrip()[-1:] in SENTENCE_END:
        return None  # a headline has no full stop; a first sentence is no headline
    start = head.end()
    m = DATELINE.match(text, start)
    words = text[start:].split(",", 1)[0].split()
    if m is None or not words or not words[0].isupper():
        return None  # a dateline under a headline names its place in capitals: "KYIV, Oct 19 —"
    return start, m.end()


@Language.factory("detente_dateline", requires=["token.dep"], assigns=["token.dep", "token.head"])
def make_dateline(nlp: Language, name: str) -> DatelineParser:
    return DatelineParser(nlp)


class DatelineParser:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def cut(self, doc: Doc) -> tuple[int, int] | None:
        """(first token of the dateline, first token after its dash), or None without a dateline.

        The dateline opens the text, or the paragraph after a headline line ("Kyiv and Moscow swap
        prisoners\n\nKYIV, Oct 19 (AP) — …")."""
        found = dateline_span(text_of(doc))
        if found is None:
            return None
        start, end = found
        lo = next((t.i for t in doc if t.idx >= start and not t.is_space), None)
        if lo is None:
            return None
        for tok in doc:
            if tok.idx >= end:
                return (lo, tok.i) if lo < tok.i < len(doc) - 1 else None
        return None

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Re-parse the datelines of a whole batch at once: the model's cost per call, not per
        token, dominates for pieces this short, so one call per batch instead of two per article."""
        for batch in minibatch(docs, size=batch_size):
            # pieces per document: the headline line (if any), the dateline, the lead sentence
            cuts = []
            for doc in batch:
                c = self.cut(doc)
                if c is not None:
                    first, k = c
                    bounds = (0, first, k, doc[k].sent.end) if first else (0, k, doc[k].sent.end)
                    cuts.append((doc, list(pairwise(bounds))))
            # fresh Docs: a copy made with as_doc() carries the old heads, which the parser then
            # treats as constraints and can turn into cycles
            parts = [_fresh(doc[lo:hi]) for doc, pieces in cuts for lo, hi in pieces]
            parts = reparse(self.nlp, parts)
            done = 0
            for doc, pieces in cuts:
                before = doc.to_array([HEAD, DEP])
                end = pieces[-1][1]  # later sentences keep their parse: no head crosses the lead's end
                heads = [p.to_array([HEAD, DEP]) for p in parts[done : done + len(pieces)]]
                done += len(pieces)
                doc.from_array([HEAD, DEP], numpy.concatenate([*heads, before[end:]]))
                if not _is_tree(doc):
                    doc.from_array([HEAD, DEP], before)
            yield from batch


def reparse(nlp: Language, parts: list[Doc]) -> list[Doc]:
    """Tag and parse pieces of text in one call per pipe (the re-parses of datelines, headlines and
    paragraphs share it): for pieces this short the model's cost per call, not per token, dominates."""
    for name in ("tok2vec", "tagger", "parser"):
        if name in nlp.pipe_names and parts:
            parts = list(nlp.get_pipe(name).pipe(parts, batch_size=len(parts)))
    return parts


def _fresh(span: Span) -> Doc:
    return Doc(span.doc.vocab, words=[t.text for t in span],
               spaces=[bool(t.whitespace_) and t.i < span.end - 1 for t in span])


def _is_tree(doc: Doc) -> bool:
    """Every token reaches a root: the re-parse must never leave the Doc in an invalid state."""
    for tok in doc:
        cur, steps = tok, 0
        while cur.head.i != cur.i:
            cur, steps = cur.head, steps + 1
            if steps > len(doc):
                return False
    return True
