"""Shared fixtures: the real small English pipeline, loaded once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import sqlalchemy as sa
from spacy.language import Language

from according.analysis import analyze
from according.ingest.read import read_path
from according.nlp.pipeline import build_nlp
from according.store import Store, open_store
from according.types import Ledger

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

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


# A corpus with provenance: a commentary piece, a syndicated near-copy under a hostile outlet name, an
# independent paraphrase by another outlet, and an unrelated article; then `according cluster`'s build.
PROV_HOSTILE_OUTLET = "<b onmouseover=alert(5)>Outlet</b>"
PROV_PARAPHRASE = (
    "Pentagon says Iran sends missiles to Iraq\n\n"
    "Iran is moving ballistic missiles into Iraq and placing the weapons in the hands of its Shiite militia "
    "proxies, Pentagon spokesman John Smith said on Monday.\n\n"
    '"The logic was to have a backup plan if Iran was attacked," Smith told reporters.'
)


@pytest.fixture(scope="session")
def provenance_ledgers(nlp_sm: Language) -> list[Ledger]:
    from datetime import UTC, datetime

    iran = read_path(EXAMPLES / "iran-missiles-iraq.txt")
    hamza = read_path(EXAMPLES / "wikinews-hamza-bin-laden.txt")

    def day(d: int) -> datetime:
        return datetime(2018, 9, d, tzinfo=UTC)

    return [
        analyze(iran.text, title=iran.title, outlet="Commentary Weekly", published=day(1), nlp=nlp_sm),
        analyze(
            iran.text + "\n\nDistributed by a wire partner.",
            title="Copy: " + (iran.title or ""),
            outlet=PROV_HOSTILE_OUTLET,
            published=day(2),
            nlp=nlp_sm,
        ),
        analyze(
            PROV_PARAPHRASE,
            title="Pentagon says Iran sends missiles",
            outlet="Daily Planet",
            published=day(3),
            nlp=nlp_sm,
        ),
        analyze(
            hamza.text, title=hamza.title, outlet="Wikinews", published=datetime(2019, 8, 1, tzinfo=UTC), nlp=nlp_sm
        ),
    ]


@pytest.fixture
def prov_store(provenance_ledgers: list[Ledger]) -> Iterator[Store]:
    from according.corpus.build import build

    s = open_store(":memory:")
    for ledger in provenance_ledgers:
        s.save(ledger)
    build(s)
    yield s
    s.close()


@pytest.fixture
def prov_client(prov_store: Store, nlp_sm: Language) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    from according.api import create_app

    with TestClient(create_app(prov_store, nlp=nlp_sm, max_bytes=200_000)) as c:
        yield c
