"""Render a Ledger as GitHub Markdown, and hold the plain-text helpers every renderer shares."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any

from according.types import (
    Argument,
    Attribution,
    Document,
    Entity,
    EntityMerge,
    Evidence,
    Frame,
    Framing,
    Ledger,
    Quantity,
    Source,
    TimeExpression,
)

AUTHOR = "author"  # the root of every nesting chain: the article's own voice
CHAIN_SEP = " › "
COLUMNS = ("#", "Source", "Type", "Count", "Cue", "Excerpt", "Kind", "Certainty", "Nesting", "Grade", "Why")
#: Said wherever a grade is shown: the grade is about how a claim is sourced, never whether it is true.
GRADE_NOTE = "grades rate the sourcing, never the truth; see docs/evidence.md"
UNGRADED = "—"

_SPACE = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def ordered(ledger: Ledger) -> list[Attribution]:
    """The attributions in text order, so numbers read top to bottom."""
    return sorted(ledger.attributions, key=lambda a: (a.content.start, a.content.end, a.id))


def numbers(ledger: Ledger) -> dict[str, int]:
    """Attribution id -> its 1-based number in text order."""
    return {a.id: i for i, a in enumerate(ordered(ledger), 1)}


def source_name(ledger: Ledger, att: Attribution) -> str:
    """The name of the attribution's source, falling back to the mention as written."""
    src = ledger.source(att.source_id)
    if src is not None:
        return src.name
    if att.source_mention is not None:
        return squash(att.source_mention.text)
    return "(unattributed)"


def source_type(ledger: Ledger, att: Attribution) -> str:
    """The source type, as words ("media outlet")."""
    src = ledger.source(att.source_id)
    return label(src.type if src else "unspecified")


def count_text(src: Source | None) -> str:
    """How many people a source stands for, as the text says it; empty when unknown."""
    if src is None:
        return ""
    if src.count is not None:
        return str(src.count)
    return src.count_phrase or ""


def chain(ledger: Ledger, att: Attribution) -> list[str]:
    """Source names from the author down to this attribution's source."""
    by_id = {a.id: a for a in ledger.attributions}
    names: list[str] = []
    seen: set[str] = set()
    cur: Attribution | None = att
    while cur is not None and cur.id not in seen:  # a cycle is bad data, not a reason to hang
        seen.add(cur.id)
        names.append(source_name(ledger, cur))
        cur = by_id.get(cur.parent) if cur.parent else None
    return [AUTHOR, *reversed(names)]


def squash(text: str) -> str:
    """Collapse runs of whitespace (newlines included) to single spaces."""
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, width: int = 80) -> str:
    """One line of at most `width` characters, cut at a word boundary and ended with an ellipsis."""
    text = squash(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def label(value: str) -> str:
    """A snake_case code as words; a comma joining two names (SemEval's "Name_Calling,Labeling") reads as a slash."""
    return value.replace("_", " ").replace(",", "/")


def framing_ordered(ledger: Ledger) -> list[Framing]:
    """The framing spans in text order."""
    return sorted(ledger.framing, key=lambda f: (f.span.start, f.span.end, f.technique))


def framing_counts(ledger: Ledger) -> dict[str, int]:
    """Technique -> how many framing spans use it, most used first."""
    counts: dict[str, int] = {}
    for f in ledger.framing:
        counts[f.technique] = counts.get(f.technique, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def score_text(score: float) -> str:
    """A technique score with two decimals."""
    return f"{score:.2f}"


def title_line(doc: Document) -> str:
    """The headline, or a stand-in when the article has none."""
    return squash(doc.title) if doc.title else "(untitled article)"


def credit_parts(doc: Document) -> list[str]:
    """Byline, outlet, date and address, whichever the document has."""
    parts: list[str] = []
    if doc.author:
        parts.append(f"By {squash(doc.author)}")
    if doc.outlet:
        parts.append(squash(doc.outlet))
    if doc.published:
        parts.append(doc.published.date().isoformat())
    if doc.url:
        parts.append(doc.url)
    return parts


def format_value(value: Any) -> str:
    """A profile value as short text: numbers rounded, dicts of counts largest first."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda kv: (-kv[1], str(kv[0])) if is_number(kv[1]) else (0, str(kv[0])))
        return ", ".join(f"{label(str(k))}: {format_value(v)}" for k, v in items) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value) or "—"
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def is_number(value: Any) -> bool:
    """A real number, not a bool (which is an int to Python)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def hedge_owner(ledger: Ledger, hedge_id: str, start: int, end: int) -> str:
    """Which claim a hedge qualifies: "#2" via `hedge_ids`, else the innermost content holding it, else the author."""
    nums = numbers(ledger)
    owners = [f"#{nums[a.id]}" for a in ordered(ledger) if hedge_id in a.hedge_ids]
    if not owners:
        inside = [a for a in ordered(ledger) if a.content.start <= start and end <= a.content.end]
        if inside:
            innermost = min(inside, key=lambda a: a.content.end - a.content.start)
            owners = [f"#{nums[innermost.id]}"]
    return ", ".join(owners) or AUTHOR


def grades(ledger: Ledger) -> dict[str, Evidence]:
    """Claim id ("a3", "u2") -> its evidence record."""
    return {ev.claim_id: ev for ev in ledger.evidence}


def grade_words(ev: Evidence | None) -> str:
    """The grade and its label ("3 possibly true"), or a dash for a claim the ledger did not grade."""
    return f"{ev.grade} {ev.label}" if ev is not None else UNGRADED


def why(ev: Evidence | None, width: int = 60) -> str:
    """The most decisive reason behind a grade, shortened to one line."""
    return shorten(ev.reasons[0], width) if ev is not None and ev.reasons else ""


def rows(ledger: Ledger, width: int = 80) -> list[tuple[str, ...]]:
    """One tuple per attribution in text order, matching `COLUMNS`."""
    out: list[tuple[str, ...]] = []
    graded = grades(ledger)
    for i, a in enumerate(ordered(ledger), 1):
        out.append(
            (
                str(i),
                source_name(ledger, a),
                source_type(ledger, a),
                count_text(ledger.source(a.source_id)),
                squash(a.cue.text) if a.cue else "",
                shorten(a.content.text, width),
                label(a.kind),
                a.certainty,
                CHAIN_SEP.join(chain(ledger, a)),
                grade_words(graded.get(a.id)),
                why(graded.get(a.id)),
            )
        )
    return out


def number_text(x: float) -> str:
    """A number without a needless ".0": 3.0 -> "3", 2.5 -> "2.5"."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def argument_text(entities: dict[str, Entity], arg: Argument, width: int = 40) -> str:
    """A frame argument as written, with its entity's name when that differs ("it (Iran)")."""
    surface = shorten(arg.span.text, width)
    ent = entities.get(arg.entity_id) if arg.entity_id else None
    if ent is None or squash(ent.name).casefold() in squash(arg.span.text).casefold():
        return surface
    return f"{surface} ({squash(ent.name)})"


def time_text(t: TimeExpression) -> str:
    """A time expression and, where normalised, its value: "Friday (2018-08-31)"."""
    surface = squash(t.span.text)
    return f"{surface} ({t.value})" if t.value and t.value != surface else surface


def quantity_value(q: Quantity) -> str:
    """A quantity as written and, where read, its value or range and unit: "about 200 km to 700 km (~200–700 km)"."""
    surface = squash(q.span.text)
    if q.low is not None and q.high is not None and q.low != q.high:
        value = f"{number_text(q.low)}–{number_text(q.high)}"
    elif q.value is not None:
        value = number_text(q.value)
    elif q.low is not None:
        value = f"≥{number_text(q.low)}"
    elif q.high is not None:
        value = f"≤{number_text(q.high)}"
    else:
        return surface
    value = ("~" if q.approximate else "") + value + (f" {q.unit}" if q.unit else "")
    return surface if value == surface else f"{surface} ({value})"


def action_text(frame: Frame) -> str:
    """The action's lemma with its negation and modality: "restrain (not, can)"."""
    action = frame.lemma or squash(frame.action.text)
    flags = (["not"] if frame.negated else []) + ([frame.modality] if frame.modality else [])
    return f"{action} ({', '.join(flags)})" if flags else action


def frame_fields(ledger: Ledger, frame: Frame) -> dict[str, str]:
    """A frame's parts as short texts: actor, action, target, place, time, quantity (empty when absent)."""
    entities = {e.id: e for e in ledger.entities}
    return {
        "actor": ", ".join(argument_text(entities, a) for a in frame.actors),
        "action": action_text(frame),
        "target": ", ".join(argument_text(entities, a) for a in frame.targets),
        "place": ", ".join(argument_text(entities, a) for a in frame.places),
        "time": ", ".join(time_text(t) for t in frame.times),
        "quantity": ", ".join(quantity_value(q) for q in frame.quantities),
    }


def frame_line(ledger: Ledger, frame: Frame) -> str:
    """One line per frame: "actor → action (negation/modality) → target · in place · time (value) · quantity"."""
    f = frame_fields(ledger, frame)
    line = f"{f['actor'] or '?'} → {f['action']} → {f['target'] or '—'}"
    extra = [f"in {f['place']}"] if f["place"] else []
    extra += [v for v in (f["time"], f["quantity"]) if v]
    return " · ".join([line, *extra])


def claim_ref(claim_id: str, nums: Mapping[str, int]) -> str:
    """A claim's id as the reader finds it: "a2 (#2)" for an attribution, "u3 (author)" for the author's voice."""
    if claim_id in nums:
        return f"{claim_id} (#{nums[claim_id]})"
    return f"{claim_id} ({AUTHOR})" if claim_id.startswith("u") else claim_id


def claim_excerpt(ledger: Ledger, claim_id: str, width: int = 80) -> str:
    """The claim's text, shortened: the attribution's content or the graded statement; empty when unknown."""
    for a in ledger.attributions:
        if a.id == claim_id:
            return shorten(a.content.text, width)
    ev = grades(ledger).get(claim_id)
    return shorten(ev.claim.text, width) if ev is not None else ""


def structured_claims(ledger: Ledger) -> tuple[list[tuple[str, list[Frame]]], int]:
    """Frames grouped by claim in text order, and how many frames were left out for having no actor and no target.

    A frame with neither actor nor target ("it is not clear") says too little to stand on its own line.
    """
    starts = {a.id: a.content.start for a in ledger.attributions}
    starts.update({ev.claim_id: ev.claim.start for ev in ledger.evidence if ev.claim_id not in starts})
    groups: dict[str, list[Frame]] = {}
    skipped = 0
    for f in sorted(ledger.frames, key=lambda f: (f.action.start, f.action.end, f.id)):
        if not f.actors and not f.targets:
            skipped += 1
            continue
        groups.setdefault(f.claim_id, []).append(f)
    order = sorted(groups, key=lambda cid: (starts.get(cid, groups[cid][0].action.start), cid))
    return [(cid, groups[cid]) for cid in order], skipped


def frame_roles(ledger: Ledger) -> dict[str, tuple[int, int]]:
    """Entity id -> (frames it is an actor in, frames it is a target in)."""
    actor: Counter[str] = Counter()
    target: Counter[str] = Counter()
    for f in ledger.frames:
        actor.update({a.entity_id for a in f.actors if a.entity_id})
        target.update({a.entity_id for a in f.targets if a.entity_id})
    return {eid: (actor[eid], target[eid]) for eid in actor.keys() | target.keys()}


def entity_details(entity: Entity, roles: Mapping[str, tuple[int, int]]) -> list[str]:
    """Type, mention count and frame roles of an entity, as short phrases."""
    n = len(entity.mentions)
    out = [label(entity.type), f"{n} mention{'s' if n != 1 else ''}"]
    as_actor, as_target = roles.get(entity.id, (0, 0))
    if as_actor:
        out.append(f"actor in {as_actor}")
    if as_target:
        out.append(f"target in {as_target}")
    return out


def notable_entities(ledger: Ledger) -> list[Entity]:
    """Entities mentioned at least twice or named in a frame, most mentioned first."""
    in_frames = {a.entity_id for f in ledger.frames for a in (*f.actors, *f.targets, *f.places) if a.entity_id}
    keep = [e for e in ledger.entities if len(e.mentions) >= 2 or e.id in in_frames]
    position = {e.id: i for i, e in enumerate(ledger.entities)}
    return sorted(keep, key=lambda e: (-len(e.mentions), position[e.id]))


def merge_notes(merges: tuple[EntityMerge, ...]) -> list[str]:
    """Merge reasons in a compact form, aliases sharing a reason on one note: "Iranian, Iranians: demonym of Iran".

    A reason that quotes its own alias ("pronoun 'it' resolved to ...") is grouped without the quote.
    """
    by_reason: dict[str, list[str]] = {}
    for m in merges:
        alias = squash(m.alias)
        reason = squash(re.sub(rf"\s*'{re.escape(m.alias)}'", "", m.reason)) if m.alias else squash(m.reason)
        aliases = by_reason.setdefault(reason, [])
        if alias.casefold() not in {a.casefold() for a in aliases}:
            aliases.append(alias)
    return [f"{', '.join(aliases)}: {reason}" for reason, aliases in by_reason.items()]


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell: one line, with `|` and Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", squash(text))


def render(ledger: Ledger) -> str:
    """The ledger as GitHub Markdown: title, attribution table with grades, structured claims, entities, hedges,
    opinion, framing, profile."""
    doc = ledger.document
    lines = [f"# {cell(title_line(doc))}", ""]
    credit = [cell(p) for p in credit_parts(doc)]
    if credit:
        lines += ["*" + " · ".join(credit) + "*", ""]
    lines += ["## Attributions", ""]
    table = rows(ledger)
    columns = COLUMNS if ledger.evidence else COLUMNS[:-2]  # a ledger/1 ledger has no grades to show
    if table:
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + "|".join("--:" if c in ("#", "Count") else "---" for c in columns) + "|")
        lines += ["| " + " | ".join(cell(v) for v in row[: len(columns)]) + " |" for row in table]
        if ledger.evidence:
            lines += ["", f"*Grade: Admiralty 1-6 on the claim's sourcing; {cell(GRADE_NOTE)}.*"]
    else:
        lines.append("No attributed claims found.")
    lines.append("")
    lines += _structured_claims(ledger)
    lines += _entities(ledger)
    if ledger.hedges:
        lines += ["## Hedges and boosters", ""]
        for h in sorted(ledger.hedges, key=lambda h: h.span.start):
            owner = hedge_owner(ledger, h.id, h.span.start, h.span.end)
            lines.append(f"- **{h.kind}** “{cell(h.span.text)}” ({cell(owner)})")
        lines.append("")
    if ledger.opinion_sentences:
        lines += ["## The author's opinion", ""]
        lines += [f"- {cell(shorten(s.text, 160))}" for s in ledger.opinion_sentences]
        lines.append("")
    if ledger.framing:
        lines += ["## Framing", ""]
        for f in framing_ordered(ledger):
            lines.append(
                f"- **{cell(label(f.technique))}** ({score_text(f.score)}) “{cell(shorten(f.span.text, 120))}”"
            )
        lines.append("")
    if ledger.profile:
        lines += ["## Sourcing profile", "", "| Measure | Value |", "|---|---|"]
        lines += [f"| {cell(label(str(k)))} | {cell(format_value(v))} |" for k, v in ledger.profile.items()]
        lines.append("")
    if ledger.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- {cell(w)}" for w in ledger.warnings]
        lines.append("")
    return "\n".join(lines)


_FRAME_COLUMNS = ("Claim", "Grade", "Actor", "Action", "Target", "Place", "Time", "Quantity")


def _structured_claims(ledger: Ledger) -> list[str]:
    """The "Structured claims" section: one table row per frame, grouped by claim; nothing without frames."""
    groups, skipped = structured_claims(ledger)
    if not groups and not skipped:
        return []
    lines = ["## Structured claims", ""]
    if groups:
        lines += ["| " + " | ".join(_FRAME_COLUMNS) + " |", "|" + "---|" * len(_FRAME_COLUMNS)]
    nums = numbers(ledger)
    graded = grades(ledger)
    for claim_id, frames in groups:
        ref, grade = claim_ref(claim_id, nums), grade_words(graded.get(claim_id))
        for f in frames:
            parts = frame_fields(ledger, f)
            values = (ref, grade, *(parts[k] for k in ("actor", "action", "target", "place", "time", "quantity")))
            lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    if skipped:
        lines += ["", f"{skipped} frame{'s' if skipped != 1 else ''} with neither actor nor target not shown."]
    lines.append("")
    return lines


def _entities(ledger: Ledger) -> list[str]:
    """The "Entities" section: entities mentioned twice or more or named in a frame; nothing when there are none."""
    shown = notable_entities(ledger)
    if not shown:
        return []
    roles = frame_roles(ledger)
    lines = [
        "## Entities",
        "",
        "| Entity | Type | Mentions | In frames | Aliases | Merged because |",
        "|---|---|--:|---|---|---|",
    ]
    for e in shown:
        details = entity_details(e, roles)
        lines.append(
            "| "
            + " | ".join(
                [
                    f"**{cell(e.name)}**",
                    cell(details[0]),
                    str(len(e.mentions)),
                    cell(", ".join(details[2:])),
                    cell(", ".join(squash(a) for a in e.aliases)),
                    cell("; ".join(merge_notes(e.merges))),
                ]
            )
            + " |"
        )
    lines.append("")
    return lines
