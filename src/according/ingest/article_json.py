"""The JSON article object {text, title, url, outlet, published, author} -> Document; only `text` is required."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypedDict

from according.errors import InputError
from according.ingest import html
from according.ingest.text import make_document
from according.types import Document


def read(obj_text: str) -> Document:
    """A Document from the JSON text of one article object; a `text` that is HTML goes through `html.read`.

    Raises:
        InputError: reason "bad_json" for malformed JSON (with its line and column), a missing or non-string
            `text`, or a bad metadata value; reason "empty" for a blank `text`.
    """
    try:
        obj = json.loads(obj_text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno} (char {exc.pos}): {exc.msg}", reason="bad_json"
        ) from exc
    if not isinstance(obj, dict):
        raise InputError(f"expected a JSON object with a 'text' key, got a {type(obj).__name__}", reason="bad_json")
    text = obj.get("text")
    if not isinstance(text, str):
        got = "no 'text' key" if text is None else f"'text' is of type {type(text).__name__}"
        raise InputError(f"the JSON article object needs a string 'text'; {got}", reason="bad_json")
    if not text.strip():
        raise InputError("the JSON article object has an empty 'text'", reason="empty")
    meta = metadata(obj, strict=True)
    doc = html.read(text, url=meta.get("url")) if html.looks_like_html(text) else make_document(text)
    return with_metadata(doc, **meta)


class Metadata(TypedDict, total=False):
    """Metadata fields that were set, as `with_metadata` takes them."""

    title: str
    outlet: str
    url: str
    published: datetime
    author: str


def metadata(obj: dict[str, Any], *, strict: bool = False) -> Metadata:
    """The metadata fields of an article object that are set, with `published` (or `date`) parsed.

    Args:
        strict: raise InputError("bad_json") for a value of the wrong type or a bad date; else drop it.
    """
    out = Metadata()
    for key in ("title", "outlet", "url", "author"):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            out[key] = value.strip()
        elif value is not None and strict:
            raise InputError(_invalid(key, value, "a string"), reason="bad_json")
    value = obj.get("published")
    if value is None:
        value = obj.get("date")
    if value is not None and not (isinstance(value, str) and not value.strip()):
        published = html.parse_published(value) if isinstance(value, str) else None
        if published is not None:
            out["published"] = published
        elif strict:
            raise InputError(_invalid("published", value, "an ISO 8601 date or datetime"), reason="bad_json")
    return out


def _invalid(key: str, value: object, expected: str) -> str:
    return f"invalid value for {key!r} in the JSON article object: {value!r}; expected {expected}"


def with_metadata(
    doc: Document,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: datetime | None = None,
    author: str | None = None,
) -> Document:
    """`doc` with each given (non-None) field replacing its own; id and title span follow the new url and title."""
    given = {"title": title, "outlet": outlet, "url": url, "published": published, "author": author}
    if all(v is None or v == getattr(doc, k) for k, v in given.items()):
        return doc
    return make_document(
        doc.text,
        title=title or doc.title,
        outlet=outlet or doc.outlet,
        url=url or doc.url,
        published=published or doc.published,
        author=author or doc.author,
    )
