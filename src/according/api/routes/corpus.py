"""GET /documents, /documents/{doc_id} and /search: the stored corpus, read only."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from according.api import queries
from according.api.envelope import ApiError
from according.api.models import DocumentPage, SearchPage, ledger_response
from according.api.state import State
from according.store import Store

router = APIRouter(tags=["corpus"])

#: Most items one page may hold.
MAX_LIMIT = 500
#: Furthest offset a page may start at (keeps offsets inside the databases' integer range).
MAX_OFFSET = 1_000_000_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]


def get_store(state: State) -> Store:
    """The app's store, as a dependency; 404 when the server has none."""
    if state.store is None:
        raise ApiError(404, "this server has no corpus store", reason="not_found")
    return state.store


StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/documents", response_model=DocumentPage, summary="Stored documents, in ingest order")
async def documents(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return await run_in_threadpool(queries.documents_page, store, limit=limit, offset=offset)


@router.get(
    "/documents/{doc_id}",
    response_model=None,
    responses=ledger_response("The stored claim ledger (according.ledger/2)"),
    summary="One stored document's ledger",
)
async def document(doc_id: str, store: StoreDep) -> dict[str, Any]:
    ledger = await run_in_threadpool(queries.ledger, store, doc_id)
    return ledger.to_dict()


@router.get("/search", response_model=SearchPage, summary="Full-text search over the stored articles")
async def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words that must all occur")],
    scope: Annotated[
        Literal["documents", "attributions"], Query(description="search article text, or claims")
    ] = "documents",
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return await run_in_threadpool(queries.search_page, store, q, limit=limit, offset=offset, scope=scope)
