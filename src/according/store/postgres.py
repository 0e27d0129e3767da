"""PostgresStore: the same store on PostgreSQL (`according[postgres]`, psycopg 3), full text via tsvector + GIN."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection, make_url

from according.store import schema as t
from according.store._sql import SQLStore
from according.store.base import SearchHit, SearchScope

_HEADLINE = 'StartSel="[", StopSel="]", MaxWords=30, MinWords=10, MaxFragments=1, FragmentDelimiter="…"'


def engine_url(url: str) -> sa.URL:
    """`postgresql://...` (or `postgres://...`) with the psycopg 3 driver, which is what the extra installs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database, for several readers and writers; the schema is created on first use."""

    def __init__(self, url: str) -> None:
        engine = sa.create_engine(engine_url(url), pool_pre_ping=True)
        super().__init__(engine, engine.url.render_as_string(hide_password=True))

    def _insert_error(self, conn: Connection, source: str, reason: str, detail: str, run_id: int | None) -> None:
        row = self._error_row(source, reason, detail, run_id)
        conn.execute(pg_insert(t.ingest_errors).values(**row).on_conflict_do_nothing(index_elements=["key"]))

    def _search(
        self, conn: Connection, words: list[str], *, limit: int, offset: int, scope: SearchScope
    ) -> list[SearchHit]:
        # plainto_tsquery ANDs the words, as the SQLite store does; the headline is computed for the page only
        if scope == "documents":
            sql = (
                "SELECT hit.id AS doc_id, hit.title, hit.url, NULL AS attribution_id, hit.score, "
                "ts_headline('english', hit.text, hit.q, :opts) AS snippet FROM ("
                "  SELECT d.id, d.title, d.url, d.text, d.pk, q, ts_rank(d.tsv, q) AS score"
                "  FROM documents d, plainto_tsquery('english', :q) q WHERE d.tsv @@ q"
                "  ORDER BY score DESC, d.pk LIMIT :limit OFFSET :offset) hit ORDER BY hit.score DESC, hit.pk"
            )
        else:
            sql = (
                "SELECT hit.doc_id, d.title, d.url, hit.id AS attribution_id, hit.score, "
                "ts_headline('english', hit.content_text, hit.q, :opts) AS snippet FROM ("
                "  SELECT a.doc_id, a.id, a.content_text, a.pk, q, ts_rank(a.tsv, q) AS score"
                "  FROM attributions a, plainto_tsquery('english', :q) q WHERE a.tsv @@ q"
                "  ORDER BY score DESC, a.pk LIMIT :limit OFFSET :offset) hit"
                " JOIN documents d ON d.id = hit.doc_id ORDER BY hit.score DESC, hit.pk"
            )
        params = {"q": " ".join(words), "limit": limit, "offset": offset, "opts": _HEADLINE}
        rows = conn.execute(sa.text(sql), params).mappings()
        return [
            SearchHit(r["doc_id"], r["title"], r["url"], r["snippet"], float(r["score"]), r["attribution_id"])
            for r in rows
        ]
