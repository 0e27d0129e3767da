"""The shipped framing model: propaganda-technique spans from a parsed spaCy Doc, scored with numpy only.

Two linear models trained on the PTC corpus (`according train framing`): a linear-chain CRF tags tokens B/I/O
(span identification), then a multinomial logistic regression picks one of the 14 SemEval-2020 Task 11
techniques for each span (technique classification). Weights ship as gzipped JSON inside the package.
"""

from __future__ import annotations

import functools
import gzip
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from according.corpus.semantic import Encoder
from according.errors import FormatError, value_invalid_msg
from according.framing import encoder as E
from according.framing import features as F
from according.framing.result import FramingResult, labelled, precheck

MODEL_FILE = "framing_model.json.gz"
# the technique classifier over MiniLM features (ACCORDING_FRAMING_ENCODER=minilm); spans still come from MODEL_FILE
TC_MINILM_FILE = "framing_tc_minilm.json.gz"
# the fine-tuned transformer averaged with a CRF (ACCORDING_FRAMING_ENCODER=transformer): a folder, see ensemble.py
TRANSFORMER_DIR = "framing_transformer"
METHOD = "according.framing.v1"
LABELS = ("O", "B", "I")

Array = npt.NDArray[np.float32]


@dataclass(frozen=True)
class _Linear:
    """Feature name -> row of a weight matrix; scores are the sum of the rows of the features present."""

    index: dict[str, int]
    weights: Array  # (features, classes)
    bias: Array  # (classes,)
    dense: Array | None = None  # (width, classes): weights of real-valued inputs (spaCy's token vectors)

    def scores(self, feats: Sequence[Sequence[str]], vectors: Array | None = None) -> Array:
        """One row of class scores per feature list, plus `vectors @ dense` when both are there."""
        idx: list[int] = []
        offsets: list[int] = []
        empty: list[int] = []
        get = self.index.get
        for k, fl in enumerate(feats):
            rows = [j for j in (get(x) for x in fl) if j is not None]
            if not rows:
                empty.append(k)
                rows = [0]
            offsets.append(len(idx))
            idx.extend(rows)
        if not feats:
            return np.zeros((0, len(self.bias)), dtype=np.float32)
        if len(self.weights) == 0:
            out: Array = np.zeros((len(feats), len(self.bias)), dtype=np.float32)
        else:
            out = np.add.reduceat(self.weights[idx], offsets, axis=0)
            if empty:
                out[empty] = 0.0
        if self.dense is not None and vectors is not None:
            out = out + vectors @ self.dense
        return out + self.bias

    def to_obj(self) -> dict[str, Any]:
        names = [""] * len(self.index)
        for name, j in self.index.items():
            names[j] = name
        return {
            "features": names,
            "weights": [[round(float(v), 4) for v in row] for row in self.weights],
            "bias": [round(float(v), 4) for v in self.bias],
            "dense": None if self.dense is None else [[round(float(v), 4) for v in row] for row in self.dense],
        }

    @classmethod
    def from_obj(cls, obj: dict[str, Any]) -> _Linear:
        w = np.asarray(obj["weights"], dtype=np.float32).reshape(len(obj["features"]), len(obj["bias"]))
        dense = None if obj.get("dense") is None else np.asarray(obj["dense"], dtype=np.float32)
        index = {n: j for j, n in enumerate(obj["features"])}
        return cls(index, w, np.asarray(obj["bias"], dtype=np.float32), dense)


def _logsumexp(a: Array, axis: int) -> Array:
    m = a.max(axis=axis, keepdims=True)
    out: Array = (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)
    return out


def crf_marginals(emissions: Array, transitions: Array) -> Array:
    """P(label of token i) under a linear-chain CRF (forward-backward in log space), shape (n, labels)."""
    n = emissions.shape[0]
    if n == 0:
        return emissions
    alpha = np.empty_like(emissions)
    beta = np.zeros_like(emissions)
    alpha[0] = emissions[0]
    for i in range(1, n):
        alpha[i] = emissions[i] + _logsumexp(alpha[i - 1][:, None] + transitions, axis=0)
    for i in range(n - 2, -1, -1):
        beta[i] = _logsumexp(transitions + (emissions[i + 1] + beta[i + 1])[None, :], axis=1)
    z = _logsumexp(alpha[-1], axis=0)
    out: Array = np.exp(alpha + beta - z)
    return out


@dataclass(frozen=True)
class FramingModel:
    """CRF span tagger + technique classifier, with the decision thresholds chosen by cross-validation."""

    tagger: _Linear  # classes: O, B, I
    transitions: Array  # (3, 3), from -> to
    classifier: _Linear  # classes: TECHNIQUES order in `techniques`
    techniques: tuple[str, ...]
    threshold: float = 0.5  # a token is inside a span when P(B) + P(I) reaches this
    second_label: float = 0.5  # a span also gets its second technique when that one's probability reaches this
    meta: dict[str, Any] = field(default_factory=dict)
    # the frozen sentence encoder whose vectors end the classifier's dense inputs (meta["encoder_width"] wide)
    encoder: Encoder | None = None

    @property
    def name(self) -> str:
        """The model's name in ledgers: "linear", or "minilm" when MiniLM features feed its classifier."""
        return "linear" if self.encoder is None else "minilm"

    # -- span identification -------------------------------------------------------------------
    def token_probs(self, sdoc: Doc, ctx: F.DocContext | None = None) -> list[tuple[F.Window, Array]]:
        """Every window of the Doc with its tokens' (P(O), P(B), P(I))."""
        ctx = ctx or F.DocContext(sdoc)
        out: list[tuple[F.Window, Array]] = []
        width = 0 if self.tagger.dense is None else self.tagger.dense.shape[0]
        for win in F.windows(sdoc):
            vecs = F.token_vectors(sdoc, win.tokens, width) if width else None
            em = self.tagger.scores(F.token_features(win, ctx), vecs)
            out.append((win, crf_marginals(em, self.transitions)))
        return out

    def span_candidates(self, sdoc: Doc, ctx: F.DocContext | None = None) -> list[tuple[int, int, float]]:
        """(start, end, mean P(inside)) of each run of tokens at or above the threshold."""
        return spans_from_probs(self.token_probs(sdoc, ctx), self.threshold)

    # -- technique classification --------------------------------------------------------------
    def technique_probs(self, sdoc: Doc, spans: Sequence[tuple[int, int]], ctx: F.DocContext | None = None) -> Array:
        """Softmax over the techniques for each span, shape (len(spans), len(techniques))."""
        ctx = ctx or F.DocContext(sdoc)
        low = sdoc.text.lower()
        width = 0 if self.classifier.dense is None else self.classifier.dense.shape[0]
        enc_width = int(self.meta.get("encoder_width", 0))
        if enc_width and self.encoder is None:
            raise ValueError("this technique classifier needs its sentence encoder; load it with load('minilm')")
        vecs = F.span_vectors(sdoc, spans, width - enc_width) if width else None
        if enc_width and vecs is not None and self.encoder is not None:
            vecs = np.concatenate([vecs, E.encoder_vectors(self.encoder, sdoc, spans)], axis=1)
        z = self.classifier.scores([F.span_features(sdoc, s, e, ctx, low) for s, e in spans], vecs)
        if z.shape[0] == 0:
            return z
        z = z - z.max(axis=1, keepdims=True)
        p: Array = np.exp(z)
        out: Array = p / p.sum(axis=1, keepdims=True)
        return out

    # -- both ----------------------------------------------------------------------------------
    def predict(self, sdoc: Doc) -> FramingResult:
        """Technique spans of a parsed Doc: `(start, end, technique, score)` sorted by offsets."""
        sentences, refused = precheck(sdoc)
        if refused is not None:
            return refused
        ctx = F.DocContext(sdoc)
        cands = self.span_candidates(sdoc, ctx)
        probs = self.technique_probs(sdoc, [(s, e) for s, e, _ in cands], ctx)
        return FramingResult(labelled(cands, probs, self.techniques, self.second_label), "ok", "", sentences)

    # -- storage -------------------------------------------------------------------------------
    def to_json(self) -> bytes:
        obj = {
            "meta": self.meta,
            "threshold": self.threshold,
            "second_label": self.second_label,
            "techniques": list(self.techniques),
            "tagger": self.tagger.to_obj(),
            "transitions": [[round(float(v), 4) for v in row] for row in self.transitions],
            "classifier": self.classifier.to_obj(),
        }
        return json.dumps(obj, separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_json(cls, data: bytes) -> FramingModel:
        obj = json.loads(data)
        meta = obj.get("meta", {})
        if meta.get("features_version") != F.FEATURES_VERSION:
            raise ValueError("framing model was trained with other features; retrain with `according train framing`")
        return cls(
            tagger=_Linear.from_obj(obj["tagger"]),
            transitions=np.asarray(obj["transitions"], dtype=np.float32),
            classifier=_Linear.from_obj(obj["classifier"]),
            techniques=tuple(obj["techniques"]),
            threshold=float(obj["threshold"]),
            second_label=float(obj["second_label"]),
            meta=meta,
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(self.to_json(), mtime=0))

    @classmethod
    def read(cls, path: Path) -> FramingModel:
        return cls.from_json(gzip.decompress(path.read_bytes()))


def spans_from_probs(
    windows: Sequence[tuple[F.Window, Array]], threshold: float, low: float | None = None
) -> list[tuple[int, int, float]]:
    """(start, end, mean P(inside)) of each run of tokens whose P(B) + P(I) reaches `low` and, somewhere in the
    run, `threshold` (hysteresis: a span needs one token the model is fairly sure of, and then extends over
    neighbours it is less sure of; `low` None or above `threshold` means one threshold).

    A token more likely B than I starts a new run, so two adjacent gold-style spans stay apart.
    """
    floor = threshold if low is None else min(low, threshold)
    spans: list[tuple[int, int, float]] = []
    for win, probs in windows:
        inside_p = probs[:, 1] + probs[:, 2]
        run: list[int] = []
        for i in range(len(win.tokens) + 1):
            inside = i < len(win.tokens) and float(inside_p[i]) >= floor
            starts = inside and bool(run) and float(probs[i, 1]) > float(probs[i, 2])
            if run and (not inside or starts):
                if float(inside_p[run].max()) >= threshold:
                    a, b = win.tokens[run[0]], win.tokens[run[-1]]
                    spans.append((a.idx, b.idx + len(b.text), float(np.mean(inside_p[run]))))
                run = []
            if inside:
                run.append(i)
    return spans


def classifier_to_json(classifier: _Linear, techniques: Sequence[str], meta: dict[str, Any]) -> bytes:
    """A technique classifier alone (no span tagger) as JSON: the weights shipped for an encoder option."""
    obj = {"meta": meta, "techniques": list(techniques), "classifier": classifier.to_obj()}
    return json.dumps(obj, separators=(",", ":"), sort_keys=True).encode()


def with_classifier(base: FramingModel, data: bytes, encoder: Encoder | None) -> FramingModel:
    """`base` (its span tagger and thresholds) with the technique classifier stored in `data` and its encoder."""
    obj = json.loads(data)
    meta = obj.get("meta", {})
    if meta.get("features_version") != F.FEATURES_VERSION:
        raise ValueError("technique classifier was trained with other features; retrain with `according train framing`")
    if tuple(obj["techniques"]) != base.techniques:
        raise ValueError("technique classifier and span model list different techniques")
    clf = _Linear.from_obj(obj["classifier"])
    width = 0 if clf.dense is None else clf.dense.shape[0]
    if int(meta.get("encoder_width", 0)) > width:
        raise ValueError("technique classifier has fewer dense weights than its encoder's vectors")
    return replace(base, classifier=clf, meta={**base.meta, **meta, "span_model": base.meta}, encoder=encoder)


class Framer(Protocol):
    """Any framing model the ledger can run: the linear default or the fine-tuned transformer."""

    @property
    def meta(self) -> dict[str, Any]: ...

    @property
    def name(self) -> str: ...

    def predict(self, sdoc: Doc) -> FramingResult: ...


def _fallback(base: FramingModel, why: str, option: str = "minilm") -> FramingModel:
    warnings.warn(f"ACCORDING_FRAMING_ENCODER={option}: {why}; using the default framing model", stacklevel=3)
    return base


def _transformer(base: FramingModel) -> Framer:
    folder = resources.files("according.data").joinpath(TRANSFORMER_DIR)
    if not folder.joinpath("encoder.onnx").is_file():
        return _fallback(
            base, f"according.data/{TRANSFORMER_DIR} is missing (according train framing --transformer)", "transformer"
        )
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return _fallback(base, "needs the 'transformer' extra: pip install 'according[transformer]'", "transformer")
    from according.config import Settings
    from according.framing.ensemble import load_folder

    return load_folder(Path(str(folder)), threads=Settings.from_env().framing_threads)


def _with_minilm(base: FramingModel) -> FramingModel:
    try:
        raw = resources.files("according.data").joinpath(TC_MINILM_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return _fallback(
            base, f"according.data/{TC_MINILM_FILE} is missing (train it: according train framing --encoder minilm)"
        )
    from according.corpus.semantic import EncoderUnavailable, load_encoder

    try:
        enc = load_encoder("minilm")
    except EncoderUnavailable:
        return _fallback(
            base,
            "needs the 'semantic' extra: pip install torch==2.13.0 (a CPU build), "
            "then pip install 'according[semantic]'",
        )
    return with_classifier(base, gzip.decompress(raw), enc)


@functools.lru_cache(maxsize=3)
def load(encoder: str = "none") -> Framer | None:
    """The shipped framing model, or None when the package was built without one.

    With `encoder="minilm"` the technique classifier also reads MiniLM embeddings (more accurate, far slower);
    when the `semantic` extra or its weight file is missing, that warns once and the default model is used.

    Raises:
        FormatError: an encoder other than those in `encoder.ENCODERS` (a ValueError).
    """
    if encoder not in E.ENCODERS:
        raise FormatError(value_invalid_msg("the framing encoder (ACCORDING_FRAMING_ENCODER)", encoder, E.ENCODERS))
    if encoder != "none":
        base = load("none")
        if not isinstance(base, FramingModel):
            return None
        return _transformer(base) if encoder == "transformer" else _with_minilm(base)
    try:
        raw = resources.files("according.data").joinpath(MODEL_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None
    return FramingModel.from_json(gzip.decompress(raw))


def configured_encoder() -> str:
    """The framing encoder chosen by the settings (ACCORDING_FRAMING_ENCODER; "none" by default)."""
    from according.config import Settings

    return Settings.from_env().framing_encoder


def framing_spans(sdoc: Doc, model: Framer | None = None) -> FramingResult:
    """Propaganda-technique spans of a parsed Doc with the shipped model, or why there are none.

    Raises:
        RuntimeError: the package was built without its framing model.
    """
    m = model or load(configured_encoder())
    if m is None:
        raise RuntimeError(f"according.data/{MODEL_FILE} is missing; run `according train framing`")
    return replace(m.predict(sdoc), model=m.name)
