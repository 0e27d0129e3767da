"""Store fixtures: ledgers of the bundled examples, and a fresh store per test on each backend.

PostgreSQL tests run against the server named by ACCORDING_TEST_POSTGRES (`.ci/run` starts one on loopback);
each test gets its own schema, dropped afterwards, so tests can run in parallel on one database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from according.analysis import analyze_many
from according.ingest.read import iter_paths
from according.types import Document, Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def ledgers(nlp_sm: Language) -> list[Ledger]:
    docs = [d for d in iter_paths([EXAMPLES]) if isinstance(d, Document)]
    return list(analyze_many(docs, nlp=nlp_sm))
