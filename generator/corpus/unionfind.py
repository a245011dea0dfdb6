"""Union-find over the numbers ``0..n-1``: which items end up in one group after pairwise links.

The registry groups organisations and places that share a name with it, and the stories group
quotes that repeat one another. Each group is named by its smallest member, so the groups come
out in the same order on every run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class UnionFind:
    """Disjoint sets of ``0..n-1``, each named by its smallest member."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The smallest member of ``i``'s group."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]  # halve the path: later look-ups are shorter
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Put ``a`` and ``b`` (and their groups) in one group."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self, items: Iterable[int]) -> dict[int, list[int]]:
        """``items`` by group (smallest member -> items, in the order given), groups in order of first item."""
        out: dict[int, list[int]] = defaultdict(list)
        for i in items:
            out[self.find(i)].append(i)
        return dict(out)
