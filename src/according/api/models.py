"""Response models for the OpenAPI document, and the ledger's own JSON Schema placed among its components."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

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


class ClaimEvidence(BaseModel):
    """A claim cluster's evidence grade: Admiralty information credibility on its sourcing, never a truth verdict."""

    grade: int = Field(description="1-6: 1 confirmed by independent sources ... 5 improbable, 6 cannot be judged")
    label: str = Field(description='the grade in words, read as "on its sourcing"')
    reasons: list[str] = Field(description="the sourcing facts behind the grade, most decisive first")
    independent_origins: int = Field(description="origins with at least one sourced member")
    named_origins: int
    anonymous_origins: int
    members: int
    first_hand: bool = Field(description="some member's named source speaks first-hand")
    hedged: int = Field(description="members hedged or distanced")
    denied: int = Field(description="members with a denial on record")


class ClaimItem(BaseModel):
    """One claim cluster: the same claim in several articles, and how many independent origins stand behind it."""

    id: str
    label: str = Field(description="the earliest member's content")
    size: int = Field(description="attributions in the cluster")
    documents: int
    independent_origins: int
    earliest: ClaimOrigin
    evidence: ClaimEvidence | None = Field(default=None, description="the grade on its sourcing (docs/evidence.md)")
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


class MemberEvidence(BaseModel):
    """One member's evidence grade in its own article (the ledger's `evidence` record), on its sourcing only."""

    grade: int = Field(description="1-6: 1 confirmed by independent sources ... 5 improbable, 6 cannot be judged")
    label: str = Field(description='the grade in words, read as "on its sourcing"')
    reasons: list[str] = Field(description="the sourcing facts behind the grade, most decisive first")
    independent_origins: int = Field(description="distinct source groups behind the claim in its article")
    named_sources: int
    anonymous_sources: int
    people: int | None = Field(description="how many people the sources stand for, where the text counts them")
    depth: int = Field(description="0 the author's own voice, 1 first-hand, 2+ relayed")
    hedged: bool
    denied: bool = Field(description="a denial on record in the article")
    author_voice: bool


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
    evidence: MemberEvidence | None = Field(default=None, description="this member's grade in its own article")


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


class EntityLinks(BaseModel):
    """Where to get more about a corpus entity: its page from the API and as HTML."""

    api: str
    html: str


class EntityItem(BaseModel):
    """One corpus entity (one real-world actor across articles) with its counts."""

    id: str = Field(description='the corpus entity id ("E" + 12 hex)')
    name: str
    type: str = Field(description="person, organization, country, place, group or other")
    aliases: list[str]
    documents: int = Field(description="articles that mention it")
    as_actor: int = Field(description="frames with it as actor")
    as_target: int = Field(description="frames with it as target")
    first_seen: str | None = Field(description="ISO 8601: the earliest article mentioning it")
    last_seen: str | None
    links: EntityLinks


class EntityPage(BaseModel):
    """One page of corpus entities, most claims first."""

    ok: bool = True
    q: str
    type: str | None
    items: list[EntityItem]
    limit: int
    offset: int
    next: str | None = Field(description="the path of the next page; null on the last one")


class FactItem(BaseModel):
    """One structured claim (a frame) flattened: who did what to whom, where, when, says whom, and its grade."""

    doc_id: str
    frame_id: str = Field(description='the frame within its document ("f3")')
    claim_id: str = Field(description='the claim within its document: an attribution ("a2") or the author ("u5")')
    claim: str
    lemma: str
    action: str = Field(description="the action as written")
    negated: bool
    modality: str | None
    actors: list[str] = Field(description="corpus entity names where linked, else the text")
    actor_ids: list[str | None]
    targets: list[str]
    target_ids: list[str | None]
    places: list[str]
    times: list[str] = Field(description="normalised values where known, else the text")
    quantities: list[str]
    source: str | None = Field(description="who says so; null = the author")
    grade: int | None = Field(description="evidence grade 1-6 on the claim's sourcing (never a truth verdict)")
    grade_label: str | None
    reasons: list[str]
    outlet: str | None
    title: str | None
    published: str | None = Field(description="ISO 8601, time-zone aware")
    links: Links


class FactPage(BaseModel):
    """One page of structured claims matching the filters."""

    ok: bool = True
    filters: dict[str, str | int | None]
    items: list[FactItem]
    limit: int
    offset: int
    next: str | None


class EntityMergeItem(BaseModel):
    """Why a name was taken for this entity."""

    alias: str
    reason: str


class ActionGroup(BaseModel):
    """The entity's claims with one action (lemma)."""

    action: str
    count: int
    facts: list[FactItem]


class TimelinePoint(BaseModel):
    """Claims in one period (ISO date or month) with the entity as actor and as target."""

    period: str
    as_actor: int
    as_target: int


class EntityDetail(BaseModel):
    """An entity page: the entity, why names were merged, its claims as actor and target by action, a timeline."""

    ok: bool = True
    entity: EntityItem
    merges: list[EntityMergeItem]
    as_actor: list[ActionGroup] = Field(description="by action, most frequent first")
    as_target: list[ActionGroup]
    timeline: list[TimelinePoint] = Field(description="chronological")


class GraphNode(BaseModel):
    """A corpus entity in the graph."""

    model_config = ConfigDict(extra="allow")

    id: str
    name: str
    type: str


class GraphEdge(BaseModel):
    """Actor -> target for one action, with how many frames and which articles say so."""

    model_config = ConfigDict(extra="allow")

    source: str
    target: str
    lemma: str
    count: int
    doc_ids: list[str]


class EntityGraph(BaseModel):
    """The entity graph (JSON for Gephi and similar tools): nodes are corpus entities, edges actor -> target."""

    ok: bool = True
    nodes: list[GraphNode]
    edges: list[GraphEdge]
