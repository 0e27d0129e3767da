"""The same claim across articles: attribution contents grouped by MinHash LSH candidates and a verified score.

Each content becomes its set of content words (stop words and reporting verbs dropped, inflections merged).
LSH over those sets proposes candidate pairs in time linear in the corpus; a pair is merged only when its exact
score passes one of three rules, and the rule, score and shared words are kept as the merge's explanation:

- ``identical``: the same word set (a copy, or a quote reprinted with other punctuation);
- ``jaccard``: |A ∩ B| / |A ∪ B| >= 0.5 (a paraphrase, a quote trimmed a little);
- ``containment``: |A ∩ B| / min(|A|, |B|) >= 0.8 with at least 4 shared words (a quote trimmed a lot:
  one outlet prints a sentence, another the whole paragraph);
- ``jaccard+source``: Jaccard >= 0.35 when both attributions name the same source (the same speaker's words,
  paraphrased more loosely);
- ``semantic`` (only with an encoder, `according[semantic]`): the cosine of the two sentence embeddings
  >= 0.7 with at least 2 shared content words (a paraphrase in other words; the shared words keep two
  different events of one kind apart a little more often). Candidates come from `semantic.CosineLSH`.

Merging is single-link (union-find), so a cluster's members are explained by a spanning tree of merges:
every member but the first points at the member it was matched with.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Literal

from datasketch import LeanMinHash, MinHashLSH

from according.corpus._minhash import Signer
from according.corpus._text import words
from according.corpus._unionfind import UnionFind

if TYPE_CHECKING:
    from according.corpus.semantic import Encoder

METHOD = "according.clusters.v1"
Reason = Literal["first", "identical", "jaccard", "containment", "jaccard+source", "semantic"]

NUM_PERM = 64
LSH_THRESHOLD = 0.3  # below every merge rule's Jaccard, so that trimmed quotes still meet as candidates
JACCARD = 0.5
CONTAINMENT = 0.8
CONTAINMENT_MIN_SHARED = 4
SAME_SOURCE_JACCARD = 0.35
MIN_WORDS = 3  # fewer content words than this is too little to say two claims are one
MAX_CANDIDATES = 200  # verified per record; LSH buckets of near-identical records are collapsed first anyway
SEMANTIC_COSINE = 0.7  # chosen on ECB+'s odd topics, reported on the even ones (docs/provenance.md)
SEMANTIC_MIN_SHARED = 2
ENCODE_BATCH = 256  # records embedded per encoder call; memory stays bounded by this, not the corpus


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One attribution to cluster: where it is, what it says, and who says it (a normalised name, or None)."""

    doc_id: str
    attribution_id: str
    text: str
    source: str | None = None

    @property
    def key(self) -> str:
        return f"{self.doc_id}/{self.attribution_id}"


@dataclass(frozen=True, slots=True)
class ClaimMember:
    """A cluster member and the merge that brought it in (the first member has reason "first")."""

    doc_id: str
    attribution_id: str
    text: str
    source: str | None
    matched_doc_id: str | None
    matched_attribution_id: str | None
    score: float | None
    reason: Reason
    shared: tuple[str, ...]  # the content words both sides have, which the score counts

    @property
    def key(self) -> str:
        return f"{self.doc_id}/{self.attribution_id}"


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """Attributions of several articles that carry the same claim; members in input order (ingest order)."""

    id: str
    members: tuple[ClaimMember, ...]

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.doc_id for m in self.members))


def cluster_id(first_key: str) -> str:
    """The stable id of the cluster whose first member has this key ("doc_id/attribution_id")."""
    return "c" + hashlib.sha256(first_key.encode()).hexdigest()[:15]


@dataclass(frozen=True, slots=True)
class _Match:
    score: float
    reason: Reason
    shared: tuple[str, ...]


def match(a: frozenset[str], b: frozenset[str], *, same_source: bool) -> _Match | None:
    """The merge rule two word sets pass, with its score, or None; see the module docstring."""
    if a == b:
        return _Match(1.0, "identical", tuple(sorted(a)))
    inter = a & b
    n = len(inter)
    if not n:
        return None
    jaccard = n / (len(a) + len(b) - n)
    shared = tuple(sorted(inter))
    if jaccard >= JACCARD:
        return _Match(round(jaccard, 4), "jaccard", shared)
    containment = n / min(len(a), len(b))
    if containment >= CONTAINMENT and n >= CONTAINMENT_MIN_SHARED:
        return _Match(round(containment, 4), "containment", shared)
    if same_source and jaccard >= SAME_SOURCE_JACCARD:
        return _Match(round(jaccard, 4), "jaccard+source", shared)
    return None


def _batches(records: Iterable[ClaimRecord], size: int) -> Iterator[list[ClaimRecord]]:
    it = iter(records)
    while batch := list(islice(it, size)):
        yield batch


def semantic_match(a: frozenset[str], b: frozenset[str], cosine: float) -> _Match | None:
    """The ``semantic`` rule: embeddings at least `SEMANTIC_COSINE` apart and `SEMANTIC_MIN_SHARED` shared words."""
    shared = a & b
    if cosine >= SEMANTIC_COSINE and len(shared) >= SEMANTIC_MIN_SHARED:
        return _Match(round(cosine, 4), "semantic", tuple(sorted(shared)))
    return None


def claim_clusters(
    records: Iterable[ClaimRecord], *, min_documents: int = 2, encoder: Encoder | None = None
) -> list[ClaimCluster]:
    """Clusters spanning at least `min_documents` articles that carry the same claim, by first member.

    Records are read once; what is kept per record is its word set and signature (and, with an `encoder`,
    its unit vector), not its document. Records with fewer than `MIN_WORDS` content words stay alone, and
    two records of one article are never merged directly (only through a third article that matches both).
    A record whose word set repeats one of its own article's earlier records stays alone: the earlier one
    stands for it.
    """
    signer = Signer(NUM_PERM)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    uf = UnionFind()
    kept: list[ClaimRecord] = []
    sets: list[frozenset[str]] = []
    first_with: dict[frozenset[str], int] = {}
    edges: dict[int, list[tuple[int, _Match]]] = {}
    vectors: dict[int, Any] = {}  # unit vectors of records already seen (semantic rule only)
    cos_lsh = None

    def link(i: int, j: int, m: _Match) -> None:
        uf.union(i, j)
        edges.setdefault(i, []).append((j, m))
        edges.setdefault(j, []).append((i, m))

    for batch in _batches(records, ENCODE_BATCH):
        emb = encoder.encode([r.text for r in batch]) if encoder is not None else None
        if emb is not None and cos_lsh is None and len(emb):
            from according.corpus.semantic import CosineLSH

            cos_lsh = CosineLSH(emb.shape[1])
        band_keys = cos_lsh.keys(emb) if cos_lsh is not None and emb is not None else None
        for pos, rec in enumerate(batch):
            i = uf.add()
            kept.append(rec)
            ws = frozenset(words(rec.text))
            sets.append(ws)
            if len(ws) < MIN_WORDS:
                continue
            twin = first_with.get(ws)
            if twin is not None:  # exact word-set duplicates never reach LSH, so its buckets stay small
                if kept[twin].doc_id != rec.doc_id:
                    link(i, twin, _Match(1.0, "identical", tuple(sorted(ws))))
                continue
            first_with[ws] = i
            sig: LeanMinHash = signer.sign(ws)
            candidates = sorted(int(k) for k in lsh.query(sig))[:MAX_CANDIDATES]
            for j in candidates:
                if uf.find(j) == uf.find(i) or kept[j].doc_id == rec.doc_id:
                    # already one cluster: a further merge would explain nothing new; and one article repeating
                    # itself (a quote and the paraphrase around it) is not the same claim *across* articles
                    continue
                same = rec.source is not None and rec.source == kept[j].source
                m = match(ws, sets[j], same_source=same)
                if m is not None:
                    link(i, j, m)
            lsh.insert(str(i), sig)
            if cos_lsh is not None and emb is not None and band_keys is not None:
                vec = emb[pos]
                for j in sorted(cos_lsh.query(band_keys[pos]))[:MAX_CANDIDATES]:
                    if uf.find(j) == uf.find(i) or kept[j].doc_id == rec.doc_id:
                        continue
                    sm = semantic_match(ws, sets[j], float(vec @ vectors[j]))
                    if sm is not None:
                        link(i, j, sm)
                cos_lsh.insert(i, band_keys[pos])
                vectors[i] = vec

    out: list[ClaimCluster] = []
    for members in uf.groups().values():
        if len(members) < 2 and min_documents > 1:
            continue
        if len({kept[k].doc_id for k in members}) < min_documents:
            continue
        out.append(_cluster(members, kept, edges))
    return out  # groups() lists sets by their smallest member: already in order of first member


def _cluster(members: list[int], kept: list[ClaimRecord], edges: dict[int, list[tuple[int, _Match]]]) -> ClaimCluster:
    """Members in input order, each explained by the merge that reaches it from the first member (BFS)."""
    first = members[0]
    via: dict[int, tuple[int, _Match] | None] = {first: None}
    queue = deque([first])
    while queue:
        x = queue.popleft()
        for y, m in sorted(edges.get(x, []), key=lambda e: e[0]):
            if y not in via:
                via[y] = (x, m)
                queue.append(y)
    out: list[ClaimMember] = []
    for k in members:
        rec = kept[k]
        step = via[k]
        if step is None:
            out.append(ClaimMember(rec.doc_id, rec.attribution_id, rec.text, rec.source, None, None, None, "first", ()))
        else:
            j, m = step
            out.append(
                ClaimMember(
                    rec.doc_id,
                    rec.attribution_id,
                    rec.text,
                    rec.source,
                    kept[j].doc_id,
                    kept[j].attribution_id,
                    m.score,
                    m.reason,
                    m.shared,
                )
            )
    return ClaimCluster(cluster_id(kept[first].key), tuple(out))
