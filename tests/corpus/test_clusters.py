"""Tests for according.corpus.clusters: the same claim across articles, and why each merge was made."""

from __future__ import annotations

import pytest

from according.corpus._text import words
from according.corpus.clusters import ClaimRecord, claim_clusters, match

CLAIM = "Iran has moved short-range ballistic missiles into Iraq and placed them in the hands of Shiite militias"


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        (CLAIM + ".", "identical"),
        (
            "Tehran moved short-range ballistic rockets into Iraq, handing them to Shiite militias",
            "jaccard",
        ),
        ("short-range ballistic missiles into Iraq", "containment"),
    ],
    ids=["punctuation", "paraphrase", "trimmed-quote"],
)
def test_clusters_merge_paraphrase_and_trimmed_quotes(other: str, reason: str) -> None:
    records = [ClaimRecord("d1", "a1", CLAIM), ClaimRecord("d2", "a3", other)]
    (cluster,) = claim_clusters(records)
    first, second = cluster.members
    assert first.reason == "first" and first.matched_doc_id is None
    assert second.reason == reason
    assert (second.matched_doc_id, second.matched_attribution_id) == ("d1", "a1")
    assert second.score is not None and second.score > 0.5
    assert set(second.shared) <= set(words(CLAIM)) and second.shared


def test_clusters_leave_different_claims_apart() -> None:
    records = [
        ClaimRecord("d1", "a1", CLAIM),
        ClaimRecord("d2", "a1", "The ministry said the missiles were never moved and no militia holds them"),
        ClaimRecord("d3", "a1", "Turnout in the Iowa caucuses was the highest since 2008"),
    ]
    assert claim_clusters(records) == []


def test_clusters_never_merge_two_attributions_of_one_article_directly() -> None:
    records = [ClaimRecord("d1", "a1", CLAIM), ClaimRecord("d1", "a2", CLAIM + " last year")]
    assert claim_clusters(records) == []


def test_clusters_same_named_source_lowers_the_bar() -> None:
    a = "the deal will cut tariffs on steel and aluminum imports by half"
    b = "steel and aluminum tariffs will fall sharply once imports resume"
    assert match(frozenset(words(a)), frozenset(words(b)), same_source=False) is None
    m = match(frozenset(words(a)), frozenset(words(b)), same_source=True)
    assert m is not None and m.reason == "jaccard+source"


def test_clusters_ids_are_stable_and_order_follows_input() -> None:
    records = [ClaimRecord(f"d{i}", "a1", CLAIM) for i in range(5)]
    one, two = claim_clusters(records), claim_clusters(records)
    assert [c.id for c in one] == [c.id for c in two]
    assert [m.doc_id for m in one[0].members] == [f"d{i}" for i in range(5)]
