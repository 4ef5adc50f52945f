"""The record store: SQLAlchemy Core tables, idempotent ingest and the queries the CLI renders."""

from detente.store import queries
from detente.store.canonical import name_key
from detente.store.rows import RecordError
from detente.store.store import Store

__all__ = ["RecordError", "Store", "name_key", "queries"]
