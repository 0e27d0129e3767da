"""JSON Lines -> Iterator[Document | Skipped]: one article object {text, title, url, outlet, published} a line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from according.config import Settings
from according.errors import InputError
from according.ingest import article_json
from according.ingest._records import skipped
from according.types import Document, Skipped


def iter_jsonl(path: str | Path) -> Iterator[Document | Skipped]:
    """Each non-blank line as a Document, or a Skipped named `path:line` saying why not.

    A last line that has no newline and does not parse is "truncated" (a download or a write cut short);
    other lines that do not parse are "bad_json", lines that are not UTF-8 are "bad_encoding".
    """
    name = str(path)
    limit = Settings.from_env().max_bytes
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; the error for an unreadable file is a record too
    except OSError as exc:
        yield Skipped(source=name, reason="unreadable", detail=f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        for lineno, raw in enumerate(fh, 1):
            source = f"{name}:{lineno}"
            if not raw.strip():
                continue
            if len(raw) > limit:
                yield Skipped(source, "too_large", f"{len(raw):,} bytes is over the limit of {limit:,}")
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Skipped(source, "bad_encoding", f"not UTF-8 at byte {exc.start}: {exc.reason}")
                continue
            if lineno == 1:
                line = line.lstrip("\ufeff")
            try:
                yield article_json.read(line)
            except InputError as exc:
                if exc.reason == "bad_json" and not raw.endswith(b"\n"):
                    yield Skipped(source, "truncated", f"the last line ends before its JSON does: {exc}")
                else:
                    yield skipped(source, exc)


def count_jsonl(path: str | Path) -> int:
    """The number of non-blank lines (records) in the file, for a progress bar; 0 when it cannot be read."""
    try:
        with open(path, "rb") as fh:
            return sum(1 for raw in fh if raw.strip())
    except OSError:
        return 0
