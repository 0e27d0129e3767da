"""Syndicated copies: near-duplicate articles grouped by MinHash LSH, the earliest one taken as the original.

Two articles are copies when the estimated Jaccard similarity of their word 5-shingle sets reaches
`threshold` (0.5 by default): a wire story reprinted with another headline, a trimmed last paragraph or an
added credit line stays well above it, while two outlets' own write-ups of one event share few 5-grams.
LSH finds the candidate pairs without comparing every pair, so the cost grows with the corpus, not its square.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from datasketch import LeanMinHash, MinHashLSH

from according.corpus._minhash import Signer
from according.corpus._text import raw_words, shingles
from according.corpus._unionfind import UnionFind

METHOD = "according.syndication.v1"
NGRAM = 5
THRESHOLD = 0.5
NUM_PERM = 128
MIN_SHINGLES = 20  # shorter texts (a headline, a one-liner) match too easily to call copies


@dataclass(frozen=True, slots=True)
class Article:
    """What syndication needs of a document; `order` breaks ties in `published` (ingest order)."""

    doc_id: str
    text: str
    published: datetime | None = None
    order: int = 0


@dataclass(frozen=True, slots=True)
class SyndicatedCopy:
    """One member of a group and the evidence that put it there."""

    doc_id: str
    matched_doc_id: str | None  # the member it was matched to; None for the original
    score: float | None  # estimated Jaccard of the 5-shingle sets with `matched_doc_id`


@dataclass(frozen=True, slots=True)
class SyndicationGroup:
    """Near-duplicate articles; `members[0]` is the original (earliest published, then first ingested)."""

    id: str
    members: tuple[SyndicatedCopy, ...]

    @property
    def original(self) -> str:
        return self.members[0].doc_id

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(m.doc_id for m in self.members)


def group_id(original_doc_id: str) -> str:
    """The stable id of the group whose original is this document."""
    return "g" + hashlib.sha256(original_doc_id.encode()).hexdigest()[:15]


def _time_key(published: datetime | None, order: int) -> tuple[int, float, int]:
    # undated articles come after dated ones: a date is evidence of being first, its absence is not
    return (published is None, published.timestamp() if published else 0.0, order)


def syndication_groups(
    articles: Iterable[Article],
    *,
    threshold: float = THRESHOLD,
    num_perm: int = NUM_PERM,
    ngram: int = NGRAM,
) -> list[SyndicationGroup]:
    """Groups of two or more near-duplicate articles, ordered by their original's date.

    Articles are read once, in order; only their signatures (not their text) are kept.

    Args:
        threshold: estimated Jaccard similarity of word `ngram`-shingle sets at which two articles are copies.
    """
    signer = Signer(num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    uf = UnionFind()
    sigs: list[LeanMinHash | None] = []
    meta: list[tuple[str, tuple[int, float, int]]] = []
    edges: dict[int, list[tuple[int, float]]] = {}
    for a in articles:
        i = uf.add()
        meta.append((a.doc_id, _time_key(a.published, a.order)))
        sh = shingles(raw_words(a.text), ngram)
        if len(sh) < MIN_SHINGLES:
            sigs.append(None)
            continue
        sig = signer.sign(sh)
        sigs.append(sig)
        for key in lsh.query(sig):
            j = int(key)
            other = sigs[j]
            assert other is not None
            score = float(sig.jaccard(other))
            if score >= threshold:
                uf.union(i, j)
                edges.setdefault(i, []).append((j, score))
                edges.setdefault(j, []).append((i, score))
        lsh.insert(str(i), sig)
    groups: list[tuple[tuple[int, float, int], SyndicationGroup]] = []
    for members in uf.groups().values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda k: meta[k][1])
        original = ordered[0]
        copies = [SyndicatedCopy(meta[original][0], None, None)]
        for k in ordered[1:]:
            j, score = max(edges.get(k, []), key=lambda e: (e[1], -e[0]))
            copies.append(SyndicatedCopy(meta[k][0], meta[j][0], round(score, 4)))
        groups.append((meta[original][1], SyndicationGroup(group_id(meta[original][0]), tuple(copies))))
    groups.sort(key=lambda kg: kg[0])
    return [g for _, g in groups]
