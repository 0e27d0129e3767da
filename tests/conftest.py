"""Shared fixtures: the real small English pipeline, loaded once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language

from according.nlp.pipeline import build_nlp
from according.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp_sm() -> Language:
    return build_nlp()


PG_ENV = "ACCORDING_TEST_POSTGRES"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema (the server comes from .ci/run)."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    from according.store.postgres import engine_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(engine_url(url))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in url else "?"
    try:
        yield f"{url}{sep}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh, empty store: SQLite in memory, or a PostgreSQL schema of its own."""
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else ":memory:"
    s = open_store(url)
    yield s
    s.close()
