"""Tests for the Store behaviour shared by SQLite and PostgreSQL (according.store._sql and the two backends)."""

from __future__ import annotations

import dataclasses

import pytest

from according.ingest.text import make_document
from according.store import Store
from according.types import Ledger, Skipped


def _ledger_with(base: Ledger, text: str, url: str | None) -> Ledger:
    """A ledger with no records over a new document (for version tests)."""
    doc = make_document(text, url=url, title=None)
    return dataclasses.replace(
        base, document=doc, sources=(), attributions=(), hedges=(), opinion_sentences=(), entities=()
    )


def test_store_round_trips_every_ledger(store: Store, ledgers: list[Ledger]) -> None:
    for ledger in ledgers:
        assert store.save(ledger) == ledger.document.id
    for ledger in ledgers:
        assert store.get_ledger(ledger.document.id).to_dict() == ledger.to_dict()
        assert store.get_document(ledger.document.id) == ledger.document


def test_store_save_is_idempotent(store: Store, ledgers: list[Ledger]) -> None:
    first = store.save_many(ledgers)
    counts = store.counts()
    again = store.save_many(ledgers)
    assert store.counts() == counts
    assert len(first.added) == len(ledgers)
    assert again.added == ()
    assert again.doc_ids == first.doc_ids
    assert counts["documents"] == len(ledgers)
    assert counts["attributions"] == sum(len(x.attributions) for x in ledgers)
    assert counts["source_mentions"] == sum(len(s.mentions) for x in ledgers for s in x.sources)


def test_store_duplicate_in_one_batch_is_saved_once(store: Store, ledgers: list[Ledger]) -> None:
    result = store.save_many([ledgers[0], ledgers[0]])
    assert result.added == (ledgers[0].document.id,)
    assert store.counts()["documents"] == 1


def test_store_has_and_missing(store: Store, ledgers: list[Ledger]) -> None:
    store.save(ledgers[0])
    assert store.has(ledgers[0].document.id)
    assert not store.has(ledgers[1].document.id)
    assert store.missing([ledgers[0].document.id, ledgers[1].document.id]) == {ledgers[1].document.id}


def test_store_get_unknown_raises_keyerror(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get_ledger("nope")
    with pytest.raises(KeyError):
        store.get_document("nope")


def test_store_changed_text_at_same_url_is_a_new_version(store: Store, ledgers: list[Ledger]) -> None:
    url = "https://example.org/story"
    v1 = _ledger_with(ledgers[0], "Officials said the bridge was closed.", url)
    v2 = _ledger_with(ledgers[0], "Officials said the bridge was closed on Monday.", url)
    store.save(v1)
    store.save(v2)
    store.save(v1)  # the same text again is the same version, not a third
    assert store.versions(url) == [v1.document.id, v2.document.id]
    latest = [d.id for d in store.iter_documents(url=url, latest_only=True)]
    assert latest == [v2.document.id]
    assert [d.id for d in store.iter_documents(url=url)] == [v1.document.id, v2.document.id]


def test_store_iter_documents_filters(store: Store, ledgers: list[Ledger]) -> None:
    store.save_many(ledgers)
    assert [d.id for d in store.iter_documents()] == [x.document.id for x in ledgers]
    assert list(store.iter_doc_ids()) == [x.document.id for x in ledgers]
    wikinews = [d for d in store.iter_documents(outlet="Wikinews")]
    assert wikinews and all(d.outlet == "Wikinews" for d in wikinews)
    recent = list(store.iter_documents(since="2019-01-01"))
    assert recent and all(d.published and d.published.year >= 2019 for d in recent)


def test_store_search_documents(store: Store, ledgers: list[Ledger]) -> None:
    store.save_many(ledgers)
    hits = store.search("ballistic missiles Iraq", limit=5)
    assert hits[0].title == "Report: Iran Arming Shiite Proxies in Iraq with Ballistic Missiles"
    assert "[" in hits[0].snippet
    assert store.search("ballistic missiles Iraq", limit=5, offset=1)[:1] == hits[1:2]
    assert store.search("zzzunknownword") == []
    # query syntax is taken as words (all of which must match), never an error
    assert store.search('missiles" OR zzzunknownword*') == []
    assert store.search('"missiles* (Iraq') == store.search("missiles Iraq")


def test_store_search_attributions(store: Store, ledgers: list[Ledger]) -> None:
    store.save_many(ledgers)
    hits = store.search("missile", scope="attributions", limit=50)
    assert hits and all(h.attribution_id for h in hits)
    by_id = {x.document.id: x for x in ledgers}
    for h in hits:
        att = next(a for a in by_id[h.doc_id].attributions if a.id == h.attribution_id)
        assert "missile" in att.content.text.lower()


def test_store_errors_are_recorded_once(store: Store, ledgers: list[Ledger]) -> None:
    store.record_error("a.jsonl:3", "truncated", "cut")
    store.record_error("a.jsonl:3", "truncated", "cut")
    store.save_many([ledgers[0]], errors=[Skipped("b.html", "no_article_body", "none")])
    store.save_many([], errors=[Skipped("b.html", "no_article_body", "none")])
    errors = list(store.iter_errors())
    assert [(e.source, e.reason) for e in errors] == [("a.jsonl:3", "truncated"), ("b.html", "no_article_body")]
    assert [e.source for e in store.iter_errors(reason="truncated")] == ["a.jsonl:3"]


def test_store_runs_record_progress(store: Store) -> None:
    run = store.start_run(["corpus/"], total=10)
    store.update_run(run, seen=4, saved=3, already_stored=0, errors=1, last_source="x")
    store.update_run(run, seen=10, saved=8, already_stored=1, errors=1, last_source="y", status="done")
    (row,) = list(store.iter_runs())
    assert row["status"] == "done" and row["seen"] == 10 and row["inputs"] == ["corpus/"] and row["finished_at"]
