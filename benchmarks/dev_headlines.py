"""Development check of event-type recognition on NGEC's synthetic PLOVER headlines.

The headlines (../shared/data/ngec-synthetic/synthetic_headlines.csv, templates with country and
city slots) are *development* data: we read them to find trigger words the lexicon lacks. They are
not the test sets (PLOVER-GSR and PETRARCH2 are scored in eval_plover_gsr.py). Prints accuracy of
the top event type per headline and the misses, grouped by gold type.

    .venv/bin/python benchmarks/dev_headlines.py [--show 40]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
from collections import Counter
from datetime import date
from pathlib import Path

from detente.pipeline import build_nlp, prepare

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ngec-synthetic" / "synthetic_headlines.csv"
COUNTRIES = itertools.cycle(["Kenya", "Peru", "Ukraine", "Iran", "Colombia", "Pakistan", "Nigeria", "Serbia"])
CITIES = itertools.cycle(["Nairobi", "Lima", "Kharkiv", "Tabriz", "Cali", "Lahore", "Kano", "Nis"])


def sentence_case(title: str) -> str:
    """Headline Case makes the small model tag every verb as a proper noun; news bodies are not
    written that way, so words other than slots, acronyms and the first are lowercased."""
    words = title.split(" ")
    out = [words[0]]
    for w in words[1:]:
        out.append(w if w.startswith("{") or (w.isupper() and len(w) > 1) else w.lower())
    return " ".join(out)


def fill(title: str) -> str:
    c1, c2 = next(COUNTRIES), next(COUNTRIES)
    title = sentence_case(title)
    return title.replace("{country_1}", c1).replace("{country_2}", c2).replace("{city}", next(CITIES))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    nlp = build_nlp()
    texts = [fill(r["title"]) + "." for r in rows]
    docs = nlp.pipe(prepare(nlp, t, date(2024, 5, 1), {}) for t in texts)
    per_type: dict[str, Counter[str]] = {}
    misses = []
    for row, text, doc in zip(rows, texts, docs, strict=True):
        gold = row["event"]
        types = [e.type for e in sorted(doc._.events, key=lambda e: -e.confidence)]
        top = types[0] if types else "NONE"
        c = per_type.setdefault(gold, Counter())
        c["n"] += 1
        c["top"] += top == gold
        c["any"] += gold in types
        c["none"] += not types
        if gold not in types:
            misses.append((gold, top, text))
    n = sum(c["n"] for c in per_type.values())
    print(json.dumps({
        "headlines": n,
        "top_accuracy": round(sum(c["top"] for c in per_type.values()) / n, 3),
        "any_accuracy": round(sum(c["any"] for c in per_type.values()) / n, 3),
        "no_event": round(sum(c["none"] for c in per_type.values()) / n, 3),
        "per_type": {k: {"n": c["n"], "top": round(c["top"] / c["n"], 2), "any": round(c["any"] / c["n"], 2)}
                     for k, c in sorted(per_type.items())},
    }, indent=1))
    for gold, top, text in misses[: args.show]:
        print(f"{gold:10} got {top:10} {text}")


if __name__ == "__main__":
    main()
