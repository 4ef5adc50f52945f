"""Article-level steps over the events of one document: merging repeated mentions and linking.

One real act mentioned in several sentences is one event with several evidence spans; an AGREE,
REQUEST, REJECT or THREATEN points at the act in its complement; a figure points at the act it
quantifies.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from detente.doc import layer
from detente.layers import Event, EventTime

ABOUT_TYPES = {"AGREE", "REQUEST", "REJECT", "THREATEN", "SUPPORT"}


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


def merge_events(events: list[Event]) -> tuple[list[Event], dict[int, Event]]:
    """Repeated mentions of one act become one event with several evidence spans.

    Two mentions are one act when type, participants and factuality agree and their times do not
    conflict ("on the morning of May 19" and "on Monday, at 10:00" name the same call). Returns the
    events and, for every mention (by ``id()``), the event it ended up in.
    """
    out: list[Event] = []
    survivor: dict[int, Event] = {}
    for e in events:
        same = next((o for o in out if o.type == e.type and set(o.sources) == set(e.sources)
                     and set(o.targets) == set(e.targets) and o.status == e.status
                     and _compatible_times(o.time, e.time)
                     and not (o.mode and e.mode and o.mode != e.mode)), None) or next(
            (o for o in out if _one_phrase(o, e)), None)
        if same is None:
            out.append(e)
            survivor[id(e)] = e
            continue
        survivor[id(e)] = same
        same.sources.extend(a for a in e.sources if a not in same.sources)
        same.targets.extend(a for a in e.targets if a not in same.targets and a not in same.sources)
        same.evidence.extend(sp for sp in e.evidence if sp not in same.evidence)
        if same.time is None:
            same.time = e.time
        elif e.time is not None and len(e.time.value) > len(same.time.value):
            # refine in place: acts that inherited this time ("those talks failed to ...") follow
            same.time.value, same.time.timex = e.time.value, e.time.timex
        same.place = same.place or e.place
        same.mode = same.mode or e.mode
        same.condition = same.condition or e.condition
        same.confidence = min(0.95, max(same.confidence, e.confidence) + 0.05)
    return out, survivor


#: how close two triggers of one phrase stand ("imposed sanctions", "launched an offensive")
PHRASE_GAP = 30


def _one_phrase(a: Event, b: Event) -> bool:
    """A verb and its event noun are one act ("imposed sanctions on Iran"): same type, status and
    sentence, triggers a few words apart, and parties that one side leaves open or both share."""
    gap = max(b.trigger_span[0] - a.trigger_span[1], a.trigger_span[0] - b.trigger_span[1])
    near = 0 <= gap <= PHRASE_GAP
    return (
        a.type == b.type and a.status == b.status and a.sentence == b.sentence and near
        and (not a.sources or not b.sources or set(a.sources) == set(b.sources))
        and (not a.targets or not b.targets or set(a.targets) == set(b.targets))
        and not (a.mode and b.mode and a.mode != b.mode)
    )


COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "prep", "pobj", "acl", "pcomp", "nsubjpass", "attr", "oprd", "compound"}


def _complement_tokens(root: Token) -> list[Token]:
    """What an act is about lies in its complements ("agreed to the exchange", "a request for a
    meeting"), not in the clauses that date or place it ("on May 16, when their delegations met")."""
    out: list[Token] = []
    stack = [c for c in root.children if c.dep_ in COMPLEMENT_DEPS]
    while stack:
        tok = stack.pop()
        if tok.ent_type_ in ("DATE", "TIME"):
            continue
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "advcl", "npadvmod"))
    return out


def link_about(events: list[Event], by_token: dict[int, Event], doc: Doc) -> None:
    """AGREE/REQUEST/REJECT/THREATEN point at the act inside their complement.

    ``by_token`` maps every trigger token, definite re-mentions included ("agreed to the
    exchange"), to the event it belongs to after merging.
    """
    token_of = {id(e): i for i, e in by_token.items()}
    for e in events:
        if e.type not in ABOUT_TYPES or id(e) not in token_of:
            continue
        inner = [by_token[t.i] for t in _complement_tokens(doc[token_of[id(e)]])
                 if t.i in by_token and by_token[t.i] is not e]
        if inner:
            e.about = min(inner, key=lambda o: abs(o.trigger_span[0] - e.trigger_span[0])).id


def link_claims(doc: Doc, by_token: dict[int, Event]) -> None:
    """A figure quantifies the closest event that governs it ("freed 390 people")."""
    for claim in layer(doc, "claims"):
        span = doc.char_span(claim.start_char, claim.end_char, alignment_mode="expand")
        if span is None:
            continue
        for anc in [span.root, *span.root.ancestors]:
            if anc.i in by_token:
                claim.about = by_token[anc.i].id
                break
