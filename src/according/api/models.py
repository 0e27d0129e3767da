"""Response models for the OpenAPI document, and the ledger's own JSON Schema placed among its components."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, Field

from according.schema import ledger_schema

LEDGER_REF = "#/components/schemas/Ledger"
_DEFS_PREFIX = "#/$defs/"
_COMPONENT_PREFIX = "Ledger_"


class Links(BaseModel):
    """Where to get more: the ledger as JSON and the article view as HTML."""

    ledger: str
    html: str


class DocumentItem(BaseModel):
    """A stored document's metadata (no text)."""

    id: str
    sha256: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None = Field(description="ISO 8601, time-zone aware")
    author: str | None
    links: Links


class DocumentPage(BaseModel):
    """One page of stored documents in ingest order."""

    ok: bool = True
    items: list[DocumentItem]
    limit: int
    offset: int
    total: int
    next: str | None = Field(description="the path of the next page; null on the last one")


class SearchHitItem(BaseModel):
    """One full-text match; `snippet` marks the matched words between [ and ]."""

    doc_id: str
    title: str | None
    url: str | None
    snippet: str
    score: float
    attribution_id: str | None
    links: Links


class SearchPage(BaseModel):
    """One page of search results, best first."""

    ok: bool = True
    q: str
    scope: str
    items: list[SearchHitItem]
    limit: int
    offset: int
    next: str | None


class Health(BaseModel):
    """The server is up; what it serves."""

    ok: bool = True
    version: str
    store: str | None = Field(description="the store's URL; null when the server has none")
    documents: int | None
    max_bytes: int
    analysis_timeout: float


def ledger_components() -> dict[str, Any]:
    """`according.ledger/2` as OpenAPI components: `Ledger` plus one `Ledger_<def>` per `$defs` entry."""
    schema = ledger_schema()
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    text = json.dumps({"Ledger": schema, **{_COMPONENT_PREFIX + k: v for k, v in defs.items()}})
    components: dict[str, Any] = json.loads(
        text.replace(f'"{_DEFS_PREFIX}', f'"#/components/schemas/{_COMPONENT_PREFIX}')
    )
    return components


def ledger_response(description: str) -> dict[int | str, dict[str, Any]]:
    """The `responses` entry of a route that answers with a ledger."""
    return {200: {"description": description, "content": {"application/json": {"schema": {"$ref": LEDGER_REF}}}}}


class ClaimLinks(BaseModel):
    """Where to get more about a claim: its trace as JSON and its page as HTML."""

    trace: str
    html: str


class ClaimOrigin(BaseModel):
    """Where a claim first appeared: the earliest member's article."""

    doc_id: str
    attribution_id: str
    published: str | None
    outlet: str | None
    title: str | None
    links: Links


class ClaimItem(BaseModel):
    """One claim cluster: the same claim in several articles, and how many independent origins stand behind it."""

    id: str
    label: str = Field(description="the earliest member's content")
    size: int = Field(description="attributions in the cluster")
    documents: int
    independent_origins: int
    earliest: ClaimOrigin
    links: ClaimLinks


class ClaimPage(BaseModel):
    """One page of claim clusters, most independently corroborated first."""

    ok: bool = True
    query: str
    items: list[ClaimItem]
    limit: int
    offset: int
    next: str | None


class TraceSource(BaseModel):
    id: str
    type: str
    name: str
    anonymous: bool
    count: int | None
    affiliation: str | None


class TraceLink(BaseModel):
    """One step of a citation chain, outermost first."""

    attribution_id: str
    kind: str
    content: str
    cue: str | None
    source: TraceSource | None


class TraceMemberItem(BaseModel):
    """One appearance of the claim: the article, why it joined the cluster, and its citation chain."""

    doc_id: str
    attribution_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    reason: str
    score: float | None
    matched: str | None
    shared: str | None
    syndicated_from: str | None
    syndication_score: float | None
    chain: list[TraceLink]
    links: Links


class TraceOriginItem(BaseModel):
    """Members that count as one independent origin, and what ties them."""

    n: int
    reasons: list[str]
    members: list[TraceMemberItem]


class ClaimTrace(BaseModel):
    """A claim's provenance tree: origins -> articles -> citation chains."""

    ok: bool = True
    claim: ClaimItem
    origins: list[TraceOriginItem]


class OutletPeriod(BaseModel):
    period: str = Field(description='"2019-01", "2019", "all" or "undated"')
    articles: int
    attributions: int
    quotes: int
    quotes_per_article: float
    anonymous_share: float
    opinion_share: float
    kinds: dict[str, int]


class OutletItem(BaseModel):
    outlet: str | None
    articles: int
    periods: list[OutletPeriod]


class OutletPage(BaseModel):
    """One page of outlets, each profiled per period."""

    ok: bool = True
    period: str
    items: list[OutletItem]
    limit: int
    offset: int
    total: int
    next: str | None
