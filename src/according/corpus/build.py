"""`according cluster`: compute syndication groups, claim clusters and origins from a store, and store them.

The build reads the latest version of every document (older versions of a revised article are not separate
evidence), replaces every provenance row in one transaction, and records a fingerprint of the corpus it read:
building again over an unchanged corpus does nothing, and a build over a changed one gives the same rows as a
build over a fresh copy of it. So it is idempotent rather than incremental; at 100k attributions it takes
seconds (benchmarks/bench_clusters.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from according.corpus import clusters as cl
from according.corpus import provenance as pv
from according.corpus import syndication as sy
from according.corpus.entities import EntityRef, merge_corpus
from according.store import schema as t
from according.store._sql import SQLStore
from according.store.base import Store
from according.types import ENTITY_TYPES, EntityType, Ledger

if TYPE_CHECKING:
    from according.corpus.semantic import Encoder

METHOD = "according.provenance.v1"
#: How corpus entities are merged (`according.corpus.entities.merge_corpus`); part of the build's fingerprint.
ENTITIES_METHOD = "according.entities.v1"
_PAGE = 2000
_NAMED = ("named_person", "named_organization", "media_outlet")


def params(encoder: Encoder | None = None) -> dict[str, Any]:
    """The settings a build runs with; stored with it, and part of its fingerprint."""
    semantic = (
        {"encoder": encoder.name, "cosine": cl.SEMANTIC_COSINE, "min_shared": cl.SEMANTIC_MIN_SHARED}
        if encoder is not None
        else None
    )
    return {
        "semantic": semantic,
        "entities": ENTITIES_METHOD,
        "syndication": {"method": sy.METHOD, "threshold": sy.THRESHOLD, "ngram": sy.NGRAM, "num_perm": sy.NUM_PERM},
        "clusters": {
            "method": cl.METHOD,
            "lsh_threshold": cl.LSH_THRESHOLD,
            "jaccard": cl.JACCARD,
            "containment": cl.CONTAINMENT,
            "same_source_jaccard": cl.SAME_SOURCE_JACCARD,
            "min_words": cl.MIN_WORDS,
        },
        "provenance": pv.METHOD,
    }


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did; `skipped` when the corpus had not changed since the last build."""

    documents: int
    attributions: int
    groups: int
    clusters: int
    skipped: bool
    entities: int = 0  # corpus entities


def _engine(store: Store) -> Engine:
    if not isinstance(store, SQLStore):
        raise TypeError(f"provenance needs a SQL store (SQLite or PostgreSQL), not {type(store).__name__}")
    return store.engine


def _pages(engine: Engine, query: sa.Select[Any], pk: sa.ColumnElement[int], page: int = _PAGE) -> Iterator[Any]:
    """Rows of `query` in `pk` order, read in keyset pages so the corpus is never held in memory at once."""
    last = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(query.where(pk > last).order_by(pk).limit(page)).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].pk


def _latest() -> sa.ColumnElement[bool]:
    d = t.documents
    later = d.alias("later")
    return ~sa.exists(sa.select(sa.literal(1)).where(later.c.supersedes == d.c.id))


def fingerprint(engine: Engine, encoder: Encoder | None = None) -> tuple[str, int, int]:
    """A hash of what a build reads (documents, attributions, settings), and the two counts."""
    d, a = t.documents, t.attributions
    with engine.connect() as conn:
        nd, maxd = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(d.c.pk), 0))).one()
        na, maxa = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(a.c.pk), 0))).one()
    raw = json.dumps([nd, maxd, na, maxa, METHOD, params(encoder)], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest(), int(nd), int(na)


def _articles(engine: Engine) -> Iterator[sy.Article]:
    d = t.documents
    q = sa.select(d.c.pk, d.c.id, d.c.text, d.c.published).where(_latest())
    for order, r in enumerate(_pages(engine, q, d.c.pk)):
        published = datetime.fromisoformat(r.published) if r.published else None
        yield sy.Article(r.id, r.text, published, order)


def _records(engine: Engine) -> Iterator[cl.ClaimRecord]:
    a, s, d = t.attributions, t.sources, t.documents
    j = a.join(d, d.c.id == a.c.doc_id).outerjoin(s, sa.and_(s.c.doc_id == a.c.doc_id, s.c.id == a.c.source_id))
    q = sa.select(a.c.pk, a.c.doc_id, a.c.id, a.c.content_text, s.c.type, s.c.name).select_from(j).where(_latest())
    for r in _pages(engine, q, a.c.pk):
        # only named sources make "the same speaker": "officials" in two articles need not be the same people
        source = pv.normalise(r.name) if r.type in _NAMED and r.name else None
        yield cl.ClaimRecord(r.doc_id, r.id, r.content_text, source)


def build(store: Store, *, force: bool = False, encoder: Encoder | None = None) -> BuildReport:
    """Recompute and store syndication groups, claim clusters and origins (skipped if nothing changed).

    With an `encoder` (extra `according[semantic]`), claim clusters also merge paraphrases by sentence
    embeddings (`clusters.semantic_match`); the build's fingerprint records it, so switching rebuilds.

    Raises:
        TypeError: the store is not a SQL store.
    """
    engine = _engine(store)
    fp, n_docs, n_attr = fingerprint(engine, encoder)
    with engine.connect() as conn:
        last = (
            conn.execute(sa.select(t.provenance_builds).order_by(t.provenance_builds.c.pk.desc()).limit(1))
            .mappings()
            .first()
        )
    if last is not None and last["fingerprint"] == fp and not force:
        with engine.connect() as conn:
            n_entities = conn.execute(sa.select(sa.func.count()).select_from(t.corpus_entities)).scalar_one()
        return BuildReport(n_docs, n_attr, int(last["groups"]), int(last["clusters"]), True, int(n_entities))

    groups = sy.syndication_groups(_articles(engine))
    article_key = {m.doc_id: g.id for g in groups for m in g.members}
    clusters = cl.claim_clusters(_records(engine), encoder=encoder)
    with engine.connect() as conn:
        order = {r.id: r.pk for r in conn.execute(sa.select(t.documents.c.id, t.documents.c.pk).where(_latest())).all()}

    ledgers: dict[str, Ledger] = {}
    cluster_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    for c in clusters:
        for doc_id in c.doc_ids:
            if doc_id not in ledgers:
                ledgers[doc_id] = store.get_ledger(doc_id)
        contexts = pv.member_contexts([(m.doc_id, m.attribution_id) for m in c.members], ledgers, article_key, order)
        prov = pv.origins(contexts)
        first = c.members[prov.earliest]
        published = ledgers[first.doc_id].document.published
        cluster_rows.append(
            {
                "id": c.id,
                "label": first.text,
                "size": len(c.members),
                "documents": len(c.doc_ids),
                "independent_origins": prov.independent,
                "earliest_doc_id": first.doc_id,
                "earliest_attribution_id": first.attribution_id,
                "earliest_published": published.isoformat() if published else None,
                "origins": [o.to_dict() for o in prov.origins],
            }
        )
        for k, m in enumerate(c.members):
            member_rows.append(
                {
                    "cluster_id": c.id,
                    "doc_id": m.doc_id,
                    "attribution_id": m.attribution_id,
                    "ord": k,
                    "matched_doc_id": m.matched_doc_id,
                    "matched_attribution_id": m.matched_attribution_id,
                    "score": m.score,
                    "reason": m.reason,
                    "shared": " ".join(m.shared) if m.shared else None,
                    "origin": prov.member_origin[k],
                }
            )
        if len(ledgers) > 4 * _PAGE:  # ledgers are only shared within a cluster's neighbourhood; bound the cache
            ledgers.clear()

    with engine.begin() as conn:
        _clear(conn)
        _insert(
            conn,
            t.syndication_groups,
            [{"id": g.id, "original_doc_id": g.original, "size": len(g.members)} for g in groups],
        )
        _insert(
            conn,
            t.syndication_members,
            [
                {
                    "group_id": g.id,
                    "doc_id": m.doc_id,
                    "is_original": k == 0,
                    "matched_doc_id": m.matched_doc_id,
                    "score": m.score,
                }
                for g in groups
                for k, m in enumerate(g.members)
            ],
        )
        _insert(conn, t.claim_clusters, cluster_rows)
        _insert(conn, t.cluster_members, member_rows)
        conn.execute(
            t.provenance_builds.insert().values(
                built_at=datetime.now(UTC).isoformat(),
                method=METHOD,
                params=params(encoder),
                fingerprint=fp,
                documents=n_docs,
                attributions=n_attr,
                groups=len(groups),
                clusters=len(clusters),
            )
        )
    n_entities = build_entities(store)
    return BuildReport(n_docs, n_attr, len(groups), len(clusters), False, n_entities)


def _clear(conn: Connection) -> None:
    for table in (t.cluster_members, t.claim_clusters, t.syndication_members, t.syndication_groups):
        conn.execute(table.delete())


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), _PAGE):
        conn.execute(table.insert(), rows[i : i + _PAGE])


# -- corpus entities --------------------------------------------------------------------------------------------


def _entity_refs(engine: Engine) -> Iterator[EntityRef]:
    """The article entities of the latest version of every document, streamed in keyset pages."""
    e, m = t.article_entities, t.entity_mentions
    mentions = (
        sa.select(sa.func.count())
        .where(m.c.doc_id == e.c.doc_id, m.c.entity_ord == e.c.ord)
        .scalar_subquery()
        .label("mentions")
    )
    d = t.documents
    q = (
        sa.select(e.c.pk, e.c.doc_id, e.c.id, e.c.key, e.c.name, e.c.type, e.c.aliases, mentions)
        .select_from(e.join(d, d.c.id == e.c.doc_id))
        .where(_latest())
    )
    for r in _pages(engine, q, e.c.pk):
        kind: EntityType = r.type if r.type in ENTITY_TYPES else "other"
        yield EntityRef(r.doc_id, r.id, r.key, r.name, kind, tuple(r.aliases or ()), int(r.mentions))


def _link_reason(key: str, ref_key: str | None, merges: dict[str, str]) -> str:
    """Why an article entity belongs to a corpus entity: the same key, or the merge recorded for its own key."""
    if ref_key == key:
        return f"same key {key}"
    if ref_key is not None and ref_key in merges:
        return merges[ref_key]
    return f"merged into {key}" + (f" from key {ref_key}" if ref_key else "")


def build_entities(store: Store) -> int:
    """Merge the stored article entities into corpus entities and store them (replacing the last build's).

    Streams the article entities into `according.corpus.entities.merge_corpus`, then stores the corpus entities,
    their names and aliases for look-up, one link per article entity (with the reason), and the counts that
    `according entities` ranks by. Returns the number of corpus entities.

    Raises:
        TypeError: the store is not a SQL store.
    """
    engine = _engine(store)
    keys: dict[tuple[str, str], str] = {}  # (doc_id, entity_id) -> its own key, for the link's reason

    def refs() -> Iterator[EntityRef]:
        for ref in _entity_refs(engine):
            keys[(ref.doc_id, ref.entity_id)] = ref.key
            yield ref

    merged = merge_corpus(refs())
    ids: set[str] = set()
    linked: set[tuple[str, str]] = set()
    n_entities = n_links = 0
    with engine.begin() as conn:
        for table in reversed(t.CORPUS_ENTITY_TABLES):
            conn.execute(table.delete())
        # written a page at a time, so the rows never exist all at once beside merge_corpus's own records
        for i in range(0, len(merged), _PAGE):
            entity_rows: list[dict[str, Any]] = []
            name_rows: list[dict[str, Any]] = []
            link_rows: list[dict[str, Any]] = []
            for ent in merged[i : i + _PAGE]:
                cid = _unique_id(ent.id, ent.key, ids)
                entity_rows.append(
                    {
                        "id": cid,
                        "key": ent.key,
                        "name": ent.name,
                        "type": ent.type,
                        "aliases": list(ent.aliases),
                        "merges": [m.to_dict() for m in ent.merges],
                    }
                )
                names = {" ".join(n.casefold().split()) for n in (ent.name, *ent.aliases)} - {""}
                name_rows.extend({"entity_id": cid, "name": n} for n in sorted(names))
                reasons = {m.alias: m.reason for m in ent.merges}  # merge_corpus records the merged key as alias
                for doc_id, entity_id in ent.members:
                    if (doc_id, entity_id) in linked:  # one corpus entity per article entity: the first to claim it
                        continue
                    linked.add((doc_id, entity_id))
                    reason = _link_reason(ent.key, keys.get((doc_id, entity_id)), reasons)
                    link_rows.append(
                        {"doc_id": doc_id, "entity_id": entity_id, "corpus_entity_id": cid, "reason": reason}
                    )
            _insert(conn, t.corpus_entities, entity_rows)
            _insert(conn, t.corpus_entity_names, name_rows)
            _insert(conn, t.corpus_entity_links, link_rows)
            n_entities += len(entity_rows)
            n_links += len(link_rows)
        keys.clear()
        linked.clear()
        _fill_counts(conn)
        n_docs = conn.execute(sa.select(sa.func.count(sa.distinct(t.corpus_entity_links.c.doc_id)))).scalar_one()
        conn.execute(
            t.corpus_entity_builds.insert().values(
                built_at=datetime.now(UTC).isoformat(),
                method=ENTITIES_METHOD,
                documents=int(n_docs),
                article_entities=n_links,
                entities=n_entities,
            )
        )
    return n_entities


def _unique_id(cid: str, key: str, taken: set[str]) -> str:
    """The corpus entity's id, or (if two keys' hashes share 12 hex digits) one derived from key and a counter."""
    n = 1
    while cid in taken:
        n += 1
        cid = "E" + hashlib.sha1(f"{key}#{n}".encode()).hexdigest()[:12]
    taken.add(cid)
    return cid


def _fill_counts(conn: Connection) -> None:
    """Store each corpus entity's articles, frames as actor and as target, and first and last article dates."""
    link, d, fa = t.corpus_entity_links, t.documents, t.frame_arguments
    seen = sa.func.coalesce(d.c.published, d.c.ingested_at)
    values: dict[str, dict[str, Any]] = {}
    q = (
        sa.select(
            link.c.corpus_entity_id,
            sa.func.count(sa.distinct(link.c.doc_id)),
            sa.func.min(seen),
            sa.func.max(seen),
        )
        .select_from(link.join(d, d.c.id == link.c.doc_id))
        .group_by(link.c.corpus_entity_id)
    )
    for cid, n, first, last in conn.execute(q).all():
        values[cid] = {"documents": int(n), "first_seen": first, "last_seen": last, "as_actor": 0, "as_target": 0}
    # one count per frame, however many of its arguments in the role refer to the entity
    per_frame = (
        sa.select(link.c.corpus_entity_id, fa.c.role, fa.c.doc_id, fa.c.frame_ord)
        .distinct()
        .select_from(fa.join(link, sa.and_(link.c.doc_id == fa.c.doc_id, link.c.entity_id == fa.c.entity_id)))
        .where(fa.c.role.in_(("actor", "target")))
        .subquery()
    )
    roles = sa.select(per_frame.c.corpus_entity_id, per_frame.c.role, sa.func.count()).group_by(
        per_frame.c.corpus_entity_id, per_frame.c.role
    )
    for cid, role, n in conn.execute(roles).all():
        if cid in values:
            values[cid]["as_" + role] = int(n)
    ce = t.corpus_entities
    update = (
        ce.update()
        .where(ce.c.id == sa.bindparam("cid"))
        .values({c: sa.bindparam("v_" + c) for c in ("documents", "as_actor", "as_target", "first_seen", "last_seen")})
    )
    # bound as v_<column>: SQLAlchemy reserves the column names themselves for its own SET parameters
    rows = [{"cid": cid, **{"v_" + k: v for k, v in vals.items()}} for cid, vals in values.items()]
    for i in range(0, len(rows), _PAGE):
        conn.execute(update, rows[i : i + _PAGE])
