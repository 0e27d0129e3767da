"""Evidence grades for the claims of one article, from their sourcing only (docs/evidence.md).

The grade is the information-credibility half of the Admiralty (NATO) system, read as "on its sourcing": it
counts who stands behind a claim and how, and never judges whether the claim is true. The decision table in
docs/evidence.md is the specification; `_grade` below follows it rule by rule, in the same order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from according.extract._gazetteer import capital_country
from according.nlp.words import FUNCTION_WORDS, REPORTING_WORDS, stem
from according.types import Argument, Attribution, Entity, Evidence, Frame, Hedge, Source, TextSpan

#: v2: denials are tied to the claims they deny by frame (actor and action) first, by shared words second.
METHOD = "according.evidence.v2"

#: A contested claim (denied on record but not thinly sourced) or a hedged one is lowered one step per cue,
#: but lowering alone never makes a claim "improbable" (5): that takes a named contradiction (rule 1).
_FLOOR = 4
#: Two attributions carry "the same claim" when their content words overlap at least this much (Jaccard).
_SAME_CLAIM = 0.7

_WORD = re.compile(r"[^\W\d_]+")
# Function words, reporting verbs and the words of denial itself: they say nothing about *what* is claimed.
_STOP = FUNCTION_WORDS | REPORTING_WORDS | frozenset(["denied", "deny", "denies", "denial", "denials"])
_PARTITIVE = re.compile(
    r"\b(one|two|three|four|five|six|some|several|many|most|all|none|each|any)\s+of\s+(the|these|those)\b", re.I
)
#: Actions a denial and a claim may word differently and still mean one act ("arming" the militias denies
#: "supplying weapons" to them). Kept small on purpose: each group is one kind of act that gets denied in the
#: news, and a lemma sits in at most one group (docs/evidence.md, "Denials").
_ACTION_GROUPS_TEXT = """
    ship, shipment, send, move, transfer, supply, provide, give, hand over, deliver, delivery, arm
    attack, strike, target, bomb
    kill, murder, execute
    fund, finance, pay
"""
_ACTION_GROUPS = tuple(
    frozenset(w.strip() for w in line.split(",")) for line in _ACTION_GROUPS_TEXT.strip().splitlines()
)
_ACTION_GROUP = {lemma: i for i, group in enumerate(_ACTION_GROUPS) for lemma in group}
# A denial's actor said this way is the denier itself: "Iran denied that *it* ships missiles".
_SELF_WORDS = "i we he she it they its their his her our my me us him them itself themselves"
_SELF = frozenset(_SELF_WORDS.split())
# Words that end an argument's head noun phrase: "the militias *in* Iraq" has the head "militias".
_NP_END_WORDS = "of in at on from to with for by near under over into against across that which who"
_NP_END = frozenset(_NP_END_WORDS.split())
_RELAY_TYPES = ("media_outlet", "document")
_PERSON_TYPES = ("named_person", "anonymous_person", "anonymous_group")


def stems(text: str) -> frozenset[str]:
    """The content words of `text`: lowercased, lightly stemmed, stop words and short tokens dropped."""
    return frozenset(
        stem(w) for w in (m.group() for m in _WORD.finditer(text.lower())) if len(w) > 2 and w not in _STOP
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
    deniers: tuple[tuple[str, bool, str, str], ...]  # (denier name, named?, denial attribution id, why linked)
    author_voice: bool
    # another claim the same denial targets that has >= 2 independent origins: (its id, how many); the contested
    # proposition then has better support in the article than this one sentence, so rule 1 does not apply
    backed_by: tuple[str, int] | None = None


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


def _word_link(denial: _Side, denier: str, claim: _Side) -> str | None:
    """Why a denial is about a claim by words (two shared content words, or one plus a mention of the denier)."""
    shared = (denial.words & claim.words) - stems(denier)
    # With the denier's entity known, "mentions the denier" is a mention of that entity ("North Korea" is not
    # "South Korea"); else a word starting like its name.
    mentioned = bool(denial.denier & claim.mentioned) if denial.denier else _mentions(claim.words, denier)
    if len(shared) < 2 and not (shared and mentioned):
        return None
    # Shown as the denial writes them ("weapons", not the stem "weapon").
    surface = {stem(w): w for w in reversed(_WORD.findall(denial.text.lower()))}
    shown = ", ".join(sorted(surface.get(w, w) for w in shared))
    return f"shared words {shown}" if len(shared) >= 2 else f"shared word {shown} and a mention of {denier}"


def _same_action(a: str, b: str) -> bool:
    """Whether two action lemmas name one act: the same lemma, or both in one group of `_ACTION_GROUPS`."""
    group = _ACTION_GROUP.get(a)
    return a == b or (group is not None and group == _ACTION_GROUP.get(b))


def _head(arg: Argument) -> str | None:
    """The stemmed head noun of an argument ("militia" for "the militias in Iraq"); None for a pronoun."""
    words: list[str] = []
    for w in _WORD.findall(arg.span.text.lower()):
        if w in _NP_END and words:
            break
        words.append(w)
    if not words or words[-1] in _SELF or words[-1] in _STOP:
        return None
    return stem(words[-1])


def _overlaps(span: TextSpan, spans: Iterable[TextSpan]) -> bool:
    return any(span.start < s.end and s.start < span.end for s in spans)


@dataclass(frozen=True, slots=True)
class _Parties:
    """Who is who in one article: each entity's matching key and name, for frame matching."""

    keys: Mapping[str, str]  # entity id -> key; a capital counts as its country ("Tehran" -> "country:IR")
    names: Mapping[str, str]  # key -> a name for the reasons
    mentions: Sequence[tuple[TextSpan, str]]  # (entity mention, key) in text order
    starts: Sequence[int]  # the mentions' start offsets, for bisect

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> _Parties:
        keys: dict[str, str] = {}
        names: dict[str, str] = {}
        mentions: list[tuple[TextSpan, str]] = []
        for e in entities:
            code = capital_country(e.name) if e.type == "place" else None
            key = f"country:{code}" if code else e.key
            keys[e.id] = key
            if not code or key not in names:
                names[key] = e.name
            mentions.extend((m.span, key) for m in e.mentions)
        mentions.sort(key=lambda m: (m[0].start, m[0].end))
        return cls(keys, names, mentions, [m.start for m, _ in mentions])

    def keys_in(self, span: TextSpan) -> frozenset[str]:
        """The entities mentioned inside `span`."""
        i = bisect_left(self.starts, span.start)
        j = bisect_left(self.starts, span.end)
        return frozenset(k for m, k in self.mentions[i:j] if m.end <= span.end)

    def denier(self, d: Attribution, src: Source | None) -> tuple[frozenset[str], tuple[TextSpan, ...]]:
        """The entity keys a denial's source names ("Officials in Tehran" -> Iran) and where it is mentioned."""
        spans = (*([d.source_mention] if d.source_mention else []), *(src.mentions if src else ()))
        return frozenset(k for m, k in self.mentions if _overlaps(m, spans)), spans


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of a denial link (the denial, or a claim): its words and its frames' actors as entity keys."""

    text: str
    words: frozenset[str]
    mentioned: frozenset[str]  # entity keys mentioned in its text
    denier: frozenset[str]  # on a denial's side, the entity keys of the denier
    frames: tuple[tuple[Frame, frozenset[str]], ...]  # each frame with its actor keys
    actors: frozenset[str]
    resolved: bool  # every actor argument has a key (and there is at least one)


def _side(
    span: TextSpan,
    frames: Sequence[Frame],
    parties: _Parties,
    denier: frozenset[str] = frozenset(),
    spans: Sequence[TextSpan] = (),
    nested: Sequence[Frame] = (),
) -> _Side:
    """Actor keys per frame; in the denial's own frames a pronoun, the denier's mention or no actor is the denier.

    `nested` are the frames of attributions inside the denial ("denied Kim's assertion that North Korea is ..."):
    what is denied, but said by someone else, so their pronouns are not the denier.
    """
    out: list[tuple[Frame, frozenset[str]]] = []
    unresolved = False
    for f in [*frames, *nested]:
        own = f.claim_id not in {n.claim_id for n in nested}
        keys: set[str] = set()
        for arg in f.actors:
            key = parties.keys.get(arg.entity_id) if arg.entity_id else None
            if key is not None:
                keys.add(key)
            elif own and denier and (arg.span.text.lower() in _SELF or _overlaps(arg.span, spans)):
                keys |= denier
            else:
                unresolved = True
        if not f.actors and own:
            keys |= denier  # "denied arming the militias": the denier is who would have armed them
        out.append((f, frozenset(keys)))
    actors = frozenset(k for _, ks in out for k in ks)
    resolved = bool(actors) and not unresolved
    return _Side(span.text, stems(span.text), parties.keys_in(span), denier, tuple(out), actors, resolved)


def _frame_link(denial: _Side, claim: _Side, parties: _Parties) -> str | None:
    """Why a denial is about a claim by frames: one shared actor, and the same action or a shared target."""
    for fd, ad in denial.frames:
        for fc, ac in claim.frames:
            shared = ad & ac
            if not shared or fc.negated:
                continue  # a negated claim ("Iran did not ship ...") says what the denier says
            who = parties.names.get(min(shared), min(shared))
            if _same_action(fd.lemma, fc.lemma):
                action = fd.lemma if fd.lemma == fc.lemma else f"{fd.lemma} ~ {fc.lemma}"
                return f"same actor {who}, action {action}"
            td = {k for t in fd.targets for k in [parties.keys.get(t.entity_id or "")] if k}
            tc = {k for t in fc.targets for k in [parties.keys.get(t.entity_id or "")] if k}
            if td & tc:
                return f"same actor {who}, same target {parties.names.get(min(td & tc), min(td & tc))}"
            heads = {h for t in fd.targets for h in [_head(t)] if h} & {h for t in fc.targets for h in [_head(t)] if h}
            if heads:
                return f"same actor {who}, same target {min(heads)}"
    return None


def _denial_link(denial: _Side, claim: _Side, parties: _Parties, denier: str) -> str | None:
    """Why a denial targets a claim, or None: frames first, then words unless the frames name other actors."""
    by_frame = _frame_link(denial, claim, parties)
    if by_frame is not None:
        return by_frame
    if denial.resolved and claim.resolved and not denial.actors & claim.actors:
        return None  # both sides say who acts, and they are different actors: shared words are a coincidence
    return _word_link(denial, denier, claim)


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
    named_denials = [(who, aid) for who, is_named_, aid, _ in f.deniers if is_named_]
    denial_reasons = [f"denied on record by {who} ({aid}): {how}" for who, _, aid, how in f.deniers]
    hedge_reason = [f"hedged: {', '.join(repr(h) for h in f.hedges)}"] if f.hedges else []
    boost_reason = (
        [f"boosted: {', '.join(repr(b) for b in f.boosters)} (a booster never raises the grade)"] if f.boosters else []
    )
    relay_reason = [f"relayed through {' -> '.join(f.relays)} (depth {f.depth})"] if f.relays else []
    thin = len(groups) <= 1 and not named
    # Rule 1: contradicted on record by a named source, and thinly sourced itself (and not better backed
    # elsewhere in the article under the same denial).
    if named_denials and thin and f.backed_by is None:
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
    backed = (
        [f"the denial also targets {f.backed_by[0]}, which has {f.backed_by[1]} independent source groups"]
        if f.backed_by is not None and named_denials and thin
        else []
    )
    return grade, [*described, *relay_reason, *hedge_reason, *denial_reasons, *backed, *boost_reason]


def grades(
    attributions: Sequence[Attribution],
    sources: Sequence[Source],
    hedges: Sequence[Hedge],
    statements: Sequence[tuple[str, TextSpan]],
    frames: Sequence[Frame],
    *,
    entities: Sequence[Entity] = (),
) -> tuple[Evidence, ...]:
    """One Evidence per attribution ("a<n>", the claim is its content) and per author statement ("u<n>").

    Deterministic and cheap: sets of content words and dictionary lookups, no model. `frames` and `entities`
    tie denials to the claims they deny by actor and action (docs/evidence.md, "Denials"); without `entities`
    only frames whose arguments carry the same `entity_id` can match, and no pronoun is taken for the denier.
    """
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
    denied_by: dict[str, list[tuple[str, bool, str, str]]] = {}
    targets_of: dict[str, list[str]] = {}
    parties = _Parties.of(entities)
    frames_of: dict[str, list[Frame]] = {}
    for f in frames:
        frames_of.setdefault(f.claim_id, []).append(f)
    # Each claim's side is built once, however many denials look at it.
    claim_sides = {a.id: _side(a.content, frames_of.get(a.id, ()), parties) for a in claims}
    claim_sides.update((sid, _side(span, frames_of.get(sid, ()), parties)) for sid, span in statements)
    # The entities each claim's innermost source names, to know a denier's own voice by entity.
    speakers = {a.id: parties.denier(a, art.source(a))[0] if a.source_id else frozenset() for a in claims}
    for d in denials:
        src = art.source(d)
        denier = src.name if src is not None else "an unnamed source"
        named = src is not None and is_named(src)
        nested = [f for x in attributions if x.id != d.id and d.id in chains[x.id] for f in frames_of.get(x.id, ())]
        dside = _side(d.content, frames_of.get(d.id, ()), parties, *parties.denier(d, src), nested=nested)
        # The denier's own voice is never a target: a claim it makes, relays, or that nests its statements, by
        # name or by entity ("FSB sources" speak for the FSB; a composite with other groups does not).
        own = {x for x, v in voices.items() if src is not None and _norm(src.name) in v}
        if dside.denier:
            own |= {a.id for a in claims if speakers[a.id] and speakers[a.id] <= dside.denier}
        candidates = [a.id for a in claims if a.id not in chains[d.id] and d.id not in chains[a.id] and a.id not in own]
        for cid in [*candidates, *(sid for sid, _ in statements)]:
            how = _denial_link(dside, claim_sides[cid], parties, denier)
            if how is not None:
                denied_by.setdefault(cid, []).append((denier, named, d.id, how))
                targets_of.setdefault(d.id, []).append(cid)

    out: dict[str, Evidence] = {}
    claim_facts = {a.id: _claim_facts(art, a, same.get(a.id, []), denied_by.get(a.id, [])) for a in claims}
    for a in claims:
        # the best-backed other claim under any named denial of this one (see rule 1)
        backers = [
            (len(claim_facts[t].groups), t)
            for _, named_, did, _ in denied_by.get(a.id, [])
            if named_
            for t in targets_of.get(did, [])
            if t != a.id and t in claim_facts and len(claim_facts[t].groups) >= 2
        ]
        if backers:
            n, t = min(backers, key=lambda b: (-b[0], b[1]))
            claim_facts[a.id] = replace(claim_facts[a.id], backed_by=(t, n))
        out[a.id] = _evidence(a.id, a.content, claim_facts[a.id])
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
    art: _Article, a: Attribution, same: Sequence[str], deniers: Sequence[tuple[str, bool, str, str]]
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
