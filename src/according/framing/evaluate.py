"""Score a framing model on labelled PTC articles: SI at the model's threshold(s), TC on the gold spans."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from spacy.tokens import Doc

from according.framing import features as F
from according.framing.model import FramingModel, spans_from_probs
from according.framing.ptc import PTCArticle
from according.framing.scorer import si_score, tc_score


def evaluate(
    model: FramingModel, articles: Sequence[PTCArticle], docs: Sequence[Doc], thresholds: Sequence[float] = ()
) -> dict[str, Any]:
    """SI scores at each threshold (the model's own when none are given) and TC micro-F1 on gold spans."""
    thresholds = tuple(thresholds) or (model.threshold,)
    gold_si = {a.id: [(s.start, s.end) for s in a.spans] for a in articles}
    pred_si: dict[float, dict[str, list[tuple[int, int]]]] = {t: {} for t in thresholds}
    gold_tc: dict[tuple[str, int, int], list[str]] = {}
    pred_tc: dict[tuple[str, int, int], list[str]] = {}
    for a, d in zip(articles, docs, strict=True):
        ctx = F.DocContext(d)
        probs = model.token_probs(d, ctx)
        for t in thresholds:
            pred_si[t][a.id] = [(s, e) for s, e, _ in spans_from_probs(probs, t)]
        for g in a.spans:
            gold_tc.setdefault((a.id, g.start, g.end), []).append(g.technique)
        keys = sorted({(g.start, g.end) for g in a.spans})
        tp = model.technique_probs(d, keys, ctx)
        for (s, e), p in zip(keys, tp, strict=True):
            k = len(gold_tc[(a.id, s, e)])
            pred_tc[(a.id, s, e)] = [model.techniques[int(j)] for j in np.argsort(-p)[:k]]
    si = {t: si_score(pred_si[t], gold_si).to_dict() for t in thresholds}
    return {"si": si, "tc": tc_score(pred_tc, gold_tc).to_dict()}
