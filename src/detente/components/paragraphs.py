"""The ``detente_paragraphs`` component: no sentence runs across a blank line.

A headline without a full stop ("Sudan truce collapses as RSF shells El Fasher"), a closing quotation
mark left at the head of the next paragraph, or a caption: the small model's parser reads on across
the blank line and makes one sentence of a headline and the lead under it, so the lead's subject
becomes an object of the headline's verb and the lead, the sentence that matters most, loses its
actors. A blank line always ends a sentence in news copy (a hard-wrapped line break, one newline,
does not), so after the parser each sentence that holds one is parsed again piece by piece and the
pieces' parses are written back: heads, dependency labels and tags. Text and offsets do not change.

Presetting sentence starts before the parser would do the same for a blank line, but the parser then
reads the pieces worse (``detente_dateline`` says why); a re-parse costs one short call per batch,
only for documents that hold such a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from detente.components.dateline import _fresh, reparse
from detente.components.headline import _write
from detente.doc import text_of


@Language.factory("detente_paragraphs", requires=["token.dep"], assigns=["token.dep", "token.head", "token.tag"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphParser:
    return ParagraphParser(nlp)


def crossing(doc: Doc) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Each sentence that runs across a blank line: (start, end, its pieces as token ranges), each
    piece ending with its blank line."""
    if "\n\n" not in text_of(doc) and "\n \n" not in text_of(doc):
        return []  # most documents: decided on the string
    out = []
    for sent in doc.sents:
        cuts = [t.i + 1 for t in sent if t.is_space and t.text.count("\n") >= 2
                and any(not u.is_space for u in doc[t.i + 1 : sent.end])
                and any(not u.is_space for u in doc[sent.start : t.i])]
        if cuts:
            bounds = [sent.start, *cuts, sent.end]
            out.append((sent.start, sent.end, list(pairwise(bounds))))
    return out


class ParagraphParser:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Re-parse the pieces of a whole batch in one call per pipe."""
        for batch in minibatch(docs, size=batch_size):
            todo = [(doc, start, end, pieces) for doc in batch for start, end, pieces in crossing(doc)]
            # fresh Docs: a copy carries the old heads, which the parser would take as constraints
            live = [_fresh(doc[a:b]) for doc, _, _, pieces in todo for a, b in pieces]
            live = reparse(self.nlp, live)
            it = iter(live)
            for doc, start, end, pieces in todo:
                _write(doc, [next(it) for _ in pieces], start, end)
            yield from batch
