"""Request bodies -> Document: plain text, HTML, the JSON article object, or a form with a file or pasted text.

Everything is parsed in memory (the body is already capped by `BodyLimit`), so no upload is spooled to disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.datastructures import Headers

from according.api.envelope import ApiError
from according.ingest import read
from according.ingest.html import parse_published
from according.types import Document

#: Media types POST /analyze reads, and the ingest format each one means.
MEDIA_FORMATS: dict[str, read.Format] = {
    "text/plain": "text",
    "text/markdown": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
}
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
META_FIELDS = ("title", "outlet", "url", "published", "author")
_MAX_PARTS = 16


@dataclass
class FormPart:
    """One field of a multipart form: its name, file name (for a file) and bytes."""

    name: str
    filename: str | None = None
    data: bytearray = field(default_factory=bytearray)


def media_type(headers: Headers) -> str:
    """The request's media type, lower case, without parameters ("" when absent)."""
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def parse_multipart(body: bytes, content_type: str) -> list[FormPart]:
    """The parts of a `multipart/form-data` body.

    Raises:
        ApiError: 400 for a missing boundary, malformed multipart data, or too many parts.
    """
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(400, "multipart/form-data without a boundary", loc=["body"])
    parts: list[FormPart] = []
    header_name = bytearray()
    header_value = bytearray()
    headers: dict[str, str] = {}

    def on_part_begin() -> None:
        if len(parts) >= _MAX_PARTS:
            raise ApiError(400, f"more than {_MAX_PARTS} form fields", loc=["body"])
        headers.clear()
        parts.append(FormPart(name=""))

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_name.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        headers[header_name.decode("latin-1").lower()] = header_value.decode("utf-8", "replace")
        header_name.clear()
        header_value.clear()

    def on_headers_finished() -> None:
        _, disp = parse_options_header(headers.get("content-disposition", ""))
        parts[-1].name = disp.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in disp:
            parts[-1].filename = disp[b"filename"].decode("utf-8", "replace")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1].data.extend(data[start:end])

    callbacks: Any = {
        "on_part_begin": on_part_begin,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished,
        "on_part_data": on_part_data,
    }
    parser = MultipartParser(boundary, callbacks)
    try:
        parser.write(body)
        parser.finalize()
    except ApiError:
        raise
    except Exception as exc:  # python-multipart raises its own error types and ValueError for bad data
        raise ApiError(400, f"malformed multipart/form-data: {exc}", loc=["body"]) from None
    return parts


def parse_urlencoded(body: bytes) -> list[FormPart]:
    """The fields of an `application/x-www-form-urlencoded` body."""
    from urllib.parse import parse_qsl

    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=_MAX_PARTS)
    return [FormPart(name=k, data=bytearray(v.encode("utf-8"))) for k, v in pairs]


def form_parts(body: bytes, headers: Headers) -> list[FormPart]:
    """The fields of a form body of either form media type."""
    if media_type(headers) == "multipart/form-data":
        return parse_multipart(body, headers.get("content-type", ""))
    try:
        return parse_urlencoded(body)
    except ValueError as exc:  # more fields than max_num_fields
        raise ApiError(400, f"malformed form: {exc}", loc=["body"]) from None


def metadata(values: dict[str, str]) -> dict[str, Any]:
    """Title, outlet, url, author and a parsed `published` from form or query values; blanks are left out.

    Raises:
        ApiError: 422 for a `published` that is not an ISO 8601 date or datetime.
    """
    out: dict[str, Any] = {}
    for key in META_FIELDS:
        value = (values.get(key) or "").strip()
        if not value:
            continue
        if key == "published":
            parsed = parse_published(value)
            if parsed is None:
                raise ApiError(422, f"published: not an ISO 8601 date or datetime: {value!r}", loc=["published"])
            out[key] = parsed
        else:
            out[key] = value
    return out


def document_from_form(parts: list[FormPart]) -> Document:
    """The Document of a form with a `file` upload or a pasted `text` field, plus metadata fields.

    Raises:
        ApiError: 422 when the form has neither a non-empty file nor text.
        InputError: what `read_bytes` raises for the content.
    """
    fields = {p.name: p.data.decode("utf-8", "replace") for p in parts if p.filename is None}
    meta = metadata(fields)
    upload = next((p for p in parts if p.name == "file" and p.filename is not None and p.data), None)
    if upload is not None:
        return read.read_bytes(bytes(upload.data), name=upload.filename or "<upload>", **meta)
    text = fields.get("text", "")
    if not text.strip():
        raise ApiError(422, "give the article as a file upload ('file') or as text ('text')", loc=["body", "text"])
    return read.read_text(text, name="<pasted text>", **meta)


def document_from_body(body: bytes, headers: Headers, query: dict[str, str]) -> Document:
    """The Document of a POST /analyze body of any accepted media type; query values supply metadata.

    Raises:
        ApiError: 415 for another media type, 400/422 for a malformed form.
        InputError: what `read_bytes` raises for the content (empty, binary, bad JSON, no article body ...).
    """
    mtype = media_type(headers)
    if mtype in FORM_TYPES:
        return document_from_form(form_parts(body, headers))
    fmt = MEDIA_FORMATS.get(mtype)
    if fmt is None:
        accepted = ", ".join([*MEDIA_FORMATS, *FORM_TYPES])
        raise ApiError(415, f"cannot analyze {mtype or 'a body without Content-Type'}; send one of {accepted}")
    return read.read_bytes(body, name="<request body>", format=fmt, **metadata(query))
