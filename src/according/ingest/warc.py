"""WARC archives -> Iterator[Document | Skipped] via warcio: one Document per HTML response record.

Only `response` records with an HTML payload and a 2xx status become Documents (url = WARC-Target-URI; published =
the page's own date, else the capture's WARC-Date). Request, revisit, metadata and warcinfo records, and responses
that are not HTML pages (images, scripts, redirects), are passed over without a record: crawls are full of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from according.config import Settings
from according.errors import InputError
from according.ingest import article_json, html
from according.ingest._records import skipped
from according.ingest.encoding import decode
from according.types import Document, Skipped

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def iter_warc(path: str | Path) -> Iterator[Document | Skipped]:
    """Each HTML response record as a Document, or a Skipped named `path@offset` saying why not.

    An archive cut short yields one Skipped("truncated") for the rest; the records before the cut are kept.
    """
    name = str(path)
    limit = Settings.from_env().max_bytes
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
        size = Path(path).stat().st_size
    except OSError as exc:
        yield Skipped(source=name, reason="unreadable", detail=f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        records = ArchiveIterator(fh)
        offset = 0
        try:
            for record in records:
                item = _record(record, name, limit)
                # only now: get_record_offset() reads the record to its end, leaving no payload to parse
                offset = records.get_record_offset()
                source = f"{name}@{offset}"
                if isinstance(item, Skipped):
                    item = replace(item, source=source)
                # a record whose block ends before its Content-Length is where the archive was cut
                if record.raw_stream.limit > 0:
                    yield Skipped(source, "truncated", f"archive ends inside the record at offset {offset}")
                    return
                if item is not None:
                    yield item
        except Exception as exc:  # warcio raises assorted errors (even AttributeError) on a damaged archive
            yield Skipped(f"{name}@{offset}", "truncated", f"archive unreadable after offset {offset}: {exc!r}")
            return
        if records.offset < size:
            yield Skipped(f"{name}@{records.offset}", "truncated", f"no complete record after offset {records.offset}")


def _record(record: Any, source: str, limit: int) -> Document | Skipped | None:
    """The Document of one record, a Skipped, or None for records that are not HTML pages."""
    if record.rec_type != "response" or record.http_headers is None:
        record.raw_stream.read()  # read to the end, so a cut inside this record is seen
        return None
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    try:
        payload = record.content_stream().read(limit + 1)
    except Exception as exc:  # a bad chunked or gzip body spoils this record only
        record.raw_stream.read()
        return Skipped(source, "unreadable", f"cannot decode the HTTP body: {exc!r}")
    record.raw_stream.read()
    if not status.startswith("2") or (ctype and ctype not in _HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    if len(payload) > limit:
        return Skipped(source, "too_large", f"{url}: HTTP body over the limit of {limit:,} bytes")
    if not payload.strip():
        return Skipped(source, "empty", f"{url}: empty HTTP body")
    try:
        doc = html.read(decode(payload, name=url or source), url=url)
    except InputError as exc:
        return skipped(source, exc)
    captured = html.parse_published(record.rec_headers.get_header("WARC-Date"))
    return article_json.with_metadata(doc, published=doc.published or captured)


def count_warc(path: str | Path) -> int:
    """The number of response records, for a progress bar (reads the archive's headers; 0 on errors)."""
    n = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                n += record.rec_type == "response"
    except Exception:  # counting is an estimate; the real pass reports the damage
        return n
    return n
