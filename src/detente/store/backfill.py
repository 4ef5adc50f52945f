"""Fill the ``stances`` table for articles stored before it existed, from their stored records.

Every stored article keeps its whole record in ``articles.record``; records made after the stances
layer was added carry a ``stances`` list there even when the store had no table for it yet (the
record is kept exactly as added). Both the 0004 migration and ``Store.create`` on an older
``create_all`` store call :func:`backfill_stances`, so either way of upgrading ends with the same
rows. The JSON is read in Python (SQLAlchemy's ``JSON`` type decodes it on SQLite and PostgreSQL
alike), not with a dialect's JSON functions, and articles are read by id ranges so an archive's
records are never all in memory at once.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, select

from detente.store.rows import RecordError, stance_rows
from detente.store.schema import actors, articles, stances, timexes

log = logging.getLogger(__name__)

#: Articles read per query; a record is a few kB, so a chunk stays a few MB.
BACKFILL_CHUNK = 500


def _local_ids(conn: Connection, table: Any, article_ids: list[str]) -> dict[str, set[str]]:
    """Per article, the local ids stored in ``table`` (the ids a stance may point at)."""
    found: dict[str, set[str]] = {aid: set() for aid in article_ids}
    for aid, local in conn.execute(select(table.c.article_id, table.c.id).where(table.c.article_id.in_(article_ids))):
        found[aid].add(local)
    return found


def backfill_stances(conn: Connection) -> int:
    """Insert the stance rows of stored articles that have none; returns how many rows were written.

    References are checked against the actor and timex rows actually stored, so a stored record
    whose stances point at something missing is skipped with a warning instead of failing the
    whole upgrade on a foreign key: its record stays as it was, only the rows are left out.
    """
    has_rows = select(stances.c.article_id).where(stances.c.article_id == articles.c.id).exists()
    written, last = 0, ""
    while True:
        chunk = conn.execute(select(articles.c.id, articles.c.record).where(~has_rows, articles.c.id > last)
                             .order_by(articles.c.id).limit(BACKFILL_CHUNK)).all()
        if not chunk:
            return written
        last = chunk[-1][0]
        with_stances = [(aid, record) for aid, record in chunk if isinstance(record, dict) and record.get("stances")]
        if not with_stances:
            continue
        ids = [aid for aid, _ in with_stances]
        actor_ids, timex_ids = _local_ids(conn, actors, ids), _local_ids(conn, timexes, ids)
        rows: list[dict[str, Any]] = []
        for aid, record in with_stances:
            try:
                rows += stance_rows(aid, record, actor_ids[aid], timex_ids[aid])
            except RecordError as err:
                log.warning("article %s: stances not backfilled: %s", aid, err)
        if rows:
            conn.execute(stances.insert(), rows)
            written += len(rows)
