"""Frozen records passed between stages; every span is a half-open character range into `Document.text`.

This module holds data and validation only. The JSON form of a `Ledger` is `according.ledger/1`
(docs/ledger.md); `Ledger.to_dict()` and `Ledger.from_dict()` round-trip it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

SCHEMA = "according.ledger/1"

Kind = Literal["direct", "indirect", "mixed", "according_to", "other"]
SourceType = Literal[
    "named_person",
    "named_organization",
    "media_outlet",
    "anonymous_person",
    "anonymous_group",
    "document",
    "unspecified",
]
Stance = Literal["neutral", "assertive", "distancing", "denial"]
Certainty = Literal["asserted", "hedged", "boosted", "denied"]
HedgeKind = Literal["hedge", "booster"]
SkipReason = Literal[
    "empty",
    "binary",
    "not_html",
    "no_article_body",
    "bad_encoding",
    "bad_json",
    "too_large",
    "unreadable",
    "unbalanced_quotes",
    "truncated",
    "wrong_language",
]

KINDS: tuple[str, ...] = get_args(Kind)
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
STANCES: tuple[str, ...] = get_args(Stance)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
HEDGE_KINDS: tuple[str, ...] = get_args(HedgeKind)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A half-open range `[start, end)` of `Document.text` and the string it covers."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets ({self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != end - start for ({self.start}, {self.end})")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> TextSpan:
        """The span `[start, end)` of `text`, with its surface string."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TextSpan:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))


@dataclass(frozen=True, slots=True)
class Document:
    """One article: the exact text analysed plus its metadata."""

    id: str  # sha256 of url + text, so re-analysing the same article gives the same id
    text: str  # the only string offsets refer to
    sha256: str  # sha256 of text alone
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    author: str | None = None
    title_span: TextSpan | None = None  # where the headline sits in `text`, when it does

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "author": self.author,
            "title_span": self.title_span.to_dict() if self.title_span else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], text: str) -> Document:
        pub = d.get("published")
        ts = d.get("title_span")
        return cls(
            id=d["id"],
            text=text,
            sha256=d["sha256"],
            title=d.get("title"),
            outlet=d.get("outlet"),
            url=d.get("url"),
            published=datetime.fromisoformat(pub) if pub else None,
            author=d.get("author"),
            title_span=TextSpan.from_dict(ts) if ts else None,
        )


@dataclass(frozen=True, slots=True)
class SourceMember:
    """One group inside a composite source: "two Iraqi intelligence sources" in a list of seven."""

    descriptor: str
    count: int | None
    affiliation: str | None
    role: str | None
    mention: TextSpan

    def to_dict(self) -> dict[str, Any]:
        return {
            "descriptor": self.descriptor,
            "count": self.count,
            "affiliation": self.affiliation,
            "role": self.role,
            "mention": self.mention.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceMember:
        return cls(
            d["descriptor"], d.get("count"), d.get("affiliation"), d.get("role"), TextSpan.from_dict(d["mention"])
        )


@dataclass(frozen=True, slots=True)
class Source:
    """Who stands behind claims: one record shared by all of its mentions in the article."""

    id: str
    type: SourceType
    name: str  # a proper name, or the descriptor for anonymous sources ("Iranian officials")
    anonymous: bool
    count: int | None  # how many people the source stands for, where the text says
    count_phrase: str | None  # the quantity words as written ("three", "several")
    affiliation: str | None
    role: str | None
    mentions: tuple[TextSpan, ...]
    members: tuple[SourceMember, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in SOURCE_TYPES:
            raise ValueError(f"source type {self.type!r} not in {SOURCE_TYPES}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "anonymous": self.anonymous,
            "count": self.count,
            "count_phrase": self.count_phrase,
            "affiliation": self.affiliation,
            "role": self.role,
            "mentions": [m.to_dict() for m in self.mentions],
            "members": [m.to_dict() for m in self.members],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(
            id=d["id"],
            type=d["type"],
            name=d["name"],
            anonymous=bool(d["anonymous"]),
            count=d.get("count"),
            count_phrase=d.get("count_phrase"),
            affiliation=d.get("affiliation"),
            role=d.get("role"),
            mentions=tuple(TextSpan.from_dict(m) for m in d.get("mentions", [])),
            members=tuple(SourceMember.from_dict(m) for m in d.get("members", [])),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed claim: who (source), how (cue, kind, stance) and what (content)."""

    id: str
    kind: Kind
    stance: Stance
    certainty: Certainty
    content: TextSpan  # the covering span; `content_parts` has the pieces when it is split
    cue: TextSpan | None
    source_mention: TextSpan | None
    source_id: str | None
    parent: str | None  # id of the attribution this one sits inside; None = the author's own report
    confidence: float
    method: str = "according.rules.v1"
    content_parts: tuple[TextSpan, ...] = ()
    hedge_ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} not in {KINDS}")
        if self.stance not in STANCES:
            raise ValueError(f"stance {self.stance!r} not in {STANCES}")
        if self.certainty not in CERTAINTIES:
            raise ValueError(f"certainty {self.certainty!r} not in {CERTAINTIES}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "stance": self.stance,
            "certainty": self.certainty,
            "content": self.content.to_dict(),
            "content_parts": [p.to_dict() for p in self.content_parts],
            "cue": self.cue.to_dict() if self.cue else None,
            "source_mention": self.source_mention.to_dict() if self.source_mention else None,
            "source_id": self.source_id,
            "parent": self.parent,
            "confidence": self.confidence,
            "method": self.method,
            "hedge_ids": list(self.hedge_ids),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Attribution:
        cue = d.get("cue")
        sm = d.get("source_mention")
        return cls(
            id=d["id"],
            kind=d["kind"],
            stance=d["stance"],
            certainty=d["certainty"],
            content=TextSpan.from_dict(d["content"]),
            content_parts=tuple(TextSpan.from_dict(p) for p in d.get("content_parts", [])),
            cue=TextSpan.from_dict(cue) if cue else None,
            source_mention=TextSpan.from_dict(sm) if sm else None,
            source_id=d.get("source_id"),
            parent=d.get("parent"),
            confidence=float(d["confidence"]),
            method=d.get("method", "according.rules.v1"),
            hedge_ids=tuple(d.get("hedge_ids", [])),
        )


@dataclass(frozen=True, slots=True)
class Hedge:
    """A hedge ("alleged", "appear to be") or booster ("definitely") with its span."""

    id: str
    span: TextSpan
    kind: HedgeKind

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.span.to_dict(), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Hedge:
        return cls(d["id"], TextSpan.from_dict(d), d["kind"])


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention from spaCy's NER."""

    span: TextSpan
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "label": self.label}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(TextSpan.from_dict(d), d["label"])


@dataclass(frozen=True, slots=True)
class Framing:
    """A span where the text persuades rather than reports: one SemEval-2020 Task 11 technique and its score."""

    span: TextSpan
    technique: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "technique": self.technique, "score": self.score}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Framing:
        return cls(TextSpan.from_dict(d), d["technique"], float(d["score"]))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be analysed, and why; streams yield these and keep going."""

    source: str
    reason: SkipReason
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Ledger:
    """The claim ledger of one article."""

    document: Document
    sources: tuple[Source, ...]
    attributions: tuple[Attribution, ...]
    hedges: tuple[Hedge, ...]
    opinion_sentences: tuple[TextSpan, ...]
    entities: tuple[Entity, ...]
    profile: dict[str, Any]
    framing: tuple[Framing, ...] = ()
    sentences: int = 0
    warnings: tuple[str, ...] = ()
    model: str = ""
    schema: str = field(default=SCHEMA)

    @property
    def text(self) -> str:
        return self.document.text

    def source(self, source_id: str | None) -> Source | None:
        """The source record with this id, if any."""
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def spans(self) -> list[TextSpan]:
        """Every span the ledger reports, for checking that each slices to its text."""
        out: list[TextSpan] = []
        for s in self.sources:
            out.extend(s.mentions)
            out.extend(m.mention for m in s.members)
        for a in self.attributions:
            out.append(a.content)
            out.extend(a.content_parts)
            if a.cue:
                out.append(a.cue)
            if a.source_mention:
                out.append(a.source_mention)
        out.extend(h.span for h in self.hedges)
        out.extend(self.opinion_sentences)
        out.extend(e.span for e in self.entities)
        out.extend(f.span for f in self.framing)
        if self.document.title_span:
            out.append(self.document.title_span)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "document": self.document.to_dict(),
            "text": self.document.text,
            "model": self.model,
            "sentences": self.sentences,
            "sources": [s.to_dict() for s in self.sources],
            "attributions": [a.to_dict() for a in self.attributions],
            "hedges": [h.to_dict() for h in self.hedges],
            "opinion_sentences": [s.to_dict() for s in self.opinion_sentences],
            "entities": [e.to_dict() for e in self.entities],
            "framing": [f.to_dict() for f in self.framing],
            "profile": self.profile,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ledger:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not an {SCHEMA} object (schema={d.get('schema')!r})")
        text = d["text"]
        return cls(
            document=Document.from_dict(d["document"], text),
            sources=tuple(Source.from_dict(s) for s in d["sources"]),
            attributions=tuple(Attribution.from_dict(a) for a in d["attributions"]),
            hedges=tuple(Hedge.from_dict(h) for h in d["hedges"]),
            opinion_sentences=tuple(TextSpan.from_dict(s) for s in d["opinion_sentences"]),
            entities=tuple(Entity.from_dict(e) for e in d["entities"]),
            profile=d["profile"],
            framing=tuple(Framing.from_dict(f) for f in d.get("framing", [])),
            sentences=int(d.get("sentences", 0)),
            warnings=tuple(d.get("warnings", [])),
            model=d.get("model", ""),
            schema=d["schema"],
        )
