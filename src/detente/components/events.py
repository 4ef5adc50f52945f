"""The ``detente_events`` component: PLOVER events with actors, factuality, time and place.

Triggers come from ``events/triggers.jsonl`` (lemma + part of speech -> PLOVER type, mode, CAMEO
code), arguments from ``event_args``, factuality from ``event_status``. Then the article-level
steps: one event per real act (repeated mentions merge, their evidence kept), bilateral calls
split per counterpart, ``about`` links from AGREE/REQUEST/REJECT/THREATEN to the act inside their
complement, and conditions ("would depend on ...").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.components.event_args import ArgReader
from detente.components.event_status import StatusCues, StatusReader
from detente.components.places import Gazetteer
from detente.doc import layer
from detente.layers import Event, EventTime, Place, Timex

DATA = Path(__file__).parent / "events"
ABOUT_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "SUPPORT"}
NON_POINT_PREPS = {"since", "until", "till", "before", "after", "by", "from"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
CONDITION_HEADS = {"depend", "conditional", "contingent", "hinge", "subject"}
ANAPHORIC_DETERMINERS = {"the", "those", "these", "this", "that"}
FRAMING_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN"}
GENERIC_DETERMINERS = {"such", "any", "every", "each"}
ADDRESSEE_VERBS = {"reject", "accept", "decline", "refuse", "rebuff", "welcome", "consider", "receive",
                   "grant", "ignore", "dismiss", "answer", "heed"}
DIRECTED_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE"}


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo: str | None
    joint: bool = False
    joint_if_plural: bool = False
    target_preps: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    requires_head: frozenset[str] = frozenset()
    needs_target: bool = False
    needs_actor: bool = False
    reverse: bool = False
    not_if_mark: frozenset[str] = frozenset()


def load_triggers(path: Path = DATA / "triggers.jsonl") -> dict[str, list[Trigger]]:
    table: dict[str, list[Trigger]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if "lemma" not in row:
            continue
        for key in ("target_preps", "requires", "requires_head", "not_if_mark"):
            row[key] = frozenset(row.get(key, ()))
        trig = Trigger(**row)
        table.setdefault(trig.lemma, []).append(trig)
    return table


@lru_cache(maxsize=1)
def shared_gazetteer() -> Gazetteer:
    """One gazetteer per process: building the name index takes ~0.3 s."""
    return Gazetteer()


@Language.factory(
    "detente_events",
    requires=["doc._.actors", "doc._.timexes", "doc._.statements"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(load_triggers(), StatusReader(StatusCues.load()),
                           json.loads((DATA / "modes.json").read_text(encoding="utf-8")))


class EventsComponent:
    def __init__(self, triggers: dict[str, list[Trigger]], status: StatusReader,
                 modes: dict[str, dict[str, list[str]]]) -> None:
        self.triggers = triggers
        self.status = status
        self.modes = {t: m for t, m in modes.items() if not t.startswith("_")}
        self.gazetteer = shared_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        ctx = _Context(doc)
        events: list[Event] = []
        for tok, trig, span in self._find_triggers(doc, ctx):
            made = self._make_events(doc, ctx, tok, trig, span)
            if made:
                ctx.by_token[tok.i] = made[0]
                ctx.by_lemma[trig.lemma] = made[0]
                ctx.args.event_actors[tok.i] = list(dict.fromkeys(made[0].sources + made[0].targets))
            events.extend(made)
        events = _merge(events)
        for n, e in enumerate(events, start=1):
            e.id = f"e{n}"
        _link_about(doc, events)
        _link_claims(doc, events)
        layer(doc, "events").extend(events)
        return doc

    # ------------------------------------------------------------------ triggers
    def _find_triggers(self, doc: Doc, ctx: _Context) -> list[tuple[Token, Trigger, tuple[int, int]]]:
        found: list[tuple[Token, Trigger, tuple[int, int]]] = []
        for tok in doc:
            lemma, span = tok.lemma_.lower(), (tok.idx, tok.idx + len(tok.text))
            if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and (tok.lower_ + doc[tok.i + 2].lower_) \
                    in self.triggers:
                continue  # the hyphenated compound is read at its last token ("cease-fire")
            if tok.i >= 2 and doc[tok.i - 1].text == "-":
                joined = doc[tok.i - 2].lower_ + tok.lower_
                if joined in self.triggers:
                    lemma, span = joined, (doc[tok.i - 2].idx, tok.idx + len(tok.text))
            if ctx.in_condition(tok):
                continue
            for trig in self.triggers.get(lemma, ()):
                if self._fits(tok, trig):
                    found.append((tok, trig, span))
                    break
        return found

    @staticmethod
    def _fits(tok: Token, trig: Trigger) -> bool:
        is_verb = tok.pos_ in ("VERB", "AUX")
        is_noun = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and trig.pos != "VERB")
        if (trig.pos == "VERB" and not is_verb) or (trig.pos == "NOUN" and not is_noun):
            return False
        if not (is_verb or is_noun):
            return False
        if is_noun and tok.dep_ == "compound":
            return False  # "prisoner exchange deal", "cease-fire conditions": a modifier, not the act
        if is_noun and any(c.lower_ in GENERIC_DETERMINERS for c in tok.children
                           if c.dep_ in ("det", "amod", "predet")):
            return False  # "the largest such swap": a kind of act, not one act
        if trig.not_if_mark and any(g.dep_ == "mark" and g.lower_ in trig.not_if_mark
                                    for c in tok.children for g in c.children):
            return False  # "asking whether ...": a question, not a request
        if trig.requires:
            words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children}
            words |= {tok.head.lower_} | {t.lower_ for t in tok.lefts}
            if not words & trig.requires:
                return False
        if trig.requires_head:
            heads = {a.lemma_.lower() for a in list(tok.ancestors)[:4]}
            return bool(heads & trig.requires_head)
        return True

    # ------------------------------------------------------------------ one mention
    def _make_events(self, doc: Doc, ctx: _Context, tok: Token, trig: Trigger,
                     span: tuple[int, int]) -> list[Event]:
        args = ctx.args.read(tok, trig.target_preps, trig.reverse)
        sources, targets = args.sources, args.targets
        earlier = ctx.by_lemma.get(trig.lemma)
        if earlier is not None and not sources and not targets and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in tok.children):
            # "the talks", "those talks": the act already reported, mentioned again
            earlier.evidence.append(ctx.evidence(tok))
            ctx.by_token[tok.i] = earlier
            ctx.args.event_actors[tok.i] = list(dict.fromkeys(earlier.sources + earlier.targets))
            return []
        joint = trig.joint or (trig.joint_if_plural and (len(sources) > 1 or (
            not sources and not targets and _is_passive(tok))))  # "more would be freed": by both sides
        if joint:
            everyone = list(dict.fromkeys(sources + targets))
            ctx.remember_parties(everyone)
            if len(everyone) < 2:  # "a meeting" asked for in a request: its parties are the request's
                gov = ctx.governing_event(tok)
                extra = (gov.sources + gov.targets) if gov else list(ctx.args.recent_group)
                everyone = list(dict.fromkeys(everyone + extra))
            if len(everyone) < 2:
                return []
            sources, targets = everyone, list(everyone)
        elif not targets and trig.type in DIRECTED_TYPES:
            targets = ctx.implied_targets(tok, sources)
        if not sources and not targets:
            return []
        if trig.needs_target and not targets:
            return []
        fact = self.status.read(tok)
        sent_i = ctx.sentence_index(tok)
        place = self._place(ctx, tok)
        mode = self._mode(tok, trig)
        if trig.type == "CONSULT" and joint and place is not None and mode is None and place.country and \
                place.country not in {ctx.country_of(a) for a in sources}:
            mode = "third-party"
        base = dict(
            type=trig.type, trigger_text=doc.text[span[0]:span[1]], trigger_span=span, sentence=sent_i,
            mode=mode, cameo=trig.cameo, status=fact.status, negated=fact.negated,
            time=ctx.time_of(tok) or ctx.inherited_time(tok, fact.status), place=place, reported_by=ctx.reporter(span[0]),
            condition=ctx.condition_for(tok), evidence=[ctx.evidence(tok)],
            confidence=(0.75 if sources and targets else 0.55) - (0.05 if tok.pos_ == "NOUN" else 0.0),
        )
        if trig.type == "CONSULT" and not joint and len(targets) > 1:
            return [Event(id="", sources=list(sources), targets=[t], **base) for t in targets]  # type: ignore[arg-type]
        return [Event(id="", sources=list(sources), targets=list(targets), **base)]  # type: ignore[arg-type]

    def _mode(self, tok: Token, trig: Trigger) -> str | None:
        words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.head.children} | {tok.head.lower_}
        for mode, cues in self.modes.get(trig.type, {}).items():
            if words & set(cues) and not (trig.mode and mode != trig.mode and trig.mode == "phone"):
                return mode
        return trig.mode

    def _place(self, ctx: _Context, tok: Token) -> Place | None:
        """Where the act happens: "in X"/"at X" on the trigger, on a relative clause about it
        ("talks, which were held in Istanbul"), or on the verb whose argument it is."""
        holders = [tok, *(c for c in tok.children if c.dep_ in ("relcl", "acl"))]
        if tok.pos_ not in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in (
                "nsubj", "nsubjpass", "dobj"):
            holders.append(tok.head)
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                        name = " ".join(x.text for x in obj.subtree if x.pos_ == "PROPN")
                        place = self.gazetteer.resolve(name) or self.gazetteer.resolve(obj.text)
                        if place is not None:
                            return place
        return None


class _Context:
    """Per-document lookups shared by every trigger: sentences, timexes, statements, conditions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.args = ArgReader(doc)
        self.by_token: dict[int, Event] = {}
        self.by_lemma: dict[str, Event] = {}
        self.countries = {a.id: a.country for a in layer(doc, "actors")}
        self.sent_starts = [s.start for s in doc.sents]
        self.timex_at: dict[int, Timex] = {}
        for tx in layer(doc, "timexes"):
            span = doc.char_span(tx.start_char, tx.end_char, alignment_mode="expand")
            if span is not None and tx.type in ("DATE", "TIME"):
                for t in span:
                    self.timex_at.setdefault(t.i, tx)
        self.statements = list(layer(doc, "statements"))
        self.conditions: list[tuple[int, int, str]] = []
        for tok in doc:
            if tok.lemma_.lower() in CONDITION_HEADS and any(c.lower_ == "on" for c in tok.children):
                sub = list(tok.subtree)
                start = min([tok.i] + [c.i for c in tok.children if c.dep_ in ("aux", "neg")])
                end = sub[-1].i + 1
                self.conditions.append((start, end, doc[start:end].text.rstrip(" .,;")))

    def remember_parties(self, actors: list[str]) -> None:
        """The two (or more) sides of the story, as states where the article names them, so that
        "both sides" and "their delegations" later resolve to them."""
        states = {a.country: a.id for a in layer(self.doc, "actors") if a.kind == "state" and a.country}
        parties = list(dict.fromkeys(states.get(self.country_of(a) or "", a) for a in actors))
        if len({self.country_of(a) for a in parties} - {None}) >= 2:
            self.args.recent_group = parties

    def country_of(self, actor_id: str) -> str | None:
        return self.countries.get(actor_id)

    def governing_event(self, tok: Token) -> Event | None:
        """The request, offer or rejection whose object this act is ("a request for a meeting")."""
        for anc in list(tok.ancestors)[:4]:
            ev = self.by_token.get(anc.i)
            if ev is not None:
                return ev if ev.type in FRAMING_TYPES else None
            if anc.pos_ in ("VERB", "AUX") and anc.dep_ not in ("xcomp", "pcomp", "acl"):
                return None
        return None

    def implied_targets(self, tok: Token, sources: list[str]) -> list[str]:
        """The addressee the text leaves implicit.

        A request that is rejected was addressed to whoever rejects it; otherwise, in a story
        about two parties, a proposal by one side is addressed to the other.
        """
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in ADDRESSEE_VERBS:
            found = [a for a in self.args.subject_of(tok.head, via=tok) if a not in sources]
            if found:
                return found
        mine = {self.country_of(a) for a in sources} - {None}
        if not mine:
            return []
        return [a for a in self.args.recent_group if self.country_of(a) not in mine and a not in sources]

    def sentence_index(self, tok: Token) -> int:
        lo, hi = 0, len(self.sent_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sent_starts[mid] <= tok.i:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_condition(self, tok: Token) -> bool:
        return any(s < tok.i < e for s, e, _ in self.conditions)

    def condition_for(self, tok: Token) -> str | None:
        for start, _end, text in self.conditions:
            if tok.sent.start <= start < tok.sent.end and tok.i < start:
                return text
        return None

    def reporter(self, char: int) -> str | None:
        for st in self.statements:
            if st.start_char <= char < st.end_char:
                return st.speaker
        return None

    @staticmethod
    def _behind_non_point(t: Token, top: Token) -> bool:
        """'since 2022', 'until May': a reference point, not when the act happens."""
        for anc in t.ancestors:
            if anc.i == top.i:
                return False
            if anc.dep_ == "prep" and anc.lower_ in NON_POINT_PREPS:
                return True
        return False

    def _timex_under(self, tok: Token, exclude: Token | None = None) -> Timex | None:
        best: tuple[int, Timex] | None = None
        for t in tok.subtree:
            tx = self.timex_at.get(t.i)
            if tx is None or (exclude is not None and exclude.left_edge.i <= t.i <= exclude.right_edge.i):
                continue
            if self._behind_non_point(t, tok):
                continue
            dist = abs(t.i - tok.i)
            if best is None or dist < best[0]:
                best = (dist, tx)
        return best[1] if best else None

    def time_of(self, tok: Token) -> EventTime | None:
        """The event's own time: a date in its phrase, else in the clause that governs it."""
        tx = self._timex_under(tok)
        cur = tok
        for _ in range(4):
            if tx is not None:
                break
            head = cur.head
            if head.i == cur.i or head.lemma_ in ("say", "tell", "write", "add", "announce", "plan", "agree"):
                break
            if head.i in self.timex_at:
                tx = self.timex_at[head.i]
                break
            tx = self._timex_under(head, exclude=cur) if head.pos_ in ("VERB", "AUX") else None
            cur = head
        if tx is None:
            return None
        return EventTime(value=tx.value, timex=tx.id)

    def inherited_time(self, tok: Token, status: str) -> EventTime | None:
        """An act with no date of its own takes the date of the act it comes from ("the talks
        resulted in an agreement") or of a parallel act in the same plan ("plans to speak with A
        on Monday, followed by calls with B")."""
        path = {tok.i}
        for anc in list(tok.ancestors)[:5]:
            if anc.lemma_ in ("say", "tell", "write", "add", "announce", "report"):
                return None
            for c in anc.children:
                ev = self.by_token.get(c.i)
                if ev is None or ev.time is None or c.i in path:
                    continue
                as_subject = c.dep_ in ("nsubj", "nsubjpass") and status in ("occurred", "not_occurred")
                if as_subject or (c.dep_ in ("xcomp", "advcl", "conj", "dobj") and ev.status == status):
                    return ev.time
            path.add(anc.i)
        return None

    def evidence(self, tok: Token) -> tuple[int, int]:
        sub = list(tok.subtree)
        if len(sub) > 30:
            sent = tok.sent
            return (sent.start_char, sent.end_char)
        return (sub[0].idx, sub[-1].idx + len(sub[-1].text))


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) and not any(
        c.dep_ == "agent" for c in tok.children)


def _compatible_times(a: EventTime | None, b: EventTime | None) -> bool:
    """Times that can name the same moment: one is a prefix of the other, or a date in that week."""
    if a is None or b is None:
        return True
    if a.value.startswith(b.value) or b.value.startswith(a.value):
        return True
    for week, day in ((a.value, b.value), (b.value, a.value)):
        if "-W" in week and len(day) >= 10:
            try:
                y, w, _ = date.fromisoformat(day[:10]).isocalendar()
            except ValueError:
                continue
            if week[:8] == f"{y:04d}-W{w:02d}":
                return True
    return False


def _merge(events: list[Event]) -> list[Event]:
    """Repeated mentions of one act become one event with several evidence spans.

    Two mentions are one act when type, participants and factuality agree and their times do not
    conflict ("on the morning of May 19" and "on Monday, at 10:00" name the same call).
    """
    out: list[Event] = []
    for e in events:
        same = next((o for o in out if o.type == e.type and set(o.sources) == set(e.sources)
                     and set(o.targets) == set(e.targets) and o.status == e.status
                     and _compatible_times(o.time, e.time)
                     and not (o.mode and e.mode and o.mode != e.mode)), None)
        if same is None:
            out.append(e)
            continue
        same.evidence.extend(sp for sp in e.evidence if sp not in same.evidence)
        if same.time is None or (e.time is not None and len(e.time.value) > len(same.time.value)):
            same.time = e.time or same.time
        same.place = same.place or e.place
        same.mode = same.mode or e.mode
        same.condition = same.condition or e.condition
        same.confidence = min(0.95, max(same.confidence, e.confidence) + 0.05)
    return out


def _link_about(doc: Doc, events: list[Event]) -> None:
    """AGREE/REQUEST/REJECT/THREATEN point at the act inside their complement."""
    by_char = {e.trigger_span[0]: e for e in events}
    for e in events:
        if e.type not in ABOUT_TYPES:
            continue
        span = doc.char_span(e.trigger_span[0], e.trigger_span[1], alignment_mode="expand")
        if span is None:
            continue
        root = span[-1]
        inner = [by_char[t.idx] for t in root.subtree if t.idx in by_char and by_char[t.idx] is not e]
        if inner:
            e.about = min(inner, key=lambda o: abs(o.trigger_span[0] - e.trigger_span[0])).id


def _link_claims(doc: Doc, events: list[Event]) -> None:
    """A figure quantifies the closest event that governs it ("freed 390 people")."""
    by_token: dict[int, Event] = {}
    for e in events:
        span = doc.char_span(e.trigger_span[0], e.trigger_span[1], alignment_mode="expand")
        if span is not None:
            by_token[span[-1].i] = e
    for claim in layer(doc, "claims"):
        span = doc.char_span(claim.start_char, claim.end_char, alignment_mode="expand")
        if span is None:
            continue
        for anc in [span.root, *span.root.ancestors]:
            if anc.i in by_token:
                claim.about = by_token[anc.i].id
                break
