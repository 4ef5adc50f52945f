"""The ``detente_events`` component: PLOVER events with actors, factuality, time and place.

Triggers come from ``events/triggers.jsonl`` (lemma + part of speech -> PLOVER type, mode, CAMEO
code), arguments from ``event_args``, factuality from ``event_status``. Then the article-level
steps: one event per real act (repeated mentions merge, their evidence kept), bilateral calls
split per counterpart, ``about`` links from AGREE/REQUEST/REJECT/THREATEN to the act inside their
complement, and conditions ("would depend on ...").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from detente.components.event_args import REACTION_VERBS, verb_of_object
from detente.components.event_context import FRAMING_TYPES, EventContext
from detente.components.event_implied import (
    ANAPHORIC_DETERMINERS,
    DIRECTED_TYPES,
    HOSTILE_TYPES,
    REFUSABLE_TYPES,
    RELEASED_WORDS,
    SIDED_TYPES,
    aimed_elsewhere,
    demand,
    foreign_voice,
    own_side,
    proposer,
    reacted_to,
    reciprocal,
    refusal,
    refused,
    said_act,
    warned,
)
from detente.components.event_merge import link_about, link_claims, merge_events
from detente.components.event_status import Factuality, StatusCues, StatusReader
from detente.components.lexicon import countries_by_demonym, normalize
from detente.components.places import shared_gazetteer
from detente.components.timex_zones import resolve_zones
from detente.doc import layer, text_of
from detente.layers import Event, Place

DATA = Path(__file__).parent / "events"
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
#: prepositions whose place an attack strikes ("at Israel", "on Kyiv", "into Russian territory")
STRUCK_PREPS = frozenset({"at", "on", "in", "into", "against", "near"})
#: where a show of force is made: its state is what it is aimed at ("massed troops near Ukraine")
POSTURE_PREPS = frozenset({"around", "near", "off", "in", "to", "toward", "towards", "along", "into"})
GENERIC_DETERMINERS = {"such", "any", "every", "each"}
#: the generic word of a name that is no town ("the Red Sea", "the West Bank", "Cuyuni River")
GEO_NOUNS = frozenset({"sea", "seas", "gulf", "strait", "straits", "bay", "island", "islands", "river", "lake",
                       "ocean", "valley", "harbor", "harbour", "port", "bank", "strip", "canal", "coast", "mountain",
                       "mountains", "mount", "hill", "hills", "desert", "border", "airport", "base", "field",
                       "delta", "shoal", "reef", "pass", "peninsula", "basin", "heights", "plateau", "corridor"})
HYPHEN = get_string_id("-")


#: answers that, promised ("would respond to any aggression"), are threats; "respond to the proposal" is none
RESPONSES = frozenset({"respond", "retaliate", "react", "act"})
DENYING = frozenset({"deny", "dismiss", "reject"})
#: going where another state's forces may not ("entered its waters"): aimed at that state
INCURSIONS = frozenset({"enter", "cross", "intrude", "violate"})
#: going somewhere: blocking an attempt to do it stops people, it refuses no proposal
MOVES = frozenset({"march", "cross", "enter", "reach", "leave", "flee", "travel", "go", "move", "storm", "approach"})
#: verbs that count casualties: in the passive, with no one named who did it, they report a toll, not an act
CASUALTIES = frozenset({"kill", "wound", "injure", "hurt", "harm"})
#: closing a crossing or a port to another state's traffic: aimed at that state
CLOSURES = frozenset({"close", "shut"})
#: verbs whose own threat a promised response inside them is
WARNINGS = frozenset({"warn", "threaten", "vow", "pledge", "promise", "swear"})
#: how a response is promised when it says nothing of what it answers ("would respond decisively")
FORCEFUL = frozenset({"decisively", "forcefully", "firmly", "strongly", "militarily", "harshly", "resolutely",
                      "swiftly", "appropriately", "with"})
#: what a promised response answers when it is no act the trigger table lists
PROVOCATIONS = frozenset({"aggression", "provocation", "violation", "escalation", "fire", "incursion", "move",
                          "expulsion", "attempt", "interference", "hostility", "threat", "step", "measure"})
#: promises that, made of an act of force, are threats ("vowed to retaliate against Israel")
VOWS = frozenset({"vow", "pledge", "promise", "swear"})
#: the prepositions that name whom a promised act of force is aimed at, on the act ("retaliate against")
HOSTILE_AIM_PREPS = frozenset({"against", "on", "at"})
#: whom one stands with when the text names no actor ("stands with its Baltic allies")
SIDES = frozenset({"ally", "allies", "people", "partner", "partners", "nation", "nations", "country", "government"})
#: an order to leave is an expulsion ("ordered a Russian diplomat to leave the country")
LEAVING = frozenset({"leave", "depart", "quit", "exit"})
#: who is expelled when ordered to leave (not residents ahead of a hurricane, nor a player)
EXPELLED = frozenset({"diplomat", "ambassador", "envoy", "consul", "attache", "attaché", "chargé", "official",
                      "staff", "mission", "troops", "forces", "peacekeepers", "force", "contingent", "personnel",
                      "journalist", "correspondent"})

#: what one refuses to do when one only keeps silent ("refused to comment")
UNSAID = frozenset({"say", "comment", "elaborate", "disclose", "confirm", "discuss", "specify", "answer",
                    "identify", "name", "reveal", "give", "speculate", "detail", "explain"})


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
    prep_objects: frozenset[str] = frozenset()  # a prep child whose object is not a date ("call on X to")
    not_of: frozenset[str] = frozenset()  # nouns that make "X of <trigger>" a name: "prisoners of war"
    particle: str | None = None  # the particle the verb needs: "turn down"
    means: bool = False  # the object is what is sent, not whom it is for: "sent a team to Niamey"
    object_of: frozenset[str] = frozenset()  # the preposition the noun must follow: "went on strike"


def load_triggers(path: Path = DATA / "triggers.jsonl") -> dict[str, list[Trigger]]:
    table: dict[str, list[Trigger]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else {}
        if "lemma" not in row:
            continue
        for key in ("target_preps", "requires", "requires_head", "not_if_mark", "prep_objects", "not_of",
                    "object_of"):
            row[key] = frozenset(row.get(key, ()))
        trig = Trigger(**row)
        table.setdefault(trig.lemma, []).append(trig)
    return table


@Language.factory(
    "detente_events",
    requires=["doc._.actors", "doc._.timexes", "doc._.statements"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(load_triggers(), StatusReader(StatusCues.load()),
                           json.loads((DATA / "modes.json").read_text(encoding="utf-8")))


class EventsComponent:
    """Doc -> Doc: fills ``doc._.events`` (see the module docstring for the steps)."""

    def __init__(self, triggers: dict[str, list[Trigger]], status: StatusReader,
                 modes: dict[str, dict[str, list[str]]]) -> None:
        self.triggers = triggers
        self.status = status
        self.modes = {t: {mode: frozenset(cues) for mode, cues in m.items()}
                      for t, m in modes.items() if not t.startswith("_")}
        self.gazetteer = shared_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        resolve_zones(doc)  # a president's own schedule is in Washington time: needs speakers, so here
        ctx = EventContext(doc)
        events: list[Event] = []
        for tok, trig, span in self._find_triggers(doc, ctx):
            made = self._make_events(doc, ctx, tok, trig, span)
            ctx.made.extend((tok.i, e) for e in made)
            if made:
                ctx.by_token[tok.i] = made[0]
                ctx.by_lemma[trig.lemma] = made[0]
                ctx.args.event_actors[tok.i] = _parties(made[0], trig)
            events.extend(made)
        events, survivor = merge_events(events)
        for n, e in enumerate(events, start=1):
            e.id = f"e{n}"
        by_token = {i: survivor[id(e)] for i, e in ctx.by_token.items() if id(e) in survivor}
        link_about(events, by_token, doc)
        link_claims(doc, by_token)
        layer(doc, "events").extend(events)
        return doc

    # ------------------------------------------------------------------ triggers
    def _find_triggers(self, doc: Doc, ctx: EventContext) -> list[tuple[Token, Trigger, tuple[int, int]]]:
        found: list[tuple[Token, Trigger, tuple[int, int]]] = []
        seen: set[tuple[str, str]] = set()
        toks, lemmas, n = ctx.tokens, ctx.lemmas, len(ctx.tokens)
        # compare hashes: reading every token's text would cost more than the rest of the scan
        hyphens = {t.i for t in toks if t.orth == HYPHEN}
        for i, tok in enumerate(toks):
            lemma, first = lemmas[i], i
            if i + 2 < n and i + 1 in hyphens and (tok.lower_ + toks[i + 2].lower_) in self.triggers:
                continue  # the hyphenated compound is read at its last token ("cease-fire")
            if i >= 2 and i - 1 in hyphens:
                joined = toks[i - 2].lower_ + tok.lower_
                if joined in self.triggers:
                    lemma, first = joined, i - 2
            if lemma not in self.triggers or ctx.in_condition(tok):
                continue
            span = (toks[first].idx, tok.idx + len(tok.text))
            # "the exchange" after "a prisoner exchange": a definite mention of an act already named
            anaphoric = tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS
                                                   for c in tok.children)
            for trig in self.triggers.get(lemma, ()):
                if self._fits(tok, trig, anaphoric and (trig.lemma, trig.type) in seen):
                    found.append((tok, trig, span))
                    seen.add((trig.lemma, trig.type))
                    break
        return found

    @staticmethod
    def _fits(tok: Token, trig: Trigger, named_before: bool = False) -> bool:
        is_verb = tok.pos_ in ("VERB", "AUX")
        is_noun = tok.pos_ in ("NOUN", "PROPN") or (tok.pos_ == "ADJ" and trig.pos != "VERB")
        if (trig.pos == "VERB" and not is_verb) or (trig.pos == "NOUN" and not is_noun):
            return False
        if not (is_verb or is_noun):
            return False
        if is_noun and tok.dep_ == "compound":
            return False  # "prisoner exchange deal", "cease-fire conditions": a modifier, not the act
        if is_noun and any(c.lower_ in GENERIC_DETERMINERS for c in tok.children
                           if c.dep_ in ("det", "amod", "predet")) and not _denied_any(tok):
            return False  # "the largest such swap": a kind of act, not one act
        if trig.object_of and not (tok.dep_ == "pobj" and tok.head.lower_ in trig.object_of):
            return False
        if trig.particle and not any(c.dep_ in ("prt", "advmod") and c.lower_ == trig.particle for c in tok.children):
            return False
        if trig.not_of and tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
                tok.head.head.lemma_.lower() in trig.not_of):
            return False  # "prisoners of war" names people, not an act of war
        if trig.not_if_mark and any(g.dep_ == "mark" and g.lower_ in trig.not_if_mark
                                    for c in tok.children for g in c.children):
            return False  # "asking whether ...": a question, not a request
        if trig.requires and not named_before:
            words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.children}
            words |= {tok.head.lower_} | {t.lower_ for t in tok.lefts}
            if not words & trig.requires:
                return False
        if trig.prep_objects and not any(
                c.dep_ == "prep" and c.lower_ in trig.prep_objects
                and any(o.dep_ == "pobj" and o.ent_type_ not in ("DATE", "TIME") for o in c.children)
                for c in tok.children):
            return False  # "called on Russia to withdraw", not "called him on Saturday"
        if trig.requires_head:
            heads = {a.lemma_.lower() for a in list(tok.ancestors)[:4]}
            return bool(heads & trig.requires_head)
        return True

    # ------------------------------------------------------------------ one mention
    def _make_events(self, doc: Doc, ctx: EventContext, tok: Token, trig: Trigger,
                     span: tuple[int, int]) -> list[Event]:
        if trig.type == "REQUEST" and any(c.dep_ == "xcomp" and c.lemma_.lower() in ("name", "identify")
                                          for c in tok.children):
            return []  # "the official, who asked not to be named": a source's anonymity, not a demand
        if trig.type == "REJECT" and any(c.dep_ == "xcomp" and c.lemma_.lower() in UNSAID for c in tok.children):
            return []  # "refused to comment", "declined to say when": no answer, not a rejection
        if trig.type == "MOBILIZE" and tok.pos_ == "NOUN" and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return []  # "the exercise of its sovereignty": a use of a right, no drill
        if trig.lemma == "fire" and trig.prep_objects and any(c.dep_ == "dobj" for c in tok.children):
            return []  # "fired the minister on the spot": a dismissal, not shots fired on someone
        if trig.lemma == "rule" and not any(c.dep_ == "neg" for c in tok.children):
            return []  # only "did not rule out force" threatens; "ruled out talks" is read by the status
        ruled = tok if trig.lemma == "rule" else next(
            (c for c in tok.children if c.dep_ == "xcomp" and c.lemma_.lower() == "rule"), None)
        if trig.type == "REJECT" and ruled is not None:
            trig = replace(trig, type="THREATEN", cameo="130")  # "refused to rule out the use of force"
        if trig.type == "AGREE" and tok.pos_ == "ADJ" and self._hostile_aim(tok):
            return []  # "forces are ready to enter Rafah": readiness to fight is no offer
        if trig.type == "AGREE" and tok.pos_ == "VERB" and trig.lemma in VOWS and self._hostile_aim(tok, vow=True):
            trig = replace(trig, type="THREATEN", cameo="130", target_preps=HOSTILE_AIM_PREPS)  # "vowed to retaliate"
        if trig.type == "REQUEST" and any(c.dep_ == "xcomp" and c.lemma_.lower() in LEAVING for c in tok.children) \
                and any(c.dep_ == "dobj" and (c.lemma_.lower() in EXPELLED or c.lower_ in EXPELLED)
                        for c in tok.children):
            trig = replace(trig, type="SANCTION", mode="expel", cameo="1663")  # "ordered the envoy to leave"
        if trig.type == "RETREAT" and any(c.dep_ == "dobj" and c.lemma_.lower() in RELEASED_WORDS
                                          for c in tok.children):
            return []  # "Hamas released a video": nobody was set free
        if trig.lemma == "block" and any(g.dep_ == "acl" and g.lemma_.lower() in MOVES
                                         for c in tok.children if c.dep_ == "dobj" for g in c.children):
            return []  # "police blocked an attempt by protesters to march": a crowd stopped, no proposal refused
        if trig.type == "THREATEN" and trig.lemma in RESPONSES and (not self._answers_force(tok) or any(
                a.lemma_.lower() in WARNINGS for a in list(tok.ancestors)[:3])):
            return []  # "would respond to the proposal": an answer, no threat; "warned that it would
            # respond": the warning is the threat
        args = ctx.args.read(tok, trig.target_preps, trig.reverse, violent=trig.type == "ASSAULT",
                             framing=trig.type in FRAMING_TYPES)
        sources, targets = args.sources, args.targets
        if trig.type == "THREATEN" and trig.lemma in RESPONSES and not targets:
            # "would respond to every aggression by the ELN": whoever did what is answered
            answered = [o for p in tok.children if p.dep_ == "prep" and p.lower_ in trig.target_preps
                        for o in p.children if o.dep_ == "pobj"]
            targets = [a for o in answered for t in o.subtree if t.dep_ == "pobj" and t.head.lower_ in ("by", "from")
                       for a in ctx.args.actors_of(t) if a not in sources] or [
                a for o in answered for a in ctx.args.actors_of(o) if a not in sources]
            targets = list(dict.fromkeys(targets))
        if trig.type == "THREATEN" and trig.lemma in VOWS and not targets:
            # "vowed to retaliate against Israel", "vowed to attack Israeli forces": whom the act is at
            targets = [a for c in tok.children if c.dep_ == "xcomp" for g in c.children
                       for o in ([g] if g.dep_ == "dobj" else [p for p in g.children if p.dep_ == "pobj"]
                                 if g.dep_ == "prep" and g.lower_ in HOSTILE_AIM_PREPS else [])
                       for a in ctx.args.actors_of(o) if a not in sources]
        if trig.type == "MOBILIZE" or trig.means:  # "moved troops to the border": the troops are the means
            means = {a for c in tok.children if c.dep_ == "dobj" for a in ctx.args.actors_of(c)}
            targets = [a for a in targets if a not in means]
        if trig.type in ("ASSAULT", "COERCE") and not targets:
            targets = self._struck_state(ctx, tok, sources)
        if trig.lemma in INCURSIONS | CLOSURES and not targets:
            # "entered its waters", "Polish airspace"; "shut the crossing to Afghan traffic"
            targets = self._territory_owner(ctx, tok, sources)
        if trig.type == "MOBILIZE" and not targets:  # "launched drills around Taiwan": a show of force at it
            targets = self._struck_state(ctx, verb_of_object(tok) or tok, sources, preps=POSTURE_PREPS)
        if ruled is not None and not targets:  # "did not rule out new strikes on Kyiv": at Ukraine
            targets = self._struck_state(ctx, ruled, sources) or [
                a for obj in ruled.children if obj.dep_ == "dobj" for p in obj.children
                if p.dep_ == "prep" and p.lower_ == "against" for o in p.children for a in ctx.args.actors_of(o)]
        if trig.type == "RETREAT" and not targets:  # "withdraw from southern Lebanon"
            targets = self._struck_state(ctx, tok, sources, preps=frozenset({"from"}))
        if trig.type in ("REJECT", "AGREE") and not targets:
            targets = proposer(ctx, tok, sources)
        if trig.type == "THREATEN" and not targets:  # "warned of consequences if Israel attacked": at Israel
            targets = [a for c in tok.children if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless", "should") for m in c.children)
                for a in ctx.args.subject_of(c, own=True) if a not in sources]
        if trig.type == "CONSULT" and trig.mode == "visit" and not targets:
            targets = self._destinations(ctx, tok, sources)
        if not targets and trig.type in HOSTILE_TYPES and len({ctx.side_of(a) for a in sources}) > 1 and (
                ctx.opposed(sources) or reciprocal(tok)):
            targets = list(sources)  # "Ethiopia and Eritrea have massed troops": against each other, not allies
        earlier = ctx.by_lemma.get(trig.lemma)
        same_parties = earlier is not None and set(sources + targets) <= set(earlier.sources + earlier.targets)
        if earlier is not None and same_parties and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in tok.children):
            # "the talks", "those talks": the act already reported, mentioned again
            earlier.evidence.append(ctx.evidence(tok))
            ctx.by_token[tok.i] = earlier
            ctx.args.event_actors[tok.i] = _parties(earlier, trig)
            return []
        if tok.pos_ == "NOUN" and not sources and tok.dep_ == "dobj" and tok.head.lemma_.lower() in REACTION_VERBS \
                and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in tok.children) \
                and not any(c.dep_ == "prep" for c in tok.children):
            return []  # "Araqchi dismissed the threat": the threat reported before, not a new one at him
        joint = trig.joint or (trig.joint_if_plural and (len(sources) > 1 or (
            not sources and not targets and _is_passive(tok))))  # "more would be freed": by both sides
        if joint:
            everyone = list(dict.fromkeys(sources + targets))
            if not any(a.dep_ in ("relcl", "appos") for a in [tok, *list(tok.ancestors)[:4]]):
                ctx.remember_parties(everyone)  # not "China and Russia, which are parties to the deal": an aside
            if len(everyone) < 2:  # "a meeting" asked for in a request: its parties are the request's
                gov = ctx.governing_event(tok)
                extra = (gov.sources + gov.targets) if gov else list(ctx.args.recent_group)
                everyone = list(dict.fromkeys(everyone + extra))
            if len(everyone) < 2:
                return []
            sources, targets = everyone, list(everyone)
        elif not targets and trig.type in DIRECTED_TYPES:
            targets = reacted_to(ctx, tok, trig.type, sources) or ctx.implied_targets(tok, sources)
        elif not targets and sources and (trig.type in SIDED_TYPES or trig.mode == "third-party") \
                and not (trig.type in SIDED_TYPES and aimed_elsewhere(tok)):
            targets = ctx.other_sides(sources, mediator=trig.mode == "third-party")
        disowned = _disowned(tok)
        if disowned is not None and not sources:  # "Russia had "nothing to do" with the cyberattack"
            sources = [a for a in ctx.args.subject_of(disowned, own=True) if a not in targets]
        sided = any(o.lemma_.lower() in SIDES for p in tok.children if p.dep_ == "prep" for o in p.children)
        if trig.lemma == "stand" and (any(ctx.args.kinds.get(a) == "person" for a in targets) or (
                not targets and not sided)):
            return []  # "stood with his wife", "stood with their rifles": no political support
        if not joint and len(sources) == 1 and sources[0] in targets:
            targets = [t for t in targets if t != sources[0]]  # one actor acts on another, not on itself
        if not sources and not targets:
            return []
        if not sources and trig.lemma in CASUALTIES and _is_passive(tok):
            return []  # "two soldiers were wounded": a casualty count, the attack is reported as its own act
        if trig.needs_target and not targets:
            return []
        fact = self.status.read(tok) if disowned is None else Factuality("denied", False, "nothing to do with")
        if fact.status == "denied" and not sources and any(
                c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "any" for d in c.children)
                for c in tok.children):
            # "Venezuela denied that any navy ship had crossed into Guyanese waters": the one who denies
            # that any of them did it answers for them
            denier = next((a for a in list(tok.ancestors)[:4] if a.lemma_.lower() in DENYING), None)
            sources = [] if denier is None else [a for a in ctx.args.subject_of(denier) if a not in targets]
        if trig.type == "THREATEN" and trig.lemma in RESPONSES and fact.status in ("planned", "possible"):
            fact = Factuality("occurred", fact.negated, None)  # the promise of a response is the threat, made
        sent_i = ctx.sentence_index(tok)
        place = self._place(ctx, tok)
        mode = self._mode(tok, trig)
        if trig.type == "CONSULT" and joint and place is not None and mode is None and place.country and \
                place.country not in {ctx.country_of(a) for a in sources}:
            mode = "third-party"
        if_clause = ctx.conditional_clause(tok, self.status.cues.conditional, self.status.cues.light_verbs)
        base = dict(
            type=trig.type, trigger_text=text_of(doc)[span[0]:span[1]], trigger_span=span, sentence=sent_i,
            mode=mode, cameo=trig.cameo, status=fact.status, negated=fact.negated,
            time=ctx.time_of(tok) or ctx.inherited_time(tok, fact.status), place=place,
            reported_by=ctx.reporter(span[0]),
            condition=ctx.condition_for(tok) or if_clause,
            evidence=[ctx.evidence(tok)],
            confidence=(0.75 if sources and targets else 0.55) - (0.05 if tok.pos_ == "NOUN" else 0.0),
        )
        if trig.type == "CONSULT" and not joint and len(targets) > 1 and mode != "third-party":
            return [Event(id="", sources=list(sources), targets=[t], **base) for t in targets]  # type: ignore[arg-type]
        made = [Event(id="", sources=list(sources), targets=list(targets), **base)]  # type: ignore[arg-type]
        if sources and trig.type in REFUSABLE_TYPES and not joint and refused(tok, fact.status) \
                and not foreign_voice(ctx, base["reported_by"], sources):
            made = refusal(ctx, tok, trig.type, sources, targets, base, made)
        asked = demand(ctx, tok, trig.type, sources, targets, base) if sources else None
        if asked is not None:
            made.append(asked)
            governing = ctx.governing_event(tok)
            if trig.type != "THREATEN" and not (governing and governing.type == "THREATEN"):
                # "Washington may impose further sanctions on RSF commanders if the violence does not stop"
                made.append(said_act(ctx, base, "THREATEN", "130", asked.sources,
                                     list(targets) or asked.targets, span[0]))
        if trig.type in ("ASSAULT", "COERCE", "SANCTION") and fact.status in ("planned", "possible") and targets \
                and ctx.governing_event(tok) is None and (
                    own_side(ctx, base["reported_by"], sources) or warned(ctx, tok, sources)) \
                and not any(e.type == "THREATEN" for e in made):
            # "Hezbollah could resume attacks if …", said by Hezbollah's leader; "Washington warned it
            # could raise duties on Chinese chips": a threat
            made.append(said_act(ctx, base, "THREATEN", "130", sources, targets, span[0]))
        return made

    def _answers_force(self, verb: Token) -> bool:
        """Does a promised response answer a hostile act ("respond to every aggression", "retaliate",
        "react to any further fire"), not a proposal or a letter?"""
        aimed = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" for o in p.children
                 if o.dep_ == "pobj"]
        if not aimed:  # "would retaliate", "respond decisively", "the right to respond"; not a bare "would respond"
            return verb.lemma_.lower() == "retaliate" or verb.head.lemma_.lower() == "right" or any(
                c.dep_ in ("advmod", "prep") and c.lower_ in FORCEFUL for c in verb.children) or any(
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                and any(t.type in HOSTILE_TYPES for t in self.triggers.get(c.lemma_.lower(), ()))
                for c in verb.children)  # "will respond if Russia attacks Estonia"
        return any(o.lemma_.lower() in PROVOCATIONS or any(
            t.type in HOSTILE_TYPES | {"SANCTION"} for t in self.triggers.get(o.lemma_.lower(), ())) for o in aimed)

    def _hostile_aim(self, adj: Token, vow: bool = False) -> bool:
        """Is what one is ready or willing to do an act of force ("prepared to resume fighting")?
        ``vow``: for a promise, only an act against someone ("vowed to retaliate", "to crush the
        rebels"): vowing to defend a country or to fight for votes threatens nobody."""
        for comp in (c for c in adj.children if c.dep_ == "xcomp"):
            if vow and comp.lemma_.lower() in ("defend", "protect", "resist", "win", "secure", "guard"):
                continue
            if vow and comp.lemma_.lower() == "fight" and not any(
                    (c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "ORG", "NORP")))
                    or (c.dep_ == "prep" and c.lower_ == "against") for c in comp.children):
                continue  # "vowed to fight Israel", not "to fight the charges" or "for every vote"
            acts = [comp, *(c for c in comp.children if c.dep_ == "dobj")]
            kinds = HOSTILE_TYPES - {"ACCUSE", "THREATEN"} if vow else HOSTILE_TYPES
            if any(t.type in kinds for a in acts for t in self.triggers.get(a.lemma_.lower(), ())):
                return True
            if comp.lemma_.lower() in (("retaliate", "avenge", "punish", "invade") if vow else
                                       ("enter", "fight", "defend", "invade", "retaliate")):
                return True
        return False

    def _mode(self, tok: Token, trig: Trigger) -> str | None:
        modes = self.modes.get(trig.type)
        if not modes:
            return trig.mode  # most types have no mode words: spare the walk over the phrase
        words = {t.lower_ for t in tok.subtree} | {t.lower_ for t in tok.head.children} | {tok.head.lower_}
        for mode, cues in modes.items():
            if words & cues and not (trig.mode and mode != trig.mode and trig.mode == "phone"):
                return mode
        return trig.mode

    def _struck_state(self, ctx: EventContext, tok: Token, sources: list[str],
                      preps: frozenset[str] = STRUCK_PREPS) -> list[str]:
        """An attack on a place is an attack on the state it lies in ("fired missiles at Israel",
        "struck buildings in Odesa"), when the article names that state as an actor and it is not
        the attacker's own."""
        holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        # rebels strike their own country's state ("M23 rebels shelled Goma"); a state's forces do not
        own = {ctx.country_of(a) for a in sources if a not in ctx.args.rebels}
        mine = {ctx.side_of(a) for a in sources}
        places = list(holders[1:]) if preps is STRUCK_PREPS else []  # "seize the port of Assab": the object
        places += [obj for holder in holders for prep in holder.children if prep.dep_ == "prep"
                   and prep.lower_ in preps for obj in prep.children if obj.dep_ == "pobj"]
        for obj in places:
            place = self._resolve_place(obj)
            if place is not None and place.country and place.country not in own:
                # the state it lies in, else the side of the story at home there ("from Gaza": Hamas)
                holder_of = ctx.states.get(place.country) or ctx.side_in(place.country)
                if holder_of is not None:
                    return [holder_of]
            if obj.dep_ == "pobj" and obj.i not in ctx.args.actor_at:  # "Russia's Kursk region"
                named = [a for a in ctx.args.actors_of(obj, weapons=False) if ctx.side_of(a) not in mine]
                if named and all(ctx.args.kinds.get(a) == "state" for a in named):
                    return named
        return []

    def _territory_owner(self, ctx: EventContext, tok: Token, sources: list[str]) -> list[str]:
        """Whose waters, airspace or territory were entered, or whose traffic a crossing was shut to:
        the possessor ("its waters", said by Guyana) or the state its adjective names ("Polish
        airspace", "closed the crossings to Serbian traffic")."""
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        nouns = objects + [o for h in (tok, *objects) for p in h.children if p.dep_ == "prep"
                           and p.lower_ in ("into", "to") for o in p.children if o.dep_ == "pobj"]
        demonyms = countries_by_demonym()
        for noun in nouns:
            for c in noun.children:
                if c.dep_ == "poss":
                    owners = ctx.args.actors_of(c)
                    if not owners and c.lower_ in ("its", "their"):
                        aid = ctx.args._antecedent(c)
                        # else the one other state the sentence names ("Pakistan … its airspace")
                        others = {ctx.args.actor_at[t.i] for t in tok.sent if t.i in ctx.args.actor_at
                                  and ctx.args.kinds.get(ctx.args.actor_at[t.i]) == "state"} - set(sources)
                        owners = [aid] if aid else list(others) if len(others) == 1 else []
                elif c.dep_ == "amod" and (iso := demonyms.get(normalize(c.text))) and iso in ctx.states:
                    owners = [ctx.states[iso]]
                else:
                    continue
                owners = [a for a in owners if a not in sources]
                if owners:
                    return owners
        return []

    def _destinations(self, ctx: EventContext, tok: Token, sources: list[str]) -> list[str]:
        """Whom a visit is to: the states of the places travelled to ("would travel to Addis Ababa
        and Asmara"), when the article names those states as actors."""
        own = {ctx.country_of(a) for a in sources}
        found: list[str] = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "to":
                continue
            for obj in (o for p in prep.children if p.dep_ == "pobj" for o in [p, *p.conjuncts]):
                place = self._resolve_place(obj) if obj.pos_ == "PROPN" else None
                state = ctx.states.get(place.country) if place is not None and place.country else None
                if state is not None and place is not None and place.country not in own and state not in found:
                    found.append(state)
        return found

    def _resolve_place(self, obj: Token) -> Place | None:
        """A name the gazetteer knows; a building or site it does not ("Dolmabahce Palace in
        Istanbul", "the Alaska base near Anchorage") falls back to the town named with it."""
        if obj.pos_ == "PROPN":
            name = " ".join(x.text for x in obj.subtree if x.pos_ == "PROPN" and x.i <= obj.i)
            place = self.gazetteer.resolve(name)
            if place is None and name != obj.text and obj.lower_ not in GEO_NOUNS:
                place = self.gazetteer.resolve(obj.text)  # not "Sea" of "the Red Sea", a town somewhere
            if place is not None:
                return place
        names = [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if obj.pos_ == "NOUN" and names:  # "the Odesa region", "the Kursk region"
            place = self.gazetteer.resolve(" ".join(x.text for c in names for x in c.subtree))
            if place is not None:
                return place
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS | {"of"}:
                for inner in prep.children:
                    if inner.dep_ == "pobj" and inner.pos_ == "PROPN":
                        found = self._resolve_place(inner)
                        if found is not None:
                            return found
        return None

    def _place(self, ctx: EventContext, tok: Token) -> Place | None:
        """Where the act happens: "in X"/"at X" on the trigger, on a relative clause about it
        ("talks, which were held in Istanbul"), on its object, or on the verb whose argument it is."""
        holders = [tok, *(c for c in tok.children if c.dep_ in ("relcl", "acl"))]
        # "bombed positions in Lebanon": the place of what is struck, after the trigger's own
        holders += [c for c in tok.children if c.dep_ == "dobj" and tok.pos_ == "VERB"]
        if tok.pos_ not in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX") and tok.dep_ in (
                "nsubj", "nsubjpass", "dobj"):
            holders.append(tok.head)
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("PROPN", "NOUN"):
                        place = self._resolve_place(obj)
                        if place is not None:
                            return place
        return None


def _parties(event: Event, trig: Trigger) -> list[str]:
    """Who an act noun stands for when it is the subject of a verb: both sides of a mutual act
    ("the talks failed to …"), only the side that acts otherwise ("the airstrike killed 12 Hamas
    fighters" is no act of Hamas's)."""
    mutual = trig.joint or trig.joint_if_plural or set(event.sources) == set(event.targets)
    return list(dict.fromkeys(event.sources + event.targets)) if mutual else list(event.sources)


def _disowned(tok: Token) -> Token | None:
    """The "have" of "X had nothing to do with the attack": a denial that X did it."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "with":
        return None
    for anc in list(tok.head.ancestors)[:4]:
        if anc.lemma_ == "have" and any(c.lower_ == "nothing" for c in anc.children):
            return anc
    return None


def _denied_any(tok: Token) -> bool:
    """ "denied carrying out any airstrike", "did not launch any attack": "any" under a denial or a
    negation names the act denied, not a kind of act."""
    if not any(c.lower_ == "any" for c in tok.children if c.dep_ == "det"):
        return False
    for anc in list(tok.ancestors)[:3]:
        if anc.lemma_.lower() in ("deny", "reject", "dismiss") or any(c.dep_ == "neg" for c in anc.children):
            return True
    return False


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) and not any(
        c.dep_ == "agent" for c in tok.children)
