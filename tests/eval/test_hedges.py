"""Szeged uncertainty XML -> sentences with cue offsets, and cue scoring with a stand-in detector."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from according.eval.hedges import evaluate_hedges, read_szeged, score_sentence, sentence_from_xml
from according.eval.scorer import PRF, Accuracy

FACTBANK = Path(__file__).parents[3] / "shared/data/szeged-uncertainty/factbank.xml"

XML = (
    '<?xml version="1.0" encoding="UTF-8"?><Annotation><DocumentSet><Document type="unknown">'
    '<DocID type="FILENAME">NYT1.txt</DocID><DocumentPart type="unknown">'
    '<Sentence id="S1.1">Aides say it <ccue type="speculation_modal_probable_">may</ccue> matter,  '
    'and asked <ccue type="speculation_hypo_investigation _">whether</ccue> he  opposed it.</Sentence>'
    '<Sentence id="S1.2">No cue here.</Sentence>'
    "</DocumentPart></Document></DocumentSet></Annotation>"
)


def test_hedges_ccue_offsets_from_concatenated_text(tmp_path: Path) -> None:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    first, second = read_szeged(path)
    assert first.id == "S1.1" and first.doc_id == "NYT1.txt"
    assert first.text == "Aides say it may matter,  and asked whether he  opposed it."  # double spaces kept
    assert [first.text[s:e] for s, e in first.cues] == ["may", "whether"]
    assert first.types == ("speculation_modal_probable", "speculation_hypo_investigation")
    assert (second.text, second.cues) == ("No cue here.", ())


def test_hedges_sentence_text_equals_itertext() -> None:
    el = ET.fromstring('<Sentence id="s">A <ccue type="t">b</ccue> c <ccue type="t">d</ccue></Sentence>')
    s = sentence_from_xml(el)
    assert s.text == "".join(el.itertext()) == "A b c d"
    assert s.cues == ((2, 3), (6, 7))


def _may_detector(texts: list[str]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in re.finditer(r"\b(?:may|say)\b", t)] for t in texts]


def test_hedges_evaluate_with_a_detector(tmp_path: Path) -> None:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    scores = evaluate_hedges(read_szeged(path), _may_detector, batch_size=1)
    assert scores.sentences == 2
    assert scores.cues == PRF(1, 2, 2)  # "may" found, "say" spurious, "whether" missed
    assert scores.uncertain_sentences == PRF(1, 1, 1)
    assert scores.recall_by_type == {
        "speculation_modal_probable": Accuracy(1, 1),
        "speculation_hypo_investigation": Accuracy(0, 1),
    }
    assert scores.to_dict()["cues"]["recall"] == 0.5


def test_hedges_score_sentence_is_one_to_one() -> None:
    # two predictions over one gold cue: one true positive, one spurious
    assert score_sentence([(0, 5)], [(0, 3), (2, 5)]).cues == PRF(1, 2, 1)


def test_hedges_detector_must_answer_every_sentence(tmp_path: Path) -> None:
    path = tmp_path / "mini.xml"
    path.write_text(XML, encoding="utf-8")
    with pytest.raises(ValueError, match="2 sentences"):
        evaluate_hedges(read_szeged(path), lambda texts: [], batch_size=10)


@pytest.mark.data
def test_hedges_reads_factbank_counts() -> None:
    if not FACTBANK.exists():
        pytest.skip(f"{FACTBANK} is absent")
    sentences = list(read_szeged(FACTBANK))
    assert len(sentences) == 3129  # the counts measured in the corpus README
    assert sum(len(s.cues) for s in sentences) == 720
    assert sum(bool(s.cues) for s in sentences) == 554
