"""GET /entities, /entities/{id_or_name}, /facts and /graph: structured claims across the stored corpus (issue 6)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from according.api import facts
from according.api.models import EntityDetail, EntityGraph, EntityPage, FactPage
from according.api.routes.corpus import Limit, Offset, StoreDep
from according.types import EntityType

router = APIRouter(tags=["facts"])

#: The most graph edges one request may ask for.
MAX_GRAPH = 100_000

Text = Annotated[str, Query(max_length=200)]
Day = Annotated[str, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD (422 otherwise)")]


@router.get("/entities", response_model=EntityPage, summary="Corpus entities, most claims first")
async def entities(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="only entities whose name or alias has this text")] = "",
    type: Annotated[EntityType | None, Query(description="only entities of this type")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return await run_in_threadpool(facts.entities_page, store, q=q, type=type, limit=limit, offset=offset)


@router.get(
    "/entities/{id_or_name}",
    response_model=EntityDetail,
    summary="One entity: its claims as actor and as target by action, with grades, and its timeline",
)
async def entity(id_or_name: str, store: StoreDep) -> dict[str, Any]:
    return await run_in_threadpool(facts.entity_payload, store, id_or_name)


@router.get("/facts", response_model=FactPage, summary="Structured claims (who did what to whom), filtered")
async def fact_list(
    store: StoreDep,
    actor: Annotated[str, Query(max_length=200, description="actor name, alias or corpus id")] = "",
    target: Annotated[str, Query(max_length=200, description="target name, alias or corpus id")] = "",
    action: Annotated[str, Query(max_length=200, description='the action lemma ("move", "ship")')] = "",
    since: Day = "",
    until: Day = "",
    max_grade: Annotated[int | None, Query(ge=1, le=6, description="evidence grade at most (1 is best)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return await run_in_threadpool(
        facts.facts_page,
        store,
        actor=actor,
        target=target,
        action=action,
        since=since,
        until=until,
        max_grade=max_grade,
        limit=limit,
        offset=offset,
    )


@router.get("/graph", response_model=EntityGraph, summary="The entity graph: actor -> target per action (JSON)")
async def graph(
    store: StoreDep,
    limit: Annotated[
        int | None, Query(ge=1, le=MAX_GRAPH, description="at most this many edges, strongest first")
    ] = None,
) -> dict[str, Any]:
    return await run_in_threadpool(facts.graph_payload, store, limit=limit)
