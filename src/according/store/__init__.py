"""records <-> database: `open_store(url_or_path)` gives a SQLite (default) or PostgreSQL Store."""

from __future__ import annotations

from pathlib import Path

from according.store._sql import SQLStore
from according.store.base import IngestError, SaveResult, SearchHit, Store
from according.store.sqlite import DEFAULT_PATH, SQLiteStore

__all__ = ["DEFAULT_PATH", "IngestError", "SQLStore", "SaveResult", "SearchHit", "Store", "open_store"]


def open_store(url_or_path: str | Path = DEFAULT_PATH) -> Store:
    """The store at a `postgresql://` URL, a `sqlite:///` URL, a file path, or `":memory:"`; created on first use.

    Raises:
        ImportError: a PostgreSQL URL without the `according[postgres]` extra installed (psycopg).
    """
    target = str(url_or_path)
    if target.startswith(("postgresql:", "postgresql+", "postgres:")):
        from according.store.postgres import PostgresStore

        return PostgresStore(target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :] or ":memory:"
    elif target in ("sqlite://", "sqlite:"):
        target = ":memory:"
    return SQLiteStore(target)
