"""src/according/schema/ledger.schema.json against real ledgers of the bundled articles."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from spacy.language import Language

import according
from according.ingest.text import make_document
from according.schema import LEDGER_SCHEMA_FILE, ledger_schema
from according.types import CERTAINTIES, HEDGE_KINDS, KINDS, SCHEMA, SOURCE_TYPES, STANCES, Ledger

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
SEED = "iran-missiles-iraq"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(ledger_schema())


@pytest.fixture(scope="module")
def ledgers(nlp: Language) -> dict[str, Ledger]:
    """Every bundled article, analysed once for the whole module."""
    return {
        name: according.analyze_document(make_document((EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")), nlp=nlp)
        for name in NAMES
    }


def errors_of(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_ledger_schema_examples_are_bundled() -> None:
    assert SEED in NAMES
    assert len(NAMES) >= 5


def test_ledger_schema_is_valid_draft_2020_12() -> None:
    schema = ledger_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"]["const"] == SCHEMA


def test_ledger_schema_ships_as_package_data() -> None:
    from importlib import resources

    assert resources.files("according.schema").joinpath(LEDGER_SCHEMA_FILE).is_file()
    assert ledger_schema() is not ledger_schema()  # a fresh dict each call: callers may modify theirs


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kind", KINDS),
        ("source_type", SOURCE_TYPES),
        ("stance", STANCES),
        ("certainty", CERTAINTIES),
        ("hedge_kind", HEDGE_KINDS),
    ],
    ids=["kind", "source_type", "stance", "certainty", "hedge_kind"],
)
def test_ledger_schema_enums_match_types(name: str, expected: tuple[str, ...]) -> None:
    assert tuple(ledger_schema()["$defs"][name]["enum"]) == expected


@pytest.mark.parametrize("name", NAMES)
def test_ledger_schema_accepts_real_ledger(
    name: str, ledgers: dict[str, Ledger], validator: Draft202012Validator
) -> None:
    data = ledgers[name].to_dict()
    assert errors_of(validator, data) == []
    assert errors_of(validator, json.loads(json.dumps(data))) == []


@pytest.mark.parametrize("name", NAMES)
def test_ledger_schema_spans_slice_text(name: str, ledgers: dict[str, Ledger]) -> None:
    led = ledgers[name]
    bad = [s for s in led.spans() if not 0 <= s.start <= s.end <= len(led.text) or led.text[s.start : s.end] != s.text]
    assert bad == []


@pytest.mark.parametrize("name", NAMES)
def test_ledger_schema_round_trips(name: str, ledgers: dict[str, Ledger]) -> None:
    led = ledgers[name]
    assert Ledger.from_dict(led.to_dict()) == led
    assert Ledger.from_dict(json.loads(json.dumps(led.to_dict(), ensure_ascii=False))) == led


def test_ledger_schema_accepts_metadata_and_extra_profile_keys(nlp: Language, validator: Draft202012Validator) -> None:
    doc = make_document(
        "Officials said the bridge would open in May.",
        title="Bridge",
        outlet="Example News",
        url="https://example.com/bridge",
        published=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        author="Jane Doe",
    )
    data = according.analyze_document(doc, nlp=nlp).to_dict()
    assert data["document"]["published"] == "2024-05-01T09:30:00+00:00"
    assert errors_of(validator, data) == []
    data["document"]["published"] = datetime(2024, 5, 1, 9, 30, 15, 250).isoformat()  # naive, with microseconds
    data["profile"]["a_later_key"] = {"anything": [1, None]}
    assert errors_of(validator, data) == []


def _first_member(d: dict[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = next(s for s in d["sources"] if s["members"])["members"][0]
    return member


BREAKAGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "wrong_schema": lambda d: d.update(schema="according.ledger/3"),
    "missing_text": lambda d: d.pop("text"),
    "extra_top_level_key": lambda d: d.update(extra=1),
    "wrong_kind": lambda d: d["attributions"][0].update(kind="quote"),
    "wrong_stance": lambda d: d["attributions"][0].update(stance="hostile"),
    "wrong_certainty": lambda d: d["attributions"][0].update(certainty="maybe"),
    "wrong_source_type": lambda d: d["sources"][0].update(type="person"),
    "wrong_hedge_kind": lambda d: d["hedges"][0].update(kind="softener"),
    "extra_key_in_content_span": lambda d: d["attributions"][0]["content"].update(label="x"),
    "extra_key_in_member_mention": lambda d: _first_member(d)["mention"].update(extra=True),
    "extra_key_in_opinion_span": lambda d: d["opinion_sentences"][0].update(kind="opinion"),
    "span_missing_text": lambda d: d["sources"][0]["mentions"][0].pop("text"),
    "negative_offset": lambda d: d["entities"][0]["mentions"][0].update(start=-1),
    "offset_as_string": lambda d: d["attributions"][0]["content"].update(start="8"),
    "content_null": lambda d: d["attributions"][0].update(content=None),
    "missing_cue_key": lambda d: d["attributions"][0].pop("cue"),
    "count_as_string": lambda d: d["sources"][0].update(count="three"),
    "anonymous_as_string": lambda d: d["sources"][0].update(anonymous="no"),
    "confidence_above_one": lambda d: d["attributions"][0].update(confidence=1.5),
    "bad_sha256": lambda d: d["document"].update(sha256="abc"),
    "published_not_isoformat": lambda d: d["document"].update(published="1 May 2024"),
    "missing_profile_key": lambda d: d["profile"].pop("words"),
    "unknown_kind_in_profile": lambda d: d["profile"]["by_kind"].update(quote=1),
    "share_above_one": lambda d: d["profile"].update(share_opinion_sentences=2.0),
    "warning_not_string": lambda d: d.update(warnings=[{"reason": "empty"}]),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_ledger_schema_rejects_broken_ledger(
    breakage: str, ledgers: dict[str, Ledger], validator: Draft202012Validator
) -> None:
    data = copy.deepcopy(ledgers[SEED].to_dict())
    assert errors_of(validator, data) == []
    BREAKAGES[breakage](data)
    assert errors_of(validator, data) != []
