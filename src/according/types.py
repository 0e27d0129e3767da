"""Frozen records passed between stages; every span is a half-open character range into `Document.text`.

This module holds data and validation only. The JSON form of a `Ledger` is `according.ledger/1`
(docs/ledger.md); `Ledger.to_dict()` and `Ledger.from_dict()` round-trip it exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, get_args

SCHEMA = "according.ledger/2"
#: Older formats that `Ledger.from_dict` still reads (ledger/1 had entity mentions, no frames or evidence).
READABLE_SCHEMAS = ("according.ledger/1", SCHEMA)

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

EntityType = Literal["person", "organization", "country", "place", "group", "other"]
TimeResolution = Literal["explicit", "publication_date", "unresolved"]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)
TIME_RESOLUTIONS: tuple[str, ...] = get_args(TimeResolution)
#: The information-credibility half of the Admiralty (NATO) grading system, on sourcing alone (docs/evidence.md).
GRADE_LABELS: dict[int, str] = {
    1: "confirmed by independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}


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
class EntityMention:
    """One place an entity is mentioned: a named-entity span, or a pronoun, demonym or description resolved to it."""

    span: TextSpan
    label: str  # spaCy's NER label, or the part of speech for resolved mentions ("PRON", "NOUN")
    via: str  # how the mention was tied to the entity: "ner", "alias", "pronoun", "demonym", "description", ...

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "label": self.label, "via": self.via}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EntityMention:
        return cls(TextSpan.from_dict(d), d["label"], d.get("via", "ner"))


@dataclass(frozen=True, slots=True)
class EntityMerge:
    """Why two names were taken for one entity: never a silent merge."""

    alias: str  # the name merged in ("Tehran")
    reason: str  # "capital of IR used as its government", "pronoun 'it' resolved to the nearest organisation", ...

    def to_dict(self) -> dict[str, Any]:
        return {"alias": self.alias, "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EntityMerge:
        return cls(d["alias"], d["reason"])


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor, place or group in the article, with all of its mentions.

    `key` is the normalised name the corpus merges on ("country:IR", "org:quds force", "person:qasem soleimani"),
    so the same actor in two articles gets the same corpus entity.
    """

    id: str  # "e1", "e2" ... in order of first mention
    name: str  # the canonical name ("Iran", "Quds Force")
    type: EntityType
    key: str
    mentions: tuple[EntityMention, ...]
    aliases: tuple[str, ...] = ()
    merges: tuple[EntityMerge, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"entity type {self.type!r} not in {ENTITY_TYPES}")

    @property
    def label(self) -> str:
        """spaCy's label of the first named mention (kept for readers of ledger/1)."""
        return next((m.label for m in self.mentions if m.via == "ner"), self.mentions[0].label if self.mentions else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "key": self.key,
            "mentions": [m.to_dict() for m in self.mentions],
            "aliases": list(self.aliases),
            "merges": [m.to_dict() for m in self.merges],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            name=d["name"],
            type=d["type"],
            key=d["key"],
            mentions=tuple(EntityMention.from_dict(m) for m in d["mentions"]),
            aliases=tuple(d.get("aliases", [])),
            merges=tuple(EntityMerge.from_dict(m) for m in d.get("merges", [])),
        )


@dataclass(frozen=True, slots=True)
class Argument:
    """A role filler in a frame (an actor, a target, a place) and the entity it refers to, when known."""

    span: TextSpan
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "entity_id": self.entity_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Argument:
        return cls(TextSpan.from_dict(d), d.get("entity_id"))


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression and its value: an ISO 8601 date ("2018-08-31"), month ("2018-08"), year, or "a/b" range."""

    span: TextSpan
    value: str | None  # None when it could not be normalised ("recently")
    resolution: TimeResolution  # "explicit" (the text gives the year), "publication_date" (anchored), "unresolved"

    def __post_init__(self) -> None:
        if self.resolution not in TIME_RESOLUTIONS:
            raise ValueError(f"time resolution {self.resolution!r} not in {TIME_RESOLUTIONS}")

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "value": self.value, "resolution": self.resolution}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TimeExpression:
        return cls(TextSpan.from_dict(d), d.get("value"), d.get("resolution", "unresolved"))


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity as written ("a couple of dozen", "about 200 km to 700 km") and its value or range and unit."""

    span: TextSpan
    value: float | None  # a single value; None for ranges and unreadable numbers
    low: float | None  # range bounds (equal to value for a single value)
    high: float | None
    unit: str | None  # "km", "missiles", "USD", "%" ... None when the text names none
    approximate: bool  # "about", "some", "a couple of", "nearly"

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "approximate": self.approximate,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quantity:
        return cls(
            TextSpan.from_dict(d), d.get("value"), d.get("low"), d.get("high"), d.get("unit"), bool(d["approximate"])
        )


@dataclass(frozen=True, slots=True)
class Frame:
    """Who did what to whom, where and when, inside one claim; a claim may hold several frames.

    `claim_id` is the attribution's id ("a3"), or "u<n>" for a statement in the author's own voice.
    """

    id: str  # "f1", "f2" ... in text order
    claim_id: str
    action: TextSpan  # the verb or event noun
    lemma: str  # "move", "ship", "deny"
    negated: bool
    modality: str | None  # "may", "could", "plan", "would" ... None when asserted plainly
    actors: tuple[Argument, ...] = ()
    targets: tuple[Argument, ...] = ()
    places: tuple[Argument, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    quantities: tuple[Quantity, ...] = ()

    def spans(self) -> list[TextSpan]:
        """The frame's spans: action, arguments, times and quantities."""
        out = [self.action]
        for args in (self.actors, self.targets, self.places):
            out.extend(a.span for a in args)
        out.extend(t.span for t in self.times)
        out.extend(q.span for q in self.quantities)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim_id": self.claim_id,
            "action": self.action.to_dict(),
            "lemma": self.lemma,
            "negated": self.negated,
            "modality": self.modality,
            "actors": [a.to_dict() for a in self.actors],
            "targets": [a.to_dict() for a in self.targets],
            "places": [a.to_dict() for a in self.places],
            "times": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Frame:
        return cls(
            id=d["id"],
            claim_id=d["claim_id"],
            action=TextSpan.from_dict(d["action"]),
            lemma=d["lemma"],
            negated=bool(d["negated"]),
            modality=d.get("modality"),
            actors=tuple(Argument.from_dict(a) for a in d.get("actors", [])),
            targets=tuple(Argument.from_dict(a) for a in d.get("targets", [])),
            places=tuple(Argument.from_dict(a) for a in d.get("places", [])),
            times=tuple(TimeExpression.from_dict(t) for t in d.get("times", [])),
            quantities=tuple(Quantity.from_dict(q) for q in d.get("quantities", [])),
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """The evidence grade of one claim, computed from its sourcing only (docs/evidence.md); never a truth verdict."""

    claim_id: str  # an attribution id ("a3") or an author statement ("u2")
    claim: TextSpan  # the claim's text
    grade: int  # 1-6 on the Admiralty information-credibility scale (GRADE_LABELS)
    reasons: tuple[str, ...]  # the sourcing facts that led to the grade, in words, most decisive first
    independent_origins: int  # distinct origins behind the claim (in one article: distinct source groups)
    named_sources: int
    anonymous_sources: int
    people: int | None  # how many people the sources stand for, where the text counts them
    depth: int  # 0 = the author's own voice, 1 = first-hand source, 2+ = relayed through a report
    hedged: bool
    denied: bool  # a denial on record
    author_voice: bool  # the author asserts it without attribution

    def __post_init__(self) -> None:
        if self.grade not in GRADE_LABELS:
            raise ValueError(f"grade {self.grade!r} not in 1-6")

    @property
    def label(self) -> str:
        """The grade in words ("possibly true"), always to be read as "on its sourcing"."""
        return GRADE_LABELS[self.grade]

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id,
            "claim": self.claim.to_dict(),
            "grade": self.grade,
            "label": self.label,
            "reasons": list(self.reasons),
            "independent_origins": self.independent_origins,
            "named_sources": self.named_sources,
            "anonymous_sources": self.anonymous_sources,
            "people": self.people,
            "depth": self.depth,
            "hedged": self.hedged,
            "denied": self.denied,
            "author_voice": self.author_voice,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(
            claim_id=d["claim_id"],
            claim=TextSpan.from_dict(d["claim"]),
            grade=int(d["grade"]),
            reasons=tuple(d.get("reasons", [])),
            independent_origins=int(d["independent_origins"]),
            named_sources=int(d["named_sources"]),
            anonymous_sources=int(d["anonymous_sources"]),
            people=d.get("people"),
            depth=int(d["depth"]),
            hedged=bool(d["hedged"]),
            denied=bool(d["denied"]),
            author_voice=bool(d["author_voice"]),
        )


def _entities_v1(mentions: list[dict[str, Any]], text: str) -> tuple[Entity, ...]:
    """ledger/1 listed bare NER mentions; read each as an entity of one mention."""
    out = []
    for i, m in enumerate(mentions):
        span = TextSpan.from_dict(m)
        out.append(
            Entity(
                f"e{i + 1}", span.text, "other", f"name:{span.text.lower()}", (EntityMention(span, m["label"], "ner"),)
            )
        )
    return tuple(out)


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
    frames: tuple[Frame, ...] = ()
    evidence: tuple[Evidence, ...] = ()
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
        out.extend(m.span for e in self.entities for m in e.mentions)
        out.extend(f.span for f in self.framing)
        for fr in self.frames:
            out.extend(fr.spans())
        out.extend(ev.claim for ev in self.evidence)
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
            "frames": [f.to_dict() for f in self.frames],
            "evidence": [e.to_dict() for e in self.evidence],
            "profile": self.profile,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Ledger:
        if d.get("schema") not in READABLE_SCHEMAS:
            raise ValueError(f"not an {SCHEMA} object (schema={d.get('schema')!r})")
        text = d["text"]
        v1 = d["schema"] != SCHEMA
        return cls(
            document=Document.from_dict(d["document"], text),
            sources=tuple(Source.from_dict(s) for s in d["sources"]),
            attributions=tuple(Attribution.from_dict(a) for a in d["attributions"]),
            hedges=tuple(Hedge.from_dict(h) for h in d["hedges"]),
            opinion_sentences=tuple(TextSpan.from_dict(s) for s in d["opinion_sentences"]),
            entities=_entities_v1(d["entities"], text) if v1 else tuple(Entity.from_dict(e) for e in d["entities"]),
            profile=d["profile"],
            framing=tuple(Framing.from_dict(f) for f in d.get("framing", [])),
            frames=tuple(Frame.from_dict(f) for f in d.get("frames", [])),
            evidence=tuple(Evidence.from_dict(e) for e in d.get("evidence", [])),
            sentences=int(d.get("sentences", 0)),
            warnings=tuple(d.get("warnings", [])),
            model=d.get("model", ""),
        )
