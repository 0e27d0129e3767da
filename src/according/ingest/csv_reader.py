"""CSV -> Iterator[Document | Skipped]: a text column plus metadata columns (title, outlet, url, published, author)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from according.errors import InputError
from according.ingest._records import from_fields, skipped
from according.types import Document, Skipped

#: Columns that hold the article, the first non-empty one wins; matched case-insensitively.
TEXT_COLUMNS: tuple[str, ...] = ("text", "body", "content", "article", "html")


def iter_csv(path: str | Path) -> Iterator[Document | Skipped]:
    """Each row as a Document, or a Skipped named `path:line` (the row's first line) saying why not.

    The header row names the columns. Lines that are not UTF-8 make their row "bad_encoding"; the rest is read.
    """
    name = str(path)
    csv.field_size_limit(2**31 - 1)  # the default 128 KiB per field cuts long articles
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield Skipped(source=name, reason="unreadable", detail=f"cannot read: {exc.strerror or exc}")
        return
    bad_lines: dict[int, str] = {}

    def lines() -> Iterator[str]:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad_lines[lineno] = f"line {lineno} is not UTF-8 at byte {exc.start}: {exc.reason}"
                line = raw.decode("utf-8", "replace")
            yield line.lstrip("\ufeff") if lineno == 1 else line

    with fh:
        reader = csv.reader(lines())
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            yield Skipped(source=name, reason="empty", detail="no header row")
            return
        except csv.Error as exc:
            yield Skipped(source=name, reason="unreadable", detail=f"bad CSV header: {exc}")
            return
        if not any(c in header for c in TEXT_COLUMNS):
            yield Skipped(name, "unreadable", f"no text column; expected one of {', '.join(TEXT_COLUMNS)}")
            return
        last = reader.line_num
        while True:
            first = last + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Skipped(f"{name}:{first}", "truncated", f"bad CSV from this line on: {exc}")
                return
            last = reader.line_num
            source = f"{name}:{first}"
            bad = [bad_lines[n] for n in range(first, last + 1) if n in bad_lines]
            if bad:
                yield Skipped(source, "bad_encoding", "; ".join(bad))
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Skipped(source, "unreadable", f"{len(row)} fields where the header has {len(header)}")
                continue
            try:
                yield from_fields(dict(zip(header, row, strict=True)), text_keys=TEXT_COLUMNS)
            except InputError as exc:
                yield skipped(source, exc)


def count_csv(path: str | Path) -> int:
    """The number of data rows, for a progress bar; 0 when the file cannot be read."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            return max(sum(1 for _ in csv.reader(fh)) - 1, 0)
    except (OSError, csv.Error):
        return 0
