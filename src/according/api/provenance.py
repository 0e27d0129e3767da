"""The provenance payloads (ranked claims, one claim's trace, outlet profiles), shared by the API and the web pages."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa

from according.api.envelope import ApiError
from according.api.queries import _CONTROL, _next, links

if TYPE_CHECKING:
    from according.corpus.claims import ClaimSummary, TraceMember
    from according.corpus.provenance import Link
    from according.store import Store

PeriodName = Literal["month", "year", "all"]

NOT_BUILT = (
    "provenance has not been built for this store: run `according cluster --db STORE` "
    "(after `according ingest`) to group claims across articles"
)


def _engine(store: Store) -> Any:
    from according.corpus.build import _engine as engine_of

    try:
        return engine_of(store)
    except TypeError as exc:
        raise ApiError(409, str(exc), reason="not_built") from None


def require_built(store: Store) -> None:
    """Raises ApiError 409 (`not_built`) when `according cluster` never ran over this store."""
    from according.store import schema as t

    with _engine(store).connect() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(t.provenance_builds)).scalar_one()
    if not n:
        raise ApiError(409, NOT_BUILT, reason="not_built")


def claim_links(claim_id: str) -> dict[str, str]:
    return {"trace": f"/claims/{claim_id}/trace", "html": f"/ui/claims/{claim_id}"}


def claim_item(c: ClaimSummary) -> dict[str, Any]:
    d = c.to_dict()
    d["earliest"]["links"] = links(c.earliest_doc_id)
    d["links"] = claim_links(c.id)
    return d


def claims_page(store: Store, q: str | None, *, limit: int, offset: int, path: str = "/claims") -> dict[str, Any]:
    """One page of claim clusters, most independently corroborated first.

    Raises:
        ApiError: 409 when provenance was never built for the store.
    """
    from according.corpus.claims import ranked_claims

    require_built(store)
    clean = _CONTROL.sub(" ", q or "").strip()
    found = ranked_claims(store, query=clean or None, limit=offset + limit + 1)[offset:]
    return {
        "ok": True,
        "query": q or "",
        "items": [claim_item(c) for c in found[:limit]],
        "limit": limit,
        "offset": offset,
        "next": _next(path, {"query": q} if q else {}, limit, offset, len(found) > limit),
    }


def _link(link: Link) -> dict[str, Any]:
    s = link.source
    return {
        "attribution_id": link.attribution_id,
        "kind": link.kind,
        "content": link.content,
        "cue": link.cue,
        "source": None
        if s is None
        else {
            "id": s.id,
            "type": s.type,
            "name": s.name,
            "anonymous": s.anonymous,
            "count": s.count,
            "affiliation": s.affiliation,
        },
    }


def _member(m: TraceMember) -> dict[str, Any]:
    return {
        "doc_id": m.doc_id,
        "attribution_id": m.attribution_id,
        "outlet": m.outlet,
        "title": m.title,
        "url": m.url,
        "published": m.published.isoformat() if m.published else None,
        "reason": m.reason,
        "score": m.score,
        "matched": m.matched,
        "shared": m.shared,
        "syndicated_from": m.syndicated_from,
        "syndication_score": m.syndication_score,
        "chain": [_link(k) for k in m.links],
        "links": links(m.doc_id),
        "evidence": _member_evidence(m),
    }


def _member_evidence(m: TraceMember) -> dict[str, Any] | None:
    """The member's own grade in its article (its ledger's `evidence` for the attribution), without the claim span."""
    if m.evidence is None:
        return None
    return {k: v for k, v in m.evidence.to_dict().items() if k not in ("claim_id", "claim")}


def trace_payload(store: Store, claim_id: str) -> dict[str, Any]:
    """One cluster's provenance: its summary and its independent origins, each with articles and citation chains.

    Raises:
        ApiError: 409 when provenance was never built, 404 when no cluster has this id.
    """
    from according.corpus.claims import trace

    require_built(store)
    try:
        tr = trace(store, claim_id)
    except KeyError:
        raise ApiError(
            404, f"no claim cluster with id {claim_id!r}", reason="not_found", loc=["path", "claim_id"]
        ) from None
    return {
        "ok": True,
        "claim": claim_item(tr.summary),
        "origins": [
            {"n": n, "reasons": list(o.reasons), "members": [_member(m) for m in o.members]}
            for n, o in enumerate(tr.origins, 1)
        ],
    }


def outlets_page(
    store: Store, *, period: PeriodName = "month", limit: int, offset: int, path: str = "/outlets"
) -> dict[str, Any]:
    """One page of outlets (alphabetical, no outlet last), each with its profile per period."""
    from according.corpus.outlets import outlet_profiles

    _engine(store)
    profiles = outlet_profiles(store, period=period)
    outlets: list[dict[str, Any]] = []
    for outlet, group in groupby(profiles, key=lambda p: p.outlet):
        periods = [{k: v for k, v in p.to_dict().items() if k != "outlet"} for p in group]
        outlets.append({"outlet": outlet, "articles": sum(p["articles"] for p in periods), "periods": periods})
    return {
        "ok": True,
        "period": period,
        "items": outlets[offset : offset + limit],
        "limit": limit,
        "offset": offset,
        "total": len(outlets),
        "next": _next(path, {"period": period}, limit, offset, offset + limit < len(outlets)),
    }
