"""Event factuality (``status``) against MEANTIME English event mentions.

MEANTIME (/work/shared/data/meantime-en, CC BY 4.0; 120 Wikinews business articles) annotates
every event mention with certainty (CERTAIN / PROBABLE / POSSIBLE / UNDERSPECIFIED), polarity
(POS / NEG / UNDERSPECIFIED) and time (NON_FUTURE / FUTURE / UNDERSPECIFIED). Mapped to our
statuses, first rule that applies:

    polarity NEG                                -> not_occurred
    certainty POSSIBLE or PROBABLE              -> possible
    certainty CERTAIN, polarity POS, FUTURE     -> planned
    certainty CERTAIN, polarity POS, NON_FUTURE -> occurred
    anything UNDERSPECIFIED                     -> not scored

Our ``ongoing`` is scored as ``occurred`` (MEANTIME's NON_FUTURE covers both) and ``denied`` as
``not_occurred`` (MEANTIME has no denial). Alignment: a detente event aligns with a MEANTIME event
mention when its trigger span overlaps the mention's tokens (one-to-one, closest start first).
Most MEANTIME events are not PLOVER events (earnings, sales, stock moves), so accuracy is reported
only on aligned mentions, with coverage (aligned / scorable mentions) beside it.

A second table scores the factuality reader alone (``event_status.StatusReader``, the code the
events component calls for each trigger) on *every* scorable MEANTIME mention, its head token
given by the gold ("oracle triggers"): it measures status reading apart from event detection, on
far more mentions than the aligned events.

Text is rebuilt from the CAT tokens (space-joined, no space before punctuation, one sentence a
line); the document creation time is the publication date.

    .venv/bin/python benchmarks/eval_factuality.py [--limit N_DOCS] [--show 20]
"""

from __future__ import annotations

import argparse
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from detente.components.event_status import StatusCues, StatusReader
from detente.pipeline import build_nlp, prepare

DATA = Path("/work/shared/data/meantime-en/intra-doc_annotation")
STATUSES = ("occurred", "planned", "possible", "not_occurred")
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)%]|'s|'|n't|''|\u201d)$")
SCORED_AS = {"ongoing": "occurred", "denied": "not_occurred"}


@dataclass
class Mention:
    start: int
    end: int
    pred: str
    status: str | None  # None: underspecified, not scored


@dataclass
class Article:
    name: str
    text: str
    dct: date | None
    mentions: list[Mention]


def gold_status(certainty: str, polarity: str, time: str) -> str | None:
    if polarity == "NEG":
        return "not_occurred"
    if certainty in ("POSSIBLE", "PROBABLE"):
        return "possible"
    if certainty == "CERTAIN" and polarity == "POS":
        if time == "FUTURE":
            return "planned"
        if time == "NON_FUTURE":
            return "occurred"
    return None


def read_article(path: Path) -> Article:
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int]] = {}
    text, sentence = "", None
    for tok in root.iter("token"):
        word = tok.text or ""
        if sentence is not None and tok.get("sentence") != sentence:
            text += "\n"
        elif text and not _NO_SPACE_BEFORE.match(word) and not text.endswith(("(", "$", "``", "\u201c")):
            text += " "
        sentence = tok.get("sentence")
        spans[tok.get("t_id", "")] = (len(text), len(text) + len(word))
        text += word
    dct = None
    for tx in root.iter("TIMEX3"):
        value = tx.get("value", "")
        if tx.get("functionInDocument") == "CREATION_TIME" and re.match(r"\d{4}-\d{2}-\d{2}$", value[:10]):
            try:
                dct = date.fromisoformat(value[:10])
            except ValueError:
                dct = None
    mentions: list[Mention] = []
    for em in root.iter("EVENT_MENTION"):
        ids = [a.get("t_id", "") for a in em.iter("token_anchor") if a.get("t_id") in spans]
        if not ids:
            continue
        status = gold_status(em.get("certainty", ""), em.get("polarity", ""), em.get("time", ""))
        mentions.append(Mention(spans[ids[0]][0], spans[ids[-1]][1], em.get("pred", ""), status))
    return Article(path.name, text, dct, mentions)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N documents (default: all 120)")
    ap.add_argument("--show", type=int, default=20, help="disagreements listed")
    args = ap.parse_args()
    paths = sorted(DATA.glob("*/*.xml"))[: args.limit] if args.limit else sorted(DATA.glob("*/*.xml"))
    articles = [read_article(p) for p in paths]
    nlp = build_nlp()
    docs = nlp.pipe((prepare(nlp, a.text, a.dct, {}) for a in articles), batch_size=8)
    confusion: Counter[tuple[str, str]] = Counter()
    oracle: Counter[tuple[str, str]] = Counter()
    reader = StatusReader(StatusCues.load())
    gold_counts: Counter[str] = Counter()
    aligned_any = n_events = 0
    disagreements: list[dict[str, str]] = []
    for art, doc in zip(articles, docs, strict=True):
        scorable = [m for m in art.mentions if m.status is not None]
        for m in scorable:
            gold_counts[m.status or ""] += 1
        for m in scorable:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                status = reader.read(span.root).status
                oracle[(m.status or "", SCORED_AS.get(status, status))] += 1
        used: set[int] = set()
        for e in doc._.events:
            n_events += 1
            s, t = e.trigger_span
            cands = [i for i, m in enumerate(art.mentions) if i not in used and m.start < t and s < m.end]
            if not cands:
                continue
            i = min(cands, key=lambda k: abs(art.mentions[k].start - s))
            used.add(i)
            m = art.mentions[i]
            aligned_any += 1
            if m.status is None:
                continue
            ours = SCORED_AS.get(e.status, e.status)
            confusion[(m.status, ours)] += 1
            if ours != m.status and len(disagreements) < args.show:
                line_start = art.text.rfind("\n", 0, s) + 1
                line_end = art.text.find("\n", s) if "\n" in art.text[s:] else len(art.text)
                disagreements.append({"gold": m.status, "ours": e.status, "trigger": e.trigger_text,
                                      "type": e.type, "sentence": art.text[line_start:line_end]})
    aligned = sum(confusion.values())
    correct = sum(n for (g, o), n in confusion.items() if g == o)
    per_status = {}
    for st in STATUSES:
        n_gold = sum(n for (g, _), n in confusion.items() if g == st)
        n_ours = sum(n for (_, o), n in confusion.items() if o == st)
        ok = confusion[(st, st)]
        per_status[st] = {"aligned_gold": n_gold, "accuracy(recall)": round(ok / n_gold, 3) if n_gold else None,
                          "precision": round(ok / n_ours, 3) if n_ours else None,
                          "gold_mentions_in_corpus": gold_counts[st]}
    majority = max(STATUSES, key=lambda st: sum(n for (g, _), n in confusion.items() if g == st))
    summary = {
        "documents": len(articles),
        "gold_event_mentions": sum(len(a.mentions) for a in articles),
        "gold_scorable_mentions": sum(gold_counts.values()),
        "detente_events": n_events,
        "detente_events_aligned_to_a_mention": aligned_any,
        "coverage_of_scorable_mentions": round(aligned / max(1, sum(gold_counts.values())), 4),
        "aligned_scored": aligned,
        "accuracy": round(correct / aligned, 3) if aligned else None,
        "baseline_majority_status": {"status": majority,
                                     "accuracy": round(sum(n for (g, _), n in confusion.items() if g == majority)
                                                       / aligned, 3) if aligned else None},
        "per_status": per_status,
        "disagreements": disagreements,
    }
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    _table("aligned detente events", confusion)
    _table("status reader on every scorable mention (oracle triggers)", oracle)


def _table(title: str, confusion: Counter[tuple[str, str]]) -> None:
    total = sum(confusion.values())
    correct = sum(n for (g, o), n in confusion.items() if g == o)
    majority = max((sum(n for (g, _), n in confusion.items() if g == st) for st in STATUSES), default=0)
    print(f"\n{title}: n={total}, accuracy={correct / total if total else 0:.3f}, "
          f"majority-status baseline={majority / total if total else 0:.3f}")
    print("(rows: MEANTIME mapped, columns: detente; last column: per-status accuracy = recall)\n")
    print("| gold \\ ours | " + " | ".join(STATUSES) + " | acc |")
    print("|---|" + "---|" * (len(STATUSES) + 1))
    for g in STATUSES:
        row = [confusion[(g, o)] for o in STATUSES]
        n = sum(confusion[(g, o)] for o in {o for _, o in confusion})
        acc = f"{confusion[(g, g)] / n:.3f}" if n else "-"
        print(f"| {g} | " + " | ".join(str(x) for x in row) + f" | {acc} |")


if __name__ == "__main__":
    main()
