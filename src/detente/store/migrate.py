"""Schema migrations with Alembic, for SQLite and PostgreSQL alike.

``metadata.create_all`` can create missing tables but never change an existing one; a team store
on PostgreSQL lives for years, so column changes go through numbered Alembic revisions
(``src/detente/store/migrations/versions``) and ``alembic_version`` records where a database stands.

* :func:`upgrade` brings any database (empty, or at an older revision) to ``head``.
* :func:`ensure` is what a ``Store.create()`` built on migrations would call: it also adopts a store
  created earlier by ``create_all`` (tables present, no ``alembic_version``) by stamping the
  revision its tables match, then upgrades from there.
* :func:`pending` compares the migrated schema with ``metadata`` (autogenerate's diff): empty when
  the revisions and ``schema.py`` agree. A test keeps it empty, so a table added to ``schema.py``
  without a revision fails the suite instead of a user's upgrade.

New revision: ``alembic -c src/detente/store/migrations/alembic.ini revision --autogenerate -m "…"``
against a database at head (see :func:`config` for the script location).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect

from detente.store.schema import metadata

MIGRATIONS = Path(__file__).parent / "migrations"
#: The first revision: the schema as ``create_all`` made it before migrations existed.
BASELINE = "0001"
#: The tables of the baseline revision (a store from before the story tables has only these).
BASELINE_TABLES = ("articles", "canonical_actors", "actors", "timexes", "events", "statements", "claims",
                   "event_actors")


def config(url: str, connection: Connection | None = None) -> Config:
    """An Alembic config for ``url``; with ``connection``, migrations run on it (and its settings)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # ConfigParser interpolation
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision id the package ships."""
    return ScriptDirectory.from_config(config("sqlite://")).get_current_head() or ""


def _engine(url: str) -> Any:
    """The store's own engine, so SQLite pragmas and a PostgreSQL search_path apply to migrations too."""
    from detente.store.store import Store

    return Store(url).engine


def current(url: str) -> str | None:
    """The revision a database is at (None: never migrated)."""
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision`` (default: the newest), in one transaction."""
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(config(url, conn), revision)
    finally:
        engine.dispose()


def stamp(url: str, revision: str) -> None:
    """Record ``revision`` as current without running anything (a schema already made by other means)."""
    engine = _engine(url)
    try:
        with engine.begin() as conn:
            command.stamp(config(url, conn), revision)
    finally:
        engine.dispose()


def ensure(url: str) -> None:
    """Bring any store to head: migrate a new or versioned one, adopt an unversioned ``create_all`` one.

    An unversioned store is stamped at the newest revision whose tables it already has all of
    (the baseline at least), then upgraded: a store made by an older ``create_all`` gets only the
    tables added since.
    """
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            version = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    if version is None and "articles" in tables:
        stamp(url, _matching_revision(tables))
    upgrade(url)


def _matching_revision(tables: set[str]) -> str:
    """The newest revision whose created tables are all present (revisions declare ``creates``)."""
    script = ScriptDirectory.from_config(config("sqlite://"))
    best = BASELINE
    for rev in reversed(list(script.walk_revisions())):  # oldest first
        creates = set(getattr(rev.module, "creates", ()))
        if creates and creates <= tables:
            best = rev.revision
        elif creates:
            break
    return best


def pending(url: str) -> list[Any]:
    """Differences between the database's schema and ``metadata`` (Alembic autogenerate ops)."""
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            return [d for d in compare_metadata(ctx, metadata) if not _ignorable(d)]
    finally:
        engine.dispose()


def _ignorable(diff: Any) -> bool:
    """Alembic's own bookkeeping table is not part of ``metadata``."""
    return isinstance(diff, tuple) and diff[0] == "remove_table" and diff[1].name == "alembic_version"
