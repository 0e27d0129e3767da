"""Contract test: schemathesis, driven by the app's own /openapi.json, finds no server error and no response
that breaks the schema (the ledger responses are checked against `according.ledger/2`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from according.analysis import analyze
from according.api import create_app
from according.corpus.build import build
from according.ingest.read import read_path
from according.nlp.pipeline import build_nlp
from according.store import open_store

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wikinews-hamza-bin-laden.txt"


def _app():  # type: ignore[no-untyped-def]
    # Built at import: schemathesis reads the schema when the module is collected. One stored article gives
    # /documents and /search something to return.
    nlp = build_nlp()
    store = open_store(":memory:")
    doc = read_path(EXAMPLE)
    store.save(analyze(doc.text, title=doc.title, outlet=doc.outlet, url=doc.url, nlp=nlp))
    # a syndicated copy, so /claims and /claims/{claim_id}/trace have clusters to return
    store.save(analyze(doc.text + "\n\nSyndicated.", title=doc.title, outlet="Copy Desk", nlp=nlp))
    build(store)
    return create_app(store, nlp=nlp, max_bytes=20_000, analysis_timeout=20)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_contract_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )


def test_contract_schema_lists_the_api() -> None:
    paths = set(schema.raw_schema["paths"])
    assert paths == {
        "/analyze",
        "/documents",
        "/documents/{doc_id}",
        "/search",
        "/healthz",
        "/claims",
        "/claims/{claim_id}/trace",
        "/outlets",
        "/entities",
        "/entities/{id_or_name}",
        "/facts",
        "/graph",
    }
    assert not any(p.startswith("/ui") for p in paths)


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
