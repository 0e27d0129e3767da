"""Scoring rules (data/gold/README.md) on hand-made gold and hand-built ledgers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from according.eval.gold import GoldAttribution, GoldDoc
from according.eval.scorer import (
    PRF,
    Accuracy,
    Predicted,
    Scores,
    match,
    overlap_f1,
    predictions,
    score_document,
    score_predictions,
    total,
)
from according.types import Attribution, Document, Hedge, Ledger, Source, TextSpan

TEXT = (
    "The minister said the bridge will open in May. "
    "According to the report, costs have doubled. "
    "Two engineers told reporters the delay may last a year, which is definitely bad."
)


def _at(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


def _ts(s: str) -> TextSpan:
    return TextSpan.of(TEXT, *_at(s))


def _gold(s: str, source: str | None, cue: str, **kw: object) -> GoldAttribution:
    return GoldAttribution(
        content=(_at(s),),
        source=(_at(source),) if source else None,
        cue=(_at(cue),),
        **kw,  # type: ignore[arg-type]
    )


def _attr(aid: str, content: str, source: str | None, cue: str, source_id: str | None, **kw: object) -> Attribution:
    fields: dict[str, object] = {
        "kind": "indirect",
        "stance": "neutral",
        "certainty": "asserted",
        "parent": None,
        "confidence": 0.9,
        **kw,
    }
    return Attribution(
        id=aid,
        content=_ts(content),
        cue=_ts(cue),
        source_mention=_ts(source) if source else None,
        source_id=source_id,
        **fields,  # type: ignore[arg-type]
    )


MINISTER = Source("s1", "named_person", "minister", False, 1, None, None, None, (_ts("The minister"),))
REPORT = Source("s2", "document", "the report", False, 1, None, None, None, (_ts("the report"),))
ENGINEERS = Source("s3", "anonymous_group", "engineers", True, 2, "Two", None, None, (_ts("Two engineers"),))


def _ledger(*attributions: Attribution, hedges: tuple[Hedge, ...] = ()) -> Ledger:
    return Ledger(
        document=Document(id="d1", text=TEXT, sha256="0"),
        sources=(MINISTER, REPORT, ENGINEERS),
        attributions=attributions,
        hedges=hedges,
        opinion_sentences=(),
        entities=(),
        profile={},
    )


GOLD = GoldDoc(
    id="d1",
    text=TEXT,
    attributions=(
        _gold(
            "the bridge will open in May",
            "The minister",
            "said",
            kind="indirect",
            source_type="named_person",
            anonymous=False,
            count=1,
        ),
        _gold(
            "costs have doubled",
            "the report",
            "According to",
            kind="according_to",
            source_type="document",
            anonymous=False,
            count=1,
        ),
        _gold(
            "the delay may last a year",
            "Two engineers",
            "told",
            kind="indirect",
            source_type="anonymous_group",
            anonymous=True,
            count=2,
        ),
    ),
    hedges=[_at("may")],
    detailed=True,
)

PERFECT = (
    _attr("a1", "the bridge will open in May", "The minister", "said", "s1"),
    _attr("a2", "costs have doubled", "the report", "According to", "s2", kind="according_to"),
    _attr("a3", "the delay may last a year", "Two engineers", "told", "s3"),
)


def test_scorer_exact_match_scores_one() -> None:
    s = score_document(GOLD, _ledger(*PERFECT)).scores
    assert s.content == PRF(3, 3, 3)
    assert s.end_to_end == PRF(3, 3, 3)
    for acc in (s.cue, s.source, s.kind, s.source_type, s.anonymous, s.count, s.parent):
        assert acc == Accuracy(3, 3)
    assert (s.content.precision, s.content.recall, s.content.f1) == (1.0, 1.0, 1.0)


def test_scorer_overlap_f1_on_character_sets() -> None:
    assert overlap_f1(((0, 10),), ((0, 10),)) == 1.0
    assert overlap_f1(((0, 10),), ((5, 15),)) == 0.5
    assert overlap_f1(((0, 10),), ((10, 20),)) == 0.0
    # discontinuous parts count as their union: 10 of 10 shared chars, against 10 + 20
    assert overlap_f1(((0, 5), (10, 15)), ((0, 20),)) == pytest.approx(20 / 30)
    assert overlap_f1((), ()) == 0.0


@pytest.mark.parametrize(
    ("predicted", "matched"),
    [((0, 34), True), ((0, 33), False), ((50, 150), True), ((51, 151), False)],
    ids=["34-of-100-above", "33-of-100-below", "half-shift-exactly-0.5", "just-under-0.5"],
)
def test_scorer_match_threshold_half(predicted: tuple[int, int], matched: bool) -> None:
    # 2*34/134 = 0.507, 2*33/133 = 0.496, 2*50/200 = 0.5 (matches: the threshold is inclusive), 2*49/200 = 0.49
    assert bool(match([((0, 100),)], [(predicted,)])) is matched


def test_scorer_match_is_one_to_one_greedy() -> None:
    gold = [((0, 100),), ((100, 200),)]
    # p0 overlaps g0 best; p1 also overlaps g0 (0.9) but g0 is taken, so p1 goes unmatched;
    # p2 prefers g1
    predicted = [((0, 100),), ((0, 90),), ((100, 190),)]
    assert match(gold, predicted) == [(0, 0), (1, 2)]
    doc = GoldDoc("x", "x" * 200, tuple(GoldAttribution(content=g, source=None, cue=None) for g in gold))
    preds = [
        Predicted(f"p{i}", c, None, None, "other", "unspecified", True, None, None) for i, c in enumerate(predicted)
    ]
    r = score_predictions(doc, preds)
    assert r.scores.content == PRF(2, 3, 2)
    assert r.spurious == (1,)
    assert r.missed == ()


def test_scorer_two_predictions_on_one_gold_take_the_better() -> None:
    doc = GoldDoc("x", "x" * 100, (GoldAttribution(content=((0, 100),), source=None, cue=None),))
    preds = [
        Predicted("worse", ((0, 60),), None, None, "other", "unspecified", True, None, None),
        Predicted("better", ((0, 95),), None, None, "other", "unspecified", True, None, None),
    ]
    r = score_predictions(doc, preds)
    assert r.pairs == ((0, 1),)
    assert r.scores.content == PRF(1, 2, 1)


def test_scorer_borderline_not_found_leaves_recall_found_counts() -> None:
    border = GoldAttribution(
        content=(_at("costs have doubled"),), source=(_at("the report"),), cue=None, borderline=True
    )
    gold = GoldDoc("d1", TEXT, (GOLD.attributions[0], border), hedges=None)
    not_found = score_document(gold, _ledger(PERFECT[0])).scores
    assert not_found.content == PRF(1, 1, 1)  # the borderline gold is out of the denominator
    assert score_document(gold, _ledger(PERFECT[0])).missed == ()
    found = score_document(gold, _ledger(PERFECT[0], PERFECT[1])).scores
    assert found.content == PRF(2, 2, 2)


def test_scorer_end_to_end_needs_the_source() -> None:
    wrong_source = _attr("a1", "the bridge will open in May", "the report", "said", "s2")
    no_source = _attr("a2", "costs have doubled", None, "According to", None, kind="according_to")
    s = score_document(GOLD, _ledger(wrong_source, no_source, PERFECT[2])).scores
    assert s.content == PRF(3, 3, 3)
    assert s.end_to_end == PRF(1, 3, 3)
    assert s.source == Accuracy(1, 3)
    # no source record: scored as "unspecified", anonymous, no count
    assert s.source_type == Accuracy(1, 3)
    assert s.anonymous == Accuracy(2, 3)  # the report is not anonymous either; no record is


def test_scorer_end_to_end_both_without_source_is_right() -> None:
    gold = GoldDoc("d1", TEXT, (_gold("costs have doubled", None, "According to"),))
    s = score_document(gold, _ledger(_attr("a", "costs have doubled", None, "According to", None))).scores
    assert s.end_to_end == PRF(1, 1, 1)
    assert s.kind == Accuracy()  # gold without kind: not scored
    assert s.count == Accuracy() and s.parent == Accuracy()  # not a detailed gold


def test_scorer_cue_kind_and_count() -> None:
    wrong = _attr("a3", "the delay may last a year", "Two engineers", "reporters", "s1", kind="direct")
    s = score_document(GOLD, _ledger(PERFECT[0], PERFECT[1], wrong)).scores
    assert s.cue == Accuracy(2, 3)
    assert s.kind == Accuracy(2, 3)
    assert s.source_type == Accuracy(2, 3)
    assert s.anonymous == Accuracy(2, 3)
    assert s.count == Accuracy(2, 3)  # the minister's record says 1, the gold says two engineers
    assert s.end_to_end == PRF(3, 3, 3)  # the mention overlaps; the record's details are scored apart


PARENT_GOLD = GoldDoc(
    "d1",
    TEXT,
    (
        _gold("costs have doubled", "the report", "According to"),
        _gold("the delay may last a year", "Two engineers", "told", parent=0),
    ),
    detailed=True,
)


@pytest.mark.parametrize(
    ("child_parent", "expected"),
    [("r", Accuracy(2, 2)), (None, Accuracy(1, 2)), ("stray", Accuracy(1, 2)), ("missing-id", Accuracy(1, 2))],
    ids=["right-parent", "no-parent", "unmatched-parent", "unknown-id"],
)
def test_scorer_parent_accuracy(child_parent: str | None, expected: Accuracy) -> None:
    report = _attr("r", "costs have doubled", "the report", "According to", "s2")
    stray = _attr("stray", "The minister said", None, "said", None)
    child = _attr("c", "the delay may last a year", "Two engineers", "told", "s3", parent=child_parent)
    assert score_document(PARENT_GOLD, _ledger(report, stray, child)).scores.parent == expected


def test_scorer_hedges_count_hedge_kind_only() -> None:
    hedges = (
        Hedge("h1", _ts("may"), "hedge"),
        Hedge("h2", _ts("definitely"), "booster"),  # boosters are not in the gold: ignored, not spurious
        Hedge("h3", _ts("According"), "hedge"),
    )
    s = score_document(GOLD, _ledger(*PERFECT, hedges=hedges)).scores
    assert s.hedges == PRF(1, 2, 1)
    assert s.hedge_documents == 1
    assert score_document(GoldDoc("d1", TEXT, ()), _ledger(hedges=hedges)).scores.hedges == PRF()


def test_scorer_micro_average_sums_counts() -> None:
    a = score_document(GOLD, _ledger(*PERFECT))
    b = score_document(GOLD, _ledger(PERFECT[0]))
    s = total([a, b])
    assert s.documents == 2
    assert s.content == PRF(4, 4, 6)
    assert s.content.recall == pytest.approx(4 / 6)
    d = s.to_dict()
    assert d["content"]["tp"] == 4 and d["hedges"]["gold"] == 2
    assert Scores().to_dict()["hedges"] is None
    assert Scores().to_dict()["kind"]["accuracy"] is None


def test_scorer_predictions_use_content_parts() -> None:
    a = _attr("a", "the bridge will open in May", "The minister", "said", "s1")
    split = replace(a, content_parts=(_ts("the bridge"), _ts("in May")))
    (p,) = predictions(_ledger(split))
    assert p.content == (_at("the bridge"), _at("in May"))
    assert (p.source_type, p.anonymous, p.count) == ("named_person", False, 1)


def test_scorer_rejects_a_ledger_of_another_text() -> None:
    other = Ledger(Document("d2", "Other text.", "0"), (), (), (), (), (), {})
    with pytest.raises(ValueError, match="differs"):
        score_document(GOLD, other)


def test_scorer_opinion_sentences_match_by_overlap() -> None:
    text = "First sentence is plain. Naturally, this one judges. Third one judges too."
    gold = GoldDoc("o", text, (), opinion=[(25, 51), (52, 74)])
    result = score_predictions(gold, [], (), [(25, 51), (0, 24)])
    assert (result.scores.opinion.tp, result.scores.opinion.predicted, result.scores.opinion.gold) == (1, 2, 2)
    assert result.scores.opinion_documents == 1
    no_gold = score_predictions(GoldDoc("p", text, ()), [], (), [(0, 24)])
    assert no_gold.scores.to_dict()["opinion"] is None
