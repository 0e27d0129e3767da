"""Frames vs ECB+: reading the XML, the three match rules, and a real run on a few documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from according.eval.frames import (
    Mention,
    evaluate_frames,
    match,
    read_document,
    read_ecbplus,
    score_document,
)
from according.types import Frame, TextSpan

ECBPLUS = Path(__file__).parents[3] / "shared/data/ecbplus"

XML = """<Document doc_name="9_1ecbplus.xml">
<token t_id="1" sentence="0" number="0">Headline</token>
<token t_id="2" sentence="1" number="0">Police</token>
<token t_id="3" sentence="1" number="1">arrested</token>
<token t_id="4" sentence="1" number="2">the</token>
<token t_id="5" sentence="1" number="3">man</token>
<token t_id="6" sentence="1" number="4">in</token>
<token t_id="7" sentence="1" number="5">Boston</token>
<token t_id="8" sentence="1" number="6">on</token>
<token t_id="9" sentence="1" number="7">Monday</token>
<token t_id="10" sentence="1" number="8">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<HUMAN_PART_ORG m_id="2"><token_anchor t_id="2"/></HUMAN_PART_ORG>
<HUMAN_PART_PER m_id="3"><token_anchor t_id="5"/></HUMAN_PART_PER>
<LOC_GEO m_id="4"><token_anchor t_id="7"/></LOC_GEO>
<TIME_DATE m_id="5"><token_anchor t_id="9"/></TIME_DATE>
<HUMAN_PART_PER m_id="6"><token_anchor t_id="1"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="7" TAG_DESCRIPTOR="an instance, no tokens"/>
</Markables>
</Document>"""


@pytest.fixture
def ecb_doc(tmp_path: Path) -> Path:
    path = tmp_path / "9_1ecbplus.xml"
    path.write_text(XML, encoding="utf-8")
    return path


def test_frames_eval_rebuilds_text_and_keeps_annotated_gold(ecb_doc: Path) -> None:
    doc = read_document(ecb_doc, [1])
    assert doc.text == "Headline\n\nPolice arrested the man in Boston on Monday ."
    assert [doc.text[s:e] for s, e in doc.tokens][:3] == ["Headline", "Police", "arrested"]
    assert doc.gold["actions"] == ((2,),)
    assert doc.gold["participants"] == ((1,), (4,)), "sentence 0 is not annotated; instances have no tokens"
    assert (doc.gold["places"], doc.gold["times"]) == (((6,),), ((8,),))


def test_frames_eval_match_rules() -> None:
    pred = [Mention((3, 4), 4)]  # "the man", head "man"
    gold = [(4,)]
    assert match(pred, gold, "strict").tp == 0
    assert match(pred, gold, "head").tp == 1
    assert match(pred, gold, "lenient").tp == 1
    assert match([Mention((3,), 3)], gold, "lenient").tp == 0
    two = match([Mention((4,), 4), Mention((4,), 4)], gold, "head")
    assert (two.tp, two.predicted, two.gold) == (1, 2, 1), "one gold mention matches one prediction"


def test_frames_eval_scores_real_frames_of_hand_made_doc(ecb_doc: Path, nlp_sm: Language) -> None:
    from according.eval.frames import frames_of

    doc = read_document(ecb_doc, [1])
    sdoc = nlp_sm(doc.text)
    found = frames_of(sdoc, "sentences")
    s = score_document(doc, sdoc, found)
    assert s.get("actions", "head").tp == 1
    assert s.get("participants", "head").tp == 2
    assert s.get("places", "strict").tp == 1 and s.get("times", "strict").tp == 1
    # a frame entirely in the unannotated headline is not scored
    text = doc.text
    fake = Frame("f9", "u9", TextSpan.of(text, 0, 8), "headline", False, None)
    assert score_document(doc, sdoc, [fake]).get("actions", "lenient").predicted == 0


@pytest.mark.data
def test_frames_eval_on_ecbplus_documents(nlp_sm: Language) -> None:
    if not (ECBPLUS / "ECB+_LREC2014").is_dir():
        pytest.skip(f"{ECBPLUS} is absent")
    docs = list(read_ecbplus(ECBPLUS, limit=3))
    assert len(docs) == 3 and all(d.id.startswith("1_") for d in docs)
    for d in docs:
        assert d.annotated and all(d.sentence[g[0]] in d.annotated for gs in d.gold.values() for g in gs)
        for s, e in d.tokens:
            assert d.text[s:e].strip() == d.text[s:e] != ""
    scores = evaluate_frames(ECBPLUS, nlp_sm, limit=3)
    assert scores.documents == 3 and scores.frames > 0
    # floors well under what the rules reach on these three documents, so a broken parse or mapping fails
    for category in ("actions", "participants"):
        prf = scores.get(category, "head")
        assert prf.gold > 0 and prf.predicted > 0
        assert (prf.precision or 0) >= 0.4 and (prf.recall or 0) >= 0.15, (category, prf)
