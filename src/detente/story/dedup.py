"""Near-duplicate articles: a syndicated copy or a republished wire is stored once, with all its sources.

Exact copies are already caught by the text hash (``Store.has``). Near-duplicates — the same wire
story under another headline, with a sentence trimmed or a dateline changed — are found with
MinHash signatures over word 5-shingles of the lower-cased text and an LSH index (``datasketch``):
the index proposes candidates in constant time per query, and a candidate counts only when its
estimated Jaccard similarity is at least :data:`THRESHOLD` (0.8). With 5-word shingles one changed
sentence of 20 words touches about 24 shingles, so an article of a few hundred words survives a
new headline and an edited sentence, while two articles on the same event in different words
share almost no shingles.

At ingest (``detente.ingest``) the index is built once from the store, queried before extraction
and extended with every article added; a near-duplicate is not extracted, its source is written
to ``article_sources`` on the stored article, and it counts as ``skipped``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from datasketch import MinHash, MinHashLSH
from sqlalchemy import select

from detente.store.schema import article_sources, articles
from detente.store.store import Store

THRESHOLD = 0.8
NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-grams of the case-folded text (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@cache
def _seeded() -> MinHash:
    return MinHash(num_perm=NUM_PERM)


def signature(text: str) -> MinHash:
    """The text's MinHash. The permutations are drawn once (seeded, so always the same) and
    shared: drawing them per article cost a third of the signature."""
    base = _seeded()
    mh = MinHash(num_perm=NUM_PERM, permutations=base.permutations, scheme=base.scheme)
    mh.update_batch([sh.encode("utf-8") for sh in shingles(text)])  # vectorized over the shingles
    return mh


class NearDuplicateIndex:
    """MinHash LSH over article texts; :meth:`query` gives the stored article a text duplicates."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sigs

    @classmethod
    def from_store(cls, store: Store, threshold: float = THRESHOLD) -> NearDuplicateIndex:
        """An index of every stored article (reads each text once)."""
        index = cls(threshold)
        with store.engine.connect() as conn:
            for aid, text in conn.execute(select(articles.c.id, articles.c.text).order_by(articles.c.id)):
                index.add(aid, text)
        return index

    def add(self, article_id: str, text: str, sig: MinHash | None = None) -> None:
        if article_id in self._sigs or not shingles(text):
            return
        sig = sig or signature(text)
        self._sigs[article_id] = sig
        self._lsh.insert(article_id, sig)

    def remove(self, article_id: str) -> None:
        if self._sigs.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def query(self, text: str, sig: MinHash | None = None) -> str | None:
        """The most similar indexed article with estimated Jaccard ≥ threshold, else None.

        Pass ``sig`` (from :func:`signature`) when the same text is added next, to hash it once.
        """
        if not self._sigs or not shingles(text):
            return None
        sig = sig or signature(text)
        scored = [(sig.jaccard(self._sigs[c]), c) for c in self._lsh.query(sig)]
        scored = [(s, c) for s, c in scored if s >= self.threshold]
        return max(scored, key=lambda sc: (sc[0], sc[1]))[1] if scored else None


def find_duplicate(store: Store, text: str, index: NearDuplicateIndex | None = None) -> str | None:
    """The id of a stored article that ``text`` nearly duplicates, else None.

    Without an ``index`` one is built from the store on each call; ingest keeps one instead.
    """
    store.create()
    return (index or NearDuplicateIndex.from_store(store)).query(text)


def record_source(store: Store, article_id: str, seen_id: str, meta: dict[str, Any]) -> bool:
    """Note that ``seen_id`` (a near-duplicate, not stored) also carried ``article_id``'s story.

    ``meta`` may hold source, url, title and published. False when that copy was already noted.
    """
    with store._write() as conn:  # the store's own write transaction
        known = select(article_sources.c.seen_id).where(
            article_sources.c.article_id == article_id, article_sources.c.seen_id == seen_id)
        if conn.execute(known).first() is not None:
            return False
        conn.execute(article_sources.insert().values(
            article_id=article_id, seen_id=seen_id, source=meta.get("source"), url=meta.get("url"),
            title=meta.get("title"), published=None if meta.get("published") is None else str(meta["published"]),
        ))
    return True


def sources(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Every outlet that carried an article: the stored one first, then its near-duplicates."""
    with store.engine.connect() as conn:
        own = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        if own is None:
            return []
        copies = conn.execute(select(article_sources).where(article_sources.c.article_id == article_id)
                              .order_by(article_sources.c.published, article_sources.c.seen_id)).mappings().all()
    first = {"seen_id": own["id"], "source": own["source"], "url": own["url"], "title": own["title"],
             "published": own["published"]}
    return [first] + [{k: c[k] for k in ("seen_id", "source", "url", "title", "published")} for c in copies]
