"""Training pieces: folds by article, BIO labels from gold spans, and a fit on a tiny split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from according.framing.evaluate import evaluate
from according.framing.features import windows
from according.framing.model import FramingModel
from according.framing.ptc import read_split
from according.framing.train import Params, classifier_examples, fit, folds_by_article, parse, tagger_examples


def test_train_folds_are_balanced_and_deterministic() -> None:
    ids = [str(i) for i in range(23)]
    folds = folds_by_article(ids, 5)
    assert folds == folds_by_article(list(reversed(ids)), 5)[::-1]
    assert sorted(Counter(folds).values()) == [4, 4, 5, 5, 5]


def test_train_bio_labels_follow_merged_gold_spans(nlp_sm: Language, tiny_split: Path) -> None:
    art = next(iter(read_split(tiny_split)))
    sdoc = nlp_sm(art.text)
    tagged = [
        (t.text, y)
        for (_, labels, _), win in zip(tagger_examples(art, sdoc), windows(sdoc), strict=True)
        for t, y in zip(win.tokens, labels, strict=True)
    ]
    body = [(w, y) for w, y in tagged if y != "O"]
    # "corrupt" and "corrupt council raised" overlap, so they merge into one B-I-I run
    assert body[:3] == [("corrupt", "B"), ("council", "I"), ("raised", "I")]
    assert ("gang", "I") in body and ("a", "B") in body
    assert all(y == "O" for w, y in tagged if w in {"Owners", "rents", "Critics"})


def test_train_classifier_examples_repeat_multi_label_spans(nlp_sm: Language, tiny_split: Path) -> None:
    art = next(iter(read_split(tiny_split)))
    ex = classifier_examples(art, nlp_sm(art.text))
    assert len(ex) == len(art.spans)
    labels = Counter(y for _, y, _ in ex)
    assert labels["Loaded_Language"] == 3


def test_train_fit_and_evaluate_on_a_tiny_split(nlp_sm: Language, tiny_split: Path) -> None:
    pytest.importorskip("pycrfsuite")
    pytest.importorskip("sklearn")
    arts = list(read_split(tiny_split))
    docs = parse(nlp_sm, arts)
    model = fit(arts, docs, Params(crf_iterations=30, min_freq=1, tc_min_count=1), log=lambda _: None)
    res = evaluate(model, arts, docs, (0.3, 0.5))
    assert set(res["si"]) == {0.3, 0.5}
    assert res["tc"]["gold"] == sum(len(a.spans) for a in arts)
    # training-set scores on three articles: only a sanity check that the pieces fit together
    assert res["si"][0.3]["f1"] > 0.3
    assert res["tc"]["micro_f1"] > 0.5


def test_train_fit_with_token_vectors_round_trips(nlp_sm: Language, tiny_split: Path, tmp_path: Path) -> None:
    pytest.importorskip("pycrfsuite")
    pytest.importorskip("sklearn")
    arts = list(read_split(tiny_split))
    docs = parse(nlp_sm, arts)
    width = docs[0].tensor.shape[1]
    params = Params(crf_iterations=20, min_freq=1, tc_min_count=1, tagger_vectors=width, classifier_vectors=width)
    model = fit(arts, docs, params, log=lambda _: None)
    assert model.tagger.dense is not None and model.tagger.dense.shape == (width, 3)
    assert model.classifier.dense is not None and model.classifier.dense.shape[0] == width
    assert not any(name.startswith(("v", "\x00v")) and name[1:].isdigit() for name in model.tagger.index)
    path = tmp_path / "m.json.gz"
    model.save(path)
    again = FramingModel.read(path)
    sdoc = nlp_sm(arts[0].text)
    got = [(s, e, t) for s, e, t, _ in again.predict(sdoc).spans]
    assert got == [(s, e, t) for s, e, t, _ in model.predict(sdoc).spans]
