"""Candidates -> source records shared by their mentions, attribution nesting, stance and certainty."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc

from according.extract.attribution import Candidate, CharSpan
from according.extract.sources import Description, describe
from according.types import Attribution, Hedge, Source, SourceMember, TextSpan

_MAX_CONTENT = 20_000  # characters: no attribution's content is longer (a long multi-paragraph quote)
_SINGLE_TYPES = frozenset({"named_person", "named_organization", "media_outlet", "document"})
_INTERCHANGEABLE_ROLES = frozenset({"official", "source", "person", "one", "officer", "spokesman", "spokesperson"})


@dataclass(slots=True)
class _SourceBuild:
    id: str
    desc: Description
    mentions: list[CharSpan] = field(default_factory=list)


class SourceResolver:
    """Assigns each source mention to a source record, resolving pronouns and definite descriptions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.ents = list(doc.ents)  # once: Doc.ents rebuilds every entity span on each access
        self.records: list[_SourceBuild] = []
        self.recent: list[_SourceBuild] = []  # most recent last

    def _new(self, desc: Description) -> _SourceBuild:
        rec = _SourceBuild(f"s{len(self.records) + 1}", desc)
        self.records.append(rec)
        return rec

    def _touch(self, rec: _SourceBuild, span: CharSpan) -> _SourceBuild:
        if span not in rec.mentions:
            rec.mentions.append(span)
        if rec in self.recent:
            self.recent.remove(rec)
        self.recent.append(rec)
        return rec

    def resolve(self, span: CharSpan, refers_to: CharSpan | None = None) -> _SourceBuild | None:
        """The source record a mention refers to (created when it is new).

        `refers_to` is the phrase a relative pronoun stands for: described instead of the pronoun,
        while the pronoun stays the recorded mention.
        """
        described = refers_to or span
        sp = self.doc.char_span(described[0], described[1], alignment_mode="expand")
        if sp is None or len(sp) == 0:
            return None
        d = describe(sp, self.ents)
        if refers_to is None:
            d.start, d.end, d.text = span[0], span[1], self.text[span[0] : span[1]]
        rec = self._find(d)
        if rec is None:
            rec = self._new(d)
        return self._touch(rec, span)

    def _find(self, d: Description) -> _SourceBuild | None:
        if d.pronoun:
            low = d.text.lower()
            want_person = low in {"he", "she", "him", "her", "i"}
            for rec in reversed(self.recent):
                t = rec.desc.type
                if want_person and t in {"named_person", "anonymous_person"}:
                    return rec
                if low in {"they", "we"} and t in {"anonymous_group", "named_organization", "media_outlet"}:
                    return rec
                if low == "it" and t in {"named_organization", "media_outlet", "document"}:
                    return rec
            return None
        if d.type == "named_person":
            surname = d.name.split()[-1].lower() if d.name.split() else ""
            for rec in reversed(self.recent):
                if (
                    rec.desc.type == "named_person"
                    and rec.desc.name.split()[-1:]
                    and rec.desc.name.split()[-1].lower() == surname
                ):
                    return rec
            return None
        if d.type == "media_outlet" and d.news_item and d.name == "the report":
            # "the report": the outlet whose report the article last cited by name
            for rec in reversed(self.recent):
                if rec.desc.type == "media_outlet" and rec.desc.name != "the report":
                    return rec
            for rec in reversed(self.recent):
                if rec.desc.type == "media_outlet":
                    return rec
            return None
        if d.type in {"named_organization", "media_outlet", "document"}:
            key = d.name.lower().removeprefix("the ")
            for rec in reversed(self.recent):
                if rec.desc.type == d.type and rec.desc.name.lower().removeprefix("the ") == key:
                    return rec
            if d.type == "document" and d.definite:
                for rec in reversed(self.recent):
                    if rec.desc.type == "document" and rec.desc.head_lemma == d.head_lemma:
                        return rec
            return None
        if d.anonymous and d.definite and not d.partitive:
            for rec in reversed(self.recent):
                r = rec.desc
                if not r.anonymous:
                    continue
                if d.plural != (r.type == "anonymous_group"):
                    continue
                if not _roles_match(d.head_lemma, r):
                    continue
                if d.affiliation and not _aff_compatible(d.affiliation, r):
                    continue
                return rec
        return None

    def sources(self) -> list[Source]:
        out: list[Source] = []
        for rec in self.records:
            d = rec.desc
            mentions = tuple(TextSpan.of(self.text, s, e) for s, e in sorted(rec.mentions))
            members = tuple(
                SourceMember(m.descriptor, m.count, m.affiliation, m.role, TextSpan.of(self.text, m.start, m.end))
                for m in d.members
            )
            out.append(
                Source(
                    id=rec.id,
                    type=d.type,  # type: ignore[arg-type]
                    name=d.name,
                    anonymous=d.anonymous,
                    # a named source (person, organisation, outlet, document) is one source
                    count=1 if d.type in _SINGLE_TYPES else d.count,
                    count_phrase=d.count_phrase,
                    affiliation=d.affiliation,
                    role=d.role,
                    mentions=mentions,
                    members=members,
                )
            )
        return out


def _roles_match(head: str, r: Description) -> bool:
    if head == r.head_lemma:
        return True
    return head in _INTERCHANGEABLE_ROLES and (
        r.head_lemma in _INTERCHANGEABLE_ROLES or r.role in _INTERCHANGEABLE_ROLES
    )


def _aff_compatible(aff: str, r: Description) -> bool:
    if not r.affiliation:
        return False
    have = set(r.affiliation.lower().replace(";", " ").split())
    return set(aff.lower().split()) <= have


def _contains(outer: Candidate, pos: int) -> bool:
    return any(s <= pos < e for s, e in outer.content) or (outer.start <= pos < outer.end and len(outer.content) == 1)


def _certainty(
    cand: Candidate, hedge_list: list[tuple[CharSpan, str]], hedge_starts: list[int]
) -> tuple[str, list[int]]:
    """asserted / hedged / boosted / denied, from the cue and the hedges inside the content.

    `hedge_starts` are the (sorted) hedge start offsets, so only hedges in the claim's range are looked at.
    """
    inside: list[int] = []
    kinds: set[str] = set()
    lo_pos = min(cand.start, cand.cue[0] if cand.cue else cand.start)
    hi_pos = max(cand.end, cand.cue[1] if cand.cue else cand.end)
    for i in range(bisect.bisect_left(hedge_starts, lo_pos), bisect.bisect_left(hedge_starts, hi_pos)):
        (s, e), kind = hedge_list[i]
        in_content = any(a <= s and e <= b for a, b in cand.content)
        on_cue = cand.cue is not None and s < cand.cue[1] and e > cand.cue[0]
        if in_content or on_cue:
            inside.append(i)
            kinds.add(kind)
    if cand.stance == "denial":
        return "denied", inside
    if "hedge" in kinds or cand.passive or cand.stance == "distancing":
        return "hedged", inside
    if "booster" in kinds:
        return "boosted", inside
    return "asserted", inside


def build(
    doc: Doc, cands: list[Candidate], hedge_list: list[tuple[CharSpan, str]], hedge_records: list[Hedge]
) -> tuple[list[Source], list[Attribution]]:
    """Resolve sources, link nesting and fill stance/certainty: the ledger's sources and attributions."""
    text = doc.text
    resolver = SourceResolver(doc)
    src_of: dict[int, _SourceBuild | None] = {}
    for i, c in enumerate(cands):
        if c.source is not None and c.source[1] > c.source[0]:
            src_of[i] = resolver.resolve(c.source, c.refers_to)
        elif c.speaker_from is not None and c.speaker_from in cands:
            j = cands.index(c.speaker_from)
            src_of[i] = src_of.get(j)
        else:
            src_of[i] = None
    ids = [f"a{i + 1}" for i in range(len(cands))]
    parents: list[str | None] = [None] * len(cands)
    # explicit nesting: the cue sits inside another attribution's content. Candidates come sorted by
    # start, so only those starting up to _MAX_CONTENT before this one can hold it.
    starts = [c.start for c in cands]
    for i, c in enumerate(cands):
        if c.cue is None:
            continue
        best: int | None = None
        lo = bisect.bisect_left(starts, c.start - _MAX_CONTENT)
        hi = bisect.bisect_right(starts, c.start)
        for j in range(lo, hi):
            o = cands[j]
            if j == i or not _contains(o, c.cue[0]):
                continue
            if (
                o.start <= c.start
                and c.end <= o.end + 1
                and (best is None or (o.end - o.start) < (cands[best].end - cands[best].start))
            ):
                best = j
        if best is not None:
            parents[i] = ids[best]
    # retold reports: after "A report by Reuters revealed ...", anonymous sources belong to the report
    frame: int | None = None
    frame_outlet: str | None = None
    for i, c in enumerate(cands):
        rec = src_of[i]
        desc = rec.desc if rec else None
        if c.rule == "title":
            continue
        if parents[i] is None and desc is not None and desc.type in {"media_outlet", "document"} and not desc.news_item:
            if frame is None or (desc.outlet and desc.outlet != frame_outlet):
                frame, frame_outlet = i, desc.outlet
            continue
        if (
            parents[i] is None
            and desc is not None
            and desc.type in {"media_outlet", "document"}
            and desc.news_item
            and frame is None
        ):
            frame, frame_outlet = i, desc.outlet
            continue
        if frame is None or parents[i] is not None or i == frame:
            continue
        ctx_text = text[c.source_context[0] : c.source_context[1]].lower() if c.source_context else ""
        mentions_frame = bool(frame_outlet) and frame_outlet is not None and frame_outlet.lower() in ctx_text
        mentions_report = any(w in ctx_text for w in (" report", " story", " piece"))
        # a specific anonymous source ("one of the officials", "three sources", "the official") is the
        # report's; a vague group ("officials") or a named source is the report's only when tied to it
        specific_anonymous = (
            desc is not None
            and desc.anonymous
            and bool(desc.type != "anonymous_group" or desc.count or desc.partitive or desc.definite or desc.members)
        )
        tied = desc is not None and (mentions_frame or mentions_report) and desc.type != "media_outlet"
        if specific_anonymous or tied or c.rule == "sourced_to":
            parents[i] = ids[frame]
    sources = resolver.sources()
    hedge_starts = [s for (s, _), _ in hedge_list]
    atts: list[Attribution] = []
    for i, c in enumerate(cands):
        rec = src_of[i]
        certainty, inside = _certainty(c, hedge_list, hedge_starts)
        parts = tuple(TextSpan.of(text, s, e) for s, e in c.content)
        content = TextSpan.of(text, c.start, c.end)
        atts.append(
            Attribution(
                id=ids[i],
                kind=c.kind,  # type: ignore[arg-type]
                stance=c.stance,  # type: ignore[arg-type]
                certainty=certainty,  # type: ignore[arg-type]
                content=content,
                content_parts=parts if len(parts) > 1 else (),
                cue=TextSpan.of(text, *c.cue) if c.cue else None,
                source_mention=TextSpan.of(text, *c.source) if c.source and c.source[1] > c.source[0] else None,
                source_id=rec.id if rec else None,
                parent=parents[i],
                confidence=round(c.confidence, 2),
                method=f"according.rules.v1:{c.rule}",
                hedge_ids=tuple(hedge_records[k].id for k in inside),
            )
        )
    return sources, atts
