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
    """`according.ledger/1` as OpenAPI components: `Ledger` plus one `Ledger_<def>` per `$defs` entry."""
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
