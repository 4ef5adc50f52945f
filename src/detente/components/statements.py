"""The ``detente_statements`` component: who said what (CODEBOOK ``statements``).

Three finders, then one setter (STYLE.md practice 3):

* **direct** — a top-level quotation (``statement_quotes.pair_quotes``) that stands as its own
  sentence(s): the cue is in the words right after it (“…,” Trump wrote) or right before it
  (Trump said: “…”); with no cue it continues the previous direct quote (same or previous paragraph);
* **partial** — a quoted fragment inside a sentence, attributed to the nearest cue verb above it in
  the parse ("proposed holding talks “without preconditions”"); a fragment with no cue above it is
  a title or scare quote and is dropped;
* **indirect** — a cue verb with a clausal complement ("Peskov added that …"), or an attribution
  phrase ("…, according to X"). A complement that overlaps a direct quote is that quote, not a new
  statement; one that holds a partial quote yields both. A cue clause set off by commas with no
  complement of its own ("The plan, she said, is dead"; "…, his aide told reporters."; "As Reuters
  reported, …") reports the rest of its sentence: one statement per side of the cue clause, as for a
  direct quote split by its cue;
* **labelled** — a line that opens with a speaker's name and a colon, the headline and transcript
  style ("Sanders: Brexit's message could draw Trump support"; "TRUMP: We will win."); the cue is
  the colon. Whole quoted sentences after a colon with no cue verb ("… pollster Daron Shaw:
  “Historically, …”") are direct statements with the colon as cue, too.

Spans are the content only; speakers, channels and times come from ``statement_speech``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Token

from detente.components.statement_lexicon import DATA_DIR, Lexicon, load_lexicon
from detente.components.statement_quotes import Quote, pair_quotes
from detente.components.statement_speech import CHAIN_WORDS, MAX_LABEL, Context, CueHit, clause_segments
from detente.doc import layer, text_of
from detente.layers import Statement

SENTENCE_END = frozenset({".", "!", "?"})
#: a quote ending in one of these is an open clause that a following "X said" completes
OPEN_END = frozenset(",!?—–-…:;")
#: how far into the words after a quote its cue may sit (“…,” said Kremlin spokesman Dmitry Peskov)
AFTER_CUE_REACH = 12
#: a quote that ends its sentence with "." takes a cue after it only from a short tail ("…." he said.)
SHORT_TAIL = 6
#: verbs that put a name on something: a one-word quote after them is the speaker's word, not a scare quote
NAMING = frozenset({"call", "dub", "label", "brand", "term"})
MAX_CHAIN = 10
#: parts of speech that leave reported words unfinished when a quotation follows them
DANGLING = frozenset({"ADP", "DET", "AUX", "PART", "SCONJ", "CCONJ"})
#: dependents of a cue that are clauses of their own, never part of the cue clause
CLAUSAL = frozenset({"ccomp", "xcomp", "conj", "parataxis", "advcl", "cc", "csubj", "dep", "punct"})
#: how a comma-delimited cue clause may hang in the parse ("X, she said, Y" is parataxis; "…, he said"
#: after a clause the parser did not make its complement is the root or a conjunct)
INSERTED = frozenset({"parataxis", "ROOT", "conj", "ccomp"})
#: what may follow a cue that closes its sentence: when, where and how it was said, not an object
CUE_MODIFIERS = frozenset({"prep", "npadvmod", "advmod", "punct", "agent"})
#: how the words before an inserted cue clause may attach to the cue itself; a modifier of the cue
#: ("In 2015, Trump announced his run"; "When he won, Trump said hello") is not what was said
REPORTED_DEPS = frozenset({"parataxis", "conj", "dep", "ccomp", "csubj"})


@dataclass
class _Found:
    start: int
    end: int
    kind: str
    speaker: str | None
    cue: str | None
    cue_span: tuple[int, int] | None
    channel: str | None
    time: str | None
    speaker_span: tuple[int, int] | None = None  # set once all statements are found (``find``)


@Language.factory(
    "detente_statements",
    requires=["doc._.actors"],
    assigns=["doc._.statements"],
    default_config={"data_dir": None},
)
def make_statements(nlp: Language, name: str, data_dir: str | None) -> StatementFinder:
    """Registered factory; ``data_dir`` swaps in another set of cue/channel files."""
    return StatementFinder(load_lexicon(Path(data_dir) if data_dir else DATA_DIR))


class StatementFinder:
    """Finds direct, partial and indirect statements and writes ``doc._.statements``."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc) if len(doc) else [])  # an empty text has no words to read
        return doc

    def find(self, doc: Doc) -> list[_Found]:
        ctx = Context(doc, self.lexicon)
        quotes = pair_quotes(text_of(doc), self.lexicon.marks)
        ctx.set_quotes([(q.open, q.stop) for q in quotes])
        found = self._quoted(ctx, quotes)
        found += self._labelled(ctx, quotes, found)
        direct = [(f.start, f.end) for f in found if f.kind == "direct" or f.cue == ":"]
        quoted = [(q.open, q.stop) for q in quotes]
        # only a quote that is a statement of its own is cut off reported speech; a scare-quoted
        # word at its end ("said the reforms did not amount to “amnesty.”") stays in it
        taken = {(f.start, f.end) for f in found}
        closed = [(q.open, q.stop) for q in quotes if q.closed and (q.start, q.end) in taken]
        indirect = (_unquoted_part(ctx, f, closed) for f in self._indirect(ctx, direct, quoted))
        found += [f for f in indirect if f is not None]
        spans: dict[tuple[int, int], tuple[int, int] | None] = {}
        for f in found:  # the words naming who speaks, also when no actor is read from them ("voters say")
            if f.cue_span is not None:
                if f.cue_span not in spans:
                    spans[f.cue_span] = ctx.source_span(f.cue_span)
                f.speaker_span = spans[f.cue_span]
        return found

    def set_annotations(self, doc: Doc, found: list[_Found]) -> None:
        out = layer(doc, "statements")
        seen: set[tuple[int, int, str]] = set()
        text = text_of(doc)
        for f in found:  # a quote may close after a space (“… ‘poor,’ ”): the content is the words
            while f.end > f.start and text[f.end - 1].isspace():
                f.end -= 1
            while f.start < f.end and text[f.start].isspace():
                f.start += 1
        for f in sorted(found, key=lambda f: (f.start, f.end)):
            if (f.start, f.end, f.kind) in seen or f.end <= f.start:
                continue
            seen.add((f.start, f.end, f.kind))
            out.append(
                Statement(
                    id=f"s{len(out) + 1}",
                    start_char=f.start,
                    end_char=f.end,
                    text=text_of(doc)[f.start : f.end],
                    kind=f.kind,
                    speaker=f.speaker,
                    cue=f.cue,
                    cue_span=f.cue_span,
                    channel=f.channel,
                    time=f.time,
                    speaker_span=f.speaker_span,
                )
            )

    # ---------------------------------------------------------------- quotations
    def _quoted(self, ctx: Context, quotes: list[Quote]) -> list[_Found]:
        opens = {q.open for q in quotes}
        closes = {q.close for q in quotes}
        found: list[_Found] = []
        last_direct: _Found | None = None
        for q in quotes:
            content = text_of(ctx.doc)[q.start : q.end]
            if not content.strip() or not any(ch.isalnum() for ch in content):
                continue
            before = self._window(ctx, q.open, -1, opens, closes)
            after = self._window(ctx, q.close, 1, opens, closes) if q.closed else []
            item = self._direct(ctx, q, content, before, after)
            if item is None and self._stands_alone(before, after):
                item = self._continuation(ctx, q, last_direct)
            if item is None:
                item = self._partial(ctx, q, content)
            if item is None:
                continue
            found.append(item)
            if item.kind == "direct":
                last_direct = item
        return found

    def _window(self, ctx: Context, mark: int, step: int, opens: set[int], closes: set[int]) -> list[Token]:
        """The words between a quote mark and the sentence edge, stopping at another quote."""
        doc = ctx.doc
        i = ctx.token_at(mark).i + step
        out: list[Token] = []
        while 0 <= i < len(doc):
            tok = doc[i]
            if "\n" in tok.text or tok.idx in opens or tok.idx in closes:
                break
            if tok.text in SENTENCE_END:
                break
            out.append(tok)
            i += step
        return out if step > 0 else out[::-1]

    @staticmethod
    def _stands_alone(before: list[Token], after: list[Token]) -> bool:
        return not any(t.is_alpha for t in before) and not any(t.is_alpha for t in after)

    def _direct(
        self, ctx: Context, q: Quote, content: str, before: list[Token], after: list[Token]
    ) -> _Found | None:
        # the mark of a nested quote may close with the outer one (“… called it ‘a sham,’”)
        stripped = content.rstrip().rstrip("'’\"”").rstrip()
        while after and after[0].is_quote:  # the tokenizer splits ,''' into '' and '
            after = after[1:]
        if not any(t.is_alpha for t in before):
            tail_ok = (
                (after and after[0].text == ",") or stripped[-1:] in OPEN_END or len(after) <= SHORT_TAIL
            )
            if after and tail_ok:
                hit = self._nearest_cue(ctx, after[:AFTER_CUE_REACH], "direct")
                if hit is not None:
                    return self._attributed(ctx, q, "direct", hit, after)
            return None
        last = before[-1]
        first = content.lstrip()[:1]
        hit = self._nearest_cue(ctx, before[::-1], "direct")
        if hit is None:
            if last.text == ":" and self._whole_sentences(stripped, after):
                return self._colon_quote(ctx, q, last, before)
            return None
        resumes = before[0].i > 0 and before[0].nbor(-1).is_quote  # “A,” she said, “b …”
        if (
            last.text == ":"
            or (last.text == "," and (first.isupper() or resumes))
            or (last is hit.token and first.isupper())
        ):
            return self._attributed(ctx, q, "direct", hit, before)
        return None

    @staticmethod
    def _whole_sentences(content: str, after: list[Token]) -> bool:
        """A quotation of whole sentences: capital first, three words or more, ends its sentence."""
        words = re.findall(r"[^\W\d_]+", content)
        opens = content.lstrip(" .…")[:1]
        return (
            len(words) >= 3
            and opens.isupper()
            and (content[-1:] in SENTENCE_END or not any(t.is_alpha for t in after))
        )

    def _colon_quote(self, ctx: Context, q: Quote, colon: Token, before: list[Token]) -> _Found | None:
        """Whole quoted sentences after a colon with no cue verb: the colon is the cue.

        "… doesn't surprise Republican pollster Daron Shaw: “Historically, …”", "Here's Clinton in
        1992: “Our new direction …”", "More from the report: “…”". The speaker is the name just
        before the colon (``Context.colon_source``); a section label ("Related: “…”") is no cue.
        """
        if colon.i > 0 and colon.nbor(-1).lower_ in self.lexicon.not_speakers:
            return None
        source = ctx.colon_source(colon)
        speaker = None
        if source is not None:
            speaker = next((ctx.actor_at[t.i] for t in reversed(ctx.tokens(*source)) if t.i in ctx.actor_at), None)
        return _Found(q.start, q.end, "direct", speaker, ":", (colon.idx, colon.idx + 1), None, None)

    def _nearest_cue(self, ctx: Context, toks: list[Token], role: str) -> CueHit | None:
        for tok in toks:
            hit = ctx.hit(tok, role)
            if hit is not None:
                return hit
        return None

    def _attributed(self, ctx: Context, q: Quote, kind: str, hit: CueHit, window: list[Token]) -> _Found:
        lo = min(t.idx for t in window)
        hi = max(t.idx + len(t) for t in window)
        return self._make(ctx, q.start, q.end, kind, hit, (lo, hi))

    def _make(
        self, ctx: Context, start: int, end: int, kind: str, hit: CueHit, bounds: tuple[int, int]
    ) -> _Found:
        """Fill speaker, channel and time for a statement whose content and cue are known."""
        if hit.source is not None:
            speaker = ctx.speaker(hit.source)
            verbs = [hit.token.head, hit.source]
        else:
            subj = ctx.subject(hit.token)
            speaker = ctx.speaker(subj)
            subj = None if subj is None else ctx.resolve(subj)
            verbs = [hit.token] + ([subj.head] if subj is not None and subj.head is not hit.token else [])
        segments = clause_segments(ctx, verbs, bounds, (start, end))
        return _Found(start, end, kind, speaker, hit.cue, hit.span, ctx.channel(segments), ctx.time(segments))

    def _continuation(self, ctx: Context, q: Quote, prev: _Found | None) -> _Found:
        """A quote with no cue of its own keeps the previous direct quote's speaker (CODEBOOK)."""
        if prev is not None and ctx.paragraph(q.open) - ctx.paragraph(prev.end) <= 1:
            return replace(prev, start=q.start, end=q.end, cue=None, cue_span=None)
        return _Found(q.start, q.end, "direct", None, None, None, None, None)

    def _partial(self, ctx: Context, q: Quote, content: str) -> _Found | None:
        inside = [
            t
            for t in ctx.doc[ctx.token_at(q.start).i : ctx.token_at(max(q.start, q.end - 1)).i + 1]
            if q.start <= t.idx < q.end
        ]
        words = [t for t in inside if t.is_alpha]
        if not words:
            return None
        heads = [t for t in inside if not (q.open <= t.head.idx <= q.close) or t.head.i == t.i]
        hit = None
        for tok in heads or inside[:1]:
            hit = self._governing_cue(ctx, tok, q)
            if hit is not None:
                break
        if hit is None:
            return None
        # "dismissed the reports as “fabrications”": one word is what was said when it names the
        # thing spoken of, after "as"; elsewhere it is a scare-quoted word
        named = hit.token.lemma_.lower() in NAMING or (q.open > 0 and ctx.token_at(q.open - 1).lower_ == "as")
        if len(words) < 2 and not named:
            return None  # a scare-quoted word
        if self._is_title(words) and hit.token.lemma_.lower() not in NAMING:
            return None
        return self._make(ctx, q.start, q.end, "partial", hit, ctx.bounds(hit.token))

    def _governing_cue(self, ctx: Context, tok: Token, q: Quote) -> CueHit | None:
        """Walk up the parse from the quote to the first cue verb outside it (or "according to")."""
        for _ in range(MAX_CHAIN):
            if tok.head.i == tok.i:
                return None
            tok = tok.head
            if q.open <= tok.idx <= q.close:
                continue
            hit = ctx.hit(tok, "partial")
            if hit is not None:
                return hit
        return None

    @staticmethod
    def _is_title(words: list[Token]) -> bool:
        long = [w for w in words if len(w) > 3]
        return bool(long) and all(w.text[:1].isupper() for w in long) and words[0].text[:1].isupper()

    # ---------------------------------------------------------------- reported speech
    def _indirect(
        self, ctx: Context, direct: list[tuple[int, int]], quoted: list[tuple[int, int]]
    ) -> list[_Found]:
        out: list[_Found] = []
        inside = ctx.covered(quoted)
        for tok in ctx.doc:
            if inside[tok.i]:
                continue  # reported speech inside someone's quoted words
            # only a verb or a noun is a cue word: spare the call for the other tokens
            if tok.pos in (VERB, NOUN) and ctx.verb_cue(tok, "indirect") is not None:
                if any(c.dep_ == "neg" for c in tok.children) or _mistensed(tok):
                    continue
                comps = _complements(tok, self.lexicon)
                for comp in comps:
                    item = self._complement(ctx, tok, comp, direct, quoted)
                    if item is not None:
                        out.append(item)
                if not comps:
                    out += self._inserted(ctx, tok, direct, quoted)
            else:
                hit = ctx.phrase_cue(tok)
                if hit is not None:
                    item = self._according(ctx, hit, direct)
                    if item is not None:
                        out.append(item)
        return out

    def _complement(
        self,
        ctx: Context,
        cue: Token,
        comp: Token,
        direct: list[tuple[int, int]],
        quoted: list[tuple[int, int]],
    ) -> _Found | None:
        lo, hi = ctx.bounds(cue)
        toks = [t for t in comp.subtree if lo <= t.idx < hi]
        if comp.dep_ == "xcomp":  # "urged him to resign": who is asked to act belongs to the request
            obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < comp.i), None)
            if obj is not None:
                toks += [t for t in obj.subtree if lo <= t.idx < hi]
        if cue.i > comp.i:  # "…, Peskov said": stop before the speaker and the cue
            subj = ctx.subject(cue)
            if subj is not None and comp.left_edge.i <= subj.i <= comp.right_edge.i:
                return None  # "Kasich offered him a job, then says …": the clause before is his deed
            stop = min(cue.i, subj.left_edge.i if subj is not None and subj.i < cue.i else cue.i)
            if any(t.lower_ in CHAIN_WORDS for t in ctx.doc[comp.right_edge.i + 1 : stop]):
                return None  # "Erdogan met Assad, then Putin said …": narration, then a statement
            toks = [t for t in toks if t.i < stop]
        else:
            toks = [t for t in toks if t.i > cue.i]
            # "said X and said that Y", "told the AP that X, conceding Y": a second cue verb in the
            # same form or a participle, with no subject or subordinator of its own, is the speaker's
            # next statement (found from that cue) that the parser hung inside the first one's
            # words; "says he'd sit Putin down and tell him …" differs in form and stays what was said
            later = [
                d
                for d in comp.subtree
                if d.i > comp.i
                and d.dep_ in ("conj", "advcl")
                and d.tag_ in (cue.tag_, "VBG")
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in d.children)
                and (
                    ctx.verb_cue(d, "indirect") is not None
                    or (ctx.verb_cue(d, "partial") is not None and any(t.is_quote for t in d.subtree))
                )
            ]
            if later:
                toks = [t for t in toks if t.i < min(d.left_edge.i for d in later)]
        span = _trim(toks, 1 if _is_answer(cue, comp) else 2)
        if span is None or _overlaps(span, direct):
            return None
        speaker = ctx.subject(cue)
        if speaker is not None and span[0] <= speaker.idx < span[1]:
            return None  # "“…,” said Robin Maynard, half joking": the parser made the speaker the words
        span = _close_quotes(span, quoted)
        return self._make(
            ctx, span[0], span[1], "indirect", CueHit(cue, cue.text, (cue.idx, cue.idx + len(cue))), (lo, hi)
        )

    def _inserted(
        self, ctx: Context, cue: Token, direct: list[tuple[int, int]], quoted: list[tuple[int, int]]
    ) -> list[_Found]:
        """A cue clause set off by commas reports the rest of its sentence.

        "The golf industry, she said, is doing better" (parataxis: both sides), "Sanders stays in the
        race, his aide told reporters." (the words before it, also when the parser hangs the cue as an
        adverbial clause of the verb before it), "As Reuters reported, the talks failed" and "As
        reported by Reuters, …" (an "as" clause: both sides). The cue needs its own subject, no
        complement, and commas (or the sentence edge) around the cue clause; the words it reports
        must hold a verb.
        """
        as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
        # "As reported by Politico, …": a passive "as" clause names its source in the by-phrase
        subjects = ("nsubj", "agent") if as_clause else ("nsubj",)
        if not any(c.dep_ in subjects for c in cue.children):
            return []
        doc = ctx.doc
        lo, hi = ctx.bounds(cue)
        # "…, she said." may hang as an adverbial clause of the verb before it; it must close the
        # sentence and have no subordinator of its own ("When she left, she said …" is no insertion).
        # A subordinator before the comma is the parser's misreading of the words reported ("… for
        # people with like-minded, if bogus, ideas to organize, she said.")
        comma_at = next((t.i for t in reversed(doc[: cue.i]) if t.text == "," or t.idx < lo), -1)
        closing = (
            cue.dep_ == "advcl"
            and cue.head.i < cue.i
            and not any(c.dep_ == "mark" and c.i > comma_at for c in cue.children)
        )
        if not as_clause and not closing and cue.dep_ not in INSERTED:
            return []
        parts = [c for c in cue.children if c.dep_ not in CLAUSAL]
        first = last = cue.i
        for c in sorted((c for c in parts if c.i < cue.i), key=lambda c: -c.i):
            if c.right_edge.i + 1 < first:
                break  # "Voters, Clinton suggested, …": the parser's second subject is content
            first = c.left_edge.i
        for c in sorted(c for c in parts if c.i > cue.i):
            if c.left_edge.i > last + 1:
                break
            last = c.right_edge.i
        if not any(c.dep_ in subjects and first <= c.i <= last for c in cue.children):
            return []
        # an "as" clause opens its sentence, maybe after a conjunction ("But as the paper noted, …")
        lead = [t for t in ctx.tokens(lo, hi) if t.i < first]
        comma = first - 1
        while comma > 0 and doc[comma].is_quote:  # 'Despite his “brash personality,” Quill wrote, …'
            comma -= 1
        opens = (comma >= 0 and doc[comma].text == ",") or (
            as_clause and all(t.pos_ == "CCONJ" or t.is_punct or t.is_space for t in lead)
        )
        if not opens:
            return []
        after = doc[last + 1] if last + 1 < len(doc) and doc[last + 1].idx < hi else None
        if after is not None and after.text != "," and after.text not in SENTENCE_END:
            return []
        if closing and after is not None and after.text not in SENTENCE_END:
            return []
        before = [t for t in ctx.tokens(lo, hi) if t.i < first]
        if _reported_by_another(ctx, before):
            before = []  # "Kanyuka said the M23 would not withdraw, as Kinshasa demands": Kanyuka's words
        behind = [t for t in ctx.tokens(lo, hi) if t.i > last] if as_clause or cue.dep_ == "parataxis" else []
        if _reported_by_another(ctx, behind):
            behind = []
        # a cue clause that closes its sentence reports all before it, however the parser hung that
        # ("As Trump prepared to speak, a girl was pepper-sprayed, police said.")
        closes = (after is None or after.text in SENTENCE_END) and not any(
            c.i > cue.i and c.dep_ not in CUE_MODIFIERS for c in cue.children
        )
        if (
            not behind
            and not (closes and _has_clause(before))
            and any(t.head == cue and t.dep_ not in REPORTED_DEPS | {"punct"} for t in before)
        ):
            return []  # a modifier of the cue, not its content ("In 2015, Trump announced his run")
        if not any(t.pos_ in ("VERB", "AUX") for t in before + behind):
            return []
        # "In the end, he said, voters …": an opening adverbial is not reported; a subject is
        clause = any(t.pos_ in ("VERB", "AUX") for t in before)
        if behind and not clause and not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i > last for t in before):
            before = []
        out = []
        hit = CueHit(cue, cue.text, (cue.idx, cue.idx + len(cue)))
        # "It was, he said, one of the bitterest failures": a verb left without its complement
        # before the cue clause is completed behind it, verb or not
        words = [t for t in before if not (t.is_punct or t.is_space)]
        open_verb = bool(words) and words[-1].pos_ in ("VERB", "AUX") and _has_clause(words)
        for side in (before, behind):
            span = _trim(side)
            if span is None or _overlaps(span, direct) or (side is behind and not (open_verb or _has_clause(side))):
                continue  # "…, officials said, the latest in a series of swaps that …": an aside
            span = _close_quotes(span, quoted)
            out.append(self._make(ctx, span[0], span[1], "indirect", hit, (lo, hi)))
        return out

    def _labelled(self, ctx: Context, quotes: list[Quote], found: list[_Found]) -> list[_Found]:
        """Lines that open with a speaker and a colon ("Cruz: Trump Would Put Liberals On Court")."""
        doc = ctx.doc
        text = text_of(doc)
        taken = [(f.start, f.end) for f in found]
        out: list[_Found] = []
        for line_start in [0] + [n + 1 for n in ctx.newlines]:
            first = ctx.token_at(line_start)
            if first.idx < line_start:
                if first.i + 1 >= len(doc):
                    break
                first = doc[first.i + 1]
            eol = text.find("\n", first.idx)
            if text.find(":", first.idx, len(text) if eol < 0 else eol) < 0:
                continue  # no colon before the line ends: no label (most lines)
            label: list[Token] = []
            colon = None
            for tok in doc[first.i : first.i + MAX_LABEL + 1]:
                if "\n" in tok.text:
                    break
                if tok.text == ":":
                    colon = tok
                    break
                label.append(tok)
            speaker_words = ctx.speaker_label(label) if colon is not None and label else None
            if colon is None or not speaker_words:
                continue
            line_end = text.find("\n", colon.idx)
            line_end = len(text) if line_end < 0 else line_end
            rest = list(ctx.tokens(colon.idx + 1, line_end))
            if not any(t.pos_ in ("VERB", "AUX") for t in rest):
                continue  # "Vladimir Putin: a life in power" is a title, not something he said
            span = _trim(rest)
            if span is None or _overlaps(span, taken):
                continue
            kind = "indirect"
            whole = next((q for q in quotes if q.open <= span[0] and span[1] <= q.stop), None)
            if whole is not None:
                kind, span = "direct", (whole.start, whole.end)
            speaker = next((ctx.actor_at[t.i] for t in reversed(speaker_words) if t.i in ctx.actor_at), None)
            hit = (colon.idx, colon.idx + 1)
            out.append(_Found(span[0], span[1], kind, speaker, ":", hit, None, None))
        return out

    def _according(self, ctx: Context, hit: CueHit, direct: list[tuple[int, int]]) -> _Found | None:
        lo, hi = ctx.bounds(hit.token)
        phrase_end = hit.source.right_edge.idx + len(hit.source.right_edge) if hit.source else hit.span[1]
        left = list(ctx.tokens(lo, hit.span[0]))
        right = [t for t in ctx.tokens(phrase_end, hi) if t.i > hit.token.i]
        side = left if len(left) >= len(right) else right
        span = _trim(side)
        if span is None or _overlaps(span, direct):
            return None
        return self._make(ctx, span[0], span[1], "indirect", hit, (lo, hi))


def _complements(cue: Token, lexicon: Lexicon) -> list[Token]:
    """The clausal complements of a cue verb.

    The parser sometimes makes a reported clause an ``xcomp`` ("said legalizing it could put …"):
    one with no "to" counts. After a cue of asking, an "if"/"whether" clause hung as ``advcl`` ("asked
    if he was bullied") is what was asked.

    Besides ``ccomp`` children, the small English model often hangs the "that" clause on the noun
    of a channel phrase ("said in a statement that …", "told reporters at a news conference that
    …" -> acl/relcl of "statement"/"conference"); a clause with a "that" complementizer reached
    through the cue's own prepositional or object phrases is taken as its complement too.
    """
    entry = lexicon.cues.get(cue.lemma_.lower())
    if cue.pos_ == "NOUN":
        return [
            c
            for c in cue.children
            if c.dep_ in ("acl", "ccomp")
            and c.i > cue.i
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        ]
    # not a clause before the cue across a semicolon ("X claimed that …; the Taliban acknowledged
    # nine deaths"): the parser's misreading of two sentences
    out = [c for c in cue.children if c.dep_ == "ccomp" and not (
        c.i < cue.i and any(t.text == ";" for t in cue.doc[c.right_edge.i : cue.i]))]
    if entry is not None and entry.infinitive:
        out += [
            c
            for c in cue.children
            if c.dep_ == "xcomp" and c.i > cue.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ]
    out += [
        c
        for c in cue.children
        if c.dep_ == "xcomp" and c.i > cue.i and c.tag_ == "VBG" and any(g.dep_ == "ccomp" for g in c.children)
    ]
    if entry is not None and entry.answers:
        out += [c for c in cue.children if _is_answer(cue, c)]
    if entry is not None and entry.questions:
        out += [
            c
            for c in cue.children
            if c.dep_ == "advcl"
            and c.i > cue.i
            and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)
        ]
    frontier = [c for c in cue.children if c.dep_ in ("prep", "dobj", "npadvmod")]
    for _ in range(5):  # "said in one of a series of Twitter messages that …"
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ in ("acl", "relcl", "ccomp") and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in child.children
                ):
                    out.append(child)
                elif child.dep_ in ("pobj", "prep", "compound"):
                    nxt.append(child)
        frontier = nxt
    return out


#: one-word replies that stand for what was said ("75 percent said yes", "he said no to the war")
REPLIES = frozenset({"yes", "no"})
#: pronoun objects that stand for words said before ("she said so", "Trump denied it")
STAND_INS = frozenset({"it", "that", "this"})


def _is_answer(cue: Token, word: Token) -> bool:
    """Is the word, right after the cue (or after whom it was told), a reply or a stand-in for the
    words ("said yes", "said so", "said the same of Sanders", "denied it")? Only cues marked
    ``answers`` ask this: "added it to the list" or "called it a hoax" have other objects."""
    between = word.doc[cue.i + 1 : word.left_edge.i]
    if word.i <= cue.i or not all(t.dep_ in ("dative", "advmod") for t in between):
        return False
    lower = word.lower_
    if word.dep_ == "intj":
        return lower in REPLIES
    if word.dep_ == "advmod":  # "said so", not "said so far" or "so-called"
        return lower == "so" and not any(True for _ in word.children) and word.i == cue.i + 1
    if word.dep_ != "dobj":
        return False
    if lower == "same":
        return any(c.dep_ == "det" and c.lower_ == "the" for c in word.children)
    return lower in STAND_INS and word.tag_ in ("PRP", "DT") and not any(True for _ in word.children)


def _mistensed(cue: Token) -> bool:
    """A present-tense cue the parser joined to a past-tense verb, without a subject of its own, is
    a noun misread: "accused the RSF of looting, charges the group denied" ("charges" are the
    accusations). Verbs joined by "and" share their subject, whatever their tenses."""
    return (
        cue.dep_ == "conj"
        and cue.tag_ in ("VBZ", "VBP")
        and cue.head.tag_ == "VBD"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in cue.children)
        # "Reid caucused on Saturday and says he voted": a conjunction joins two verbs of one subject
        and not any(c.dep_ == "cc" and cue.head.i < c.i < cue.i for c in cue.head.children)
    )


def _reported_by_another(ctx: Context, toks: list[Token]) -> bool:
    """Do these words hold a cue of their own with its reported clause ("X said that …", "X's
    accusation that …")? Then they are that speaker's, not the words of a cue inserted after them
    ("…, a charge Kigali has denied"; "…; the Taliban acknowledged nine deaths")."""
    return any(
        ctx.hit(t, "indirect") is not None
        and (any(c.dep_ in ("ccomp", "acl") and c.i > t.i for c in t.children)
             or any(c.dep_ == "nsubj" for c in t.children))  # "…, Zelenskiy said, as Russia claimed …"
        and not any(a.dep_ in ("relcl", "acl") for a in [t, *t.ancestors])  # "a boat it said was …"
        for t in toks
    )


def _has_clause(toks: list[Token]) -> bool:
    """Do the words hold a finite verb of their own, not only one inside a relative clause or a
    modifier ("the latest in a series of swaps that have continued"), nor only a participle?"""
    inside = {t.i for t in toks}
    for tok in toks:
        finite = tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        if tok.pos_ not in ("VERB", "AUX") or not finite:
            continue  # "…, the army said, without giving details": a participle is no statement
        up = tok
        while up.i in inside and up.dep_ not in ("relcl", "acl", "amod") and up.head.i != up.i:
            up = up.head
        if up.i not in inside or up.head.i == up.i:
            return True
    return False


def _trim(toks: list[Token], words: int = 2) -> tuple[int, int] | None:
    """Character span of a clause without a leading complementizer or edge punctuation, when it
    keeps at least ``words`` words (a reply may be one: "said no")."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (
        toks[0].is_punct or toks[0].is_space or (toks[0].dep_ == "mark" and toks[0].lower_ == "that")
    ):
        toks = toks[1:]
    while toks and (toks[-1].is_space or toks[-1].is_punct or toks[-1].dep_ == "cc"):
        if toks[-1].is_quote and sum(t.is_quote for t in toks) % 2 == 0:
            break  # the closing mark of a quote inside the clause
        toks = toks[:-1]
    if len([t for t in toks if t.is_alpha or t.like_num]) < words:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _unquoted_part(ctx: Context, found: _Found, quoted: list[tuple[int, int]]) -> _Found | None:
    """Reported speech that ends in a quotation keeps only its own words.

    The quoted end is already a ``partial`` statement; "telling reporters that negotiations “are
    taking place ...”" is one partial quote, not also an indirect one, and "writing that a major
    prisoner swap “was just completed”" reports "a major prisoner swap" in the outlet's words. Words
    that end in a function word ("asking whether it could lead to “something big”") say nothing
    without the quote and are dropped.
    """
    text = text_of(ctx.doc)
    for qs, qe in quoted:
        if found.start < qs < found.end <= qe + 1:
            head = text[found.start:qs].rstrip(" \t\n,;:—–-")
            if len(re.findall(r"\w+", head)) < 2:
                return None
            if ctx.token_at(found.start + len(head) - 1).pos_ in DANGLING:
                return None
            return replace(found, end=found.start + len(head))
    return found


def _close_quotes(span: tuple[int, int], quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """Extend a clause that the parse cut inside a quotation to that quotation's closing mark."""
    start, end = span
    for qs, qe in quoted:
        if start <= qs < end < qe:
            end = qe
    return start, end


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)
