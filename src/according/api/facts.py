"""Structured-claim payloads (entities, an entity page, facts, the entity graph) shared by the API and web UI."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from according.api.envelope import ApiError
from according.api.queries import _CONTROL, _next, links

if TYPE_CHECKING:
    from according.corpus.facts import EntitySummary, Fact
    from according.store import Store

_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_day(value: str, *, name: str, end: bool = False) -> date:
    """A YYYY, YYYY-MM or YYYY-MM-DD bound as a day: its first day, or with `end` its last (so `until` includes it).

    Raises:
        ApiError: 422 when the value is not one of those forms or names no real day.
    """
    m = _DAY.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        if not month:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if not day:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, day)
    except ValueError:  # month 13, February 30, year 0
        raise ApiError(
            422,
            f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}",
            reason="invalid",
            loc=["query", name],
        ) from None


def _iso(d: datetime | None) -> str | None:
    return d.isoformat() if d else None


def entity_links(entity_id: str) -> dict[str, str]:
    key = quote(entity_id, safe="")
    return {"api": f"/entities/{key}", "html": f"/ui/entities/{key}"}


def entity_item(e: EntitySummary) -> dict[str, Any]:
    """A corpus entity as a list item."""
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "documents": e.documents,
        "as_actor": e.as_actor,
        "as_target": e.as_target,
        "first_seen": _iso(e.first_seen),
        "last_seen": _iso(e.last_seen),
        "links": entity_links(e.id),
    }


def fact_item(f: Fact) -> dict[str, Any]:
    """A stored frame, flattened, with links to its article."""
    return {
        "doc_id": f.doc_id,
        "frame_id": f.frame_id,
        "claim_id": f.claim_id,
        "claim": f.claim,
        "lemma": f.lemma,
        "action": f.action,
        "negated": f.negated,
        "modality": f.modality,
        "actors": list(f.actors),
        "actor_ids": list(f.actor_ids),
        "targets": list(f.targets),
        "target_ids": list(f.target_ids),
        "places": list(f.places),
        "times": list(f.times),
        "quantities": list(f.quantities),
        "source": f.source,
        "grade": f.grade,
        "grade_label": f.grade_label,
        "reasons": list(f.reasons),
        "outlet": f.outlet,
        "title": f.title,
        "published": _iso(f.published),
        "links": links(f.doc_id),
    }


def _clean(value: str | None) -> str | None:
    clean = _CONTROL.sub(" ", value or "").strip()
    return clean or None


def entities_page(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    limit: int,
    offset: int,
    path: str = "/entities",
) -> dict[str, Any]:
    """One page of corpus entities (most claims first), filtered by name or alias and by type."""
    from according.corpus.facts import list_entities

    found = list_entities(store, query=_clean(q), type=type or None, limit=limit + 1, offset=offset)
    params = {k: v for k, v in (("q", q), ("type", type)) if v}
    return {
        "ok": True,
        "q": q or "",
        "type": type or None,
        "items": [entity_item(e) for e in found[:limit]],
        "limit": limit,
        "offset": offset,
        "next": _next(path, params, limit, offset, len(found) > limit),
    }


def entity_payload(store: Store, id_or_name: str) -> dict[str, Any]:
    """One entity's page: the entity, its merges, its claims as actor and as target by action, and its timeline.

    Raises:
        ApiError: 404 when no corpus entity has this id, name or alias.
    """
    from according.corpus.facts import entity_page

    page = entity_page(store, id_or_name.strip()) if id_or_name.strip() else None
    if page is None:
        raise ApiError(
            404, f"no entity with id, name or alias {id_or_name!r}", reason="not_found", loc=["path", "id_or_name"]
        )

    def groups(by_action: dict[str, list[Fact]]) -> list[dict[str, Any]]:
        return [{"action": k, "count": len(v), "facts": [fact_item(f) for f in v]} for k, v in by_action.items()]

    return {
        "ok": True,
        "entity": entity_item(page.entity),
        "merges": [m.to_dict() for m in page.merges],
        "as_actor": groups(page.as_actor),
        "as_target": groups(page.as_target),
        "timeline": [{"period": p, "as_actor": a, "as_target": t} for p, a, t in page.timeline],
    }


def facts_page(
    store: Store,
    *,
    actor: str | None = None,
    target: str | None = None,
    action: str | None = None,
    since: str | None = None,
    until: str | None = None,
    max_grade: int | None = None,
    limit: int,
    offset: int,
    path: str = "/facts",
) -> dict[str, Any]:
    """One page of structured claims matching every filter given.

    Raises:
        ApiError: 422 when `since` or `until` is not a YYYY, YYYY-MM or YYYY-MM-DD date.
    """
    from according.corpus.facts import facts

    start = parse_day(since, name="since") if since and since.strip() else None
    end = parse_day(until, name="until", end=True) if until and until.strip() else None
    filters: dict[str, Any] = {
        "actor": _clean(actor),
        "target": _clean(target),
        "action": _clean(action),
        "since": since.strip() if since and since.strip() else None,
        "until": until.strip() if until and until.strip() else None,
        "max_grade": max_grade,
    }
    found = facts(
        store,
        actor=filters["actor"],
        target=filters["target"],
        action=filters["action"],
        since=start,
        until=end,
        max_grade=max_grade,
        limit=limit + 1,
        offset=offset,
    )
    params = {k: v for k, v in filters.items() if v is not None}
    return {
        "ok": True,
        "filters": filters,
        "items": [fact_item(f) for f in found[:limit]],
        "limit": limit,
        "offset": offset,
        "next": _next(path, params, limit, offset, len(found) > limit),
    }


def graph_payload(store: Store, *, limit: int | None = None) -> dict[str, Any]:
    """The entity graph: corpus entities as nodes, actor -> target per action as edges."""
    from according.corpus.facts import entity_graph

    graph = entity_graph(store, limit=limit)
    return {"ok": True, "nodes": list(graph.get("nodes", [])), "edges": list(graph.get("edges", []))}
