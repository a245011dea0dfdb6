"""Stories at scale: sheets are compared only when they share a rare term (blocking), and the
average-link merges come from a heap; the groups are those of comparing every pair."""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

import pytest

from generator.corpus.registry import build_registry
from generator.corpus.stories import (
    BLOCK_LIMIT,
    BLOCK_NEIGHBOURS,
    average_link,
    blocking_terms,
    candidate_pairs,
    group_stories,
    similarities,
)
from generator.model import Entity, FactSheet, Figure, Generated, Source

GEN = Generated(tool="test", pipeline="test", content_hash="sha256:0")
D0 = dt.date(2024, 6, 3)


def day(n: int | None) -> dt.date | None:
    return None if n is None else D0 + dt.timedelta(days=n)


@pytest.mark.parametrize(("terms", "days", "neighbours", "pairs"), [
    pytest.param([{"x"}, {"x"}, {"y"}], [0, 0, 0], 0, {(0, 1)}, id="a-shared-rare-term"),
    pytest.param([{"x"}, {"y"}, {"z"}], [0, 0, 0], 0, set(), id="nothing-shared"),
    pytest.param([{"x", "a"}, {"x", "b"}, {"x"}, {"x"}], [0, 0, 0, 0], 0, set(),
                 id="only-a-term-of-more-sheets-than-the-limit"),
    pytest.param([{"x", "a"}, {"x", "a"}, {"x"}, {"x"}], [0, 0, 0, 0], 0, {(0, 1)},
                 id="a-frequent-term-and-a-rare-one"),
    pytest.param([{"x"}, {"x"}, {"x"}, {"x"}], [0, 1, 40, 41], 0, {(0, 1), (2, 3)},
                 id="frequent-overall-rare-in-its-stretch-of-days"),
    pytest.param([{"x"}, {"x"}, {"x"}, {"x"}], [9, 11, 60, 90], 0, {(0, 1)},
                 id="stretches-next-to-each-other"),
    pytest.param([{"x"}, {"x"}, {"x"}, {"x"}], [None, 0, 40, 80], 0, set(),
                 id="undated-only-through-a-rare-term"),
    pytest.param([{"x"}, {"x"}, {"x"}], [None, 0, 40], 0, {(0, 1), (0, 2), (1, 2)}, id="undated-rare-term"),
    pytest.param([{"x"}, {"x"}, {"x"}, {"x"}, {"x"}], [3, 0, 2, 1, 1], 1, {(1, 3), (3, 4), (2, 4), (0, 2)},
                 id="a-frequent-term-chains-its-sheets-in-date-order"),
])
def test_candidate_pairs(terms, days, neighbours, pairs):
    assert candidate_pairs(terms, [day(d) for d in days], limit=3, neighbours=neighbours) == pairs


def copy_of(story: int, k: int, *, title: str, people: list[str], days_apart: int = 2) -> FactSheet:
    """Copy ``k`` of a made-up article: the same names and title, its own id and date, one figure varied."""
    return FactSheet(
        id=f"s{story}-{k}", title=title, summary=f"{title} as told by outlet {k}.",
        source=Source(name=f"Outlet {k % 5}", published=day(days_apart * k).isoformat()), generated=GEN,
        figures=(Figure(text=f"{100 + k} residents", value=100 + k, counts="residents",
                        sentence=f"{100 + k} residents left their homes near {people[0]}'s depot."),),
        entities=tuple(Entity(name=n, type="PERSON") for n in people))


STORIES = [("Harbour depot fire forces evacuation", ["Helen Strand", "Tomas Rinaldi"]),
           ("Council approves new tram line budget", ["Ada Brennan", "Piet Kuyper"]),
           ("Drought cuts wheat harvest in the valley", ["Mara Osei", "Lev Antonov"])]


def test_near_duplicates_are_still_grouped_when_their_terms_are_frequent():
    """Wire copy: 3 articles, 60 copies each two days apart; each name is in more sheets than the
    blocking limit, so only its stretch of days makes it a key, and the copies still form stories."""
    copies = 60
    assert copies > BLOCK_LIMIT
    sheets = [copy_of(n, k, title=t, people=p) for n, (t, p) in enumerate(STORIES) for k in range(copies)]
    stories = group_stories(sheets, build_registry(sheets))
    grouped = [sid for s in stories for sid in s.sheets]
    assert len(grouped) == len(set(grouped)) == len(sheets)  # every copy in a story, once
    for s in stories:
        assert len({sid.split("-")[0] for sid in s.sheets}) == 1  # never two articles in one story


def test_a_burst_of_copies_on_one_day_is_one_story():
    """One story retold by 90 outlets the same day: every term is in more sheets than the limit, yet the copies
    are one story (and a story of other days stays apart)."""
    title, people = STORIES[0]
    burst = [copy_of(0, k, title=title, people=people, days_apart=0) for k in range(90)]
    other = [copy_of(1, k, title=STORIES[1][0], people=STORIES[1][1], days_apart=0) for k in range(3)]
    stories = group_stories(burst + other, build_registry(burst + other))
    assert sorted(len(s.sheets) for s in stories) == [3, 90]


def test_a_pair_sharing_only_a_frequent_term_is_not_compared():
    """Sheets alike only by a name in more sheets (the same days) than the limit are not compared, but for
    each sheet's next few in date order."""
    common = ["Joe Biden"]
    sheets = [FactSheet(id=f"s{k}", title=f"Topic {k} story", source=Source(published=D0.isoformat()),
                        generated=GEN, entities=tuple(Entity(name=n, type="PERSON") for n in [*common, f"P{k} Q{k}"]))
              for k in range(BLOCK_LIMIT + 1)]
    registry = build_registry(sheets)
    assert all(f"e:{registry.find(s.id, 'Joe Biden').id}" in blocking_terms(s, registry) for s in sheets)
    known = similarities(sheets, registry).known
    assert sum(len(v) for v in known.values()) <= 2 * BLOCK_NEIGHBOURS * len(sheets)
    assert 20 not in known[0]
    every = similarities(sheets, registry, combinations(range(len(sheets)), 2))
    assert every.known[0][1] > 0  # compared, they would have been somewhat alike


TOPICS = [(["fire", "depot", "evacuation", "blaze"], ["Helen Strand", "Tomas Rinaldi"]),
          (["tram", "budget", "council", "vote"], ["Ada Brennan", "Piet Kuyper"]),
          (["drought", "harvest", "wheat", "valley"], ["Mara Osei", "Lev Antonov"])]
SHARED_WORDS = ["city", "report", "plan", "people", "police"]


def small_cases() -> list[list[FactSheet]]:
    """Small archives of made-up sheets on three topics, with words and a name that cross topics,
    dates near and far, some undated."""
    rng = random.Random(16)
    cases = []
    for _ in range(16):
        sheets = []
        for k in range(rng.randint(3, 14)):
            words, people = TOPICS[rng.randrange(3)]
            other_words, other_people = TOPICS[rng.randrange(3)]
            when = rng.choice([None, rng.randint(0, 30), rng.randint(0, 30)])
            title = rng.sample(words, 2) + rng.sample(SHARED_WORDS, 1) + rng.sample(other_words, rng.randint(0, 1))
            names = rng.sample(people, rng.randint(1, 2)) + rng.sample(other_people, rng.randint(0, 1))
            sheets.append(FactSheet(
                id=f"c{k}", title=" ".join(title).capitalize(),
                summary=" ".join(rng.sample(words, 3) + rng.sample(SHARED_WORDS, 2)),
                source=Source(published=day(when).isoformat() if when is not None else None), generated=GEN,
                entities=tuple(Entity(name=n, type="PERSON") for n in dict.fromkeys(names))))
        cases.append(sheets)
    return cases


@pytest.mark.parametrize("sheets", small_cases())
def test_groups_equal_comparing_every_pair(sheets):
    registry = build_registry(sheets)
    every = similarities(sheets, registry, combinations(range(len(sheets)), 2))
    for threshold in (0.1, 0.19, 0.3):
        assert average_link(similarities(sheets, registry), threshold) == average_link(every, threshold)


def naive_average_link(sim: list[list[float]], threshold: float) -> list[list[int]]:
    """Average link as defined, with every group average summed again at each step (cubic; for checking)."""
    groups = {i: [i] for i in range(len(sim))}
    while True:
        best = None
        for a, b in combinations(sorted(groups), 2):
            pairs = [sim[i][j] for i in groups[a] for j in groups[b]]
            if max(pairs) < threshold:
                continue  # no pair strong enough: the two groups are not candidates
            key = (sum(pairs) / (len(groups[a]) * len(groups[b])), (a, b))
            best = key if best is None or key > best else best
        if best is None or best[0] < threshold:
            return [sorted(m) for _, m in sorted(groups.items())]
        a, b = best[1]
        groups[a] += groups.pop(b)


@pytest.mark.parametrize("seed", range(8))
def test_heap_merges_equal_naive_average_link(seed):
    """Similarities in 64ths add up exactly, so both ways see the same averages, ties included."""
    rng = random.Random(seed)
    n = rng.randint(2, 16)
    dense = [[0.0] * n for _ in range(n)]
    for i, j in combinations(range(n), 2):
        dense[i][j] = dense[j][i] = rng.choice([0, 0, 0, 8, 12, 16, 24, 40]) / 64
    sparse = {i: {j: v for j, v in enumerate(row) if v and j != i} for i, row in enumerate(dense)}
    for threshold in (12 / 64, 16 / 64, 0.3):
        assert average_link(sparse, threshold) == naive_average_link(dense, threshold)
