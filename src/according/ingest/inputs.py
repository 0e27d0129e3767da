"""Paths -> Iterator[Document | Skipped] over every input format, dispatched by file name ending.

.jsonl/.ndjson (JSON Lines), .csv, .rss/.atom/.xml (feeds), .warc/.warc.gz/.arc.gz (web archives); anything else
(.txt, .md, .html, .htm, .json files, and "-" for stdin) goes through `ingest.read.iter_paths`.
Directories are walked in sorted order, leaving out hidden files and metadata sidecars.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from according.ingest import read
from according.ingest.csv_reader import count_csv, iter_csv
from according.ingest.feed import count_feed, iter_feed
from according.ingest.jsonl import count_jsonl, iter_jsonl
from according.ingest.warc import count_warc, iter_warc
from according.types import Document, Skipped

Reader = Callable[[Path], Iterator[Document | Skipped]]
Counter = Callable[[Path], int]

#: File name endings of the record-stream formats, longest first, with their reader and record counter.
STREAM_FORMATS: dict[str, tuple[Reader, Counter]] = {
    ".warc.gz": (iter_warc, count_warc),
    ".arc.gz": (iter_warc, count_warc),
    ".warc": (iter_warc, count_warc),
    ".jsonl": (iter_jsonl, count_jsonl),
    ".ndjson": (iter_jsonl, count_jsonl),
    ".csv": (iter_csv, count_csv),
    ".rss": (iter_feed, count_feed),
    ".atom": (iter_feed, count_feed),
    ".xml": (iter_feed, count_feed),
}
_FILE_SUFFIXES = frozenset(read.SUFFIX_FORMATS)


def _stream_format(name: str) -> tuple[Reader, Counter] | None:
    lower = name.lower()
    return next((v for suffix, v in STREAM_FORMATS.items() if lower.endswith(suffix)), None)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Every article in `paths` (files, directories, "-") as a Document, or a Skipped saying why not."""
    for path in paths:
        for item in expand(path):
            if isinstance(item, Skipped):
                yield item
                continue
            fmt = _stream_format(item.name) if str(item) != read.STDIN else None
            if fmt is not None:
                yield from fmt[0](item)
            else:
                yield from read.iter_paths([item])


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many records `iter_inputs` will meet (files count 1, archives their records), for a progress bar."""
    total = 0
    for path in paths:
        for item in expand(path):
            if isinstance(item, Skipped):
                total += 1
                continue
            fmt = _stream_format(item.name) if str(item) != read.STDIN else None
            total += fmt[1](item) if fmt is not None else 1
    return total


def expand(path: str | Path) -> Iterator[Path | Skipped]:
    """`path` itself, or the input files under a directory in sorted order.

    Left out: hidden files and folders, files of unknown type, and metadata sidecars: `<stem>.json` beside a
    `<stem>.txt`/`.md`/`.html`/`.htm`, and `<name>.json` beside any input `<name>` (`feed.rss.json`).
    """
    p = Path(path)
    if str(path) == read.STDIN or not p.is_dir():
        yield p
        return
    errors: list[OSError] = []
    for root, dirs, files in os.walk(p, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = set(files)
        for f in sorted(files):
            if f.startswith(".") or not _is_input(f):
                continue
            if f.lower().endswith(".json") and _is_sidecar(f, names):
                continue
            yield Path(root, f)
    for err in errors:
        yield Skipped(source=str(err.filename or path), reason="unreadable", detail=f"cannot list: {err.strerror}")


def _is_input(name: str) -> bool:
    return _stream_format(name) is not None or os.path.splitext(name)[1].lower() in _FILE_SUFFIXES


def _is_sidecar(name: str, siblings: set[str]) -> bool:
    stem = name[: -len(".json")]
    if stem in siblings and _is_input(stem):
        return True
    return any(stem + s in siblings for s in (".txt", ".md", ".html", ".htm"))
