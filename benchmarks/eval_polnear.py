"""Score ``detente_statements`` on the PolNeAR test split (evaluation only; never train or tune on it).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in 2016 US election news as
Source / Cue / Content spans in BRAT standoff. We score each role on its own, as Citron does
(``bbc/citron citron/metrics.py``): precision = predicted spans that match a gold span, recall = gold
spans matched by a prediction, both *exact* (same characters once quotation marks, edge punctuation
and whitespace are trimmed) and *overlap* (any shared character).

Mapping: our content span -> Content; our ``cue_span`` -> Cue; the source is the statement's
``speaker_span`` (``Context.source_span`` of the cue): the cue's subject phrase with its titles and
appositions, the object of "according to", the possessor of a nominal cue ("Trump's claim that"),
or the name before a headline colon ("Cruz: …"), i.e. the span our speaker is read from.
Discontinuous gold spans are scored by their hull; where an article has several annotators only the
first .ann (by name) is used.

Conventions that differ and how they are mapped here, not in the component:

* one PolNeAR attribution is one Content span; detente splits it into several statements with the
  same cue: a reported clause with a quoted fragment is an ``indirect`` statement for the outlet's
  words plus a ``partial`` one for the quote (CODEBOOK ``partial``), and a cue set inside its content
  ("“A,” she said, “B.”"; "The plan, she said, is dead") gives one statement per side. Statements
  that share a cue span are scored as their hull, which is what PolNeAR's (discontinuous) Content is;
* PolNeAR codes top-level attributions only: in the first 300 train articles 0.5% of gold cues lie
  inside another attribution's Content. detente keeps a nested one ("Peskov said Putin wants …" is
  also a stance of Putin's), so an attribution of ours whose cue lies inside the content of another
  of ours is left out here (``top_level``); the records keep it;
* PolNeAR keeps the complementizer "that" in Content, the CODEBOOK drops it: ``trim`` removes it
  before an exact comparison;
* PolNeAR also codes beliefs and perceptions ("thinks", "believes", "sees"), endorsements and
  support ("endorsed", "backs"), wants and plans, findings of polls and studies ("shows", "found"),
  and noun-phrase objects of acts ("criticized the plan", "announced his candidacy"). The CODEBOOK's
  statements are what someone said or wrote; the others are detente's ``stances`` layer (cue ->
  Cue, position -> Content, ``holder_span`` -> Source). The full figure scores both layers, as
  PolNeAR's attributions cover both; ``statements_only.*`` scores the statements layer alone. In
  the first 300 train articles, 43% of gold attributions have no cue word listed in
  ``statements/cues.jsonl``.

The "in-scope" figure (``in_scope.*``, statements layer only) is there so that a report can give
the full figure and the one for the attributions the CODEBOOK's statements cover side by side.
It keeps the gold attributions whose Cue holds a word of saying or writing, decided from the gold
alone, never from our output: a token of the gold Cue span (lemma or lower-case form, as the same
spaCy parse reads it) is

* a lemma of ``statements/cues.jsonl`` that may introduce a ``direct`` or ``indirect`` statement
  (say, tell, write, announce, ask, claim …); the lemmas listed for ``partial`` only (call, describe,
  accuse, criticize, praise …) take a name or an act as their object, not the words, and stay out;
* or one of ``SPEECH_WORDS`` below: nouns and adverbs that attribute words and are not verbs of the
  lexicon ("according to", "in an interview", "in his remarks", "reportedly", "in a memo");
* or the Cue is a colon after a speaker label ("Cruz: …", "Q: …").

Verbs of talking about a topic ("talked about", "discussed", "spoke of") are out: their object is the
topic, not what was said. On the train split this keeps 55% of the gold attributions.
Scoring is the same as for the full figure except for predictions that match only an out-of-scope
gold span of that role: they are neither right nor wrong here and leave the precision denominator;
a prediction that matches no gold span at all still counts against precision. ``--scope-cues FILE``
reads the lexicon part from another cues.jsonl, so that two versions of the component can be
compared on one fixed in-scope set.

The ``learned.*`` figures score the same output plus the opt-in ``detente_learned_attributions``
component (``components/attribution_model.py``): a logistic regression trained by
``benchmarks/train_attribution_model.py`` on train articles 300–840, its threshold chosen on train
0–300, which adds the attributions the cue lexicons miss. The other figures leave its output out.

Usage: .venv/bin/python benchmarks/eval_polnear.py [--data /work/shared/data/polnear] [--split test]
       [--misses N]   (train/dev only: prints N missed gold attributions and their most common cues)
       [--scope-cues PATH/cues.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.tokens import Doc

from detente.components import attribution_model as _learned  # noqa: F401  (registers the factory)
from detente.components import headline as _headline  # noqa: F401  (registers the factory)
from detente.components import stances as _stances  # noqa: F401  (registers the factory)
from detente.components import statements as _statements  # noqa: F401  (registers the factory)
from detente.components.attribution_model import rule_spans
from detente.components.statement_lexicon import DATA_DIR, load_cues
from detente.pipeline import MODEL

Span = tuple[int, int]
TRIM = " \t\r\n\"'“”‘’«»„.,;:"
ROLES = ("Source", "Cue", "Content")
#: words of saying or writing that the in-scope figure accepts besides the cue lexicon (see above)
SPEECH_WORDS = frozenset(
    {
        "according",  # "according to", as a lemma "accord"
        "accord",
        "interview",
        "remarks",
        "remark",
        "words",
        "quote",
        "reportedly",
        "letter",
        "memo",
        "email",
        "e-mail",
        "op-ed",
        "editorial",
        "column",
        "message",
        "testimony",
        "speech",
        "transcript",
    }
)


def read_ann(path: Path) -> dict[str, list[Span]]:
    """Gold spans per role from one BRAT .ann file (discontinuous spans -> their hull).

    The pieces of a discontinuous span are kept too, under ``<role>-piece``, so that an exact match
    may hit either the hull or one piece ("“A,” she said. “B.”" is one PolNeAR content, two of ours).
    """
    spans: dict[str, list[Span]] = {r: [] for r in ROLES} | {f"{r}-piece": [] for r in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t", 2)
        if not line.startswith("T") or len(parts) < 3:
            continue  # also the second line of a span text that holds a line break
        _tid, info, _text = parts
        role, offsets = info.split(" ", 1)
        if role not in spans:
            continue
        pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
        spans[role].append((min(p[0] for p in pieces), max(p[1] for p in pieces)))
        if len(pieces) > 1:
            spans[f"{role}-piece"].extend((p[0], p[1]) for p in pieces)
    return spans


def trim(text: str, span: Span) -> Span:
    """Drop edge quotation marks, punctuation and a leading complementizer "that" (PolNeAR keeps it,
    the CODEBOOK drops it), so that exact match compares the reported words only."""
    s, e = span
    while s < e and text[s] in TRIM:
        s += 1
    if text[s : s + 5].lower() == "that " and e - s > 5:
        s += 5
        while s < e and text[s] in TRIM:
            s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def predict(
    nlp: spacy.language.Language, doc: Doc, stances: bool = True, top_level: bool = True, learned: bool = False
) -> dict[str, list[Span]]:
    """Our attributions as role spans: content, cue, and the source phrase the speaker comes from
    (``attribution_model.rule_spans``, which the learned component also reads).

    ``stances`` adds the stances layer (beliefs, wishes, plans, support, findings: PolNeAR codes them
    as attributions too); without it only statements are scored. ``learned`` adds the opt-in
    ``detente_learned_attributions`` output.
    """
    return rule_spans(doc, stances=stances, top_level=top_level, learned=learned)


def match(pred: list[Span], gold: list[Span], pieces: list[Span], text: str, exact: bool) -> tuple[int, int]:
    """(predictions that match some gold span, gold spans matched by some prediction)."""

    def same(a: Span, b: Span) -> bool:
        if exact:
            return trim(text, a) == trim(text, b)
        return a[0] < b[1] and b[0] < a[1]

    def hits(p: Span, g: Span) -> bool:
        inner = [q for q in pieces if g[0] <= q[0] and q[1] <= g[1]] if exact else []
        return same(p, g) or any(same(p, q) for q in inner)

    return sum(any(hits(p, g) for g in gold) for p in pred), sum(any(hits(p, g) for p in pred) for g in gold)


def read_scoped(path: Path) -> tuple[dict[str, tuple[str, list[Span]]], list[dict[str, str]]]:
    """Gold text-bound spans by id (role, pieces) and attributions as role -> span id."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:  # not the second line of a span text
            role, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = (role, [(int(a), int(b)) for a, b in (p.split() for p in offsets.split(";"))])
        elif line.startswith("E") and len(parts) >= 2:
            rels.append(dict(arg.split(":", 1) for arg in parts[1].split()[1:] if ":" in arg))
    return spans, rels


def speech_cue(doc: Doc, pieces: list[Span], scope: dict[str, str | None]) -> bool:
    """Does a gold Cue hold a word of saying or writing (the in-scope definition in the docstring)?"""
    text = "".join(doc.text[s:e] for s, e in pieces).strip()
    if text == ":":
        return True
    toks = [t for t in doc if any(s < t.idx + len(t) and t.idx < e for s, e in pieces)]
    words = {t.lower_ for t in toks}
    for t in toks:
        for form in (t.lemma_.lower(), t.lower_):
            if form in scope and (scope[form] is None or scope[form] in words):
                return True  # "pointed out" is a cue of saying, "pointed to" is not
    return False


def scoped_gold(doc: Doc, path: Path, scope: dict[str, str | None]) -> dict[str, tuple[list[Span], list[Span]]]:
    """Per role: (hulls of spans in in-scope attributions, hulls of the role's other spans)."""
    spans, rels = read_scoped(path)
    keep: set[str] = set()
    for rel in rels:
        cue = spans.get(rel.get("Cue", ""))
        if cue is not None and speech_cue(doc, cue[1], scope):
            keep.update(tid for role, tid in rel.items() if role in ROLES)
    out: dict[str, tuple[list[Span], list[Span]]] = {r: ([], []) for r in ROLES}
    for tid, (role, pieces) in spans.items():
        if role in out:
            hull = (min(p[0] for p in pieces), max(p[1] for p in pieces))
            out[role][0 if tid in keep else 1].append(hull)
    return out


def match_scoped(
    pred: list[Span], inside: list[Span], outside: list[Span], pieces: list[Span], text: str, exact: bool
) -> tuple[int, int, int]:
    """(true predictions, counted predictions, in-scope gold matched) for the in-scope figure."""
    tp_p = n_p = 0
    for p in pred:
        if match([p], inside, pieces, text, exact)[0]:
            tp_p += 1
            n_p += 1
        elif not match([p], outside, pieces, text, exact)[0]:
            n_p += 1
    return tp_p, n_p, match(pred, inside, pieces, text, exact)[1]


def scope_words(cues: Path) -> dict[str, str | None]:
    """Lemmas of the cue lexicon that introduce direct or indirect statements (with the particle the
    lexicon requires, if any), plus SPEECH_WORDS."""
    lexicon = load_cues(cues)
    words: dict[str, str | None] = dict.fromkeys(SPEECH_WORDS)
    return words | {k: c.particle for k, c in lexicon.items() if c.roles & {"direct", "indirect"}}


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def read_relations(path: Path) -> list[dict[str, tuple[Span, str]]]:
    """Gold attributions (``E`` lines) as role -> (hull span, text), for listing misses."""
    spans: dict[str, tuple[str, Span, str]] = {}
    rels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) == 3:
            role, offsets = parts[1].split(" ", 1)
            pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
            spans[parts[0]] = (role, (min(p[0] for p in pieces), max(p[1] for p in pieces)), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            rel: dict[str, tuple[Span, str]] = {}
            for arg in parts[1].split()[1:]:
                role, tid = arg.split(":", 1)
                if tid in spans and role in ROLES:
                    rel[role] = (spans[tid][1], spans[tid][2])
            if "Content" in rel:
                rels.append(rel)
    return rels


def misses(pred: dict[str, list[Span]], rels: list[dict[str, tuple[Span, str]]]) -> list[dict[str, str]]:
    """Gold attributions whose content no predicted content overlaps (for --misses; train/dev only)."""
    out = []
    for rel in rels:
        (cs, ce), _ = rel["Content"]
        if any(s < ce and cs < e for s, e in pred["Content"]):
            continue
        out.append({r.lower(): rel[r][1] for r in ROLES if r in rel})
    return out


def evaluate(
    data: Path,
    split: str,
    limit: int | None = None,
    missed: list[dict[str, str]] | None = None,
    scope_cues: Path = DATA_DIR / "cues.jsonl",
    top_level: bool = True,
) -> dict[str, dict[str, float]]:
    scope = scope_words(scope_cues)
    nlp = spacy.load(MODEL)
    nlp.add_pipe("detente_paragraphs", after="parser")  # as the product parses: no sentence across a blank line
    nlp.add_pipe("detente_headline", after="detente_paragraphs")  # PolNeAR texts open with their headline
    nlp.add_pipe("detente_statements")
    nlp.add_pipe("detente_stances")
    nlp.add_pipe("detente_learned_attributions")  # opt-in in the product; scored apart as "learned.*"
    anns: dict[str, Path] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    counts = {(r, m): [0, 0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    alone = {(r, m): [0, 0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    plus = {(r, m): [0, 0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    scoped = {(r, m): [0, 0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    items: Iterable[tuple[str, Path]] = list(anns.items())[:limit]
    for article, ann in items:
        text = (data / split / "text" / f"{article}.txt").read_text(encoding="utf-8")
        gold = read_ann(ann)
        doc = nlp(text)
        pred = predict(nlp, doc, top_level=top_level)
        said = predict(nlp, doc, stances=False, top_level=top_level)
        with_model = predict(nlp, doc, top_level=top_level, learned=True)
        in_scope = scoped_gold(doc, ann, scope)
        if missed is not None:
            missed.extend(misses(pred, read_relations(ann)))
        for role in ROLES:
            for mode in ("exact", "overlap"):
                for spans, tally in ((pred, counts), (said, alone), (with_model, plus)):
                    tp_p, tp_g = match(spans[role], gold[role], gold[f"{role}-piece"], text, mode == "exact")
                    c = tally[(role, mode)]
                    c[0] += tp_p
                    c[1] += len(spans[role])
                    c[2] += tp_g
                    c[3] += len(gold[role])
                inside, outside = in_scope[role]
                tp_p, n_p, tp_g = match_scoped(
                    said[role], inside, outside, gold[f"{role}-piece"], text, mode == "exact"
                )
                c = scoped[(role, mode)]
                c[0] += tp_p
                c[1] += n_p
                c[2] += tp_g
                c[3] += len(inside)
    full = {
        f"{role.lower()}.{mode}": prf(*c) | {"n_pred": c[1], "n_gold": c[3]}
        for (role, mode), c in counts.items()
    }
    return (
        full
        | {
            f"statements_only.{role.lower()}.{mode}": prf(*c) | {"n_pred": c[1], "n_gold": c[3]}
            for (role, mode), c in alone.items()
        }
        | {
            f"in_scope.{role.lower()}.{mode}": prf(*c) | {"n_pred": c[1], "n_gold": c[3]}
            for (role, mode), c in scoped.items()
        }
        | {
            f"learned.{role.lower()}.{mode}": prf(*c) | {"n_pred": c[1], "n_gold": c[3]}
            for (role, mode), c in plus.items()
        }
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data/polnear"))
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    ap.add_argument(
        "--misses",
        type=int,
        default=0,
        metavar="N",
        help="print N missed gold attributions and a count of their cue words (train/dev only)",
    )
    ap.add_argument(
        "--scope-cues",
        type=Path,
        default=DATA_DIR / "cues.jsonl",
        metavar="FILE",
        help="cues.jsonl that fixes the in-scope set (default: the component's own)",
    )
    args = ap.parse_args()
    if args.misses and args.split == "test":
        ap.error("--misses reads gold attributions; use it on --split train or dev, never on test")
    missed: list[dict[str, str]] | None = [] if args.misses else None
    print(json.dumps(evaluate(args.data, args.split, args.limit, missed, args.scope_cues), indent=1))
    if missed:
        cues = Counter(m.get("cue", "<none>").lower() for m in missed)
        print(f"\n{len(missed)} missed attributions; top cue words:")
        print(", ".join(f"{c} {n}" for c, n in cues.most_common(60)))
        for m in random.Random(0).sample(missed, min(args.misses, len(missed))):
            print(f"\n[{m.get('source', '-')}] [{m.get('cue', '-')}] {m['content'][:300]!r}")


if __name__ == "__main__":
    main()
