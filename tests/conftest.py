"""Shared fixtures: the real small English pipeline, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from according.nlp.pipeline import build_nlp

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp_sm() -> Language:
    return build_nlp()
