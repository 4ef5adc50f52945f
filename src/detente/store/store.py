"""The record store: one transaction per article, idempotent ingest, SQLite or PostgreSQL.

SQLite is the default because a news desk's archive fits in one file; the same Core tables run on
PostgreSQL for shared deployments (``Store("postgresql+psycopg://…")``). On SQLite every
connection gets foreign keys ON (off by default there), WAL journaling (readers do not block the
single writer) and a busy timeout, and writes start with ``BEGIN IMMEDIATE`` so two ingest
processes queue for the write lock instead of failing with "database is locked" when both try to
upgrade a read transaction.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import StaticPool

from detente.errors import DetenteError
from detente.store.backfill import backfill_stances
from detente.store.bulk import insert_rows
from detente.store.canonical import Canonicals
from detente.store.rows import Rows, record_rows, sha256_of
from detente.store.schema import ARTICLE_TABLES, article_bands, articles, metadata, stances

#: How long a SQLite writer waits for another writer before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE_FLAG = "detente_write"


def _json_dumps(obj: Any) -> str:
    """Keep non-ASCII names readable in JSON columns, so alias substring search works on them."""
    return json.dumps(obj, ensure_ascii=False)


def _sqlite_setup(engine: Engine, memory: bool) -> None:
    """Connection pragmas and explicit BEGIN handling (the SQLAlchemy pysqlite recipe).

    WAL with ``synchronous = NORMAL``: a commit no longer waits for the disk (an fsync per ingest
    batch was ~15% of the store's cost). A crashed process loses nothing; a power cut may undo the
    last batches but never corrupts the file or half-writes an article, and ingest is idempotent,
    so re-running it restores them.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if not memory:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get(_WRITE_FLAG) else "BEGIN")


def _cluster_articles(conn: Connection, article_ids: list[str]) -> None:
    """Put the new articles' events into event clusters, inside the articles' own transaction.

    Imported here, not at module level: ``detente.story`` reads the store package itself.
    """
    from detente.story.clusters import assign_articles

    assign_articles(conn, article_ids)


def _insert_band_keys(conn: Connection, article_rows: list[dict[str, Any]]) -> None:
    """The near-duplicate keys of new articles (``detente.story.minhash``), in their transaction."""
    from detente.story.minhash import text_keys

    keys = [{"article_id": a["id"], "key": k} for a in article_rows for k in dict.fromkeys(text_keys(a["text"]))]
    insert_rows(conn, article_bands, keys)


def _drop_empty_clusters(conn: Connection) -> None:
    """Clusters whose last member went with a removed article (members cascade, clusters do not)."""
    from detente.story.clusters import drop_empty

    drop_empty(conn)


class Store:
    """A database of records; the query functions in ``detente.store.queries`` read it."""

    def __init__(self, url: str = "sqlite:///detente.db") -> None:
        self.url = url
        is_sqlite = url.startswith("sqlite")
        memory = is_sqlite and (url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in url)
        kwargs: dict[str, Any] = {"json_serializer": _json_dumps}
        if memory:  # one shared connection, or every checkout would see its own empty database
            kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        self.engine: Engine = create_engine(url, **kwargs)
        if is_sqlite:
            _sqlite_setup(self.engine, memory)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create(self) -> None:
        """Create the tables and indexes that do not exist yet (safe to call on every start).

        A store made before the near-duplicate keys or the stances table existed gets their rows
        for its articles once, when the table is created (as ``detente migrate`` would).
        """
        inspector = inspect(self.engine)
        had_bands, had_stances = inspector.has_table(article_bands.name), inspector.has_table(stances.name)
        metadata.create_all(self.engine, checkfirst=True)
        if not had_bands:
            from detente.story.dedup import backfill

            with self._write() as conn:
                backfill(conn)
        if not had_stances:
            with self._write() as conn:
                backfill_stances(conn)

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite), committed or rolled back whole."""
        with self.engine.connect() as conn:
            conn.info[_WRITE_FLAG] = True
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.info.pop(_WRITE_FLAG, None)

    @staticmethod
    def _exists(conn: Connection, article_id: str, sha256: str) -> bool:
        query = select(articles.c.id).where(or_(articles.c.id == article_id, articles.c.sha256 == sha256))
        return conn.execute(query.limit(1)).first() is not None

    def has(self, article_id: str, sha256: str) -> bool:
        """True when an article with this id or this text hash is stored, so extraction can be skipped."""
        with self.engine.connect() as conn:
            return self._exists(conn, article_id, sha256)

    def stored(self, keys: Sequence[tuple[str, str]]) -> list[bool]:
        """:meth:`has` for many (id, text hash) pairs in one query: screening a feed costs one
        round trip per chunk instead of one per article."""
        if not keys:
            return []
        ids = sorted({k[0] for k in keys})
        hashes = sorted({k[1] for k in keys})
        query = select(articles.c.id, articles.c.sha256).where(
            or_(articles.c.id.in_(ids), articles.c.sha256.in_(hashes)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        found_ids = {r[0] for r in rows}
        found_hashes = {r[1] for r in rows}
        return [aid in found_ids or sha in found_hashes for aid, sha in keys]

    def add(self, record: dict[str, Any]) -> bool:
        """Store one record in one transaction; False (and nothing changed) if already stored.

        An article counts as stored when its id *or* its text hash is, so re-running an ingest over
        the same folder, or the same story under another id, adds nothing. Raises ``RecordError``
        for a record that breaks the codebook, before anything is written.
        """
        (outcome,) = self.add_many([record])
        if isinstance(outcome, DetenteError):
            raise outcome
        return outcome

    def add_many(self, records: Sequence[dict[str, Any]]) -> list[bool | DetenteError]:
        """Store a batch of records in one transaction: per record True (added), False (already
        stored, or a copy of an earlier record of the batch) or the ``RecordError`` that refused it.

        One transaction and one round of clustering queries per batch instead of per article is
        what keeps the store's cost small beside the parse. A refused record is refused before
        anything is written and does not stop the others; the batch is atomic, so a killed ingest
        leaves no half-written article (re-running it adds exactly the missing ones).
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        outcomes: list[bool | DetenteError] = []
        todo: list[tuple[int, Rows, dict[str, Any]]] = []
        for i, record in enumerate(records):
            try:
                todo.append((i, record_rows(record, ingested_at=now), record))
                outcomes.append(False)
            except DetenteError as err:
                outcomes.append(err)
        if not todo:
            return outcomes
        try:
            with self._write() as conn:
                stored = self._stored(conn, [rows for _, rows, _ in todo])
                fresh: list[tuple[Rows, dict[str, Any]]] = []
                for i, rows, record in todo:
                    aid, sha = rows.article["id"], rows.article["sha256"]
                    if aid in stored or sha in stored:
                        continue
                    stored.update((aid, sha))
                    fresh.append((rows, record))
                    outcomes[i] = True
                self._insert(conn, fresh)
                _cluster_articles(conn, [rows.article["id"] for rows, _ in fresh])
        except IntegrityError:
            # Another process stored one of these articles between our check and our insert
            # (PostgreSQL has no BEGIN IMMEDIATE): redo the batch one article at a time.
            if len(todo) == 1:
                rows = todo[0][1]
                if self.has(rows.article["id"], rows.article["sha256"]):
                    return [False]
                raise
            return [out if isinstance(out, DetenteError) else self.add(records[i]) for i, out in enumerate(outcomes)]
        return outcomes

    @staticmethod
    def _stored(conn: Connection, batch: list[Rows]) -> set[str]:
        """Which of the batch's ids and text hashes are stored already (one query)."""
        ids = {rows.article["id"] for rows in batch}
        shas = {rows.article["sha256"] for rows in batch}
        query = select(articles.c.id, articles.c.sha256).where(or_(articles.c.id.in_(ids), articles.c.sha256.in_(shas)))
        return {value for row in conn.execute(query) for value in row}

    @staticmethod
    def _insert(conn: Connection, batch: list[tuple[Rows, dict[str, Any]]]) -> None:
        """Insert a batch's rows table by table: one ``executemany`` per table, not per article."""
        if not batch:
            return
        insert_rows(conn, articles, [rows.article for rows, _ in batch])
        _insert_band_keys(conn, [rows.article for rows, _ in batch])
        seen = Canonicals(conn)
        seen.prefetch([actor for _, record in batch for actor in record.get("actors") or []])
        chosen = [[seen.resolve(actor) for actor in record.get("actors") or []] for _, record in batch]
        real = seen.flush()
        for (rows, record), ids in zip(batch, chosen, strict=True):
            canonical: dict[str, int] = {}
            for actor_row, actor, cid in zip(rows.actors, record.get("actors") or [], ids, strict=True):
                canonical[actor["id"]] = actor_row["canonical_id"] = real.get(cid, cid)
            for link in rows.event_actors:
                link["canonical_id"] = canonical[link["actor_id"]]
        for table in ARTICLE_TABLES:
            insert_rows(conn, table, [row for rows, _ in batch for row in getattr(rows, table.name)])

    def remove(self, article_id: str) -> bool:
        """Delete an article and (by cascade) all its rows; canonical actors stay. False if absent."""
        with self._write() as conn:
            removed = conn.execute(articles.delete().where(articles.c.id == article_id)).rowcount > 0
            if removed:
                _drop_empty_clusters(conn)
            return removed

    def get_record(self, article_id: str) -> dict[str, Any] | None:
        """The record exactly as it was added, or None."""
        with self.engine.connect() as conn:
            return conn.execute(select(articles.c.record).where(articles.c.id == article_id)).scalar()

    def close(self) -> None:
        """Release the connection pool (the SQLite file stays as it is)."""
        self.engine.dispose()


__all__ = ["Store", "sha256_of"]
