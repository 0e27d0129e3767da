"""The real spaCy model, loaded once per session: the schema is checked against real ledgers."""

from __future__ import annotations

import pytest
from spacy.language import Language

import according


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline `according analyze` uses (loading it takes seconds, so only once)."""
    return according.build_nlp()
