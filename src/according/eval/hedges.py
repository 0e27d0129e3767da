"""Hedge-cue evaluation on the news part of the Szeged uncertainty corpus (factbank.xml).

The corpus marks cues inline (`<ccue type="...">may</ccue>`) and gives no offsets, so a sentence's
text is the concatenation of its text nodes and each cue's offsets are counted while concatenating.
A detector gets batches of sentence strings and returns cue spans per sentence; cues are matched
one-to-one by overlap (any shared character), as hedges are in `scorer`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from according.eval.gold import Span
from according.eval.scorer import PRF, Accuracy, match

Detector = Callable[[list[str]], list[list[tuple[int, int]]]]


@dataclass(frozen=True, slots=True)
class CueSentence:
    """One corpus sentence with its gold cue spans (offsets into `text`) and their types."""

    id: str
    doc_id: str
    text: str
    cues: tuple[Span, ...]
    types: tuple[str, ...]


def _flatten(el: ET.Element, parts: list[str], cues: list[tuple[int, int, str]], pos: int) -> int:
    """Append the text under `el` to `parts` (itertext order) and record `ccue` offsets; return the new end."""
    if el.text:
        parts.append(el.text)
        pos += len(el.text)
    for child in el:
        start = pos
        pos = _flatten(child, parts, cues, pos)
        if child.tag == "ccue":
            cues.append((start, pos, (child.get("type") or "").strip(" _")))
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def sentence_from_xml(el: ET.Element, doc_id: str = "") -> CueSentence:
    """A `CueSentence` from one `<Sentence>` element."""
    parts: list[str] = []
    cues: list[tuple[int, int, str]] = []
    _flatten(el, parts, cues, 0)
    return CueSentence(
        id=el.get("id") or "",
        doc_id=doc_id,
        text="".join(parts),
        cues=tuple((s, e) for s, e, _ in cues),
        types=tuple(t for _, _, t in cues),
    )


def read_szeged(path: str | Path) -> Iterator[CueSentence]:
    """Yield the sentences of a Szeged uncertainty XML file (factbank.xml or wiki.xml), in order."""
    root = ET.parse(path).getroot()
    for doc in root.iter("Document"):
        doc_id = (doc.findtext("DocID") or "").strip()
        for sentence in doc.iter("Sentence"):
            yield sentence_from_xml(sentence, doc_id)


@dataclass(frozen=True, slots=True)
class HedgeScores:
    """Cue-level and sentence-level (uncertain or not) precision, recall and F1.

    `recall_by_type` is cue recall per gold cue type (predictions carry no type, so there is no
    precision per type).
    """

    sentences: int = 0
    cues: PRF = field(default_factory=PRF)
    uncertain_sentences: PRF = field(default_factory=PRF)
    recall_by_type: dict[str, Accuracy] = field(default_factory=dict)

    def __add__(self, other: HedgeScores) -> HedgeScores:
        by_type = dict(self.recall_by_type)
        for t, acc in other.recall_by_type.items():
            by_type[t] = by_type.get(t, Accuracy()) + acc
        return HedgeScores(
            self.sentences + other.sentences,
            self.cues + other.cues,
            self.uncertain_sentences + other.uncertain_sentences,
            by_type,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "cues": self.cues.to_dict(),
            "uncertain_sentences": self.uncertain_sentences.to_dict(),
            "recall_by_type": {t: a.to_dict() for t, a in sorted(self.recall_by_type.items())},
        }


def score_sentence(gold: Sequence[Span], predicted: Iterable[Span], types: Sequence[str] = ()) -> HedgeScores:
    """Match predicted cue spans to gold ones in one sentence, one-to-one by any overlap.

    `types` names the type of each gold cue, for `recall_by_type`.
    """
    g, p = list(gold), list(predicted)
    pairs = match([(s,) for s in g], [(s,) for s in p], threshold=0.0)
    found = {gi for gi, _ in pairs}
    by_type: dict[str, Accuracy] = {}
    for gi, t in enumerate(types):
        by_type[t] = by_type.get(t, Accuracy()).add(gi in found)
    sentence = PRF(int(bool(g) and bool(p)), int(bool(p)), int(bool(g)))
    return HedgeScores(1, PRF(len(pairs), len(p), len(g)), sentence, by_type)


def evaluate_hedges(
    sentences: Iterable[CueSentence],
    detect: Detector,
    *,
    batch_size: int = 256,
    on_batch: Callable[[int], None] | None = None,
) -> HedgeScores:
    """Run `detect` over the sentences in batches and score its cues (micro-averaged).

    Args:
        detect: takes a list of sentence strings, returns one list of `(start, end)` spans per sentence.
        on_batch: called with the number of sentences after each batch (for a progress bar).

    Raises:
        ValueError: `detect` returned a different number of results than it was given sentences.
    """
    out = HedgeScores()
    batch: list[CueSentence] = []

    def flush() -> None:
        nonlocal out
        spans = detect([s.text for s in batch])
        if len(spans) != len(batch):
            raise ValueError(f"detector returned {len(spans)} results for {len(batch)} sentences")
        for s, pred in zip(batch, spans, strict=True):
            out = out + score_sentence(s.cues, pred, s.types)
        if on_batch is not None:
            on_batch(len(batch))
        batch.clear()

    for s in sentences:
        batch.append(s)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return out


def ledger_detector(*, nlp: Any = None, batch_size: int = 32) -> Detector:
    """A detector that runs the full ledger on each sentence and returns its `hedge` spans (not boosters).

    `according` is imported when the detector first runs, so this module loads without the extractor.
    """

    loaded: list[Any] = [nlp]  # the pipeline, built once on first use when not given

    def detect(texts: list[str]) -> list[list[tuple[int, int]]]:
        import according
        from according.ingest.text import make_document

        if loaded[0] is None:
            loaded[0] = according.build_nlp()
        docs = [make_document(t) for t in texts]
        ledgers = according.analyze_many(docs, nlp=loaded[0], batch_size=batch_size)
        return [[(h.span.start, h.span.end) for h in led.hedges if h.kind == "hedge"] for led in ledgers]

    return detect
