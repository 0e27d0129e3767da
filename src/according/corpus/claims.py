"""Reading stored provenance: claim clusters ranked by independent corroboration, and one cluster's trace."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from according.corpus.build import _engine
from according.corpus.evidence import ClusterEvidence, ledger_evidence, stored_cluster_evidence
from according.corpus.provenance import Link, chain
from according.store import schema as t
from according.store.base import Store
from according.types import Evidence, Ledger


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    """One stored cluster: its label (the earliest member's content), size and origin."""

    id: str
    label: str
    size: int
    documents: int
    independent_origins: int
    earliest_doc_id: str
    earliest_attribution_id: str
    earliest_published: str | None
    earliest_outlet: str | None
    earliest_title: str | None
    evidence: ClusterEvidence | None = None  # the grade on its sourcing (docs/evidence.md)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "documents": self.documents,
            "independent_origins": self.independent_origins,
            "earliest": {
                "doc_id": self.earliest_doc_id,
                "attribution_id": self.earliest_attribution_id,
                "published": self.earliest_published,
                "outlet": self.earliest_outlet,
                "title": self.earliest_title,
            },
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


def _summary_query() -> sa.Select[Any]:
    c, d = t.claim_clusters, t.documents
    return sa.select(c, d.c.outlet, d.c.title).select_from(c.join(d, d.c.id == c.c.earliest_doc_id))


def _summary(r: Any) -> ClaimSummary:
    return ClaimSummary(
        r.id,
        r.label,
        r.size,
        r.documents,
        r.independent_origins,
        r.earliest_doc_id,
        r.earliest_attribution_id,
        r.earliest_published,
        r.outlet,
        r.title,
    )


def _graded(store: Store, summaries: list[ClaimSummary]) -> list[ClaimSummary]:
    """The summaries with their clusters' evidence grades."""
    grades = stored_cluster_evidence(store, [s.id for s in summaries])
    return [replace(s, evidence=grades.get(s.id)) for s in summaries]


def ranked_claims(store: Store, *, query: str | None = None, limit: int = 20) -> list[ClaimSummary]:
    """Stored clusters, most independently corroborated first (then most articles, then earliest).

    Args:
        query: only clusters with a member whose content matches every word (the store's full-text search).
    """
    engine = _engine(store)
    c = t.claim_clusters
    q = _summary_query().order_by(
        c.c.independent_origins.desc(), c.c.documents.desc(), c.c.size.desc(), c.c.earliest_published, c.c.id
    )
    if query is not None:
        hits = store.search(query, limit=10_000, scope="attributions")
        pairs = {(h.doc_id, h.attribution_id) for h in hits if h.attribution_id}
        if not pairs:
            return []
        m = t.cluster_members
        with engine.connect() as conn:
            ids: set[str] = set()
            docs = sorted({d for d, _ in pairs})
            for i in range(0, len(docs), 500):
                rows = conn.execute(
                    sa.select(m.c.cluster_id, m.c.doc_id, m.c.attribution_id).where(m.c.doc_id.in_(docs[i : i + 500]))
                ).all()
                ids.update(r.cluster_id for r in rows if (r.doc_id, r.attribution_id) in pairs)
        if not ids:
            return []
        q = q.where(c.c.id.in_(sorted(ids)))
    with engine.connect() as conn:
        found = [_summary(r) for r in conn.execute(q.limit(limit)).all()]
    return _graded(store, found)


@dataclass(frozen=True, slots=True)
class TraceMember:
    """One appearance of the claim: the article, the merge that put it in the cluster, and its citation chain."""

    doc_id: str
    attribution_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: datetime | None
    reason: str
    score: float | None
    matched: str | None  # "doc_id/attribution_id" of the member it was merged with
    shared: str | None
    syndicated_from: str | None  # the original's doc id when this article is a syndicated copy
    syndication_score: float | None
    links: tuple[Link, ...]
    evidence: Evidence | None = None  # this member's grade in its own article


@dataclass(frozen=True, slots=True)
class TraceOrigin:
    """Members that count as one independent origin, and the keys that tie them."""

    reasons: tuple[str, ...]
    members: tuple[TraceMember, ...]


@dataclass(frozen=True, slots=True)
class ClaimTrace:
    summary: ClaimSummary
    origins: tuple[TraceOrigin, ...]


def trace(store: Store, cluster_id: str) -> ClaimTrace:
    """The provenance of one stored cluster: origins, each with its articles and their citation chains.

    Raises:
        KeyError: no cluster with this id (run `according cluster` first).
    """
    engine = _engine(store)
    c, m, sm = t.claim_clusters, t.cluster_members, t.syndication_members
    with engine.connect() as conn:
        row = conn.execute(_summary_query().where(c.c.id == cluster_id)).first()
        if row is None:
            raise KeyError(cluster_id)
        members = conn.execute(sa.select(m).where(m.c.cluster_id == cluster_id).order_by(m.c.ord)).mappings().all()
        doc_ids = sorted({r["doc_id"] for r in members})
        copies = {
            r.doc_id: r
            for r in conn.execute(sa.select(sm).where(sm.c.doc_id.in_(doc_ids), sm.c.is_original.is_(False))).all()
        }
        originals = {
            r.group_id: r.doc_id
            for r in conn.execute(
                sa.select(sm.c.group_id, sm.c.doc_id).where(
                    sm.c.group_id.in_({r.group_id for r in copies.values()}), sm.c.is_original.is_(True)
                )
            ).all()
        }
    (summary,) = _graded(store, [_summary(row)])
    ledgers: dict[str, Ledger] = {d: store.get_ledger(d) for d in doc_ids}
    graded = {d: ledger_evidence(ledger) for d, ledger in ledgers.items()}
    by_origin: dict[int, list[TraceMember]] = {}
    stored = row.origins
    # within an origin, members go earliest first: the order the build stored (indices are member `ord`s)
    rank = {i: n for o in stored for n, i in enumerate(o["members"])}
    for r in sorted(members, key=lambda r: (r["origin"], rank.get(r["ord"], 0), r["ord"])):
        ledger = ledgers[r["doc_id"]]
        doc = ledger.document
        copy = copies.get(r["doc_id"])
        by_origin.setdefault(r["origin"], []).append(
            TraceMember(
                r["doc_id"],
                r["attribution_id"],
                doc.outlet,
                doc.title,
                doc.url,
                doc.published,
                r["reason"],
                r["score"],
                f"{r['matched_doc_id']}/{r['matched_attribution_id']}" if r["matched_doc_id"] else None,
                r["shared"],
                originals.get(copy.group_id) if copy is not None else None,
                copy.score if copy is not None else None,
                tuple(chain(ledger, r["attribution_id"])),
                graded[r["doc_id"]].get(r["attribution_id"]),
            )
        )
    origins = tuple(
        TraceOrigin(tuple(stored[k]["reasons"]) if k < len(stored) else (), tuple(ms))
        for k, ms in sorted(by_origin.items())
    )
    return ClaimTrace(summary, origins)
