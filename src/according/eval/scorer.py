"""Score predicted attributions and hedges against gold ones (the rules of data/gold/README.md).

Pure functions over plain data: `predictions(ledger)` turns a `Ledger` into `Predicted` records,
`score_document` matches them to a `GoldDoc` and counts, and `Scores` adds up (micro-average:
counts are summed over documents before any ratio is taken). docs/eval.md explains each measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from according.eval.gold import GoldDoc, Span, Spans
from according.types import Ledger, TextSpan

MATCH_THRESHOLD = 0.5  # content overlap F1 at or above which a prediction can match a gold attribution


@dataclass(frozen=True, slots=True)
class Predicted:
    """What the scorer needs of one predicted attribution."""

    id: str
    content: Spans  # the pieces of `content_parts`, or the covering `content` span
    cue: Spans | None
    source: Spans | None  # the source mention
    kind: str
    source_type: str
    anonymous: bool
    count: int | None
    parent: str | None  # id of another Predicted


def _spans(span: TextSpan | None) -> Spans | None:
    return ((span.start, span.end),) if span is not None else None


def predictions(ledger: Ledger) -> list[Predicted]:
    """The ledger's attributions as `Predicted` records, in ledger order.

    An attribution without a source record is scored as the gold format writes an absent source:
    type "unspecified", anonymous, no count.
    """
    out: list[Predicted] = []
    for a in ledger.attributions:
        src = ledger.source(a.source_id) if a.source_id is not None else None
        parts = a.content_parts or (a.content,)
        out.append(
            Predicted(
                id=a.id,
                content=tuple((p.start, p.end) for p in parts),
                cue=_spans(a.cue),
                source=_spans(a.source_mention),
                kind=a.kind,
                source_type=src.type if src is not None else "unspecified",
                anonymous=src.anonymous if src is not None else True,
                count=src.count if src is not None else None,
                parent=a.parent,
            )
        )
    return out


def predicted_hedges(ledger: Ledger) -> list[Span]:
    """The ledger's hedge spans; boosters are left out because the gold annotates hedges only."""
    return [(h.span.start, h.span.end) for h in ledger.hedges if h.kind == "hedge"]


def chars(spans: Spans) -> frozenset[int]:
    """The set of character offsets the spans cover (their union)."""
    return frozenset(i for start, end in spans for i in range(start, end))


def overlap_f1(a: Spans, b: Spans) -> float:
    """Character-overlap F1, 2|a∩b| / (|a| + |b|), of two spans taken as sets of offsets."""
    ca, cb = chars(a), chars(b)
    return _f1_sets(ca, cb)


def _f1_sets(ca: frozenset[int], cb: frozenset[int]) -> float:
    total = len(ca) + len(cb)
    return 2 * len(ca & cb) / total if total else 0.0


def overlaps(a: Spans | None, b: Spans | None) -> bool:
    """True when the two spans share at least one character."""
    if a is None or b is None:
        return False
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(
    gold: Sequence[Spans], predicted: Sequence[Spans], *, threshold: float = MATCH_THRESHOLD
) -> list[tuple[int, int]]:
    """One-to-one greedy matching: the pair with the highest overlap F1 first, then the next free pair.

    Only pairs with F1 >= `threshold` can match (with `threshold=0`, any overlap at all).
    Ties go to the earlier gold, then the earlier prediction, so the result is deterministic.

    Returns:
        (gold index, predicted index) pairs, best first.
    """
    gsets = [chars(g) for g in gold]
    psets = [chars(p) for p in predicted]
    candidates: list[tuple[float, int, int]] = []
    for gi, gs in enumerate(gsets):
        for pi, ps in enumerate(psets):
            if gs.isdisjoint(ps):
                continue
            f1 = _f1_sets(gs, ps)
            if f1 >= threshold:
                candidates.append((f1, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _f1, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


@dataclass(frozen=True, slots=True)
class PRF:
    """Counts for precision, recall and F1: true positives, predictions, gold items."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        total = self.predicted + self.gold
        return 2 * self.tp / total if total else None

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Right out of scored, over matched pairs."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def add(self, right: bool) -> Accuracy:
        return Accuracy(self.correct + int(right), self.total + 1)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.value, "correct": self.correct, "total": self.total}


@dataclass(frozen=True, slots=True)
class Scores:
    """Summed counts over documents; every ratio is computed from the sums (micro-average).

    An accuracy with total 0 was not scored (the gold lacks that field) and reports None.
    """

    documents: int = 0
    content: PRF = PRF()
    end_to_end: PRF = PRF()
    cue: Accuracy = Accuracy()
    source: Accuracy = Accuracy()
    kind: Accuracy = Accuracy()
    source_type: Accuracy = Accuracy()
    anonymous: Accuracy = Accuracy()
    count: Accuracy = Accuracy()
    parent: Accuracy = Accuracy()
    hedges: PRF = PRF()
    hedge_documents: int = 0  # documents whose gold annotates hedges
    opinion: PRF = PRF()  # author-opinion sentences, matched one-to-one at overlap F1 >= 0.5
    opinion_documents: int = 0  # documents whose gold annotates opinion sentences

    def __add__(self, other: Scores) -> Scores:
        return Scores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.to_dict() if isinstance(value, PRF | Accuracy) else value
        if not self.hedge_documents:
            out["hedges"] = None
        if not self.opinion_documents:
            out["opinion"] = None
        return out


@dataclass(frozen=True, slots=True)
class DocResult:
    """The scores of one document and what went wrong in it, for error analysis."""

    doc_id: str
    scores: Scores
    pairs: tuple[tuple[int, int], ...]  # (gold index, predicted index)
    missed: tuple[int, ...]  # gold indices not found, borderline ones left out
    spurious: tuple[int, ...]  # predicted indices that match no gold


def total(results: Iterable[DocResult]) -> Scores:
    """The micro-averaged scores of many documents."""
    out = Scores()
    for r in results:
        out = out + r.scores
    return out


def score_predictions(
    gold: GoldDoc, predicted: Sequence[Predicted], hedges: Sequence[Span] = (), opinion: Sequence[Span] = ()
) -> DocResult:
    """Match predictions to the gold of one document and count (see docs/eval.md)."""
    pairs = match([g.content for g in gold.attributions], [p.content for p in predicted])
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi: gi for gi, pi in pairs}
    pred_index = {p.id: i for i, p in enumerate(predicted)}
    # a borderline gold attribution that is not found does not count against recall
    unfound_borderline = {i for i, g in enumerate(gold.attributions) if g.borderline and i not in matched_gold}
    n_gold = len(gold.attributions) - len(unfound_borderline)

    e2e = 0
    cue = source = kind = source_type = anonymous = count = parent = Accuracy()
    for gi, pi in pairs:
        g, p = gold.attributions[gi], predicted[pi]
        source_right = overlaps(g.source, p.source) or (g.source is None and p.source is None)
        e2e += source_right
        source = source.add(source_right)
        cue = cue.add(overlaps(g.cue, p.cue) or (g.cue is None and p.cue is None))
        if g.kind is not None:
            kind = kind.add(g.kind == p.kind)
        if g.source_type is not None:
            source_type = source_type.add(g.source_type == p.source_type)
        if g.anonymous is not None:
            anonymous = anonymous.add(g.anonymous == p.anonymous)
        if gold.detailed:
            count = count.add(g.count == p.count)
            pred_parent = pred_index.get(p.parent) if p.parent is not None else None
            if g.parent is None:
                parent = parent.add(p.parent is None)
            else:
                parent = parent.add(pred_parent is not None and matched_pred.get(pred_parent) == g.parent)

    hedge_prf = PRF()
    opinion_prf = PRF()
    if gold.opinion is not None:
        opinion_pairs = match([(s,) for s in gold.opinion], [(s,) for s in opinion])
        opinion_prf = PRF(len(opinion_pairs), len(opinion), len(gold.opinion))
    if gold.hedges is not None:
        hedge_pairs = match([(h,) for h in gold.hedges], [(h,) for h in hedges], threshold=0.0)
        hedge_prf = PRF(len(hedge_pairs), len(hedges), len(gold.hedges))

    scores = Scores(
        documents=1,
        content=PRF(len(pairs), len(predicted), n_gold),
        end_to_end=PRF(e2e, len(predicted), n_gold),
        cue=cue,
        source=source,
        kind=kind,
        source_type=source_type,
        anonymous=anonymous,
        count=count,
        parent=parent,
        hedges=hedge_prf,
        hedge_documents=int(gold.hedges is not None),
        opinion=opinion_prf,
        opinion_documents=int(gold.opinion is not None),
    )
    missed = tuple(i for i in range(len(gold.attributions)) if i not in matched_gold and i not in unfound_borderline)
    spurious = tuple(i for i in range(len(predicted)) if i not in matched_pred)
    return DocResult(gold.id, scores, tuple(pairs), missed, spurious)


def score_document(gold: GoldDoc, ledger: Ledger) -> DocResult:
    """Score one ledger against the gold of the same text.

    Raises:
        ValueError: the ledger was made from a different text, so offsets would not line up.
    """
    if ledger.text != gold.text:
        raise ValueError(f"{gold.id}: the ledger's text differs from the gold text; offsets would not line up")
    opinion = [(s.start, s.end) for s in ledger.opinion_sentences]
    return score_predictions(gold, predictions(ledger), predicted_hedges(ledger), opinion)
