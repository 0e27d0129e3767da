"""GET /documents, /documents/{id} and /search over the store, with pagination."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from according.store import Store
from according.types import Ledger


def test_corpus_documents_lists_in_ingest_order(client: TestClient, example_ledgers: list[Ledger]) -> None:
    page = client.get("/documents").json()
    assert page["ok"] is True and page["total"] == len(example_ledgers)
    assert [d["id"] for d in page["items"]] == [x.document.id for x in example_ledgers]
    first = page["items"][0]
    assert "text" not in first and first["links"]["ledger"] == f"/documents/{first['id']}"


def test_corpus_documents_paginate(client: TestClient, example_ledgers: list[Ledger]) -> None:
    ids = [x.document.id for x in example_ledgers]
    seen: list[str] = []
    url: str | None = "/documents?limit=2"
    while url:
        page = client.get(url).json()
        assert page["limit"] == 2
        seen += [d["id"] for d in page["items"]]
        url = page["next"]
    assert seen == ids
    assert client.get("/documents", params={"offset": 99}).json()["items"] == []


def test_corpus_document_is_the_stored_ledger(client: TestClient, store: Store, example_ledgers: list[Ledger]) -> None:
    doc_id = example_ledgers[1].document.id
    body = client.get(f"/documents/{doc_id}").json()
    assert body == store.get_ledger(doc_id).to_dict()
    assert Ledger.from_dict(body).document.id == doc_id


@pytest.mark.parametrize("scope", ["documents", "attributions"])
def test_corpus_search_finds_words(client: TestClient, scope: str) -> None:
    page = client.get("/search", params={"q": "North Korea", "scope": scope}).json()
    assert page["ok"] is True and page["items"]
    assert all(h["links"]["html"].startswith("/ui/documents/") for h in page["items"])


def test_corpus_search_paginates(client: TestClient) -> None:
    first = client.get("/search", params={"q": "said", "limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 1 and second["items"][0]["doc_id"] != first["items"][0]["doc_id"]


@pytest.mark.parametrize("q", ['" OR 1=1 --', "NEAR(a b)", "a\x00b", "*", "'; DROP TABLE documents; --"])
def test_corpus_search_takes_query_syntax_literally(client: TestClient, store: Store, q: str) -> None:
    response = client.get("/search", params={"q": q})
    assert response.status_code == 200
    assert store.counts()["documents"] == 3
