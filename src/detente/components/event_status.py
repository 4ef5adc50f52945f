"""Factuality of an event mention: occurred, ongoing, planned, possible, not_occurred or denied.

News marks factuality with a handful of constructions, all read off the dependency parse:
auxiliaries of the clause ("will meet", "could lead"), a conditional clause ("if Israel launches an
offensive"), verbs that govern an infinitive ("plans to speak", "failed to yield"), verbs and nouns
that govern the event noun ("did not rule out a meeting", "a request for a meeting"), modifiers ("a
planned call", "no cease-fire") and negation.
Cues are collected walking up from the trigger until the first clause that is not a complement,
and never across a reporting verb ("said that ..."): a report does not change what it reports.
When cues disagree, the strongest wins in the order of ``PRIORITY`` — a failed or refused act
outranks a possible one, which outranks a planned one ("did not rule out a future meeting" is
possible, not planned).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

CUES_PATH = Path(__file__).parent / "events" / "status_cues.json"
PRIORITY = ("denied", "not_occurred", "possible", "planned", "ongoing", "occurred")
COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp"}
ARGUMENT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "dative"}


#: what a speaker does in words besides saying ("denied that … and blamed militias")
SPEAKERS_ACTS = frozenset({"blame", "accuse", "condemn", "criticize", "criticise", "urge", "call", "vow", "pledge",
                           "promise", "warn", "demand", "appeal", "insist", "reject", "dismiss"})
#: verbs of taking part in or turning to an act, whose modality that act shares ("may have taken part in
#: the blockade", "could return to war", "might resort to force")
PARTICIPATION = frozenset({"take", "participate", "join", "engage", "involve", "return", "resort", "go", "slide",
                           "descend", "revert"})
#: prepositions that place an act in time: "agreed to a truce after four days of fighting" plans no fighting
TEMPORAL = frozenset({"after", "before", "since", "following", "during", "despite", "amid", "until", "throughout"})
#: verbs of going somewhere whose "for" phrase is the purpose of the trip ("will fly to Beijing for
#: talks"): the talks are as sure as the trip
TRAVEL = frozenset({"travel", "fly", "head", "come", "go", "arrive", "return", "gather", "convene", "leave",
                    "visit", "set"})


@dataclass(frozen=True)
class StatusCues:
    reporting_verbs: frozenset[str]
    xcomp: dict[str, frozenset[str]]
    object: dict[str, frozenset[str]]
    nominal_governors: dict[str, frozenset[str]]
    modifier: dict[str, frozenset[str]]
    aux: dict[str, frozenset[str]]
    adverbs: dict[str, frozenset[str]]
    without: frozenset[str]
    negative_determiners: frozenset[str]
    rule_out: frozenset[str]
    light_verbs: frozenset[str]
    conditional: frozenset[str]
    charges: frozenset[str]
    denials: frozenset[str]
    charging: frozenset[str]
    subject: dict[str, frozenset[str]]

    @classmethod
    def load(cls, path: Path = CUES_PATH) -> StatusCues:
        raw = json.loads(path.read_text(encoding="utf-8"))
        kwargs: dict[str, object] = {}
        for name in cls.__dataclass_fields__:
            value = raw[name]
            if isinstance(value, dict):
                kwargs[name] = {k: frozenset(v) for k, v in value.items()}
            else:
                kwargs[name] = frozenset(value)
        return cls(**kwargs)  # type: ignore[arg-type]


def is_condition(mark: Token) -> bool:
    """Does this "if"/"unless" open a condition? Not "even if" (a concession), "as if" (a
    comparison) nor "if any"/"if not" (asides): the clause needs its own subject."""
    before = mark.doc[mark.i - 1].lower_ if mark.i else ""
    return before not in ("even", "as") and any(c.dep_ in ("nsubj", "nsubjpass") for c in mark.head.children)


def _lookup(table: dict[str, frozenset[str]], word: str) -> str | None:
    for status, words in table.items():
        if word in words:
            return status
    return None


def _none_of(noun: Token, negative: frozenset[str]) -> bool:
    """Does the phrase deny that any such thing exists ("no troops", "none of its soldiers", "not a
    single vessel")?"""
    if noun.lower_ in ("none", "nobody", "nothing") or any(c.dep_ == "det" and c.lower_ in negative
                                                             for c in noun.children):
        return True
    first = noun.left_edge
    return first.lower_ == "not" and any(t.lower_ in ("single", "one") for t in noun.doc[first.i:noun.i])


def _is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


@dataclass
class Factuality:
    status: str
    negated: bool
    cue: str | None  # the word that decided it, for evidence and debugging


class StatusReader:
    """Reads the factuality of a trigger token from its syntactic context."""

    def __init__(self, cues: StatusCues) -> None:
        self.cues = cues

    def read(self, trigger: Token) -> Factuality:
        found: list[tuple[str, str]] = []
        negated = _is_negated(trigger)
        denial = self.charge_denial(trigger)
        if denial is not None and denial[1] <= trigger.i < denial[2]:
            return Factuality("denied", False, denial[0].lemma_)  # the words the charge restates
        self._own_cues(trigger, found)
        cur = trigger
        for _ in range(6):
            head = cur.head
            if head.i == cur.i or head.lemma_ in self.cues.reporting_verbs:
                break
            if denial is not None and head.i == denial[0].i:
                break  # the parser hangs the sentence on the denial; it denies only the charge's words
            dep = cur.dep_
            if dep == "conj" and self._speakers_own(cur, head):
                break
            if dep == "xcomp" and head.lemma_ in ("have", "be") and any(
                    c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children):
                found.append(("not_occurred", "yet to"))  # "several countries have yet to send troops"
            participle = dep == "advcl" and cur.tag_ in ("VBN", "VBG") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in cur.children)
            self._governor_cues(cur, head, found, as_complement=participle)
            if dep == "acl" and cur.pos_ == "VERB" and _none_of(head, self.cues.negative_determiners):
                found.append(("not_occurred", "no"))  # "it has no troops fighting in Congo"
            if dep in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX"):
                break  # a relative clause asserts on its own ("talks, which were held ...")
            if dep == "prep" and head.pos_ in ("VERB", "AUX") and (head.lemma_.lower() in PARTICIPATION or (
                    cur.lower_ == "for" and head.lemma_.lower() in TRAVEL)):
                # "boats may have taken part in the blockade": the blockade is as sure as the taking part
                self._clause_cues(head, found, light=True)
            if dep in COMPLEMENT_DEPS or participle or dep in (
                    "prep", "pobj", "acl", "amod", "compound", "conj", "agent"):
                cur = head
                continue
            if dep == "nsubj" and cur.i == trigger.i and (s := _lookup(self.cues.subject, head.lemma_.lower())
                                                          or _lookup(self.cues.subject, head.lower_)):
                found.append((s, head.lemma_))  # "heavy fighting raged in the hills"
            if dep in ARGUMENT_DEPS or dep in ("nsubj",):
                # the event noun is an argument of this verb: the verb's clause decides,
                # and if the verb is itself a complement, its governor too
                self._clause_cues(head, found, light=head.lemma_ in self.cues.light_verbs or dep != "nsubj",
                                  conditional=head.lemma_ in self.cues.light_verbs)
                own_object = cur.i == trigger.i
                cur = head
                if head.dep_ in COMPLEMENT_DEPS:
                    continue
                # "a proposal to hold talks": the noun the infinitive completes decides
                infinitive = head.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
                if own_object and infinitive and (s := _lookup(self.cues.nominal_governors, head.head.lemma_.lower())):
                    found.append((s, head.head.lemma_))
                    if any(c.dep_ == "det" and c.lower_ in self.cues.negative_determiners for c in head.head.children):
                        found.append(("not_occurred", "no"))
                    plan = head.head  # "blocked an attempt to impose sanctions": the attempt's fate is theirs
                    if plan.dep_ in ARGUMENT_DEPS and plan.head.pos_ in ("VERB", "AUX") and (
                            s := _lookup(self.cues.object, plan.head.lemma_.lower())) == "not_occurred":
                        found.append((s, plan.head.lemma_))
            break
        if not found:
            return Factuality("occurred", negated, None)
        found.sort(key=lambda sc: PRIORITY.index(sc[0]))
        status, cue = found[0]
        return Factuality(status, negated or (status == "not_occurred" and cue in ("not", "n't", "no")), cue)

    def charge_denial(self, tok: Token) -> tuple[Token, int, int] | None:
        """ "Georgetown blamed gangs operating with the support of Caracas, a charge Venezuela denied":
        the denying verb and the token range of the words the charge restates, from after the last
        word that reports or accuses them to the comma; None when the sentence has no such ending.
        The small model makes the denial the sentence's root, so without this the attack, the
        blaming and everything else in the sentence would read as denied."""
        sent, doc = tok.sent, tok.doc
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.cues.denials or _is_negated(verb):
                continue  # "a claim Israel did not dispute" denies nothing
            charge = next((c for c in verb.children if c.i < verb.i and c.dep_ in ("dobj", "nsubjpass", "npadvmod")
                           and c.lemma_.lower() in self.cues.charges), None)
            if charge is None and verb.dep_ == "relcl" and verb.head.lemma_.lower() in self.cues.charges:
                charge = verb.head  # "…, a claim that Rome denied"
            if charge is None or charge.left_edge.i <= sent.start:
                continue
            comma = charge.left_edge.i - 1
            if doc[comma].text not in (",", "—", "–", ";", "-"):
                continue
            opened = max((t.i for t in doc[sent.start:comma] if t.text == ";"), default=sent.start - 1) + 1
            said = [t.i for t in doc[opened:comma] if t.lemma_.lower() in self.cues.charging]
            return verb, (said[-1] + 1 if said else opened), comma
        return None

    def _own_cues(self, tok: Token, found: list[tuple[str, str]]) -> None:
        """Modifiers, determiners, auxiliaries and negation on the trigger itself."""
        for child in tok.children:
            low = child.lower_
            if child.dep_ in ("amod", "compound", "advmod") and (s := _lookup(self.cues.modifier, low)):
                found.append((s, low))
            if child.dep_ == "det" and low in self.cues.negative_determiners:
                found.append(("not_occurred", low))
        if tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("nsubj", "nsubjpass") and _none_of(c, self.cues.negative_determiners)
                   for c in tok.children):
                found.append(("not_occurred", "no"))  # "no Russian troops crossed", "none were deployed"
            self._clause_cues(tok, found, light=True)
            progressive = tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children)
            future = any(c.dep_ == "aux" and c.lower_ in self.cues.aux["planned"] for c in tok.children)
            if progressive and not future:
                found.append(("ongoing", "progressive"))
            # "the crossing has been shut since Oct. 12", "Russia has occupied Crimea since 2014": still so
            # ... but "has launched more than 100 missiles since 2022" counts acts that are over
            counted = any(c.dep_ == "dobj" and any(n.like_num for n in c.subtree) for c in tok.children)
            perfect = not counted and any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve")
                                          for c in tok.children)
            if perfect and any((c.dep_ in ("prep", "mark") and c.lower_ == "since") or (
                    c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))
                    for c in tok.children):
                found.append(("ongoing", "since"))

    def _clause_cues(self, verb: Token, found: list[tuple[str, str]], light: bool,
                     conditional: bool = True) -> None:
        """Auxiliaries, negation, adverbs and a conditional mark of a clause. ``conditional``: the
        clause's verb is the act itself or a light verb ("if Israel launches an offensive"), not
        another act on the event noun ("only if Washington lifts sanctions": the sanctions stand)."""
        conditioned = conditional and any(
            c.dep_ == "mark" and c.lower_ in self.cues.conditional and is_condition(c) for c in verb.children)
        for child in verb.children:
            low = child.lower_
            if conditioned and child.dep_ == "neg":
                continue  # "if Hamas does not release the hostages": possible, and negated
            if child.dep_ in ("aux", "auxpass") and (s := _lookup(self.cues.aux, low)):
                found.append((s, low))
            elif child.dep_ == "aux" and low == "going":
                found.append(("planned", low))
            elif child.dep_ == "neg" and light and verb.lemma_ not in self.cues.rule_out:
                found.append(("not_occurred", low))
            elif child.dep_ == "advmod" and (s := _lookup(self.cues.adverbs, low)):
                found.append((s, low))
            elif child.dep_ == "acomp" and low in self.cues.modifier["possible"]:
                found.append(("possible", low))  # "a deal was still possible"
            elif conditioned and child.dep_ == "mark" and low in self.cues.conditional:
                found.append(("possible", low))  # "if Israel launches an offensive": it may not
            elif child.dep_ == "mark" and low == "whether":
                found.append(("possible", low))  # "it is unclear whether Israel will attack": an open question

    def _speakers_own(self, verb: Token, head: Token) -> bool:
        """ "denied that his fighters had attacked the camp and blamed militias": the parser hangs
        "blamed" on "attacked", but a speech act in the simple past, with no subject of its own, after
        a pluperfect "that" clause, is the denier's own act: asserted, not denied."""
        return verb.pos_ == "VERB" and verb.tag_ == "VBD" and (
            verb.lemma_ in self.cues.reporting_verbs or verb.lemma_ in SPEAKERS_ACTS) and head.dep_ == "ccomp" \
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in head.children) \
            and any(c.dep_ == "aux" and c.lower_ == "had" for c in head.children) \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)

    def _governor_cues(self, cur: Token, head: Token, found: list[tuple[str, str]],
                       as_complement: bool = False) -> None:
        lemma = head.lemma_.lower()
        dep = "xcomp" if as_complement else cur.dep_
        if head.lower_ in self.cues.without and dep == "pobj":
            found.append(("not_occurred", head.lower_))
            return
        if head.lower_ == "of" and head.i > 0 and head.doc[head.i - 1].lower_ in self.cues.without:
            found.append(("not_occurred", "short of"))  # "stopped short of threatening"
            return
        if lemma in self.cues.rule_out and dep in ARGUMENT_DEPS | {"prt", "pobj", "xcomp", "pcomp"}:
            found.append(("possible" if _is_negated(head) else "not_occurred", "rule out"))
            return
        if head.pos_ in ("NOUN", "PROPN") and dep in COMPLEMENT_DEPS | {"acl", "prep", "pobj", "compound"}:
            if s := _lookup(self.cues.nominal_governors, lemma):
                found.append((s, lemma))
                if any(c.dep_ == "det" and c.lower_ in self.cues.negative_determiners for c in head.children):
                    found.append(("not_occurred", "no"))  # "has no plan to impose sanctions"
            return
        if dep in COMPLEMENT_DEPS and (s := _lookup(self.cues.xcomp, lemma)):
            found.append((s, lemma))
            if _is_negated(head) and s in ("planned", "possible"):
                found.append(("not_occurred", "not"))
        elif dep in ARGUMENT_DEPS and head.pos_ in ("VERB", "AUX") and (s := _lookup(self.cues.object, lemma)):
            found.append((s, lemma))
        elif dep in ("pobj", "prep", "acl", "compound") and head.pos_ in ("NOUN", "PROPN", "ADP"):
            gov = head.head if head.pos_ == "ADP" else head
            s = _lookup(self.cues.nominal_governors, gov.lemma_.lower())
            if s is None and head.pos_ == "ADP" and gov.pos_ in ("VERB", "AUX") and head.lower_ not in TEMPORAL:
                s = _lookup(self.cues.object, gov.lemma_.lower())  # "agreed to a ceasefire", not "after fighting"
            if s is not None:
                found.append((s, gov.lemma_))
