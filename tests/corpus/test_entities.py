"""Corpus entity merging: same key together, stable ids, cross-key merges only when unambiguous and with reasons."""

from __future__ import annotations

import hashlib
import random

from according.corpus.entities import CorpusEntity, EntityRef, entity_id, merge_corpus
from according.types import EntityType


def _ref(doc: str, eid: str, key: str, name: str, type_: EntityType = "person", *aliases: str) -> EntityRef:
    return EntityRef(doc, eid, key, name, type_, tuple(aliases), 1)


def _by_key(out: list[CorpusEntity], key: str) -> CorpusEntity:
    return next(e for e in out if e.key == key)


def _owner(out: list[CorpusEntity], doc: str, eid: str) -> CorpusEntity:
    return next(e for e in out if (doc, eid) in e.members)


REFS = [
    _ref("d1", "e1", "org:quds force", "Quds Force", "organization"),
    _ref("d2", "e4", "org:quds force", "Quds Force", "organization"),
    _ref("d3", "e2", "org:quds force", "the Quds Force", "organization"),
    _ref("d1", "e2", "person:qasem soleimani", "Qasem Soleimani"),
    _ref("d2", "e1", "person:soleimani", "Soleimani"),
    _ref("d3", "e1", "person:qasem soleimani", "Qasem Soleimani"),
    _ref(
        "d1", "e3", "org:islamic revolutionary guard corps", "Islamic Revolutionary Guard Corps", "organization", "IRGC"
    ),
    _ref("d4", "e1", "org:irgc", "IRGC", "organization"),
    _ref("d5", "e7", "place:irgc", "IRGC", "place"),
    _ref("d1", "e4", "country:IR", "Iran", "country", "Tehran", "Iranian"),
    _ref("d4", "e2", "country:IR", "Iran", "country"),
]


def test_entities_same_key_is_one_entity_with_reason() -> None:
    out = merge_corpus(REFS)
    quds = _by_key(out, "org:quds force")
    assert quds.members == (("d1", "e1"), ("d2", "e4"), ("d3", "e2"))
    assert quds.name == "Quds Force"  # the most frequent full name
    assert "the Quds Force" in quds.aliases
    assert any(m.reason.startswith("same key org:quds force") for m in quds.merges)


def test_entities_surname_joins_the_only_full_name() -> None:
    out = merge_corpus(REFS)
    qs = _by_key(out, "person:qasem soleimani")
    assert ("d2", "e1") in qs.members and qs.name == "Qasem Soleimani"
    assert any(m.alias == "person:soleimani" and m.reason.startswith("surname 'soleimani'") for m in qs.merges)
    assert not any(e.key == "person:soleimani" for e in out)


def test_entities_surname_with_two_full_names_stays_apart() -> None:
    refs = [
        _ref("d1", "e1", "person:john smith", "John Smith"),
        _ref("d2", "e1", "person:adam smith", "Adam Smith"),
        _ref("d3", "e1", "person:smith", "Smith"),
    ]
    out = merge_corpus(refs)
    assert {e.key for e in out} == {"person:john smith", "person:adam smith", "person:smith"}
    assert all(len(e.members) == 1 and not e.merges for e in out)


def test_entities_acronym_joins_recorded_expansion_whatever_its_label() -> None:
    out = merge_corpus(REFS)
    irgc = _by_key(out, "org:islamic revolutionary guard corps")
    assert {("d4", "e1"), ("d5", "e7")} <= set(irgc.members)
    assert irgc.type == "organization"
    assert sum(m.reason.startswith("acronym 'IRGC' recorded as an alias") for m in irgc.merges) == 2


def test_entities_acronym_with_two_expansions_stays_apart() -> None:
    refs = [
        _ref("d1", "e1", "org:islamic state", "Islamic State", "organization", "IS"),
        _ref("d2", "e1", "org:intelligence service", "Intelligence Service", "organization", "IS"),
        _ref("d3", "e1", "org:is", "IS", "organization"),
    ]
    out = merge_corpus(refs)
    assert _owner(out, "d3", "e1").key == "org:is"


def test_entities_ids_are_stable_and_order_free() -> None:
    first = merge_corpus(REFS)
    shuffled = REFS[:]
    random.Random(7).shuffle(shuffled)
    second = merge_corpus(shuffled)
    assert {e.id: (e.key, e.members, e.name) for e in first} == {e.id: (e.key, e.members, e.name) for e in second}
    assert _by_key(first, "country:IR").id == entity_id("country:IR")
    assert entity_id("country:IR") == "E" + hashlib.sha1(b"country:IR").hexdigest()[:12]


def test_entities_every_ref_lands_in_exactly_one_entity() -> None:
    out = merge_corpus(REFS)
    members = [m for e in out for m in e.members]
    assert sorted(members) == sorted((r.doc_id, r.entity_id) for r in REFS)
    assert merge_corpus([]) == []
