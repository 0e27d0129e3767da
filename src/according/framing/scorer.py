"""The SemEval-2020 Task 11 measures, reimplemented (docs/framing.md says how they are computed).

Span identification (SI): within each article, the spans of the gold and of the prediction are each merged
where they overlap (whatever their technique), and every span is read as the set of its character indices.
With S the predicted and T the gold spans, summed over all articles,

    P = (1/|S|) Σ_s Σ_t |s∩t| / |s|        R = (1/|T|) Σ_s Σ_t |s∩t| / |t|        F1 = 2PR / (P + R)

so a prediction earns partial credit for partial overlap. Technique classification (TC): every gold span gets
labels predicted for it; micro-F1 counts a prediction correct when it matches one of that span's gold labels,
each gold label matched at most once (the best order), so it equals accuracy when one label is predicted per gold row.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Span = tuple[int, int]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters (touching spans stay apart, as in the task)."""
    out: list[list[int]] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


@dataclass(frozen=True, slots=True)
class SIScore:
    """SI precision, recall and F1 with the sums behind them."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
        }


def _overlap_sums(pred: list[Span], gold: list[Span]) -> tuple[float, float]:
    """Σ|s∩t|/|s| and Σ|s∩t|/|t| over all pairs; both lists merged and sorted, so a sweep suffices."""
    sp = sr = 0.0
    j0 = 0
    for s0, s1 in pred:
        while j0 < len(gold) and gold[j0][1] <= s0:
            j0 += 1
        j = j0
        while j < len(gold) and gold[j][0] < s1:
            inter = min(s1, gold[j][1]) - max(s0, gold[j][0])
            if inter > 0:
                sp += inter / (s1 - s0)
                sr += inter / (gold[j][1] - gold[j][0])
            j += 1
    return sp, sr


def si_score(pred: Mapping[str, Iterable[Span]], gold: Mapping[str, Iterable[Span]]) -> SIScore:
    """SI scores of predicted against gold spans, both keyed by article id.

    Articles missing from `pred` count as having no predictions; predictions for articles with no gold entry
    count against precision (the task scores every submitted span).
    """
    sp = sr = 0.0
    n_pred = n_gold = 0
    for art in set(pred) | set(gold):
        p = merge(pred.get(art, ()))
        g = merge(gold.get(art, ()))
        n_pred += len(p)
        n_gold += len(g)
        a, b = _overlap_sums(p, g)
        sp += a
        sr += b
    precision = sp / n_pred if n_pred else 0.0
    recall = sr / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return SIScore(precision, recall, f1, n_pred, n_gold)


@dataclass(frozen=True, slots=True)
class TCScore:
    """TC micro-averaged precision, recall and F1 over gold spans, and per-technique recall."""

    precision: float
    recall: float
    f1: float
    correct: int
    predicted: int
    gold: int
    per_technique: dict[str, tuple[int, int]]  # technique -> (correct, gold)

    def to_dict(self) -> dict[str, object]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "micro_f1": round(self.f1, 4),
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
            "per_technique_recall": {
                t: round(c / g, 4) if g else None for t, (c, g) in sorted(self.per_technique.items())
            },
        }


def tc_score(
    pred: Mapping[tuple[str, int, int], Iterable[str]], gold: Mapping[tuple[str, int, int], Iterable[str]]
) -> TCScore:
    """TC micro-F1: labels predicted for each gold span `(article, start, end)` against its gold labels.

    A span with two gold labels should get two predictions; each matches at most one gold label.
    Predictions for spans that are not gold are counted as predicted and never correct.
    """
    correct = n_pred = n_gold = 0
    per: dict[str, list[int]] = {}
    for key in set(pred) | set(gold):
        g = Counter(gold.get(key, ()))
        p = Counter(pred.get(key, ()))
        n_gold += sum(g.values())
        n_pred += sum(p.values())
        for tech, k in g.items():
            hit = min(k, p.get(tech, 0))
            correct += hit
            row = per.setdefault(tech, [0, 0])
            row[0] += hit
            row[1] += k
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return TCScore(precision, recall, f1, correct, n_pred, n_gold, {t: (c, g) for t, (c, g) in per.items()})
