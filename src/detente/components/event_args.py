"""Who does an event and to whom: sources and targets read off the parse, as actor ids.

Verbs take their subject as source (the agent of a passive), their object or the object of a
trigger-specific preposition ("speak with", "invasion of") as target. Event nouns take a
possessor ("Zelenskyy's request"), "between X and Y" for joint acts, else the subject of the clause
that governs them ("Trump plans to speak ..., followed by calls with Zelenskyy"). Subjects are
inherited through complements, participles and coordination, as readers do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

SUBJ = ("nsubj", "nsubjpass", "csubj")
INHERIT_DEPS = ("xcomp", "advcl", "conj", "acl", "relcl", "pcomp", "ccomp", "pobj", "prep", "dobj", "agent", "acomp")
#: relative pronouns, which stand for the noun their clause describes ("Blinken, who is due to visit")
RELATIVES = {"who", "which", "that", "whom"}
GO_BETWEENS = frozenset({"mediator", "intermediary", "go-between"})
#: prepositions that name the reason for a clause's act ("retaliate for the strikes"), not a part of it
REASON_PREPS = frozenset({"for", "over", "despite"})
#: ... and those that place it after another act: "after the drone attack" is one already reported,
#: someone else's; "seized Aleppo after a lightning offensive" is the subject's own
SEQUENCE_PREPS = frozenset({"after", "following", "since", "amid", "before"})
GROUP_WORDS = {"they", "them", "their", "both", "sides", "side", "parties", "delegations", "each", "two"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "myself", "ourselves"}
#: verb lists that decide who does an act, kept as data beside the component (``events/arg_verbs.json``)
_VERBS = {k: frozenset(v) for k, v in json.loads((Path(__file__).parent / "events" / "arg_verbs.json").read_text(
    encoding="utf-8")).items() if not k.startswith("_")}
REPORTING_VERBS = _VERBS["reporting"]
ACCOUNTING_VERBS = _VERBS["accounting"]
ASKING_VERBS = _VERBS["asking"]
ADDRESSEE_VERBS = _VERBS["addressee"]
OPPOSING_VERBS = ADDRESSEE_VERBS | _VERBS["opposing"]
REACTION_VERBS = (OPPOSING_VERBS | ACCOUNTING_VERBS | _VERBS["reaction_extra"]) - _VERBS["own_act"]
#: third-person pronouns (and possessives) for one actor, and whether that actor is a person
THIRD_PERSON = {"he": True, "him": True, "his": True, "she": True, "her": True, "it": False, "its": False}


@dataclass
class Args:
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


def verb_of_object(noun: Token) -> Token | None:
    """The verb whose direct object a noun is, through a list of objects ("launched air and naval
    drills around Taiwan": "launched"), or None."""
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.head if first.dep_ == "dobj" and first.head.pos_ in ("VERB", "AUX") else None


#: nouns that name a relation to their possessor, not the possessor: "Russia, Armenia's ally"
RELATIONAL = frozenset({"ally", "neighbour", "neighbor", "partner", "rival", "enemy", "foe", "backer", "patron",
                        "sponsor", "adversary", "friend", "proxy", "client", "protector", "guarantor", "mediator"})
#: nouns of people whose number names the persons just mentioned: "the two leaders urged …"
PERSON_GROUPS = frozenset({"leader", "president", "minister", "premier", "envoy", "counterpart", "man", "woman",
                           "diplomat", "negotiator", "chief", "head"})


def _conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conjuncts(c))
        elif c.dep_ == "appos":
            out.extend(_conjuncts(c))  # "two countries, Russia and Ukraine"; "…, Vice Premier He Lifeng"
    return out


def _apposed(tok: Token, head: Token) -> bool:
    """Is ``head`` an apposition on the way from ``tok`` ("Norway and Cuba, two of the guarantors")?
    It describes the phrase before it: it names no one else."""
    cur = head
    while cur.i != tok.i and cur.head.i != cur.i:
        if cur.dep_ == "appos":
            return True
        cur = cur.head
    return False


class ArgReader:
    """Maps phrases to actor ids through ``doc._.actor_at`` (token index -> actor id)."""

    def __init__(self, doc: Doc, weapon_nouns: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.actor_at: dict[int, str] = doc._.actor_at or {}
        self.kinds = {a.id: a.kind for a in (doc._.actors or [])}
        self.rebels = frozenset(a.id for a in (doc._.actors or []) if a.sector == "REB")
        self.weapon_nouns = weapon_nouns
        self.recent_group: list[str] = []
        self.main_pair: list[str] = []  # the story's two sides by mentions, until a joint act names them
        self.mediators: list[str] = []  # the go-betweens the text names ("mediated by Qatar")
        self.event_actors: dict[int, list[str]] = {}  # event trigger token -> its participants
        self.quotes = [(s.start_char, s.end_char, s.speaker) for s in (doc._.statements or [])
                       if s.speaker and s.kind != "indirect"]

    def _speaker_at(self, char: int) -> str | None:
        """First-person pronouns inside a quote are its speaker ("I will be speaking ...")."""
        for start, end, speaker in self.quotes:
            if start <= char < end:
                return speaker
        return None

    def actors_of(self, tok: Token, weapons: bool = True) -> list[str]:
        """Actors named by the phrase headed by ``tok`` (its conjuncts included). ``weapons=False``
        leaves out the state a weapon's nationality names: "used American missiles to strike"
        is not the United States striking, "captured Russian helicopters" not capturing Russia."""
        found: list[str] = []
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            tok = tok.head.head
        for head in _conjuncts(tok):
            aid = self.actor_at.get(head.i)
            if aid is None and head.lower_ in FIRST_PERSON:
                aid = self._speaker_at(head.idx)
            if aid is None:
                # "a Russian team headed by ..." or "President X": the name inside the phrase
                for t in head.subtree:
                    if t.dep_ in ("relcl", "acl", "prep") and t.i > head.i:
                        break
                    if not weapons and t.dep_ == "amod" and head.lower_ in self.weapon_nouns:
                        continue
                    if t.dep_ == "poss" and t.head.i == head.i and head.lemma_.lower() in RELATIONAL:
                        continue  # "Armenia's traditional ally" is not Armenia
                    if t.i in self.actor_at and t.dep_ in ("compound", "poss", "appos", "nmod", "pobj", "amod"):
                        aid = self.actor_at[t.i]
                        if t.dep_ != "amod":
                            break
            if aid is None and head.lemma_.lower() in GO_BETWEENS and head.tag_ == "NNS" and self.mediators:
                found.extend(a for a in self.mediators if a not in found)  # "the mediators will meet …"
                continue
            if aid is None and _apposed(tok, head):
                continue  # an apposition describes its phrase: "two of the guarantor countries" is Norway and Cuba
            if aid is None and (head.lower_ in GROUP_WORDS or any(
                c.lower_ in GROUP_WORDS for c in head.children if c.dep_ in ("poss", "det", "nummod", "amod")
            )):
                people = self._last_persons(head) if head.lemma_.lower() in PERSON_GROUPS else (
                    self._reporters(head) if head.lower_ in ("they", "them", "their") else [])
                found.extend(a for a in (people or self.recent_group or self.main_pair) if a not in found)
                continue
            if aid is None and head.i in self.event_actors:  # "the talks failed to ...": their parties
                found.extend(a for a in self.event_actors[head.i] if a not in found)
                continue
            if aid is None:
                aid = self._represented_by(head)
            if aid is not None and aid not in found:
                found.append(aid)
        return found

    def _reporters(self, pron: Token) -> list[str]:
        """ "Norway and Cuba said that they regretted …": a plural pronoun in a reported clause stands
        for the several actors who report it, when they are several."""
        for anc in list(pron.ancestors)[:5]:
            if anc.dep_ != "ccomp":
                continue
            if anc.head.lemma_.lower() not in REPORTING_VERBS:
                return []
            found = [a for c in anc.head.children if c.dep_ == "nsubj" for a in self.actors_of(c)]
            return found if len(found) > 1 else []
        return []

    def _last_persons(self, noun: Token) -> list[str]:
        """The two people named last before ``noun``, in its sentence or the one before: "el-Sissi
        spoke with the Emir …, and the two leaders urged …"."""
        sents = [s.start for s in self.doc.sents if s.start <= noun.i]
        start = sents[-2] if len(sents) > 1 else 0
        found: list[str] = []
        for i in range(noun.i - 1, start - 1, -1):
            aid = self.actor_at.get(i)
            if aid is not None and self.kinds.get(aid) == "person" and aid not in found:
                found.append(aid)
                if len(found) == 2:
                    return found[::-1]
        return []

    def _antecedent(self, pron: Token) -> str | None:
        """The one actor a pronoun in a reported clause stands for: the subject of the verb that
        reports or denies it, when that subject fits ("he" a person, "it" not)."""
        person = THIRD_PERSON[pron.lower_]
        for anc in list(pron.ancestors)[:5]:
            if anc.dep_ != "ccomp":
                continue
            if anc.head.lemma_.lower() not in REPORTING_VERBS:
                return None  # "officials fear it will attack": "it" is someone else
            verb = anc.head
            while verb.dep_ in ("conj", "advcl", "xcomp") and not any(c.dep_ == "nsubj" for c in verb.children):
                # "Qassem warned … and said it could …": the first verb's subject; "JNIM claimed the
                # attack, saying its fighters had …": the participle's
                verb = verb.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            found = {self.actor_at[c.i] for c in subjects if c.i in self.actor_at}
            if len(found) == 1:
                aid = found.pop()
                kind = self.kinds.get(aid)
                # "it"/"its" stands for a state, an organization or one armed body ("the army said its
                # aircraft struck"), not for a plural group
                one_group = kind == "group" and any(c.tag_ in ("NN", "NNP") for c in subjects)
                if (kind == "person") if person else (kind in ("state", "organization") or one_group):
                    return aid
                if kind == "person" and not person:
                    # "Hezbollah's leader … said it could resume attacks": the body named last before it
                    return self._latest_body(verb.sent.start, pron.i)
            return None
        return None

    def _previous_subject(self, pron: Token) -> str | None:
        """ "JNIM has kidnapped 15 foreigners. It released two Italians in March": "it" opening its
        clause is the body that was the subject of the sentence before, as readers take it."""
        if pron.lower_ not in ("it", "its") or pron.i != pron.sent.start + (pron.sent[0].is_punct or 0):
            return None
        if pron.sent.start == 0:
            return None
        before = self.doc[pron.sent.start - 1].sent
        subjects = [t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        found = {a for t in subjects for a in self.actors_of(t)}
        if len(found) == 1:
            aid = found.pop()
            if self.kinds.get(aid) in ("state", "organization", "group"):
                return aid
        return None

    def _latest_body(self, start: int, end: int) -> str | None:
        """The state or organization named last in tokens ``[start, end)``."""
        for i in range(end - 1, start - 1, -1):
            aid = self.actor_at.get(i)
            if aid is not None and self.kinds.get(aid) in ("state", "organization"):
                return aid
        return None

    def _represented_by(self, noun: Token) -> str | None:
        """ "a delegation led by X", "a team headed by X": the group acts through X."""
        for c in noun.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for agent in c.children:
                    if agent.dep_ == "agent":
                        for obj in agent.children:
                            if obj.dep_ == "pobj" and obj.i in self.actor_at:
                                return self.actor_at[obj.i]
        return None

    def subject_of(self, verb: Token, depth: int = 0, via: Token | None = None, own: bool = False) -> list[str]:
        """The actors doing what ``verb`` says, inherited from governing clauses when it has none.
        ``own``: the verb is the act itself, so a pronoun subject may be resolved to the actor who
        reports it (not so for the verb that governs an event noun: "it would respond to the strike")."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        # two subjects are a misparse ("jets after Indian drones entered"): the one next to the verb
        far = {c.i for c in subjects[:-1]} if len(subjects) > 1 and subjects[-1].i < verb.i else set()
        for c in verb.children:
            if (via is not None and c.i == via.i) or c.i in far:
                continue
            raised = c.dep_ == "nsubjpass" and via is not None and via.dep_ == "xcomp"  # "X is set to meet"
            if c.dep_ in ("nsubj", "csubj") or raised:
                found = self.actors_of(c)
                if not found and depth == 0 and own:
                    # the act's own subject is a pronoun: "Hamas denied that it had rejected …",
                    # "Russia denied that its forces had attacked …"
                    pron = c if c.lower_ in THIRD_PERSON else next(
                        (p for p in c.children if p.dep_ == "poss" and p.lower_ in THIRD_PERSON), None)
                    aid = None if pron is None else self._antecedent(pron) or self._previous_subject(pron)
                    found = [] if aid is None else [aid]
                if found or depth == 0:
                    return found
            if c.dep_ == "agent":
                for obj in c.children:
                    if obj.dep_ == "pobj" and (via is None or obj.i != via.i):
                        return self.actors_of(obj)
        if verb.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            found = self.actors_of(verb.head)  # "a delegation ... to meet with": the delegation meets
            plan = verb.head
            if not found and plan.pos_ == "NOUN":  # "Russia announced a plan to hold talks": the planner
                poss = next((c for c in plan.children if c.dep_ == "poss"), None)
                if poss is not None:
                    found = self.actors_of(poss)
                elif plan.dep_ == "dobj" and plan.head.lemma_.lower() not in OPPOSING_VERBS:
                    # not "in an effort to broker …", whose doer is read elsewhere, nor "opposed any
                    # move to reimpose sanctions", which someone else would do
                    found = self._governing_subject(plan)
            return found
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return []  # a reduced relative ("conditions discussed at the talks") names no agent
        if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ", "VBP") and depth == 0:
            return self.actors_of(verb.head)  # "Russia, Armenia's ally, called on …" parsed as a clause on Russia
        accounted = self._accounted(verb)
        if accounted is not None:
            return accounted
        head = verb.head
        if verb.dep_ == "xcomp":  # object control: "sent a delegation to meet ...", "called on Russia to ..."
            for c in head.children:
                if c.dep_ == "dobj" and (found := self.actors_of(c, weapons=False)):
                    return found
                if c.dep_ == "dobj" and head.lemma_.lower() in ASKING_VERBS:
                    return []  # "urged both parties to respect …": the parties act, not the one who urges
                if c.dep_ == "prep" and c.lower_ in ("on", "upon"):
                    for obj in c.children:
                        if obj.dep_ == "pobj" and (found := self.actors_of(obj)):
                            return found
                        if obj.dep_ == "pobj" and head.lemma_.lower() in ASKING_VERBS:
                            return []  # "called on Western allies to supply …": the allies would
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.lemma_.lower() in REPORTING_VERBS and (
                verb.lemma_.lower() in REPORTING_VERBS | ACCOUNTING_VERBS) and verb.tag_ == "VBD":
            # "The Houthis said the strikes killed five people and vowed to retaliate": the parser hangs
            # "vowed" on "killed", but a speech act in the past is the speaker's own
            return self.subject_of(head.head, depth + 1, via=head)
        if depth < 4 and verb.dep_ in INHERIT_DEPS and head.i != verb.i:
            return self.subject_of(head, depth + 1, via=verb)
        return []

    def prep_objects(self, tok: Token, preps: frozenset[str]) -> list[tuple[str, list[str]]]:
        out: list[tuple[str, list[str]]] = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        out.append((c.lower_, self.actors_of(obj)))
        return out

    def read(self, trig: Token, target_preps: frozenset[str], reverse: bool, violent: bool = False,
             framing: bool = False) -> Args:
        """``violent``: an attack, whose target may be the state whose weapons it hits ("shot down
        Russian drones"); any other act is not done to a state by seizing its weapons."""
        args = Args()
        if trig.pos_ in ("VERB", "AUX"):
            for c in trig.children:
                if c.dep_ in ("dobj", "dative") and not args.targets:
                    args.targets = self.actors_of(c, weapons=violent)
                elif c.dep_ == "nsubjpass":
                    args.targets = args.targets or self.actors_of(c, weapons=violent)
            if not args.targets:
                args.targets = self._shared_object(trig, violent)
            preps = target_preps | frozenset({"to"} if reverse else ())
            # the target may hang on the object: "launched drones at Ukraine", "sent aid to Kyiv"
            holders = [trig, *(c for c in trig.children if c.dep_ == "dobj")]
            for _prep, actors in (found for h in holders for found in self.prep_objects(h, preps)):
                args.targets.extend(a for a in actors if a not in args.targets)
            args.sources = self.subject_of(trig, own=True) if not any(
                c.dep_ == "nsubjpass" for c in trig.children) else self._agent(trig)
        else:
            for c in trig.children:
                if c.dep_ == "poss":
                    args.sources = self.actors_of(c)
                elif c.dep_ in ("compound", "amod") and c.i in self.actor_at and not args.sources:
                    args.sources = [self.actor_at[c.i]]
            if not args.sources:  # "an attack by the paramilitary RSF on El Fasher"
                args.sources = [a for c in trig.children if c.dep_ == "prep" and c.lower_ == "by"
                                for o in c.children if o.dep_ == "pobj" for a in self.actors_of(o)]
            # the target may hang on the verb whose object the act is: "held talks with Kyiv",
            # "launched drills around Taiwan"
            verb = verb_of_object(trig)
            holders = [trig] if verb is None else [trig, verb]
            for prep, actors in (found for h in holders for found in self.prep_objects(h, target_preps)):
                if prep == "between":
                    args.sources = actors
                    args.targets = list(actors)
                else:
                    args.targets.extend(a for a in actors if a not in args.targets)
            accounted = self._accounted(trig)
            if accounted is not None and not args.sources:
                args.sources = accounted  # "blamed Moscow for the attack": Moscow attacked
            reason = trig.dep_ == "pobj" and trig.head.head.pos_ in ("VERB", "AUX") and (
                trig.head.lower_ in REASON_PREPS or (trig.head.lower_ in SEQUENCE_PREPS and any(
                    c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in trig.children)))
            if not args.sources and not (violent and reason):
                # "Iran did not retaliate for the strikes", "suspended cooperation after strikes on its
                # sites": an attack the clause answers is no act of the clause's subject
                args.sources = self._governing_subject(trig, addressed=framing)
            if not args.targets and accounted is None:  # "presented Ukraine with conditions": the object receives them
                verb = next((a for a in trig.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if verb is not None:
                    for c in verb.children:
                        if c.dep_ in ("dobj", "dative") and c.i != trig.i and not any(
                                a.i == c.i for a in trig.ancestors):
                            args.targets = [a for a in self.actors_of(c) if a not in args.sources]
        if reverse:
            args.sources, args.targets = args.targets, args.sources
        args.targets = [a for a in args.targets if a not in args.sources] or (
            args.targets if len(args.sources) > 1 else [])
        return args

    def _shared_object(self, verb: Token, violent: bool) -> list[str]:
        """ "Police beat and abused protesters": the parser hangs the object on the last of verbs
        joined by "and", but each of them takes it, when the first has nothing after it but the
        conjunction and the later ones no subject of their own."""
        if any(c.dep_ in ("dobj", "dative", "nsubjpass", "ccomp", "xcomp", "prep") for c in verb.children):
            return []
        if any(c.i > verb.i and c.dep_ not in ("cc", "conj", "punct", "advmod") for c in verb.children):
            return []
        nxt = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        while nxt is not None and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children):
            obj = next((c for c in nxt.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return self.actors_of(obj, weapons=violent)
            nxt = next((c for c in nxt.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
        return []

    def _agent(self, verb: Token) -> list[str]:
        for c in verb.children:
            if c.dep_ == "agent":
                return [a for obj in c.children if obj.dep_ == "pobj" for a in self.actors_of(obj)]
        return []

    def _accounted(self, tok: Token) -> list[str] | None:
        """The object an accounting verb holds to an act ("accused Ukraine of shelling", "blamed
        Moscow for the attack"), or None when the act is not framed so."""
        prep = tok.head
        if tok.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            return None
        verb = prep.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in ACCOUNTING_VERBS:
            return None
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return None if obj is None else self.actors_of(obj)

    def _governing_subject(self, noun: Token, addressed: bool = False) -> list[str]:
        """An event noun without a possessor is done by the subject of its clause. ``addressed``:
        the noun is a proposal, request or offer, which the subject of "rejected", "accepted" or
        "granted" answers rather than makes (asylum that Peru granted is still Peru's)."""
        cur = noun
        for _ in range(5):
            head = cur.head
            if head.i == cur.i:
                return []
            if head.pos_ in ("VERB", "AUX"):
                # "Hamas rejected a proposal": one made to Hamas; "Kyiv welcomed its talks": Kyiv's own
                answered = addressed and cur.i == noun.i and cur.dep_ == "dobj" and (
                    head.lemma_.lower() in ADDRESSEE_VERBS)
                # "Rubio condemned the attack": who reacts to an act did not do it
                reaction = cur.i == noun.i and cur.dep_ == "dobj" and head.lemma_.lower() in REACTION_VERBS
                if cur.dep_ in SUBJ or reaction or (answered and not any(c.dep_ == "poss" for c in noun.children)):
                    return []
                # "it could raise duties": the doer of a verb's own object may be a pronoun to resolve;
                # not so through a preposition ("it would respond to the strike")
                return self.subject_of(head, via=cur, own=cur.i == noun.i and cur.dep_ == "dobj")
            cur = head
        return []
