"""Alembic migrations of the store schema (SQLite and PostgreSQL); run them with ``detente.store.migrate``."""
