"""The fine-tuned transformer framing model: all-MiniLM-L6-v2 with a span tagger and a technique head.

One encoder pass per window serves both tasks: a 3-way piece tagger (outside / begins / inside a span) for
span identification, and for technique classification a linear head over [mean of the span's pieces, the
window's [CLS]]. The encoder runs as a quantised ONNX graph in onnxruntime (no torch); the technique head
is a small numpy matrix. Trained by `according train framing --transformer` (`train_transformer.py`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from according.framing.ptc import PTCArticle
from according.framing.result import FramingResult, FramingSpan, labelled, precheck
from according.framing.scorer import si_score, tc_score
from according.framing.windows import Window, expand_to_words, load_tokenizer, piece_range, windows

Array = npt.NDArray[np.float32]
# (ids, mask), both (batch, length) int64 -> (tagger logits (batch, length, 3), hidden (batch, length, width))
RunEncoder = Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], tuple[Array, Array]]
CLS, SEP = 101, 102  # BERT uncased vocabulary
BATCH = 32
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)  # P(inside) thresholds scored by `score`


def softmax(z: Array, axis: int = -1) -> Array:
    z = z - z.max(axis=axis, keepdims=True)
    p: Array = np.exp(z)
    out: Array = p / p.sum(axis=axis, keepdims=True)
    return out


def batch_arrays(wins: Sequence[Window]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """[CLS] ids [SEP], right-padded with 0, and the attention mask."""
    width = max(len(w.ids) for w in wins) + 2
    ids = np.zeros((len(wins), width), dtype=np.int64)
    mask = np.zeros((len(wins), width), dtype=np.int64)
    for k, w in enumerate(wins):
        n = len(w.ids)
        ids[k, 0] = CLS
        ids[k, 1 : n + 1] = w.ids
        ids[k, n + 1] = SEP
        mask[k, : n + 2] = 1
    return ids, mask


@dataclass
class Encoded:
    """A window with its pieces' tagger probabilities and hidden states (both without [CLS]/[SEP]) and [CLS]."""

    window: Window
    probs: Array  # (pieces, 3)
    hidden: Array  # (pieces, width)
    cls: Array  # (width,)


def encode_windows(run: RunEncoder, wins: Sequence[Window], batch: int = BATCH) -> list[Encoded]:
    """Run the encoder over windows in length-sorted batches (less padding), results in the input order."""
    order = sorted(range(len(wins)), key=lambda k: len(wins[k].ids))
    out: list[Encoded | None] = [None] * len(wins)
    for a in range(0, len(order), batch):
        idx = order[a : a + batch]
        ids, mask = batch_arrays([wins[k] for k in idx])
        logits, hidden = run(ids, mask)
        for r, k in enumerate(idx):
            n = len(wins[k].ids)
            out[k] = Encoded(wins[k], softmax(logits[r, 1 : n + 1]), hidden[r, 1 : n + 1], hidden[r, 0])
    return [e for e in out if e is not None]


def decode_spans(text: str, enc: Sequence[Encoded], threshold: float) -> list[tuple[int, int, float]]:
    """(start, end, mean P(inside)) per run of pieces at or above `threshold`, grown to whole words.

    A piece more likely to begin a span than to continue one starts a new run (as in the CRF model).
    """
    spans: list[tuple[int, int, float]] = []
    for e in enc:
        inside = e.probs[:, 1] + e.probs[:, 2]
        run: list[int] = []
        n = len(e.window.offsets)
        for i in range(n + 1):
            here = i < n and float(inside[i]) >= threshold
            # a continuation piece of a word (no gap before it) never starts a new run
            glued = i < n and i > 0 and e.window.offsets[i][0] == e.window.offsets[i - 1][1]
            starts = here and bool(run) and not glued and float(e.probs[i, 1]) > float(e.probs[i, 2])
            if run and (not here or starts):
                s, t = expand_to_words(text, e.window.offsets[run[0]][0], e.window.offsets[run[-1]][1])
                spans.append((s, t, float(np.mean(inside[run]))))
                run = []
            if here:
                run.append(i)
    return spans


def span_vector(enc: Sequence[Encoded], start: int, end: int) -> Array | None:
    """[mean hidden state of the pieces overlapping `[start, end)` in its first window, that window's CLS]."""
    for e in enc:
        if e.window.end <= start or e.window.start >= end:
            continue
        r = piece_range(e.window, start, end)
        if r is not None:
            v: Array = np.concatenate([e.hidden[r[0] : r[1]].mean(axis=0), e.cls])
            return v
    return None


@dataclass
class TransformerFraming:
    """The runtime model: an encoder callable, the tokenizer, the technique head and the decision thresholds."""

    run: RunEncoder
    tokenizer: Any
    head_w: Array  # (2 * width, techniques)
    head_b: Array  # (techniques,)
    techniques: tuple[str, ...]
    threshold: float = 0.5
    second_label: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The model's name in ledgers (alone, without the CRF it is shipped with)."""
        return "transformer-alone"

    def encode(self, text: str) -> list[Encoded]:
        return encode_windows(self.run, list(windows(text, self.tokenizer)))

    def technique_probs(self, enc: Sequence[Encoded], spans: Sequence[tuple[int, int]]) -> Array:
        """Softmax over the techniques per span, (len(spans), techniques); a span outside every window gets the bias."""
        width = self.head_w.shape[0]
        vecs = np.zeros((len(spans), width), dtype=np.float32)
        for k, (s, e) in enumerate(spans):
            v = span_vector(enc, s, e)
            if v is not None:
                vecs[k] = v
        return softmax(vecs @ self.head_w + self.head_b, axis=1)

    def predict(self, sdoc: Doc) -> FramingResult:
        """Technique spans of a parsed Doc (its exact text), or why there are none; the Doc's parse is not used."""
        sentences, refused = precheck(sdoc)
        if refused is not None:
            return refused
        return FramingResult(self.predict_text(sdoc.text), "ok", "", sentences)

    def predict_text(self, text: str) -> tuple[FramingSpan, ...]:
        """`(start, end, technique, score)` per technique span, sorted by offsets."""
        enc = self.encode(text)
        cands = decode_spans(text, enc, self.threshold)
        probs = self.technique_probs(enc, [(s, e) for s, e, _ in cands])
        return labelled(cands, probs, self.techniques, self.second_label)


def score(
    model: TransformerFraming, articles: Sequence[PTCArticle], thresholds: Sequence[float] = THRESHOLDS
) -> dict[str, Any]:
    """SI at each threshold and TC micro-F1 on gold spans (top-k labels, k = gold labels), as the task scores."""
    gold_si = {a.id: [(s.start, s.end) for s in a.spans] for a in articles}
    pred_si: dict[float, dict[str, list[tuple[int, int]]]] = {t: {} for t in thresholds}
    gold_tc: dict[tuple[str, int, int], list[str]] = {}
    pred_tc: dict[tuple[str, int, int], list[str]] = {}
    sentences = 0
    t0 = time.perf_counter()
    for a in articles:
        wins = list(windows(a.text, model.tokenizer))
        sentences += len(wins)
        enc = encode_windows(model.run, wins)
        for t in thresholds:
            pred_si[t][a.id] = [(s, e) for s, e, _ in decode_spans(a.text, enc, t)]
        for g in a.spans:
            gold_tc.setdefault((a.id, g.start, g.end), []).append(g.technique)
        keys = sorted({(g.start, g.end) for g in a.spans})
        for (s, e), p in zip(keys, model.technique_probs(enc, keys), strict=True):
            k = len(gold_tc[(a.id, s, e)])
            pred_tc[(a.id, s, e)] = [model.techniques[int(j)] for j in np.argsort(-p)[:k]]
    elapsed = time.perf_counter() - t0
    return {
        "si": {t: si_score(pred_si[t], gold_si).to_dict() for t in thresholds},
        "tc": tc_score(pred_tc, gold_tc).to_dict(),
        "windows": sentences,
        "windows_per_s": round(sentences / elapsed, 1) if elapsed else None,
    }


def onnx_runner(path: Path, threads: int = 0) -> RunEncoder:
    """An onnxruntime session over the exported encoder (inputs ids, mask; outputs tagger logits, hidden)."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    if threads:
        opts.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

    def run(ids: npt.NDArray[np.int64], mask: npt.NDArray[np.int64]) -> tuple[Array, Array]:
        logits, hidden = sess.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(logits, dtype=np.float32), np.asarray(hidden, dtype=np.float32)

    return run


def load_dir(folder: Path, threads: int = 0) -> TransformerFraming:
    """Read a model folder: `encoder.onnx`, `tokenizer.json`, `head.npz`, `meta.json`."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    head = np.load(folder / "head.npz")
    return TransformerFraming(
        run=onnx_runner(folder / "encoder.onnx", threads),
        tokenizer=load_tokenizer(folder / "tokenizer.json"),
        head_w=np.asarray(head["w"], dtype=np.float32),
        head_b=np.asarray(head["b"], dtype=np.float32),
        techniques=tuple(meta["techniques"]),
        threshold=float(meta.get("threshold", 0.5)),
        second_label=float(meta.get("second_label", 0.5)),
        meta=meta,
    )
