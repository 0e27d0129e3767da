"""A store's attributions as flat rows: one builder for the CSV and Parquet exports, so their columns agree."""

from __future__ import annotations

import csv
import importlib
from collections.abc import Iterator
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
    pa, pq = require_pyarrow()
    schema = parquet_schema(pa)
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in iter_rows(store):
            batch.append(row)
            if len(batch) >= batch_rows:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
