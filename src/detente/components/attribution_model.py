"""The ``detente_learned_attributions`` component: attributions the rules miss, read by a small
learned model (optional; not in the default pipeline).

The statements and stances layers are rules over cue lexicons: precise, but PolNeAR-style
attribution is a long tail of words ("credited", "blocked", "imagine") and frames the rules leave
out. This component proposes every frame a verb (or a noun or adjective with a clausal complement)
heads — its clausal complement, object or prepositional object as the content, its subject, agent
or inherited subject as the holder — whose cue no rule read, and keeps those a logistic regression
scores at or above the threshold stored with it. Its content may hold a rule's attribution whole:
"Diplomats wondered whether the minister had said …" is, for PolNeAR, the diplomats' attribution,
with the minister's nested in it (the rule's statement stays in the record). Each kept one is a ``Stance`` of kind
``attributed`` (the model says someone is credited with it, not which kind of position it is).

The model (``stances/attribution_model.json``: feature -> weight, and the threshold) was trained
by ``benchmarks/train_attribution_model.py`` on PolNeAR train articles 300–840 only, its threshold
chosen on train articles 0–300; its features are the cue's lemma, tag and frame, the holder's
entity type, whether the cue is in our lexicons, and the complement's shape. Only these features
are read here, so a user can retrain it on their own annotations with that script.

It is opt-in (``build_nlp(learned_attributions=True)``, ``detente extract --learned-attributions``)
because about a third of what it adds are acts PolNeAR codes unevenly ("released an ad" is an
attribution, "released her returns" is not); analysts who want every attribution turn it on.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.components.stance_lexicon import DATA_DIR as STANCE_DIR
from detente.components.statement_lexicon import DATA_DIR as SPEECH_DIR
from detente.doc import layer, text_of
from detente.layers import Span, Stance

MODEL_PATH = STANCE_DIR / "attribution_model.json"
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "you", "it", "who", "that", "which", "this", "one",
                      "everyone", "someone"})
PREPS = frozenset({"about", "on", "for", "of", "against", "with", "over", "to", "in"})
QUOTES = frozenset('"“”')


Attribution = tuple[Span, Span, Span | None]  # (cue, content hull, source)


def attributions(doc: Doc, stances: bool = True, learned: bool = False) -> list[Attribution]:
    """The attributions of the statements and stances layers, one per cue: the hull of the
    statements that share it and the source phrase (PolNeAR's Content is that hull). ``learned``
    counts this component's own stances too."""
    by_cue: dict[Span, list[Span]] = {}
    sources: dict[Span, Span | None] = {}
    for st in layer(doc, "statements"):
        if st.cue_span is not None:
            by_cue.setdefault(st.cue_span, []).append((st.start_char, st.end_char))
            sources[st.cue_span] = st.speaker_span
    for p in layer(doc, "stances") if stances else []:
        if p.kind == "attributed" and not learned:
            continue  # this component's own output
        by_cue.setdefault(p.cue_span, []).append((p.start_char, p.end_char))
        sources[p.cue_span] = p.holder_span
    return [(cue, (min(s for s, _ in g), max(e for _, e in g)), sources[cue]) for cue, g in by_cue.items()]


def outermost(attrs: list[Attribution]) -> list[Attribution]:
    """Those whose cue lies inside no other's content: PolNeAR codes only the outer attribution
    ("Peskov said Putin wants …" is one, Peskov's)."""
    return [a for a in attrs
            if not any(b[0] != a[0] and b[1][0] <= a[0][0] and a[0][1] <= b[1][1] for b in attrs)]


def role_spans(attrs: list[Attribution], uncued: list[Span] | None = None) -> dict[str, list[Span]]:
    """Attributions as PolNeAR-style role span lists (each sorted, without repeats)."""
    out: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": list(uncued or [])}
    for cue, hull, source in attrs:
        out["Content"].append(hull)
        out["Cue"].append(cue)
        if source is not None:
            out["Source"].append(source)
    return {r: sorted(set(v)) for r, v in out.items()}


def rule_spans(doc: Doc, stances: bool = True, top_level: bool = True, learned: bool = False) -> dict[str, list[Span]]:
    """The attributions of the statements and stances layers as PolNeAR-style roles: one content
    per cue (the hull of the statements that share it), the cue, and the source phrase; an
    attribution whose cue lies inside another's content is nested, and PolNeAR codes only the outer
    one (``top_level``). ``learned`` counts this component's own stances too."""
    attrs = attributions(doc, stances, learned)
    uncued = [(st.start_char, st.end_char) for st in layer(doc, "statements") if st.cue_span is None]
    return role_spans(outermost(attrs) if top_level else attrs, uncued)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span_of(tok: Token, drop_that: bool = False) -> Span:
    toks = list(tok.subtree)
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].i != tok.i:
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].i != tok.i:
        toks.pop(0)
    if drop_that and len(toks) > 1 and toks[0].lower_ == "that" and toks[0].dep_ == "mark":
        toks.pop(0)
    return (toks[0].idx, toks[-1].idx + len(toks[-1]))


def _holder_type(h: Token | None) -> str:
    if h is None:
        return "none"
    if h.lower_ in PRONOUNS or h.pos_ == "PRON":
        return "pron_" + h.lower_ if h.lower_ in PRONOUNS else "pron"
    return "ent_" + h.ent_type_ if h.ent_type_ else "pos_" + h.pos_


def _holder(t: Token) -> tuple[Token | None, str]:
    """The holder's head and how it was reached: subject, agent, passive subject, a noun's
    possessor or "by"/"from" phrase, the noun a clause modifies, or the subject of the verb above."""
    for dep, route in (("nsubj", "nsubj"), ("csubj", "nsubj")):
        for c in t.children:
            if c.dep_ == dep:
                return c, route
    for c in t.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g, "agent"
    for c in t.children:
        if c.dep_ == "nsubjpass":
            return c, "nsubjpass"
    if t.pos_ in ("NOUN", "PROPN"):
        for c in t.children:
            if c.dep_ == "poss":
                return c, "poss"
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g, "noun_by"
        if t.dep_ in ("dobj", "attr") and t.head.pos_ in ("VERB", "AUX"):  # "made the point that"
            h, _ = _holder(t.head)
            if h is not None:
                return h, "inh_" + t.dep_
        return None, "none"
    if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return t.head, t.dep_
    if t.dep_ in ("xcomp", "conj", "advcl") and t.head is not t:  # "responded, saying that"
        h, _ = _holder(t.head)
        if h is not None:
            return h, "inh_" + t.dep_
    if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX"):  # "by saying"
        h, _ = _holder(t.head.head)
        if h is not None:
            return h, "inh_pcomp"
    return None, "none"


def _frames(t: Token) -> list[tuple[str, Token]]:
    out: list[tuple[str, Token]] = []
    for c in t.children:
        if c.dep_ in ("ccomp", "xcomp"):
            out.append((c.dep_, c))
        elif c.dep_ == "dobj" and t.pos_ in ("VERB", "AUX"):
            out.append(("dobj", c))
        elif c.dep_ == "prep" and c.lower_ in PREPS:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    out.append((("prep_" if g.dep_ == "pobj" else "pcomp_") + c.lower_, g))
        elif c.dep_ == "acl" and t.pos_ in ("NOUN", "PROPN"):
            kids = {k.lower_ for k in c.children if k.dep_ in ("mark", "aux")}
            if kids & {"that", "to"}:
                out.append(("acl_" + ("that" if "that" in kids else "to"), c))
    return out


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"


class Candidate:
    """One frame the rules left out: its spans, its features, and the holder's head token."""

    __slots__ = ("content", "cue", "feats", "frame", "holder", "lemma", "source")

    def __init__(self, content: Span, cue: Span, source: Span | None, holder: Token | None, lemma: str,
                 frame: str, feats: list[str]) -> None:
        self.content, self.cue, self.source, self.holder = content, cue, source, holder
        self.lemma, self.frame, self.feats = lemma, frame, feats


def _lemmas(path: Path) -> frozenset[str]:
    return frozenset(json.loads(line)["lemma"] for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and "lemma" in json.loads(line))


SPEECH_LEMMAS = _lemmas(SPEECH_DIR / "cues.jsonl")
STANCE_LEMMAS = _lemmas(STANCE_DIR / "cues.jsonl")


def candidates(doc: Doc, rules: list[Attribution]) -> list[Candidate]:
    """Every frame whose cue no rule attribution (``outermost(attributions(doc))``) covers, with
    features. Its content either overlaps no rule content or holds the whole of the rule
    attributions it overlaps (an outer frame: "declined to say whether Putin said …", where
    PolNeAR codes the outer attribution and the rule's is nested); quotes without a cue are never
    overlapped."""
    uncued = [(st.start_char, st.end_char) for st in layer(doc, "statements") if st.cue_span is None]
    rules = [*rules, *((c, c, None) for c in uncued)]  # a cue-less quote is its own "cue": never held
    rc, rcue = [a[1] for a in rules], [a[0] for a in rules]
    text = text_of(doc)
    out: list[Candidate] = []
    for sent_i, sent in enumerate(doc.sents):
        s_quote = any(ch in QUOTES for ch in sent.text)
        s_rule = any(_overlaps((sent.start_char, sent.end_char), c) for c in rc)
        for t in sent:
            if t.pos_ not in ("VERB", "AUX", "NOUN", "ADJ"):
                continue
            fr = _frames(t)
            if not fr or (t.pos_ in ("NOUN", "ADJ") and not any(
                    f[0] in ("ccomp", "xcomp") or f[0].startswith("acl") for f in fr)):
                continue
            cue = (t.idx, t.idx + len(t))
            prt = [c for c in t.children if c.dep_ == "prt"]
            if prt:
                cue = (min(cue[0], prt[0].idx), max(cue[1], prt[0].idx + len(prt[0])))
            if any(_overlaps(cue, c) for c in rcue) or any(c[0] <= cue[0] and cue[1] <= c[1] for c in rc):
                continue
            out.extend(_frame_candidates(doc, text, sent, sent_i, t, fr, cue, bool(prt), s_quote, s_rule, rules))
    return out


def _inner(content: Span, cue: Span, rules: list[Attribution]) -> list[Attribution] | None:
    """The rule attributions a frame's content holds whole, or None if the content overlaps one
    it does not hold (or its own cue)."""
    if _overlaps(content, cue):
        return None
    inner = [a for a in rules if _overlaps(content, a[1]) or _overlaps(content, a[0])]
    if any(a[0] == a[1] or not (content[0] <= a[0][0] and a[0][1] <= content[1] and content[0] <= a[1][0] + 2)
           for a in inner):
        return None
    return inner


def _frame_candidates(doc: Doc, text: str, sent: object, sent_i: int, t: Token, fr: list[tuple[str, Token]],
                      cue: Span, prt: bool, s_quote: bool, s_rule: bool, rules: list[Attribution]) -> list[Candidate]:
    src, route = _holder(t)
    st = _holder_type(src)
    source = _span_of(src) if src is not None else None
    lem = t.lemma_.lower()
    neg = any(c.dep_ == "neg" for c in t.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
    modals = [c.lemma_.lower() for c in t.children if c.tag_ == "MD"]
    inlex = ("stmt" if lem in SPEECH_LEMMAS else "") + ("stance" if lem in STANCE_LEMMAS else "") or "no"
    start, end = sent.start, sent.end  # type: ignore[attr-defined]
    pos_in_sent = (t.i - start) / max(1, end - start)
    base = [
        "bias", "lem=" + lem, "pos=" + t.pos_, "tag=" + t.tag_, "dep=" + t.dep_, "route=" + route,
        "stype=" + st, "stype_route=" + st + "|" + route, "neg=" + str(neg), "passive=" + str(passive),
        "modal=" + (modals[0] if modals else "none"), "inlex=" + inlex, "squote=" + str(s_quote),
        "srule=" + str(s_rule), "cuepos=" + str(int(pos_in_sent * 4)), "first_sent=" + str(sent_i == 0),
        "lem_tag=" + lem + "|" + t.tag_, "lem_stype=" + lem + "|" + st, "nframes=" + str(min(len(fr), 3)),
        "headdep=" + (t.head.dep_ if t.dep_ != "ROOT" else "ROOT"),
    ]
    if src is not None:
        base.append("subjlem=" + src.lemma_.lower())
    if t.dep_ in ("xcomp", "ccomp", "conj", "advcl") and t.head is not t:
        base.append("headlem=" + t.head.lemma_.lower())
    frame_names = "+".join(sorted({f[0] for f in fr}))
    coarse = "named" if st.startswith("ent_") else st
    out: list[Candidate] = []
    for name, c in fr:
        content = _span_of(c, drop_that=name in ("ccomp", "acl_that"))
        inner = _inner(content, cue, rules)
        if inner is None:
            continue
        n_toks = sum(1 for _ in c.subtree)
        marks = [k.lower_ for k in c.children
                 if k.dep_ in ("mark", "aux") and k.lower_ in ("that", "if", "whether", "to")]
        mark = marks[0] if marks else "none"
        own_subj = any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in c.children)
        det = [k.lower_ for k in c.children if k.dep_ in ("det", "poss")]
        feats = [
            *base, "fr=" + name, "frg=" + name.split("_")[0], "lem_fr=" + lem + "|" + name,
            "fr_tag=" + name + "|" + t.tag_,
            "fr_stype=" + name + "|" + st, "fr_inlex=" + name + "|" + inlex, "fr_route=" + name + "|" + route,
            "comp_pos=" + c.pos_, "comp_tag=" + c.tag_, "fr_comppos=" + name + "|" + c.pos_, "mark=" + mark,
            "own_subj=" + str(own_subj), "fr_ownsubj=" + name + "|" + str(own_subj), "clen=" + _bucket(n_toks),
            "fr_clen=" + name + "|" + _bucket(n_toks),
            "cquote=" + str(any(ch in QUOTES for ch in text[content[0]:content[1]])),
            "comp_ent=" + (c.ent_type_ or "none"), "comp_pron=" + str(c.pos_ == "PRON"),
            "complem=" + c.lemma_.lower(), "otherframes=" + frame_names,
            "fr_neg=" + name + "|" + str(neg), "fr_passive=" + name + "|" + str(passive),
            "sfx3=" + lem[-3:], "prt=" + str(prt), "cdet=" + (det[0] if det else "none"),
            "fr_scoarse_tag=" + name + "|" + coarse + "|" + t.tag_, "fr_mark=" + name + "|" + mark,
        ]
        if inner:  # an outer frame: which rule attribution it holds, and where
            feats += ["outer", "outer_fr=" + name, "outer_lem=" + lem, "outer_stype=" + st,
                      "outer_at_start=" + str(any(a[0][0] - content[0] < 3 for a in inner)),
                      "outer_inlex=" + inlex]
        if name.startswith(("prep", "pcomp")):
            feats.append("prep_lem=" + lem + "|" + name)
        out.append(Candidate(content, cue, source, src, lem, name, feats))
    return out


class AttributionModel:
    """A logistic regression over named features, read from JSON."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights, self.threshold = weights, threshold

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AttributionModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def select(self, cands: list[Candidate]) -> list[tuple[float, Candidate]]:
        """Most probable first; each kept one bars any other sharing its cue or content, or whose
        cue lies inside its content (that one is nested: its words are the outer one's)."""
        chosen: list[tuple[float, Candidate]] = []
        for p, c in sorted(((self.probability(c.feats), c) for c in cands), key=lambda x: -x[0]):
            if p < self.threshold:
                break
            if any(_overlaps(c.content, d.content) or _overlaps(c.cue, d.cue)
                   or (d.content[0] <= c.cue[0] and c.cue[1] <= d.content[1]) for _, d in chosen):
                continue
            chosen.append((p, c))
        return chosen


class LearnedAttributions:
    """Doc -> Doc: appends the model's attributions to ``doc._.stances`` as kind ``attributed``."""

    def __init__(self, model: AttributionModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        stances = layer(doc, "stances")
        actor_at: dict[int, str] = layer(doc, "actor_at") or {}
        text = text_of(doc)
        n = len(stances)
        rules = outermost(attributions(doc))
        for _, c in sorted(self.model.select(candidates(doc, rules)), key=lambda x: x[1].content):
            holder = next((actor_at[t.i] for t in ([c.holder, *c.holder.subtree] if c.holder is not None else [])
                           if t.i in actor_at), None)
            n += 1
            stances.append(Stance(id=f"p{n}", start_char=c.content[0], end_char=c.content[1],
                                  text=text[c.content[0]:c.content[1]], kind="attributed",
                                  cue=text[c.cue[0]:c.cue[1]], cue_span=c.cue, holder=holder,
                                  holder_span=c.source))
        return doc


@Language.factory(
    "detente_learned_attributions",
    requires=["doc._.statements", "doc._.stances"],
    assigns=["doc._.stances"],
    default_config={"model_path": None},
)
def make_learned_attributions(nlp: Language, name: str, model_path: str | None) -> LearnedAttributions:
    """Registered factory; ``model_path`` reads another model written by the training script."""
    return LearnedAttributions(AttributionModel.load(Path(model_path) if model_path else MODEL_PATH))
