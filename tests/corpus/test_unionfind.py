"""The one union-find the corpus stage groups with (registry names, repeated quotes)."""

from __future__ import annotations

import pytest

from generator.corpus.unionfind import UnionFind


@pytest.mark.parametrize(("n", "links", "groups"), [
    pytest.param(3, [], {0: [0], 1: [1], 2: [2]}, id="no-links"),
    pytest.param(4, [(3, 1), (2, 3)], {0: [0], 1: [1, 2, 3]}, id="named-by-smallest"),
    pytest.param(5, [(4, 3), (1, 0), (3, 1)], {0: [0, 1, 3, 4], 2: [2]}, id="chain"),
    pytest.param(3, [(0, 0), (1, 2), (2, 1)], {0: [0], 1: [1, 2]}, id="self-and-repeat"),
])
def test_groups_are_named_by_their_smallest_member(n, links, groups):
    uf = UnionFind(n)
    for a, b in links:
        uf.union(a, b)
    assert uf.groups(range(n)) == groups
    assert all(uf.find(i) == min(g) for g in groups.values() for i in g)


def test_groups_keep_the_order_items_are_given_in():
    uf = UnionFind(4)
    uf.union(0, 3)
    assert list(uf.groups([3, 2, 0])) == [0, 2]
    assert uf.groups([3, 2, 0])[0] == [3, 0]
