"""Golden test on the bundled seed article: what the ledger must find, and what it must never report."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from according.analysis import analyze_document
from according.ingest.read import read_path
from according.types import Attribution, Ledger

HERE = Path(__file__).parent
EXPECTED = json.loads((HERE / "iran-missiles-iraq.expected.json").read_text(encoding="utf-8"))
REPO = HERE.parents[1]


@pytest.fixture(scope="module")
def ledger(nlp_sm: Language) -> Ledger:
    path = REPO / EXPECTED["article"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == EXPECTED["sha256"], "the bundled article changed"
    return analyze_document(read_path(path), nlp=nlp_sm)


def _matches(ledger: Ledger, a: Attribution, want: dict[str, Any]) -> bool:
    src = ledger.source(a.source_id)
    by_id = {x.id: x for x in ledger.attributions}
    checks = {
        "cue": lambda v: a.cue is not None and a.cue.text == v,
        "kind": lambda v: a.kind == v,
        "stance": lambda v: a.stance == v,
        "certainty": lambda v: a.certainty == v,
        "source_type": lambda v: src is not None and src.type == v,
        "source_name": lambda v: src is not None and src.name == v,
        "source_mention": lambda v: a.source_mention is not None and a.source_mention.text == v,
        "count": lambda v: src is not None and src.count == v,
        "affiliation": lambda v: src is not None and src.affiliation == v,
        "content_starts": lambda v: a.content.text.startswith(v),
        "parent_cue": lambda v: a.parent is not None and (p := by_id[a.parent].cue) is not None and p.text == v,
        "same_source_as": lambda v: True,
    }
    return all(checks[k](v) for k, v in want.items())


@pytest.mark.parametrize(
    "want", EXPECTED["with"], ids=lambda w: f"{w['cue']}:{w.get('content_starts', w.get('source_name', ''))[:25]}"
)
def test_seed_finds_attribution(ledger: Ledger, want: dict[str, Any]) -> None:
    found = [a for a in ledger.attributions if _matches(ledger, a, want)]
    assert found, f"no attribution matches {want}"


def test_seed_resolves_the_iraqi_official_to_one_source(ledger: Ledger) -> None:
    ids = set()
    for want in EXPECTED["with"]:
        if want.get("same_source_as") == "iraqi":
            a = next(a for a in ledger.attributions if _matches(ledger, a, want))
            ids.add(a.source_id)
    assert len(ids) == 1 and None not in ids
    src = ledger.source(ids.pop())
    assert src is not None and src.type == "anonymous_person" and src.anonymous and src.count == 1


def test_seed_composite_source_keeps_its_groups(ledger: Ledger) -> None:
    want = EXPECTED["composite_source"]
    comp = [s for s in ledger.sources if s.members]
    assert len(comp) == 1
    src = comp[0]
    assert src.count == want["count"] and src.anonymous and src.type == "anonymous_group"
    assert [[m.descriptor, m.count, m.affiliation] for m in src.members] == want["members"]
    assert len(src.mentions) >= 2  # "three Iranian officials, ..." and "these sources"


def test_seed_hedges_and_boosters(ledger: Ledger) -> None:
    hedges = {h.span.text for h in ledger.hedges if h.kind == "hedge"}
    boosters = {h.span.text for h in ledger.hedges if h.kind == "booster"}
    assert set(EXPECTED["hedges"]) <= hedges
    assert set(EXPECTED["boosters"]) <= boosters


def test_seed_opinion_sentences(ledger: Ledger) -> None:
    starts = [s.text for s in ledger.opinion_sentences]
    for want in EXPECTED["opinion_starts"]:
        assert any(s.startswith(want) for s in starts), want


def test_seed_never_reports_boilerplate_or_scare_quotes(ledger: Ledger) -> None:
    for bad in EXPECTED["without"]:
        for a in ledger.attributions:
            assert (a.content.text != bad and bad not in a.content.text) or a.kind != "direct", bad
            assert a.source_mention is None or bad not in a.source_mention.text
        assert all(bad not in s.text for s in ledger.opinion_sentences)


def test_seed_every_span_slices_to_its_text(ledger: Ledger) -> None:
    for span in ledger.spans():
        assert ledger.text[span.start : span.end] == span.text
