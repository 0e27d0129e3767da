"""The single JSON error envelope `{"ok": false, "error", "errors", "status"}` every failure is answered with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from according.errors import AccordingError, FormatError, InputError

#: Reason codes for the statuses the API answers with, used as each error item's `type`.
STATUS_REASONS: dict[int, str] = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    409: "not_built",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
    503: "timeout",
}


class ErrorItem(BaseModel):
    """One problem: where (`loc`, e.g. ["query", "limit"]), what (`msg`) and a reason code (`type`)."""

    loc: list[str | int] = Field(default_factory=list)
    msg: str
    type: str


class ErrorEnvelope(BaseModel):
    """The body of every error response."""

    ok: bool = False
    error: str
    errors: list[ErrorItem]
    status: int


class ApiError(Exception):
    """An error a route raises to answer with the envelope: a status, a message and a reason code."""

    def __init__(self, status: int, message: str, *, reason: str | None = None, loc: Sequence[str | int] = ()) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.reason = reason or STATUS_REASONS.get(status, "error")
        self.loc = list(loc)


def envelope(status: int, error: str, errors: Sequence[ErrorItem] | None = None) -> dict[str, Any]:
    """The envelope as a plain dict; `errors` defaults to one item repeating `error`."""
    items = list(errors) if errors else [ErrorItem(msg=error, type=STATUS_REASONS.get(status, "error"))]
    return ErrorEnvelope(error=error, errors=items, status=status).model_dump()


def status_of(exc: AccordingError) -> int:
    """The HTTP status for a library error: too large -> 413, an unknown option -> 400, bad input -> 422."""
    if exc.reason == "too_large":
        return 413
    if isinstance(exc, FormatError):
        return 400
    if isinstance(exc, InputError):
        return 422
    return 500


def to_envelope(exc: Exception) -> tuple[int, dict[str, Any]]:
    """The status and envelope for any exception; unknown exceptions give a 500 that reveals nothing of them."""
    if isinstance(exc, ApiError):
        item = ErrorItem(loc=exc.loc, msg=exc.message, type=exc.reason)
        return exc.status, envelope(exc.status, exc.message, [item])
    if isinstance(exc, RequestValidationError):
        items = [
            ErrorItem(
                loc=[p for p in e.get("loc", ()) if isinstance(p, str | int)],
                msg=str(e.get("msg", "")),
                type=str(e.get("type", "invalid")),
            )
            for e in exc.errors()
        ]
        first = items[0] if items else ErrorItem(msg="invalid request", type="invalid")
        where = ".".join(str(p) for p in first.loc)
        return 422, envelope(422, f"{where}: {first.msg}" if where else first.msg, items)
    if isinstance(exc, AccordingError):
        status = status_of(exc)
        return status, envelope(status, str(exc), [ErrorItem(loc=["body"], msg=str(exc), type=exc.reason)])
    if isinstance(exc, StarletteHTTPException):
        message = str(exc.detail) if exc.detail else STATUS_REASONS.get(exc.status_code, "error")
        return exc.status_code, envelope(exc.status_code, message)
    return 500, envelope(500, "internal server error")


ErrorPage = Callable[[Request, int, dict[str, Any]], Response | None]


def install(app: FastAPI, html_page: ErrorPage | None = None) -> None:
    """Answer every failure with the envelope; `html_page` may answer a web page's failure with HTML instead."""

    async def handle(request: Request, exc: Exception) -> Response:
        status, body = to_envelope(exc)
        if html_page is not None:
            page = html_page(request, status, body)
            if page is not None:
                return page
        headers = getattr(exc, "headers", None) if isinstance(exc, StarletteHTTPException) else None
        return JSONResponse(body, status_code=status, headers=headers)

    for cls in (ApiError, RequestValidationError, AccordingError, StarletteHTTPException, Exception):
        app.add_exception_handler(cls, handle)
