"""Per-document lookups the events component shares across triggers.

Sentences, time expressions, statements, conditions and the events made so far: everything a
trigger needs to find its time, its reporter and its implicit parties, built once per ``Doc``.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from detente.components.actor_mentions import ActorRules
from detente.components.event_args import ADDRESSEE_VERBS, ArgReader
from detente.components.event_status import is_condition
from detente.doc import layer
from detente.layers import Event, EventTime, Timex

NON_POINT_PREPS = {"since", "until", "till", "before", "after", "by", "from"}
CONDITION_HEADS = {"depend", "conditional", "contingent", "hinge", "subject"}
FRAMING_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN"}


@lru_cache(maxsize=1)
def _weapon_nouns() -> frozenset[str]:
    """Weapons whose nationality the actors component reads as their state (``actor_rules``)."""
    return ActorRules.load().weapon_nouns


#: verbs and nouns of standing between two sides ("talks mediated by Qatar", "Egypt hosted", "Qatar's mediation")
MEDIATING = frozenset({"mediate", "broker", "host", "facilitate", "mediator", "mediation", "intermediary"})


def mediators(doc: Doc) -> set[str]:
    """Actors the text says mediate, broker or host: a go-between is no side of the story."""
    actor_at: dict[int, str] = doc._.actor_at or {}
    found: set[str] = set()
    for tok in doc:
        if tok.lemma_.lower() not in MEDIATING:
            continue
        words = [c for c in tok.children if c.dep_ in ("nsubj", "poss", "compound", "amod")]
        words += [o for c in tok.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if tok.dep_ in ("appos", "attr") or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
            words.append(tok.head)  # "Qatar, the mediator"; "talks mediated by …" is read from the agent
        for w in words:
            for t in (w, *w.conjuncts):
                if t.i in actor_at:
                    found.add(actor_at[t.i])
    return found


def _main_pair(actors: list, go_betweens: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The two sides a story is about before any joint act names them: the two most-mentioned
    parties of different countries, each named at least twice. Only words that name two sides
    ("both sides", "the two countries", "their delegations") resolve to them; an act with one party
    named is not completed with a guess. Media, people and mediators are no side."""
    parties = sorted(  # a movement or bloc of no country ("JNIM", "the E3") may be a side; the UN, aid groups not
        (a for a in actors if a.kind in ("state", "organization", "group") and a.sector not in ("MED", "IGO", "CVL")
         and (a.country or a.kind != "state") and a.id not in go_betweens),
        key=lambda a: -len(a.mentions),
    )
    first = next((a for a in parties if len(a.mentions) >= 2), None)
    second = next((a for a in parties if first and a is not first and len(a.mentions) >= 2
                   and (a.country != first.country or not a.country or _rebel(a) != _rebel(first))), None)
    return [first.id, second.id] if first and second else []


def _rebel(actor) -> bool:
    """A rebel or paramilitary force fights its own country's state: in a civil war both sides
    share a country ("Sudan's army" and the RSF)."""
    return actor.sector == "REB"


#: clauses under a trigger whose dates are their own, not the trigger's
NESTED_CLAUSES = frozenset({"relcl", "acl", "ccomp", "xcomp", "csubj"})


class EventContext:
    """Per-document lookups shared by every trigger: sentences, timexes, statements, conditions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.args = ArgReader(doc, _weapon_nouns())
        self.by_token: dict[int, Event] = {}
        self.by_lemma: dict[str, Event] = {}
        self.demands: set[int] = set()  # condition clauses already read as a demand
        self.made: list[tuple[int, Event]] = []  # every event so far, by its trigger token, in text order
        self.countries = {a.id: a.country for a in layer(doc, "actors")}
        #: which side of a civil war an armed actor is on (rebel or not); people and civilians are on none
        self.rebels = {a.id: _rebel(a) for a in layer(doc, "actors")
                       if a.kind == "state" or (a.sector in ("REB", "MIL") and a.kind != "person")}
        #: country -> its state actor (the last one listed), for ``remember_parties``
        self.states = {a.country: a.id for a in layer(doc, "actors") if a.kind == "state" and a.country}
        self.args.mediators = sorted(mediators(doc), key=lambda a: int(a[1:]) if a[1:].isdigit() else 0)
        self.args.main_pair = _main_pair(layer(doc, "actors"), set(self.args.mediators))
        self.sent_starts = [s.start for s in doc.sents]
        self.timex_at: dict[int, Timex] = {}
        for tx in layer(doc, "timexes"):
            span = doc.char_span(tx.start_char, tx.end_char, alignment_mode="expand")
            if span is not None and tx.type in ("DATE", "TIME"):
                for t in span:
                    self.timex_at.setdefault(t.i, tx)
        self.statements = list(layer(doc, "statements"))
        self.timex_by_id = {tx.id: tx for tx in layer(doc, "timexes")}
        # one Token object and one lowercased lemma per position, shared with the trigger scan
        self.tokens = list(doc)
        self.lemmas = [t.lemma_.lower() for t in self.tokens]
        self.conditions: list[tuple[int, int, str]] = []
        for tok, lemma in zip(self.tokens, self.lemmas, strict=True):
            if lemma in CONDITION_HEADS and any(c.lower_ == "on" for c in tok.children):
                sub = list(tok.subtree)
                start = min([tok.i] + [c.i for c in tok.children if c.dep_ in ("aux", "neg")])
                end = sub[-1].i + 1
                self.conditions.append((start, end, doc[start:end].text.rstrip(" .,;")))

    def remember_parties(self, actors: list[str]) -> None:
        """The two (or more) sides of the story, as states where the article names them, so that
        "both sides" and "their delegations" later resolve to them."""
        parties = list(dict.fromkeys(self.states.get(self.country_of(a) or "", a) for a in actors))
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
        about two parties (named together in a joint act, else the two most named), a proposal,
        a threat or an accusation by one side is addressed to the other.
        """
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in ADDRESSEE_VERBS:
            found = [a for a in self.args.subject_of(tok.head, via=tok) if a not in sources]
            if found:
                return found
        if not sources:
            return []
        pair = self.args.recent_group or self.args.main_pair
        mine = {self.side_of(a) for a in sources}
        return [a for a in pair if self.side_of(a) not in mine and a not in sources]

    def opposed(self, actors: list[str]) -> bool:
        """Are these the story's two sides (by side), not allies acting together?"""
        pair = self.args.recent_group or self.args.main_pair
        return len(pair) >= 2 and {self.side_of(a) for a in pair} <= {self.side_of(a) for a in actors}

    def side_in(self, country: str) -> str | None:
        """The side of the story at home in a country that has no state actor ("Gaza": Hamas)."""
        pair = self.args.recent_group or self.args.main_pair
        return next((a for a in pair if self.countries.get(a) == country), None)

    def side_of(self, actor_id: str) -> str:
        """Which side an actor is on: its country, else itself (a movement or bloc of no country)."""
        return self.countries.get(actor_id) or actor_id

    def other_sides(self, sources: list[str], mediator: bool) -> list[str]:
        """In a story about two sides, the side an act by one of them is done to, or the two
        sides a third party mediates between; nothing when the sources are not placed, or when
        an outsider acts (an attack) or a side mediates."""
        pair = self.args.recent_group or self.args.main_pair
        if len(pair) < 2:
            return []
        if len({self.side_of(a) for a in pair}) < len(pair):  # a civil war: sides by name, not country
            home = self.country_of(pair[0])
            sides = {self.rebels.get(a) for a in sources if self.country_of(a) == home} - {None}
            if mediator:
                return [] if sides or any(a in pair for a in sources) else list(pair)
            return [a for a in pair if self.rebels.get(a) not in sides] if len(sides) == 1 else []
        mine = {self.side_of(a) for a in sources}
        others = [a for a in pair if self.side_of(a) not in mine and a not in sources]
        one_side = len(others) < len(pair)
        if (not one_side and not mediator) or (mediator and not any(self.countries.get(a) for a in sources)):
            return []  # an outsider's attack; an unplaced mediator
        return others if one_side != mediator else []

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

    def conditional_clause(self, tok: Token, marks: frozenset[str], light_verbs: frozenset[str]) -> str | None:
        """The "if"/"unless" clause of the trigger's own clause: what the act depends on ("will
        withhold arms if Israel launches an offensive"). The act inside that clause is only possible
        (``event_status``); the act it conditions keeps the clause as its ``condition``. An event
        noun takes its verb's condition only through a light verb ("will launch an offensive if …");
        the threat to act is not itself conditional ("threatened to withhold arms if …")."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if verb.i != tok.i and (tok.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in light_verbs):
            return None
        for clause in verb.children:
            if clause.dep_ != "advcl" or clause.i == tok.i:
                continue
            mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in marks), None)
            if mark is not None and is_condition(mark):
                return self.doc[mark.i : clause.right_edge.i + 1].text.rstrip(" .,;")
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
        if not self.timex_at:
            return None
        best: tuple[int, Timex] | None = None
        own_clauses = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        # a date inside a clause of its own under the trigger dates that clause ("Anwar, who chairs
        # ASEAN this year, met him on April 17"): only when the trigger's own phrase has none
        nested: list[Token] | None = None  # read only once a date is found: most triggers have none
        for t in tok.subtree:
            tx = self.timex_at.get(t.i)  # first: most words are in no timex, and edges cost a walk
            if tx is None:
                continue
            if any(c.left_edge.i <= t.i <= c.right_edge.i for c in own_clauses):
                continue  # "released so far, and that more would be freed on Saturday": not its date
            if exclude is not None and exclude.left_edge.i <= t.i <= exclude.right_edge.i:
                continue
            if self._behind_non_point(t, tok):
                continue
            if nested is None:
                nested = [d for d in tok.subtree if d.dep_ in NESTED_CLAUSES and d.i != tok.i]
            dist = abs(t.i - tok.i) + (1000 if any(c.left_edge.i <= t.i <= c.right_edge.i for c in nested) else 0)
            if best is None or dist < best[0]:
                best = (dist, tx)
        return best[1] if best else None

    def time_of(self, tok: Token) -> EventTime | None:
        """The event's own time: a date in its phrase, else in the clause that governs it."""
        span = self._since(tok, ranges_only=True)
        if span is not None:
            return span  # "from 1998 to 2000": the start, not the end the parse reaches first
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
            return self._since(tok)
        return EventTime(value=tx.value, timex=tx.id)

    def _since(self, tok: Token, ranges_only: bool = False) -> EventTime | None:
        """An act dated only by when it began ("has kidnapped 15 foreigners since 2022", "fought a
        war from 1998 to 2000") starts then: the start is its time, the end of a range its end.
        ``ranges_only``: only a "from … to …" range, which outranks any other date in the clause."""
        holders = [tok] + ([tok.head] if tok.pos_ not in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX") else [])
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("since", "from"):
                    continue
                tx = next((self.timex_at[t.i] for t in prep.subtree if t.i in self.timex_at), None)
                if tx is None:
                    continue
                until = next((self.timex_at[t.i] for p in holder.children if p.dep_ == "prep"
                              and p.lower_ in ("to", "until", "through") for t in p.subtree
                              if t.i in self.timex_at), None)
                if until is None:  # the parser may hang "to 2000" on "from"'s object
                    until = next((self.timex_at[t.i] for t in prep.subtree if t.i in self.timex_at
                                  and self.timex_at[t.i] is not tx), None)
                if ranges_only and until is None:
                    continue
                return EventTime(value=tx.value, timex=tx.id, start=tx.value,
                                 end=until.value if until is not None else None)
        return None

    def said_time(self, char: int) -> EventTime | None:
        """When the words holding this character were said ("…, a spokesman said in a televised
        address on Monday"): the time of a refusal, a demand or a threat read from them."""
        for st in self.statements:
            if st.start_char <= char < st.end_char and st.time is not None:
                tx = self.timex_by_id.get(st.time)
                if tx is not None:
                    return EventTime(value=tx.value, timex=tx.id)
        return None

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
