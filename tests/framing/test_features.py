"""Feature extraction: windows, quotation state, repetition, and token vectors when the pipeline has none."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.language import Language

from according.framing import features as F


def test_features_windows_without_a_parser_cover_every_token() -> None:
    sdoc = spacy.blank("en")("one two three four five six seven")
    wins = list(F.windows(sdoc, max_tokens=3))
    assert [len(w.tokens) for w in wins] == [3, 3, 1]
    assert {w.sent_index for w in wins} == {0}


def test_features_windows_skip_whitespace_and_keep_offsets(nlp_sm: Language) -> None:
    text = "Title here\n\nFirst sentence is short.\n\n\nSecond one follows."
    sdoc = nlp_sm(text)
    wins = list(F.windows(sdoc))
    assert [w.tokens[0].text for w in wins] == ["Title", "First", "Second"]
    for w in wins:
        assert all(not t.is_space for t in w.tokens)
        assert text[w.sent_start : w.sent_end] == sdoc[w.tokens[0].i : w.tokens[-1].i + 1].text


def test_features_quote_state_and_repetition(nlp_sm: Language) -> None:
    sdoc = nlp_sm('Officials said "the traitors lied" and the traitors ran.')
    ctx = F.DocContext(sdoc)
    inside = [t.text for t in sdoc if ctx.in_quote[t.i]]
    assert inside[:4] == ['"', "the", "traitors", "lied"]
    assert "ran" not in inside
    assert ctx.counts["traitors"] == 2
    feats = F.token_features(next(iter(F.windows(sdoc))), ctx)
    traitors = feats[[t.text for t in sdoc].index("traitors")]
    assert "q" in traitors and "rep=2" in traitors and "w=traitors" in traitors


def test_features_vectors_are_zeros_without_a_matching_tensor(nlp_sm: Language) -> None:
    blank = spacy.blank("en")("no tensor here")
    assert F.token_vectors(blank, tuple(blank), 96).shape == (3, 96)
    assert not F.span_vectors(blank, [(0, 2)], 96).any()
    sdoc = nlp_sm("The council lied.")
    width = sdoc.tensor.shape[1]
    vec = F.span_vectors(sdoc, [(4, 11)], width)[0]
    np.testing.assert_allclose(vec, sdoc.tensor[1], rtol=1e-6)
