"""ECB+ reader and B-cubed scoring of entity merging; the real-data test runs the pipeline on a few documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from according.eval.entities import EcbDoc, bcubed, evaluate_entities, read_doc, read_ecbplus

ECBPLUS = Path(__file__).parents[3] / "shared/data/ecbplus"

XML = """<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="9_1ecb.xml">
<token t_id="1" sentence="0" number="0">Ann</token>
<token t_id="2" sentence="0" number="1">Lee</token>
<token t_id="3" sentence="0" number="2">left</token>
<token t_id="4" sentence="0" number="3">Paris</token>
<token t_id="5" sentence="1" number="0">She</token>
<token t_id="6" sentence="1" number="1">smiled</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/></HUMAN_PART_PER>
<LOC_GEO m_id="2"><token_anchor t_id="4"/></LOC_GEO>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="5"/></HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="9" TAG_DESCRIPTOR="ann" instance_id="HUM1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="HUM1"><source m_id="1"/><source m_id="3"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def test_entities_reads_tokens_offsets_and_chains(tmp_path: Path) -> None:
    path = tmp_path / "9_1ecb.xml"
    path.write_text(XML, encoding="utf-8")
    doc = read_doc(path)
    assert doc.text == "Ann Lee left Paris\nShe smiled"
    assert [(g.text, g.tag, g.chain) for g in doc.mentions] == [
        ("Ann Lee", "HUMAN_PART_PER", "HUM1"),
        ("Paris", "LOC_GEO", "9_1ecb#m2"),  # no relation: a singleton chain of its own
        ("She", "HUMAN_PART_PER", "HUM1"),
    ]
    only_first = read_doc(path, {("9_1ecb", 0)})
    assert [g.m_id for g in only_first.mentions] == ["1", "2"]


def test_entities_bcubed_by_hand() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed(gold, {"a": "1", "b": "1", "c": "2"}).f1 == 1.0
    lumped = bcubed(gold, {"a": "1", "b": "1", "c": "1"})
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    split = bcubed(gold, {"a": "1", "b": "2", "c": "3"})
    assert split.precision == 1.0 and split.recall == pytest.approx((1 / 2 + 1 / 2 + 1) / 3)


def test_entities_pronoun_and_name_in_one_chain(tmp_path: Path, nlp_sm: Language) -> None:
    path = tmp_path / "9_1ecb.xml"
    path.write_text(XML, encoding="utf-8")
    scores = evaluate_entities([read_doc(path)], nlp_sm)
    assert scores["gold_mentions"] == 3
    assert scores["system"]["f1"] == 1.0  # "Ann Lee" and "She" resolved to one entity, "Paris" apart
    assert scores["matched_share"] == 1.0


@pytest.mark.data
def test_entities_ecbplus_first_documents(nlp_sm: Language) -> None:
    if not ECBPLUS.exists():
        pytest.skip(f"{ECBPLUS} is absent")
    docs = list(read_ecbplus(ECBPLUS, limit=6))
    assert [d.id for d in docs][:2] == ["1_10ecb", "1_10ecbplus"]
    for d in docs:
        for g in d.mentions:
            assert d.text[g.start : g.end] == g.text
    scores = evaluate_entities(docs, nlp_sm)
    assert scores["gold_mentions"] > 20
    assert 0.0 < scores["matched_share"] < 1.0
    # Lindsay Lohan across outlets: the merged chains beat leaving every mention alone
    assert scores["system"]["precision"] > 0.8
    assert scores["system"]["recall"] > bcubed(*_singletons(docs)).recall


def _singletons(docs: list[EcbDoc]) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """The gold chains, and a system that leaves every mention alone."""
    gold = {(d.id, g.m_id): g.chain for d in docs for g in d.mentions}
    return gold, {k: f"{k[0]}#{k[1]}" for k in gold}
