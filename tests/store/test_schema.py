"""Tests for according.store.schema, the SQLite backend's specifics and open_store's dispatch."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from according.store import open_store, schema
from according.store._sql import SQLStore
from according.store.postgres import PostgresStore, engine_url
from according.store.sqlite import SQLiteStore
from according.types import Ledger


def test_schema_fresh_database_is_stamped_with_every_migration(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.db")
    assert isinstance(store, SQLStore)
    assert store.schema_version() == schema.LATEST
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(schema.schema_version.c.version)).scalars().all()
    assert rows == [m.version for m in schema.MIGRATIONS]
    store.close()
    reopened = open_store(tmp_path / "new.db")  # opening again migrates nothing and keeps the data
    assert isinstance(reopened, SQLStore)
    assert reopened.schema_version() == schema.LATEST
    reopened.close()


def test_schema_refuses_a_newer_database(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (999, 'from the future', '2100-01-01')")
    with pytest.raises(RuntimeError, match="newer"):
        open_store(path)


def test_sqlite_file_is_created_on_first_use_in_wal_mode(tmp_path: Path, ledgers: list[Ledger]) -> None:
    path = tmp_path / "sub" / "according.db"
    store = open_store(path)
    store.save(ledgers[0])
    store.close()
    assert path.is_file()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_sqlite_fts_follows_deletes(ledgers: list[Ledger]) -> None:
    store = SQLiteStore(":memory:")
    store.save_many(ledgers)
    assert store.search("ballistic missiles")
    with store.engine.begin() as conn:
        conn.execute(schema.documents.delete())  # children go with their documents (ON DELETE CASCADE)
        left = conn.exec_driver_sql("SELECT count(*) FROM attributions").scalar_one()
    assert left == 0
    assert store.search("ballistic missiles") == []
    assert store.search("said", scope="attributions") == []


@pytest.mark.parametrize(
    ("target", "kind"),
    [(":memory:", SQLiteStore), ("sqlite://", SQLiteStore), ("sqlite:///:memory:", SQLiteStore)],
    ids=["memory", "sqlite-url-memory", "sqlite-url-path"],
)
def test_open_store_dispatches_by_url(target: str, kind: type) -> None:
    store = open_store(target)
    assert isinstance(store, kind)
    store.close()


def test_postgres_urls_use_psycopg3() -> None:
    assert engine_url("postgresql://u:p@h/db").drivername == "postgresql+psycopg"
    assert engine_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert engine_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.postgres
def test_postgres_store_opens_by_url(pg_url: str) -> None:
    store = open_store(pg_url)
    assert isinstance(store, PostgresStore)
    assert store.schema_version() == schema.LATEST
    password = sa.make_url(pg_url).password
    assert not password or f":{password}@" not in store.url  # the URL is shown in messages; never the password
    store.close()
