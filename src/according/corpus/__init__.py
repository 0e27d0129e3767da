"""Provenance across a corpus: syndicated copies, the same claim across articles, and where it came from.

`syndication` groups near-duplicate articles, `clusters` groups attributions that carry the same claim,
`provenance` counts a cluster's independent origins and draws its citation chains, `build` stores all of it,
`revisions` diffs two versions of an article's ledger and `outlets` profiles each outlet's sourcing.
docs/provenance.md explains the methods and reports their evaluation.
"""

from __future__ import annotations

from according.corpus.clusters import ClaimCluster, ClaimMember, ClaimRecord, claim_clusters
from according.corpus.syndication import Article, SyndicationGroup, syndication_groups

__all__ = [
    "Article",
    "ClaimCluster",
    "ClaimMember",
    "ClaimRecord",
    "SyndicationGroup",
    "claim_clusters",
    "syndication_groups",
]
