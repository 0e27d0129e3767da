"""Structured claims across a stored corpus: corpus entities, facts (stored frames, flattened) and the actor graph.

Reads what `according cluster` built (corpus entities and their links to article entities, migration 3) and the
frames and evidence grades each ledger stores. Only the latest version of each article counts, as in the
provenance build; filters run in SQL, and every list is paginated.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from according.corpus.build import _engine, _latest
from according.store import schema as t
from according.store.base import Store
from according.types import GRADE_LABELS, EntityMerge

#: Facts per role that `entity_page` loads: an entity page is a summary, `facts()` pages through the rest.
PAGE_FACTS = 500
#: Article entities whose within-article merges an entity page reads (the first linked, in build order).
MERGE_ROWS = 2000
#: Document ids kept per graph edge (the count is exact).
EDGE_DOC_IDS = 20
_ARG_ROLES = ("actor", "target", "place")
_TIMELINE_DAYS = 92  # a shorter span is drawn by day, a longer one by month


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One corpus entity and how often it appears: in articles, and as the actor or the target of a frame."""

    id: str  # corpus entity id ("E" + 12 hex)
    name: str
    type: str  # person/organization/country/place/group/other
    aliases: tuple[str, ...]
    documents: int  # articles mentioning it
    as_actor: int  # frames with it as actor
    as_target: int  # frames with it as target
    first_seen: datetime | None  # earliest published (or ingested) date of an article mentioning it
    last_seen: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "documents": self.documents,
            "as_actor": self.as_actor,
            "as_target": self.as_target,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """One stored frame, flattened for filtering and display, with its claim's source and evidence grade."""

    doc_id: str
    frame_id: str  # "f3" within the document
    claim_id: str  # "a2" / "u5" within the document
    claim: str  # the claim text
    lemma: str
    action: str  # action surface text
    negated: bool
    modality: str | None
    actors: tuple[str, ...]  # corpus entity names where linked, else the surface text
    actor_ids: tuple[str | None, ...]  # corpus entity ids (None where not linked)
    targets: tuple[str, ...]
    target_ids: tuple[str | None, ...]
    places: tuple[str, ...]
    times: tuple[str, ...]  # normalised values where known, else the surface text
    quantities: tuple[str, ...]
    source: str | None  # who says so (the attribution's source name); None = the author
    grade: int | None  # the claim's evidence grade (1-6) and label and reasons
    grade_label: str | None
    reasons: tuple[str, ...]
    outlet: str | None
    title: str | None
    published: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "frame_id": self.frame_id,
            "claim_id": self.claim_id,
            "claim": self.claim,
            "lemma": self.lemma,
            "action": self.action,
            "negated": self.negated,
            "modality": self.modality,
            "actors": list(self.actors),
            "actor_ids": list(self.actor_ids),
            "targets": list(self.targets),
            "target_ids": list(self.target_ids),
            "places": list(self.places),
            "times": list(self.times),
            "quantities": list(self.quantities),
            "source": self.source,
            "grade": self.grade,
            "grade_label": self.grade_label,
            "reasons": list(self.reasons),
            "outlet": self.outlet,
            "title": self.title,
            "published": _iso(self.published),
        }


@dataclass(frozen=True, slots=True)
class EntityPage:
    """An entity's page: why its names were merged, its claims as actor and as target by action, and a timeline."""

    entity: EntitySummary
    merges: tuple[EntityMerge, ...]  # why names were merged (types.EntityMerge)
    as_actor: dict[str, list[Fact]]  # by action lemma, most frequent first
    as_target: dict[str, list[Fact]]
    timeline: list[tuple[str, int, int]]  # (ISO date "2018-08-31" or month, n as actor, n as target), chronological

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity.to_dict(),
            "merges": [m.to_dict() for m in self.merges],
            "as_actor": {k: [f.to_dict() for f in v] for k, v in self.as_actor.items()},
            "as_target": {k: [f.to_dict() for f in v] for k, v in self.as_target.items()},
            "timeline": [{"period": p, "as_actor": a, "as_target": b} for p, a, b in self.timeline],
        }


def _norm(name: str) -> str:
    """How names are compared: casefolded, whitespace collapsed (corpus_entity_names holds them so)."""
    return " ".join(name.casefold().split())


def _summary(r: Any) -> EntitySummary:
    return EntitySummary(
        r.id,
        r.name,
        r.type,
        tuple(r.aliases or ()),
        int(r.documents),
        int(r.as_actor),
        int(r.as_target),
        _when(r.first_seen),
        _when(r.last_seen),
    )


def _rank(ce: sa.Table) -> list[sa.ColumnElement[Any]]:
    return [(ce.c.as_actor + ce.c.as_target).desc(), ce.c.documents.desc(), ce.c.name, ce.c.id]


def list_entities(
    store: Store, *, query: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
) -> list[EntitySummary]:
    """Corpus entities, most claims (as actor plus as target) first, then most articles.

    Args:
        query: only entities whose name or an alias contains this text (case-insensitive).
        type: only entities of this type ("person", "organization", "country", ...).
    """
    engine = _engine(store)
    ce, names = t.corpus_entities, t.corpus_entity_names
    q = sa.select(ce)
    if query is not None and _norm(query):
        needle = _norm(query).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        q = q.where(
            sa.exists(
                sa.select(sa.literal(1)).where(
                    names.c.entity_id == ce.c.id, names.c.name.like(f"%{needle}%", escape="\\")
                )
            )
        )
    if type is not None:
        q = q.where(ce.c.type == type)
    q = q.order_by(*_rank(ce)).limit(max(limit, 0)).offset(max(offset, 0))
    with engine.connect() as conn:
        return [_summary(r) for r in conn.execute(q).all()]


def _matching_ids(conn: Connection, name_or_id: str) -> list[str]:
    """Corpus entity ids whose id, name or an alias is `name_or_id` (case-insensitive), most claims first."""
    ce, names = t.corpus_entities, t.corpus_entity_names
    hit = sa.or_(
        sa.func.lower(ce.c.id) == name_or_id.strip().lower(),
        sa.exists(sa.select(sa.literal(1)).where(names.c.entity_id == ce.c.id, names.c.name == _norm(name_or_id))),
    )
    return list(conn.execute(sa.select(ce.c.id).where(hit).order_by(*_rank(ce))).scalars())


def _fact_day(f: sa.Table, d: sa.Table, end: bool = False) -> sa.ColumnElement[Any]:
    """A frame's date for filtering: its normalised time, else its article's publication (or ingest) day."""
    own = f.c.date_end if end else f.c.date_start
    return sa.func.coalesce(own, sa.func.substr(d.c.published, 1, 10), sa.func.substr(d.c.ingested_at, 1, 10))


def _role_filter(f: sa.Table, role: str, ids: list[str], surface: str | None) -> sa.ColumnElement[bool]:
    """Frames with an argument in `role` linked to one of `ids` (or, unlinked, reading `surface`)."""
    fa, link = t.frame_arguments.alias("fa"), t.corpus_entity_links.alias("fl")
    match: list[sa.ColumnElement[bool]] = [link.c.corpus_entity_id.in_(ids)] if ids else []
    if surface is not None:
        match.append(sa.func.lower(fa.c.span_text) == surface.strip().lower())
    if not match:
        return sa.false()
    sub = (
        sa.select(sa.literal(1))
        .select_from(fa.outerjoin(link, sa.and_(link.c.doc_id == fa.c.doc_id, link.c.entity_id == fa.c.entity_id)))
        .where(fa.c.doc_id == f.c.doc_id, fa.c.frame_ord == f.c.ord, fa.c.role == role, sa.or_(*match))
    )
    return sa.exists(sub)


def _fact_query(conds: list[sa.ColumnElement[bool]]) -> sa.Select[Any]:
    f, d, ev, a, s = t.frames, t.documents, t.evidence, t.attributions, t.sources
    j = (
        f.join(d, d.c.id == f.c.doc_id)
        .outerjoin(ev, sa.and_(ev.c.doc_id == f.c.doc_id, ev.c.claim_id == f.c.claim_id))
        .outerjoin(a, sa.and_(a.c.doc_id == f.c.doc_id, a.c.id == f.c.claim_id))
        .outerjoin(s, sa.and_(s.c.doc_id == a.c.doc_id, s.c.id == a.c.source_id))
    )
    return (
        sa.select(
            f.c.pk,
            f.c.doc_id,
            f.c.id,
            f.c.ord,
            f.c.claim_id,
            f.c.action_start,
            f.c.action_end,
            f.c.action_text,
            f.c.lemma,
            f.c.negated,
            f.c.modality,
            f.c.times,
            f.c.quantities,
            sa.func.coalesce(ev.c.claim_text, a.c.content_text, f.c.action_text).label("claim"),
            s.c.name.label("source"),
            ev.c.grade,
            ev.c.reasons,
            d.c.outlet,
            d.c.title,
            d.c.published,
            _fact_day(f, d).label("day"),
        )
        .select_from(j)
        .where(*conds)
    )


def _arguments(conn: Connection, rows: Sequence[Any]) -> dict[tuple[str, int, str], list[tuple[str, str | None]]]:
    """(doc_id, frame ord, role) -> [(display name, corpus entity id)] for the frames in `rows`."""
    fa, link, ce = t.frame_arguments, t.corpus_entity_links, t.corpus_entities
    wanted = {(r.doc_id, r.ord) for r in rows}
    out: dict[tuple[str, int, str], list[tuple[str, str | None]]] = defaultdict(list)
    doc_ids = sorted({r.doc_id for r in rows})
    for i in range(0, len(doc_ids), 500):
        q = (
            sa.select(fa.c.doc_id, fa.c.frame_ord, fa.c.role, fa.c.ord, fa.c.span_text, ce.c.id, ce.c.name)
            .select_from(
                fa.outerjoin(link, sa.and_(link.c.doc_id == fa.c.doc_id, link.c.entity_id == fa.c.entity_id)).outerjoin(
                    ce, ce.c.id == link.c.corpus_entity_id
                )
            )
            .where(fa.c.doc_id.in_(doc_ids[i : i + 500]))
            .order_by(fa.c.doc_id, fa.c.frame_ord, fa.c.role, fa.c.ord)
        )
        for r in conn.execute(q).all():
            if (r.doc_id, r.frame_ord) in wanted:
                out[(r.doc_id, r.frame_ord, r.role)].append((r.name or r.span_text, r.id))
    return out


def _fact(r: Any, args: dict[tuple[str, int, str], list[tuple[str, str | None]]]) -> Fact:
    actors = args.get((r.doc_id, r.ord, "actor"), [])
    targets = args.get((r.doc_id, r.ord, "target"), [])
    places = args.get((r.doc_id, r.ord, "place"), [])
    grade = int(r.grade) if r.grade is not None else None
    return Fact(
        doc_id=r.doc_id,
        frame_id=r.id,
        claim_id=r.claim_id,
        claim=r.claim,
        lemma=r.lemma,
        action=r.action_text,
        negated=bool(r.negated),
        modality=r.modality,
        actors=tuple(n for n, _ in actors),
        actor_ids=tuple(i for _, i in actors),
        targets=tuple(n for n, _ in targets),
        target_ids=tuple(i for _, i in targets),
        places=tuple(n for n, _ in places),
        times=tuple(x.get("value") or x.get("text", "") for x in r.times or ()),
        quantities=tuple(x.get("text", "") for x in r.quantities or ()),
        source=r.source,
        grade=grade,
        grade_label=GRADE_LABELS.get(grade) if grade is not None else None,
        reasons=tuple(r.reasons or ()),
        outlet=r.outlet,
        title=r.title,
        published=_when(r.published),
    )


def _conditions(
    conn: Connection,
    *,
    actor: str | None,
    target: str | None,
    action: str | None,
    since: date | None,
    until: date | None,
    max_grade: int | None,
    doc_id: str | None,
) -> list[sa.ColumnElement[bool]]:
    f, d, ev = t.frames, t.documents, t.evidence
    conds: list[sa.ColumnElement[bool]] = []
    if doc_id is not None:
        conds.append(f.c.doc_id == doc_id)
    else:  # an older version of a revised article is not a separate report
        conds.append(_latest())
    for role, who in (("actor", actor), ("target", target)):
        if who is not None:
            conds.append(_role_filter(f, role, _matching_ids(conn, who), who))
    if action is not None:
        conds.append(sa.func.lower(f.c.lemma) == action.strip().lower())
    if since is not None:
        conds.append(_fact_day(f, d, end=True) >= since.isoformat())
    if until is not None:
        conds.append(_fact_day(f, d) <= until.isoformat())
    if max_grade is not None:
        conds.append(ev.c.grade <= max_grade)
    return conds


def facts(
    store: Store,
    *,
    actor: str | None = None,
    target: str | None = None,
    action: str | None = None,
    since: date | None = None,
    until: date | None = None,
    max_grade: int | None = None,
    doc_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Fact]:
    """Stored frames as facts, in date order (the frame's own time, else its article's date), then ingest order.

    Args:
        actor: a corpus entity's id, name or alias (case-insensitive), or an unlinked argument's exact text.
        target: the same, for the frame's target.
        action: the action's lemma ("transfer", "deny").
        since: facts whose date range ends on or after this day.
        until: facts whose date range starts on or before this day.
        max_grade: only claims graded this or better (1 = confirmed ... 6 = cannot be judged); ungraded ones drop.
        doc_id: only this document (any version); without it, the latest version of each article.
    """
    engine = _engine(store)
    f = t.frames
    with engine.connect() as conn:
        conds = _conditions(
            conn,
            actor=actor,
            target=target,
            action=action,
            since=since,
            until=until,
            max_grade=max_grade,
            doc_id=doc_id,
        )
        q = _fact_query(conds).order_by(sa.literal_column("day"), f.c.doc_id, f.c.ord)
        rows = conn.execute(q.limit(max(limit, 0)).offset(max(offset, 0))).all()
        args = _arguments(conn, rows)
    return [_fact(r, args) for r in rows]


def iter_fact_rows(store: Store, page: int = 1000) -> Iterator[tuple[Fact, int, int]]:
    """Every fact of the latest articles with its action's offsets, as `(Fact, action_start, action_end)`, streamed.

    Keyset pages over the frames' primary key, so an export holds one page in memory at a time.
    """
    engine = _engine(store)
    f = t.frames
    last = 0
    while True:
        with engine.connect() as conn:
            q = _fact_query([_latest(), f.c.pk > last]).order_by(f.c.pk).limit(page)
            rows = conn.execute(q).all()
            if not rows:
                return
            args = _arguments(conn, rows)
        for r in rows:
            yield _fact(r, args), r.action_start, r.action_end
        last = rows[-1].pk


def _by_lemma(found: list[Fact]) -> dict[str, list[Fact]]:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for x in found:
        groups[x.lemma].append(x)
    return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _timeline(conn: Connection, entity_id: str) -> list[tuple[str, int, int]]:
    """(day or month, frames as actor, frames as target) for one corpus entity, chronological."""
    f, d, fa, link = t.frames, t.documents, t.frame_arguments, t.corpus_entity_links
    per_frame = (
        sa.select(fa.c.role, fa.c.doc_id, fa.c.frame_ord, _fact_day(f, d).label("day"))
        .distinct()
        .select_from(
            fa.join(link, sa.and_(link.c.doc_id == fa.c.doc_id, link.c.entity_id == fa.c.entity_id))
            .join(f, sa.and_(f.c.doc_id == fa.c.doc_id, f.c.ord == fa.c.frame_ord))
            .join(d, d.c.id == f.c.doc_id)
        )
        .where(link.c.corpus_entity_id == entity_id, fa.c.role.in_(("actor", "target")), _latest())
        .subquery()
    )
    q = sa.select(per_frame.c.day, per_frame.c.role, sa.func.count()).group_by(per_frame.c.day, per_frame.c.role)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for day, role, n in conn.execute(q).all():
        if day:
            counts[day][role] += int(n)
    if not counts:
        return []
    days = sorted(counts)
    try:
        span = (date.fromisoformat(days[-1]) - date.fromisoformat(days[0])).days
    except ValueError:
        span = _TIMELINE_DAYS + 1
    period: Callable[[str], str] = (lambda day: day) if span <= _TIMELINE_DAYS else (lambda day: day[:7])
    buckets: dict[str, Counter[str]] = defaultdict(Counter)
    for day in days:
        buckets[period(day)].update(counts[day])
    return [(p, buckets[p]["actor"], buckets[p]["target"]) for p in sorted(buckets)]


def _merges(conn: Connection, row: Any) -> tuple[EntityMerge, ...]:
    """Why names were merged: across articles (the corpus build), then within its articles, each reason once."""
    ae, link = t.article_entities, t.corpus_entity_links
    q = (
        sa.select(ae.c.merges)
        .select_from(link.join(ae, sa.and_(ae.c.doc_id == link.c.doc_id, ae.c.id == link.c.entity_id)))
        .where(link.c.corpus_entity_id == row.id)
        .order_by(link.c.pk)
        .limit(MERGE_ROWS)
    )
    found = [EntityMerge.from_dict(m) for m in row.merges or ()]
    for (merges,) in conn.execute(q).all():
        found.extend(EntityMerge.from_dict(m) for m in merges or ())
    return tuple(dict.fromkeys(found))


def entity_page(store: Store, name_or_id: str) -> EntityPage | None:
    """The page of the corpus entity with this id, name or alias (case-insensitive); None when there is none.

    When several entities share a name ("Georgia"), the one with the most claims is shown. Each role lists at
    most `PAGE_FACTS` facts; `facts(actor=entity.id)` pages through all of them.
    """
    engine = _engine(store)
    ce = t.corpus_entities
    with engine.connect() as conn:
        ids = _matching_ids(conn, name_or_id)
        if not ids:
            return None
        row = conn.execute(sa.select(ce).where(ce.c.id == ids[0])).first()
        if row is None:
            return None
        timeline = _timeline(conn, row.id)
        merges = _merges(conn, row)
    summary = _summary(row)
    as_actor = facts(store, actor=row.id, limit=PAGE_FACTS)
    as_target = facts(store, target=row.id, limit=PAGE_FACTS)
    return EntityPage(summary, merges, _by_lemma(as_actor), _by_lemma(as_target), timeline)


def entity_graph(store: Store, *, limit: int | None = None) -> dict[str, Any]:
    """The actor -> target graph of corpus entities: one edge per (actor, target, action lemma), heaviest first.

    Args:
        limit: keep only this many edges (the heaviest), and the nodes they touch.

    Returns:
        `{"nodes": [{id, name, type, aliases, documents, as_actor, as_target}], "edges": [{source, target,
        lemma, count, negated, documents, doc_ids}]}`; `doc_ids` lists at most `EDGE_DOC_IDS` documents.
    """
    engine = _engine(store)
    f, d, fa, link = t.frames, t.documents, t.frame_arguments, t.corpus_entity_links
    actor, target = fa.alias("ga"), fa.alias("gt")
    actor_link, target_link = link.alias("gal"), link.alias("gtl")
    q = (
        sa.select(
            f.c.pk,
            f.c.doc_id,
            f.c.lemma,
            f.c.negated,
            actor_link.c.corpus_entity_id.label("source"),
            target_link.c.corpus_entity_id.label("target"),
        )
        .distinct()
        .select_from(
            f.join(d, d.c.id == f.c.doc_id)
            .join(actor, sa.and_(actor.c.doc_id == f.c.doc_id, actor.c.frame_ord == f.c.ord, actor.c.role == "actor"))
            .join(actor_link, sa.and_(actor_link.c.doc_id == f.c.doc_id, actor_link.c.entity_id == actor.c.entity_id))
            .join(
                target, sa.and_(target.c.doc_id == f.c.doc_id, target.c.frame_ord == f.c.ord, target.c.role == "target")
            )
            .join(
                target_link, sa.and_(target_link.c.doc_id == f.c.doc_id, target_link.c.entity_id == target.c.entity_id)
            )
        )
        .where(_latest())
    )
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    last = 0
    while True:  # keyset pages over frames: memory follows the number of edges, not of frames
        with engine.connect() as conn:
            rows = conn.execute(q.where(f.c.pk > last).order_by(f.c.pk).limit(2000)).all()
        if not rows:
            break
        for r in rows:
            e = edges.setdefault(
                (r.source, r.target, r.lemma),
                {"source": r.source, "target": r.target, "lemma": r.lemma, "count": 0, "negated": 0, "docs": set()},
            )
            e["count"] += 1
            e["negated"] += int(bool(r.negated))
            e["docs"].add(r.doc_id)
        last = rows[-1].pk
    ranked = sorted(edges.values(), key=lambda e: (-e["count"], e["source"], e["target"], e["lemma"]))
    if limit is not None:
        ranked = ranked[: max(limit, 0)]
    out_edges = [
        {
            "source": e["source"],
            "target": e["target"],
            "lemma": e["lemma"],
            "count": e["count"],
            "negated": e["negated"],
            "documents": len(e["docs"]),
            "doc_ids": sorted(e["docs"])[:EDGE_DOC_IDS],
        }
        for e in ranked
    ]
    node_ids = sorted({e["source"] for e in out_edges} | {e["target"] for e in out_edges})
    ce = t.corpus_entities
    nodes: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for i in range(0, len(node_ids), 500):
            for r in conn.execute(sa.select(ce).where(ce.c.id.in_(node_ids[i : i + 500])).order_by(ce.c.id)).all():
                nodes.append(_summary(r).to_dict())
    nodes.sort(key=lambda n: n["id"])
    return {"nodes": nodes, "edges": out_edges}
