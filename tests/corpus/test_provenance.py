"""Tests for according.corpus.provenance and build: independent origins, explained merges, stored traces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from according.corpus.build import build
from according.corpus.claims import ranked_claims, trace
from according.store import Store, schema
from according.store._sql import SQLStore
from according.types import Ledger

T0 = datetime(2018, 8, 31, 9, 0, tzinfo=UTC)
CLAIM = "Iran has given ballistic missiles to Shiite militias in Iraq"
OFFICIALS = ("three Iranian officials", "anonymous_group", True, 3, "Iranian")
WIRE = (
    "Iran arms Iraqi allies\n\n"
    f"{CLAIM}, three Iranian officials said, and is helping them build more. The missiles have a range of "
    "about 200 to 700 km, putting Riyadh and Tel Aviv within striking distance if the weapons were moved "
    "to the southern edge of Iraq. The logic was to have a backup plan if Iran was attacked, one of the "
    "officials said. Iraqi intelligence believed the transfers began about a year and a half ago, and "
    "that a number of factories were being used to make the missiles in al-Zafaraniya, east of Baghdad."
)
REPRINT = WIRE.replace("Iran arms Iraqi allies", "EXCLUSIVE: Iran arms its allies in Iraq") + (
    "\n\nThis story was republished from a wire service."
)
OWN = (
    "Militia commander confirms missile deliveries\n\n"
    "A commander of a Shiite militia near Basra told our correspondent that "
    "Iran gave ballistic missiles to Shiite militias in Iraq last spring. He showed launchers parked in a "
    "walled compound and said crews had trained in Iran for six weeks before the handover."
)


def _stored(store: Store, *ledgers: Ledger) -> SQLStore:
    store.save_many(ledgers)
    report = build(store)
    assert not report.skipped
    assert isinstance(store, SQLStore)
    return store


def test_provenance_syndicated_copies_count_once(kit: Any, store: Store) -> None:
    original = kit.ledger(WIRE, [kit.Claim(CLAIM, kit.Src(*OFFICIALS))], outlet="Reuters", published=T0)
    copy = kit.ledger(
        REPRINT, [kit.Claim(CLAIM, kit.Src(*OFFICIALS))], outlet="Daily Post", published=T0 + timedelta(hours=3)
    )
    own = kit.ledger(
        OWN,
        [
            kit.Claim(
                "Iran gave ballistic missiles to Shiite militias in Iraq",
                kit.Src("A commander", "anonymous_person", True, 1),
            )
        ],
        outlet="Gazette",
        published=T0 + timedelta(days=1),
    )
    _stored(store, copy, own, original)  # ingested out of order: the original is found by date, not by order

    (claim,) = ranked_claims(store)
    assert (claim.documents, claim.size, claim.independent_origins) == (3, 3, 2)
    assert claim.earliest_doc_id == original.document.id and claim.earliest_outlet == "Reuters"

    tr = trace(store, claim.id)
    first, second = tr.origins
    assert [m.doc_id for m in first.members] == [original.document.id, copy.document.id]
    assert any(r.startswith("article:g") for r in first.reasons)  # tied as syndicated copies
    assert [m.doc_id for m in second.members] == [own.document.id]
    reprint = next(m for m in first.members if m.doc_id == copy.document.id)
    assert reprint.syndicated_from == original.document.id and reprint.syndication_score is not None
    # every merge is explained: which member it matched, by which rule, with what score, on which words
    merged = [m for o in tr.origins for m in o.members if m.matched is not None]
    assert len(merged) == 2
    for m in merged:
        assert m.reason in ("identical", "jaccard", "containment", "jaccard+source")
        assert m.score is not None and 0 < m.score <= 1
        assert m.shared and "missil" in m.shared.split()


@pytest.mark.parametrize(
    ("second_source", "independent"),
    [
        (("two senior U.S. officials", "anonymous_group", True, 2, "U.S."), 2),
        (("three senior U.S. officials", "anonymous_group", True, 3, "U.S."), 3),
    ],
    ids=["same-anonymous-group", "different-count"],
)
def test_provenance_same_anonymous_group_counts_once(
    kit: Any, store: Store, second_source: tuple[Any, ...], independent: int
) -> None:
    group = kit.Src("two senior U.S. officials", "anonymous_group", True, 2, "U.S.")
    claim = "the administration will send 3,000 more troops to Afghanistan this summer"
    a = kit.ledger(
        f"Troop increase planned\n\nWASHINGTON - {claim}, two senior U.S. officials said on Monday.",
        [kit.Claim(claim, group)],
        outlet="Herald",
        published=T0,
    )
    b = kit.ledger(
        f"Pentagon weighs surge\n\nThe White House has decided that {claim}, according to two senior U.S. "
        "officials, although no order has been signed.",
        [kit.Claim(claim, kit.Src(*second_source))],
        outlet="Tribune",
        published=T0 + timedelta(hours=5),
    )
    c = kit.ledger(
        f"Senator confirms plan\n\nSenator Jane Roe confirmed that {claim}.",
        [kit.Claim(claim, kit.Src("Jane Roe"))],
        outlet="Ledger",
        published=T0 + timedelta(hours=8),
    )
    _stored(store, a, b, c)
    (summary,) = ranked_claims(store)
    assert summary.documents == 3
    assert summary.independent_origins == independent
    if independent == 2:
        assert "anonymous:two senior u.s. officials|u.s.|2" in trace(store, summary.id).origins[0].reasons


def test_provenance_same_upstream_report_counts_once(kit: Any, store: Store) -> None:
    claim = "the central bank will raise interest rates by half a point in March"
    reuters = kit.Src("Reuters", "media_outlet")
    insiders = kit.Src("people familiar with the matter", "anonymous_group", True, None, None)
    ledgers = [
        kit.ledger(
            f"{title}\n\nReuters reported that {claim}, citing people familiar with the matter.",
            [kit.Claim("Reuters reported", reuters), kit.Claim(claim, insiders, parent=0)],
            outlet=outlet,
            published=T0 + timedelta(hours=k),
        )
        for k, (title, outlet) in enumerate([("Rates to rise", "Post"), ("Bank to act", "Courier")])
    ]
    _stored(store, *ledgers)
    (summary,) = ranked_claims(store)
    assert (summary.documents, summary.independent_origins) == (2, 1)
    tr = trace(store, summary.id)
    assert "report:reuters" in tr.origins[0].reasons
    links = tr.origins[0].members[0].links
    assert [link.source.name if link.source else None for link in links] == ["Reuters", insiders.name]


def test_provenance_build_is_idempotent(kit: Any, store: Store) -> None:
    own = kit.ledger(OWN, [kit.Claim("Iran gave ballistic missiles to Shiite militias in Iraq")], outlet="Gazette")
    wire = kit.ledger(WIRE, [kit.Claim(CLAIM, kit.Src(*OFFICIALS))], outlet="Reuters", published=T0)
    s = _stored(store, wire, own)

    def rows() -> dict[str, list[tuple[object, ...]]]:
        with s.engine.connect() as conn:
            return {
                table.name: sorted(
                    tuple(v for k, v in r._mapping.items() if k != "pk") for r in conn.execute(sa.select(table))
                )
                for table in schema.PROVENANCE_TABLES
                if table is not schema.provenance_builds
            }

    before = rows()
    assert build(store).skipped
    assert not build(store, force=True).skipped
    assert rows() == before
    assert before["claim_clusters"] and before["cluster_members"]


def test_provenance_trace_unknown_claim_raises(kit: Any, store: Store) -> None:
    with pytest.raises(KeyError):
        trace(store, "c-nope")
