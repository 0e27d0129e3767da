"""A store's attributions as flat rows: one builder for the CSV and Parquet exports, so their columns agree."""

from __future__ import annotations

import csv
import importlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from according.store.base import Store
from according.types import Ledger, TextSpan

#: One row per attribution, with its document's metadata; offsets are into the document's text, half-open.
COLUMNS: tuple[str, ...] = (
    "doc_id",
    "url",
    "title",
    "outlet",
    "published",
    "attribution_id",
    "kind",
    "stance",
    "certainty",
    "content",
    "content_start",
    "content_end",
    "cue",
    "cue_start",
    "cue_end",
    "source_mention",
    "source_mention_start",
    "source_mention_end",
    "source_id",
    "source_name",
    "source_type",
    "anonymous",
    "source_count",
    "source_affiliation",
    "parent",
    "confidence",
)
_INTS = frozenset(c for c in COLUMNS if c.endswith(("_start", "_end"))) | {"source_count"}
PARQUET_EXTRA = "pip install 'according[parquet]'"
#: Rows per Parquet record batch (and row group): what the export holds in memory at once.
BATCH_ROWS = 10_000


def _span(s: TextSpan | None) -> list[Any]:
    return [s.text, s.start, s.end] if s else [None, None, None]


def attribution_rows(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """The ledger's attributions as `COLUMNS` rows; `published` stays a datetime (or None)."""
    d = ledger.document
    for a in ledger.attributions:
        s = ledger.source(a.source_id)
        values = [
            d.id,
            d.url,
            d.title,
            d.outlet,
            d.published,
            a.id,
            a.kind,
            a.stance,
            a.certainty,
            *_span(a.content),
            *_span(a.cue),
            *_span(a.source_mention),
            a.source_id,
            s.name if s else None,
            s.type if s else None,
            s.anonymous if s else None,
            s.count if s else None,
            s.affiliation if s else None,
            a.parent,
            a.confidence,
        ]
        yield dict(zip(COLUMNS, values, strict=True))


def iter_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored attribution, in ingest order, one ledger in memory at a time."""
    for doc_id in store.iter_doc_ids():
        yield from attribution_rows(store.get_ledger(doc_id))


def write_csv(store: Store, out: IO[str]) -> int:
    """Write the header and one row per attribution; returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    n = 0
    for row in iter_rows(store):
        published = row["published"]
        row["published"] = published.isoformat() if isinstance(published, datetime) else None
        writer.writerow(row.values())
        n += 1
    return n


def require_pyarrow() -> tuple[Any, Any]:
    """`(pyarrow, pyarrow.parquet)`; ImportError naming the extra when pyarrow is not installed."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise ImportError(f"the parquet format needs pyarrow ({exc}); install it: {PARQUET_EXTRA}") from None


def parquet_schema(pa: Any) -> Any:
    """The Parquet schema of `COLUMNS`: timestamps in UTC, offsets and counts int64."""
    types = {"published": pa.timestamp("us", tz="UTC"), "anonymous": pa.bool_(), "confidence": pa.float64()}
    return pa.schema([(c, types.get(c, pa.int64() if c in _INTS else pa.string())) for c in COLUMNS])


def write_parquet(store: Store, path: Path, batch_rows: int = BATCH_ROWS) -> int:
    """Write one row per attribution to a Parquet file, `batch_rows` at a time; returns the number of rows.

    Raises:
        ImportError: pyarrow is not installed (the `according[parquet]` extra).
    """
    pa, _ = require_pyarrow()
    return write_rows_parquet(iter_rows(store), parquet_schema(pa), path, batch_rows)


# -- frames, corpus entities and the entity graph (issue 6) ------------------------------------------------------

#: One row per stored frame (a fact), with its claim's source and grade and its document's metadata.
FRAME_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "frame_id",
    "claim_id",
    "claim",
    "lemma",
    "action",
    "action_start",
    "action_end",
    "negated",
    "modality",
    "actors",
    "actor_ids",
    "targets",
    "target_ids",
    "places",
    "times",
    "quantities",
    "source",
    "grade",
    "grade_label",
    "reasons",
    "outlet",
    "title",
    "published",
)
#: One row per corpus entity (built by `according cluster`).
ENTITY_COLUMNS: tuple[str, ...] = (
    "id",
    "key",
    "name",
    "type",
    "aliases",
    "documents",
    "as_actor",
    "as_target",
    "first_seen",
    "last_seen",
    "merges",
)
#: Columns holding lists: JSON arrays in CSV, lists in Parquet and JSONL.
LIST_COLUMNS = frozenset(
    {"actors", "actor_ids", "targets", "target_ids", "places", "times", "quantities", "reasons", "aliases", "merges"}
)
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# characters XML 1.0 cannot carry at all; news text scraped from the web sometimes has them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def frame_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every fact of the latest articles as `FRAME_COLUMNS` rows, streamed; `published` stays a datetime."""
    from according.corpus.facts import iter_fact_rows

    for fact, start, end in iter_fact_rows(store):
        d = fact.to_dict()
        d["published"] = fact.published
        d["action_start"], d["action_end"] = start, end
        yield {c: d[c] for c in FRAME_COLUMNS}


def entity_rows(store: Store) -> Iterator[dict[str, Any]]:
    """Every corpus entity as `ENTITY_COLUMNS` rows, streamed in keyset pages; dates stay ISO strings."""
    import sqlalchemy as sa

    from according.corpus.build import _engine
    from according.store import schema as t

    engine = _engine(store)
    ce = t.corpus_entities
    last = 0
    while True:
        with engine.connect() as conn:
            rows = (
                conn.execute(sa.select(ce).where(ce.c.pk > last).order_by(ce.c.pk).limit(BATCH_ROWS)).mappings().all()
            )
        if not rows:
            return
        for r in rows:
            yield {c: list(r[c] or []) if c in LIST_COLUMNS else r[c] for c in ENTITY_COLUMNS}
        last = rows[-1]["pk"]


def _cell(column: str, value: Any) -> Any:
    if column in LIST_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def write_rows_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: IO[str]) -> int:
    """Write the header and the rows (lists as JSON arrays, dates in ISO 8601); returns the number of rows."""
    writer = csv.writer(out)
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(c, row[c]) for c in columns])
        n += 1
    return n


def write_rows_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write one JSON object per row (dates in ISO 8601); returns the number of rows."""
    n = 0
    for row in rows:
        out.write(json.dumps({k: _iso(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def frames_parquet_schema(pa: Any) -> Any:
    """The Parquet schema of `FRAME_COLUMNS`: lists of strings, offsets and grades int64, `published` in UTC."""
    types = {
        "action_start": pa.int64(),
        "action_end": pa.int64(),
        "grade": pa.int64(),
        "negated": pa.bool_(),
        "published": pa.timestamp("us", tz="UTC"),
    }
    return pa.schema(
        [(c, types.get(c, pa.list_(pa.string()) if c in LIST_COLUMNS else pa.string())) for c in FRAME_COLUMNS]
    )


def entities_parquet_schema(pa: Any) -> Any:
    """The Parquet schema of `ENTITY_COLUMNS`: merges as a list of {alias, reason}; dates as ISO strings."""
    types = {
        "aliases": pa.list_(pa.string()),
        "merges": pa.list_(pa.struct([("alias", pa.string()), ("reason", pa.string())])),
        "documents": pa.int64(),
        "as_actor": pa.int64(),
        "as_target": pa.int64(),
    }
    return pa.schema([(c, types.get(c, pa.string())) for c in ENTITY_COLUMNS])


def write_rows_parquet(rows: Iterable[dict[str, Any]], schema: Any, path: Path, batch_rows: int = BATCH_ROWS) -> int:
    """Write rows to a Parquet file, `batch_rows` at a time; returns the number of rows.

    Raises:
        ImportError: pyarrow is not installed (the `according[parquet]` extra).
    """
    pa, pq = require_pyarrow()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= batch_rows:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def _xml(value: Any) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


_NODE_KEYS = (
    ("label", "string"),
    ("type", "string"),
    ("aliases", "string"),
    ("documents", "int"),
    ("as_actor", "int"),
    ("as_target", "int"),
    ("first_seen", "string"),
    ("last_seen", "string"),
)
_EDGE_KEYS = (
    ("label", "string"),
    ("lemma", "string"),
    ("weight", "double"),
    ("count", "int"),
    ("negated", "int"),
    ("documents", "int"),
    ("doc_ids", "string"),
)


def write_graphml(graph: dict[str, Any], out: IO[str]) -> None:
    """Write an `entity_graph` as GraphML (directed; one edge per actor, target and action; Gephi's label/weight)."""
    from xml.etree import ElementTree as ET

    ET.register_namespace("", GRAPHML_NS)

    def q(tag: str) -> str:
        return f"{{{GRAPHML_NS}}}{tag}"

    root = ET.Element(q("graphml"))
    for where, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, kind in keys:
            ET.SubElement(
                root, q("key"), {"id": f"{where[0]}_{name}", "for": where, "attr.name": name, "attr.type": kind}
            )
    g = ET.SubElement(root, q("graph"), {"id": "according", "edgedefault": "directed"})

    def data(parent: ET.Element, key: str, value: Any) -> None:
        if value is None:
            return
        ET.SubElement(parent, q("data"), {"key": key}).text = _xml(value)

    for node in graph["nodes"]:
        el = ET.SubElement(g, q("node"), {"id": _xml(node["id"])})
        values = {**node, "label": node["name"], "aliases": "; ".join(node.get("aliases", []))}
        for name, _ in _NODE_KEYS:
            data(el, f"n_{name}", values.get(name))
    for i, edge in enumerate(graph["edges"]):
        attrs = {"id": f"x{i}", "source": _xml(edge["source"]), "target": _xml(edge["target"])}
        el = ET.SubElement(g, q("edge"), attrs)
        values = {
            **edge,
            "label": edge["lemma"],
            "weight": float(edge["count"]),
            "doc_ids": " ".join(edge.get("doc_ids", [])),
        }
        for name, _ in _EDGE_KEYS:
            data(el, f"e_{name}", values.get(name))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def write_graph_json(graph: dict[str, Any], out: IO[str]) -> None:
    """Write an `entity_graph` as one JSON object: {"directed": true, "nodes": [...], "edges": [...]}."""
    json.dump({"directed": True, **graph}, out, ensure_ascii=False, indent=1)
    out.write("\n")
