"""The SemEval-2020 Task 11 measures on hand-made cases (docs/framing.md)."""

from __future__ import annotations

import pytest

from according.framing.scorer import merge, si_score, tc_score


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([(5, 15), (0, 10)], [(0, 15)]),
        ([(0, 5), (5, 10)], [(0, 5), (5, 10)]),  # touching spans share no character: kept apart
        ([(0, 10), (2, 4), (20, 30)], [(0, 10), (20, 30)]),
        ([(3, 3)], []),
    ],
    ids=["overlap", "touching", "nested", "empty"],
)
def test_scorer_merge(spans: list[tuple[int, int]], merged: list[tuple[int, int]]) -> None:
    assert merge(spans) == merged


@pytest.mark.parametrize(
    ("pred", "gold", "p", "r"),
    [
        ({"a": [(0, 10)]}, {"a": [(0, 10)]}, 1.0, 1.0),
        ({"a": [(0, 5)]}, {"a": [(0, 10)]}, 1.0, 0.5),
        ({"a": [(0, 20)]}, {"a": [(0, 10)]}, 0.5, 1.0),
        # two predictions inside one gold span: each is fully correct, and together they cover 4 of 10 characters
        ({"a": [(0, 2), (4, 6)]}, {"a": [(0, 10)]}, 1.0, 0.4),
        # one prediction across two gold spans: P sums its overlaps, R averages over the two gold spans
        ({"a": [(0, 20)]}, {"a": [(0, 5), (15, 20)]}, 0.5, 1.0),
        # gold spans with different techniques overlap: merged into one before scoring
        ({"a": [(0, 15)]}, {"a": [(0, 10), (5, 15)]}, 1.0, 1.0),
        ({"a": [(0, 10)]}, {"a": [(0, 10)], "b": [(0, 4)]}, 1.0, 0.5),
        ({"a": [(0, 10)], "b": [(0, 10)]}, {"a": [(0, 10)]}, 0.5, 1.0),
        ({"a": [(10, 20)]}, {"a": [(0, 10)]}, 0.0, 0.0),
        ({}, {"a": [(0, 10)]}, 0.0, 0.0),
    ],
    ids=[
        "exact",
        "half-of-gold",
        "twice-gold",
        "two-in-one",
        "one-across-two",
        "gold-merged",
        "missed-article",
        "spurious-article",
        "touching-no-credit",
        "no-predictions",
    ],
)
def test_scorer_si(
    pred: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]], p: float, r: float
) -> None:
    s = si_score(pred, gold)
    assert s.precision == pytest.approx(p)
    assert s.recall == pytest.approx(r)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert s.f1 == pytest.approx(f1)


def test_scorer_si_counts_merged_spans() -> None:
    s = si_score({"a": [(0, 4), (2, 8), (10, 12)]}, {"a": [(0, 8), (20, 30)]})
    assert (s.predicted, s.gold) == (2, 2)
    assert s.precision == pytest.approx(0.5)  # (8/8 + 0) / 2
    assert s.recall == pytest.approx(0.5)  # (8/8 + 0) / 2


def test_scorer_tc_is_accuracy_with_one_label_per_span() -> None:
    gold = {("a", 0, 5): ["Doubt"], ("a", 6, 9): ["Slogans"], ("b", 0, 3): ["Repetition"]}
    pred = {("a", 0, 5): ["Doubt"], ("a", 6, 9): ["Doubt"], ("b", 0, 3): ["Repetition"]}
    s = tc_score(pred, gold)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.precision == s.recall == pytest.approx(2 / 3)
    assert s.per_technique == {"Doubt": (1, 1), "Slogans": (0, 1), "Repetition": (1, 1)}


@pytest.mark.parametrize(
    ("pred", "correct"),
    [(["Name_Calling,Labeling", "Loaded_Language"], 2), (["Loaded_Language", "Loaded_Language"], 1), ([], 0)],
    ids=["best-order", "one-match-per-gold-label", "none"],
)
def test_scorer_tc_matches_multi_label_spans_in_best_order(pred: list[str], correct: int) -> None:
    gold = {("a", 0, 5): ["Loaded_Language", "Name_Calling,Labeling"]}
    s = tc_score({("a", 0, 5): pred}, gold)
    assert s.correct == correct
    assert s.recall == pytest.approx(correct / 2)


def test_scorer_tc_predictions_off_gold_spans_are_never_correct() -> None:
    s = tc_score({("a", 0, 5): ["Doubt"], ("a", 9, 12): ["Doubt"]}, {("a", 0, 5): ["Doubt"]})
    assert (s.correct, s.predicted, s.gold) == (1, 2, 1)
    assert s.precision == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 / 3)
