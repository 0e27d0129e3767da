"""Every failure is answered with one JSON shape: {"ok": false, "error", "errors", "status"} (as datasette's tests)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from spacy.language import Language

from according.api import create_app
from according.store import Store


def assert_envelope(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and body["errors"]
    for item in body["errors"]:
        assert set(item) == {"loc", "msg", "type"}
        assert isinstance(item["msg"], str) and isinstance(item["type"], str) and isinstance(item["loc"], list)
    return body


CASES = [
    pytest.param("GET", "/no/such/route", {}, 404, "not_found", id="unknown-route"),
    pytest.param("GET", "/documents/not-a-stored-id", {}, 404, "not_found", id="unknown-document"),
    pytest.param("DELETE", "/documents", {}, 405, "method_not_allowed", id="wrong-method"),
    pytest.param("GET", "/documents?limit=0", {}, 422, "greater_than_equal", id="limit-too-small"),
    pytest.param("GET", "/documents?offset=-1", {}, 422, "greater_than_equal", id="negative-offset"),
    pytest.param("GET", "/documents?limit=abc", {}, 422, "int_parsing", id="limit-not-a-number"),
    pytest.param("GET", "/search", {}, 422, "missing", id="search-without-q"),
    pytest.param(
        "POST", "/analyze", {"content": b"   ", "headers": {"content-type": "text/plain"}}, 422, "empty", id="blank"
    ),
    pytest.param(
        "POST",
        "/analyze",
        {"content": b'{"text": 3}', "headers": {"content-type": "application/json"}},
        422,
        "bad_json",
        id="json-without-text",
    ),
    pytest.param(
        "POST",
        "/analyze",
        {"content": b"\x00\x01\x02binary\x00", "headers": {"content-type": "text/plain"}},
        422,
        "binary",
        id="binary",
    ),
    pytest.param(
        "POST",
        "/analyze",
        {"content": b"x", "headers": {"content-type": "image/png"}},
        415,
        "unsupported_media_type",
        id="media-type",
    ),
    pytest.param(
        "POST",
        "/analyze",
        {"content": b"Some text.", "headers": {"content-type": "text/plain"}, "params": {"published": "soon"}},
        422,
        "invalid",
        id="bad-published",
    ),
    pytest.param(
        "POST",
        "/analyze",
        {"content": b"x" * 200_001, "headers": {"content-type": "text/plain"}},
        413,
        "too_large",
        id="too-large",
    ),
]


@pytest.mark.parametrize(("method", "path", "kwargs", "status", "reason"), CASES)
def test_envelope_shape_for_every_failure(
    client: TestClient, method: str, path: str, kwargs: dict[str, Any], status: int, reason: str
) -> None:
    body = assert_envelope(client.request(method, path, **kwargs), status)
    assert body["errors"][0]["type"] == reason


def test_envelope_validation_errors_list_every_problem(client: TestClient) -> None:
    body = assert_envelope(client.get("/documents", params={"limit": 0, "offset": -5}), 422)
    assert {tuple(e["loc"]) for e in body["errors"]} == {("query", "limit"), ("query", "offset")}
    assert body["error"].startswith("query.")


def test_envelope_hides_internal_errors(store: Store, nlp_sm: Language) -> None:
    app: FastAPI = create_app(store, nlp=nlp_sm)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail /etc/passwd")

    with TestClient(app, raise_server_exceptions=False) as c:
        body = assert_envelope(c.get("/boom"), 500)
    assert "secret" not in str(body) and body["error"] == "internal server error"


def test_envelope_on_analysis_timeout(store: Store, nlp_sm: Language) -> None:
    app = create_app(store, nlp=nlp_sm, analysis_timeout=0.0001)
    text = "The minister said the bridge was safe. " * 400
    with TestClient(app) as c:
        body = assert_envelope(c.post("/analyze", content=text, headers={"content-type": "text/plain"}), 503)
    assert body["errors"][0]["type"] == "timeout"
