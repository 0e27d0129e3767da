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
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from according.corpus import clusters as cl
from according.corpus import provenance as pv
from according.corpus import syndication as sy
from according.store import schema as t
from according.store._sql import SQLStore
from according.store.base import Store
from according.types import Ledger

METHOD = "according.provenance.v1"
_PAGE = 2000
_NAMED = ("named_person", "named_organization", "media_outlet")


def params() -> dict[str, Any]:
    """The settings a build runs with; stored with it, and part of its fingerprint."""
    return {
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


def fingerprint(engine: Engine) -> tuple[str, int, int]:
    """A hash of what a build reads (documents, attributions, settings), and the two counts."""
    d, a = t.documents, t.attributions
    with engine.connect() as conn:
        nd, maxd = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(d.c.pk), 0))).one()
        na, maxa = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(a.c.pk), 0))).one()
    raw = json.dumps([nd, maxd, na, maxa, METHOD, params()], sort_keys=True)
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


def build(store: Store, *, force: bool = False) -> BuildReport:
    """Recompute and store syndication groups, claim clusters and origins (skipped if nothing changed).

    Raises:
        TypeError: the store is not a SQL store.
    """
    engine = _engine(store)
    fp, n_docs, n_attr = fingerprint(engine)
    with engine.connect() as conn:
        last = (
            conn.execute(sa.select(t.provenance_builds).order_by(t.provenance_builds.c.pk.desc()).limit(1))
            .mappings()
            .first()
        )
    if last is not None and last["fingerprint"] == fp and not force:
        return BuildReport(n_docs, n_attr, int(last["groups"]), int(last["clusters"]), skipped=True)

    groups = sy.syndication_groups(_articles(engine))
    article_key = {m.doc_id: g.id for g in groups for m in g.members}
    clusters = cl.claim_clusters(_records(engine))
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
                params=params(),
                fingerprint=fp,
                documents=n_docs,
                attributions=n_attr,
                groups=len(groups),
                clusters=len(clusters),
            )
        )
    return BuildReport(n_docs, n_attr, len(groups), len(clusters), skipped=False)


def _clear(conn: Connection) -> None:
    for table in (t.cluster_members, t.claim_clusters, t.syndication_members, t.syndication_groups):
        conn.execute(table.delete())


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), _PAGE):
        conn.execute(table.insert(), rows[i : i + _PAGE])
