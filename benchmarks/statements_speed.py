"""Speed of the statements and stances components alone on long articles, and how it grows.

    .venv/bin/python benchmarks/statements_speed.py [--paragraphs 75] [--repeat 5] [--json OUT]

The article is generated (``make_corpus.generate``: ledes, quotes with several quotation styles,
figures, reported speech) and joined into one text of N paragraphs, then 4 N; a third text puts
hundreds of quotation marks in one paragraph, unbalanced ones included. Each text is parsed once
by detente's pipeline up to the components; then only ``detente_statements`` and
``detente_stances`` are timed (best of ``--repeat``), against the parse of the same text in the
same run (``parse_seconds``: tok2vec, tagger, parser, once).

Reported per text: tokens, statements and stances found, component seconds, ``ms_per_1k_tokens``
and ``share_of_parse`` (component time over parse time). ``growth`` is the component time of the
4 N text over four times that of the N text: about 1.0 when the cost is linear in the article's
length, 4.0 if it were quadratic.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import generate

from detente.pipeline import build_nlp, prepare

TIMED = ("detente_statements", "detente_stances")
PARSE = ("tok2vec", "tagger", "parser")


def long_text(paragraphs: int) -> str:
    """N paragraphs cut from generated articles, one after the other."""
    out: list[str] = []
    for article in generate(paragraphs):
        out.extend(p for p in str(article["text"]).split("\n\n") if p.strip())
        if len(out) >= paragraphs:
            break
    return "\n\n".join(out[:paragraphs])


def many_quotes(n: int) -> str:
    """One paragraph with ``n`` short quotes in mixed styles, every seventh left open."""
    styles = [("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’")]
    parts = []
    for i in range(n):
        o, c = styles[i % len(styles)]
        close = "" if i % 7 == 6 else c
        parts.append(f"{o}We will hold the line at post {i},{close} the commander said.")
    return " ".join(parts)


def measure(nlp, text: str, repeat: int) -> dict[str, float | int]:
    doc = prepare(nlp, text, date(2025, 5, 17), {})
    start = time.perf_counter()
    for name in PARSE:
        doc = nlp.get_pipe(name)(doc)
    parse = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        if name not in PARSE and name not in TIMED:
            doc = proc(doc)
    best = float("inf")
    for _ in range(repeat):
        doc._.statements = []
        doc._.stances = []
        start = time.perf_counter()
        for name in TIMED:
            doc = nlp.get_pipe(name)(doc)
        best = min(best, time.perf_counter() - start)
    return {
        "tokens": len(doc),
        "statements": len(doc._.statements),
        "stances": len(doc._.stances),
        "parse_seconds": round(parse, 4),
        "component_seconds": round(best, 4),
        "ms_per_1k_tokens": round(1000 * best / len(doc) * 1000, 3),
        "share_of_parse": round(best / parse, 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=75)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    nlp = build_nlp()
    nlp(long_text(3))  # warm up
    short = measure(nlp, long_text(args.paragraphs), args.repeat)
    long = measure(nlp, long_text(4 * args.paragraphs), args.repeat)
    quotes = measure(nlp, many_quotes(300), args.repeat)
    out = {
        f"{args.paragraphs}_paragraphs": short,
        f"{4 * args.paragraphs}_paragraphs": long,
        "300_quotes_one_paragraph": quotes,
        "growth": round(long["component_seconds"] / (4 * short["component_seconds"]), 3),
    }
    print(json.dumps(out, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
