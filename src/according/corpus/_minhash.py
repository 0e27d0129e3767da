"""MinHash signatures that share one set of permutations, so building millions of them stays cheap."""

from __future__ import annotations

from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash

from according.corpus._text import encode

SEED = 1


class Signer:
    """Makes `LeanMinHash` signatures of string sets with `num_perm` permutations fixed at construction."""

    def __init__(self, num_perm: int) -> None:
        self.num_perm = num_perm
        self._template = MinHash(num_perm=num_perm, seed=SEED)

    def sign(self, items: Iterable[str]) -> LeanMinHash:
        m = MinHash(
            num_perm=self.num_perm, seed=SEED, permutations=self._template.permutations, scheme=self._template.scheme
        )
        m.update_batch(encode(items))
        return LeanMinHash(m)
