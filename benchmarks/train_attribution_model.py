"""Train the learned attributions model (``components/stances/attribution_model.json``) on PolNeAR.

Training data: PolNeAR train articles 300–840 (never dev, never test). Each candidate frame that
``attribution_model.candidates`` proposes beyond the rules is labelled positive when its content
overlaps a gold attribution whose Cue no rule reads and its cue overlaps that Cue (outer frames
included: their Content holds a rule's nested attribution). Scoring drops the attributions nested in
another, as ``eval_polnear`` does. A logistic
regression with L2 (3.0), Adagrad, 300 full-batch passes, over features seen at least twice. The
threshold is the one that maximises content F1 (overlap) of rules + additions on train articles
0–300, ties broken by source F1; dev and test are then scored by ``eval_polnear.py`` (``learned.*``).

Usage: .venv/bin/python -m benchmarks.train_attribution_model [--data /work/shared/data/polnear]
       [--out src/detente/components/stances/attribution_model.json] [--l2 3.0]
Takes a few minutes (parsing 840 articles); a user can point ``--data`` at their own BRAT
annotations laid out as PolNeAR's, and load the result with the component's ``model_path``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
import spacy

from benchmarks.eval_polnear import ROLES, match, prf, read_ann, read_relations
from detente.components import attribution_model as am
from detente.components import headline as _headline  # noqa: F401  (registers the factory)
from detente.components import stances as _stances  # noqa: F401  (registers the factory)
from detente.components import statements as _statements  # noqa: F401  (registers the factory)
from detente.pipeline import MODEL

TRAIN, TUNE = (300, 840), (0, 300)


def articles(data: Path, lo: int, hi: int) -> list[tuple[str, Path]]:
    anns: dict[str, Path] = {}
    for ann in sorted((data / "train" / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    return list(anns.items())[lo:hi]


def build(data: Path, lo: int, hi: int) -> list[dict]:
    """Per article: rule spans, gold spans, text, and its labelled candidates."""
    nlp = spacy.load(MODEL)
    nlp.add_pipe("detente_paragraphs", after="parser")
    nlp.add_pipe("detente_headline", after="detente_paragraphs")
    nlp.add_pipe("detente_statements")
    nlp.add_pipe("detente_stances")
    items = articles(data, lo, hi)
    texts = ((data / "train" / "text" / f"{a}.txt").read_text(encoding="utf-8") for a, _ in items)
    out = []
    for (_, ann), doc in zip(items, nlp.pipe(texts, batch_size=16), strict=True):
        rules = am.outermost(am.attributions(doc))
        uncued = [(st.start_char, st.end_char) for st in doc._.statements if st.cue_span is None]
        rels = read_relations(ann)
        # gold attributions the rules miss: no rule reads their cue, or (without a cue) their content
        missed = [r for r in rels if ("Cue" in r and not any(am._overlaps(r["Cue"][0], a[0]) for a in rules))
                  or ("Cue" not in r and not any(am._overlaps(r["Content"][0], c) for c in uncued))]
        cands = am.candidates(doc, rules)
        labels = []
        for c in cands:
            hit = [r for r in missed if am._overlaps(c.content, r["Content"][0])]
            labels.append(int(any("Cue" in r and am._overlaps(c.cue, r["Cue"][0]) for r in hit)))
        out.append({"text": doc.text, "rules": rules, "uncued": uncued, "gold": read_ann(ann), "cands": cands,
                    "labels": labels})
    return out


def train(rows: list[list[str]], y: np.ndarray, l2: float, iters: int = 300, lr: float = 0.5) -> dict[str, float]:
    seen = Counter(f for r in rows for f in set(r))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= 2 or f == "bias"))}
    idx = [np.array(sorted({vocab[f] for f in r if f in vocab}), dtype=np.int64) for r in rows]
    flat = np.concatenate(idx)
    row_of = np.repeat(np.arange(len(idx)), [len(r) for r in idx])
    w, g2, n = np.zeros(len(vocab)), np.full(len(vocab), 1e-8), len(y)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-np.bincount(row_of, weights=w[flat], minlength=n)))
        grad = np.bincount(flat, weights=(p - y)[row_of], minlength=len(vocab)) / n + l2 / n * w
        g2 += grad**2
        w -= lr * grad / np.sqrt(g2)
    return {f: round(float(w[i]), 3) for f, i in vocab.items() if abs(w[i]) >= 0.01}


def score(arts: list[dict], model: am.AttributionModel) -> dict[str, dict[str, float]]:
    counts = {r: [0, 0, 0, 0] for r in ROLES}
    for a in arts:
        added = [(c.cue, c.content, c.source) for _, c in model.select(a["cands"])]
        pred = am.role_spans(am.outermost([*a["rules"], *added]), a["uncued"])
        for role in ROLES:
            spans = pred[role]
            tp_p, tp_g = match(spans, a["gold"][role], a["gold"][f"{role}-piece"], a["text"], False)
            k = counts[role]
            k[0] += tp_p
            k[1] += len(spans)
            k[2] += tp_g
            k[3] += len(a["gold"][role])
    return {r.lower(): prf(*k) for r, k in counts.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/work/shared/data/polnear"))
    ap.add_argument("--out", type=Path, default=am.MODEL_PATH)
    ap.add_argument("--l2", type=float, default=3.0)
    args = ap.parse_args()
    train_arts, tune_arts = build(args.data, *TRAIN), build(args.data, *TUNE)
    rows = [c.feats for a in train_arts for c in a["cands"]]
    y = np.array([label for a in train_arts for label in a["labels"]], dtype=float)
    print(f"{len(rows)} candidates, {int(y.sum())} positive")
    weights = train(rows, y, args.l2)
    best: tuple[tuple[float, float], float] | None = None
    for thr in np.arange(0.10, 0.95, 0.05):
        s = score(tune_arts, am.AttributionModel(weights, float(thr)))
        key = (s["content"]["f1"], s["source"]["f1"])
        print(f"threshold {thr:.2f}: content {s['content']}  source {s['source']}")
        if best is None or key > best[0]:
            best = (key, round(float(thr), 2))
    assert best is not None
    doc = json.loads(args.out.read_text(encoding="utf-8"))["_doc"] if args.out.exists() else ""
    args.out.write_text(json.dumps({"_doc": doc, "threshold": best[1], "weights": dict(sorted(weights.items()))},
                                   indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"threshold {best[1]}, {len(weights)} features -> {args.out}")


if __name__ == "__main__":
    main()
