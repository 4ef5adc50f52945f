"""Stances: positions someone holds rather than says (the record's ``stances`` layer).

Mirrors ``stances`` in ``detente.store.schema``. Records stored before this revision keep their
whole record in ``articles.record``; the upgrade also writes the rows of those whose record has a
``stances`` list (``detente.store.backfill``, the JSON read in Python so it runs the same on SQLite
and PostgreSQL). Records from before the layer have no such list and get no rows.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

#: Tables this revision creates; ``migrate.ensure`` uses them to place an unversioned store.
creates = ("stances",)


def upgrade() -> None:
    """Create the stances table and its indexes, and fill it from the stored records."""
    from detente.store.backfill import backfill_stances

    op.create_table(
        "stances",
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("id", sa.String(length=50), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("holder", sa.String(length=50), nullable=True),
        sa.Column("holder_start", sa.Integer(), nullable=True),
        sa.Column("holder_end", sa.Integer(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=False),
        sa.Column("cue_end", sa.Integer(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("time", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(["article_id", "holder"], ["actors.article_id", "actors.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id", "time"], ["timexes.article_id", "timexes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "id"),
    )
    op.create_index("ix_stances_holder", "stances", ["article_id", "holder"], unique=False)
    op.create_index("ix_stances_kind", "stances", ["kind"], unique=False)
    backfill_stances(op.get_bind())


def downgrade() -> None:
    """Drop the stances table (its rows are recomputable from ``articles.record``)."""
    op.drop_index("ix_stances_kind", table_name="stances")
    op.drop_index("ix_stances_holder", table_name="stances")
    op.drop_table("stances")
