"""GET /healthz: the server is up, and what it serves."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from according.api.models import Health
from according.api.state import State

router = APIRouter(tags=["health"])


def redact(url: str) -> str:
    """A store URL without its user name and password."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]))


def _version() -> str:
    try:
        return version("according")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


@router.get("/healthz", response_model=Health, summary="Liveness and configuration")
async def healthz(state: State) -> dict[str, Any]:
    store = state.store
    docs = None if store is None else (await run_in_threadpool(store.counts)).get("documents", 0)
    return {
        "ok": True,
        "version": _version(),
        "store": None if store is None else redact(store.url),
        "documents": docs,
        "max_bytes": state.max_bytes,
        "analysis_timeout": state.analyzer.timeout,
    }
