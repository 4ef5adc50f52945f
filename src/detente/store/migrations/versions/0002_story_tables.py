"""Story tables: event clusters across articles and the further sources of near-duplicate articles.

Mirrors ``clusters``, ``cluster_members`` and ``article_sources`` in ``detente.store.schema`` (owned by
``detente.story``). If those tables change before this revision ships, regenerate it; the test
``tests/scale/test_migrations.py`` fails while the revisions and ``schema.py`` disagree.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

#: Tables this revision creates; ``migrate.ensure`` uses them to place an unversioned store.
creates = ("clusters", "cluster_members", "article_sources")


def upgrade() -> None:
    """Create the three story tables."""
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "article_sources",
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("seen_id", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "seen_id"),
    )
    op.create_table(
        "cluster_members",
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.String(length=50), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id", "event_id"], ["events.article_id", "events.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["cluster_id"], ["clusters.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "event_id"),
    )
    op.create_index("ix_cluster_members_cluster", "cluster_members", ["cluster_id"], unique=False)


def downgrade() -> None:
    """Drop the story tables (clusters are recomputable from the events)."""
    op.drop_index("ix_cluster_members_cluster", table_name="cluster_members")
    op.drop_table("cluster_members")
    op.drop_table("article_sources")
    op.drop_table("clusters")
