"""Tests for according.corpus.facts and the corpus-entity step of according.corpus.build.

A small corpus of real analysed articles whose entities, frames and evidence are set by hand (so the query
layer is tested whatever the extractors find), and the provenance test corpus run through the real stages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from spacy.language import Language

from according.analysis import analyze
from according.corpus.build import build, build_entities
from according.corpus.facts import entity_graph, entity_page, facts, list_entities
from according.store import Store, open_store, schema
from according.store._sql import SQLStore
from according.types import (
    Argument,
    Entity,
    EntityMention,
    EntityMerge,
    Evidence,
    Frame,
    Ledger,
    TextSpan,
    TimeExpression,
)

POST = "Iran moved missiles to Iraq in August 2018. Tehran denied it."
COURIER = "The Quds Force shipped rockets to Iraq, officials said."
URL = "https://courier.example/quds"


def _at(text: str, needle: str) -> TextSpan:
    i = text.index(needle)
    return TextSpan.of(text, i, i + len(needle))


def _evidence(text: str, claim_id: str, claim: str, grade: int) -> Evidence:
    return Evidence(
        claim_id, _at(text, claim), grade, (f"grade {grade} by hand",), 1, 0, 1, None, 1, False, False, False
    )


@pytest.fixture(scope="module")
def hand_ledgers(nlp_sm: Language) -> list[Ledger]:
    """Three ledgers (two versions of the Courier story) with hand-made entities, frames and evidence."""
    post = analyze(POST, outlet="Post", published=datetime(2018, 9, 1, tzinfo=UTC), nlp=nlp_sm)
    t = post.text
    post = dataclasses.replace(
        post,
        entities=(
            Entity(
                "e1",
                "Iran",
                "country",
                "country:IR",
                (EntityMention(_at(t, "Iran"), "GPE", "ner"), EntityMention(_at(t, "Tehran"), "GPE", "alias")),
                ("Tehran",),
                (EntityMerge("Tehran", "capital of IR used as its government"),),
            ),
            Entity("e2", "Iraq", "country", "country:IQ", (EntityMention(_at(t, "Iraq"), "GPE", "ner"),)),
        ),
        frames=(
            Frame(
                "f1",
                "u1",
                _at(t, "moved"),
                "move",
                False,
                None,
                actors=(Argument(_at(t, "Iran"), "e1"),),
                targets=(Argument(_at(t, "missiles")),),
                places=(Argument(_at(t, "Iraq"), "e2"),),
                times=(TimeExpression(_at(t, "August 2018"), "2018-08", "explicit"),),
            ),
            Frame("f2", "u2", _at(t, "denied"), "deny", False, None, actors=(Argument(_at(t, "Tehran"), "e1"),)),
        ),
        evidence=(_evidence(t, "u1", "Iran moved missiles", 2), _evidence(t, "u2", "Tehran denied it.", 5)),
    )
    out = [post]
    for k, extra in enumerate(("", " More later.")):
        courier = analyze(
            COURIER + extra, outlet="Courier", url=URL, published=datetime(2019, 3, 5 + k, tzinfo=UTC), nlp=nlp_sm
        )
        t = courier.text
        claim = courier.attributions[0].id if courier.attributions else "u1"
        courier = dataclasses.replace(
            courier,
            entities=(
                Entity(
                    "e1",
                    "Quds Force",
                    "organization",
                    "org:quds force",
                    (EntityMention(_at(t, "Quds Force"), "ORG", "ner"),),
                ),
                Entity("e2", "Iraq", "country", "country:IQ", (EntityMention(_at(t, "Iraq"), "GPE", "ner"),)),
            ),
            frames=(
                Frame(
                    "f1",
                    claim,
                    _at(t, "shipped"),
                    "ship",
                    False,
                    None,
                    actors=(Argument(_at(t, "The Quds Force"), "e1"),),
                    targets=(Argument(_at(t, "Iraq"), "e2"),),
                ),
            ),
            evidence=(_evidence(t, claim, "The Quds Force shipped rockets to Iraq", 3),),
        )
        out.append(courier)
    return out


@pytest.fixture
def facts_store(store: Store, hand_ledgers: list[Ledger]) -> Iterator[Store]:
    for ledger in hand_ledgers:
        store.save(ledger)
    report = build(store)
    assert report.entities == 3
    yield store


def _keys(found: list[Any]) -> list[tuple[str, str]]:
    return [(f.outlet, f.frame_id) for f in found]


def test_facts_entities_are_merged_and_counted(facts_store: Store, hand_ledgers: list[Ledger]) -> None:
    ents = list_entities(facts_store)
    assert [e.name for e in ents] == ["Iran", "Iraq", "Quds Force"]  # most claims, then most articles
    iran, iraq, quds = ents
    assert (iran.documents, iran.as_actor, iran.as_target, iran.aliases) == (1, 2, 0, ("Tehran",))
    # the older version of the Courier story is not counted: only the latest of each URL
    assert (iraq.documents, iraq.as_actor, iraq.as_target) == (2, 0, 1)
    assert iraq.first_seen == datetime(2018, 9, 1, tzinfo=UTC) and iraq.last_seen == datetime(2019, 3, 6, tzinfo=UTC)
    assert (quds.documents, quds.as_actor, quds.type) == (1, 1, "organization")
    assert iran.id.startswith("E") and len(iran.id) == 13
    assert [e.name for e in list_entities(facts_store, query="TEH")] == ["Iran"]
    assert [e.name for e in list_entities(facts_store, type="organization")] == ["Quds Force"]
    assert [e.name for e in list_entities(facts_store, limit=1, offset=1)] == ["Iraq"]
    assert list_entities(facts_store, query="100%_") == []


def test_facts_filter_by_actor_action_date_and_grade(facts_store: Store, hand_ledgers: list[Ledger]) -> None:
    everything = facts(facts_store)
    assert _keys(everything) == [("Post", "f1"), ("Post", "f2"), ("Courier", "f1")]  # by date: 2018-08, 09-01, 2019
    iran = list_entities(facts_store, query="iran")[0]
    for who in ("Iran", "tehran", iran.id, iran.id.lower()):
        assert _keys(facts(facts_store, actor=who)) == [("Post", "f1"), ("Post", "f2")], who
    moved = facts(facts_store, action="MOVE")
    assert len(moved) == 1
    f = moved[0]
    assert (f.actors, f.actor_ids, f.targets, f.target_ids) == (("Iran",), (iran.id,), ("missiles",), (None,))
    assert (f.places, f.times, f.grade, f.grade_label, f.source) == (("Iraq",), ("2018-08",), 2, "probably true", None)
    assert f.claim == "Iran moved missiles" and f.published == datetime(2018, 9, 1, tzinfo=UTC)
    assert _keys(facts(facts_store, target="missiles")) == [("Post", "f1")]  # an unlinked argument, by its text
    assert _keys(facts(facts_store, target="iraq")) == [("Courier", "f1")]
    assert _keys(facts(facts_store, since=date(2019, 1, 1))) == [("Courier", "f1")]
    assert _keys(facts(facts_store, since=date(2018, 8, 31), until=date(2018, 9, 1))) == [
        ("Post", "f1"),
        ("Post", "f2"),
    ]
    assert _keys(facts(facts_store, until=date(2018, 8, 31))) == [("Post", "f1")]
    assert _keys(facts(facts_store, max_grade=3)) == [("Post", "f1"), ("Courier", "f1")]
    assert facts(facts_store, actor="Nobody") == [] and facts(facts_store, action="fly") == []


def test_facts_pages_and_versions(facts_store: Store, hand_ledgers: list[Ledger]) -> None:
    whole = facts(facts_store, limit=10)
    paged = [x for k in range(4) for x in facts(facts_store, limit=1, offset=k)]
    assert paged == whole and len(whole) == 3
    old, new = hand_ledgers[1], hand_ledgers[2]
    assert [x.doc_id for x in facts(facts_store, action="ship")] == [new.document.id]
    assert [x.doc_id for x in facts(facts_store, doc_id=old.document.id)] == [old.document.id]
    (ship,) = facts(facts_store, action="ship")
    source = new.source(next((a.source_id for a in new.attributions if a.id == ship.claim_id), None))
    assert ship.source == (source.name if source else None)


def test_facts_entity_page(facts_store: Store) -> None:
    page = entity_page(facts_store, "TEHRAN")
    assert page is not None and page.entity.name == "Iran"
    assert page.merges == (EntityMerge("Tehran", "capital of IR used as its government"),)
    assert list(page.as_actor) == ["deny", "move"]  # one fact each: ties by lemma
    assert page.as_target == {}
    assert page.timeline == [("2018-08-01", 1, 0), ("2018-09-01", 1, 0)]
    d = page.to_dict()
    assert d["entity"]["name"] == "Iran" and d["as_actor"]["move"][0]["times"] == ["2018-08"]
    iraq = entity_page(facts_store, "iraq")
    assert iraq is not None and iraq.timeline == [("2019-03-06", 0, 1)]
    assert entity_page(facts_store, "Atlantis") is None


def test_facts_entity_graph(facts_store: Store) -> None:
    graph = entity_graph(facts_store)
    assert sorted(n["name"] for n in graph["nodes"]) == ["Iraq", "Quds Force"]
    (edge,) = graph["edges"]
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert (names[edge["source"]], names[edge["target"]], edge["lemma"], edge["count"]) == (
        "Quds Force",
        "Iraq",
        "ship",
        1,
    )
    assert entity_graph(facts_store, limit=0) == {"nodes": [], "edges": []}


def _entity_rows(store: SQLStore) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.connect() as conn:
        return {
            table.name: sorted(
                tuple(v for k, v in r._mapping.items() if k != "pk") for r in conn.execute(sa.select(table))
            )
            for table in schema.CORPUS_ENTITY_TABLES
            if table is not schema.corpus_entity_builds
        }


def test_facts_corpus_entities_over_the_provenance_corpus(prov_store: Store) -> None:
    assert isinstance(prov_store, SQLStore)
    before = _entity_rows(prov_store)
    assert before["corpus_entities"] and before["corpus_entity_links"]
    assert build_entities(prov_store) == len(before["corpus_entities"])
    assert not build(prov_store, force=True).skipped
    assert _entity_rows(prov_store) == before  # rebuilding replaces, never adds
    # every article entity of the latest versions is linked once, with a reason
    with prov_store.engine.connect() as conn:
        n_refs = conn.execute(sa.select(sa.func.count()).select_from(schema.article_entities)).scalar_one()
    links = before["corpus_entity_links"]
    assert len(links) == n_refs and all(reason for *_, reason in links)
    # the stored counts agree with the facts the query layer finds
    for e in list_entities(prov_store, limit=5):
        assert len(facts(prov_store, actor=e.id, limit=1000)) == e.as_actor
        assert len(facts(prov_store, target=e.id, limit=1000)) == e.as_target
        assert e.documents >= 1 and e.first_seen is not None


def test_facts_need_a_sql_store() -> None:
    class NotSQL:
        url = "x"

    with pytest.raises(TypeError):
        facts(NotSQL())  # type: ignore[arg-type]


def test_facts_empty_store_has_no_entities() -> None:
    s = open_store(":memory:")
    assert list_entities(s) == [] and facts(s) == [] and entity_page(s, "Iran") is None
    assert entity_graph(s) == {"nodes": [], "edges": []}
    s.close()
