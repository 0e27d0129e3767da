"""Tests for the ledger/2 records in the store (according.store._sql, migration 3 in according.store.schema).

Entities, frames and evidence are built by hand on top of a real analysed ledger, so these tests exercise the
store whatever the extractors find; the round trip of the extractors' own output is in test_store.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from spacy.language import Language

from according.analysis import analyze
from according.store import open_store, schema
from according.store._sql import SQLStore, frame_days
from according.types import (
    Argument,
    Entity,
    EntityMention,
    EntityMerge,
    Evidence,
    Frame,
    Ledger,
    Quantity,
    TextSpan,
    TimeExpression,
)

TEXT = (
    "Iran moved about 200 km to 700 km range missiles to Iraq in August 2018, officials said. "
    "Tehran denied it on Monday. It may not stop."
)


def _at(text: str, needle: str, nth: int = 0) -> TextSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return TextSpan.of(text, start, start + len(needle))


@pytest.fixture(scope="module")
def ledger2(nlp_sm: Language) -> Ledger:
    """A real ledger of TEXT whose entities, frames and evidence are replaced by hand-made ones."""
    base = analyze(TEXT, title=None, outlet="Post", nlp=nlp_sm)
    t = base.text
    iran = Entity(
        "e1",
        "Iran",
        "country",
        "country:IR",
        (
            EntityMention(_at(t, "Iran"), "GPE", "ner"),
            EntityMention(_at(t, "Tehran"), "GPE", "alias"),
            EntityMention(_at(t, "It"), "PRON", "pronoun"),
        ),
        aliases=("Tehran",),
        merges=(EntityMerge("Tehran", "capital of IR used as its government"),),
    )
    iraq = Entity("e2", "Iraq", "country", "country:IQ", (EntityMention(_at(t, "Iraq"), "GPE", "ner"),))
    frames = (
        Frame(
            "f1",
            "a1",
            _at(t, "moved"),
            "move",
            False,
            None,
            actors=(Argument(_at(t, "Iran"), "e1"),),
            targets=(Argument(_at(t, "missiles")),),
            places=(Argument(_at(t, "Iraq"), "e2"),),
            times=(TimeExpression(_at(t, "August 2018"), "2018-08", "explicit"),),
            quantities=(Quantity(_at(t, "about 200 km to 700 km"), None, 200.0, 700.0, "km", True),),
        ),
        Frame(
            "f2",
            "u1",
            _at(t, "denied"),
            "deny",
            False,
            None,
            actors=(Argument(_at(t, "Tehran"), "e1"),),
            times=(TimeExpression(_at(t, "Monday"), "2018-09-03", "publication_date"),),
        ),
        Frame("f3", "u2", _at(t, "stop"), "stop", True, "may", actors=(Argument(_at(t, "It"), "e1"),)),
    )
    evidence = (
        Evidence(
            "a1",
            _at(t, "Iran moved about 200 km to 700 km range missiles to Iraq in August 2018"),
            3,
            ("anonymous officials", "one origin"),
            1,
            0,
            1,
            None,
            1,
            False,
            False,
            False,
        ),
        Evidence(
            "u1", _at(t, "Tehran denied it on Monday."), 6, ("author's voice",), 0, 0, 0, None, 0, False, True, True
        ),
    )
    return dataclasses.replace(base, entities=(iran, iraq), frames=frames, evidence=evidence)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2018-08-31"], ("2018-08-31", "2018-08-31")),
        (["2018-02"], ("2018-02-01", "2018-02-28")),
        (["2016"], ("2016-01-01", "2016-12-31")),
        (["2018-08/2019-03"], ("2018-08-01", "2019-03-31")),
        (["2019", "2018-05-04"], ("2018-05-04", "2019-12-31")),
        ([None, "recently", "2018-02-30", "2018-13", "2019/2018"], (None, None)),
    ],
    ids=["day", "month", "year", "range", "several", "unreadable"],
)
def test_store_frame_days(values: list[str | None], expected: tuple[str | None, str | None]) -> None:
    text = "x" * 10
    times = tuple(TimeExpression(TextSpan.of(text, 0, 1), v, "explicit") for v in values)
    frame = Frame("f1", "u1", TextSpan.of(text, 0, 1), "x", False, None, times=times)
    assert frame_days(frame) == expected


def test_store_round_trips_entities_frames_and_evidence(store: SQLStore, ledger2: Ledger) -> None:
    store.save(ledger2)
    back = store.get_ledger(ledger2.document.id)
    assert back.to_dict() == ledger2.to_dict()
    assert back.frames[0].quantities[0].low == 200.0 and back.frames[2].modality == "may"
    for span in back.spans():
        assert back.text[span.start : span.end] == span.text
    counts = store.counts()
    assert (counts["article_entities"], counts["entity_mentions"]) == (2, 4)
    assert (counts["frames"], counts["frame_arguments"], counts["evidence"]) == (3, 5, 2)
    with store.engine.connect() as conn:
        days = conn.execute(sa.select(schema.frames.c.id, schema.frames.c.date_start, schema.frames.c.date_end)).all()
    assert sorted(tuple(r) for r in days) == [
        ("f1", "2018-08-01", "2018-08-31"),
        ("f2", "2018-09-03", "2018-09-03"),
        ("f3", None, None),
    ]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database that outlives one store: a SQLite file, or a PostgreSQL schema of its own."""
    yield request.getfixturevalue("pg_url") if request.param == "postgres" else str(tmp_path / "old.db")


def _as_version_2(store: SQLStore) -> None:
    """Make the database what according left behind before migration 3: entity mentions in `entities`."""
    legacy = schema._legacy_entities
    with store.engine.begin() as conn:
        mentions = conn.execute(
            sa.select(schema.entity_mentions, schema.article_entities.c.ord.label("entity_pos"))
            .select_from(
                schema.entity_mentions.join(
                    schema.article_entities,
                    sa.and_(
                        schema.article_entities.c.doc_id == schema.entity_mentions.c.doc_id,
                        schema.article_entities.c.ord == schema.entity_mentions.c.entity_ord,
                    ),
                )
            )
            .order_by(schema.entity_mentions.c.doc_id, "entity_pos", schema.entity_mentions.c.ord)
        ).all()
        for table in reversed((*schema.CORPUS_ENTITY_TABLES,)):
            table.drop(conn)
        for table in (schema.evidence, schema.frame_arguments, schema.frames, schema.entity_mentions):
            table.drop(conn)
        schema.article_entities.drop(conn)
        legacy.create(conn)
        ords: dict[str, int] = {}
        for m in mentions:
            ords[m.doc_id] = ords.get(m.doc_id, -1) + 1
            conn.execute(
                legacy.insert().values(
                    doc_id=m.doc_id,
                    ord=ords[m.doc_id],
                    span_start=m.span_start,
                    span_end=m.span_end,
                    span_text=m.span_text,
                    label=m.label,
                )
            )
        conn.execute(schema.schema_version.delete().where(schema.schema_version.c.version > 2))


def test_store_migration_3_reads_old_entity_mentions_as_entities(db_url: str, ledger2: Ledger) -> None:
    old = open_store(db_url)
    assert isinstance(old, SQLStore)
    old.save(dataclasses.replace(ledger2, frames=(), evidence=()))
    _as_version_2(old)
    assert old.schema_version() == 2
    old.close()

    upgraded = open_store(db_url)
    assert isinstance(upgraded, SQLStore)
    assert upgraded.schema_version() == schema.LATEST >= 3
    assert not sa.inspect(upgraded.engine).has_table("entities")
    back = upgraded.get_ledger(ledger2.document.id)
    # exactly how Ledger.from_dict reads a ledger/1 entity list: one entity per stored mention
    v1 = {**ledger2.to_dict(), "schema": "according.ledger/1", "frames": [], "evidence": []}
    v1["entities"] = [{**m.span.to_dict(), "label": m.label} for e in ledger2.entities for m in e.mentions]
    assert back.to_dict() == Ledger.from_dict(v1).to_dict()
    assert [e.name for e in back.entities] == ["Iran", "Tehran", "It", "Iraq"]
    assert all(len(e.mentions) == 1 and e.type == "other" for e in back.entities)
    # a ledger saved after the migration keeps its full records
    again = dataclasses.replace(ledger2, document=dataclasses.replace(ledger2.document, id="new-" + "0" * 12))
    upgraded.save(again)
    assert upgraded.get_ledger(again.document.id).to_dict() == again.to_dict()
    upgraded.close()
