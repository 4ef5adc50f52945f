"""The ``detente_headline`` component: parse a Title Case headline as if it were written in sentence case.

Articles often open with their headline ("Conservative Icon Morton Blackwell Endorses Ted Cruz",
"Kremlin Rejects Call For Talks"), and roundups and live pages carry one over each item. The small
model reads a run of capitalised words as one long name: "Endorses" comes out a proper noun, and the
one line that says who did what to whom has no verb for the statements, stances and events after
it. So, after the parser, each line of its own in Title Case or in capitals ("EXPERTS DOWNPLAY
PLANNED LAUNCH") is parsed once more with its function words, its cue words (the verbs and nouns of
the statement and stance lexicons) and the words the article also writes in lower case lowered, and
that parse is written back: its heads, dependency labels and tags, from which the attribute ruler
and the lemmatizer then work as usual. The text and its offsets do not change. Names stay
capitalised, since only listed words are lowered.

Like ``detente_dateline``, the extra parse costs one short call per batch, only for documents that
hold such a line; a re-parse that does not line up token for token, or would not leave a
tree, is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import DEP, HEAD, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from detente.components.dateline import _fresh, _is_tree, reparse
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

    def lines(self, doc: Doc) -> list[tuple[int, int, list[str]]]:
        """Each headline line as (first token, token after its line break, its words in sentence
        case with the line break): a line of its own, followed by a line break, in Title Case or
        all capitals."""
        text = text_of(doc)
        if "\n" not in text:
            return []  # one line: no headline above a text
        out: list[tuple[int, int, list[str]]] = []
        starts: list[int] = []  # token offsets, made only once a line qualifies
        common: set[str] | None = None  # words the article also writes in lower case: no names
        pos = 0
        for raw in text.split("\n")[:-1]:  # the last line has no break after it
            begin, pos = pos, pos + len(raw) + 1
            caps = _case(raw) if len(raw) <= MAX_CHARS else None
            if caps is None:
                continue
            starts = starts or [t.idx for t in doc]
            a = bisect_left(starts, begin)
            while a < len(doc) and doc[a].is_space:
                a += 1
            b = bisect_right(starts, pos - 1) - 1  # the token holding the line break
            if b - a < 2 or b - a > MAX_TOKENS or b < 0 or "\n" not in doc[b].text:
                continue
            first = next((t.i for t in doc[a:b] if t.is_alpha), a)
            if common is None:
                common = {t.text for t in doc if t.is_lower}
            words = [self.lowered(t.text, caps, common) if t.i > first else _titled(t.text, caps) for t in doc[a:b]]
            out.append((a, b + 1, [*words, doc[b].text]))
        return out

    def lowered(self, word: str, caps: bool = False, common: set[str] | frozenset[str] = frozenset()) -> str:
        """The word in lower case if it is a capitalised function word or cue word, else as it is
        (in all capitals, as a name would be written: "SENEGAL" -> "Senegal", "FBI" stays)."""
        word = _titled(word, caps)
        low = word.lower()
        if caps and word.isupper() and low in STOP_WORDS and low not in KEEP:
            return low
        if not word.istitle() or low in KEEP:
            return word
        if low in STOP_WORDS or low in self.cues or low in common:
            return low
        for ending, repl in _ENDINGS:
            if low.endswith(ending) and low[: -len(ending)] + repl in self.cues:
                return low
        return word

    def __call__(self, doc: Doc) -> Doc:
        if not self.lines(doc):
            return doc  # most documents: no batch machinery for nothing to do
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Re-parse the headlines of a batch in one call, with the rest of any sentence the parser
        ran across a headline's edges, as it was written."""
        for batch in minibatch(docs, size=batch_size):
            todo: list[tuple[Doc, int, int, list[Doc]]] = []
            for doc in batch:
                for start, end, parts in _regions(doc, self.lines(doc)):
                    todo.append((doc, start, end, parts))
            live = [p for _, _, _, parts in todo for p in parts]
            live = reparse(self.nlp, live)
            it = iter(live)
            for doc, start, end, parts in todo:
                _write(doc, [next(it) for _ in parts], start, end)
            yield from batch


def _case(line: str) -> bool | None:
    """True for a line in all capitals, False for one in Title Case, None for any other line."""
    long = _LONG_WORD.findall(line)
    if len(long) < TITLE_WORDS:
        return None
    if all(w.isupper() for w in long):
        return True
    return False if sum(w[:1].isupper() for w in long) >= TITLE_SHARE * len(long) else None


def _titled(word: str, caps: bool) -> str:
    """A word of an all-capitals line as a name is written; short ones may be acronyms ("FBI")."""
    return word.capitalize() if caps and word.isalpha() and word.isupper() and len(word) > 4 else word


def _regions(doc: Doc, lines: list[tuple[int, int, list[str]]]) -> list[tuple[int, int, list[Doc]]]:
    """Token ranges to re-parse, each with its parts in order: the headlines in sentence case and,
    as written, the text between them and the rest of any sentence the parser ran across their edges."""
    spans: list[list[int]] = []
    for a, b, _ in lines:
        start, end = min(a, doc[a].sent.start), max(b, doc[b - 1].sent.end)
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out: list[tuple[int, int, list[Doc]]] = []
    for start, end in spans:
        parts, cursor = [], start
        for a, b, words in lines:
            if start <= a < end:
                if a > cursor:
                    parts.append(_fresh(doc[cursor:a]))
                parts.append(Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc[a:b]]))
                cursor = b
        if cursor < end:
            parts.append(_fresh(doc[cursor:end]))
        out.append((start, end, parts))
    return out


def _write(doc: Doc, parts: list[Doc], start: int, end: int) -> None:
    """Put the new parses of ``doc[start:end]`` in place; undone if the Doc would not stay a tree."""
    before = doc.to_array([HEAD, DEP, TAG])
    after = numpy.concatenate([before[:start], *(p.to_array([HEAD, DEP, TAG]) for p in parts), before[end:]])
    doc.from_array([HEAD, DEP, TAG], after)
    if not _is_tree(doc):
        doc.from_array([HEAD, DEP, TAG], before)
