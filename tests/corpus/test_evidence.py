"""Cluster evidence grades (docs/evidence.md, "Across the corpus") over stored clusters and their provenance."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from according.corpus.build import build
from according.corpus.claims import ranked_claims, trace
from according.corpus.evidence import ClusterEvidence, cluster_evidence, ledger_evidence, stored_cluster_evidence
from according.corpus.provenance import Origin, Provenance
from according.store import Store
from according.types import GRADE_LABELS, Evidence, Ledger, TextSpan

T0 = datetime(2018, 8, 31, 9, 0, tzinfo=UTC)
CLAIM = "the administration will send 3,000 more troops to Afghanistan this summer"
GROUP = ("two senior U.S. officials", "anonymous_group", True, 2, "U.S.")


def _three(kit: Any, second: tuple[Any, ...], third: tuple[Any, ...] | None) -> list[Ledger]:
    """Two outlets citing a source each, and optionally a third outlet with its own source."""
    texts = [
        (f"Troop increase planned\n\nWASHINGTON - {CLAIM}, two senior U.S. officials said on Monday.", GROUP, "Herald"),
        (f"Pentagon weighs surge\n\nThe White House decided that {CLAIM}, {second[0]} said.", second, "Tribune"),
    ]
    if third is not None:
        texts.append((f"Senator confirms plan\n\n{third[0]} confirmed that {CLAIM}.", third, "Ledger"))
    return [
        kit.ledger(text, [kit.Claim(CLAIM, kit.Src(*src))], outlet=outlet, published=T0 + timedelta(hours=k))
        for k, (text, src, outlet) in enumerate(texts)
    ]


def _one_cluster(store: Store, ledgers: list[Ledger]) -> ClusterEvidence:
    store.save_many(ledgers)
    build(store)
    (summary,) = ranked_claims(store)
    assert summary.evidence is not None
    return summary.evidence


def test_evidence_cluster_one_origin_takes_the_best_members_grade(kit: Any, store: Store) -> None:
    ev = _one_cluster(store, _three(kit, GROUP, None))  # the same anonymous group twice: one origin
    assert ev.independent_origins == 1 and ev.members == 2
    assert ev.grade == 3  # one anonymous group speaking first-hand, in each article
    assert ev.reasons[0].startswith("1 independent origin (2 articles")
    assert "1 anonymous source: two senior U.S. officials (2 people)" in ev.reasons


def test_evidence_cluster_two_origins_with_a_named_first_hand_source_is_1(kit: Any, store: Store) -> None:
    ev = _one_cluster(store, _three(kit, GROUP, ("Senator Jane Roe",)))
    assert (ev.independent_origins, ev.named_origins, ev.anonymous_origins, ev.first_hand) == (2, 1, 1, True)
    assert (ev.grade, ev.label) == (1, GRADE_LABELS[1])
    assert ev.reasons[:3] == (
        "2 independent origins across 3 articles",
        "1 of 2 origins name their source",
        "a named source speaks first-hand in Ledger",
    )


def test_evidence_cluster_anonymous_origins_only_is_2(kit: Any, store: Store) -> None:
    other = ("three European diplomats", "anonymous_group", True, 3, "European")
    ev = _one_cluster(store, _three(kit, other, None))
    assert (ev.independent_origins, ev.named_origins, ev.first_hand) == (2, 0, False)
    assert ev.grade == 2 and "all origins anonymous or unnamed" in ev.reasons


def test_evidence_cluster_hedged_everywhere_is_lowered(kit: Any, store: Store) -> None:
    ledgers = [
        kit.ledger(
            f"{title}\n\n{CLAIM}, {who} said, though the plan was allegedly not final.",
            [kit.Claim(CLAIM, kit.Src(who), certainty="hedged")],
            outlet=outlet,
            published=T0 + timedelta(hours=k),
            hedges=["allegedly"],
        )
        for k, (title, who, outlet) in enumerate(
            [("Surge", "Senator Jane Roe", "Herald"), ("Plan", "John Doe", "Post")]
        )
    ]
    ev = _one_cluster(store, ledgers)
    assert ev.independent_origins == 2 and ev.hedged == 2
    assert ev.grade == 2 and "hedged or distanced in every article" in ev.reasons


def test_evidence_cluster_of_unsourced_members_cannot_be_judged(kit: Any, store: Store) -> None:
    ledgers = [
        kit.ledger(f"{title}\n\nIt is said that {CLAIM}.", [kit.Claim(CLAIM)], outlet=outlet, published=T0)
        for title, outlet in [("Surge", "Herald"), ("Plan", "Post")]
    ]
    ev = _one_cluster(store, ledgers)
    assert ev.grade == 6 and ev.independent_origins == 0
    assert ev.reasons[0] == "no article names a source for it"


def test_evidence_cluster_prefers_stored_member_evidence(kit: Any) -> None:
    (ledger,) = _three(kit, GROUP, None)[:1]
    computed = ledger_evidence(ledger)["a1"]
    assert computed.grade == 3
    stored = replace(computed, grade=2, reasons=("stored by a later version",))
    with_evidence = replace(ledger, evidence=(stored,))
    prov = Provenance((Origin((0,), ()),), 0, (0,))
    doc = ledger.document.id
    assert cluster_evidence([(doc, "a1")], {doc: ledger}, prov).grade == 3
    ev = cluster_evidence([(doc, "a1")], {doc: with_evidence}, prov)
    assert ev.grade == 2 and "stored by a later version" in ev.reasons


def test_evidence_cluster_contradicted_single_origin_is_5(kit: Any) -> None:
    text = "Bribes\n\nAn official said that the minister took bribes. Minister Jan Novak denied that he took bribes."
    ledger = kit.ledger(
        text,
        [
            kit.Claim("the minister took bribes", kit.Src("official", "anonymous_person", True, 1)),
            kit.Claim("he took bribes", kit.Src("Jan Novak")),
        ],
    )
    ledger = replace(ledger, attributions=(ledger.attributions[0], replace(ledger.attributions[1], stance="denial")))
    doc = ledger.document.id
    assert ledger_evidence(ledger)["a1"].grade == 5
    ev = cluster_evidence([(doc, "a1")], {doc: ledger}, Provenance((Origin((0,), ()),), 0, (0,)))
    assert ev.grade == 5 and ev.denied == 1 and ev.reasons[1] == f"contradicted on record in {doc[:12]}"


def test_evidence_cluster_on_the_provenance_corpus(prov_store: Store) -> None:
    claims = ranked_claims(prov_store, limit=500)
    assert claims and all(c.evidence is not None for c in claims)
    by_origins = {c.independent_origins for c in claims}
    assert by_origins >= {1, 2}
    for c in claims:
        ev = c.evidence
        assert ev is not None and ev.reasons and ev.label == GRADE_LABELS[ev.grade]
        assert ev.independent_origins <= c.independent_origins
    # the missile claim: the commentary (and its syndicated copy) relays Reuters, the Daily Planet quotes a named
    # Pentagon spokesman first-hand; Iran's denial is on record in the commentary, so it is not "confirmed"
    missile = next(c for c in claims if c.independent_origins == 2 and "Pentagon" not in c.label and c.documents == 3)
    assert missile.evidence is not None
    assert missile.evidence.first_hand and missile.evidence.denied >= 1
    assert missile.evidence.grade == 2
    assert "a named source speaks first-hand in Daily Planet" in missile.evidence.reasons
    # syndicated copies count once: a claim only the commentary and its copy carry has one origin
    single = [c for c in claims if c.independent_origins == 1 and c.evidence and c.evidence.independent_origins]
    assert single and all(c.evidence is not None and c.evidence.independent_origins == 1 for c in single)
    # the trace carries the cluster grade and each member's grade in its own article
    tr = trace(prov_store, missile.id)
    assert tr.summary.evidence == missile.evidence
    members = [m for o in tr.origins for m in o.members]
    assert all(isinstance(m.evidence, Evidence) for m in members)


def test_evidence_stored_cluster_evidence_of_nothing(prov_store: Store) -> None:
    assert stored_cluster_evidence(prov_store, []) == {}
    assert "c-missing" not in stored_cluster_evidence(prov_store, ["c-missing"])


@pytest.mark.parametrize("grade", [0, 7])
def test_evidence_cluster_grade_is_validated(grade: int) -> None:
    with pytest.raises(ValueError, match="not in 1-6"):
        ClusterEvidence(grade, (), 0, 0, 0, 0, False, 0, 0)
    with pytest.raises(ValueError, match="not in 1-6"):
        Evidence("a1", TextSpan(0, 0, ""), grade, (), 0, 0, 0, None, 0, False, False, False)
