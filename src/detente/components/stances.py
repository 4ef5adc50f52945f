"""The ``detente_stances`` component: who holds which position (the record's ``stances`` layer).

Statements are what someone said. Much of what analysts track is held rather than said: Kyiv
*wants* security guarantees, the EU *backs* the plan, Moscow *fears that* …, a UN report *found
that* …, "his *call for* a cease-fire". Attribution corpora (PARC, PolNeAR) code these alongside
speech; the CODEBOOK keeps ``statements`` to words said or written, so they get a layer of their own.

A stance is a cue word from ``stances/cues.jsonl`` (a verb, or a noun such as "support for") and
its complement in one of the frames the row lists (``stance_lexicon``). The holder is the cue's
subject, read the same way as a speaker (``statement_speech.Context``): through passives ("was
endorsed by X"), participles ("a group backing Cruz"), relative clauses and pronouns; for a noun,
its possessor ("Trump's support for"), the subject of a light verb ("voiced concern that"), or a
"by"/"from" phrase.

Left out on purpose:

* a cue inside the words of a statement ("Organizers said they want to avoid violence"): the
  statement already carries those words and their speaker; the outlet does not assert the stance;
* a cue that is a statement's own cue, or that lies inside another stance's position ("refused to
  support sanctions" is a refusal, not support);
* a complement that is a question word or an "if"/"whether" clause ("decided who to back",
  "know how tempting"): it names no position;
* a complement without a content word ("supports it"): a position nobody could read back.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as Words

from detente.components.stance_lexicon import (
    DATA_DIR,
    StanceCue,
    load_evidence,
    load_ideas,
    load_messages,
    load_military,
    load_receiving,
    load_stance_cues,
)
from detente.components.statement_lexicon import DATA_DIR as SPEECH_DIR
from detente.components.statement_lexicon import Lexicon, LexiconError, load_lexicon
from detente.components.statement_speech import Context, clause_segments
from detente.doc import layer, text_of
from detente.layers import Span, Stance

#: a complement must hold one of these to state a position
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
#: question words: "decided who to back" names no position
WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
QUESTION_MARKS = frozenset({"if", "whether"})
#: quotation marks that open and close a quotation inside a position
QUOTE_PAIRS = (('"', '"'), ("“", "”"), ("‘", "’"), ("«", "»"), ("''", "''"))
EDGE_PUNCT = frozenset(".,;:!?\"'“”‘’«»—–-()")
#: a phrase after the object that belongs to it ("accused Moscow of shelling", "praised her for")
OBJECT_TAIL = frozenset({"of", "for"})
#: prepositions that name the holder of a nominal stance ("support from Berlin", "criticism by NGOs")
NOUN_AGENT = frozenset({"by", "from"})
#: who gives what a target receives ("drew criticism from Kyiv", "won the support of governors")
RECEIVED_FROM = frozenset({"from", "by", "of", "among"})
#: how a closing cue clause ("…, polls show.") may hang in a parse of the words before it
CLOSING_DEPS = frozenset({"ROOT", "ccomp", "advcl", "conj", "parataxis"})
#: words that may open a subject phrase before a closing cue ("fundraising documents show")
SUBJECT_LEAD = frozenset({"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "VBG", "VBN", "CD", "POS", "PRP$"})
#: who could attack in words: a named person, group, organization or state, or a pronoun for one
SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SPEAKING_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who"})
#: object pronouns that name people, a position by themselves ("endorsed her")
PERSON_OBJECTS = frozenset({"him", "her", "them", "himself", "herself", "themselves", "me", "us", "you"})
#: verbs whose subject asks for or gets what the possessor gives ("sought his backing")
SEEKING = frozenset({"seek", "secure", "need", "request", "ask", "lose", "want", "get", "obtain", "court", "enlist"})
#: what a possessive pronoun may stand for (``_owner``)
OWNER_FITS = {"his": "person", "her": "person", "their": "plural", "its": "thing"}


@dataclass
class _Found:
    start: int
    end: int
    cue: Token
    entry: StanceCue
    holder: Token | None
    negated: bool
    kind: str
    covers: bool = True  # may hide a stance whose cue lies in its position (a "seems" does not)


@Language.factory(
    "detente_stances",
    requires=["doc._.actors", "doc._.statements"],
    assigns=["doc._.stances"],
    default_config={"data_dir": None},
)
def make_stances(nlp: Language, name: str, data_dir: str | None) -> StanceFinder:
    """Registered factory; ``data_dir`` swaps in another ``cues.jsonl`` and any of the word lists
    beside it. A list the folder lacks is the packaged one: an empty force list would turn every
    attack into a position."""
    folder = Path(data_dir or DATA_DIR)
    if not (folder / "cues.jsonl").is_file():
        raise LexiconError(f"T014 {folder}: no cues.jsonl in the stance data folder")

    def own(name: str) -> Path:
        return folder / name if (folder / name).is_file() else DATA_DIR / name

    return StanceFinder(
        load_stance_cues(folder / "cues.jsonl"),
        load_lexicon(SPEECH_DIR),
        load_evidence(own("evidence.jsonl")),
        load_receiving(own("receiving.jsonl")),
        load_military(own("military.jsonl")),
        load_messages(own("messages.jsonl")),
        load_ideas(own("ideas.jsonl")),
    )


class StanceFinder:
    """Finds stances and writes ``doc._.stances``."""

    def __init__(
        self,
        cues: dict[tuple[str, str], StanceCue],
        speech: Lexicon,
        evidence: frozenset[str] = frozenset(),
        receiving: frozenset[str] = frozenset(),
        military: frozenset[str] = frozenset(),
        messages: dict[str, str] | None = None,
        ideas: frozenset[str] = frozenset(),
    ) -> None:
        self.cues = cues
        self.speech = speech  # for reading subjects and pronouns as the statements component does
        self.evidence = evidence
        self.receiving = receiving
        self.military = military
        self.messages = messages or {}
        # what a verbal attack may target besides a person: ideas, attitudes, and stance nouns
        self.ideas = ideas | frozenset(self.messages) | frozenset(lemma for lemma, pos in cues if pos == "noun")
        # hashes per part of speech (lemmas, and the forms the tagger lemmatizes wrongly): most
        # tokens are rejected by one dict lookup
        self.by_pos: dict[int, dict[int, StanceCue]] = {VERB: {}, NOUN: {}, ADJ: {}}
        tags = {"verb": VERB, "noun": NOUN, "adj": ADJ}
        for (lemma, pos), c in cues.items():
            table = self.by_pos[tags[pos]]
            table[get_string_id(lemma)] = c
            for form in c.forms:
                table[get_string_id(form)] = c

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            layer(doc, "stances")  # the layer exists, empty
            return doc
        ctx = Context(doc, self.speech)
        ctx.set_quotes([(s.start_char, s.end_char) for s in layer(doc, "statements") if s.kind != "indirect"])
        self.set_annotations(doc, ctx, self.find(doc, ctx))
        return doc

    def find(self, doc: Doc, ctx: Context) -> list[_Found]:
        statements = layer(doc, "statements")
        cue_spans = {s.cue_span for s in statements if s.cue_span}
        inside = ctx.covered([(s.start_char, s.end_char) for s in statements])
        out = []
        by_pos = self.by_pos
        # the three attributes of every token at C speed; a Token object only for the few that may cue
        for i, (pos, lemma, lower) in enumerate(doc.to_array([POS, LEMMA, LOWER]).tolist()):
            table = by_pos.get(pos)
            if table is None:
                continue
            entry = table.get(lemma) or table.get(lower)
            if entry is None or inside[i]:
                continue
            tok = doc[i]
            if (tok.idx, tok.idx + len(tok)) in cue_spans:
                continue
            found = self._one(ctx, tok, entry)
            if found is not None:
                out.append(found)
        return _outermost(out)

    def _one(self, ctx: Context, tok: Token, entry: StanceCue) -> _Found | None:
        kids = list(tok.children)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        for listed in entry.frames:
            frame = listed
            if frame == "received":
                found = self._received(ctx, tok, entry)
                if found is not None:
                    return found
                continue
            message = None
            if frame == "message":
                message = next((c for c in kids if c.dep_ == "dobj"), None)
                if message is None or message.lemma_.lower() not in self.messages or self._cued(ctx, message):
                    continue  # "expressed concern that …" is the noun's own stance
                frame = "object"
            if frame == "evidence-object":
                subj = ctx.subject(tok)
                if subj is None or ctx.resolve(subj).lemma_.lower() not in self.evidence:
                    continue
                frame = "object"
            if frame == "prep:of" and entry.kind == "support" and "received" in entry.frames and not any(
                c.dep_ == "poss" for c in kids
            ):
                continue  # "the backing of party elders" names who backs; "his backing of Kyiv" what
            span = _complement(tok, kids, frame, passive, entry.pos)
            if span is None:
                continue
            lo, hi = ctx.bounds(tok)
            start, end = max(span[0], lo), min(span[1], hi)
            if end <= start or not _readable(ctx.tokens(start, end)):
                continue
            if entry.not_military and self._military(ctx, tok, kids):
                return None
            if entry.people and not self._verbal(ctx, tok, kids, passive):
                return None
            if start + len(ctx.token_at(start)) >= end and self._force(ctx, tok):
                return None  # "the soldiers supported them with artillery fire"; not "Hungary backs Kyiv"
            if message is not None:
                holder = self._message_holder(ctx, tok, message)
                if holder is not None and holder.head == message and holder.dep_ == "poss":
                    after = holder.right_edge.i + 1  # "Putin's displeasure": the possessor holds it
                    after += after < len(tok.doc) and tok.doc[after].tag_ == "POS"
                    start = max(start, tok.doc[min(after, message.i)].idx)
                elif holder is not None and holder.head.head == message and start <= holder.idx < end:
                    end = _trimmed(message.left_edge, tok.doc[holder.head.i - 1])[1]  # "regret from Hamas"
            else:
                holder = None if frame == "raising" else _holder(ctx, tok, kids, passive, entry.pos, self.receiving)
            if holder is not None and holder.idx < end and start < holder.idx + len(holder):
                holder = None  # the subject is inside the position ("X was expected to …")
            negated = _negated(tok, entry.pos) or (message is not None and _denied(message))
            kind = self.messages[message.lemma_.lower()] if message is not None else entry.kind_of(listed)
            # neither what seems so nor what is conveyed hides a stance inside it ("gave a statement denying …")
            return _Found(start, end, tok, entry, holder, negated, kind, frame != "raising" and message is None)
        return None

    def _verbal(self, ctx: Context, tok: Token, kids: list[Token], passive: bool) -> bool:
        """Is an attack in words? The target is a person or an idea, the attacker someone who could
        speak, and no "with" phrase names a weapon ("attacked his car with rockets")."""
        if self._military(ctx, tok, kids) or any(c.dep_ == "prep" and c.lower_ == "with" for c in kids):
            return False
        obj = next((c for c in kids if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        if obj is None or not (
            obj.ent_type_ == "PERSON"
            or ctx.kinds.get(ctx.actor_at.get(obj.i, "")) == "person"  # the tagger calls Trump an ORG
            or obj.lower_ in PERSON_OBJECTS
            or obj.lemma_.lower() in self.ideas
        ):
            return False
        subj = ctx.subject(tok)
        if subj is None:
            return True  # "attacking Clinton's record": the speaker is read elsewhere
        return _speaks(ctx, subj)

    def _message_holder(self, ctx: Context, verb: Token, message: Token) -> Token | None:
        """Whose message a verb conveys: the noun's possessor or "from" phrase ("conveyed Putin's
        message", "relayed a warning from Hamas"); a recipient that something that cannot speak gave
        an attitude to ("the victory gave Kyiv hope"); else the verb's subject."""
        poss = next((c for c in message.children if c.dep_ == "poss" and c.tag_ != "PRP$"), None)
        if poss is not None:
            return poss
        source = next((c for c in message.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        if source is not None:
            return next((c for c in source.children if c.dep_ == "pobj"), None)
        subj = ctx.subject(verb)
        recipient = next((c for c in verb.children if c.dep_ == "dative"), None)
        if recipient is not None and (subj is None or not _speaks(ctx, subj)):
            return recipient
        return subj

    def _cued(self, ctx: Context, noun: Token) -> bool:
        """Is this noun a stance cue that finds its own position?"""
        entry = self.by_pos[NOUN].get(noun.lemma) or self.by_pos[NOUN].get(noun.lower)
        return entry is not None and self._one(ctx, noun, entry) is not None

    def _force(self, ctx: Context, tok: Token) -> bool:
        """Is the verb's subject a force ("troops", "militants"), not a state or a person?"""
        subj = ctx.subject(tok)
        return subj is not None and ctx.resolve(subj).lemma_.lower() in self.military

    def _military(self, ctx: Context, tok: Token, kids: list[Token]) -> bool:
        """Is the verb's object a place or a force, or its subject a force ("troops defended the city")?"""
        subj = ctx.subject(tok)
        words = [c for c in kids if c.dep_ in ("dobj", "nsubjpass")] + ([ctx.resolve(subj)] if subj else [])
        return any(w.lemma_.lower() in self.military or w.ent_type_ in ("GPE", "LOC", "FAC") for w in words)

    def _received(self, ctx: Context, tok: Token, entry: StanceCue) -> _Found | None:
        """A noun cue that its target receives: "the plan drew criticism from Kyiv", "Rubio has won
        the support of governors", "Clinton came under criticism". The position is the receiving
        verb's subject, the holder its "from"/"by"/"of"/"among" phrase."""
        if any(c.dep_ == "poss" for c in tok.children):
            return None  # "gained Germany's support for": the possessor gives it, the "for" frame reads that
        verb = tok.head
        if tok.dep_ == "pobj" and verb.lower_ == "under":  # "came under criticism"
            verb = verb.head
        elif tok.dep_ != "dobj" or verb.lemma_.lower() not in self.receiving:
            return None
        subj = ctx.subject(verb) if verb.pos == VERB else None
        if subj is None:
            return None
        start, end = ctx.phrase(ctx.resolve(subj), verb)
        start, end = _trimmed(ctx.token_at(start), ctx.token_at(end - 1))  # quotation marks balanced
        lo, hi = ctx.bounds(tok)
        start, end = max(start, lo), min(end, hi)
        if end <= start or not any(t.pos_ in CONTENT_POS or t.pos_ == "PRON" for t in ctx.tokens(start, end)):
            return None  # a pronoun names a target too ("He faced criticism")
        # "of" names who gives support ("the support of governors"), but what is criticized or alleged
        froms = RECEIVED_FROM if entry.kind == "support" else RECEIVED_FROM - {"of"}
        # the giver may hang on the noun, its verb, or what it names ("accusations of war crimes from the UN")
        ofs = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        named = [g for c in ofs for g in c.children if g.dep_ == "pobj"]
        places = [*tok.children, *verb.children, *(c for g in named for c in g.children)]
        by = next((c for c in places if c.dep_ == "prep" and c.lower_ in froms), None)
        holder = None if by is None else next((c for c in by.children if c.dep_ == "pobj"), None)
        negated = any(c.dep_ == "neg" for c in verb.children)
        return _Found(start, end, tok, entry, holder, negated, entry.kind_of("received"))

    def set_annotations(self, doc: Doc, ctx: Context, found: list[_Found]) -> None:
        out = layer(doc, "stances")
        text = text_of(doc)
        for f in sorted(found, key=lambda f: (f.start, f.end, f.cue.i)):
            cue_span = (f.cue.idx, f.cue.idx + len(f.cue))
            holder_span = None if f.holder is None else _holder_span(ctx, f.holder, f.cue)
            segments = clause_segments(ctx, [f.cue], ctx.bounds(f.cue), (f.start, f.end))
            out.append(
                Stance(
                    id=f"p{len(out) + 1}",
                    start_char=f.start,
                    end_char=f.end,
                    text=text[f.start : f.end],
                    kind=f.kind,
                    cue=f.cue.text,
                    cue_span=cue_span,
                    holder=ctx.speaker(f.holder),
                    holder_span=holder_span,
                    negated=f.negated,
                    time=ctx.time(segments),
                )
            )


def _outermost(found: list[_Found]) -> list[_Found]:
    """Drop a stance whose cue lies inside another's position: "Hungary refused to support
    sanctions" is one refusal, not also Hungary supporting sanctions.

    What seems or appears so hides nothing: "Zelensky appeared to reject the proposal" keeps his
    opposition beside the outlet's impression.

    Positions sorted by start, with the two largest ends seen so far, answer "does another position
    cover this cue?" by bisection: linear-logarithmic however many stances an article holds.
    """
    spans = sorted((k for k in range(len(found)) if found[k].covers), key=lambda k: found[k].start)
    starts = [found[k].start for k in spans]
    best: list[tuple[int, int, int]] = []  # per prefix: (largest end, its index, second largest end)
    top, who, second = -1, -1, -1
    for k in spans:
        end = found[k].end
        if end > top:
            top, who, second = end, k, top
        elif end > second:
            second = end
        best.append((top, who, second))
    keep = []
    for k, f in enumerate(found):
        n = bisect_right(starts, f.cue.idx)
        if n:
            top, who, second = best[n - 1]
            if (top if who != k else second) > f.cue.idx:
                continue
        keep.append(f)
    return keep


def _holder_span(ctx: Context, holder: Token, cue: Token) -> Span:
    """The holder's phrase (``Context.phrase``: cut before the cue when the cue hangs inside it, "a
    group backing Kyiv"), without a possessive ending ("Zelensky's")."""
    start, end = ctx.phrase(ctx.source_word(holder), cue)
    first, last = ctx.token_at(start), ctx.token_at(end - 1)
    if last.tag_ == "POS" and last.i > first.i:
        last = last.nbor(-1)
    return _trimmed(first, last)


def _trimmed(first: Token, last: Token) -> Span:
    """Characters from ``first`` to ``last`` without punctuation at either edge."""
    doc = first.doc
    while first.i < last.i and first.text in EDGE_PUNCT:
        first = doc[first.i + 1]
    while last.i > first.i and last.text in EDGE_PUNCT:
        last = doc[last.i - 1]
    # a quotation opened inside keeps its closing mark ('The "peace plan"', not 'The "peace plan')
    inside = [t.text for t in doc[first.i : last.i + 1]]
    for mark, close in QUOTE_PAIRS:
        opened = inside.count(mark) % 2 if mark == close else inside.count(mark) - inside.count(close)
        if opened > 0 and last.i + 1 < len(doc) and doc[last.i + 1].text == close:
            last = doc[last.i + 1]
            break
    return first.idx, last.idx + len(last)


def _subtree(tok: Token) -> Span:
    return _trimmed(tok.left_edge, tok.right_edge)


def _complement(tok: Token, kids: list[Token], frame: str, passive: bool, pos: str) -> Span | None:
    """The characters of the position in one frame, or None when the cue does not take it so."""
    if frame == "clause":
        deps = ("acl", "ccomp") if pos == "noun" else ("ccomp",)
        comp = next((c for c in kids if c.dep_ in deps and c.i > tok.i), None)
        if comp is None and pos == "verb":
            comp = _fronted(tok, kids)
            if comp is None:
                return _closing(tok, kids)
        if comp is None and pos == "adj":
            comp = _adjective_clause(tok, kids)
        if comp is None or _question(comp) or (comp.tag_ == "VB" and not _infinitive(comp) and not any(
            c.dep_ in ("aux", "auxpass") for c in comp.children
        )):
            return None  # "saw crowds gather": a perception, not a belief
        that = next((c for c in comp.children if c.lower_ == "that" and c.dep_ == "mark"), None)
        if pos == "noun" and that is None:
            return None  # "the view from Kyiv is …" is no clause of the noun's
        if that is not None and that.i == comp.left_edge.i:  # the position, not its complementizer
            return _trimmed(comp.doc[that.i + 1], comp.right_edge)
        return _subtree(comp)
    if frame == "raising":
        return _raised(tok, kids)
    if frame == "to":
        deps = ("acl", "xcomp") if pos == "noun" else ("xcomp",)
        comp = next((c for c in kids if c.dep_ in deps and c.i > tok.i), None)
        if comp is None or not _infinitive(comp) or _question(comp):
            return None
        return _subtree(comp)
    if frame.startswith("prep:"):
        word = frame[5:]
        prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == word and c.i > tok.i), None)
        if prep is None and pos == "noun" and tok.dep_ == "dobj":  # "made a plea for": hung on the verb
            prep = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == word and c.i > tok.i), None)
        if prep is None:  # "calling for the US to take a stronger role", parsed as a clause marked "for"
            clause = next((c for c in kids if c.dep_ == "advcl" and c.i > tok.i and _infinitive(c)), None)
            mark = None if clause is None else next(
                (m for m in clause.children if m.dep_ == "mark" and m.lower_ == word), None
            )
            if mark is not None and mark.i + 1 <= clause.right_edge.i:
                return _trimmed(tok.doc[mark.i + 1], clause.right_edge)
        obj = None if prep is None else next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.tag_ in WH_TAGS or obj.ent_type_ in ("DATE", "TIME"):
            return None  # "called Putin on Monday" is a call, not a call on Monday
        span = _subtree(obj)
        # "called on Kyiv to withdraw": the addressee and what it is asked to do
        then = next((c for c in kids if c.dep_ in ("xcomp", "advcl") and c.i > obj.i and _infinitive(c)), None)
        return span if then is None else (span[0], max(span[1], _subtree(then)[1]))
    if pos != "verb":
        return None
    if passive:  # "the plan was endorsed by …", "Pigs are considered unclean by …"
        obj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    else:  # an object, or a gerund that is one ("proposed barring …", "supports squeezing out …")
        obj = next((c for c in kids if c.dep_ == "dobj"), None) or next(
            (c for c in kids if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i), None
        )
    if obj is None:
        return None
    if obj.tag_ in WH_TAGS or (obj.lower_ == "that" and obj.dep_ in ("dobj", "nsubjpass")):
        if tok.dep_ != "relcl" or frame != "object":
            return None
        # "the attack, which was condemned by …", "the ruling that China opposes": the antecedent
        head = tok.head
        return _trimmed(head.left_edge, head)
    span = _subtree(obj)
    after = max(obj.i, tok.i)
    if frame == "as":  # "sees Kyiv as a partner"; "sees the plan as unfair" hangs as an "as" clause
        tail = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and c.i > after), None) or next(
            (c for c in kids if c.dep_ == "advcl" and c.i > after and c.left_edge.lower_ == "as"), None
        )
    elif frame == "oprd":
        tail = next((c for c in kids if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > after), None) or next(
            # "called her son her hero", parsed as an apposition without its comma
            (c for c in obj.children if c.dep_ == "appos" and c.i > obj.i and c.left_edge.i > 0
             and not tok.doc[c.left_edge.i - 1].is_punct),
            None,
        )
    else:
        tail = next((c for c in kids if c.dep_ == "prep" and c.lower_ in OBJECT_TAIL and c.i > after), None)
        if tail is None:
            return span
    if tail is None:
        return None
    if span[1] <= tok.idx and frame not in ("as", "oprd"):
        return span  # "X was criticized by Y for Z": the position is X, not a stretch over the holder
    end = _subtree(tail)[1]
    return span[0], max(span[1], end)


def _raised(tok: Token, kids: list[Token]) -> Span | None:
    """What "seems" or "appears" so: the subject with its infinitive or adjective ("Moscow appears
    to be preparing an offensive", "the team seemed paralyzed"), or the clause after "it" ("it
    appears that …"). Whose impression it is the text does not say: there is no holder."""
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    comp = next((c for c in kids if c.dep_ in ("xcomp", "acomp", "oprd", "ccomp") and c.i > tok.i), None)
    if subj is None or comp is None or subj.lower_ in ("who", "which", "that"):
        return None
    between = tok.doc[tok.i + 1 : comp.left_edge.i]
    if any(t.dep_ != "advmod" for t in between):
        return None  # "appeared before reporters to deny …" is a purpose, not an impression
    if comp.dep_ == "xcomp" and not (_infinitive(comp) or comp.tag_ in ("JJ", "JJR", "VBN")):
        return None  # "appeared to end his bid", "appeared paralyzed"; not "appeared smiling"
    if subj.lower_ == "it":  # "it appears that the talks failed"; "it seems easy to …" is no position
        if comp.dep_ != "ccomp" or _question(comp):
            return None
        that = next((c for c in comp.children if c.lower_ == "that" and c.dep_ == "mark"), None)
        return _trimmed(comp.doc[that.i + 1], comp.right_edge) if that is not None else _subtree(comp)
    if comp.dep_ == "ccomp":
        return None
    return _subtree(subj)[0], _subtree(comp)[1]


def _adjective_clause(tok: Token, kids: list[Token]) -> Token | None:
    """The "that" clause of an adjective, which the parser may hang as an adverbial clause of the
    adjective or as a complement of the verb it completes ("made it clear to voters that …", "it
    is clear that …")."""
    that = next(
        (c for c in kids if c.dep_ == "advcl" and c.i > tok.i and any(
            m.dep_ == "mark" and m.lower_ == "that" for m in c.children
        )),
        None,
    )
    if that is not None or tok.dep_ not in ("oprd", "ccomp", "acomp", "xcomp"):
        return that
    return next((c for c in tok.head.children if c.dep_ == "ccomp" and c.i > tok.i), None)


def _fronted(tok: Token, kids: list[Token]) -> Token | None:
    """A clause put before its cue ("The war will end soon, Kyiv believes", "…, polls show"): a
    clausal complement to the left, a comma after it, then the cue's own subject."""
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    comp = next((c for c in kids if c.dep_ == "ccomp" and c.i < tok.i), None)
    if subj is None or comp is None or not comp.right_edge.i < subj.i:
        return None
    after = comp.right_edge.i + 1
    return comp if after < len(tok.doc) and tok.doc[after].text in (",", "—", "–") else None


def _owner(ctx: Context, noun: Token, poss: Token, receiving: frozenset[str]) -> Token:
    """A possessive pronoun on a noun its clause's subject acts with stands for that subject:
    "GOP leaders signaled their support", "Fiorina threw her support behind Cruz", "Republicans
    have been unsparing in their criticism of". The subject names the holder; the pronoun only
    points at it."""
    if poss.lower_ not in OWNER_FITS:
        return poss
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head if noun.dep_ == "pobj" else None
    if verb is not None and verb.pos == ADJ and verb.dep_ == "acomp":  # "unsparing in their criticism"
        verb = verb.head
    if verb is None or verb.pos not in (VERB, AUX) or verb.lemma_.lower() in receiving | SEEKING:
        return poss  # "the rebels secured their support": the possessor gives it
    subj = ctx.subject(verb)
    if subj is None or subj.i > noun.i or subj.tag_ == "PRP$":
        return poss
    subj = ctx.resolve(subj)
    plural = (
        subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they", "we") or any(c.dep_ == "conj" for c in subj.children)
    )
    person = subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she", "i", "you")
    fits = OWNER_FITS[poss.lower_]
    if (fits == "plural" and not plural) or (fits == "person" and (plural or subj.lower_ in ("it", "they"))):
        return poss
    if fits == "thing" and (person or plural):
        return poss
    return subj


def _readable(words: Words) -> bool:
    """Can a reader tell what the position is? A content word, or a pronoun naming people ("backed
    her", "criticized them"); "supports it" names nothing without the sentence before."""
    return any(t.pos_ in CONTENT_POS for t in words) or (len(words) == 1 and words[0].lower_ in PERSON_OBJECTS)


def _closing(tok: Token, kids: list[Token]) -> Span | None:
    """A cue clause that closes its sentence after a comma ("Bush had to lend his campaign money,
    fundraising documents show."), which the parser hung somewhere inside the words it reports:
    those words, from the sentence start to the comma."""
    if tok.dep_ not in CLOSING_DEPS or any(c.dep_ in ("dobj", "ccomp", "xcomp", "mark", "neg") for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or subj.lower_ in ("who", "which", "that") or subj.left_edge.i < 2:
        return None
    doc = tok.doc
    comma = subj.left_edge.i - 1
    while comma > 0 and doc[comma].text != "," and doc[comma].tag_ in SUBJECT_LEAD:
        comma -= 1  # "…, fundraising documents show": a participle the parser took for the clause
    if doc[comma].text != "," or any(doc[k].is_quote for k in (comma - 1, comma + 1)):
        return None  # a quotation is the statements component's
    sent = tok.sent
    rest = doc[tok.i + 1 : sent.end]
    if not rest or rest[-1].text not in (".", "!", "?") or any(
        t.dep_ not in ("prep", "pobj", "advmod", "npadvmod", "det", "compound", "amod", "punct") for t in rest[:-1]
    ):
        return None
    words = doc[sent.start : comma]
    if not any(t.pos_ in ("VERB", "AUX") for t in words) or any(t.is_quote for t in words):
        return None
    return _trimmed(words[0], words[-1])


def _speaks(ctx: Context, subj: Token) -> bool:
    """Could this subject say something: a name, a pronoun for a person or group, or a noun of
    speakers ("the senator", ``statements/speaker_nouns.jsonl``)? Not "settlers" or "men", who in
    conflict news attack with more than words."""
    subj = ctx.resolve(subj)
    return (
        subj.pos_ == "PROPN"
        or subj.ent_type_ in SPEAKING_ENTITIES
        or subj.lower_ in SPEAKING_PRONOUNS
        or subj.lemma_.lower() in ctx.lexicon.speaker_nouns
    )


def _negated(tok: Token, pos: str) -> bool:
    """Is the stance denied? "did not back", "is not confident that", and for a noun, "no evidence
    that", "did not express support for", "voiced no objection"."""
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if pos == "adj" and tok.dep_ in ("acomp", "oprd", "ccomp", "xcomp"):  # "has not made it clear that"
        return any(c.dep_ == "neg" for c in tok.head.children)
    if pos == "noun":
        head = tok.head if tok.dep_ in ("dobj", "attr", "nsubj") else tok.head.head if tok.dep_ == "pobj" else None
        return _denied(tok) or (head is not None and any(c.dep_ == "neg" for c in head.children))
    return False


def _denied(noun: Token) -> bool:
    """Does a determiner deny the noun ("no evidence", "neither side's support")?"""
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in noun.children)


def _infinitive(verb: Token) -> bool:
    """Does the verb have its own "to" ("to withdraw")?"""
    return any(c.tag_ == "TO" for c in verb.children)


def _question(comp: Token) -> bool:
    """Is a clausal complement an embedded question ("whether …", "who to back", "how it ends")?"""
    if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in comp.children):
        return True
    return comp.left_edge.tag_ in WH_TAGS


def _holder(
    ctx: Context, tok: Token, kids: list[Token], passive: bool, pos: str, receiving: frozenset[str] = frozenset()
) -> Token | None:
    """The words naming who holds the position (see the module docstring)."""
    if pos == "adj":  # "Kyiv is confident that …": the copula's subject
        if tok.dep_ == "acomp" or (tok.head.pos == VERB and tok.dep_ in ("oprd", "advcl", "xcomp", "ccomp")):
            subj = ctx.subject(tok.head)  # also "aides spent the day there, confident that …"
            return None if subj is not None and subj.lower_ == "it" else subj  # "it is clear that"
        return tok.head if tok.dep_ == "amod" and tok.head.i < tok.i else None  # "aides confident that"
    if pos == "noun":
        poss = next((c for c in kids if c.dep_ == "poss"), None)
        if poss is not None:
            return _owner(ctx, tok, poss, receiving)
        by = next((c for c in kids if c.dep_ == "prep" and c.lower_ in NOUN_AGENT), None)
        if by is not None:
            return next((c for c in by.children if c.dep_ == "pobj"), None)
        if tok.dep_ == "dobj" and tok.head.pos == VERB:  # "voiced concern that", "expressed support for"
            return ctx.subject(tok.head)
        if tok.dep_ == "attr" and tok.head.pos in (VERB, AUX):  # "Graham is a critic of …"
            return ctx.subject(tok.head)
        if tok.dep_ == "appos":  # "Adelson, a supporter of Israel, …"
            return tok.head
        return None
    agent = next((c for c in kids if c.dep_ == "agent"), None)
    if passive:
        return None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
    bare = not any(c.dep_ in ("nsubj", "aux") for c in kids)
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl", "relcl") and bare:
        return None  # "Zelensky, asked about the talks, said …": he was asked, he did not ask
    if tok.dep_ == "acl" and tok.tag_ == "VBG":  # "a super PAC supporting Rubio"
        return tok.head
    subj = ctx.subject(tok)
    if subj is not None and subj.lower_ == "it" and _infinitive(tok) and (
        tok.head.pos == ADJ or any(c.dep_ == "acomp" for c in tok.head.children)
    ):
        return None  # "it is important to remember that …": nobody in particular remembers
    return subj
