"""API fixtures: a SQLite `:memory:` store holding three bundled examples, and an app over it sharing `nlp_sm`."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

from according.analysis import analyze_many
from according.ingest.read import read_path
from according.store import Store, open_store
from according.types import Ledger

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

# Without the serve extra (the core-only test pass) there is no app to test: collect nothing here.
if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("jinja2") is None:
    collect_ignore_glob = ["test_*.py"]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SLUGS = ("wikinews-hamza-bin-laden", "voa-north-korea-expels-bbc", "nasa-perseverance-landing")


@pytest.fixture(scope="session")
def example_ledgers(nlp_sm: Language) -> list[Ledger]:
    return list(analyze_many([read_path(EXAMPLES / f"{s}.txt") for s in SLUGS], nlp=nlp_sm))


@pytest.fixture
def store(example_ledgers: list[Ledger]) -> Iterator[Store]:
    s = open_store(":memory:")
    for ledger in example_ledgers:
        s.save(ledger)
    yield s
    s.close()


@pytest.fixture
def app(store: Store, nlp_sm: Language) -> FastAPI:
    from according.api import create_app

    return create_app(store, nlp=nlp_sm, max_bytes=200_000, analysis_timeout=20)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c
