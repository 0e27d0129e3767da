"""Render a Ledger as GitHub Markdown, and hold the plain-text helpers every renderer shares."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from according.types import Attribution, Document, Framing, Ledger, Source

AUTHOR = "author"  # the root of every nesting chain: the article's own voice
CHAIN_SEP = " › "
COLUMNS = ("#", "Source", "Type", "Count", "Cue", "Excerpt", "Kind", "Certainty", "Nesting")

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
        items = sorted(value.items(), key=lambda kv: (-kv[1], str(kv[0])) if _is_number(kv[1]) else (0, str(kv[0])))
        return ", ".join(f"{label(str(k))}: {format_value(v)}" for k, v in items) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(format_value(v) for v in value) or "—"
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _is_number(value: Any) -> bool:
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


def rows(ledger: Ledger, width: int = 80) -> list[tuple[str, ...]]:
    """One tuple per attribution in text order, matching `COLUMNS`."""
    out: list[tuple[str, ...]] = []
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
            )
        )
    return out


def cell(text: str) -> str:
    """Text made safe for a Markdown table cell: one line, with `|` and Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", squash(text))


def render(ledger: Ledger) -> str:
    """The ledger as GitHub Markdown: title, attribution table, hedges, opinion, framing, profile."""
    doc = ledger.document
    lines = [f"# {cell(title_line(doc))}", ""]
    credit = [cell(p) for p in credit_parts(doc)]
    if credit:
        lines += ["*" + " · ".join(credit) + "*", ""]
    lines += ["## Attributions", ""]
    table = rows(ledger)
    if table:
        lines.append("| " + " | ".join(COLUMNS) + " |")
        lines.append("|" + "|".join("--:" if c in ("#", "Count") else "---" for c in COLUMNS) + "|")
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in table]
    else:
        lines.append("No attributed claims found.")
    lines.append("")
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
