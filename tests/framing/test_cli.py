"""`according train framing` and `according eval framing` through Typer's CliRunner, on a tiny split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from according.cli.framing import app
from according.framing.model import FramingModel

runner = CliRunner()


def test_cli_framing_help_lists_both_commands() -> None:
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    assert "train" in res.output and "eval" in res.output


def test_cli_framing_train_then_eval(tmp_path: Path, tiny_split: Path) -> None:
    pytest.importorskip("pycrfsuite")
    pytest.importorskip("sklearn")
    out = tmp_path / "model.json.gz"
    res = runner.invoke(app, ["train", "--data", str(tiny_split), "--out", str(out), "--folds", "1"])
    assert res.exit_code == 0, res.output
    meta = json.loads(res.stdout)
    assert len(meta["train_sha256"]) == 64
    assert meta["command"].startswith("according train framing --data")
    model = FramingModel.read(out)
    assert model.meta["train_articles"] == 3

    res = runner.invoke(app, ["eval", str(tiny_split), "--model", str(out), "--json"])
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout)
    assert payload["articles"] == 3
    assert set(payload["si"]) >= {"precision", "recall", "f1"}
    assert "training-set scores" in payload["warning"]


def test_cli_framing_eval_needs_labels(tmp_path: Path, tiny_split: Path, word_model: FramingModel) -> None:
    path = tmp_path / "m.json.gz"
    word_model.save(path)
    labels = tiny_split / "train-labels-task2-technique-classification"
    for p in labels.iterdir():
        p.unlink()
    res = runner.invoke(app, ["eval", str(tiny_split), "--model", str(path)])
    assert res.exit_code == 1
    assert "no labelled spans" in res.output


def test_cli_framing_eval_rejects_a_folder_without_articles(tmp_path: Path, word_model: FramingModel) -> None:
    path = tmp_path / "m.json.gz"
    word_model.save(path)
    res = runner.invoke(app, ["eval", str(tmp_path), "--model", str(path)])
    assert res.exit_code == 1
    assert "articles" in res.output
