"""Request size limit: bodies over `max_bytes` are answered with 413 before (or while) they are read."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from according.api.envelope import ApiError, envelope

#: The default request size limit: room for any news article, with its HTML page, several times over.
DEFAULT_MAX_BYTES = 5_000_000


class BodyTooLarge(ApiError):
    """The request body is over the limit."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is over the limit of {limit:,} bytes", reason="too_large", loc=["body"])


class BodyLimit:
    """ASGI middleware: refuse a declared Content-Length over the limit at once, and stop a longer stream at the limit.

    A chunked upload has no Content-Length, so the body is also counted as it arrives; the route reading it then
    gets `BodyTooLarge`, which the envelope handler turns into 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes:
                    err = BodyTooLarge(self.max_bytes)
                    response = JSONResponse(
                        envelope(413, err.message), status_code=413, headers={"connection": "close"}
                    )
                    await response(scope, receive, send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)
