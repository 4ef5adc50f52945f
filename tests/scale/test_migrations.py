"""Alembic migrations on SQLite and PostgreSQL: upgrading an empty database yields exactly the schema
``metadata.create_all`` makes, and a store made by ``create_all`` before migrations is adopted."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from detente.store import Store, migrate, queries
from detente.store.schema import metadata
from tests.scale.conftest import variant


def _tables(url: str) -> set[str]:
    with Store(url) as store:
        return set(inspect(store.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_of_empty_database_matches_create_all(store_url):
    migrate.upgrade(store_url)
    assert migrate.current(store_url) == migrate.head()
    assert _tables(store_url) == set(metadata.tables)
    diff = migrate.pending(store_url)
    assert diff == [], f"schema.py and the migrations disagree; add a revision: {diff}"
    migrate.upgrade(store_url)  # at head already: a no-op
    with Store(store_url) as store:
        assert store.add(variant(0)) is True
        assert queries.stats(store)["articles"] == 1


def test_ensure_adopts_a_create_all_store(store_url):
    with Store(store_url) as store:
        store.create()
        store.add(variant(1))
    assert migrate.current(store_url) is None
    migrate.ensure(store_url)
    assert migrate.current(store_url) == migrate.head()
    assert migrate.pending(store_url) == []
    with Store(store_url) as store:
        assert queries.stats(store)["articles"] == 1  # data untouched


def test_ensure_adds_what_an_older_store_lacks(store_url):
    baseline = [metadata.tables[name] for name in migrate.BASELINE_TABLES]
    with Store(store_url) as store:
        metadata.create_all(store.engine, tables=baseline)
    migrate.ensure(store_url)
    assert _tables(store_url) == set(metadata.tables)
    assert migrate.pending(store_url) == []


def test_downgrade_and_upgrade_again(store_url):
    migrate.upgrade(store_url)
    with Store(store_url) as store, store.engine.begin() as conn:
        command.downgrade(migrate.config(store_url, conn), "base")
    assert _tables(store_url) == set()
    migrate.upgrade(store_url)
    assert _tables(store_url) == set(metadata.tables)


def test_upgrade_to_the_band_keys_keys_the_stored_articles(store_url):
    """A store at revision 0002 with articles: 0003 creates ``article_bands`` and writes their keys."""
    from detente.story.minhash import text_keys

    migrate.upgrade(store_url)
    with Store(store_url) as store:
        store.add(variant(2))
        with store.engine.begin() as conn:
            command.downgrade(migrate.config(store_url, conn), "0002")
    assert "article_bands" not in _tables(store_url)
    migrate.upgrade(store_url)
    with Store(store_url) as store:
        assert queries.stats(store)["article_bands"] == len(set(text_keys(variant(2)["document"]["text"]))) > 0


def test_upgrade_to_stances_fills_them_from_the_stored_records(store_url):
    """A store at revision 0003 whose stored records carry stances: 0004 creates ``stances`` and writes
    their rows from ``articles.record``; a record from before the layer gets none."""
    from tests.store.conftest import istanbul_record
    from tests.store.stance_records import stance_record

    migrate.upgrade(store_url)
    with Store(store_url) as store:
        assert store.add(stance_record()) and store.add(istanbul_record())
        with store.engine.begin() as conn:  # back to 0003: the records stay, the stance rows go
            command.downgrade(migrate.config(store_url, conn), "0003")
    assert "stances" not in _tables(store_url) and migrate.current(store_url) == "0003"
    migrate.upgrade(store_url)
    assert migrate.current(store_url) == "0004" == migrate.head()
    assert migrate.pending(store_url) == []
    with Store(store_url) as store:
        assert queries.stats(store)["stances"] == 5
        assert [(p["id"], p["holder"]) for p in queries.stances(store, kind="desire")] == [("p2", "Donald Trump")]
        assert {p["article_id"] for p in queries.stances(store)} == {"positions"}


def test_ensure_places_an_unversioned_store_without_stances_at_0003(store_url):
    """A ``create_all`` store from before the stances table: ``ensure`` stamps 0003, and 0004 fills it."""
    from sqlalchemy import text

    from tests.store.stance_records import stance_record

    with Store(store_url) as store:
        store.create()
        assert store.add(stance_record())
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE stances"))
    assert migrate._matching_revision(_tables(store_url)) == "0003"
    migrate.ensure(store_url)
    assert migrate.current(store_url) == migrate.head()
    with Store(store_url) as store:
        assert queries.stats(store)["stances"] == 5
