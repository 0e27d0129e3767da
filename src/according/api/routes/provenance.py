"""GET /claims, /claims/{claim_id}/trace and /outlets: provenance across the stored corpus (docs/provenance.md)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from according.api import provenance
from according.api.models import ClaimPage, ClaimTrace, OutletPage
from according.api.routes.corpus import Limit, Offset, StoreDep

router = APIRouter(tags=["provenance"])

_NOT_BUILT = "provenance was never built for this store: run `according cluster` (the error envelope)"


@router.get(
    "/claims",
    response_model=ClaimPage,
    summary="Claims found in several articles, most independently corroborated first",
    responses={409: {"description": _NOT_BUILT}},
)
async def claims(
    store: StoreDep,
    query: Annotated[str, Query(max_length=500, description="only claims whose content has all these words")] = "",
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    return await run_in_threadpool(provenance.claims_page, store, query, limit=limit, offset=offset)


@router.get(
    "/claims/{claim_id}/trace",
    response_model=ClaimTrace,
    summary="One claim's provenance: independent origins, their articles and citation chains",
    responses={409: {"description": _NOT_BUILT}},
)
async def claim_trace(claim_id: str, store: StoreDep) -> dict[str, Any]:
    return await run_in_threadpool(provenance.trace_payload, store, claim_id)


@router.get("/outlets", response_model=OutletPage, summary="Per outlet and period: sourcing, quotes, opinion")
async def outlets(
    store: StoreDep,
    period: Annotated[Literal["month", "year", "all"], Query(description="group articles by")] = "month",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return await run_in_threadpool(provenance.outlets_page, store, period=period, limit=limit, offset=offset)
