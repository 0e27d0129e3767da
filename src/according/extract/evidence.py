"""Evidence grades for the claims of one article, from their sourcing only (docs/evidence.md).

The grade is the information-credibility half of the Admiralty (NATO) system, read as "on its sourcing": it
counts who stands behind a claim and how, and never judges whether the claim is true. The decision table in
docs/evidence.md is the specification; `_grade` below follows it rule by rule, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from according.types import Attribution, Evidence, Frame, Hedge, Source, TextSpan

METHOD = "according.evidence.v1"

#: A contested claim (denied on record but not thinly sourced) or a hedged one is lowered one step per cue,
#: but lowering alone never makes a claim "improbable" (5): that takes a named contradiction (rule 1).
_FLOOR = 4
#: Two attributions carry "the same claim" when their content words overlap at least this much (Jaccard).
_SAME_CLAIM = 0.7

_WORD = re.compile(r"[^\W\d_]+")
# Function words and reporting verbs: they say nothing about *what* is claimed.
_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    said says say saying told tells tell according added adds stated states reported reports noted denied
    deny denies denial denials
"""
_STOP = frozenset(_STOP_WORDS.split())
_PARTITIVE = re.compile(
    r"\b(one|two|three|four|five|six|some|several|many|most|all|none|each|any)\s+of\s+(the|these|those)\b", re.I
)
_RELAY_TYPES = ("media_outlet", "document")
_PERSON_TYPES = ("named_person", "anonymous_person", "anonymous_group")


def _stem(word: str) -> str:
    # A light suffix strip, not a real stemmer: it only has to make inflections of one word meet.
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + keep
    return word


def stems(text: str) -> frozenset[str]:
    """The content words of `text`: lowercased, lightly stemmed, stop words and short tokens dropped."""
    return frozenset(
        _stem(w) for w in (m.group() for m in _WORD.finditer(text.lower())) if len(w) > 2 and w not in _STOP
    )


def is_named(source: Source) -> bool:
    """Whether a source is on record by name; a report with no proper name ("the report") is not."""
    if source.anonymous:
        return False
    if source.type in _RELAY_TYPES or source.type == "unspecified":
        return any(c.isupper() for c in source.name)
    return True


def _norm(name: str) -> str:
    return " ".join(re.sub(r"^(the|a|an)\s+", "", name.strip().lower()).split())


@dataclass(frozen=True, slots=True)
class _Group:
    """One independent origin inside the article: a named source, or one anonymous group of a composite."""

    key: str | None  # None: a partitive ("three of the sources") that joins an earlier group when there is one
    label: str
    named: bool
    anonymous: bool
    people: int | None
    depth: int


def _groups(source: Source, depth: int) -> list[_Group]:
    """The origins a source stands for: one per member of a composite source, else the source itself."""
    named = is_named(source)
    person = source.type in _PERSON_TYPES
    if source.members:
        return [
            _Group(
                "anon:" + _norm(m.affiliation or m.descriptor) if source.anonymous else "named:" + _norm(m.descriptor),
                m.descriptor,
                named,
                source.anonymous,
                m.count,
                depth,
            )
            for m in source.members
        ]
    if named:
        key: str | None = "named:" + _norm(source.name)
    elif _PARTITIVE.search(source.name):
        key = None
    else:
        key = "anon:" + _norm(source.affiliation or source.name)
    return [_Group(key, source.name, named, source.anonymous, source.count if person else None, depth)]


@dataclass(frozen=True, slots=True)
class _Facts:
    """The sourcing facts of one claim, before grading."""

    groups: tuple[_Group, ...]
    depth: int
    relays: tuple[str, ...]  # names of the reports or sources it was relayed through, outermost first
    hedges: tuple[str, ...]  # hedge words and distancing cues, as written
    boosters: tuple[str, ...]
    deniers: tuple[tuple[str, bool, str], ...]  # (denier name, named?, denial attribution id)
    author_voice: bool


class _Article:
    """Lookups over one article's records, built once per `grades` call."""

    def __init__(self, attributions: Sequence[Attribution], sources: Sequence[Source], hedges: Sequence[Hedge]):
        self.atts = {a.id: a for a in attributions}
        self.sources = {s.id: s for s in sources}
        self.hedges = {h.id: h for h in hedges}

    def chain(self, a: Attribution) -> list[Attribution]:
        """The attribution and its parents, outermost first (a parent cycle is cut, not followed)."""
        out: list[Attribution] = []
        seen: set[str] = set()
        cur: Attribution | None = a
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            out.append(cur)
            cur = self.atts.get(cur.parent) if cur.parent else None
        out.reverse()
        return out

    def source(self, a: Attribution) -> Source | None:
        return self.sources.get(a.source_id) if a.source_id else None

    def origin(self, a: Attribution) -> tuple[Source | None, int, tuple[str, ...]]:
        """The innermost source of an attribution's chain, its depth, and the sources it was relayed through."""
        sourced = [(x, s) for x in self.chain(a) for s in [self.source(x)] if s is not None]
        if not sourced:
            return None, 0, ()
        inner = sourced[-1][1]
        # A report as the innermost voice relays people the article does not show: one more step.
        depth = len(sourced) + (1 if inner.type in _RELAY_TYPES else 0)
        relays = tuple(s.name for _, s in sourced[:-1]) + ((inner.name,) if inner.type in _RELAY_TYPES else ())
        return inner, depth, relays


def _is_denial(a: Attribution) -> bool:
    return a.stance == "denial" or a.certainty == "denied"


def _hedge_words(art: _Article, chain: Iterable[Attribution]) -> tuple[list[str], list[str]]:
    hedged: list[str] = []
    boosted: list[str] = []
    for x in chain:
        for hid in x.hedge_ids:
            h = art.hedges.get(hid)
            if h is not None:
                (hedged if h.kind == "hedge" else boosted).append(h.span.text)
        if x.stance == "distancing" and x.cue is not None:
            hedged.append(x.cue.text)  # "claimed", "alleged": the reporter keeps a distance
        elif x.certainty == "hedged" and not any(art.hedges.get(h) for h in x.hedge_ids):
            hedged.append(x.cue.text if x.cue is not None else "hedged")
    return list(dict.fromkeys(hedged)), list(dict.fromkeys(boosted))


def _mentions(words: frozenset[str], name: str) -> bool:
    """Whether some word of a claim starts like a word of `name` ("Iranian" for "Iran")."""
    return any(w.startswith(n) for n in stems(name) if len(n) >= 4 for w in words)


def _targets(denial_words: frozenset[str], denier: str, claim_words: frozenset[str]) -> bool:
    """Whether a denial is about a claim: two shared content words, or one plus a mention of the denier."""
    name = stems(denier)
    shared = (denial_words & claim_words) - name
    return len(shared) >= 2 or (len(shared) == 1 and _mentions(claim_words, denier))


def _describe(groups: Sequence[_Group]) -> list[str]:
    """The origins in words: how many, how many people, named or not ("3 independent source groups (7 people)")."""
    if len(groups) == 1:
        g = groups[0]
        kind = "named" if g.named else "anonymous" if g.anonymous else "unnamed"
        people = f" ({g.people} people)" if g.people is not None and g.people > 1 else ""
        return [f"1 {kind} source: {g.label}{people}"]
    counts = [g.people for g in groups]
    noun = "source groups" if any(n is not None and n > 1 for n in counts) else "sources"
    count = f"{len(groups)} independent {noun}"
    if all(n is not None for n in counts) and sum(n or 0 for n in counts) > len(groups):
        count += f" ({sum(n or 0 for n in counts)} people)"
    named = [g.label for g in groups if g.named]
    if not named:
        who = "all sources anonymous"
    elif len(named) == len(groups):
        who = f"all sources named: {', '.join(named)}"
    else:
        who = f"{len(named)} named ({', '.join(named)}), {len(groups) - len(named)} not"
    return [count, who]


def _grade(f: _Facts) -> tuple[int, list[str]]:
    """Apply the decision table of docs/evidence.md, in order; the first rule that matches decides."""
    groups = f.groups
    named = [g for g in groups if g.named]
    named_denials = [(who, aid) for who, is_named_, aid in f.deniers if is_named_]
    denial_reasons = [f"denied on record by {who} ({aid})" for who, _, aid in f.deniers]
    hedge_reason = [f"hedged: {', '.join(repr(h) for h in f.hedges)}"] if f.hedges else []
    boost_reason = (
        [f"boosted: {', '.join(repr(b) for b in f.boosters)} (a booster never raises the grade)"] if f.boosters else []
    )
    relay_reason = [f"relayed through {' -> '.join(f.relays)} (depth {f.depth})"] if f.relays else []
    thin = len(groups) <= 1 and not named
    # Rule 1: contradicted on record by a named source, and thinly sourced itself.
    if named_denials and thin:
        support = (
            "only the author asserts it"
            if f.author_voice
            else "no source in the article asserts it"
            if not groups
            else f"its only source is anonymous: {groups[0].label}"
        )
        return 5, [*denial_reasons, support, *relay_reason, *hedge_reason]
    # Rule 2: nothing to judge.
    if not groups:
        first = (
            "the author's own unattributed assertion: no sourcing to judge"
            if f.author_voice
            else "no source named: nobody stands behind it"
        )
        return 6, [first, *denial_reasons, *hedge_reason, *boost_reason]
    described = _describe(groups)
    first_hand_named = any(g.named and g.depth <= 1 for g in groups)
    # Rules 3-6: the base grade from the number, names and closeness of the origins.
    if len(groups) >= 2 and first_hand_named:
        base = 1
    elif len(groups) >= 2:
        base = 2
    elif named or f.depth <= 1:
        base = 3
    else:
        base = 4
    # Rule 7: each cue against the claim lowers it one step, down to "doubtful" at most.
    steps = (1 if f.hedges else 0) + (1 if f.deniers else 0)
    grade = max(base, min(base + steps, _FLOOR))
    return grade, [*described, *relay_reason, *hedge_reason, *denial_reasons, *boost_reason]


def grades(
    attributions: Sequence[Attribution],
    sources: Sequence[Source],
    hedges: Sequence[Hedge],
    statements: Sequence[tuple[str, TextSpan]],
    frames: Sequence[Frame],
) -> tuple[Evidence, ...]:
    """One Evidence per attribution ("a<n>", the claim is its content) and per author statement ("u<n>").

    Deterministic and cheap: sets of content words and dictionary lookups, no model. `frames` is accepted for a
    later version that matches denials by frame (actor and action) rather than by shared words; v1 ignores it.
    """
    del frames  # v1 matches denials by words (docs/evidence.md, "Denials")
    art = _Article(attributions, sources, hedges)
    words = {a.id: stems(a.content.text) for a in attributions}
    chains = {a.id: {x.id for x in art.chain(a)} for a in attributions}
    position = {a.id: i for i, a in enumerate(attributions)}
    denials = [a for a in attributions if _is_denial(a)]
    claims = [a for a in attributions if not _is_denial(a)]

    # Same claim, other speaker: attributions whose contents share most words count together.
    index: dict[str, list[str]] = {}
    for a in claims:
        for w in words[a.id]:
            index.setdefault(w, []).append(a.id)
    same: dict[str, list[str]] = {}
    for a in claims:
        wa = words[a.id]
        if len(wa) < 2:
            continue
        cands = {c for w in wa for c in index.get(w, ()) if c != a.id}
        for c in sorted(cands, key=position.__getitem__):
            wc = words[c]
            if c in chains[a.id] or a.id in chains[c] or len(wc) < 2:
                continue
            if len(wa & wc) / len(wa | wc) >= _SAME_CLAIM:
                same.setdefault(a.id, []).append(c)

    # Denials: which claims each denial is about (docs/evidence.md, "Denials").
    voices: dict[str, set[str]] = {a.id: set() for a in attributions}  # every source heard in or around a claim
    for b in attributions:
        src_b = art.source(b)
        if src_b is not None:
            for up in chains[b.id]:
                voices[up].add(_norm(src_b.name))
        for link in art.chain(b):
            voices[b.id].update(_norm(v.name) for v in [art.source(link)] if v is not None)
    denied_by: dict[str, list[tuple[str, bool, str]]] = {}
    targets_of: dict[str, list[str]] = {}
    statement_words = {sid: stems(span.text) for sid, span in statements}
    for d in denials:
        src = art.source(d)
        denier = src.name if src is not None else "an unnamed source"
        named = src is not None and is_named(src)
        dw = words[d.id]
        # The denier's own voice is never a target: a claim it makes, relays, or that nests its statements.
        own = {x for x, v in voices.items() if src is not None and _norm(src.name) in v}
        candidates: list[tuple[str, frozenset[str]]] = [
            (a.id, words[a.id])
            for a in claims
            if a.id not in chains[d.id] and d.id not in chains[a.id] and a.id not in own
        ]
        candidates += list(statement_words.items())
        for cid, cw in candidates:
            if _targets(dw, denier, cw):
                denied_by.setdefault(cid, []).append((denier, named, d.id))
                targets_of.setdefault(d.id, []).append(cid)

    out: dict[str, Evidence] = {}
    for a in claims:
        out[a.id] = _evidence(a.id, a.content, _claim_facts(art, a, same.get(a.id, []), denied_by.get(a.id, [])))
    for sid, span in statements:
        hedged = [h.span.text for h in hedges if h.kind == "hedge" and span.start <= h.span.start < span.end]
        boosted = [h.span.text for h in hedges if h.kind == "booster" and span.start <= h.span.start < span.end]
        facts = _Facts((), 0, (), tuple(hedged), tuple(boosted), tuple(denied_by.get(sid, [])), True)
        out[sid] = _evidence(sid, span, facts)
    for d in denials:
        out[d.id] = _denial_evidence(art, d, [out[t] for t in targets_of.get(d.id, []) if t in out])
    order = [a.id for a in attributions] + [sid for sid, _ in statements]
    return tuple(out[k] for k in order if k in out)


def _claim_facts(
    art: _Article, a: Attribution, same: Sequence[str], deniers: Sequence[tuple[str, bool, str]]
) -> _Facts:
    """The sourcing facts of an attributed claim: its origins (with same-claim co-attributions), relays, cues."""
    groups: dict[str | None, _Group] = {}
    partitive: list[_Group] = []
    inner, depth, relays = art.origin(a)
    for x in [a.id, *same]:
        src, d, _ = art.origin(art.atts[x]) if x != a.id else (inner, depth, relays)
        if src is None:
            continue
        for g in _groups(src, d):
            if g.key is None:
                partitive.append(g)
            elif g.key not in groups:
                groups[g.key] = g
    if not groups and partitive:
        groups[None] = partitive[0]
    chain = art.chain(a)
    hedged, boosted = _hedge_words(art, chain)
    return _Facts(tuple(groups.values()), depth, relays, tuple(hedged), tuple(boosted), tuple(deniers), False)


def _evidence(claim_id: str, span: TextSpan, f: _Facts) -> Evidence:
    grade, reasons = _grade(f)
    people = [g.people for g in f.groups if g.people is not None]
    return Evidence(
        claim_id=claim_id,
        claim=span,
        grade=grade,
        reasons=tuple(reasons),
        independent_origins=len(f.groups),
        named_sources=sum(1 for g in f.groups if g.named),
        anonymous_sources=sum(1 for g in f.groups if not g.named),
        people=sum(people) if people else None,
        depth=f.depth,
        hedged=bool(f.hedges),
        denied=bool(f.deniers),
        author_voice=f.author_voice,
    )


def _denial_evidence(art: _Article, d: Attribution, targets: Sequence[Evidence]) -> Evidence:
    """A denial's own record grades the claim it denies: as its best-sourced target, or alone when none."""
    src = art.source(d)
    denier = src.name if src is not None else "an unnamed source"
    named = src is not None and is_named(src)
    _, depth, _ = art.origin(d)
    if targets:
        best = min(targets, key=lambda e: (e.grade, -e.independent_origins))
        reasons = (
            f"a denial on record by {denier}: graded as the claim it denies",
            f"that claim is asserted in {', '.join(t.claim_id for t in targets)}"
            f" (best: {best.claim_id}, grade {best.grade})",
            *(r for r in best.reasons if not r.startswith("denied on record")),
        )
        return Evidence(
            d.id,
            d.content,
            best.grade,
            reasons,
            best.independent_origins,
            best.named_sources,
            best.anonymous_sources,
            best.people,
            best.depth,
            best.hedged,
            True,
            False,
        )
    # Nothing in the article asserts what is denied: improbable on its sourcing if the denier is named (rule 1),
    # else nobody on record stands on either side (rule 2).
    alone = [f"denied on record by {denier} ({d.id})", "nothing in the article asserts it"]
    if not named:
        alone.append("the denier is not named: only a named denial makes a claim improbable")
    return Evidence(d.id, d.content, 5 if named else 6, tuple(alone), 0, 0, 0, None, depth, False, True, False)
