"""API fixtures: a SQLite `:memory:` store holding three bundled examples, and an app over it sharing `nlp_sm`."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from spacy.language import Language

from according.analysis import analyze, analyze_many
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
