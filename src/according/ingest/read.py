"""Bytes, strings, files, stdin and directories -> Document: size limit, decoding, then the reader for the format."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path, PurePath
from typing import Literal, cast, get_args

from according.config import Settings
from according.errors import FormatError, InputError, value_invalid_msg
from according.ingest import article_json, html
from according.ingest.encoding import decode
from according.ingest.text import make_document
from according.types import Document, Skipped, SkipReason

Format = Literal["auto", "text", "html", "json"]
FORMATS: tuple[str, ...] = get_args(Format)
#: File name endings read from a directory, and the format each one means.
SUFFIX_FORMATS: dict[str, Format] = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".json": "json"}
STDIN = "-"
_SKIP_REASONS: frozenset[str] = frozenset(get_args(SkipReason))
# str.strip() keeps the BOM and zero-width characters, which make an "empty" file look non-empty.
_BLANK = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]*")


def read_bytes(
    data: bytes,
    *,
    name: str = "<input>",
    format: Format = "auto",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    author: str | None = None,
) -> Document:
    """Decode `data` and read it as `format` ("auto": by `name`'s ending, then content); arguments beat found metadata.

    Raises:
        InputError: reasons "too_large", "binary", "bad_encoding", "empty", "bad_json", "no_article_body".
        FormatError: for an unknown `format`.
    """
    _check_format(format)
    _check_size(len(data), name)
    return read_text(
        decode(data, name=name),
        name=name,
        format=format,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        author=author,
    )


def read_text(
    text: str,
    *,
    name: str = "<input>",
    format: Format = "auto",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    author: str | None = None,
) -> Document:
    """Read an already-decoded string as `read_bytes` does; plain text is kept exactly, so offsets refer to `text`."""
    _check_format(format)
    _check_size(len(text), name, "characters")
    if _BLANK.fullmatch(text):
        raise InputError(f"{name}: empty input (nothing but whitespace)", reason="empty")
    fmt = format if format != "auto" else _sniff(text, name)
    try:
        if fmt == "json":
            doc = article_json.read(text)
        elif fmt == "html":
            doc = html.read(text, url=url)
        else:
            doc = make_document(text)
    except InputError as exc:  # the readers do not know the name; say which input failed
        raise InputError(f"{name}: {exc}", reason=exc.reason) from exc
    return article_json.with_metadata(doc, title=title, outlet=outlet, url=url, published=published, author=author)


def read_path(
    path: str | Path,
    *,
    format: Format = "auto",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    author: str | None = None,
) -> Document:
    """Read one file ("-" for stdin); a sibling `<stem>.json` with title/outlet/url/date/author supplies metadata.

    Raises:
        InputError: reason "unreadable" when the file cannot be read, or any reason of `read_bytes`.
    """
    if str(path) == STDIN:
        name = "<stdin>"
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc}", reason="unreadable") from exc
        side = article_json.Metadata()
    else:
        p = Path(path)
        name = str(p)
        try:
            if p.is_dir():
                raise InputError(f"{name}: is a directory, not a file", reason="unreadable")
            _check_size(p.stat().st_size, name)
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {exc.strerror or exc}", reason="unreadable") from exc
        side = _sidecar(p)
    return read_bytes(
        data,
        name=name,
        format=format,
        title=title or side.get("title"),
        outlet=outlet or side.get("outlet"),
        url=url or side.get("url"),
        published=published or side.get("published"),
        author=author or side.get("author"),
    )


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Document | Skipped]:
    """Each file (directories recursively: .txt, .md, .html, .htm, .json) as a Document, or a Skipped saying why not."""
    for path in paths:
        for item in _expand(path):
            if isinstance(item, Skipped):
                yield item
                continue
            try:
                yield read_path(item)
            except InputError as exc:
                yield Skipped(source=str(item), reason=_skip_reason(exc.reason), detail=str(exc))


_NOT_ARTICLES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG"})


def _expand(path: str | Path) -> Iterator[str | Path | Skipped]:
    """`path` itself, or the readable files under a directory in sorted order, leaving out hidden files and sidecars."""
    if str(path) == STDIN or not Path(path).is_dir():
        yield path
        return
    errors: list[OSError] = []
    for root, dirs, files in os.walk(path, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names = set(files)
        for f in sorted(files):
            stem, suffix = os.path.splitext(f)
            if f.startswith(".") or suffix.lower() not in SUFFIX_FORMATS:
                continue
            if stem.upper() in _NOT_ARTICLES:
                continue  # a folder's README or licence is not an article
            if suffix.lower() == ".json" and any(stem + s in names for s in (".txt", ".md", ".html", ".htm")):
                continue  # metadata sidecar of a text or HTML file, read with it
            if suffix.lower() == ".json" and stem in names:
                continue  # metadata of another file (`feed.rss.json`, `crawl.warc.gz.json`), not an article
            yield Path(root, f)
    for err in errors:
        yield Skipped(source=str(err.filename or path), reason="unreadable", detail=f"cannot list: {err.strerror}")


def _sidecar(path: Path) -> article_json.Metadata:
    """Metadata from `<stem>.json` beside a text or HTML file; nothing when it is absent or malformed."""
    side = path.with_suffix(".json")
    if path.suffix.lower() == ".json" or not side.is_file():
        return article_json.Metadata()
    try:
        obj = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return article_json.Metadata()
    return article_json.metadata(obj) if isinstance(obj, dict) else article_json.Metadata()


def _sniff(text: str, name: str) -> Format:
    """The format a file name's ending says, else JSON for a leading `{` that parses as an object, else HTML or text."""
    suffix = PurePath(name).suffix.lower() if not name.startswith("<") else ""
    if suffix in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffix]
    if text.lstrip().startswith("{"):
        try:
            if isinstance(json.loads(text), dict):
                return "json"
        except ValueError:
            pass  # prose that happens to start with a brace
    return "html" if html.looks_like_html(text) else "text"


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise FormatError(value_invalid_msg("format", format, FORMATS))


def _check_size(size: int, name: str, unit: str = "bytes") -> None:
    limit = Settings.from_env().max_bytes
    if size > limit:
        raise InputError(
            f"{name}: {size:,} {unit} is over the limit of {limit:,} (raise it with ACCORDING_MAX_BYTES)",
            reason="too_large",
        )


def _skip_reason(reason: str) -> SkipReason:
    return cast(SkipReason, reason) if reason in _SKIP_REASONS else "unreadable"
