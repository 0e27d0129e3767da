"""RSS/Atom files -> Iterator[Document | Skipped] via feedparser: one Document per item."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from according.config import Settings
from according.errors import InputError
from according.ingest._records import from_fields, skipped
from according.types import Document, Skipped


def iter_feed(path: str | Path) -> Iterator[Document | Skipped]:
    """Each item (title, link, published, author; body from its content, else its summary) as a Document.

    Items are named `path#N` (N from 1) in Skipped records. HTML bodies go through the HTML reader. A file that
    is not a feed at all is one Skipped ("unreadable"); a feed with XML errors keeps the items feedparser recovers.
    """
    name = str(path)
    try:
        size = Path(path).stat().st_size
        limit = Settings.from_env().max_bytes
        if size > limit:
            yield Skipped(name, "too_large", f"{size:,} bytes is over the limit of {limit:,}")
            return
        data = Path(path).read_bytes()
    except OSError as exc:
        yield Skipped(source=name, reason="unreadable", detail=f"cannot read: {exc.strerror or exc}")
        return
    parsed = feedparser.parse(data)
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        detail = f"not an RSS or Atom feed: {problem}" if problem else "a feed with no items"
        yield Skipped(name, "unreadable" if problem or not parsed.get("version") else "empty", detail)
        return
    outlet = parsed.get("feed", {}).get("title")
    for i, entry in enumerate(entries, 1):
        try:
            yield from_fields(_fields(entry, outlet), text_keys=("content", "summary"))
        except InputError as exc:
            yield skipped(f"{name}#{i}", exc)


def _fields(entry: Any, outlet: str | None) -> dict[str, Any]:
    """The item as the field names `from_fields` reads; the longest `content` part is the body."""
    contents = [c.get("value", "") for c in entry.get("content", []) if isinstance(c.get("value"), str)]
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")  # a UTC struct_time
    return {
        "content": max(contents, key=len) if contents else None,
        "summary": entry.get("summary"),
        "title": entry.get("title"),
        "url": entry.get("link"),
        "author": entry.get("author"),
        "outlet": outlet,
        "published": datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat() if stamp else None,
    }


def count_feed(path: str | Path) -> int:
    """The number of items, for a progress bar (parses the feed; feeds are small)."""
    try:
        return len(feedparser.parse(Path(path).read_bytes()).get("entries", []))
    except OSError:
        return 0
