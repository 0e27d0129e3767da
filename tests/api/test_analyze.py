"""POST /analyze: every accepted body type gives a valid `according.ledger/2`, and nothing is stored."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from fastapi.testclient import TestClient

from according.schema import ledger_schema
from according.store import Store

TEXT = (
    "Bridge closed after storm\n\n"
    '"The bridge is not safe," the mayor said on Monday. '
    "Two officials, who asked not to be named, said repairs could allegedly take months, according to Reuters."
)
HTML = (
    "<html><head><title>Bridge closed after storm</title></head><body><article><h1>Bridge closed after storm</h1>"
    + "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n")[1:] * 3)
    + "</article></body></html>"
)


def valid_ledger(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    ledger: dict[str, Any] = response.json()
    jsonschema.validate(ledger, ledger_schema())
    for span in (a["content"] for a in ledger["attributions"]):
        assert ledger["text"][span["start"] : span["end"]] == span["text"]
    return ledger


def test_analyze_plain_text(client: TestClient) -> None:
    ledger = valid_ledger(client.post("/analyze", content=TEXT, headers={"content-type": "text/plain; charset=utf-8"}))
    assert ledger["text"] == TEXT
    assert {a["kind"] for a in ledger["attributions"]} >= {"direct"}


def test_analyze_plain_text_takes_metadata_from_the_query(client: TestClient) -> None:
    params = {"title": "Bridge", "outlet": "Example News", "published": "2024-05-01", "url": "https://example.com/b"}
    ledger = valid_ledger(client.post("/analyze", content=TEXT, params=params, headers={"content-type": "text/plain"}))
    assert ledger["document"]["outlet"] == "Example News"
    assert ledger["document"]["published"].startswith("2024-05-01")


def test_analyze_html(client: TestClient) -> None:
    ledger = valid_ledger(client.post("/analyze", content=HTML, headers={"content-type": "text/html"}))
    assert "<p>" not in ledger["text"] and "mayor" in ledger["text"]


def test_analyze_json_article_object(client: TestClient) -> None:
    body = {"text": TEXT, "title": "Bridge closed", "outlet": "Example News", "published": "2024-05-01T09:30:00+02:00"}
    ledger = valid_ledger(client.post("/analyze", json=body))
    assert ledger["document"]["title"] == "Bridge closed"
    assert ledger["document"]["published"] == "2024-05-01T09:30:00+02:00"


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("article.txt", TEXT.encode("utf-8")),
        ("page.html", HTML.encode("utf-8")),
        ("a.json", json.dumps({"text": TEXT}).encode()),
    ],
    ids=["txt", "html", "json"],
)
def test_analyze_file_upload(client: TestClient, filename: str, content: bytes) -> None:
    ledger = valid_ledger(client.post("/analyze", files={"file": (filename, content)}, data={"outlet": "Uploaded"}))
    assert ledger["document"]["outlet"] == "Uploaded"
    assert "mayor" in ledger["text"]


def test_analyze_form_with_pasted_text(client: TestClient) -> None:
    ledger = valid_ledger(client.post("/analyze", data={"text": TEXT, "title": "Pasted"}))
    assert ledger["document"]["title"] == "Pasted"


def test_analyze_form_needs_file_or_text(client: TestClient) -> None:
    response = client.post("/analyze", data={"title": "nothing else"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "text"]


def test_analyze_stores_nothing(client: TestClient, store: Store) -> None:
    before = store.counts()
    valid_ledger(client.post("/analyze", content=TEXT, headers={"content-type": "text/plain"}))
    assert store.counts() == before


def test_analyze_without_store(nlp_sm: Any) -> None:
    from according.api import create_app

    with TestClient(create_app(None, nlp=nlp_sm)) as c:
        valid_ledger(c.post("/analyze", content=TEXT, headers={"content-type": "text/plain"}))
        assert c.get("/documents").status_code == 404
        assert c.get("/healthz").json()["store"] is None
