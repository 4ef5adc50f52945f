"""Baseline: the store schema as ``metadata.create_all`` made it before migrations existed.

Generated with ``alembic revision --autogenerate`` against an empty database, then tidied. A store
created by ``create_all`` before this revision existed is adopted by ``detente.store.migrate.ensure``
(stamped here, not re-created).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

#: Tables this revision creates; ``migrate.ensure`` uses them to place an unversioned store.
creates = ("articles", "canonical_actors", "actors", "timexes", "events", "statements", "claims", "event_actors")


def upgrade() -> None:
    """Create the eight tables of schema version 1, referenced tables first."""
    op.create_table('articles',
    sa.Column('id', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=40), nullable=True),
    sa.Column('language', sa.String(length=20), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=True),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('ingested_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256')
    )
    op.create_index(op.f('ix_articles_published'), 'articles', ['published'], unique=False)

    op.create_table('canonical_actors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('name_key', sa.String(length=300), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=10), nullable=True),
    sa.Column('wikidata', sa.String(length=20), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index('ix_canonical_actors_name', 'canonical_actors', ['name'], unique=False)
    op.create_index(op.f('ix_canonical_actors_name_key'), 'canonical_actors', ['name_key'], unique=False)

    op.create_table('actors',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=50), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('country', sa.String(length=3), nullable=True),
    sa.Column('sector', sa.String(length=10), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=True),
    sa.Column('mentions', sa.JSON(), nullable=True),
    sa.Column('n_mentions', sa.Integer(), nullable=False),
    sa.Column('wikidata', sa.String(length=20), nullable=True),
    sa.Column('canonical_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['canonical_id'], ['canonical_actors.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_index(op.f('ix_actors_canonical_id'), 'actors', ['canonical_id'], unique=False)

    op.create_table('timexes',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=50), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('value', sa.String(length=60), nullable=True),
    sa.Column('tz', sa.String(length=60), nullable=True),
    sa.Column('utc', sa.String(length=40), nullable=True),
    sa.Column('mod', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_table('events',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=50), nullable=False),
    sa.Column('type', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=30), nullable=True),
    sa.Column('cameo', sa.String(length=10), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('negated', sa.Boolean(), nullable=False),
    sa.Column('time_timex', sa.String(length=50), nullable=True),
    sa.Column('time_value', sa.String(length=60), nullable=True),
    sa.Column('time_start', sa.String(length=40), nullable=True),
    sa.Column('time_end', sa.String(length=40), nullable=True),
    sa.Column('place_name', sa.Text(), nullable=True),
    sa.Column('place_country', sa.String(length=3), nullable=True),
    sa.Column('place_lat', sa.Float(), nullable=True),
    sa.Column('place_lon', sa.Float(), nullable=True),
    sa.Column('place_geonames', sa.Integer(), nullable=True),
    sa.Column('reported_by', sa.String(length=50), nullable=True),
    sa.Column('about', sa.String(length=50), nullable=True),
    sa.Column('condition', sa.Text(), nullable=True),
    sa.Column('trigger_text', sa.Text(), nullable=True),
    sa.Column('trigger_start', sa.Integer(), nullable=True),
    sa.Column('trigger_end', sa.Integer(), nullable=True),
    sa.Column('sentence', sa.Integer(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=True),
    sa.Column('targets', sa.JSON(), nullable=True),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name='ck_events_confidence'),
    sa.ForeignKeyConstraint(['article_id', 'about'], ['events.article_id', 'events.id'], ondelete='CASCADE',
                            initially='DEFERRED', deferrable=True),
    sa.ForeignKeyConstraint(['article_id', 'reported_by'], ['actors.article_id', 'actors.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id', 'time_timex'], ['timexes.article_id', 'timexes.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_index('ix_events_status', 'events', ['status'], unique=False)
    op.create_index('ix_events_time_value', 'events', ['time_value'], unique=False)
    op.create_index('ix_events_type', 'events', ['type'], unique=False)

    op.create_table('statements',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=50), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=True),
    sa.Column('speaker', sa.String(length=50), nullable=True),
    sa.Column('cue', sa.Text(), nullable=True),
    sa.Column('channel', sa.Text(), nullable=True),
    sa.Column('time', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['article_id', 'speaker'], ['actors.article_id', 'actors.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id', 'time'], ['timexes.article_id', 'timexes.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_table('claims',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=50), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('qualifier', sa.String(length=20), nullable=True),
    sa.Column('unit', sa.Text(), nullable=True),
    sa.Column('per', sa.String(length=20), nullable=True),
    sa.Column('predicate', sa.Text(), nullable=True),
    sa.Column('claimed_by', sa.String(length=50), nullable=True),
    sa.Column('about', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['article_id', 'about'], ['events.article_id', 'events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id', 'claimed_by'], ['actors.article_id', 'actors.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('article_id', 'id')
    )
    op.create_table('event_actors',
    sa.Column('article_id', sa.String(length=200), nullable=False),
    sa.Column('event_id', sa.String(length=50), nullable=False),
    sa.Column('actor_id', sa.String(length=50), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('canonical_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("role IN ('source', 'target')", name='ck_event_actors_role'),
    sa.ForeignKeyConstraint(['article_id', 'actor_id'], ['actors.article_id', 'actors.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['article_id', 'event_id'], ['events.article_id', 'events.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['canonical_id'], ['canonical_actors.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('article_id', 'event_id', 'actor_id', 'role')
    )
    op.create_index('ix_event_actors_canonical', 'event_actors', ['canonical_id'], unique=False)



def downgrade() -> None:
    """Drop everything (the store's data with it)."""
    op.drop_index('ix_event_actors_canonical', table_name='event_actors')

    op.drop_table('event_actors')
    op.drop_table('claims')
    op.drop_table('statements')
    op.drop_index('ix_events_type', table_name='events')
    op.drop_index('ix_events_time_value', table_name='events')
    op.drop_index('ix_events_status', table_name='events')

    op.drop_table('events')
    op.drop_table('timexes')
    op.drop_index(op.f('ix_actors_canonical_id'), table_name='actors')

    op.drop_table('actors')
    op.drop_index(op.f('ix_canonical_actors_name_key'), table_name='canonical_actors')
    op.drop_index('ix_canonical_actors_name', table_name='canonical_actors')

    op.drop_table('canonical_actors')
    op.drop_index(op.f('ix_articles_published'), table_name='articles')

    op.drop_table('articles')
