"""The transformer framing option: the fine-tuned MiniLM and a linear CRF model trained on the same articles, averaged.

Both models give every spaCy token P(outside / begins / inside) and every span a distribution over the
techniques; the ensemble takes a weighted mean of each and decodes spans with two thresholds (weights and
thresholds in `meta.json`, chosen by nested cross-validation in `select.py`, docs/framing.md). The two err
differently: the CRF sees article-level cues (repetition, headline, quotation), the transformer the meaning of
the sentence.
A model folder holds `encoder.onnx`, `tokenizer.json`, `head.npz`, `span_model.json.gz` and `meta.json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from according.framing import features as F
from according.framing.model import FramingModel, spans_from_probs
from according.framing.ptc import TECHNIQUES, PTCArticle
from according.framing.result import FramingResult, labelled, precheck
from according.framing.scorer import si_score, tc_score
from according.framing.transformer import Array, Encoded, TransformerFraming, load_dir

SPAN_MODEL = "span_model.json.gz"
# what a newly trained folder records: the settings `according train framing-ensemble` chose by nested
# cross-validation over the five fold models (docs/framing.md); a folder's meta.json `ensemble` block holds its
# own. P(inside) and technique weights of the CRF / linear model, the span threshold, and the lower threshold a
# span extends over from a token that reaches it
SI_WEIGHT = 0.4
TC_WEIGHT = 0.5
THRESHOLD = 0.35
LOW: float | None = 0.2
SISetting = tuple[float, float, float | None]  # (si_weight, threshold, low)


def piece_probs_on_tokens(windows: Sequence[tuple[F.Window, Array]], enc: Sequence[Encoded]) -> list[Array]:
    """The transformer's (O, B, I) for each spaCy token of each window: those of the first piece overlapping it."""
    out: list[Array] = []
    k = 0  # windows and pieces both run in text order: resume the search where the last token was found
    for win, probs in windows:
        rows = np.zeros_like(probs)
        rows[:, 0] = 1.0
        for i, t in enumerate(win.tokens):
            s, e = t.idx, t.idx + len(t.text)
            while k < len(enc) and enc[k].window.end <= s:
                k += 1
            for en in enc[k : k + 2]:
                hit = next((j for j, (a, b) in enumerate(en.window.offsets) if a < e and s < b), -1)
                if hit >= 0:
                    rows[i] = en.probs[hit]
                    break
        out.append(rows)
    return out


@dataclass(frozen=True)
class EnsembleFraming:
    """The linear model and the transformer, their token and technique probabilities averaged."""

    linear: FramingModel
    transformer: TransformerFraming
    si_weight: float = SI_WEIGHT
    tc_weight: float = TC_WEIGHT
    threshold: float = THRESHOLD
    low: float | None = LOW
    second_label: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The model's name in ledgers."""
        return "transformer"

    def token_probs(self, sdoc: Doc, ctx: F.DocContext, enc: Sequence[Encoded]) -> list[tuple[F.Window, Array]]:
        crf = self.linear.token_probs(sdoc, ctx)
        w = self.si_weight
        return [(win, w * p + (1 - w) * q) for (win, p), q in zip(crf, piece_probs_on_tokens(crf, enc), strict=True)]

    def technique_probs(
        self, sdoc: Doc, ctx: F.DocContext, enc: Sequence[Encoded], spans: Sequence[tuple[int, int]]
    ) -> Array:
        w = self.tc_weight
        out: Array = w * self.linear.technique_probs(sdoc, spans, ctx) + (1 - w) * self.transformer.technique_probs(
            enc, spans
        )
        return out

    def predict(self, sdoc: Doc) -> FramingResult:
        """Technique spans of a parsed Doc, or why there are none (the same statuses as the linear model)."""
        sentences, refused = precheck(sdoc)
        if refused is not None:
            return refused
        ctx = F.DocContext(sdoc)
        enc = self.transformer.encode(sdoc.text)
        cands = spans_from_probs(self.token_probs(sdoc, ctx, enc), self.threshold, self.low)
        probs = self.technique_probs(sdoc, ctx, enc, [(s, e) for s, e, _ in cands])
        return FramingResult(labelled(cands, probs, TECHNIQUES, self.second_label), "ok", "", sentences)


def load_folder(folder: Path, threads: int = 0) -> EnsembleFraming:
    """Read an ensemble model folder (see the module docstring)."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    ens = meta.get("ensemble", {})
    return EnsembleFraming(
        linear=FramingModel.read(folder / SPAN_MODEL),
        transformer=load_dir(folder, threads),
        si_weight=float(ens.get("si_weight", SI_WEIGHT)),
        tc_weight=float(ens.get("tc_weight", TC_WEIGHT)),
        threshold=float(ens.get("threshold", THRESHOLD)),
        low=None if ens.get("low") is None else float(ens["low"]),
        meta=meta,
    )


@dataclass(frozen=True)
class HeldOut:
    """One held-out article with both halves' token probabilities and technique probabilities on its gold spans."""

    fold: int
    article: PTCArticle
    crf: list[tuple[F.Window, Array]]
    transformer: list[Array]
    keys: list[tuple[int, int]]  # the article's distinct gold spans
    tc_linear: Array
    tc_transformer: Array


def held_out_probs(
    model: EnsembleFraming, fold: int, articles: Sequence[PTCArticle], docs: Sequence[Doc]
) -> list[HeldOut]:
    """Both halves' probabilities on the model's held-out articles (and their parsed Docs)."""
    rows: list[HeldOut] = []
    for a, d in zip(articles, docs, strict=True):
        ctx = F.DocContext(d)
        enc = model.transformer.encode(a.text)
        crf = model.linear.token_probs(d, ctx)
        keys = sorted({(g.start, g.end) for g in a.spans})
        rows.append(
            HeldOut(
                fold,
                a,
                crf,
                piece_probs_on_tokens(crf, enc),
                keys,
                model.linear.technique_probs(d, keys, ctx),
                model.transformer.technique_probs(enc, keys),
            )
        )
    return rows


def si_of(rows: Sequence[HeldOut], setting: SISetting) -> dict[str, float | int]:
    """SI of the ensemble decoded with `setting` on these articles."""
    w, t, low = setting
    pred = {
        r.article.id: [
            (s, e)
            for s, e, _ in spans_from_probs(
                [(win, w * p + (1 - w) * q) for (win, p), q in zip(r.crf, r.transformer, strict=True)], t, low
            )
        ]
        for r in rows
    }
    return si_score(pred, {r.article.id: [(g.start, g.end) for g in r.article.spans] for r in rows}).to_dict()


def tc_of(rows: Sequence[HeldOut], w: float) -> dict[str, Any]:
    """TC micro-F1 of the ensemble with technique weight `w` on these articles' gold spans."""
    gold: dict[tuple[str, int, int], list[str]] = {}
    pred: dict[tuple[str, int, int], list[str]] = {}
    for r in rows:
        for g in r.article.spans:
            gold.setdefault((r.article.id, g.start, g.end), []).append(g.technique)
        probs = w * r.tc_linear + (1 - w) * r.tc_transformer
        for (s, e), row in zip(r.keys, probs, strict=True):
            k = len(gold[(r.article.id, s, e)])
            pred[(r.article.id, s, e)] = [TECHNIQUES[int(j)] for j in np.argsort(-row)[:k]]
    return tc_score(pred, gold).to_dict()


def score(
    model: EnsembleFraming, articles: Sequence[PTCArticle], docs: Sequence[Doc], thresholds: Sequence[float] = ()
) -> dict[str, Any]:
    """SI and TC of the ensemble and of each of its two models alone, on labelled articles, as the task scores them.

    The ensemble is scored at each threshold (with its own lower threshold), the linear model alone at its own
    threshold, the transformer alone at 0.5 on the same tokens.
    """
    return score_rows(model, held_out_probs(model, 0, articles, docs), thresholds)


def score_rows(model: EnsembleFraming, rows: Sequence[HeldOut], thresholds: Sequence[float] = ()) -> dict[str, Any]:
    """`score` on probabilities already computed by `held_out_probs` with this model."""
    ways: dict[str, tuple[float, float, list[tuple[float, float | None]]]] = {
        "ensemble": (model.si_weight, model.tc_weight, [(t, model.low) for t in thresholds or (model.threshold,)]),
        "linear": (1.0, 1.0, [(model.linear.threshold, None)]),
        "transformer": (0.0, 0.0, [(0.5, None)]),
    }
    return {
        way: {"si": {t: si_of(rows, (ws, t, low)) for t, low in decode}, "tc": tc_of(rows, wt)}
        for way, (ws, wt, decode) in ways.items()
    }
