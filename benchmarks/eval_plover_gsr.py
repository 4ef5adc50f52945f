"""Per-type event recognition on PLOVER-GSR and CAMEO root codes on the PETRARCH2 sentences.

Test sets, read from /work/shared/data (never copied, never tuned on):

* ``plover-gsr/PLOVER_GSR_CAMEO.json``: 322 sentences (edited CAMEO-manual examples), one PLOVER
  0.5b1 label each. Labels of 2016 are mapped to the 16 current types: DEMAND -> REQUEST,
  DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT. Predicted label = type of the
  highest-confidence event detente finds in the sentence, or NONE. Per-type precision/recall/F1,
  accuracy and macro-F1 against a majority-class baseline (always the most frequent gold type).
  Also scored with the PLOVER export's future rules applied to the top event (planned
  CONSULT/SUPPORT/COOPERATE/AID -> AGREE, planned RETREAT -> CONCEDE), which is how the GSR codes
  "will visit", "will provide aid".
* ``cameo-petrarch/PETR2_GSR_validation.xml``: 78 real news sentences with CAMEO codings (silver:
  mostly PETRARCH-2 output, checked). Scored at CAMEO root level (first two digits of our
  ``cameo`` field vs theirs): top-1 = root of the highest-confidence event is one of the gold
  roots; set = roots of all our events vs all gold roots (micro and per root P/R).
* ``cameo-petrarch/PETR.UnitTest.records.xml``: 285 stylised unit-test sentences. Caveat: their
  actors are fictional (Arnor, Gondor ...) so an actor-based extractor finds few events, and their
  codes come from PETR.Validate.verbs.txt, which its own header says are mostly *WEIS*, not CAMEO,
  codes; the root-level comparison is printed as asked but does not measure CAMEO coding.

Sentences are run through one ``build_nlp()`` pipeline with ``nlp.pipe``; the publication date
is the set's own date (2000-01-01 for PLOVER-GSR, the sentence date for PETRARCH).

    .venv/bin/python benchmarks/eval_plover_gsr.py [--limit N] [--show 30] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from detente.export_plover import exported_type
from detente.pipeline import build_nlp, prepare

DATA = Path("/work/shared/data")
GSR = DATA / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
PETR_GSR = DATA / "cameo-petrarch" / "PETR2_GSR_validation.xml"
PETR_UNIT = DATA / "cameo-petrarch" / "PETR.UnitTest.records.xml"
LABEL_2016 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NONE = "NONE"


@dataclass
class Item:
    id: str
    text: str
    day: date
    gold: list[str]  # PLOVER types, or CAMEO root codes ("" list: no event)


@dataclass
class Prediction:
    top: str
    top_plover: str  # the top event's type after the PLOVER export's future rules
    types: list[str]
    roots: list[str]
    triggers: list[str]


def read_gsr(limit: int | None) -> list[Item]:
    rows = [r for r in json.loads(GSR.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    items = [Item(r["id"], r["text"], date(2000, 1, 1), [LABEL_2016.get(r["event"], r["event"])]) for r in rows]
    return items[:limit] if limit else items


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def read_petrarch(path: Path, limit: int | None) -> list[Item]:
    """Both PETRARCH files are XML-like but not well-formed (``#`` banners, self-closed
    ``<Sentence .../>`` followed by its content): read them with patterns."""
    raw = path.read_text(encoding="utf-8")
    items: list[Item] = []
    for m in _SENTENCE.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2)
        text_m = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text_m:
            continue
        codes = [dict(_ATTR.findall(c)).get("eventcode", "") for c in re.findall(r"<EventCoding\b([^>]*)>", body)]
        roots = sorted({c[:2] for c in codes if c and c[:2].isdigit()})
        raw_day = attrs.get("date", "20000101")
        try:
            day = date(int(raw_day[:4]), int(raw_day[4:6]), int(raw_day[6:8]))
        except ValueError:
            day = date(2000, 1, 1)
        items.append(Item(attrs.get("id", ""), " ".join(text_m.group(1).split()), day, roots))
    return items[:limit] if limit else items


def predict(nlp, items: list[Item]) -> list[Prediction]:  # type: ignore[no-untyped-def]
    docs = nlp.pipe((prepare(nlp, it.text, it.day, {}) for it in items), batch_size=32)
    out: list[Prediction] = []
    for doc in docs:
        events = sorted(doc._.events, key=lambda e: -e.confidence)  # stable: text order breaks ties
        out.append(Prediction(
            top=events[0].type if events else NONE,
            top_plover=exported_type({"type": events[0].type, "status": events[0].status})[0] if events else NONE,
            types=[e.type for e in events],
            roots=[(e.cameo or "")[:2] for e in events if e.cameo],
            triggers=[f"{e.trigger_text}:{e.type}" for e in events],
        ))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "n": tp + fn}


def per_label(gold: list[str], pred: list[str]) -> dict[str, dict[str, float | int]]:
    labels = sorted(set(gold) | (set(pred) - {NONE}))
    table = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        table[lab] = _prf(tp, fp, fn)
    return table


def _macro(table: dict[str, dict[str, float | int]], gold_labels: Iterable[str]) -> float:
    labs = sorted(set(gold_labels))
    return round(sum(float(table.get(lab, {"f1": 0.0})["f1"]) for lab in labs) / len(labs), 3) if labs else 0.0


def score_gsr(items: list[Item], preds: list[Prediction], show: int) -> dict[str, object]:
    gold = [it.gold[0] for it in items]
    pred = [p.top for p in preds]
    majority = Counter(gold).most_common(1)[0][0]
    base = [majority] * len(gold)
    table, base_table = per_label(gold, pred), per_label(gold, base)
    confusion = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    misses = [(it.id, it.gold[0], p.top, p.triggers, it.text) for it, p in zip(items, preds, strict=True)
              if p.top != it.gold[0]]
    return {
        "sentences": len(items),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 3),
        "any_event_has_gold_type": round(sum(it.gold[0] in p.types for it, p in zip(items, preds, strict=True))
                                         / len(items), 3),
        "accuracy_with_plover_future_rules": round(sum(g == p.top_plover for g, p in zip(gold, preds, strict=True))
                                                   / len(gold), 3),
        "macro_f1_with_plover_future_rules": _macro(per_label(gold, [p.top_plover for p in preds]), gold),
        "no_event": round(sum(p.top == NONE for p in preds) / len(preds), 3),
        "macro_f1": _macro(table, gold),
        "baseline": {"label": majority, "accuracy": round(gold.count(majority) / len(gold), 3),
                     "macro_f1": _macro(base_table, gold)},
        "per_type": table,
        "top_confusions": [f"{g} -> {p}: {n}" for (g, p), n in confusion.most_common(15)],
        "misses": [{"id": i, "gold": g, "top": t, "events": ev, "text": tx} for i, g, t, ev, tx in misses[:show]],
    }


def score_roots(items: list[Item], preds: list[Prediction], show: int) -> dict[str, object]:
    """CAMEO roots: top-1 hit rate, and set precision/recall over all events' roots."""
    top1 = [p.roots[0] if p.roots else NONE for p in preds]
    hits = sum(t in it.gold for it, t in zip(items, top1, strict=True) if it.gold)
    with_event = [it for it in items if it.gold]
    counts: dict[str, Counter[str]] = {}
    tp = fp = fn = 0
    for it, p in zip(items, preds, strict=True):
        mine, theirs = set(p.roots), set(it.gold)
        for r in mine | theirs:
            c = counts.setdefault(r, Counter())
            c["tp"] += r in mine and r in theirs
            c["fp"] += r in mine and r not in theirs
            c["fn"] += r in theirs and r not in mine
        tp += len(mine & theirs)
        fp += len(mine - theirs)
        fn += len(theirs - mine)
    root_freq = Counter(r for it in items for r in it.gold)
    majority = root_freq.most_common(1)[0][0] if root_freq else NONE
    base_hits = sum(majority in it.gold for it in with_event)
    base_fp = len(items) - base_hits
    misses = [(it.id, it.gold, p.roots, p.triggers, it.text) for it, p in zip(items, preds, strict=True)
              if set(p.roots) != set(it.gold)]
    return {
        "sentences": len(items),
        "sentences_with_gold_event": len(with_event),
        "no_event_predicted": sum(not p.roots for p in preds),
        "top1_root_accuracy": round(hits / len(with_event), 3) if with_event else 0.0,
        "set_micro": _prf(tp, fp, fn),
        "baseline_majority_root": {"root": majority,
                                   "top1_accuracy": round(base_hits / len(with_event), 3) if with_event else 0.0,
                                   "set_micro": _prf(base_hits, base_fp, sum(len(it.gold) for it in items)
                                                     - base_hits)},
        "per_root": {r: _prf(c["tp"], c["fp"], c["fn"]) for r, c in sorted(counts.items())},
        "misses": [{"id": i, "gold": g, "ours": o, "events": ev, "text": tx}
                   for i, g, o, ev, tx in misses[:show]],
    }


def markdown(name: str, table: dict[str, dict[str, float | int]], base: dict[str, dict[str, float | int]]) -> str:
    lines = [f"### {name}", "", "| label | n | P | R | F1 | baseline F1 |", "|---|---|---|---|---|---|"]
    for lab, row in table.items():
        b = base.get(lab, {"f1": 0.0})
        lines.append(f"| {lab} | {row['n']} | {row['p']} | {row['r']} | {row['f1']} | {b['f1']} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N sentences of each set (default: all)")
    ap.add_argument("--show", type=int, default=25, help="misses listed per set")
    ap.add_argument("--json", action="store_true", help="print only the JSON summary")
    args = ap.parse_args()
    nlp = build_nlp()
    gsr = read_gsr(args.limit)
    petr = read_petrarch(PETR_GSR, args.limit)
    unit = read_petrarch(PETR_UNIT, args.limit)
    gsr_result = score_gsr(gsr, predict(nlp, gsr), args.show)
    petr_result = score_roots(petr, predict(nlp, petr), args.show)
    unit_result = score_roots(unit, predict(nlp, unit), args.show)
    summary = {"plover_gsr": gsr_result, "petrarch2_gsr_validation": petr_result,
               "petrarch_unit_tests (WEIS-style codes, fictional actors)": unit_result}
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    if not args.json:
        gold = [it.gold[0] for it in gsr]
        base = per_label(gold, [str(gsr_result["baseline"]["label"])] * len(gold))  # type: ignore[index]
        print()
        print(markdown("PLOVER-GSR per type (top event)", gsr_result["per_type"], base))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
