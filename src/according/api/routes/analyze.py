"""POST /analyze: one article in, its claim ledger (`according.ledger/2`) out; nothing is stored."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from according.api.bodies import META_FIELDS, document_from_body
from according.api.models import ledger_response
from according.api.state import State

router = APIRouter(tags=["analyze"])

_META_SCHEMA = {
    "title": {"type": "string"},
    "outlet": {"type": "string"},
    "url": {"type": "string"},
    "published": {"type": "string", "description": "ISO 8601 date or datetime"},
    "author": {"type": "string"},
}
_TEXT = {"schema": {"type": "string", "minLength": 1}}
_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "text/plain": _TEXT,
        "text/html": _TEXT,
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string", "description": "plain text or HTML"}, **_META_SCHEMA},
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": ".txt, .md, .html or .json"},
                    "text": {"type": "string", "description": "pasted text, used when there is no file"},
                    **_META_SCHEMA,
                },
            }
        },
    },
}
_QUERY = [
    {"name": k, "in": "query", "required": False, "schema": s, "description": "metadata for a text or HTML body"}
    for k, s in _META_SCHEMA.items()
]


@router.post(
    "/analyze",
    summary="Analyze one article",
    description=(
        "The body is the article: plain text, HTML, the JSON article object `{text, title, url, outlet, published, "
        "author}`, or a form with a `file` upload or a `text` field. The ledger is returned, not stored."
    ),
    response_model=None,
    responses=ledger_response("The claim ledger (according.ledger/2)"),
    openapi_extra={"requestBody": _REQUEST_BODY, "parameters": _QUERY},
)
async def analyze(request: Request, state: State) -> dict[str, Any]:
    body = await request.body()
    query = {k: v for k, v in request.query_params.items() if k in META_FIELDS}
    doc = document_from_body(body, request.headers, query)
    ledger = await state.analyzer.analyze(doc)
    return ledger.to_dict()
