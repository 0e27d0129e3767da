"""Request bodies over `max_bytes` are answered with 413, declared or streamed."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi.testclient import TestClient


def test_limits_refuse_a_declared_length(client: TestClient) -> None:
    response = client.post("/analyze", content=b"a" * 200_001, headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["type"] == "too_large"


def test_limits_stop_a_chunked_stream(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"word " * 2_000  # 10 kB each, 300 kB in all, with no Content-Length

    response = client.post("/analyze", content=chunks(), headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_limits_apply_to_uploads(client: TestClient) -> None:
    response = client.post("/analyze", files={"file": ("big.txt", b"word " * 50_000)})
    assert response.status_code == 413


def test_limits_are_reported_by_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json()["max_bytes"] == 200_000
