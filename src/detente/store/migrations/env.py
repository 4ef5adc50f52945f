"""Alembic environment: the package's own ``metadata`` is the target, so autogenerate compares against it.

``detente.store.migrate`` hands in an open connection (``config.attributes["connection"]``) so the
migration runs on the same engine settings the store uses (SQLite pragmas, a PostgreSQL
``search_path`` given in the URL). Run from the ``alembic`` command line instead, it builds its own
engine from ``sqlalchemy.url``. ``render_as_batch`` lets later revisions alter columns on SQLite,
which has no ALTER COLUMN (Alembic copies the table instead).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from detente.store.schema import metadata

config = context.config
target_metadata = metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """``--sql`` mode: print the DDL for a DBA to review instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
