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
    # "is there a later version of this document?" is asked per row by every corpus query (migration 3)
    sa.Index("ix_documents_supersedes", "supersedes"),
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

# -- entities, frames and evidence (migration 3): the ledger/2 records of one article -----------------------------

article_entities = sa.Table(
    "article_entities",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("id", sa.Text, nullable=False),  # Entity.id, unique within its document ("e1")
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False),  # what the corpus merges on ("country:IR", "org:quds force")
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("merges", sa.JSON, nullable=False),  # [EntityMerge.to_dict()]: why names were taken for one entity
    sa.UniqueConstraint("doc_id", "ord", name="uq_article_entities"),
    sa.Index("ix_article_entities_doc_id", "doc_id", "id"),
    sa.Index("ix_article_entities_key", "key"),
)

entity_mentions = sa.Table(
    "entity_mentions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("entity_id", sa.Text, nullable=False),
    sa.Column("entity_ord", sa.Integer, nullable=False),  # the entity's `ord`: ids need not be unique in bad input
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("span"),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("via", sa.Text, nullable=False),
    sa.UniqueConstraint("doc_id", "entity_ord", "ord", name="uq_entity_mentions"),
    sa.Index("ix_entity_mentions_label_text", "label", "span_text"),
)

frames = sa.Table(
    "frames",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("id", sa.Text, nullable=False),  # Frame.id ("f3")
    sa.Column("ord", sa.Integer, nullable=False),
    sa.Column("claim_id", sa.Text, nullable=False),  # an attribution ("a2") or an author statement ("u5")
    *_span("action"),
    sa.Column("lemma", sa.Text, nullable=False),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("modality", sa.Text),
    sa.Column("times", sa.JSON, nullable=False),  # [TimeExpression.to_dict()]
    sa.Column("quantities", sa.JSON, nullable=False),  # [Quantity.to_dict()]
    # the days the frame's normalised times cover (ISO "YYYY-MM-DD", both ends inclusive), for `facts --since`;
    # None when no time has a value
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.UniqueConstraint("doc_id", "ord", name="uq_frames"),
    sa.Index("ix_frames_doc_id", "doc_id", "id"),
    sa.Index("ix_frames_lemma", "lemma"),
    sa.Index("ix_frames_date", "date_start", "date_end"),
)

frame_arguments = sa.Table(
    "frame_arguments",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("frame_ord", sa.Integer, nullable=False),  # the frame's `ord`
    sa.Column("frame_id", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),  # actor | target | place
    sa.Column("ord", sa.Integer, nullable=False),  # within the role
    *_span("span"),
    sa.Column("entity_id", sa.Text),  # the article entity it refers to, when known
    sa.UniqueConstraint("doc_id", "frame_ord", "role", "ord", name="uq_frame_arguments"),
    sa.Index("ix_frame_arguments_entity", "doc_id", "entity_id", "role"),
)

evidence = sa.Table(
    "evidence",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("claim"),
    sa.Column("grade", sa.Integer, nullable=False),  # 1-6, Admiralty information credibility (docs/evidence.md)
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("independent_origins", sa.Integer, nullable=False),
    sa.Column("named_sources", sa.Integer, nullable=False),
    sa.Column("anonymous_sources", sa.Integer, nullable=False),
    sa.Column("people", sa.Integer),
    sa.Column("depth", sa.Integer, nullable=False),
    sa.Column("hedged", sa.Boolean, nullable=False),
    sa.Column("denied", sa.Boolean, nullable=False),
    sa.Column("author_voice", sa.Boolean, nullable=False),
    sa.UniqueConstraint("doc_id", "ord", name="uq_evidence"),
    sa.Index("ix_evidence_claim", "doc_id", "claim_id"),
    sa.Index("ix_evidence_grade", "grade"),
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
    article_entities,
    entity_mentions,
    frames,
    frame_arguments,
    evidence,
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
    article_entities,
    entity_mentions,
    frames,
    frame_arguments,
    evidence,
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


# -- corpus entities (migration 3): one record per real-world actor across articles, built by `according cluster` --

corpus_entities = sa.Table(
    "corpus_entities",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(32), nullable=False, unique=True),  # "E" + 12 hex digits, stable across rebuilds
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("aliases", sa.JSON, nullable=False),
    sa.Column("merges", sa.JSON, nullable=False),  # [EntityMerge.to_dict()]: why article entities were merged
    # counts over the latest version of each article, filled in by the build so listing needs no aggregation
    sa.Column("documents", sa.Integer, nullable=False, server_default="0"),
    sa.Column("as_actor", sa.Integer, nullable=False, server_default="0"),
    sa.Column("as_target", sa.Integer, nullable=False, server_default="0"),
    sa.Column("first_seen", sa.Text),  # ISO 8601: published, else ingested, of the earliest article
    sa.Column("last_seen", sa.Text),
    sa.Index("ix_corpus_entities_key", "key"),
    sa.Index("ix_corpus_entities_rank", "as_actor", "as_target", "documents"),
)

corpus_entity_names = sa.Table(
    "corpus_entity_names",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.String(32), sa.ForeignKey("corpus_entities.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.Text, nullable=False),  # the name or an alias, casefolded: what `entity NAME` looks up
    sa.UniqueConstraint("entity_id", "name", name="uq_corpus_entity_names"),
    sa.Index("ix_corpus_entity_names_name", "name"),
)

corpus_entity_links = sa.Table(
    "corpus_entity_links",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    _doc_id(),
    sa.Column("entity_id", sa.Text, nullable=False),  # the article entity ("e3")
    sa.Column(
        "corpus_entity_id", sa.String(32), sa.ForeignKey("corpus_entities.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("reason", sa.Text, nullable=False),  # why this article entity is that corpus entity
    sa.UniqueConstraint("doc_id", "entity_id", name="uq_corpus_entity_links"),
    sa.Index("ix_corpus_entity_links_entity", "corpus_entity_id", "doc_id"),
)

corpus_entity_builds = sa.Table(
    "corpus_entity_builds",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("built_at", sa.Text, nullable=False),
    sa.Column("method", sa.Text, nullable=False),
    sa.Column("documents", sa.Integer, nullable=False),
    sa.Column("article_entities", sa.Integer, nullable=False),
    sa.Column("entities", sa.Integer, nullable=False),
)

#: Derived corpus-entity tables, children after their parents; `according cluster` empties and refills them.
CORPUS_ENTITY_TABLES: tuple[sa.Table, ...] = (
    corpus_entities,
    corpus_entity_names,
    corpus_entity_links,
    corpus_entity_builds,
)


def _provenance(conn: Connection) -> None:
    for table in PROVENANCE_TABLES:
        table.create(conn, checkfirst=True)


# What migration 3 replaces: ledger/1 stored bare named-entity mentions, one row each.
_legacy = sa.MetaData()
_legacy_entities = sa.Table(
    "entities",
    _legacy,
    sa.Column("pk", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), nullable=False),
    sa.Column("ord", sa.Integer, nullable=False),
    *_span("span"),
    sa.Column("label", sa.Text, nullable=False),
)
_LEGACY_PAGE = 2000


def _entities_frames_evidence(conn: Connection) -> None:
    """Create the ledger/2 tables and move each stored entity mention into an entity of its own.

    That is how `Ledger.from_dict` reads a ledger/1 entity list, so a ledger saved before this migration
    loads exactly as it did (ids "e1", "e2" ... per document, in mention order).
    """
    for table in (article_entities, entity_mentions, frames, frame_arguments, evidence, *CORPUS_ENTITY_TABLES):
        table.create(conn, checkfirst=True)
    if "ix_documents_supersedes" not in {ix["name"] for ix in sa.inspect(conn).get_indexes("documents")}:
        next(ix for ix in documents.indexes if ix.name == "ix_documents_supersedes").create(conn)
    if not sa.inspect(conn).has_table("entities"):
        return
    old = _legacy_entities
    last = 0
    while True:
        rows = conn.execute(sa.select(old).where(old.c.pk > last).order_by(old.c.pk).limit(_LEGACY_PAGE)).all()
        if not rows:
            break
        conn.execute(
            article_entities.insert(),
            [
                {
                    "doc_id": r.doc_id,
                    "id": f"e{r.ord + 1}",
                    "ord": r.ord,
                    "name": r.span_text,
                    "type": "other",
                    "key": f"name:{r.span_text.lower()}",
                    "aliases": [],
                    "merges": [],
                }
                for r in rows
            ],
        )
        conn.execute(
            entity_mentions.insert(),
            [
                {
                    "doc_id": r.doc_id,
                    "entity_id": f"e{r.ord + 1}",
                    "entity_ord": r.ord,
                    "ord": 0,
                    "span_start": r.span_start,
                    "span_end": r.span_end,
                    "span_text": r.span_text,
                    "label": r.label,
                    "via": "ner",
                }
                for r in rows
            ],
        )
        last = rows[-1].pk
    old.drop(conn)


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
    Migration(3, "entity records and mentions, frames, evidence grades, corpus entities", _entities_frames_evidence),
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
