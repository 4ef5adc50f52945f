"""Near-duplicate keys: the MinHash LSH band keys of every article (``article_bands``).

Mirrors ``article_bands`` in ``detente.store.schema``. The upgrade also writes the keys of the
articles already stored (``detente.story.dedup.backfill``, a few hundred articles a statement), so
near-duplicates of the archive are found from the first ingest after it.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

#: Tables this revision creates; ``migrate.ensure`` uses them to place an unversioned store.
creates = ("article_bands",)


def upgrade() -> None:
    """Create the key table and its index, and key the stored articles."""
    from detente.story.dedup import backfill

    op.create_table(
        "article_bands",
        sa.Column("article_id", sa.String(length=200), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", "key"),
    )
    op.create_index("ix_article_bands_key", "article_bands", ["key"], unique=False)
    backfill(op.get_bind())


def downgrade() -> None:
    """Drop the keys (recomputable from the texts)."""
    op.drop_index("ix_article_bands_key", table_name="article_bands")
    op.drop_table("article_bands")
