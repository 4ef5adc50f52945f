"""The store's tables (SQLAlchemy Core): one row per record item, plus cross-article canonical actors.

Per-article items (actors, timexes, statements, stances, claims, events) keep the record's own local
ids, so their primary keys are ``(article_id, id)`` and every reference inside a record (speaker,
holder, claimed_by, reported_by, about, event sources/targets) is a composite foreign key on the same
article. Deleting an article cascades to all its rows. ``event_actors`` flattens event sources
and targets with the canonical actor id copied in, so ``--actor`` filters are one indexed join.

Written for SQLite and PostgreSQL alike: only portable types (``JSON`` maps to TEXT on SQLite and
json on PostgreSQL), no dialect-specific DDL. ``events.about`` points at another event of the same
article that may come later in the list, so that foreign key is DEFERRABLE INITIALLY DEFERRED.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Connection,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
)

#: Bump with a migration when a column changes meaning (CODEBOOK ``schema`` is versioned alike).
SCHEMA_VERSION = 1

metadata = MetaData()

def _article_id() -> Column[str]:
    """The owning article of a per-article row; half of the composite primary key."""
    return Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _span_item() -> list[Column[Any]]:
    """The key and evidence of an item that is a stretch of the text (timex, statement, stance, claim):
    its article, local id, words and character offsets; fresh columns per table."""
    return [
        _article_id(),
        Column("id", String(50), primary_key=True),
        Column("text", Text, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
    ]


def _local_ref(column: str, table: str, *, deferred: bool = False) -> ForeignKeyConstraint:
    """A reference to another item of the *same* article: (article_id, column) -> table(article_id, id)."""
    return ForeignKeyConstraint(
        ["article_id", column],
        [f"{table}.article_id", f"{table}.id"],
        ondelete="CASCADE",
        deferrable=True if deferred else None,
        initially="DEFERRED" if deferred else None,
    )


articles = Table(
    "articles",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("source", Text),
    Column("url", Text),
    Column("published", String(40), index=True),  # ISO date or date-time as given
    Column("language", String(20)),
    Column("text", Text, nullable=False),
    Column("warnings", JSON),
    Column("record", JSON, nullable=False),  # the whole record dict, returned by Store.get_record
    Column("ingested_at", String(40), nullable=False),
)

canonical_actors = Table(
    "canonical_actors",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(300), nullable=False, unique=True),  # wikidata Q-id, else the name key
    Column("name_key", String(300), nullable=False, index=True),  # always the folded name
    Column("name", Text, nullable=False),
    Column("kind", String(20)),
    Column("country", String(3)),
    Column("sector", String(10)),
    Column("wikidata", String(20)),
    Column("roles", JSON),
    Column("aliases", JSON),
    Index("ix_canonical_actors_name", "name"),
)

actors = Table(
    "actors",
    metadata,
    _article_id(),
    Column("id", String(50), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20)),
    Column("country", String(3)),
    Column("sector", String(10)),
    Column("roles", JSON),
    Column("aliases", JSON),
    Column("mentions", JSON),
    Column("n_mentions", Integer, nullable=False, default=0),  # len(mentions), for SQL aggregates
    Column("wikidata", String(20)),
    Column("canonical_id", Integer, ForeignKey("canonical_actors.id", ondelete="SET NULL"), index=True),
)

timexes = Table(
    "timexes",
    metadata,
    *_span_item(),
    Column("type", String(10), nullable=False),
    Column("value", String(60)),
    Column("tz", String(60)),
    Column("utc", String(40)),
    Column("mod", String(20)),
)

statements = Table(
    "statements",
    metadata,
    *_span_item(),
    Column("kind", String(10)),
    Column("speaker", String(50)),
    Column("cue", Text),
    Column("channel", Text),
    Column("time", String(50)),
    _local_ref("speaker", "actors"),
    _local_ref("time", "timexes"),
)

#: Positions someone holds (believes, wants, plans, backs, opposes, found) rather than says; the
#: record's ``stances``. Spans are kept as start/end pairs so the UI can mark position, cue and holder.
#: ``--actor`` reaches a stance through its holder: canonical ids -> actors -> (article_id, holder).
stances = Table(
    "stances",
    metadata,
    *_span_item(),
    Column("kind", String(20), nullable=False),
    Column("holder", String(50)),
    Column("holder_start", Integer),
    Column("holder_end", Integer),
    Column("cue", Text, nullable=False),
    Column("cue_start", Integer, nullable=False),
    Column("cue_end", Integer, nullable=False),
    Column("negated", Boolean, nullable=False, default=False),
    Column("time", String(50)),
    _local_ref("holder", "actors"),
    _local_ref("time", "timexes"),
    Index("ix_stances_holder", "article_id", "holder"),
    Index("ix_stances_kind", "kind"),
)

events = Table(
    "events",
    metadata,
    _article_id(),
    Column("id", String(50), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("mode", String(30)),
    Column("cameo", String(10)),
    Column("status", String(20), nullable=False),
    Column("negated", Boolean, nullable=False, default=False),
    Column("time_timex", String(50)),
    Column("time_value", String(60)),
    Column("time_start", String(40)),
    Column("time_end", String(40)),
    Column("place_name", Text),
    Column("place_country", String(3)),
    Column("place_lat", Float),
    Column("place_lon", Float),
    Column("place_geonames", Integer),
    Column("reported_by", String(50)),
    Column("about", String(50)),
    Column("condition", Text),
    Column("trigger_text", Text),
    Column("trigger_start", Integer),
    Column("trigger_end", Integer),
    Column("sentence", Integer),
    Column("evidence", JSON),
    Column("confidence", Float),
    Column("sources", JSON),  # actor ids as in the record; names come from event_actors joins
    Column("targets", JSON),
    CheckConstraint("confidence >= 0 AND confidence <= 1", name="ck_events_confidence"),
    _local_ref("reported_by", "actors"),
    _local_ref("time_timex", "timexes"),
    _local_ref("about", "events", deferred=True),
    Index("ix_events_type", "type"),
    Index("ix_events_status", "status"),
    Index("ix_events_time_value", "time_value"),
)

claims = Table(
    "claims",
    metadata,
    *_span_item(),
    Column("value", Float, nullable=False),
    Column("qualifier", String(20)),
    Column("unit", Text),
    Column("per", String(20)),
    Column("predicate", Text),
    Column("claimed_by", String(50)),
    Column("about", String(50)),
    _local_ref("claimed_by", "actors"),
    _local_ref("about", "events"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("article_id", String(200), primary_key=True),
    Column("event_id", String(50), primary_key=True),
    Column("actor_id", String(50), primary_key=True),
    Column("role", String(10), primary_key=True),
    Column("canonical_id", Integer, ForeignKey("canonical_actors.id", ondelete="SET NULL")),
    CheckConstraint("role IN ('source', 'target')", name="ck_event_actors_role"),
    ForeignKeyConstraint(
        ["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"
    ),
    ForeignKeyConstraint(
        ["article_id", "actor_id"], ["actors.article_id", "actors.id"], ondelete="CASCADE"
    ),
    Index("ix_event_actors_canonical", "canonical_id"),
)

# --- Cross-document story tables (``detente.story``) -------------------------------------------
# Every stored event belongs to exactly one cluster (most to a cluster of one). Membership rows
# cascade away with their article; a cluster left without members is deleted by ``Store.remove``.

clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("type", String(20), nullable=False),  # the PLOVER type all members share
    Column("created_at", String(40), nullable=False),
)

cluster_members = Table(
    "cluster_members",
    metadata,
    Column("article_id", String(200), primary_key=True),
    Column("event_id", String(50), primary_key=True),
    Column("cluster_id", Integer, ForeignKey("clusters.id", ondelete="CASCADE"), nullable=False),
    ForeignKeyConstraint(
        ["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"
    ),
    Index("ix_cluster_members_cluster", "cluster_id"),
)

# Further sources of a stored article: near-duplicates (syndicated copies, republished wires) that
# were not stored again. ``seen_id`` is the id the copy arrived with.
article_sources = Table(
    "article_sources",
    metadata,
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("seen_id", String(200), primary_key=True),
    Column("source", Text),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(40)),
)

#: LSH band keys of each article's MinHash (``detente.story.minhash``): a text's near-duplicates are
#: the articles that share a key with it, found through the key index instead of an index of every
#: stored text rebuilt in memory at each ingest.
article_bands = Table(
    "article_bands",
    metadata,
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("key", BigInteger, primary_key=True),
    Index("ix_article_bands_key", "key"),
)

#: Per-article tables in insert order (referenced tables first); counts in ``queries.stats``.
ARTICLE_TABLES = (actors, timexes, statements, stances, events, event_actors, claims)
STORY_TABLES = (clusters, cluster_members, article_sources, article_bands)
ALL_TABLES = (articles, canonical_actors, *ARTICLE_TABLES, *STORY_TABLES)


def next_ids(conn: Connection, table: Table, n: int) -> list[int]:
    """Reserve ``n`` ids of ``table`` (an integer ``id`` key) for rows inserted with explicit ids.

    Batches insert many new rows at once and need their ids before the rows that point at them;
    ``INSERT … RETURNING`` cannot tie ids to rows in order on SQLite (SQLAlchemy then sends one
    INSERT per row). On SQLite the caller holds the store's write lock (``BEGIN IMMEDIATE``), so
    max + 1 onwards is what SQLite itself would assign; on PostgreSQL the column's sequence hands
    them out, safe against concurrent writers.
    """
    if n <= 0:
        return []
    if conn.dialect.name == "postgresql":
        seq = func.pg_get_serial_sequence(table.name, "id")
        return list(conn.execute(select(func.nextval(seq)).select_from(func.generate_series(1, n))).scalars())
    first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
    return list(range(first, first + n))
