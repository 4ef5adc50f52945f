"""Near-duplicate articles: a syndicated copy or a republished wire is stored once, with all its sources.

Exact copies are already caught by the text hash (``Store.has``). Near-duplicates — the same wire
story under another headline, with a sentence trimmed or a dateline changed — are texts whose word
5-shingles overlap with Jaccard similarity of at least :data:`THRESHOLD` (0.8). With 5-word
shingles one changed sentence of 20 words touches about 24 shingles, so an article of a few hundred
words survives a new headline and an edited sentence, while two articles on the same event in
different words share almost no shingles.

Candidates come from the store: every article's MinHash band keys are written with it
(``article_bands``, ``detente.story.minhash``), so a text's candidates are one indexed lookup of its
20 keys, and each is then checked on its exact shingle Jaccard. Nothing is rebuilt in memory at
the start of an ingest: an index of every stored text cost ~0.15 s and ~3.5 MB per thousand
articles on each run, minutes and gigabytes for a daily feed into an archive of millions.

At ingest (``detente.ingest.Copies``) each article is checked before extraction against the store
and against the articles of the same run not written yet; a near-duplicate is not extracted, its
source is written to ``article_sources`` on the stored article, and it counts as ``skipped``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from detente.store.schema import article_bands, article_sources, articles
from detente.store.store import Store
from detente.story.minhash import jaccard, shingles, text_keys

THRESHOLD = 0.8
#: articles whose keys are computed and written per statement when a store gets its keys late
BACKFILL_CHUNK = 500


class NearDuplicates:
    """Finds the stored article a text nearly duplicates, or one added here and not stored yet.

    ``add`` holds texts of the current run until :meth:`forget` (call it once they are stored, or
    definitely will not be): only those are kept in memory, never the archive.
    """

    def __init__(self, store: Store, threshold: float = THRESHOLD) -> None:
        self.store = store
        self.threshold = threshold
        self._pending: dict[str, str] = {}  # article id -> text
        self._pending_keys: dict[int, set[str]] = {}  # band key -> pending article ids

    def __len__(self) -> int:
        return len(self._pending)

    def add(self, article_id: str, text: str) -> None:
        if article_id in self._pending:
            return
        self._pending[article_id] = text
        for key in text_keys(text):
            self._pending_keys.setdefault(key, set()).add(article_id)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Drop texts held for this run: they are in the store now, or will not be."""
        for aid in article_ids:
            text = self._pending.pop(aid, None)
            if text is None:
                continue
            for key in text_keys(text):
                ids = self._pending_keys.get(key)
                if ids is not None:
                    ids.discard(aid)
                    if not ids:
                        del self._pending_keys[key]

    def query(self, text: str) -> str | None:
        """The id of the most similar article (exact Jaccard ≥ threshold; ties: the larger id), else None."""
        return self.query_many([text])[0]

    def query_many(self, texts: list[str], add_ids: list[str] | None = None) -> list[str | None]:
        """:meth:`query` for several texts with one lookup of the store; with ``add_ids``, each text
        that duplicates nothing is added under its id before the next is checked (so a later copy
        of an earlier text of the list is found)."""
        keys = [text_keys(t) for t in texts]
        wanted = {k for ks in keys for k in ks}
        stored_by_key: dict[int, set[str]] = {}
        stored_texts: dict[str, str] = {}
        if wanted:
            with self.store.engine.connect() as conn:
                for key, aid in conn.execute(select(article_bands.c.key, article_bands.c.article_id)
                                             .where(article_bands.c.key.in_(wanted))):
                    stored_by_key.setdefault(key, set()).add(aid)
                ids = {aid for aids in stored_by_key.values() for aid in aids}
                if ids:
                    rows = conn.execute(select(articles.c.id, articles.c.text).where(articles.c.id.in_(ids)))
                    stored_texts = {aid: body for aid, body in rows}
        out: list[str | None] = []
        shingled: dict[str, set[str]] = {}  # each candidate shingled once per call, however many texts it meets
        for i, (text, ks) in enumerate(zip(texts, keys, strict=True)):
            candidates: dict[str, str] = {}
            for key in ks:
                for aid in stored_by_key.get(key, ()):
                    candidates[aid] = stored_texts[aid]
                for aid in self._pending_keys.get(key, ()):
                    candidates[aid] = self._pending[aid]
            own = shingles(text) if candidates else set()
            for aid, other in candidates.items():
                if aid not in shingled:
                    shingled[aid] = shingles(other)
            scored = [(jaccard(own, shingled[aid]), aid) for aid in candidates]
            best = max((sc for sc in scored if sc[0] >= self.threshold), default=None)
            out.append(best[1] if best else None)
            if best is None and add_ids is not None:
                self.add(add_ids[i], text)
        return out


def backfill(conn: Connection) -> int:
    """Write the band keys of stored articles that have none (a store from before ``article_bands``);
    returns how many articles got keys."""
    has_keys = select(article_bands.c.article_id).where(article_bands.c.article_id == articles.c.id).exists()
    done, last = 0, ""
    while True:  # by id ranges: an archive's texts are never all in memory at once
        chunk = conn.execute(select(articles.c.id, articles.c.text).where(~has_keys, articles.c.id > last)
                             .order_by(articles.c.id).limit(BACKFILL_CHUNK)).all()
        if not chunk:
            return done
        keys = [{"article_id": aid, "key": k} for aid, text in chunk for k in dict.fromkeys(text_keys(text))]
        if keys:
            conn.execute(article_bands.insert(), keys)
        done, last = done + len(chunk), chunk[-1][0]


def find_duplicate(store: Store, text: str) -> str | None:
    """The id of a stored article that ``text`` nearly duplicates, else None."""
    store.create()
    return NearDuplicates(store).query(text)


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
