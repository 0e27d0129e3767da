"""`create_app(store)`: the ASGI app with the JSON API and the web UI over one store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from according.api import envelope
from according.api.analyzer import DEFAULT_TIMEOUT, Analyzer
from according.api.envelope import ErrorEnvelope
from according.api.limits import DEFAULT_MAX_BYTES, BodyLimit
from according.api.models import ledger_components
from according.api.routes import analyze, corpus, facts, health, provenance
from according.api.state import AppState

if TYPE_CHECKING:
    from spacy.language import Language

    from according.store import Store

_ERRORS: dict[int | str, dict[str, Any]] = {
    "4XX": {"model": ErrorEnvelope, "description": "The request was refused (the error envelope)"},
    "5XX": {"model": ErrorEnvelope, "description": "The server failed or the analysis timed out (the error envelope)"},
}


def create_app(
    store: Store | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    analysis_timeout: float = DEFAULT_TIMEOUT,
    nlp: Language | None = None,
    examples_dir: str | Path | None = None,
    web: bool = True,
) -> FastAPI:
    """The API (and, with `web`, the web UI) over `store`; without a store, only analysis is served.

    Args:
        store: the corpus, read only; `None` leaves out /documents and /search.
        max_bytes: larger request bodies are answered with 413.
        analysis_timeout: seconds one analysis may take before it is answered with 503.
        nlp: a loaded spaCy pipeline (tests share one); loaded on first use when `None`.
        examples_dir: the bundled example articles offered on the home page; the repository's `examples/` when
            `None` and it exists.
    """
    analyzer = Analyzer(timeout=analysis_timeout, nlp=nlp)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        analyzer.close()

    app = FastAPI(
        title="according",
        summary="Who says so, on whose authority, how sure, and in what tone: a claim ledger for news articles.",
        version="1",
        # Swagger UI and ReDoc load their scripts from a CDN; this server works offline, so only the JSON is served.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.according = AppState(store=store, analyzer=analyzer, max_bytes=max_bytes)
    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    app.include_router(health.router, responses=_ERRORS)
    app.include_router(analyze.router, responses=_ERRORS)
    if store is not None:
        app.include_router(corpus.router, responses=_ERRORS)
        app.include_router(provenance.router, responses=_ERRORS)
        app.include_router(facts.router, responses=_ERRORS)
    html_page = None
    if web:
        from according.web import mount

        html_page = mount(app, examples_dir=examples_dir)
    envelope.install(app, html_page)
    _with_ledger_schema(app)
    return app


def _with_ledger_schema(app: FastAPI) -> None:
    """Serve an OpenAPI document that carries `according.ledger/2` as components, so responses can be checked."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                routes=app.routes,
                openapi_version=app.openapi_version,
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(ledger_components())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
