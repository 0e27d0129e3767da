"""Tests for according.corpus.revisions: what changed in a ledger between two stored versions of one URL."""

from __future__ import annotations

from typing import Any

from according.corpus.revisions import diff_ledgers, url_revisions
from according.store import Store

URL = "https://news.example/2019/01/04/collapse"
V1 = (
    "Building collapses in Magnitogorsk\n\n"
    "The blast was reportedly caused by a gas leak, three officials said. "
    "Rescuers pulled a baby from the rubble, the ministry said."
)
V2 = (
    "Building collapses in Magnitogorsk\n\n"
    "The blast was caused by a gas leak, four officials said. "
    "Rescuers pulled a baby from the rubble, the ministry said. "
    "Investigators found traces of explosives, according to Znak.com."
)


def test_revisions_diff_reports_hedge_source_and_count_changes(kit: Any, store: Store) -> None:
    ministry = kit.Src("the ministry", "named_organization")
    old = kit.ledger(
        V1,
        [
            kit.Claim(
                "The blast was reportedly caused by a gas leak", kit.Src("officials", "anonymous_group", True, 3)
            ),
            kit.Claim("Rescuers pulled a baby from the rubble", ministry),
        ],
        url=URL,
        hedges=["reportedly"],
    )
    new = kit.ledger(
        V2,
        [
            kit.Claim("The blast was caused by a gas leak", kit.Src("officials", "anonymous_group", True, 4)),
            kit.Claim("Rescuers pulled a baby from the rubble", ministry),
            kit.Claim("Investigators found traces of explosives", kit.Src("Znak.com", "media_outlet")),
        ],
        url=URL,
    )
    store.save(old)
    store.save(new)
    assert store.versions(URL) == [old.document.id, new.document.id]  # a new version, not a duplicate
    (diff,) = url_revisions(store, URL)
    assert diff == diff_ledgers(old, new)
    assert (diff.old_doc_id, diff.new_doc_id) == (old.document.id, new.document.id)
    details = {(c.kind, c.detail) for c in diff.changes}
    assert ("hedge_dropped", "“reportedly”") in details
    assert ("count_changed", "officials: 3 -> 4") in details
    assert ("source_added", "Znak.com (media_outlet)") in details
    assert ("attribution_added", "“Investigators found traces of explosives”") in details
    assert diff.kinds()["content_changed"] == 1  # the hedged claim, paired with its unhedged revision
    assert "source_removed" not in diff.kinds() and "attribution_removed" not in diff.kinds()


def test_revisions_single_version_has_no_diff(kit: Any, store: Store) -> None:
    store.save(kit.ledger(V1, [], url=URL))
    assert url_revisions(store, URL) == []
