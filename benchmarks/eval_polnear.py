"""Score ``detente_statements`` on the PolNeAR test split (evaluation only; never train or tune on it).

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in 2016 US election news as
Source / Cue / Content spans in BRAT standoff. We score each role on its own, as Citron does
(``bbc/citron citron/metrics.py``): precision = predicted spans that match a gold span, recall = gold
spans matched by a prediction, both *exact* (same characters once quotation marks, edge punctuation
and whitespace are trimmed) and *overlap* (any shared character).

Mapping: our content span -> Content; our ``cue_span`` -> Cue; the source is the cue's subject phrase
(or the object of "according to"), i.e. the span our speaker is read from. PolNeAR also codes beliefs,
endorsements and attributions with no cue verb, which detente does not treat as statements, so recall is
bounded below 1 by design. Discontinuous gold spans are scored by their hull; where an article has
several annotators only the first .ann (by name) is used.

Usage: .venv/bin/python benchmarks/eval_polnear.py [--data /work/shared/data/polnear] [--split test]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from pathlib import Path

import spacy

from detente.components import statements as _statements  # noqa: F401  (registers the factory)
from detente.components.statement_speech import Context
from detente.pipeline import MODEL

Span = tuple[int, int]
TRIM = " \t\r\n\"'“”‘’«»„.,;:"
ROLES = ("Source", "Cue", "Content")


def read_ann(path: Path) -> dict[str, list[Span]]:
    """Gold spans per role from one BRAT .ann file (discontinuous spans -> their hull).

    The pieces of a discontinuous span are kept too, under ``<role>-piece``, so that an exact match
    may hit either the hull or one piece ("“A,” she said. “B.”" is one PolNeAR content, two of ours).
    """
    spans: dict[str, list[Span]] = {r: [] for r in ROLES} | {f"{r}-piece": [] for r in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        _tid, info, _text = line.split("\t", 2)
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


def predict(nlp: spacy.language.Language, text: str) -> dict[str, list[Span]]:
    """Our statements as role spans: content, cue, and the source phrase the speaker comes from."""
    doc = nlp(text)
    finder = nlp.get_pipe("detente_statements")
    ctx = Context(doc, finder.lexicon)
    out: dict[str, list[Span]] = {r: [] for r in ROLES}
    for st in doc._.statements:
        out["Content"].append((st.start_char, st.end_char))
        if st.cue_span is None:
            continue
        out["Cue"].append(st.cue_span)
        tok = ctx.token_at(st.cue_span[1] - 1)
        hit = ctx.phrase_cue(tok)
        source = hit.source if hit is not None else ctx.subject(tok)
        if source is not None:
            out["Source"].append((source.left_edge.idx, source.right_edge.idx + len(source.right_edge)))
    return {r: sorted(set(v)) for r, v in out.items()}


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


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def evaluate(data: Path, split: str, limit: int | None = None) -> dict[str, dict[str, float]]:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("detente_statements")
    anns: dict[str, Path] = {}
    for ann in sorted((data / split / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    counts = {(r, m): [0, 0, 0, 0] for r in ROLES for m in ("exact", "overlap")}
    items: Iterable[tuple[str, Path]] = list(anns.items())[:limit]
    for article, ann in items:
        text = (data / split / "text" / f"{article}.txt").read_text(encoding="utf-8")
        gold = read_ann(ann)
        pred = predict(nlp, text)
        for role in ROLES:
            for mode in ("exact", "overlap"):
                tp_p, tp_g = match(pred[role], gold[role], gold[f"{role}-piece"], text, mode == "exact")
                c = counts[(role, mode)]
                c[0] += tp_p
                c[1] += len(pred[role])
                c[2] += tp_g
                c[3] += len(gold[role])
    return {
        f"{role.lower()}.{mode}": prf(*c) | {"n_pred": c[1], "n_gold": c[3]}
        for (role, mode), c in counts.items()
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data/polnear"))
    ap.add_argument("--split", default="test")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    args = ap.parse_args()
    print(json.dumps(evaluate(args.data, args.split, args.limit), indent=1))


if __name__ == "__main__":
    main()
