"""Cross-document entity merging scored on ECB+ participant chains (B-cubed), against an exact-string baseline.

ECB+ gives tokens, no text: a document's text is its tokens joined by spaces, one sentence a line, and each
token's offsets are counted while joining. Gold mentions are the HUMAN_PART*, NON_HUMAN_PART* and LOC*
markables inside the fully annotated sentences (`ECBplus_coreference_sentences.csv`); a mention's gold chain
is the `note` of its CROSS_DOC_COREF relation, else its INTRA_DOC_COREF target within the document, else
itself alone.

Each document's text goes through the real pipeline (spaCy, then `extract.entities.entities`); every article
entity becomes an `EntityRef` and all documents of the run are merged at once with `corpus.entities.merge_corpus`.
A gold mention takes the corpus entity of the predicted mention that overlaps its head token (spaCy's root of
the mention's tokens); a gold mention that no predicted mention reaches becomes a singleton, which costs recall,
and the share of such mentions is reported. The baseline clusters gold mentions by their lower-cased text.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from according.corpus.entities import EntityRef, merge_corpus
from according.extract.entities import entities

_PARTICIPANTS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC")


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One ECB+ participant or location mention: its character range in the rebuilt text and its gold chain."""

    doc_id: str
    m_id: str
    tag: str  # "HUMAN_PART_PER", "NON_HUMAN_PART", "LOC_GEO" ...
    start: int
    end: int
    text: str
    chain: str


@dataclass(frozen=True, slots=True)
class EcbDoc:
    """One ECB+ document: the rebuilt text and its gold participant mentions in fully annotated sentences."""

    id: str
    topic: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class BCubed:
    """B-cubed precision, recall and F1 over gold mentions (Bagga and Baldwin, 1998)."""

    precision: float
    recall: float
    mentions: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "mentions": self.mentions}


def _annotated_sentences(ecbplus: Path) -> set[tuple[str, int]]:
    path = ecbplus / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {(f"{r['Topic']}_{r['File']}", int(r["Sentence Number"])) for r in csv.DictReader(f)}


def read_doc(path: Path, wanted: set[tuple[str, int]] | None = None) -> EcbDoc:
    """An ECB+ XML file as text plus gold mentions; `wanted` keeps only those (doc, sentence) pairs."""
    doc_id = path.stem
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}  # t_id -> (start, end, sentence)
    pos = 0
    last_sentence: int | None = None
    for tok in root.iter("token"):
        s = int(tok.get("sentence", "0"))
        word = tok.text or ""
        if last_sentence is not None:
            sep = " " if s == last_sentence else "\n"
            parts.append(sep)
            pos += 1
        last_sentence = s
        offsets[tok.get("t_id", "")] = (pos, pos + len(word), s)
        parts.append(word)
        pos += len(word)
    text = "".join(parts)
    chain: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        target = rel.find("target")
        if rel.tag == "CROSS_DOC_COREF":
            name = rel.get("note", "")
        elif rel.tag == "INTRA_DOC_COREF" and target is not None:
            name = f"{doc_id}#{target.get('m_id', '')}"
        else:
            continue
        for src in rel.iter("source"):
            chain.setdefault(src.get("m_id", ""), name)
    mentions: list[GoldMention] = []
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        anchors = [offsets[a.get("t_id", "")] for a in m.iter("token_anchor") if a.get("t_id", "") in offsets]
        if not m.tag.startswith(_PARTICIPANTS) or not anchors:
            continue
        if wanted is not None and any((doc_id, s) not in wanted for _, _, s in anchors):
            continue
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        m_id = m.get("m_id", "")
        mentions.append(
            GoldMention(doc_id, m_id, m.tag, start, end, text[start:end], chain.get(m_id, f"{doc_id}#m{m_id}"))
        )
    mentions.sort(key=lambda g: (g.start, g.end))
    return EcbDoc(doc_id, doc_id.split("_")[0], text, tuple(mentions))


def read_ecbplus(ecbplus: Path, *, limit: int | None = None) -> Iterator[EcbDoc]:
    """ECB+ documents in topic and name order, each with its gold mentions in fully annotated sentences."""
    wanted = _annotated_sentences(ecbplus)
    paths = sorted((ecbplus / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    for path in paths[:limit] if limit else paths:
        yield read_doc(path, wanted)


def bcubed(gold: dict[Any, str], predicted: dict[Any, str]) -> BCubed:
    """B-cubed over the items of `gold` (item -> chain); `predicted` maps the same items to clusters."""
    n = len(gold)
    if not n:
        return BCubed(0.0, 0.0, 0)
    cells: Counter[tuple[str, str]] = Counter((predicted[i], g) for i, g in gold.items())
    gold_size = Counter(gold.values())
    pred_size = Counter(predicted[i] for i in gold)
    p = sum(c * c / pred_size[k] for (k, _), c in cells.items()) / n
    r = sum(c * c / gold_size[g] for (_, g), c in cells.items()) / n
    return BCubed(p, r, n)


def _head(sdoc: Doc, g: GoldMention) -> tuple[int, int]:
    span = sdoc.char_span(g.start, g.end, alignment_mode="expand")
    if span is None or not len(span):
        return g.start, g.end
    edge = ("ADP", "DET", "PART", "PUNCT", "SPACE")
    lo, hi = span.start, span.end
    while hi - lo > 1 and sdoc[lo].pos_ in edge:  # ECB+ location mentions may start with "in", "at" ...
        lo += 1
    while hi - lo > 1 and sdoc[hi - 1].pos_ in edge:
        hi -= 1
    root = sdoc[lo:hi].root
    return root.idx, root.idx + len(root.text)


def evaluate_entities(
    docs: Iterable[EcbDoc],
    nlp: Language,
    *,
    batch_size: int = 32,
    on_doc: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """B-cubed of corpus entities and of the exact-string baseline over ECB+'s gold participant mentions."""
    docs = list(docs)
    refs: list[EntityRef] = []
    # (doc, gold m_id) -> (doc, article entity id) of the predicted mention over its head
    matched: dict[tuple[str, str], tuple[str, str]] = {}
    predicted_mentions = 0
    for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        ents = entities(sdoc)
        spans: list[tuple[int, int, str]] = []
        for e in ents:
            refs.append(EntityRef(doc.id, e.id, e.key, e.name, e.type, e.aliases, len(e.mentions)))
            spans.extend((m.span.start, m.span.end, e.id) for m in e.mentions)
        predicted_mentions += len(spans)
        spans.sort()
        for g in doc.mentions:
            hs, he = _head(sdoc, g)
            hit = next((eid for s, e, eid in spans if s < he and hs < e), None)
            if hit is not None:
                matched[(doc.id, g.m_id)] = (doc.id, hit)
        if on_doc is not None:
            on_doc()
    corpus = merge_corpus(refs)
    cluster_of = {member: ce.id for ce in corpus for member in ce.members}
    gold: dict[tuple[str, str], str] = {}
    system: dict[tuple[str, str], str] = {}
    baseline: dict[tuple[str, str], str] = {}
    kinds: Counter[str] = Counter()
    kinds_matched: Counter[str] = Counter()
    for doc in docs:
        for g in doc.mentions:
            item = (doc.id, g.m_id)
            gold[item] = g.chain
            member = matched.get(item)
            system[item] = cluster_of[member] if member is not None else f"single:{doc.id}#{g.m_id}"
            baseline[item] = " ".join(g.text.lower().split())
            kind = next(k for k in _PARTICIPANTS if g.tag.startswith(k))
            kinds[kind] += 1
            kinds_matched[kind] += member is not None
    chain_sizes = Counter(gold.values())
    in_chains = {i: c for i, c in gold.items() if chain_sizes[c] > 1}
    found = {i: gold[i] for i in matched}  # merge quality alone, on the mentions the pipeline reached
    return {
        "documents": len(docs),
        "gold_mentions": len(gold),
        "gold_chains": len(chain_sizes),
        "gold_singletons": sum(1 for c in chain_sizes.values() if c == 1),
        "predicted_mentions": predicted_mentions,
        "article_entities": len(refs),
        "corpus_entities": len(corpus),
        "cross_key_merges": sum(1 for ce in corpus for m in ce.merges if not m.reason.startswith("same key")),
        "matched_share": len(matched) / len(gold) if gold else 0.0,
        "matched_share_by_kind": {k: kinds_matched[k] / kinds[k] for k in kinds},
        "system": bcubed(gold, system).to_dict(),
        "baseline_exact_string": bcubed(gold, baseline).to_dict(),
        "system_non_singleton_gold": bcubed(in_chains, system).to_dict(),
        "baseline_non_singleton_gold": bcubed(in_chains, baseline).to_dict(),
        "system_matched_only": bcubed(found, system).to_dict(),
        "baseline_matched_only": bcubed(found, baseline).to_dict(),
    }
