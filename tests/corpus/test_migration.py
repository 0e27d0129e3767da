"""Tests for migration 2 (provenance tables) in according.store.schema: a version-1 database is upgraded."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from according.store import open_store, schema
from according.store._sql import SQLStore


def test_migration_adds_provenance_tables_to_a_version_1_database(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = open_store(path)
    assert isinstance(store, SQLStore)
    with store.engine.begin() as conn:  # make it what a version-1 according left behind
        for table in reversed(schema.PROVENANCE_TABLES):
            table.drop(conn)
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version > 1))
    store.close()
    upgraded = open_store(path)
    assert isinstance(upgraded, SQLStore)
    assert upgraded.schema_version() == schema.LATEST >= 2
    names = set(sa.inspect(upgraded.engine).get_table_names())
    assert {t.name for t in schema.PROVENANCE_TABLES} <= names
    upgraded.close()
