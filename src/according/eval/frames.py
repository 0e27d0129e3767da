"""Frames scored against ECB+'s event mentions: actions, participants, times and places (docs/frames.md).

ECB+ marks mentions as token lists without character offsets; each document's text is rebuilt from its
tokens (one space between tokens, a blank line between sentences), parsed once, and the frames' spans are
mapped back onto ECB+ tokens. Only the fully annotated sentences (ECBplus_coreference_sentences.csv) are
scored, on both sides. Three match rules, each one-to-one and greedy in text order:
`strict` (same tokens), `head` (the predicted span's syntactic head lies inside the gold mention) and
`lenient` (any shared token).
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from spacy.language import Language
from spacy.tokens import Doc

from according.eval.scorer import PRF
from according.types import Frame, TextSpan

Category = Literal["actions", "participants", "times", "places"]
Rule = Literal["strict", "head", "lenient"]
CATEGORIES: tuple[Category, ...] = ("actions", "participants", "times", "places")
RULES: tuple[Rule, ...] = ("strict", "head", "lenient")
Mode = Literal["ledger", "sentences"]
#: ECB+ mention tags by the frame role they are scored against.
_GOLD_PREFIXES: dict[Category, tuple[str, ...]] = {
    "actions": ("ACTION_", "NEG_ACTION_"),
    "participants": ("HUMAN_PART", "NON_HUMAN_PART"),
    "times": ("TIME_",),
    "places": ("LOC_",),
}


@dataclass(frozen=True, slots=True)
class EcbDocument:
    """One ECB+ document rebuilt as text, with its gold mentions (token index tuples) in annotated sentences."""

    id: str
    text: str
    tokens: tuple[tuple[int, int], ...]  # character range of each ECB+ token in `text`
    sentence: tuple[int, ...]  # ECB+ sentence number of each token
    annotated: frozenset[int]  # the fully annotated sentence numbers
    gold: dict[Category, tuple[tuple[int, ...], ...]]


@dataclass(frozen=True, slots=True)
class Mention:
    """A predicted mention mapped onto ECB+ tokens: its tokens and the token holding its syntactic head."""

    tokens: tuple[int, ...]
    head: int


@dataclass(slots=True)
class FrameScores:
    """Micro-averaged P/R/F1 per role and match rule over the scored documents."""

    documents: int = 0
    sentences: int = 0
    frames: int = 0
    scores: dict[str, PRF] = field(default_factory=dict)  # "<category>/<rule>"

    def get(self, category: Category, rule: Rule) -> PRF:
        return self.scores.get(f"{category}/{rule}", PRF())

    def add(self, other: FrameScores) -> None:
        self.documents += other.documents
        self.sentences += other.sentences
        self.frames += other.frames
        for k, v in other.scores.items():
            self.scores[k] = self.scores.get(k, PRF()) + v

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "frames": self.frames,
            **{category: {rule: self.get(category, rule).to_dict() for rule in RULES} for category in CATEGORIES},
        }


def annotated_sentences(ecbplus: Path) -> dict[str, set[int]]:
    """Document id ("1_10ecbplus") -> its fully annotated sentence numbers."""
    path = ecbplus / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
    out: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            out.setdefault(f"{r['Topic']}_{r['File']}", set()).add(int(r["Sentence Number"]))
    return out


def read_document(path: Path, annotated: Iterable[int]) -> EcbDocument:
    """One ECB+ XML file as text plus gold mentions that lie in its annotated sentences."""
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    tokens: list[tuple[int, int]] = []
    sentence: list[int] = []
    index: dict[str, int] = {}
    pos = 0
    last: int | None = None
    for tok in root.iter("token"):
        s = int(tok.get("sentence", "0"))
        word = (tok.text or "").strip() or "_"
        sep = "" if last is None else (" " if s == last else "\n\n")
        pieces.append(sep + word)
        pos += len(sep)
        index[tok.get("t_id", "")] = len(tokens)
        tokens.append((pos, pos + len(word)))
        sentence.append(s)
        pos += len(word)
        last = s
    keep = frozenset(annotated)
    gold: dict[Category, list[tuple[int, ...]]] = {c: [] for c in CATEGORIES}
    markables = root.find("Markables")
    for m in markables if markables is not None else []:
        category = next((c for c, pre in _GOLD_PREFIXES.items() if m.tag.startswith(pre)), None)
        ids = tuple(sorted(index[a.get("t_id", "")] for a in m.iter("token_anchor") if a.get("t_id") in index))
        if category is None or not ids or sentence[ids[0]] not in keep:
            continue
        gold[category].append(ids)
    return EcbDocument(
        path.stem,
        "".join(pieces),
        tuple(tokens),
        tuple(sentence),
        keep,
        {c: tuple(sorted(set(v))) for c, v in gold.items()},
    )


def read_ecbplus(ecbplus: Path, *, limit: int | None = None) -> Iterator[EcbDocument]:
    """ECB+ documents that have at least one fully annotated sentence, in topic and file order."""
    wanted = annotated_sentences(ecbplus)
    paths = sorted((ecbplus / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    docs = (read_document(p, wanted[p.stem]) for p in paths if p.stem in wanted)
    yield from islice(docs, limit)


def _to_tokens(doc: EcbDocument, span: TextSpan) -> tuple[int, ...]:
    """ECB+ tokens overlapping a character span."""
    return tuple(i for i, (s, e) in enumerate(doc.tokens) if s < span.end and span.start < e)


def _mention(doc: EcbDocument, sdoc: Doc, span: TextSpan) -> Mention | None:
    toks = _to_tokens(doc, span)
    if not toks or doc.sentence[toks[0]] not in doc.annotated:
        return None
    sp = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    root = sp.root.idx if sp is not None and len(sp) else span.start
    head = next((i for i in toks if doc.tokens[i][0] <= root < doc.tokens[i][1]), toks[0])
    return Mention(toks, head)


def predicted(doc: EcbDocument, sdoc: Doc, frames: Sequence[Frame]) -> dict[Category, list[Mention]]:
    """The mentions frames report, by role, deduplicated, in the annotated sentences only."""
    spans: dict[Category, list[TextSpan]] = {c: [] for c in CATEGORIES}
    for f in frames:
        spans["actions"].append(f.action)
        spans["participants"].extend(a.span for a in (*f.actors, *f.targets))
        spans["places"].extend(a.span for a in f.places)
        spans["times"].extend(t.span for t in f.times)
    out: dict[Category, list[Mention]] = {}
    for c, ss in spans.items():
        seen: dict[tuple[int, ...], Mention] = {}
        for s in sorted(set((x.start, x.end, x.text) for x in ss)):
            m = _mention(doc, sdoc, TextSpan(*s))
            if m is not None:
                seen.setdefault(m.tokens, m)
        out[c] = list(seen.values())
    return out


def _matches(rule: Rule, p: Mention, g: tuple[int, ...]) -> bool:
    if rule == "strict":
        return p.tokens == g
    if rule == "head":
        return p.head in g
    return bool(set(p.tokens).intersection(g))


def match(predicted: Sequence[Mention], gold: Sequence[tuple[int, ...]], rule: Rule) -> PRF:
    """One-to-one greedy matching in text order: each gold mention matches at most one prediction."""
    used: set[int] = set()
    tp = 0
    for p in predicted:
        for k, g in enumerate(gold):
            if k not in used and _matches(rule, p, g):
                used.add(k)
                tp += 1
                break
    return PRF(tp, len(predicted), len(gold))


def score_document(doc: EcbDocument, sdoc: Doc, frames: Sequence[Frame]) -> FrameScores:
    """P/R/F1 counts of one document's frames against its gold mentions."""
    preds = predicted(doc, sdoc, frames)
    out = FrameScores(1, len(doc.annotated), len(frames))
    for c in CATEGORIES:
        for r in RULES:
            out.scores[f"{c}/{r}"] = match(preds[c], doc.gold[c], r)
    return out


def frames_of(sdoc: Doc, mode: Mode) -> tuple[Frame, ...]:
    """Frames of a parsed text: through the full ledger, or with every sentence taken as an author statement."""
    from according.analysis import ledger_of
    from according.extract import entities, frames
    from according.ingest.text import make_document

    if mode == "ledger":
        return ledger_of(make_document(sdoc.text), sdoc).frames
    text = sdoc.text
    statements = [
        (f"u{k + 1}", TextSpan.of(text, s.start_char, s.end_char))
        for k, s in enumerate(x for x in sdoc.sents if x.text.strip())
    ]
    return frames.frames(sdoc, (), statements, entities.entities(sdoc))


def evaluate_frames(
    ecbplus: Path,
    nlp: Language,
    *,
    limit: int | None = None,
    mode: Mode = "ledger",
    batch_size: int = 32,
    on_document: Callable[[], None] | None = None,
) -> FrameScores:
    """Micro-averaged scores of frames over ECB+ documents (all, or the first `limit`)."""
    docs = list(read_ecbplus(ecbplus, limit=limit))
    total = FrameScores()
    for doc, sdoc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        total.add(score_document(doc, sdoc, frames_of(sdoc, mode)))
        if on_document is not None:
            on_document()
    return total
