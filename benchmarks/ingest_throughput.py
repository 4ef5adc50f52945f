"""Throughput of `detente ingest` against bare spaCy `nlp.pipe` over the same texts, same run.

The sample articles are repeated (each copy made unique by a trailing id line, so the store's
idempotence does not skip them) to N articles (default 200). Reports articles/s and words/s of
both and their ratio: the share of the parse's speed that detente keeps with its components and
the store on top.

    .venv/bin/python benchmarks/ingest_throughput.py [--n 200] [--corpus samples/corpus]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import spacy

from detente.ingest import ingest_articles
from detente.inputs import Article
from detente.pipeline import MODEL, build_nlp
from detente.store.store import Store


def corpus(folder: Path, n: int) -> list[Article]:
    base = []
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_suffix(".meta.json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        base.append((path.read_text(encoding="utf-8"), meta.get("published")))
    out = []
    for i in range(n):
        text, pub = base[i % len(base)]
        out.append(Article(id=f"bench-{i}", text=f"{text}\n\n(copy {i})", published=pub, origin=f"bench-{i}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).parent.parent / "samples" / "corpus")
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    articles = corpus(args.corpus, args.n)
    words = sum(len(a.text.split()) for a in articles)

    bare = spacy.load(MODEL)
    t0 = time.perf_counter()
    for _ in bare.pipe((a.text for a in articles), batch_size=args.batch_size):
        pass
    bare_s = time.perf_counter() - t0

    nlp = build_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        t0 = time.perf_counter()
        # the copies are near-duplicates by construction: store them all, as 200 distinct articles would be
        summary = ingest_articles(articles, store, nlp=nlp, batch_size=args.batch_size, near_duplicates=False)
        ours_s = time.perf_counter() - t0
        store.close()
    assert summary.added == len(articles), summary

    result = {
        "articles": len(articles), "words": words,
        "bare_spacy": {"seconds": round(bare_s, 2), "articles_per_s": round(len(articles) / bare_s, 1),
                       "words_per_s": round(words / bare_s)},
        "detente_ingest": {"seconds": round(ours_s, 2), "articles_per_s": round(len(articles) / ours_s, 1),
                           "words_per_s": round(words / ours_s)},
        "ratio": round(bare_s / ours_s, 3),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
