"""Arguments the text leaves implicit, and the acts that saying something is.

Read after ``event_args`` has found what the parse gives: whom an act with no target named is done
to in a story about two sides, whose offer or attack "the offer" and "the attack" are, and the
speech acts inside words ("will not free" is a rejection, "could raise duties if Beijing did not
ease its controls" a demand and a threat). Each rule is general and says in its docstring what it
leaves alone; the word lists are closed classes kept here beside the rules that use them.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.components.event_context import EventContext
from detente.layers import Event

#: determiners of a noun that names an act already reported ("the talks", "that offer")
ANAPHORIC_DETERMINERS = {"the", "those", "these", "this", "that"}
#: acts done to someone, whose addressee the story's other side is when the text names none
DIRECTED_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "CONCEDE"}
#: verbs by which a side announces its own measure as a threat
WARNING_VERBS = frozenset({"warn", "threaten", "vow"})
#: prepositions that say where or at what an act is aimed
AIMING_PREPS = frozenset({"on", "at", "in", "into", "inside", "against", "from", "near", "toward", "towards"})
#: what one releases that is no one set free ("released a statement")
RELEASED_WORDS = frozenset({"statement", "report", "video", "data", "figure", "footage", "detail", "photo",
                            "image", "list", "document", "audio", "recording", "transcript", "result", "plan",
                            "budget", "album", "film", "information", "text", "letter", "update"})
#: objects of "in", "on" … that are no place an act is aimed at
NOT_PLACES = frozenset({"exchange", "return", "response", "retaliation", "addition", "protest", "solidarity",
                        "part", "order", "support", "month", "week", "year", "day", "time", "past", "weekend",
                        "morning", "night", "evening", "afternoon", "hours", "days", "weeks", "months", "years",
                        "recent", "bid", "effort", "attempt", "way", "case", "light", "wake", "face", "name"})
#: words by which doers named together act on each other
RECIPROCAL_WORDS = frozenset({"other", "another", "shared", "mutual", "traded", "exchanged", "clashed", "fought",
                              "battled"})
#: acts one side of a two-sided story does to the other when no target is named
SIDED_TYPES = {"ASSAULT", "MOBILIZE", "RETREAT", "SANCTION", "COERCE"}
#: hostile measures whose condition ("unless X …") is a demand on X
DEMANDING_TYPES = {"THREATEN", "SANCTION", "ASSAULT", "COERCE"}
#: acts whose doer may refuse them ("will not free", "would not accept"): the refusal is a REJECT
REFUSABLE_TYPES = {"RETREAT", "AGREE", "CONCEDE", "AID", "CONSULT", "COOPERATE", "SUPPORT"}
#: stances whose present negation is a standing refusal ("Venezuela does not recognise the court")
STANDING = frozenset({"recognize", "recognise", "accept", "support", "endorse", "back"})
#: acts two states named together with no target do to each other ("Ethiopia and Eritrea massed troops")
HOSTILE_TYPES = {"ASSAULT", "MOBILIZE", "THREATEN", "ACCUSE", "COERCE"}
#: nouns that refer back to an offer or a demand already reported ("turned down the offer")
OFFER_WORDS = frozenset({"offer", "proposal", "plan", "demand", "request", "call", "ultimatum", "initiative",
                         "invitation", "deal", "terms", "conditions", "step", "move", "idea"})
#: nouns that refer back to a threat or an ultimatum already reported ("dismissed the threat")
THREAT_WORDS = frozenset({"threat", "threats", "warning", "ultimatum"})
#: nouns that refer back to an attack already reported ("condemned the attack")
ATTACK_WORDS = frozenset({"attack", "strike", "assault", "bombing", "shelling", "raid", "killing",
                          "massacre", "violence", "offensive", "airstrike", "incursion"})


def said_act(ctx: EventContext, base: dict, kind: str, cameo: str, sources: list[str], targets: list[str],
             char: int) -> Event:
    """An act that saying something is (a rejection, a demand, a threat), made beside the event it
    was read from: it occurred when the words were said, and is dated then."""
    return Event(id="", sources=list(sources), targets=list(targets),  # type: ignore[arg-type]
                 **{**base, "type": kind, "mode": None, "cameo": cameo, "status": "occurred", "negated": False,
                    "condition": None, "time": ctx.said_time(char) or base["time"]})


def demand(ctx: EventContext, tok: Token, kind: str, sources: list[str], targets: list[str],
           base: dict) -> Event | None:
    """A measure threatened unless someone acts is a demand on them: "could raise duties if
    Beijing did not ease its export controls", "will trigger sanctions unless Tehran restores
    cooperation"; on the measure's target when the condition names no one ("sanctions on RSF
    commanders if the violence does not stop"). One demand per condition clause, from the side
    that threatens."""
    if kind not in DEMANDING_TYPES:
        return None
    verb = tok if tok.pos_ in ("VERB", "AUX") else next(
        (a for a in list(tok.ancestors)[:4] if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    clause = next((c for c in verb.children if c.dep_ == "advcl" and demanding(c)), None)
    if clause is None or clause.i in ctx.demands or any(c.dep_ == "neg" for c in verb.children):
        return None  # "would not lift its sanctions until …" is a refusal, read as such
    if not to_come(verb):
        return None  # "shelled the town until troops withdrew", "would have attacked if …": no demand
    if verb.i != tok.i:  # "will trigger UN sanctions unless …": whoever would trigger them demands
        sources = ctx.args.subject_of(verb, own=True) or sources
    asked = [a for a in ctx.args.subject_of(clause, own=True) or targets if a not in sources]
    if not asked:
        return None
    ctx.demands.add(clause.i)
    return said_act(ctx, base, "REQUEST", "020", sources, asked, tok.idx)


def warned(ctx: EventContext, tok: Token, sources: list[str]) -> bool:
    """Is the act one its own side warns of ("Washington warned it could raise duties")?"""
    verb = next((a for a in list(tok.ancestors)[:4] if a.lemma_.lower() in WARNING_VERBS), None)
    if verb is None:
        return False
    mine = {ctx.side_of(a) for a in sources}
    return bool(mine & {ctx.side_of(a) for a in ctx.args.subject_of(verb)})


def foreign_voice(ctx: EventContext, reporter: str | None, sources: list[str]) -> bool:
    """Does someone of another country say what the doer will not do? Then it is a prediction
    ("a U.S. official said Russia would not withdraw"), not the doer's refusal."""
    if reporter is None or reporter in sources:
        return False
    theirs = ctx.country_of(reporter)
    return theirs is not None and theirs not in {ctx.country_of(a) for a in sources}


def own_side(ctx: EventContext, reporter: str | None, sources: list[str]) -> bool:
    """Is whoever reports the act on the side that would do it (the same actor or country)?"""
    if reporter is None:
        return False
    return reporter in sources or ctx.country_of(reporter) in ({ctx.country_of(a) for a in sources} - {None})


def refusal(ctx: EventContext, tok: Token, kind: str, sources: list[str], targets: list[str],
            base: dict, made: list[Event]) -> list[Event]:
    """What saying one will not do something is: a rejection ("Niger will not free any
    prisoners", "Hamas would not accept any deal"), or, with "until"/"unless", a demand put to
    whoever must act first ("would not lift sanctions until Tehran halted enrichment")."""
    condition = next((c for c in tok.children if c.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in ("until", "unless") for m in c.children)), None)
    if condition is not None:
        ctx.demands.add(condition.i)
        asked = [a for a in ctx.args.subject_of(condition, own=True) if a not in sources]
        answer = said_act(ctx, base, "REQUEST", "020", sources, asked or ctx.implied_targets(tok, sources), tok.idx)
    else:
        answer = said_act(ctx, base, "REJECT", "120", sources, list(targets) or ctx.implied_targets(tok, sources),
                          tok.idx)
    # refusing to agree, recognise or back something is the rejection alone, not also its absence
    return [answer] if kind in ("AGREE", "SUPPORT") else [*made, answer]


def reacted_to(ctx: EventContext, tok: Token, kind: str, sources: list[str]) -> list[str]:
    """Who did the attack a reaction is about ("Rubio condemned the attack"): a definite act
    noun with no actor of its own names an attack reported before it, and its attackers: the
    last one reported with the same word, else the story's first, the one its lead is about.
    An attack someone denied is not the one condemned."""
    if kind not in ("ACCUSE", "REJECT", "AGREE"):
        return []
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None and tok.dep_ == "relcl" and _restates(tok.head):
        obj = tok.head  # "Russia offered to mediate, an offer Yerevan has turned down"
    elif obj is None or not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETERMINERS for c in obj.children):
        return []
    lemma = obj.lemma_.lower()
    # "condemned the attack" points to an attack; "turned down the offer" to whoever made it
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in obj.children):
        return []  # "the threat of flooding" names its own content
    if kind == "ACCUSE":
        by = [a for c in obj.children if c.dep_ == "prep" and c.lower_ == "by"
              for o in c.children if o.dep_ == "pobj" for a in ctx.args.actors_of(o)]
        if by:
            return [a for a in by if a not in sources]  # "the attack by militants on a police station"
        words, types = ATTACK_WORDS, ("ASSAULT",)
    elif lemma in THREAT_WORDS:  # "dismissed the threat": whoever threatened
        words, types = THREAT_WORDS, ("THREATEN", "REQUEST")
    else:
        words, types = OFFER_WORDS, ("AGREE", "REQUEST")
    if obj.i in ctx.by_token or lemma not in words:
        return []
    mine = {ctx.side_of(a) for a in sources}
    victims = {ctx.side_of(a) for c in obj.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
               for o in c.children if o.dep_ == "pobj" for a in ctx.args.actors_of(o)}
    earlier = [(ctx.lemmas[i], e) for i, e in ctx.made if i < tok.i
               and e.type in types and e.sources and e.status in ("occurred", "ongoing")
               and not mine & {ctx.side_of(a) for a in e.sources}  # nobody condemns his own side's attack
               and (not victims or victims & {ctx.side_of(a) for a in e.targets})]  # "the attack on Israel"
    if kind != "ACCUSE":  # an offer is answered soon after it is made: the latest one
        earlier = earlier[::-1]
    same = [e for word, e in earlier if word == lemma]
    chosen = (same[0] if kind != "ACCUSE" else same[-1]) if same else earlier[0][1] if earlier else None
    return [] if chosen is None else [a for a in chosen.sources if a not in sources]


def _restates(noun: Token) -> bool:
    """Does a noun phrase set off by a comma restate what was just reported ("…, an offer Yerevan
    has turned down", "…, a step Washington has resisted")?"""
    first = noun.left_edge
    return noun.pos_ == "NOUN" and first.i > 0 and noun.doc[first.i - 1].text in (",", "—", "–", "-") and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)


def proposer(ctx: EventContext, tok: Token, sources: list[str]) -> list[str]:
    """Whose proposal or demand is answered: "rejected calls from some Lebanese politicians",
    "accepted an offer by Qatar"."""
    for obj in (c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in OFFER_WORDS):
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                found = [a for o in prep.children if o.dep_ == "pobj" for a in ctx.args.actors_of(o)]
                if found := [a for a in found if a not in sources]:
                    return found
    return []


def demanding(clause: Token) -> bool:
    """Is this adverbial clause a condition someone must meet: "unless X …", "until X …", "if X
    does not …"?"""
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    return bool(marks & {"unless", "until"}) or ("if" in marks and any(c.dep_ == "neg" for c in clause.children))


def refused(tok: Token, status: str) -> bool:
    """Is the act one its doer says it will not do ("will not free", "won't accept", "would never
    agree")? Not a plain report that it did not happen ("did not free"), nor what would not have
    happened ("would not have agreed")."""
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    standing = tok.lemma_.lower() in STANDING and bool(auxes & {"do", "does"})  # "does not recognise"
    return status == "not_occurred" and tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "neg" for c in tok.children) and (
            bool(auxes & {"will", "would", "wo", "'ll", "shall"}) or standing) and "have" not in auxes


def to_come(verb: Token) -> bool:
    """Is the act still to come: a modal or future ("could raise", "will trigger", "may impose") or
    a present tense, not a past one ("shelled until …") nor a counterfactual ("would have")?"""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if auxes & {"have", "had"}:
        return False
    if auxes & {"will", "would", "could", "may", "might", "can", "shall", "'ll", "wo", "going"}:
        return True
    return verb.tag_ in ("VBZ", "VBP")


def somewhere(obj: Token) -> bool:
    """Is this object of a preposition a place or a thing aimed at, not a time ("in the past month")
    or a manner ("in exchange for", "in response")?"""
    return obj.dep_ == "pobj" and obj.ent_type_ not in ("DATE", "TIME") and obj.lemma_.lower() not in NOT_PLACES


def reciprocal(tok: Token) -> bool:
    """Does the sentence say the doers act on each other ("traded fire", "clashed", "each other",
    "their shared border")?"""
    return any(t.lower_ in RECIPROCAL_WORDS for t in tok.sent)


def aimed_elsewhere(tok: Token) -> bool:
    """Does the text say where or at what the act is aimed, though no side is named there
    ("launched airstrikes in Yemen", "imposed sanctions on Moldovan officials", "withdrew from
    Eurovision", "released a statement")? Then it is not completed with the other side."""
    holders = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj":
        holders.append(tok.head)  # "launched airstrikes in Yemen": the place hangs on the verb
    if any(p.dep_ == "prep" and p.lower_ in AIMING_PREPS and any(somewhere(o) for o in p.children)
           for h in holders for p in h.children):
        return True
    return any(c.dep_ == "dobj" and c.lemma_.lower() in RELEASED_WORDS for c in tok.children)
