"""Revisions: what changed in an article's ledger between two stored versions of the same URL.

Attributions are paired across versions by their content words (the best match at Jaccard >= 0.5, greedily,
most similar pairs first); sources by type and normalised name; hedges by their words. What is reported:
a hedge dropped or added, a source added or removed, a source's count changed, an attribution added or
removed, and a paired attribution whose certainty, source or content changed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

from according.corpus._text import words
from according.corpus.provenance import normalise
from according.store.base import Store
from according.types import Attribution, Ledger, Source

ChangeKind = Literal[
    "hedge_dropped",
    "hedge_added",
    "source_added",
    "source_removed",
    "count_changed",
    "attribution_added",
    "attribution_removed",
    "certainty_changed",
    "source_changed",
    "content_changed",
]
PAIR_JACCARD = 0.5


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    detail: str
    old: str | None = None  # the old version's record id (attribution, source or hedge), where there is one
    new: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class LedgerDiff:
    old_doc_id: str
    new_doc_id: str
    changes: tuple[Change, ...]

    def kinds(self) -> Counter[str]:
        return Counter(c.kind for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old_doc_id, "new": self.new_doc_id, "changes": [c.to_dict() for c in self.changes]}


def _source_key(s: Source) -> tuple[str, str]:
    return (s.type, normalise(s.name))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def _pairs(old: tuple[Attribution, ...], new: tuple[Attribution, ...]) -> list[tuple[int, int]]:
    ow = [set(words(a.content.text)) for a in old]
    nw = [set(words(a.content.text)) for a in new]
    scored = sorted(
        ((_jaccard(ow[i], nw[j]), i, j) for i in range(len(old)) for j in range(len(new))),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_o: set[int] = set()
    used_n: set[int] = set()
    out: list[tuple[int, int]] = []
    for score, i, j in scored:
        if score < PAIR_JACCARD:
            break
        if i in used_o or j in used_n:
            continue
        used_o.add(i)
        used_n.add(j)
        out.append((i, j))
    return sorted(out)


def _hedge_words(ledger: Ledger) -> Counter[str]:
    return Counter(" ".join(h.span.text.lower().split()) for h in ledger.hedges if h.kind == "hedge")


def diff_ledgers(old: Ledger, new: Ledger) -> LedgerDiff:
    """The ledger changes from `old` to `new` (two versions of one article, usually)."""
    changes: list[Change] = []
    oh, nh = _hedge_words(old), _hedge_words(new)
    for h in sorted((oh - nh).elements()):
        changes.append(Change("hedge_dropped", f"“{h}”"))
    for h in sorted((nh - oh).elements()):
        changes.append(Change("hedge_added", f"“{h}”"))

    old_sources = {_source_key(s): s for s in old.sources}
    new_sources = {_source_key(s): s for s in new.sources}
    for k, s in old_sources.items():
        if k not in new_sources:
            changes.append(Change("source_removed", f"{s.name} ({s.type})", old=s.id))
    for k, s in new_sources.items():
        before = old_sources.get(k)
        if before is None:
            changes.append(Change("source_added", f"{s.name} ({s.type})", new=s.id))
        elif before.count != s.count:
            changes.append(Change("count_changed", f"{s.name}: {before.count} -> {s.count}", old=before.id, new=s.id))

    pairs = _pairs(old.attributions, new.attributions)
    paired_o = {i for i, _ in pairs}
    paired_n = {j for _, j in pairs}
    for i, a in enumerate(old.attributions):
        if i not in paired_o:
            changes.append(Change("attribution_removed", f"“{a.content.text}”", old=a.id))
    for j, a in enumerate(new.attributions):
        if j not in paired_n:
            changes.append(Change("attribution_added", f"“{a.content.text}”", new=a.id))
    for i, j in pairs:
        a, b = old.attributions[i], new.attributions[j]
        if a.certainty != b.certainty:
            changes.append(
                Change("certainty_changed", f"{a.certainty} -> {b.certainty}: “{b.content.text}”", a.id, b.id)
            )
        sa_, sb = old.source(a.source_id), new.source(b.source_id)
        ka = _source_key(sa_) if sa_ else None
        kb = _source_key(sb) if sb else None
        if ka != kb:
            was = sa_.name if sa_ else "(none)"
            now = sb.name if sb else "(none)"
            changes.append(Change("source_changed", f"{was} -> {now}: “{b.content.text}”", a.id, b.id))
        if a.content.text != b.content.text:
            changes.append(Change("content_changed", f"“{a.content.text}” -> “{b.content.text}”", a.id, b.id))
    return LedgerDiff(old.document.id, new.document.id, tuple(changes))


def url_revisions(store: Store, url: str) -> list[LedgerDiff]:
    """The diffs between consecutive stored versions of `url`, oldest first (empty for fewer than two)."""
    ids = store.versions(url)
    return [diff_ledgers(store.get_ledger(a), store.get_ledger(b)) for a, b in pairwise(ids)]
