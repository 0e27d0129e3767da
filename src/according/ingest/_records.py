"""What the record-stream readers (JSONL, CSV, feeds, WARC) share: errors -> Skipped, fields -> Document."""

from __future__ import annotations

import html as _html
import re
from collections.abc import Mapping
from typing import Any, cast, get_args

from according.errors import InputError
from according.ingest import article_json, html
from according.ingest.text import make_document
from according.types import Document, Skipped, SkipReason

_SKIP_REASONS: frozenset[str] = frozenset(get_args(SkipReason))
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr)\s*>|<br\s*/?>", re.IGNORECASE)


def skipped(source: str, exc: InputError) -> Skipped:
    """The Skipped record for an InputError (an unknown reason code becomes "unreadable")."""
    reason = exc.reason if exc.reason in _SKIP_REASONS else "unreadable"
    return Skipped(source=source, reason=cast(SkipReason, reason), detail=str(exc))


def has_tags(text: str) -> bool:
    """Whether `text` contains HTML tags (a feed item's or CSV cell's body may be HTML or plain text)."""
    return bool(_TAG.search(text))


def strip_tags(fragment: str) -> str:
    """Plain text of a small HTML fragment: one paragraph per block, entities decoded."""
    text = _TAG.sub("", _BLOCK_END.sub("\n\n", fragment))
    paragraphs = (" ".join(_html.unescape(p).split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def body_text(body: str, *, url: str | None = None) -> str:
    """The article text of a body that may be HTML: through the HTML reader, else the fragment's plain text.

    Raises:
        InputError: reason "no_article_body" for a whole HTML page in which the reader finds no article.
    """
    if not has_tags(body):
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", body.strip()) if p.strip())
    try:
        return html.read(body, url=url).text
    except InputError:
        if html.looks_like_html(body):
            raise  # a whole page without an article body stays an error
        return strip_tags(body)  # a fragment too short for trafilatura's extractor is still the item's text


def from_fields(fields: Mapping[str, Any], *, text_keys: tuple[str, ...] = ("text",)) -> Document:
    """A Document from a record's fields: the first non-empty of `text_keys`, plus title/outlet/url/date/author.

    The headline, when given and not already at the start of the body, is put first with a blank line after it,
    as the HTML reader lays out pages. Bad metadata values are dropped, not fatal.

    Raises:
        InputError: reason "empty" when there is no text.
    """
    body = next((v for k in text_keys if isinstance(v := fields.get(k), str) and v.strip()), "")
    meta = article_json.metadata(dict(fields))
    text = body_text(body, url=meta.get("url")) if body else ""
    if not text.strip():
        raise InputError(f"no text in any of the fields {', '.join(text_keys)}", reason="empty")
    title = meta.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return make_document(
        text,
        title=title,
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        published=meta.get("published"),
        author=meta.get("author"),
    )
