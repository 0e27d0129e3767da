"""SQLiteStore: the embedded default (`according.db`), WAL journal, FTS5 full text kept in sync by triggers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.pool import StaticPool

from according.store import schema as t
from according.store._sql import SQLStore
from according.store.base import SearchHit, SearchScope

DEFAULT_PATH = "according.db"
MEMORY = ":memory:"
_SNIPPET_TOKENS = 16


class SQLiteStore(SQLStore):
    """A store in one SQLite file (created on first use), or in memory for `":memory:"`.

    SQLite allows one writer at a time: run one ingest per file (readers are never blocked, thanks to WAL).
    """

    def __init__(self, path: str | Path = DEFAULT_PATH) -> None:
        path = str(path)
        memory = path == MEMORY
        if memory:
            # one shared connection: every new connection to ":memory:" would be a new, empty database
            engine = sa.create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(f"sqlite:///{Path(path).expanduser()}", connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            if not memory:
                cur.execute("PRAGMA journal_mode = WAL")
                cur.execute("PRAGMA synchronous = NORMAL")  # durable at each commit's checkpoint; safe with WAL
            cur.close()

        super().__init__(engine, path)

    def _insert_error(self, conn: Connection, source: str, reason: str, detail: str, run_id: int | None) -> None:
        row = self._error_row(source, reason, detail, run_id)
        conn.execute(sqlite_insert(t.ingest_errors).values(**row).on_conflict_do_nothing(index_elements=["key"]))

    def _search(
        self, conn: Connection, words: list[str], *, limit: int, offset: int, scope: SearchScope
    ) -> list[SearchHit]:
        # each word as an FTS5 string, so query syntax (AND, NEAR, *, :) in the user's text is taken literally
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        if scope == "documents":
            sql = (
                "SELECT d.id AS doc_id, d.title, d.url, NULL AS attribution_id, "
                f"snippet(documents_fts, 1, '[', ']', '…', {_SNIPPET_TOKENS}) AS snippet, "
                "-bm25(documents_fts) AS score "
                "FROM documents_fts JOIN documents d ON d.pk = documents_fts.rowid "
                "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts), d.pk LIMIT :limit OFFSET :offset"
            )
        else:
            sql = (
                "SELECT d.id AS doc_id, d.title, d.url, a.id AS attribution_id, "
                f"snippet(attributions_fts, 0, '[', ']', '…', {_SNIPPET_TOKENS}) AS snippet, "
                "-bm25(attributions_fts) AS score "
                "FROM attributions_fts JOIN attributions a ON a.pk = attributions_fts.rowid "
                "JOIN documents d ON d.id = a.doc_id "
                "WHERE attributions_fts MATCH :q ORDER BY bm25(attributions_fts), a.pk LIMIT :limit OFFSET :offset"
            )
        rows = conn.execute(sa.text(sql), {"q": match, "limit": limit, "offset": offset}).mappings()
        return [
            SearchHit(r["doc_id"], r["title"], r["url"], r["snippet"], float(r["score"]), r["attribution_id"])
            for r in rows
        ]
