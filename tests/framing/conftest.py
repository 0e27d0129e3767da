"""Fixtures of the framing tests: a tiny PTC-style split written by hand and a hand-weighted model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from according.framing.features import FEATURES_VERSION
from according.framing.model import FramingModel, _Linear
from according.framing.ptc import TECHNIQUES

# Our own sentences in the corpus layout: headline, blank line, one sentence per line.
ARTICLES = {
    "901": (
        "Café owners fight the corrupt council\n\n"
        "The corrupt council raised rents again.\n"
        "Owners say the council is a gang of thieves.\n"
        "Critics doubt the council ever read the report.\n"
    ),
    "902": (
        "Mayor praises new bridge\n\n"
        "The mayor opened the bridge on Monday.\n"
        "Our great nation deserves great bridges, she said.\n"
        "Traffic was light in the afternoon.\n"
    ),
    "903": (
        "Storm closes schools\n\n"
        "A storm closed schools across the region.\n"
        "Officials called the disastrous storm a catastrophe.\n"
        "Schools will reopen on Thursday.\n"
    ),
}
LABELS = {
    "901": [
        ("Loaded_Language", "corrupt"),
        ("Loaded_Language", "corrupt council raised"),
        ("Name_Calling,Labeling", "a gang of thieves"),
        ("Loaded_Language", "a gang of thieves"),
        ("Doubt", "doubt the council ever read the report"),
    ],
    "902": [("Flag-Waving", "Our great nation deserves great bridges")],
    "903": [("Loaded_Language", "disastrous"), ("Exaggeration,Minimisation", "a catastrophe")],
}


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of `phrase` in `text`."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(phrase, i + 1)
    return i, i + len(phrase)


@pytest.fixture
def tiny_split(tmp_path: Path) -> Path:
    split = tmp_path / "train"
    arts = split / "train-articles"
    labels = split / "train-labels-task2-technique-classification"
    arts.mkdir(parents=True)
    labels.mkdir()
    for art_id, text in ARTICLES.items():
        (arts / f"article{art_id}.txt").write_text(text, encoding="utf-8", newline="")
        rows = []
        for tech, phrase in LABELS[art_id]:
            s, e = at(text, phrase, 1 if phrase == "corrupt" else 0)
            rows.append(f"{art_id}\t{tech}\t{s}\t{e}\n")
        (labels / f"article{art_id}.task2-TC.labels").write_text("".join(rows), encoding="utf-8")
    return split


@pytest.fixture
def word_model() -> FramingModel:
    """Tags "corrupt" and "thieves" as one-token spans; the classifier calls "thieves" name calling."""
    tagger = _Linear(
        {"b": 0, "w=corrupt": 1, "w=thieves": 2},
        np.array([[2.0, 0.0, 0.0], [0.0, 6.0, 0.0], [0.0, 6.0, 0.0]], dtype=np.float32),
        np.zeros(3, dtype=np.float32),
    )
    trans = np.array([[0.0, 0.0, -9.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype=np.float32)
    k = len(TECHNIQUES)
    w = np.zeros((2, k), dtype=np.float32)
    w[0, TECHNIQUES.index("Loaded_Language")] = 3.0
    w[1, TECHNIQUES.index("Name_Calling,Labeling")] = 8.0
    classifier = _Linear({"b": 0, "w=thieves": 1}, w, np.zeros(k, dtype=np.float32))
    meta = {"features_version": FEATURES_VERSION}
    return FramingModel(tagger, trans, classifier, TECHNIQUES, 0.5, 0.9, meta)
