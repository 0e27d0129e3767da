"""The evidence grade of a claim cluster: its members' sourcing across articles (docs/evidence.md, "Across the corpus").

A cluster's grade counts independent origins as `corpus.provenance` does (syndicated copies once, a shared
upstream report once, the same anonymous group once) and reads each member's own grade from its article's
ledger. Like the per-article grade it says how well a claim is sourced, never whether it is true.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from according.corpus.provenance import Origin, Provenance
from according.extract.evidence import grades
from according.store import schema as t
from according.store.base import Store
from according.types import GRADE_LABELS, Evidence, Ledger

METHOD = "according.evidence.v1"
_FLOOR = 4  # as in extract.evidence: lowering alone never makes a claim "improbable"


@dataclass(frozen=True, slots=True)
class ClusterEvidence:
    """A claim cluster's grade on its sourcing, the reasons in words, and the counts behind them."""

    grade: int  # 1-6, GRADE_LABELS
    reasons: tuple[str, ...]  # most decisive first
    independent_origins: int  # origins with at least one sourced member (unsourced ones corroborate nothing)
    named_origins: int  # origins where some member names its source
    anonymous_origins: int  # sourced origins whose members cite only anonymous or unnamed sources
    members: int
    first_hand: bool  # some member's named source speaks first-hand (depth <= 1)
    hedged: int  # members hedged or distanced
    denied: int  # members with a denial on record

    def __post_init__(self) -> None:
        if self.grade not in GRADE_LABELS:
            raise ValueError(f"grade {self.grade!r} not in 1-6")

    @property
    def label(self) -> str:
        """The grade in words, to be read as "on its sourcing"."""
        return GRADE_LABELS[self.grade]

    def to_dict(self) -> dict[str, Any]:
        return {
            "grade": self.grade,
            "label": self.label,
            "reasons": list(self.reasons),
            "independent_origins": self.independent_origins,
            "named_origins": self.named_origins,
            "anonymous_origins": self.anonymous_origins,
            "members": self.members,
            "first_hand": self.first_hand,
            "hedged": self.hedged,
            "denied": self.denied,
        }


def ledger_evidence(ledger: Ledger) -> dict[str, Evidence]:
    """The ledger's evidence by claim id; graded here from its attributions when the ledger has none stored."""
    records = ledger.evidence or grades(
        ledger.attributions, ledger.sources, ledger.hedges, (), ledger.frames, entities=ledger.entities
    )
    return {e.claim_id: e for e in records}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cluster_evidence(
    members: Sequence[tuple[str, str]],
    ledgers: Mapping[str, Ledger],
    provenance: Provenance,
    *,
    evidence: Mapping[str, Mapping[str, Evidence]] | None = None,
) -> ClusterEvidence:
    """Grade a cluster from its members (doc_id, attribution_id), their ledgers and the cluster's provenance.

    Args:
        members: in the order `provenance` indexes them (the stored `ord`).
        evidence: per-document evidence already computed (`ledger_evidence`), so a caller grading many
            clusters grades each article once.
    """
    member_origin = list(provenance.member_origin) or _member_origin(provenance.origins, len(members))
    by_doc = dict(evidence or {})
    graded: list[tuple[int, str, Evidence, bool]] = []  # (origin index, doc id, member evidence, is a denial)
    for k, (doc_id, attribution_id) in enumerate(members):
        ledger = ledgers.get(doc_id)
        if ledger is None or k >= len(member_origin):
            continue
        if doc_id not in by_doc:
            by_doc[doc_id] = ledger_evidence(ledger)
        ev = by_doc[doc_id].get(attribution_id)
        att = next((a for a in ledger.attributions if a.id == attribution_id), None)
        if ev is not None and att is not None:
            is_denial = att.stance == "denial" or att.certainty == "denied"
            graded.append((member_origin[k], doc_id, ev, is_denial))
    return _grade(graded, ledgers, len(members))


def _member_origin(origins: Iterable[Origin], n: int) -> list[int]:
    out = [0] * n
    for i, o in enumerate(origins):
        for m in o.members:
            if 0 <= m < n:
                out[m] = i
    return out


def _grade(
    graded: Sequence[tuple[int, str, Evidence, bool]], ledgers: Mapping[str, Ledger], size: int
) -> ClusterEvidence:
    """The cluster decision table of docs/evidence.md, in order; the first rule that matches decides."""
    # A member that is itself a denial speaks against the claim: it counts as a denial, never as support.
    sourced = [(o, d, e) for o, d, e, no in graded if e.independent_origins > 0 and not no]
    origins = sorted({o for o, _, _ in sourced})
    named = {o for o, _, e in sourced if e.named_sources > 0}
    first_hand = [d for _, d, e in sourced if e.named_sources > 0 and e.depth <= 1]
    hedged = sum(1 for _, _, e in sourced if e.hedged)
    denied = [(d, e) for _, d, e, _ in graded if e.denied]
    docs = len({d for _, d, _, _ in graded})

    def outlet(doc_id: str) -> str:
        ledger = ledgers.get(doc_id)
        return (ledger.document.outlet if ledger else None) or doc_id[:12]

    def result(grade: int, reasons: Sequence[str]) -> ClusterEvidence:
        return ClusterEvidence(
            grade,
            tuple(reasons),
            len(origins),
            len(named),
            len(origins) - len(named),
            size,
            bool(first_hand),
            hedged,
            len(denied),
        )

    denial_reason = (
        [f"denial on record in {_plural(len(denied), 'article')} ({', '.join(sorted({outlet(d) for d, _ in denied}))})"]
        if denied
        else []
    )
    # Rule C1: no member asserts the claim with a source. Members that are denials grade the claim they deny
    # in their own article (extract.evidence), so a cluster of denials takes its best-graded denial's grade.
    denials = [(d, e) for _, d, e, no in graded if no]
    if not sourced and denials:
        d, e = min(denials, key=lambda x: x[1].grade)
        return result(e.grade, [f"every member is a denial on record; best graded in {outlet(d)}", *e.reasons])
    if not sourced:
        why = "no article names a source for it" if graded else "no member could be graded"
        return result(6, [why, f"{_plural(docs, 'article')}: the outlets' own assertions have no sourcing to judge"])
    # Rule C2: one independent origin, and a named source contradicts it there (a member graded 5).
    contradicted = [(d, e) for _, d, e, _ in graded if e.grade == 5]
    if len(origins) <= 1 and contradicted:
        d, e = contradicted[0]
        return result(5, ["1 independent origin", f"contradicted on record in {outlet(d)}", *e.reasons])
    # Rule C3: one independent origin: the best-sourced member's own grade.
    if len(origins) == 1:
        _, best_d, best = min(sourced, key=lambda x: (x[2].grade, -x[2].independent_origins))
        head = f"1 independent origin ({_plural(docs, 'article')}; copies and shared sources counted once)"
        return result(best.grade, [head, f"best-sourced in {outlet(best_d)} ({best.claim_id})", *best.reasons])
    # Rules C4-C5: two or more independent origins.
    head = f"{len(origins)} independent origins across {_plural(docs, 'article')}"
    who = (
        "all origins anonymous or unnamed" if not named else f"{len(named)} of {len(origins)} origins name their source"
    )
    if first_hand:
        base = 1
        lead = f"a named source speaks first-hand in {', '.join(sorted({outlet(d) for d in first_hand}))}"
    else:
        base = 2
        lead = "no named source speaks first-hand (all relayed or anonymous)"
    # Rule C6: a claim hedged in every article, or denied on record anywhere, is lowered a step for each.
    all_hedged = hedged == len(sourced)
    steps = (1 if all_hedged else 0) + (1 if denied else 0)
    grade = max(base, min(base + steps, _FLOOR))
    hedge_reason = ["hedged or distanced in every article"] if all_hedged else []
    return result(grade, [head, who, lead, *hedge_reason, *denial_reason])


def stored_cluster_evidence(store: Store, cluster_ids: Sequence[str]) -> dict[str, ClusterEvidence]:
    """Grades for stored clusters (after `according cluster`), each article's ledger loaded and graded once."""
    from according.corpus.build import _engine

    if not cluster_ids:
        return {}
    c, m = t.claim_clusters, t.cluster_members
    engine = _engine(store)
    with engine.connect() as conn:
        stored = {r.id: r.origins for r in conn.execute(sa.select(c.c.id, c.c.origins).where(c.c.id.in_(cluster_ids)))}
        rows = conn.execute(
            sa.select(m.c.cluster_id, m.c.doc_id, m.c.attribution_id, m.c.ord, m.c.origin)
            .where(m.c.cluster_id.in_(cluster_ids))
            .order_by(m.c.cluster_id, m.c.ord)
        ).all()
    per_cluster: dict[str, list[Any]] = {}
    for r in rows:
        per_cluster.setdefault(r.cluster_id, []).append(r)
    ledgers: dict[str, Ledger] = {}
    evidence: dict[str, dict[str, Evidence]] = {}
    out: dict[str, ClusterEvidence] = {}
    for cid in cluster_ids:
        if cid not in stored:
            continue
        ms = per_cluster.get(cid, [])
        for r in ms:
            if r.doc_id not in ledgers:
                try:
                    ledgers[r.doc_id] = store.get_ledger(r.doc_id)
                except KeyError:  # deleted since the build: grade what is left
                    continue
                evidence[r.doc_id] = ledger_evidence(ledgers[r.doc_id])
        origins = tuple(
            Origin(tuple(o.get("members", [])), tuple(o.get("reasons", []))) for o in (stored.get(cid) or [])
        )
        prov = Provenance(origins, 0, tuple(r.origin for r in ms))
        out[cid] = cluster_evidence([(r.doc_id, r.attribution_id) for r in ms], ledgers, prov, evidence=evidence)
    return out
