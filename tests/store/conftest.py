"""Store fixtures: ledgers of the bundled examples, and a fresh store per test on each backend.

PostgreSQL tests run against the server named by ACCORDING_TEST_POSTGRES (`.ci/run` starts one on loopback);
each test gets its own schema, dropped afterwards, so tests can run in parallel on one database.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language

from according.analysis import analyze_many
from according.ingest.read import iter_paths
from according.store import Store, open_store
from according.types import Document, Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PG_ENV = "ACCORDING_TEST_POSTGRES"


@pytest.fixture(scope="session")
def ledgers(nlp_sm: Language) -> list[Ledger]:
    docs = [d for d in iter_paths([EXAMPLES]) if isinstance(d, Document)]
    return list(analyze_many(docs, nlp=nlp_sm))


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new, empty schema."""
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
