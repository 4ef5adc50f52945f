"""Who is speaking, through which channel, when — read off the dependency parse around a cue.

Shared by the direct, partial and indirect extractors in ``statements.py``. Speakers come from
``doc._.actor_at`` (filled by ``detente_actors``); a subject pronoun that layer left unresolved falls
back to the most recent fitting actor mentioned before it, the usual newswire pattern
("Peskov added … He also said …"), in the spirit of Krestel, Bergler & Witte's quote attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX
from spacy.symbols import AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from detente.components.statement_lexicon import Channel, Cue, Lexicon
from detente.doc import apposed, layer, text_of

_NEWLINE = re.compile("\n")
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE = frozenset({"who", "that", "which", "whom"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: tags of a finite verb, which has a subject even where the parser found none
FINITE = frozenset({"VBD", "VBZ", "VBP"})
#: dependency labels through which a subject-less cue ("…, telling reporters", "quoted as saying",
#: "a statement saying") inherits the subject of the verb above it
CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acl", "dobj", "pobj", "ccomp", "acomp"})
MAX_CLIMB = 4
#: how a cue's particle may be parsed: "shot back" comes out an adverb, "put it" an object
PARTICLE_DEPS = frozenset({"prt", "advmod", "dobj"})
#: adverbs that chain a cue to the clause before it, whose subject it shares ("…, then said")
CHAIN_WORDS = frozenset({"then", "later", "afterwards", "afterward"})
#: a label before a line's colon has at most this many tokens ("McCain Challenger Kelli Ward: …")
MAX_LABEL = 6
#: how many words may lie between a name and the colon that introduces its quote ("Clinton in 1992:")
COLON_REACH = 4
#: entity types that can be the source of a quotation introduced by a colon
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: which actor kinds a pronoun may stand for ("it" is a state or organization, never a people)
_FITS = {
    **dict.fromkeys(PERSON_PRONOUNS, frozenset({"person"})),
    "it": frozenset({"organization", "state"}),
    "they": frozenset({"organization", "state", "group"}),
    "them": frozenset({"organization", "state", "group"}),
}


@dataclass(frozen=True)
class CueHit:
    """A cue found in the text: the verb (or the last word of a phrase) and how it is written."""

    token: Token
    cue: str
    span: tuple[int, int]
    source: Token | None = None  # the speaker token when the cue names it ("according to X")


class Context:
    """Per-document lookups built once: token starts, paragraphs, actors, timexes."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.starts = doc.to_array(IDX).tolist()  # C speed; a Token per word cost more than the rest
        self.newlines = [m.start() for m in _NEWLINE.finditer(text_of(doc))]
        self.set_quotes([])
        self.phrase_ends = lexicon.phrase_ends
        self.actor_at: dict[int, str] = layer(doc, "actor_at")
        self.kinds = {a.id: a.kind for a in layer(doc, "actors")}
        self.mentions = sorted(
            (s, e, a.id, self.kinds[a.id]) for a in layer(doc, "actors") for s, e in a.mentions
        )
        self.mention_starts = [m[0] for m in self.mentions]
        # when something was said is a date or a time; "nightly" (a SET) or "for hours" is not
        self.timexes = sorted(
            (t for t in layer(doc, "timexes") if t.type in ("DATE", "TIME")), key=lambda t: t.start_char
        )
        self.timex_starts = [t.start_char for t in self.timexes]

    def token_at(self, char: int) -> Token:
        """The token that covers (or starts closest before) a character offset."""
        return self.doc[max(0, bisect_right(self.starts, char) - 1)]

    def tokens(self, lo: int, hi: int) -> Span:
        """The tokens that start in ``[lo, hi)``: a bisection, not a scan of the document per clause."""
        first = bisect_left(self.starts, lo)
        return self.doc[first : max(first, bisect_left(self.starts, hi))]

    def covered(self, spans: list[tuple[int, int]]) -> list[bool]:
        """Per token index: does the token start inside one of these (non-overlapping) spans?

        Built once per document so that asking it of every token costs O(1), not a pass over the spans.
        """
        mask = [False] * len(self.doc)
        for s, e in spans:
            for i in range(bisect_left(self.starts, s), bisect_left(self.starts, e)):
                mask[i] = True
        return mask

    def paragraph(self, char: int) -> int:
        return bisect_right(self.newlines, char)

    def bounds(self, tok: Token) -> tuple[int, int]:
        """Character bounds of the token's sentence, cut at paragraph breaks (parses run across them)."""
        sent = tok.sent
        lo, hi = sent.start_char, sent.end_char
        k = self.paragraph(tok.idx)
        if k > 0:
            lo = max(lo, self.newlines[k - 1] + 1)
        if k < len(self.newlines):
            hi = min(hi, self.newlines[k])
        return lo, hi

    # ---------------------------------------------------------------- cues
    def verb_cue(self, tok: Token, role: str) -> Cue | None:
        """The cue entry for a verb, or for a noun of saying before a "that" clause ("his claim that")."""
        pos = tok.pos  # the tag id: asked of every token, and cheaper than the tag's name
        if pos == NOUN and role == "indirect":
            cue = self.lexicon.cue_for(tok.lemma_, role)
            return cue if cue is not None and cue.noun else None
        if pos != VERB:
            return None
        cue = self.lexicon.cue_for(tok.lemma_, role)
        if cue is None or (
            # the particle, however it is parsed ("shot back" comes out an adverb)
            cue.particle and not any(c.dep_ in PARTICLE_DEPS and c.lower_ == cue.particle for c in tok.children)
        ):
            return None
        if tok.lemma_.lower() == "call" and tok.dep_ == "acl":  # "a film called …" names, not says
            return None
        return cue

    def phrase_cue(self, tok: Token) -> CueHit | None:
        """A multi-word cue ending at ``tok`` ("according to"), with its object as the source."""
        if tok.lower not in self.phrase_ends:  # a hash test, cheaper than the word's text
            return None
        for phrase in self.lexicon.phrases:
            n = len(phrase.words)
            first = tok.i - n + 1
            if first < 0 or tok.lower_ != phrase.words[-1]:
                continue
            if [t.lower_ for t in self.doc[first : tok.i + 1]] != list(phrase.words):
                continue
            source = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if source is None:
                return None
            return CueHit(tok, phrase.cue, (self.doc[first].idx, tok.idx + len(tok)), source)
        return None

    def hit(self, tok: Token, role: str) -> CueHit | None:
        if self.verb_cue(tok, role) is not None:
            return CueHit(tok, tok.text, (tok.idx, tok.idx + len(tok)))
        return self.phrase_cue(tok)

    # ---------------------------------------------------------------- speakers
    def subject(self, cue: Token) -> Token | None:
        """The subject/agent of a cue verb, climbing from participles and complements to their head.

        A past participle heading a clause of its own ("Asked if he would run, Sanders said …") is
        passive: the subject above it is the one addressed, not the speaker, so it has none. A
        relative pronoun is returned as it is ("who"); ``resolve`` gives the noun it stands for.
        """
        found = self._subject(cue)
        if found is None and cue.pos == VERB:
            found = self._name_after_quote(cue) or self._inverted_subject(cue) or self._left_subject(cue)
            # "the share of voters saying …", "evidence suggesting …"; "Romney, the 2012 nominee,
            # tweeted in response: …" (parsed as a participle on the name)
            if (found is None and cue.dep_ == "acl" and cue.head.pos in (NOUN, PROPN)
                    and (cue.tag_ == "VBG" or self._introduces_colon(cue))):
                found = cue.head
                while found.dep_ == "appos" and found.head.pos in (NOUN, PROPN):  # "Guterres, the UN chief,"
                    found = found.head
            if found is None:
                found = self._chained_subject(cue)
        return found

    def _introduces_colon(self, cue: Token) -> bool:
        """Is the cue's phrase followed by a colon? A participle that introduces words is active."""
        end = cue.right_edge.i + 1
        return end < len(self.doc) and self.doc[end].text == ":" and self._may_speak(cue.head, cue)

    def chained(self, cue: Token) -> bool:
        """Is the cue chained to the clause before it ("…, then said", "…, and later told")?"""
        before = self.doc[cue.i - 1] if cue.i else None
        return any(c.dep_ == "advmod" and c.lower_ in CHAIN_WORDS for c in cue.children) or (
            before is not None and before.lower_ in CHAIN_WORDS
        )

    def _chained_subject(self, cue: Token) -> Token | None:
        """The subject of the clause before a cue chained to it without one: "Clinton paused, then
        said that …", "Kasich offered him a job, then says he will …" (parsed upside down, the first
        clause as the cue's complement)."""
        if any(c.dep_ in SUBJECTS for c in cue.children) or not self.chained(cue):
            return None
        if cue.dep_ in ("dep", "conj") and cue.head.i < cue.i:
            before = cue.head
        else:
            before = next((c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i), None)
        if before is None or before.pos not in (VERB, AUX):
            return None
        return next((c for c in before.children if c.dep_ == "nsubj" and self._may_speak(c, cue)), None)

    def _inverted_subject(self, cue: Token) -> Token | None:
        """The name right after a cue that follows its quotation ("“…,” said Robin Maynard, half
        joking"), when the parser hung the name on a later word."""
        quote = self._quote_before(cue)
        if quote is None or cue.i + 1 >= len(self.doc):
            return None
        before = self.token_at(quote[1])
        while before.i < cue.i and (before.is_punct or before.is_space):
            before = before.nbor()
        if before.i != cue.i:
            return None  # words between the quote and the cue: not the inverted order
        tok = cue.nbor()
        while tok.dep_ in ("det", "amod", "compound") and tok.head.i > tok.i:
            tok = tok.head
        return tok if tok.pos_ in ("PROPN", "NOUN") and self._may_speak(tok, cue) else None

    def _left_subject(self, cue: Token) -> Token | None:
        """The noun just before a finite cue verb the parser left without a subject ("her adviser,
        Jake Sullivan, said:", "Trump, in Kentucky, said", "a woman who had studied in Montana
        asked"), past adverbs, one comma-set aside that is not a name ("Peskov, asked whether …,
        said", "a diplomat, speaking on condition of anonymity, told") and a relative clause."""
        if cue.tag_ not in FINITE or any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
            return None
        doc, lo = self.doc, self.bounds(cue)[0]
        i = cue.i - 1
        while i >= 0 and doc[i].head.i == cue.i and doc[i].dep_ in ("advmod", "aux", "neg", "npadvmod"):
            i -= 1
        if i > 0 and doc[i].text == ",":
            j = i - 1
            while j > 0 and doc[j].idx >= lo and doc[j].text != ",":
                j -= 1
            if doc[j].text != "," or j + 1 >= i:
                return None  # "Zelensky, asked about …": a participle after a name, not its verb
            aside = doc[j + 1 : i]
            clause = aside[0].pos_ == "ADP" or any(t.pos_ in ("VERB", "AUX") for t in aside)
            i = j - 1 if clause else i - 1  # an aside that is a name ("…, Jake Sullivan, said") may speak
        if i < 0 or doc[i].idx < lo:
            return None
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok.tag_ == "EX" or not self._may_speak(tok, cue):
            return None  # nor "There" ("There is broad support for …")
        for above in tok.ancestors:
            if above.i >= cue.i:
                break
            if above.dep_ == "relcl" and above.head.i < tok.i:
                return above.head
        return tok

    def _name_after_quote(self, cue: Token) -> Token | None:
        """The name between a closing quotation mark and its cue ("“…,” Ramos, 58, told AFP"), when
        the parser hung the quote's own subject on the cue: the head of the first noun phrase there."""
        quote = self._quote_before(cue)
        if quote is None:
            return None
        first = self.token_at(quote[1])
        while first.i < cue.i and (first.is_punct or first.is_quote or first.is_space):
            first = first.nbor()
        window = range(first.i, cue.i)
        if not 0 < len(window) <= MAX_LABEL or any(self.doc[i].pos in (VERB, AUX) for i in window):
            return None
        for i in window:
            tok = self.doc[i]
            if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.head.i not in window:
                return tok
        return None

    def _quote_before(self, cue: Token) -> tuple[int, int] | None:
        """The last quotation that closes before the cue in its paragraph, if any."""
        k = bisect_right(self.quote_starts, cue.idx) - 1
        if k < 0 or self.quotes[k][1] > cue.idx or self.paragraph(self.quotes[k][1]) != self.paragraph(cue.idx):
            return None
        return self.quotes[k]

    def _subject(self, cue: Token) -> Token | None:
        entry = self.lexicon.cues.get(cue.lemma_.lower())
        if cue.pos_ == "NOUN":  # "Trump's claim that …", "a claim by Trump that …"; never the verb above
            poss = next((c for c in cue.children if c.dep_ == "poss"), None)
            by = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            if poss is None and by is not None:
                return next((c for c in by.children if c.dep_ == "pobj"), None)
            return poss
        if (
            cue.tag_ == "VBN"
            and cue.dep_ in ("advcl", "acl")
            and not any(c.dep_ in SUBJECTS or c.dep_ == "agent" for c in cue.children)
            and not (entry and entry.passive_subject_speaks)
        ):
            return None
        if cue.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in cue.children):
            # "X said A and said that B", parsed with the second "said" on A's verb: the speaker
            # is the subject of the saying verb above, not A's subject
            above = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")
                          and a.lemma_.lower() in self.lexicon.cues), None)
            if above is not None:
                return self._subject(above)
        if cue.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in cue.children) and _after_comma(cue):
            reporting = self._reporting_verb(cue)
            if reporting is not None:
                return self.subject(reporting)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)
        tok = cue
        for _ in range(MAX_CLIMB + 1):
            subjects = [
                child
                for child in tok.children
                if child.dep_ in SUBJECTS
                # "reporters were told that …": the subject is the addressee
                and not (child.dep_ == "nsubjpass" and tok is cue and not (entry and entry.passive_subject_speaks))
                and self._may_speak(child, cue)
            ]
            if subjects:
                # the one nearest the verb: a time stamp or dateline the parser made a second subject
                # ("12:15 p.m.: Obama says", "LONDON (Reuters) - Trump said") lies further out
                before = [c for c in subjects if c.i < tok.i]
                return before[-1] if before else subjects[0]
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None:
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            if tok.dep_ not in CLIMB or tok.head.i == tok.i:
                return None
            if tok is cue and passive and not (entry and entry.passive_subject_speaks):
                return None  # "… when it was revealed that": no speaker, not the clause above's subject
            tok = tok.head
        return None

    def _may_speak(self, word: Token, cue: Token) -> bool:
        """Can this subject of the cue's clause be its speaker? Not from another paragraph (a time
        stamp line parsed onto the next one), nor from inside a quotation the cue is outside of
        ("“We were wrong,” Ramos told AFP": "We" is the quote's own subject)."""
        if self.paragraph(word.idx) != self.paragraph(cue.idx):
            return False
        quote = self.quote_at(word.idx)
        if quote is None or quote[0] <= cue.idx < quote[1]:
            return True
        # a quoted name speaks ("“Kommersant” reported"); a quoted clause is someone's words
        return not any(t.pos_ in ("VERB", "AUX") for t in self.tokens(*quote))

    def _reporting_verb(self, cue: Token) -> Token | None:
        """The cue verb whose reported clause a participle was parsed into: in "Trump argued that a
        database would help, saying …" the parser hangs "saying" on "help", but it goes on with
        "argued" and shares its speaker."""
        tok = cue.head
        for _ in range(MAX_CLIMB):
            if tok.head.i == tok.i or tok.dep_ not in CLIMB:
                return None
            above = tok.head
            if tok.dep_ == "ccomp" and above.pos == VERB and above.lemma_.lower() in self.lexicon.cues:
                return above if above.i < cue.i else None  # the reporting verb comes first
            tok = tok.head
        return None

    def set_quotes(self, spans: list[tuple[int, int]]) -> None:
        """The quotations of the document, as (opening mark, end) spans, for ``quote_at``."""
        self.quotes = sorted(spans)
        self.quote_starts = [s for s, _ in self.quotes]

    def quote_at(self, char: int) -> tuple[int, int] | None:
        """The quotation holding a character, if any."""
        k = bisect_right(self.quote_starts, char) - 1
        if k >= 0 and char < self.quotes[k][1]:
            return self.quotes[k]
        return None

    def source_word(self, word: Token) -> Token:
        """The word a source span is read from: a relative pronoun names it ("Biden, who said …"),
        the complementizer-like "that" does not ("a group that backs …" -> "a group")."""
        return self.resolve(word) if word.lower_ == "that" else word

    @staticmethod
    def resolve(word: Token) -> Token:
        """A relative pronoun stands for the noun its clause hangs on ("Biden, who said …")."""
        if word.lower_ in RELATIVE and word.head.dep_ == "relcl":
            return word.head.head
        return word

    def source_span(self, cue: tuple[int, int]) -> tuple[int, int] | None:
        """Character span of the words naming the source of a statement with this cue span.

        The object of "according to", the subject phrase of a cue verb (titles and appositions
        included: "his top aide, Tad Devine,"), or the label before a line's colon ("Cruz: …").
        """
        tok = self.token_at(cue[1] - 1)
        if tok.text == ":":
            return self.colon_source(tok)
        hit = self.phrase_cue(tok)
        source = hit.source if hit is not None else self.subject(tok)
        if source is None:
            return None
        return self.phrase(self.source_word(source), tok)

    def phrase(self, head: Token, cue: Token | None = None) -> tuple[int, int]:
        """The words naming a speaker or holder: the head's phrase, titles, appositions and clauses
        about it kept (attribution corpora keep them), but within the head's paragraph: a parse may
        hang a time stamp line ("6:50 p.m.") or a dateline on the name below it. A cue that hangs
        inside the phrase cuts it ("a group that backs Kyiv", "Tusk, who wants …")."""
        first, last = head.left_edge, head.right_edge
        if cue is not None and first.i <= cue.i <= last.i:
            first, last = (first, head) if head.i < cue.i else (head, last)
            while last.i > first.i and last.nbor(-1).i >= first.i and last.dep_ in ("relcl", "acl", "punct"):
                last = last.nbor(-1)
        lo, hi = self.paragraph_bounds(head.idx)
        home = self.quote_at(head.idx)
        while first.i < head.i and (first.idx < lo or self._other_quote(first, home)):
            first = first.nbor()  # nor the quotation the parser hung on the name ("“…,” Blinken, 61, told")
        while last.i > head.i and (last.idx >= hi or self._other_quote(last, home)):
            last = last.nbor(-1)
        while first.i < last.i and (first.is_punct or first.is_space):
            first = first.nbor()
        while last.i > first.i and (last.is_punct or last.is_space):
            last = last.nbor(-1)
        return first.idx, last.idx + len(last)

    def _other_quote(self, tok: Token, home: tuple[int, int] | None) -> bool:
        """Is the token a quote mark or inside a quotation other than ``home``?"""
        quote = self.quote_at(tok.idx)
        return quote != home and (quote is not None or tok.is_quote)

    def paragraph_bounds(self, char: int) -> tuple[int, int]:
        """Character bounds of the paragraph (line) holding ``char``."""
        k = self.paragraph(char)
        lo = self.newlines[k - 1] + 1 if k > 0 else 0
        hi = self.newlines[k] if k < len(self.newlines) else len(text_of(self.doc))
        return lo, hi

    def colon_source(self, colon: Token) -> tuple[int, int] | None:
        """Who speaks through a colon: the label that opens the line ("Cruz: …", "Rep. Trey Gowdy:"),
        else a name (entity or actor) that ends at most ``COLON_REACH`` words before the colon
        ("… pollster Daron Shaw: “…”", "Here's Clinton in 1992: “…”")."""
        line = self.newlines[self.paragraph(colon.idx) - 1] + 1 if self.paragraph(colon.idx) else 0
        first = self.token_at(line)
        first = first if first.idx >= line or first.i + 1 >= len(self.doc) else first.nbor(1)
        label = self.doc[first.i : colon.i]
        speaker = self.speaker_label(list(label)) if 0 < len(label) <= MAX_LABEL else None
        if speaker:
            return speaker[0].idx, speaker[-1].idx + len(speaker[-1])
        names = [e for e in self.doc.ents if e.label_ in NAME_LABELS and colon.i - COLON_REACH <= e.end <= colon.i]
        names += [
            self.doc[i : i + 1] for i in range(max(0, colon.i - COLON_REACH), colon.i) if i in self.actor_at
        ]
        # a place after a preposition says where, not who ("Stoltenberg, speaking in Brussels: …")
        names = [e for e in names if not (e.root.dep_ == "pobj" and e.root.ent_type_ in ("GPE", "LOC", "FAC"))]
        if not names:
            return None
        last = max(names, key=lambda e: (e.end, e.end - e.start))
        if self.doc[last.start : colon.i].sent.start != colon.sent.start:
            return None
        return last.start_char, last.end_char

    def speaker_label(self, label: list[Token]) -> list[Token] | None:
        """The words naming who speaks in a label that opens a line before a colon ("Cruz: …",
        "Kremlin spokesman: …", "Clinton to Planned Parenthood: …" -> "Clinton"), or None.

        Capitalised words, no verb, pronoun or number; lower-case words only after the first, as
        function words or a noun of ``speaker_nouns.jsonl`` after a name ("Clinton camp", not "NATO
        summit"), and then only where a person or an organisation is named. A preposition ends the
        speaker ("Mukasey at RNC"). Words that label a line without naming a speaker ("Update:",
        "Poll:") are in ``not_speakers.jsonl``, and an upper-case place name is a dateline
        ("WASHINGTON: …").
        """
        words = [t for t in label if not t.is_punct]
        if not words or not words[0].text[:1].isupper() or words[0].pos_ in ("DET", "ADP"):
            return None
        if any(t.pos_ in ("VERB", "AUX", "PRON") or t.like_num for t in label):
            return None
        lower, cut = False, len(label)
        for k, t in enumerate(label):
            if t.is_punct or t.tag_ == "POS" or (t.text.rstrip(".").isalpha() and t.text[:1].isupper()):
                continue
            if not t.is_alpha or k == 0:
                return None
            lower = True
            if t.pos_ == "ADP":
                cut = min(cut, k)
            elif not (
                t.pos_ in ("DET", "CCONJ", "PART")
                # a person or body after a name ("Kremlin spokesman"), not a topic ("NATO summit")
                or (t.lower_ in self.lexicon.speaker_nouns and label[k - 1].text[:1].isupper())
            ):
                return None
        speaker = label[:cut]
        if all(t.lower_ in self.lexicon.not_speakers for t in words):
            return None
        if all(t.ent_type_ == "GPE" and t.is_upper for t in words):
            return None
        return speaker if speaker and (not lower or self.names_someone(speaker)) else None

    def names_someone(self, toks: list[Token]) -> bool:
        """Do these words name a person or an organisation (an actor, else a named entity)?"""
        for t in toks:
            actor = self.actor_at.get(t.i)
            if actor is not None and self.kinds.get(actor) in ("person", "organization"):
                return True
            if t.ent_type_ in ("PERSON", "ORG", "NORP"):
                return True
        return False

    def speaker(self, subj: Token | None) -> str | None:
        """The actor id of a subject phrase: its head first, then the rest of its subtree."""
        if subj is None:
            return None
        subj = self.resolve(subj)
        if subj.i in self.actor_at:
            return self.actor_at[subj.i]
        low = subj.lower_
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            return self.antecedent(subj)
        # "Russia's top diplomat, Foreign Minister Sergei Lavrov, said": the name apposed to the
        # subject speaks, not the country that possesses the title
        for app in apposed(subj):
            for tok in app.subtree:
                if tok.i in self.actor_at and self.kinds.get(self.actor_at[tok.i]) == "person":
                    return self.actor_at[tok.i]
        for tok in sorted(subj.subtree, key=lambda t: abs(t.i - subj.i)):
            if tok.i in self.actor_at:
                return self.actor_at[tok.i]
        return None

    def antecedent(self, pron: Token) -> str | None:
        """Fallback for a pronoun the actors layer left open.

        In order: the speaker of a cue verb above it ("Trump added that he …" -> Trump), the latest
        fitting actor that was a clause subject in this or the previous sentence (pronoun subjects
        mostly continue the previous subject: "The ministry said … It said …"), the latest fitting
        actor mentioned before it.
        """
        fits = _FITS.get(pron.lower_, frozenset())
        tok = pron
        for _ in range(MAX_CLIMB * 2):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if self.verb_cue(tok, "direct") is None and self.verb_cue(tok, "indirect") is None:
                continue
            subj = self.subject(tok)
            if subj is not None and subj.i < pron.i and subj.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
                actor = self.speaker(subj)
                if actor is not None and self.kinds.get(actor) in fits:
                    return actor
        k = bisect_right(self.mention_starts, pron.idx - 1)
        fitting = [m for m in reversed(self.mentions[:k]) if m[1] <= pron.idx and m[3] in fits]
        horizon = pron.sent.start
        if horizon > 0:
            horizon = self.doc[horizon - 1].sent.start
        for start, _end, actor, _kind in fitting:
            head = self.token_at(start)
            if head.i < horizon:
                break
            span_toks = self.doc[head.i : max(head.i, bisect_left(self.starts, _end))]
            if any(t.dep_ in SUBJECTS for t in span_toks):
                return actor
        return fitting[0][2] if fitting else None

    # ---------------------------------------------------------------- channel and time
    def channel(self, segments: list[tuple[int, int]]) -> str | None:
        """The first channel (in data-file order) whose phrase occurs in the cue's clause."""
        texts = [text_of(self.doc)[s:e].replace("\n", " ") for s, e in segments if e > s]
        any_channel = _any_channel(self.lexicon.channels)
        if any_channel is not None and not any(any_channel.search(t) for t in texts):
            return None
        for ch in self.lexicon.channels:
            if any(ch.pattern.search(t) for t in texts):
                return ch.channel
        return None

    def time(self, segments: list[tuple[int, int]]) -> str | None:
        """The first timex lying wholly inside the cue's clause and outside the content.

        Each segment bisects the sorted timexes: a pass over all of them per statement made the
        component quadratic in an article's length."""
        best = None
        for s, e in segments:
            for k in range(bisect_left(self.timex_starts, s), len(self.timexes)):
                tx = self.timexes[k]
                if tx.start_char >= e:
                    break
                if tx.end_char <= e:
                    if best is None or k < best:
                        best = k
                    break
        return None if best is None else self.timexes[best].id


def _after_comma(tok: Token) -> bool:
    """Does a comma or dash come just before the word (", saying …", "— asserting …", ",” adding")?"""
    i = tok.i - 1
    while i > 0 and tok.doc[i].is_quote:
        i -= 1
    return i >= 0 and tok.doc[i].text in (",", "—", "–", "-", ";")


@lru_cache(maxsize=4)
def _any_channel(channels: tuple[Channel, ...]) -> re.Pattern[str] | None:
    """One pattern for all channel phrases: most clauses name none, and one search then says so.

    None (no shortcut) when a pattern has groups of its own, whose numbers would shift in the union.
    """
    if not channels or any(ch.pattern.groups or ch.pattern.flags != channels[0].pattern.flags for ch in channels):
        return None
    try:
        return re.compile("|".join(f"(?:{ch.pattern.pattern})" for ch in channels), channels[0].pattern.flags)
    except re.error:  # e.g. an inline flag that is only valid at the start of a pattern
        return None


def clause_segments(
    ctx: Context, verbs: list[Token], bounds: tuple[int, int], content: tuple[int, int]
) -> list[tuple[int, int]]:
    """Character stretches of the cue clause(s), inside ``bounds``, with the content cut out."""
    lo, hi = bounds
    toks = [t for v in verbs for t in (v.left_edge, v.right_edge)]
    start = max(lo, min(t.idx for t in toks))
    end = min(hi, max(t.idx + len(t) for t in toks))
    cs, ce = content
    return [(start, min(end, cs)), (max(start, ce), end)]
