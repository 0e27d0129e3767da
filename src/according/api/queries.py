"""The corpus payloads, shared by the JSON API and the web pages (which render the same dicts)."""

from __future__ import annotations

import itertools
import re
from dataclasses import asdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from according.api.envelope import ApiError
from according.types import Document, Ledger

if TYPE_CHECKING:
    from according.store import Store

# Control characters have no place in a search and some database engines refuse them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def links(doc_id: str) -> dict[str, str]:
    return {"ledger": f"/documents/{doc_id}", "html": f"/ui/documents/{doc_id}"}


def document_item(doc: Document) -> dict[str, Any]:
    """A document's metadata as a list item: no text, no title span."""
    d = doc.to_dict()
    d.pop("title_span", None)
    d["links"] = links(doc.id)
    return d


def _next(path: str, params: dict[str, Any], limit: int, offset: int, more: bool) -> str | None:
    return f"{path}?{urlencode({**params, 'limit': limit, 'offset': offset + limit})}" if more else None


def documents_page(store: Store, *, limit: int, offset: int, path: str = "/documents") -> dict[str, Any]:
    """One page of stored documents in ingest order, with the total and the path of the next page."""
    total = store.counts().get("documents", 0)
    docs = list(itertools.islice(store.iter_documents(), offset, offset + limit))
    return {
        "ok": True,
        "items": [document_item(d) for d in docs],
        "limit": limit,
        "offset": offset,
        "total": total,
        "next": _next(path, {}, limit, offset, offset + limit < total),
    }


def ledger(store: Store, doc_id: str) -> Ledger:
    """The stored ledger of `doc_id`.

    Raises:
        ApiError: 404 when no document has this id.
    """
    try:
        return store.get_ledger(doc_id)
    except KeyError:
        raise ApiError(404, f"no document with id {doc_id!r}", reason="not_found", loc=["path", "doc_id"]) from None


def search_page(
    store: Store, q: str, *, limit: int, offset: int, scope: str = "documents", path: str = "/search"
) -> dict[str, Any]:
    """One page of full-text matches for `q` (all words must match), best first."""
    clean = _CONTROL.sub(" ", q).strip()
    hits = (
        store.search(
            clean, limit=limit + 1, offset=offset, scope="attributions" if scope == "attributions" else "documents"
        )
        if clean
        else []
    )
    items = [{**asdict(h), "links": links(h.doc_id)} for h in hits[:limit]]
    return {
        "ok": True,
        "q": q,
        "scope": scope,
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": _next(path, {"q": q, "scope": scope}, limit, offset, len(hits) > limit),
    }
