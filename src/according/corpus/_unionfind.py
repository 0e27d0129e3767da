"""Disjoint sets over 0..n-1, grown one element at a time (path halving, union by size)."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets of integers; `add()` gives the next element its own set."""

    def __init__(self) -> None:
        self._parent: list[int] = []
        self._size: list[int] = []

    def add(self) -> int:
        self._parent.append(len(self._parent))
        self._size.append(1)
        return len(self._parent) - 1

    def __len__(self) -> int:
        return len(self._parent)

    def find(self, x: int) -> int:
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of `a` and `b`; False when they were one set already."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        return True

    def groups(self) -> dict[int, list[int]]:
        """Root -> members in increasing order."""
        out: dict[int, list[int]] = {}
        for x in range(len(self._parent)):
            out.setdefault(self.find(x), []).append(x)
        return out
