"""Tables (SQLAlchemy Core) and numbered migrations, shared by the SQLite and PostgreSQL stores.

Every span is stored as half-open character offsets into `documents.text` plus its surface text, so rows can be
queried without the document and a ledger can be rebuilt exactly (`Ledger.to_dict()` round-trips).
Full-text search is dialect-specific and is created here too: FTS5 tables kept in sync by triggers on SQLite,
generated `tsvector` columns with GIN indexes on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

metadata = sa.MetaData()


def _span(prefix: str, *, nullable: bool = False) -> list[sa.Column[Any]]:
    """The three columns of a span: `<prefix>_start`, `<prefix>_end`, `<prefix>_text`."""
    return [
        sa.Column(f"{prefix}_start", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer, nullable=nullable),
        sa.Column(f"{prefix}_text", sa.Text, nullable=nullable),
    ]


schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text),
    sa.Column("status", sa.Text, nullable=False),  # running | done | failed | interrupted
    sa.Column("inputs", sa.JSON, nullable=False),
    sa.Column("total", sa.Integer),  # input records counted before the run, for the progress bar
    sa.Column("seen", sa.Integer, nullable=False, server_default="0"),
    sa.Column("saved", sa.Integer, nullable=False, server_default="0"),
    sa.Column("already_stored", sa.Integer, nullable=False, server_default="0"),
    sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_source", sa.Text),  # the last input record committed: where a resumed run picks up
)

documents = sa.Table(
    "documents",
    metadata,
    # an explicit INTEGER PRIMARY KEY: SQLite's FTS5 external-content table needs a rowid that VACUUM keeps
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),  # Document.id: sha256 of url + text
    sa.Column("url", sa.Text),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),  # 1, 2, ... per url, in ingest order
    sa.Column("supersedes", sa.String(64)),  # id of the previous version of the same url
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.Text),  # ISO 8601 exactly as Document.to_dict writes it (offset kept)
    sa.Column("author", sa.Text),
    sa.Column("title_start", sa.Integer),
    sa.Column("title_end", sa.Integer),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("schema", sa.Text, nullable=False),
    sa.Column("model", sa.Text, nullable=False),
    sa.Column("sentences", sa.Integer, nullable=False),
    sa.Column("profile", sa.JSON, nullable=False),
    sa.Column("warnings", sa.JSON, nullable=False),
    sa.Column("run_id", sa.Integer),
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.Index("ix_documents_url_version", "url", "version"),
    sa.Index("ix_documents_sha256", "sha256"),
    sa.Index("ix_documents_outlet_published", "outlet", "published"),
)


def _doc_id() -> sa.Column[str]:
    """The owning document's id; its rows go with it."""
    return sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False)


sources = sa.Table(
    "sources",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("id", sa.Text, nullable=False),  # Source.id, unique within its document ("s1")
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("anonymous", sa.Boolean, nullable=False),
    sa.Column("count", sa.Integer),
    sa.Column("count_phrase", sa.Text),
    sa.Column("affiliation", sa.Text),
    sa.Column("role", sa.Text),
    sa.Column("members", sa.JSON, nullable=False),  # [SourceMember.to_dict()]: groups inside a composite source
    sa.UniqueConstraint("doc_id", "id", name="uq_sources_doc_id"),
    sa.Index("ix_sources_type_name", "type", "name"),
)

source_mentions = sa.Table(
    "source_mentions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("source_id", sa.Text, nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("mention"),
    sa.UniqueConstraint("doc_id", "source_id", "ord", name="uq_source_mentions"),
)

attributions = sa.Table(
    "attributions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),  # the FTS5 rowid of attributions_fts
    _doc_id(),
    sa.Column("id", sa.Text, nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("stance", sa.Text, nullable=False),
    sa.Column("certainty", sa.Text, nullable=False),
    *_span("content"),
    sa.Column("content_parts", sa.JSON, nullable=False),
    *_span("cue", nullable=True),
    *_span("source_mention", nullable=True),
    sa.Column("source_id", sa.Text),
    sa.Column("parent", sa.Text),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("method", sa.Text, nullable=False),
    sa.Column("hedge_ids", sa.JSON, nullable=False),
    sa.UniqueConstraint("doc_id", "id", name="uq_attributions_doc_id"),
    sa.Index("ix_attributions_doc_source", "doc_id", "source_id"),
)

hedges = sa.Table(
    "hedges",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("id", sa.Text, nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("span"),
    sa.Column("kind", sa.Text, nullable=False),
    sa.UniqueConstraint("doc_id", "id", name="uq_hedges_doc_id"),
)

opinion_sentences = sa.Table(
    "opinion_sentences",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("span"),
    sa.UniqueConstraint("doc_id", "ord", name="uq_opinion_sentences"),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("span"),
    sa.Column("label", sa.Text, nullable=False),
    sa.UniqueConstraint("doc_id", "ord", name="uq_entities"),
    sa.Index("ix_entities_label_text", "label", "span_text"),
)

# The ledger's framing spans: label = the technique, attributes = {"score": ...}.
framing_spans = sa.Table(
    "framing_spans",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("span"),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("attributes", sa.JSON, nullable=False),
    sa.Column("method", sa.Text, nullable=False),
    sa.UniqueConstraint("doc_id", "ord", name="uq_framing_spans"),
)

ingest_errors = sa.Table(
    "ingest_errors",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    # sha256 of source, reason and detail: the same bad record met again is not stored twice
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("run_id", sa.Integer),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Index("ix_ingest_errors_reason", "reason"),
)

#: The tables that hold the corpus (not bookkeeping), children after their parents.
CONTENT_TABLES: tuple[sa.Table, ...] = (
    documents,
    sources,
    source_mentions,
    attributions,
    hedges,
    opinion_sentences,
    entities,
    framing_spans,
    ingest_errors,
)
#: Rows that belong to one document, deleted with it.
DOCUMENT_CHILDREN: tuple[sa.Table, ...] = (
    sources,
    source_mentions,
    attributions,
    hedges,
    opinion_sentences,
    entities,
    framing_spans,
)

# -- provenance (migration 2): derived from the ledgers by `according cluster`; rebuilt whole, never edited --------
# Nothing here is source data: dropping these rows and running the build again gives the same rows back.

provenance_builds = sa.Table(
    "provenance_builds",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("built_at", sa.Text, nullable=False),
    sa.Column("method", sa.Text, nullable=False),  # "according.provenance.v1": the algorithm and its settings
    sa.Column("params", sa.JSON, nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),  # what the corpus was: a rebuild of the same is a no-op
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("attributions", sa.Integer, nullable=False),
    sa.Column("groups", sa.Integer, nullable=False),
    sa.Column("clusters", sa.Integer, nullable=False),
)

syndication_groups = sa.Table(
    "syndication_groups",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("original_doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
)

syndication_members = sa.Table(
    "syndication_members",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("group_id", sa.String(32), sa.ForeignKey("syndication_groups.id", ondelete="CASCADE"), nullable=False),
    _doc_id(),
    sa.Column("is_original", sa.Boolean, nullable=False),
    sa.Column("matched_doc_id", sa.String(64)),  # the copy it was matched to (None for the first member)
    sa.Column("score", sa.Double),  # estimated Jaccard of the word 5-shingles with `matched_doc_id`
    sa.UniqueConstraint("doc_id", name="uq_syndication_members_doc"),
)

claim_clusters = sa.Table(
    "claim_clusters",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),
    sa.Column("label", sa.Text, nullable=False),  # the earliest member's content
    sa.Column("size", sa.Integer, nullable=False),  # attributions
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("independent_origins", sa.Integer, nullable=False),
    sa.Column("earliest_doc_id", sa.String(64), nullable=False),
    sa.Column("earliest_attribution_id", sa.Text, nullable=False),
    sa.Column("earliest_published", sa.Text),
    sa.Column("origins", sa.JSON, nullable=False),  # [{"key", "reason", "members": [...]}]: why members count once
    sa.Index("ix_claim_clusters_rank", "independent_origins", "documents"),
)

cluster_members = sa.Table(
    "cluster_members",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("cluster_id", sa.String(32), sa.ForeignKey("claim_clusters.id", ondelete="CASCADE"), nullable=False),
    _doc_id(),
    sa.Column("attribution_id", sa.Text, nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("matched_doc_id", sa.String(64)),  # the member it was merged with (None for the first)
    sa.Column("matched_attribution_id", sa.Text),
    sa.Column("score", sa.Double),
    sa.Column(
        "reason", sa.Text, nullable=False
    ),  # "identical" | "jaccard" | "containment" | "jaccard+source" | "first"
    sa.Column("shared", sa.Text),  # the words both contents share, which the score counts
    sa.Column("origin", sa.Integer, nullable=False),  # index into claim_clusters.origins
    sa.UniqueConstraint("doc_id", "attribution_id", name="uq_cluster_members_attribution"),
    sa.Index("ix_cluster_members_cluster", "cluster_id", "ord"),
)

#: Derived provenance tables, children after their parents; `according cluster` empties and refills them.
PROVENANCE_TABLES: tuple[sa.Table, ...] = (
    syndication_groups,
    syndication_members,
    claim_clusters,
    cluster_members,
    provenance_builds,
)


def _provenance(conn: Connection) -> None:
    for table in PROVENANCE_TABLES:
        table.create(conn, checkfirst=True)


_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "title, text, content='documents', content_rowid='pk', tokenize='porter unicode61')",
    "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER documents_fts_au AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE VIRTUAL TABLE attributions_fts USING fts5("
    "content_text, content='attributions', content_rowid='pk', tokenize='porter unicode61')",
    "CREATE TRIGGER attributions_fts_ai AFTER INSERT ON attributions BEGIN "
    "INSERT INTO attributions_fts(rowid, content_text) VALUES (new.pk, new.content_text); END",
    "CREATE TRIGGER attributions_fts_ad AFTER DELETE ON attributions BEGIN "
    "INSERT INTO attributions_fts(attributions_fts, rowid, content_text) "
    "VALUES ('delete', old.pk, old.content_text); END",
    "CREATE TRIGGER attributions_fts_au AFTER UPDATE OF content_text ON attributions BEGIN "
    "INSERT INTO attributions_fts(attributions_fts, rowid, content_text) "
    "VALUES ('delete', old.pk, old.content_text); "
    "INSERT INTO attributions_fts(rowid, content_text) VALUES (new.pk, new.content_text); END",
)

_POSTGRES_FTS = (
    "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)",
    "ALTER TABLE attributions ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', content_text)) STORED",
    "CREATE INDEX ix_attributions_tsv ON attributions USING gin (tsv)",
)


def _full_text(conn: Connection) -> None:
    for ddl in _SQLITE_FTS if conn.dialect.name == "sqlite" else _POSTGRES_FTS:
        conn.exec_driver_sql(ddl)


def _initial(conn: Connection) -> None:
    metadata.create_all(conn)
    _full_text(conn)


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered step; `apply` runs inside the migration's transaction."""

    version: int
    description: str
    apply: Callable[[Connection], None]


#: Append only; never edit a released step. A fresh database gets `metadata.create_all` (the current tables)
#: and is stamped with every version, so steps after 1 only ever run on databases made before them.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, ledger records, ingest errors, runs, full text", _initial),
    Migration(2, "syndication groups, claim clusters and their members, provenance builds", _provenance),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The highest applied migration, 0 for a database without the `schema_version` table."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(schema_version.c.version), 0))).scalar_one())


def migrate(conn: Connection) -> int:
    """Bring the database to `LATEST` and return the version it was at before.

    Raises:
        RuntimeError: the database was written by a newer version of according.
    """
    before = current_version(conn)
    if before > LATEST:
        raise RuntimeError(f"database schema version {before} is newer than this according ({LATEST}); upgrade it")
    now = datetime.now(UTC).isoformat()
    if before == 0:
        _initial(conn)
        conn.execute(
            schema_version.insert(),
            [{"version": m.version, "description": m.description, "applied_at": now} for m in MIGRATIONS],
        )
        return 0
    for m in MIGRATIONS:
        if m.version > before:
            m.apply(conn)
            conn.execute(schema_version.insert().values(version=m.version, description=m.description, applied_at=now))
    return before
