"""The backend-neutral store over SQLAlchemy Core; sqlite.py and postgres.py add connection setup and full text."""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, RowMapping

from according.store import schema as t
from according.store.base import IngestError, RunStatus, SaveResult, SearchHit, SearchScope
from according.types import SCHEMA, Document, Frame, Ledger, Skipped, TextSpan

_PAGE = 500  # rows per query when streaming, so memory follows the page size, not the corpus
_WORD = re.compile(r"\w+")
_ISO_DAY = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ROLES = ("actor", "target", "place")


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _span(prefix: str, s: TextSpan | None) -> dict[str, Any]:
    return {
        f"{prefix}_start": s.start if s else None,
        f"{prefix}_end": s.end if s else None,
        f"{prefix}_text": s.text if s else None,
    }


def _span_dict(row: RowMapping, prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_start"] is None:
        return None
    return {"start": row[f"{prefix}_start"], "end": row[f"{prefix}_end"], "text": row[f"{prefix}_text"]}


def _days(value: str) -> tuple[str, str] | None:
    """The first and last day an ISO date, month or year ("2018", "2018-08", "2018-08-31") covers; None otherwise."""
    m = _ISO_DAY.fullmatch(value.strip())
    if m is None:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        if day:
            d = date(year, month, day).isoformat()
            return d, d
        if month:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    except ValueError:  # month 13, day 31 of a short month, year 0
        return None


def frame_days(frame: Frame) -> tuple[str | None, str | None]:
    """The days a frame's normalised times cover, both ends inclusive; (None, None) when none has a value."""
    bounds: list[tuple[str, str]] = []
    for te in frame.times:
        if not te.value:
            continue
        parts = te.value.split("/")
        if len(parts) > 2:
            continue
        first, last = _days(parts[0]), _days(parts[-1])
        if first is not None and last is not None and first[0] <= last[1]:
            bounds.append((first[0], last[1]))
    if not bounds:
        return None, None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def error_key(source: str, reason: str, detail: str) -> str:
    """The dedup key of an ingest error."""
    return hashlib.sha256("\0".join((source, reason, detail)).encode("utf-8", "surrogatepass")).hexdigest()


def query_words(text: str) -> list[str]:
    """The words of a search: every one must match (punctuation and query syntax are ignored)."""
    return _WORD.findall(text)


class SQLStore:
    """A Store over one SQLAlchemy engine; subclasses implement `_search` and `_insert_error`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.url = url
        self._engine = engine
        with engine.begin() as conn:
            t.migrate(conn)

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- writing ---------------------------------------------------------------------------------------------

    def save(self, ledger: Ledger) -> str:
        return self.save_many([ledger]).doc_ids[0]

    def save_many(
        self, ledgers: Iterable[Ledger], *, errors: Iterable[Skipped] = (), run_id: int | None = None
    ) -> SaveResult:
        ids: list[str] = []
        added: list[str] = []
        with self._engine.begin() as conn:
            for ledger in ledgers:
                doc_id = ledger.document.id
                ids.append(doc_id)
                if doc_id in added or self._has(conn, doc_id):
                    continue
                self._insert_ledger(conn, ledger, run_id)
                added.append(doc_id)
            for s in errors:
                self._insert_error(conn, s.source, s.reason, s.detail, run_id)
        return SaveResult(tuple(ids), tuple(added))

    def record_error(self, source: str, reason: str, detail: str = "", *, run_id: int | None = None) -> None:
        with self._engine.begin() as conn:
            self._insert_error(conn, source, reason, detail, run_id)

    def _insert_error(self, conn: Connection, source: str, reason: str, detail: str, run_id: int | None) -> None:
        raise NotImplementedError

    def _error_row(self, source: str, reason: str, detail: str, run_id: int | None) -> dict[str, Any]:
        return {
            "key": error_key(source, reason, detail),
            "source": source,
            "reason": reason,
            "detail": detail,
            "run_id": run_id,
            "created_at": _now(),
        }

    def _insert_ledger(self, conn: Connection, ledger: Ledger, run_id: int | None) -> None:
        doc = ledger.document
        version, supersedes = 1, None
        if doc.url is not None:
            prev = conn.execute(
                sa.select(t.documents.c.id, t.documents.c.version)
                .where(t.documents.c.url == doc.url)
                .order_by(t.documents.c.version.desc())
                .limit(1)
            ).first()
            if prev is not None:
                version, supersedes = prev.version + 1, prev.id
        conn.execute(
            t.documents.insert().values(
                id=doc.id,
                url=doc.url,
                version=version,
                supersedes=supersedes,
                sha256=doc.sha256,
                title=doc.title,
                outlet=doc.outlet,
                published=doc.published.isoformat() if doc.published else None,
                author=doc.author,
                title_start=doc.title_span.start if doc.title_span else None,
                title_end=doc.title_span.end if doc.title_span else None,
                text=doc.text,
                schema=ledger.schema,
                model=ledger.model,
                sentences=ledger.sentences,
                profile=ledger.profile,
                warnings=list(ledger.warnings),
                run_id=run_id,
                ingested_at=_now(),
            )
        )
        rows: dict[sa.Table, list[dict[str, Any]]] = {
            t.sources: [
                {
                    "doc_id": doc.id,
                    "id": s.id,
                    "ord": i,
                    "type": s.type,
                    "name": s.name,
                    "anonymous": s.anonymous,
                    "count": s.count,
                    "count_phrase": s.count_phrase,
                    "affiliation": s.affiliation,
                    "role": s.role,
                    "members": [m.to_dict() for m in s.members],
                }
                for i, s in enumerate(ledger.sources)
            ],
            t.source_mentions: [
                {"doc_id": doc.id, "source_id": s.id, "ord": k, **_span("mention", m)}
                for s in ledger.sources
                for k, m in enumerate(s.mentions)
            ],
            t.attributions: [
                {
                    "doc_id": doc.id,
                    "id": a.id,
                    "ord": i,
                    "kind": a.kind,
                    "stance": a.stance,
                    "certainty": a.certainty,
                    **_span("content", a.content),
                    "content_parts": [p.to_dict() for p in a.content_parts],
                    **_span("cue", a.cue),
                    **_span("source_mention", a.source_mention),
                    "source_id": a.source_id,
                    "parent": a.parent,
                    "confidence": a.confidence,
                    "method": a.method,
                    "hedge_ids": list(a.hedge_ids),
                }
                for i, a in enumerate(ledger.attributions)
            ],
            t.hedges: [
                {"doc_id": doc.id, "id": h.id, "ord": i, **_span("span", h.span), "kind": h.kind}
                for i, h in enumerate(ledger.hedges)
            ],
            t.opinion_sentences: [
                {"doc_id": doc.id, "ord": i, **_span("span", s)} for i, s in enumerate(ledger.opinion_sentences)
            ],
            t.article_entities: [
                {
                    "doc_id": doc.id,
                    "id": e.id,
                    "ord": i,
                    "name": e.name,
                    "type": e.type,
                    "key": e.key,
                    "aliases": list(e.aliases),
                    "merges": [m.to_dict() for m in e.merges],
                }
                for i, e in enumerate(ledger.entities)
            ],
            t.entity_mentions: [
                {
                    "doc_id": doc.id,
                    "entity_id": e.id,
                    "entity_ord": i,
                    "ord": k,
                    **_span("span", m.span),
                    "label": m.label,
                    "via": m.via,
                }
                for i, e in enumerate(ledger.entities)
                for k, m in enumerate(e.mentions)
            ],
            t.frames: [
                {
                    "doc_id": doc.id,
                    "id": f.id,
                    "ord": i,
                    "claim_id": f.claim_id,
                    **_span("action", f.action),
                    "lemma": f.lemma,
                    "negated": f.negated,
                    "modality": f.modality,
                    "times": [x.to_dict() for x in f.times],
                    "quantities": [q.to_dict() for q in f.quantities],
                    **dict(zip(("date_start", "date_end"), frame_days(f), strict=True)),
                }
                for i, f in enumerate(ledger.frames)
            ],
            t.frame_arguments: [
                {
                    "doc_id": doc.id,
                    "frame_ord": i,
                    "frame_id": f.id,
                    "role": role,
                    "ord": k,
                    **_span("span", a.span),
                    "entity_id": a.entity_id,
                }
                for i, f in enumerate(ledger.frames)
                for role, args in zip(_ROLES, (f.actors, f.targets, f.places), strict=True)
                for k, a in enumerate(args)
            ],
            t.evidence: [
                {
                    "doc_id": doc.id,
                    "claim_id": ev.claim_id,
                    "ord": i,
                    **_span("claim", ev.claim),
                    "grade": ev.grade,
                    "reasons": list(ev.reasons),
                    "independent_origins": ev.independent_origins,
                    "named_sources": ev.named_sources,
                    "anonymous_sources": ev.anonymous_sources,
                    "people": ev.people,
                    "depth": ev.depth,
                    "hedged": ev.hedged,
                    "denied": ev.denied,
                    "author_voice": ev.author_voice,
                }
                for i, ev in enumerate(ledger.evidence)
            ],
            t.framing_spans: [
                {
                    "doc_id": doc.id,
                    "ord": i,
                    **_span("span", f.span),
                    "label": f.technique,
                    "attributes": {"score": f.score},
                    "method": "according.framing.v1",
                }
                for i, f in enumerate(ledger.framing)
            ],
        }
        for table, values in rows.items():
            if values:
                conn.execute(table.insert(), values)

    # -- runs ------------------------------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], *, total: int | None = None) -> int:
        with self._engine.begin() as conn:
            pk = conn.execute(
                t.runs.insert().values(started_at=_now(), status="running", inputs=list(inputs), total=total)
            ).inserted_primary_key
        assert pk is not None
        return int(pk[0])

    def update_run(
        self,
        run_id: int,
        *,
        seen: int,
        saved: int,
        already_stored: int,
        errors: int,
        last_source: str | None,
        status: RunStatus | None = None,
    ) -> None:
        values: dict[str, Any] = {
            "seen": seen,
            "saved": saved,
            "already_stored": already_stored,
            "errors": errors,
            "last_source": last_source,
        }
        if status is not None:
            values["status"] = status
            if status != "running":
                values["finished_at"] = _now()
        with self._engine.begin() as conn:
            conn.execute(t.runs.update().where(t.runs.c.id == run_id).values(**values))

    def iter_runs(self) -> Iterator[dict[str, Any]]:
        """Ingest runs, oldest first, as plain dicts."""
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(t.runs).order_by(t.runs.c.id)).mappings().all()
        for row in rows:
            yield dict(row)

    # -- reading ---------------------------------------------------------------------------------------------

    @staticmethod
    def _has(conn: Connection, doc_id: str) -> bool:
        return conn.execute(sa.select(t.documents.c.pk).where(t.documents.c.id == doc_id)).first() is not None

    def has(self, doc_id: str) -> bool:
        with self._engine.connect() as conn:
            return self._has(conn, doc_id)

    def missing(self, doc_ids: Iterable[str]) -> set[str]:
        wanted = set(doc_ids)
        found: set[str] = set()
        ids = sorted(wanted)
        with self._engine.connect() as conn:
            for i in range(0, len(ids), _PAGE):
                chunk = ids[i : i + _PAGE]
                found.update(conn.execute(sa.select(t.documents.c.id).where(t.documents.c.id.in_(chunk))).scalars())
        return wanted - found

    def _document_row(self, conn: Connection, doc_id: str) -> RowMapping:
        row = conn.execute(sa.select(t.documents).where(t.documents.c.id == doc_id)).mappings().first()
        if row is None:
            raise KeyError(doc_id)
        return row

    @staticmethod
    def _document(row: RowMapping) -> Document:
        text: str = row["text"]
        start, end = row["title_start"], row["title_end"]
        d = {
            "id": row["id"],
            "sha256": row["sha256"],
            "title": row["title"],
            "outlet": row["outlet"],
            "url": row["url"],
            "published": row["published"],
            "author": row["author"],
            "title_span": TextSpan.of(text, start, end).to_dict() if start is not None else None,
        }
        return Document.from_dict(d, text)

    def get_document(self, doc_id: str) -> Document:
        with self._engine.connect() as conn:
            return self._document(self._document_row(conn, doc_id))

    def get_ledger(self, doc_id: str) -> Ledger:
        with self._engine.connect() as conn:
            row = self._document_row(conn, doc_id)

            def children(table: sa.Table) -> list[RowMapping]:
                q = sa.select(table).where(table.c.doc_id == doc_id).order_by(table.c.ord)
                return list(conn.execute(q).mappings())

            mentions: dict[str, list[dict[str, Any]]] = {}
            for m in children(t.source_mentions):
                mentions.setdefault(m["source_id"], []).append(_span_dict(m, "mention") or {})
            sources = [
                {
                    "id": s["id"],
                    "type": s["type"],
                    "name": s["name"],
                    "anonymous": bool(s["anonymous"]),
                    "count": s["count"],
                    "count_phrase": s["count_phrase"],
                    "affiliation": s["affiliation"],
                    "role": s["role"],
                    "mentions": mentions.get(s["id"], []),
                    "members": s["members"],
                }
                for s in children(t.sources)
            ]
            attributions = [
                {
                    "id": a["id"],
                    "kind": a["kind"],
                    "stance": a["stance"],
                    "certainty": a["certainty"],
                    "content": _span_dict(a, "content"),
                    "content_parts": a["content_parts"],
                    "cue": _span_dict(a, "cue"),
                    "source_mention": _span_dict(a, "source_mention"),
                    "source_id": a["source_id"],
                    "parent": a["parent"],
                    "confidence": a["confidence"],
                    "method": a["method"],
                    "hedge_ids": a["hedge_ids"],
                }
                for a in children(t.attributions)
            ]
            hedges = [{"id": h["id"], **(_span_dict(h, "span") or {}), "kind": h["kind"]} for h in children(t.hedges)]
            opinions = [_span_dict(o, "span") for o in children(t.opinion_sentences)]
            entities = self._entities(children(t.article_entities), children(t.entity_mentions))
            frames = self._frames(children(t.frames), children(t.frame_arguments))
            evidence = [
                {
                    "claim_id": ev["claim_id"],
                    "claim": _span_dict(ev, "claim"),
                    "grade": ev["grade"],
                    "reasons": ev["reasons"],
                    "independent_origins": ev["independent_origins"],
                    "named_sources": ev["named_sources"],
                    "anonymous_sources": ev["anonymous_sources"],
                    "people": ev["people"],
                    "depth": ev["depth"],
                    "hedged": bool(ev["hedged"]),
                    "denied": bool(ev["denied"]),
                    "author_voice": bool(ev["author_voice"]),
                }
                for ev in children(t.evidence)
            ]
            framing = [
                {**(_span_dict(f, "span") or {}), "technique": f["label"], "score": f["attributes"]["score"]}
                for f in children(t.framing_spans)
            ]
        document = self._document(row)
        return Ledger.from_dict(
            {
                "schema": SCHEMA,  # migration 3 turned ledger/1 entity mentions into one-mention entities
                "document": document.to_dict(),
                "text": document.text,
                "model": row["model"],
                "sentences": row["sentences"],
                "sources": sources,
                "attributions": attributions,
                "hedges": hedges,
                "opinion_sentences": opinions,
                "entities": entities,
                "framing": framing,
                "frames": frames,
                "evidence": evidence,
                "profile": row["profile"],
                "warnings": row["warnings"],
            }
        )

    @staticmethod
    def _entities(records: list[RowMapping], mention_rows: list[RowMapping]) -> list[dict[str, Any]]:
        mentions: dict[int, list[dict[str, Any]]] = {}
        for m in sorted(mention_rows, key=lambda r: (r["entity_ord"], r["ord"])):
            mentions.setdefault(m["entity_ord"], []).append(
                {**(_span_dict(m, "span") or {}), "label": m["label"], "via": m["via"]}
            )
        return [
            {
                "id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "key": e["key"],
                "mentions": mentions.get(e["ord"], []),
                "aliases": e["aliases"],
                "merges": e["merges"],
            }
            for e in records
        ]

    @staticmethod
    def _frames(records: list[RowMapping], argument_rows: list[RowMapping]) -> list[dict[str, Any]]:
        args: dict[tuple[int, str], list[dict[str, Any]]] = {}
        for a in sorted(argument_rows, key=lambda r: (r["frame_ord"], r["role"], r["ord"])):
            args.setdefault((a["frame_ord"], a["role"]), []).append(
                {**(_span_dict(a, "span") or {}), "entity_id": a["entity_id"]}
            )
        return [
            {
                "id": f["id"],
                "claim_id": f["claim_id"],
                "action": _span_dict(f, "action"),
                "lemma": f["lemma"],
                "negated": bool(f["negated"]),
                "modality": f["modality"],
                "actors": args.get((f["ord"], "actor"), []),
                "targets": args.get((f["ord"], "target"), []),
                "places": args.get((f["ord"], "place"), []),
                "times": f["times"],
                "quantities": f["quantities"],
            }
            for f in records
        ]

    def iter_documents(
        self,
        *,
        url: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        latest_only: bool = False,
    ) -> Iterator[Document]:
        d = t.documents
        conds: list[sa.ColumnElement[bool]] = []
        if url is not None:
            conds.append(d.c.url == url)
        if outlet is not None:
            conds.append(d.c.outlet == outlet)
        if since is not None:
            conds.append(d.c.published >= since)
        if until is not None:
            conds.append(d.c.published < until)
        if latest_only:
            later = d.alias("later")
            newer = sa.select(sa.literal(1)).where(later.c.supersedes == d.c.id)
            conds.append(~sa.exists(newer))
        last = 0
        while True:  # keyset pages: no cursor is held open between the caller's steps
            q = sa.select(d).where(d.c.pk > last, *conds).order_by(d.c.pk).limit(_PAGE)
            with self._engine.connect() as conn:
                rows = conn.execute(q).mappings().all()
            if not rows:
                return
            for row in rows:
                yield self._document(row)
            last = rows[-1]["pk"]

    def iter_doc_ids(self) -> Iterator[str]:
        last = 0
        while True:
            q = (
                sa.select(t.documents.c.pk, t.documents.c.id)
                .where(t.documents.c.pk > last)
                .order_by(t.documents.c.pk)
                .limit(_PAGE)
            )
            with self._engine.connect() as conn:
                rows = conn.execute(q).all()
            if not rows:
                return
            for row in rows:
                yield row.id
            last = rows[-1].pk

    def versions(self, url: str) -> list[str]:
        q = sa.select(t.documents.c.id).where(t.documents.c.url == url).order_by(t.documents.c.version)
        with self._engine.connect() as conn:
            return list(conn.execute(q).scalars())

    def iter_errors(self, *, reason: str | None = None) -> Iterator[IngestError]:
        e = t.ingest_errors
        last = 0
        while True:
            q = sa.select(e).where(e.c.pk > last).order_by(e.c.pk).limit(_PAGE)
            if reason is not None:
                q = q.where(e.c.reason == reason)
            with self._engine.connect() as conn:
                rows = conn.execute(q).mappings().all()
            if not rows:
                return
            for r in rows:
                yield IngestError(r["source"], r["reason"], r["detail"], r["run_id"], r["created_at"])
            last = rows[-1]["pk"]

    def search(
        self, text: str, *, limit: int = 20, offset: int = 0, scope: SearchScope = "documents"
    ) -> list[SearchHit]:
        if scope not in ("documents", "attributions"):
            raise ValueError(f"invalid value for scope: {scope!r}; allowed: 'documents', 'attributions'")
        words = query_words(text)
        if not words or limit <= 0:
            return []
        with self._engine.connect() as conn:
            return self._search(conn, words, limit=limit, offset=max(offset, 0), scope=scope)

    def _search(
        self, conn: Connection, words: list[str], *, limit: int, offset: int, scope: SearchScope
    ) -> list[SearchHit]:
        raise NotImplementedError

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        with self._engine.connect() as conn:
            for table in (*t.CONTENT_TABLES, t.runs):
                out[table.name] = int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
        return out

    def schema_version(self) -> int:
        with self._engine.connect() as conn:
            return t.current_version(conn)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.url!r})"
