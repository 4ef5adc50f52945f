"""The ``detente_headline`` component: parse a Title Case headline as if it were written in sentence case.

Articles often open with their headline ("Conservative Icon Morton Blackwell Endorses Ted Cruz",
"Kremlin Rejects Call For Talks"). The small model reads a run of capitalised words as one long
name: "Endorses" comes out a proper noun, and the one line that says who did what to whom has no
verb for the statements, stances and events after it. So, after the parser, a first line in Title
Case is parsed once more with its function words and its cue words (the verbs and nouns of the
statement and stance lexicons) in lower case, and that parse is written back: its heads,
dependency labels and tags, from which the attribute ruler and the lemmatizer then work as usual.
The text and its offsets do not change. Names stay capitalised, since only listed words are lowered.

Like ``detente_dateline``, the extra parse costs one short call per batch, only for documents that
open with such a line; a re-parse that does not line up token for token, or would not leave a
tree, is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import DEP, HEAD, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from detente.components.dateline import _fresh, _is_tree
from detente.components.stance_lexicon import load_stance_cues
from detente.components.statement_lexicon import load_lexicon
from detente.doc import text_of

#: a line is in Title Case when at least this share of its words of four letters or more are capitalised
TITLE_SHARE = 0.75
#: ... and it has at least this many such words
TITLE_WORDS = 3
#: the longest line taken for a headline, in tokens and in characters
MAX_TOKENS = 40
MAX_CHARS = 300
_LONG_WORD = re.compile(r"[^\W\d_]{4,}")
#: stop words that are also names or dates when capitalised ("May", "Will Smith", "US")
KEEP = frozenset({"may", "will", "us", "march", "am", "it"})
#: endings stripped to find a listed lemma in an inflected word ("Endorses", "Praised", "Calling")
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"))


@Language.factory("detente_headline", requires=["token.dep"], assigns=["token.dep", "token.head", "token.tag"])
def make_headline(nlp: Language, name: str) -> HeadlineParser:
    return HeadlineParser(nlp, cue_words())


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Lemmas of the statement and stance lexicons: the words a headline's verb is likely to be."""
    speech = load_lexicon()
    return frozenset(speech.cues) | frozenset(lemma for lemma, _pos in load_stance_cues())


class HeadlineParser:
    def __init__(self, nlp: Language, cues: frozenset[str]) -> None:
        self.nlp = nlp
        self.cues = cues

    def words(self, doc: Doc) -> list[str] | None:
        """The first line's words in sentence case, its line break included, or None when it is no
        Title Case headline."""
        text = text_of(doc)
        newline = text.find("\n", 0, MAX_CHARS)
        if newline < 0:
            return None  # most documents: decided on the string, no Token made
        long = _LONG_WORD.findall(text, 0, newline)
        if len(long) < TITLE_WORDS or all(w.isupper() for w in long):
            return None
        if sum(w[:1].isupper() for w in long) < TITLE_SHARE * len(long):
            return None
        end = next((t.i for t in doc[: MAX_TOKENS + 1] if "\n" in t.text), None)
        if end is None or end < 2:
            return None
        line = doc[:end]
        first = next((t.i for t in line if t.is_alpha), 0)
        return [self.lowered(t.text) if t.i > first else t.text for t in line] + [doc[end].text]

    def lowered(self, word: str) -> str:
        """The word in lower case if it is a capitalised function word or cue word, else as it is."""
        low = word.lower()
        if not word.istitle() or low in KEEP:
            return word
        if low in STOP_WORDS or low in self.cues:
            return low
        for ending, repl in _ENDINGS:
            if low.endswith(ending) and low[: -len(ending)] + repl in self.cues:
                return low
        return word

    def __call__(self, doc: Doc) -> Doc:
        if self.words(doc) is None:
            return doc  # most documents: no batch machinery for nothing to do
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Re-parse the headlines of a batch in one call (and the rest of a sentence the parser ran
        across the line break, as it was written)."""
        for batch in minibatch(docs, size=batch_size):
            todo = []
            for doc in batch:
                words = self.words(doc)
                if words is not None and len(words) < len(doc):
                    todo.append((doc, words, doc[len(words) - 1].sent.end))
            parts = []
            for doc, words, end in todo:
                n = len(words)
                parts.append(Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc[:n]]))
                parts.append(_fresh(doc[n:end]) if end > n else None)
            live = [p for p in parts if p is not None]
            for name in ("tok2vec", "tagger", "parser"):
                if name in self.nlp.pipe_names and live:
                    live = list(self.nlp.get_pipe(name).pipe(live, batch_size=len(live)))
            it = iter(live)
            parsed = [None if p is None else next(it) for p in parts]
            for k, (doc, _words, end) in enumerate(todo):
                _write(doc, [p for p in parsed[2 * k : 2 * k + 2] if p is not None], end)
            yield from batch


def _write(doc: Doc, parts: list[Doc], end: int) -> None:
    """Put the new parses of ``doc[:end]`` in place; undone if the Doc would not stay a tree."""
    before = doc.to_array([HEAD, DEP, TAG])
    after = numpy.concatenate([*(p.to_array([HEAD, DEP, TAG]) for p in parts), before[end:]])
    doc.from_array([HEAD, DEP, TAG], after)
    if not _is_tree(doc):
        doc.from_array([HEAD, DEP, TAG], before)
