"""Across articles: which articles tell the same story, and where they disagree.

:func:`group_stories` clusters fact sheets into stories by what they share: the people,
organisations and places they name (through the :mod:`~generator.corpus.registry`, so "Blinken" and
"Antony Blinken" count as one), their vocabulary, and their dates. Clustering is average-link,
so a chain of loosely related articles does not collapse into one story. Only sheets that share
a rare term are compared up front (:func:`candidate_pairs`: blocking), and the merges come from
a heap, so an archive of thousands of sheets (wire copy retold by many outlets among them) is
grouped in about linear time; the groups are those of comparing every pair, as long as every
pair alike enough to start a story shares one of those terms.

:func:`find_conflicts` then looks for disagreements:

- a **figure** reported differently by two articles of one story: the same thing counted
  (``counts``/``unit``), in sentences about the same subject, with values that cannot both be
  right ("90,000 troops" against "100,000 troops"; "more than 90,000" against "100,000" is no
  conflict, nor are overlapping ranges or two "about" figures within 10%);
- a **quote** attributed to different people: the same words (allowing for a partial quote)
  with speakers that are different registry entries.

:func:`analyse_corpus` runs both, completes each figure conflict with every article of the story
that gives the disputed count (:func:`complete_figure_conflicts`), and gives the site what it
needs: the stories, the conflicts, and the conflicts of each sheet.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import combinations

from generator.corpus.names import fold, person_parts
from generator.corpus.registry import Registry, build_registry
from generator.corpus.unionfind import UnionFind
from generator.extract.lexicon import WEEKDAY_NAMES
from generator.inputs.ids import slugify
from generator.model import FactSheet, Figure, Quote

STORY_THRESHOLD = 0.19  # average similarity two groups of articles need to be one story (see docs: stories)
MAX_DAYS_APART = 10  # articles further apart than this are not one story
BLOCK_LIMIT = 40  # a term more sheets share (in a stretch of days) tells no story apart: not a reason to compare
BLOCK_NEIGHBOURS = 3  # ... but each of its sheets is compared with the next few in date order (see candidate_pairs)
FIGURE_CONTEXT = 0.35  # share of content words two figure sentences must have in common
QUOTE_OVERLAP = 0.8  # share of the shorter quote's words the longer must contain
MIN_QUOTE_WORDS = 8  # shorter shared words are often a slogan or catchphrase many people repeat
APPROX_TOLERANCE = 0.1  # "about 90,000" and "about 95,000" agree
STOP = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "as", "that", "this",
    "it", "its", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "said", "says",
    "say", "he", "she", "they", "his", "her", "their", "we", "i", "you", "not", "but", "who", "which", "what",
    "about", "after", "more", "than", "also", "into", "over", "new", "mr", "ms", "mrs", "there", "one", "two",
    "can", "could", "may", "should", "do", "did", "does", "so", "if", "all", "some", "up", "out", "no", "just",
    "s", "t", "told", "according", "percent", "per", "cent", "year", "years", "last", "week", *WEEKDAY_NAMES,
    "when", "where", "how", "while",
}


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that cover the same events."""

    id: str  # safe as a file name
    title: str  # the title of its earliest article
    sheets: tuple[str, ...]  # sheet ids, oldest first
    entities: tuple[str, ...] = ()  # registry ids the articles share, most shared first
    first: str | None = None  # dates of its first and last article
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One article's side of a conflict."""

    sheet: str
    text: str  # the figure as written, or the quoted words
    sentence: str
    index: int  # into the sheet's figures[] or quotes[]
    value: object = None  # a figure's value
    approx: str | None = None
    speaker: str | None = None  # a quote's speaker (the registry's name when known)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more articles that report the same thing differently."""

    id: str
    kind: str  # "figure" or "quote"
    topic: str  # what is counted ("troops"), or the quote's first words
    claims: tuple[Claim, ...]
    story: str | None = None


@dataclass
class Corpus:
    """Stories and conflicts over all sheets, with look-ups for the site."""

    stories: list[Story]
    conflicts: list[Conflict]
    registry: Registry
    _by_sheet: dict[str, list[Conflict]] = field(default_factory=dict)
    _story_of: dict[str, Story] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.conflicts:
            for sheet in dict.fromkeys(claim.sheet for claim in c.claims):
                self._by_sheet.setdefault(sheet, []).append(c)
        for s in self.stories:
            for sheet in s.sheets:
                self._story_of[sheet] = s

    def conflicts_for(self, sheet_id: str) -> list[Conflict]:
        return self._by_sheet.get(sheet_id, [])

    def story_of(self, sheet_id: str) -> Story | None:
        return self._story_of.get(sheet_id)


def analyse_corpus(sheets: Iterable[FactSheet], registry: Registry | None = None) -> Corpus:
    """Stories and conflicts across ``sheets`` (the registry is built from them if not given)."""
    sheets = list(sheets)
    registry = registry if registry is not None else build_registry(sheets)
    stories = group_stories(sheets, registry)
    conflicts = find_conflicts(sheets, stories, registry)
    corpus = Corpus(stories=stories, conflicts=conflicts, registry=registry)
    return complete_figure_conflicts(corpus, {s.id: s for s in sheets})


# --- stories --------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'-]+", text.lower()) if w not in STOP and len(w) > 2]


def _vocabulary(sheet: FactSheet) -> Counter[str]:
    parts = [sheet.title, sheet.title, sheet.summary or ""]
    sentences = {f.sentence for f in sheet.facts} | {q.sentence for q in sheet.quotes}
    sentences |= {f.sentence for f in sheet.figures} | {d.sentence for d in sheet.dates}
    parts += sorted(sentences)
    return Counter(_stem(w) for w in _words(" ".join(parts)))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _entity_ids(sheet: FactSheet, registry: Registry) -> list[str]:
    """A sheet's registry ids, once each, in the sheet's order (a set's order changes between runs)."""
    out: dict[str, None] = {}
    for ent in sheet.entities:
        entry = registry.find(sheet.id, ent.name)
        if entry is not None:
            out[entry.id] = None
    return list(out)


def _date(sheet: FactSheet) -> dt.date | None:
    try:
        return dt.date.fromisoformat((sheet.source.published or "")[:10])
    except ValueError:
        return None


def _tfidf(bags: list[Counter[str]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for b in bags:
        df.update(set(b))
    n = len(bags)
    out = []
    for b in bags:
        vec = {w: (1 + math.log(c)) * (1 + math.log((1 + n) / (1 + df[w]))) for w, c in b.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({w: v / norm for w, v in vec.items()})
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def blocking_terms(sheet: FactSheet, registry: Registry) -> set[str]:
    """The terms that make two sheets worth comparing: the registry entries they name, the words of
    their titles, and what their figures count. Two tellings of one story share some of these."""
    terms = {f"e:{e}" for e in _entity_ids(sheet, registry)}
    terms |= {f"w:{_stem(w)}" for w in _words(sheet.title)}
    terms |= {f"c:{what}" for f in sheet.figures if (what := _what(f))}
    return terms


def candidate_pairs(terms: list[set[str]], dates: list[dt.date | None], *, limit: int = BLOCK_LIMIT,
                    days: int = MAX_DAYS_APART, neighbours: int = BLOCK_NEIGHBOURS) -> set[tuple[int, int]]:
    """The pairs ``(i, j)``, ``i < j``, of sheets worth comparing: those that share a blocking term
    rare enough to tell stories apart, one held by at most ``limit`` sheets, or else by at most
    ``limit`` sheets dated within a stretch of ``days`` and the next (a name in the news all year is
    a key only in a week it is rare). A term more common than that is no key: its sheets are only
    chained, each to the next ``neighbours`` in date order, so that a burst of near-duplicates (one
    story retold by a hundred outlets in a week, each copy alike to all) is still joined, and the
    clustering, which averages groups over all their pairs, merges it. A sheet without a date is
    paired through the first kind of term only. Each term adds at most ``limit`` squared pairs per
    stretch, so the work grows about linearly with the sheets.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, held in enumerate(terms):
        for t in held:
            postings[t].append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in postings.values():
        if len(posting) < 2:
            continue
        if len(posting) <= limit:
            pairs.update(combinations(posting, 2))  # postings are in sheet order: i < j
            continue
        stretches: dict[int, list[int]] = defaultdict(list)
        for i in posting:
            if (d := dates[i]) is not None:
                stretches[d.toordinal() // days].append(i)
        for k, members in stretches.items():  # two sheets at most ``days`` apart are in one stretch or the next
            block = members + stretches.get(k + 1, [])
            if len(block) <= limit:
                pairs.update(combinations(sorted(block), 2))
                continue
            chain = sorted(block, key=lambda i: (dates[i], i))
            for n, i in enumerate(chain):
                for j in chain[n + 1:n + 1 + neighbours]:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


@dataclass
class Similarities:
    """How alike sheets are: the candidate pairs (:func:`candidate_pairs`) worked out up front, in
    ``known`` (``known[i][j]``, both ways, where not zero), and any other pair on demand (``self(i, j)``),
    when the clustering needs it to average two groups that a candidate pair joins."""

    known: dict[int, dict[int, float]]
    vocab: list[dict[str, float]]
    ents: list[dict[str, float]]
    dates: list[dt.date | None]
    _asked: dict[tuple[int, int], float] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.known)

    def __call__(self, i: int, j: int) -> float:
        if (value := self.known[i].get(j)) is not None:
            return value
        key = (min(i, j), max(i, j))
        if (value := self._asked.get(key)) is None:
            value = self._asked[key] = self.pair(*key)
        return value

    def pair(self, i: int, j: int) -> float:
        """Half shared entities (weighted by rarity), half vocabulary; 0 for sheets more than
        ``MAX_DAYS_APART`` days apart."""
        di, dj = self.dates[i], self.dates[j]
        if di and dj and abs((di - dj).days) > MAX_DAYS_APART:
            return 0.0
        return 0.5 * _cos(self.vocab[i], self.vocab[j]) + 0.5 * _cos(self.ents[i], self.ents[j])


def similarities(sheets: list[FactSheet], registry: Registry,
                 pairs: Iterable[tuple[int, int]] | None = None) -> Similarities:
    """How alike the sheets are, worked out for the candidate pairs (:func:`candidate_pairs`, or ``pairs``)."""
    vocab = _tfidf([_vocabulary(s) for s in sheets])
    ents = [{e: 1 for e in _entity_ids(s, registry)} for s in sheets]
    sim = Similarities(known={i: {} for i in range(len(sheets))}, vocab=vocab,
                       ents=_tfidf([Counter(e) for e in ents]), dates=[_date(s) for s in sheets])
    if pairs is None:
        pairs = candidate_pairs([blocking_terms(s, registry) for s in sheets], sim.dates)
    for i, j in sorted(pairs):
        if value := sim.pair(i, j):
            sim.known[i][j] = sim.known[j][i] = value
    return sim


def average_link(sim: Similarities | dict[int, dict[int, float]], threshold: float) -> list[list[int]]:
    """Average-link clustering: merge the two groups whose pairs are most alike on average, while
    that average reaches ``threshold``; ties go to the later pair in the order of the groups' first
    members. Groups are named by their first (smallest) member. ``sim``: the similarities (or, as a
    plain mapping, every item's similarity to the others, by item 0..n-1, where not zero).

    Only groups joined by at least one pair at or above the threshold can average that much, so
    only those are compared: their sum of similarities is kept up to date as they merge, and made
    from all their pairs (asked of ``sim``) when a merge first joins two groups; the best pair comes
    from a heap whose entries are checked against each group's version (a merge makes a group's
    older entries stale). So a merge costs what it touches, not all the pairs left (which made the
    clustering quadratic), and the groups are those of comparing every pair.
    """
    if isinstance(sim, Similarities):
        known, value = sim.known, sim
    else:
        known, value = sim, (lambda i, j: sim[i].get(j, 0.0))
    n = len(known)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    strong: dict[int, set[int]] = {i: set() for i in range(n)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # between strongly joined groups only
    for i in range(n):
        for j, v in sorted(known[i].items()):
            if j > i and v >= threshold:
                strong[i].add(j)
                strong[j].add(i)
                sums[i][j] = sums[j][i] = v
    version = [0] * n

    def entry(a: int, b: int) -> tuple[float, int, int, int, int]:
        a, b = min(a, b), max(a, b)
        return (-sums[a][b] / (len(members[a]) * len(members[b])), -a, -b, version[a], version[b])

    def total(x: int, c: int) -> float:
        if (known_sum := sums[x].get(c)) is not None:
            return known_sum
        return sum(value(i, j) for i in members[x] for j in members[c])

    heap = [entry(a, b) for a in range(n) for b in strong[a] if a < b]
    heapq.heapify(heap)
    while heap:
        neg, na, nb, va, vb = heapq.heappop(heap)
        a, b = -na, -nb
        if a not in members or b not in members or version[a] != va or version[b] != vb:
            continue  # a group that has merged since
        if -neg < threshold:
            break
        partners = sorted((strong[a] | strong[b]) - {a, b})
        merged = {c: total(a, c) + total(b, c) for c in partners}
        for x in (a, b):
            for c in sums[x]:
                if c not in (a, b):
                    del sums[c][x]
        del sums[b]
        sums[a] = merged
        for c, v in merged.items():
            sums[c][a] = v
        members[a] += members.pop(b)
        for c in strong.pop(b):
            strong[c].discard(b)
            if c != a:
                strong[c].add(a)
        strong[a] = set(partners)
        version[a] += 1
        for c in partners:
            heapq.heappush(heap, entry(a, c))
    return [sorted(m) for _, m in sorted(members.items())]


def group_stories(sheets: list[FactSheet], registry: Registry, *, threshold: float = STORY_THRESHOLD) -> list[Story]:
    """Stories of two or more articles, largest first (an article alike to no other is in none)."""
    if len(sheets) < 2:
        return []
    clusters = average_link(similarities(sheets, registry), threshold)
    stories = []
    used: set[str] = set()
    for members in sorted((c for c in clusters if len(c) > 1), key=lambda c: (-len(c), min(c))):
        group = sorted((sheets[i] for i in members), key=lambda s: (s.source.published or "", s.id))
        shared = Counter(e for s in group for e in _entity_ids(s, registry))
        common = tuple(e for e, k in shared.most_common(8) if k > 1)
        sid = _unique(f"story-{slugify(group[0].title)[:50].rstrip('-_')}", used)
        dated = [d for d in (s.source.published for s in group) if d]
        stories.append(Story(id=sid, title=group[0].title, sheets=tuple(s.id for s in group), entities=common,
                             first=min(dated)[:10] if dated else None, last=max(dated)[:10] if dated else None))
    return stories


def _unique(base: str, used: set[str]) -> str:
    out, n = base, 2
    while out in used:
        out, n = f"{base}-{n}", n + 1
    used.add(out)
    return out


# --- conflicts ------------------------------------------------------------------------------------------


def find_conflicts(sheets: list[FactSheet], stories: list[Story], registry: Registry) -> list[Conflict]:
    """Figure conflicts within each story, and quote conflicts across all sheets."""
    by_id = {s.id: s for s in sheets}
    out: list[Conflict] = []
    used: set[str] = set()
    for story in stories:
        group = [by_id[i] for i in story.sheets if i in by_id]
        for topic, claims in figure_conflicts(group):
            out.append(Conflict(id=_unique(f"figure-{slugify(topic)[:40]}", used), kind="figure", topic=topic,
                                claims=tuple(claims), story=story.id))
    story_of = {sheet: s.id for s in stories for sheet in s.sheets}
    for topic, claims in quote_conflicts(sheets, registry):
        story = story_of.get(claims[0].sheet)
        out.append(Conflict(id=_unique(f"quote-{slugify(topic)[:40]}", used), kind="quote", topic=topic,
                            claims=tuple(claims), story=story if all(story_of.get(c.sheet) == story
                                                                     for c in claims) else None))
    return out


def _what(f: Figure) -> str | None:
    """What a figure measures, comparable across articles: its counted noun, or its unit."""
    if f.counts:
        return _stem(f.counts.lower().strip())
    if f.unit and f.unit not in ("percent", "year"):
        return f.unit
    return None


def _states_a_level(f: Figure) -> bool:
    """A figure that states a level (a number or a range), not a change ("up 3%") or no number at all: one a
    disagreement's chart can draw."""
    return _bounds(f) is not None


def _bounds(f: Figure) -> tuple[float, float] | None:
    """The values a figure allows; None for a change ("up 3%"), which is no level."""
    return None if f.direction is not None else value_bounds(f.value, f.approx)


def value_bounds(value: object, approx: str | None) -> tuple[float, float] | None:
    """The values a figure's value and approximator allow: "more than 90,000" is (90,000, inf), "about 100"
    is (90, 110), a range {low, high} is itself; None when they state no level (no finite number, a range
    whose low is above its high, or a direction written as an approximator by older sheets). The charts
    draw these same bounds."""
    if isinstance(value, dict):
        lo, hi = value.get("low"), value.get("high")
        ok = isinstance(lo, int | float) and isinstance(hi, int | float) and lo <= hi
        return (float(lo), float(hi)) if ok else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    v = float(value)
    match approx:
        case None:
            return (v, v)
        case "about":
            return (v * (1 - APPROX_TOLERANCE), v * (1 + APPROX_TOLERANCE))
        case "almost":
            return (v * (1 - APPROX_TOLERANCE), v)
        case "more than" | "at least":
            return (v, math.inf)
        case "less than" | "up to":
            return (0.0, v)
        case _:  # "up", "down": a change, not a level
            return None


def _agree(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] + 1e-9 and b[0] <= a[1] + 1e-9


def _context(f: Figure) -> set[str]:
    return {_stem(w) for w in _words(f.sentence)} - {_stem(w) for w in _words(f.text)}


def figure_conflicts(group: list[FactSheet]) -> list[tuple[str, list[Claim]]]:
    """Pairs of figures from different sheets: same thing counted, same subject, values that cannot agree."""
    items: dict[str, list[tuple[FactSheet, int, Figure, tuple[float, float], set[str]]]] = defaultdict(list)
    for sheet in group:
        for i, f in enumerate(sheet.figures):
            what = _what(f)
            if what and (bounds := _bounds(f)) is not None:
                items[what].append((sheet, i, f, bounds, _context(f)))  # each worked out once, not once per pair
    out = []
    for what, figs in items.items():
        seen: set[tuple[str, int]] = set()
        claims: list[Claim] = []
        for (sa, ia, fa, ba, ca), (sb, ib, fb, bb, cb) in combinations(figs, 2):
            if sa.id == sb.id or (fa.unit or None) != (fb.unit or None):
                continue
            if _agree(ba, bb):
                continue
            if not ca or not cb or len(ca & cb) / min(len(ca), len(cb)) < FIGURE_CONTEXT:
                continue
            if _other_sheet_agrees(fa, sb) or _other_sheet_agrees(fb, sa):
                continue  # each article also gives the other's number: two different counts, not a disagreement
            for s, i, f in ((sa, ia, fa), (sb, ib, fb)):
                if (s.id, i) not in seen:
                    seen.add((s.id, i))
                    claims.append(Claim(sheet=s.id, text=f.text, sentence=f.sentence, index=i, value=f.value,
                                        approx=f.approx))
        if claims:
            out.append((what, claims))
    return out


def _other_sheet_agrees(fig: Figure, other: FactSheet) -> bool:
    bounds = _bounds(fig)
    what = _what(fig)
    return bounds is not None and any(
        _what(g) == what and (gb := _bounds(g)) is not None and _agree(bounds, gb) for g in other.figures)


@dataclass(frozen=True)
class _Words:
    """A quote's words: how many, as one string and as counts (each made once per quote)."""

    size: int
    text: str
    counts: Counter

    @classmethod
    def of(cls, q: Quote) -> _Words:
        words = re.findall(r"[a-z0-9']+", q.text.lower())
        return cls(len(words), f" {' '.join(words)} ", Counter(words))  # spaced: a run of whole words is found


def _contains(short: _Words, long: _Words) -> bool:
    """The shorter quote's words appear, in order, as a run of the longer's words (allowing a few changed)."""
    if short.size < MIN_QUOTE_WORDS:
        return False
    if short.text in long.text:
        return True
    counts = long.counts
    return sum(min(v, counts[w]) for w, v in short.counts.items()) / short.size >= QUOTE_OVERLAP


def _speaker_key(sheet: FactSheet, q: Quote, registry: Registry) -> tuple[str, str] | None:
    """The registry entry of a quote's speaker (or its folded name), and the name to show."""
    if not q.speaker:
        return None
    entry = registry.find(sheet.id, q.speaker)
    if entry is not None:
        return entry.id, entry.name
    parts = person_parts(q.speaker)
    return (" ".join(parts) or fold(q.speaker)), q.speaker


def _same_speaker(a: tuple[str, str], b: tuple[str, str]) -> bool:
    if a[0] == b[0]:
        return True
    pa, pb = person_parts(a[1]), person_parts(b[1])
    if not pa or not pb:
        return False
    if len(pa) == 1 or len(pb) == 1:  # "Peskov" and "Dmitry Peskov": not a disagreement
        return pa[-1] == pb[-1]
    return False


def quote_conflicts(sheets: list[FactSheet], registry: Registry) -> list[tuple[str, list[Claim]]]:
    """The same words quoted in different sheets with speakers who are not the same person."""
    quotes = []
    for sheet in sheets:
        for i, q in enumerate(sheet.quotes):
            words = _Words.of(q)
            key = _speaker_key(sheet, q, registry)
            if key is not None and words.size >= MIN_QUOTE_WORDS:
                quotes.append((sheet, i, q, words, key))
    index: dict[str, list[int]] = defaultdict(list)  # rare word -> quotes, to avoid comparing every pair
    for n, (_, _, _, words, _) in enumerate(quotes):
        for w in words.counts:
            index[w].append(n)
    shared: Counter = Counter()  # pair -> how many of the rare words they share
    rare = [0] * len(quotes)  # quote -> how many rare words it has
    for posting in index.values():
        if len(posting) <= 50:
            shared.update(combinations(posting, 2))
            for n in posting:
                rare[n] += 1
    # each rare word of the shorter quote missing from the longer is at least one word of it not matched,
    # so a pair that shares too few of them cannot reach QUOTE_OVERLAP (nor be a run of the longer's words)
    # and is not compared
    def shorter_first(a: int, b: int) -> tuple[int, int]:
        return (a, b) if quotes[a][3].size <= quotes[b][3].size else (b, a)

    candidates = set()
    for (a, b), common in shared.items():
        s = shorter_first(a, b)[0]
        if quotes[s][3].size - (rare[s] - common) >= QUOTE_OVERLAP * quotes[s][3].size:
            candidates.add((a, b))
    links = UnionFind(len(quotes))
    linked: set[int] = set()
    for a, b in sorted(candidates):
        sa, _, _, _, ka = quotes[a]
        sb, _, _, _, kb = quotes[b]
        if sa.id == sb.id or _same_speaker(ka, kb):
            continue
        short, long = (quotes[n][3] for n in shorter_first(a, b))
        if _contains(short, long):
            links.union(a, b)
            linked.update((a, b))
    groups = links.groups(sorted(linked))
    out = []
    for g in groups.values():
        members = sorted(g, key=lambda n: (quotes[n][0].source.published or "", quotes[n][0].id))
        claims = [Claim(sheet=quotes[n][0].id, text=quotes[n][2].text, sentence=quotes[n][2].sentence,
                        index=quotes[n][1], speaker=quotes[n][4][1]) for n in members]
        topic = " ".join(quotes[members[0]][2].text.split()[:8])
        out.append((topic, claims))
    return out


def complete_figure_conflicts(corpus: Corpus, sheets: dict[str, FactSheet]) -> Corpus:
    """Every article of the story that gives the disputed count, in each disagreement on a figure.

    The finder compares figures in pairs and keeps a pair only when the two sentences share
    enough words to be about the same subject. An article whose sentence shares none with the
    others ("More than 90 firefighters were sent to the scene." against "...said 60 firefighters
    had worked through the night...") was left out of the table although it counts the same
    thing in the same story, and disagrees. Here each article of the story that has no claim in
    the disagreement yet, and counts that thing exactly once (with the same unit), joins it; an
    article counting it several times is left out, as nothing tells which of its figures is meant.
    Claims are listed in the story's order of articles.
    """
    stories = {s.id: s for s in corpus.stories}
    out: list[Conflict] = []
    changed = False
    for c in corpus.conflicts:
        story = stories.get(c.story or "")
        if c.kind != "figure" or story is None:
            out.append(c)
            continue
        units = {f.unit for cl in c.claims if (f := claim_figure(cl, sheets)) is not None}
        claimed = {cl.sheet for cl in c.claims}
        added: list[Claim] = []
        for sid in story.sheets:
            sheet = sheets.get(sid)
            if sheet is None or sid in claimed:
                continue
            same = [(i, f) for i, f in enumerate(sheet.figures)
                    if _states_a_level(f) and f.unit in units and _what(f) == c.topic]
            if len(same) == 1:
                i, f = same[0]
                added.append(Claim(sheet=sid, text=f.text, sentence=f.sentence, index=i, value=f.value,
                                   approx=f.approx))
        if not added:
            out.append(c)
            continue
        order = {sid: n for n, sid in enumerate(story.sheets)}
        claims = sorted((*c.claims, *added), key=lambda cl: (order.get(cl.sheet, len(order)), cl.index))
        out.append(replace(c, claims=tuple(claims)))
        changed = True
    if not changed:
        return corpus
    return Corpus(stories=corpus.stories, conflicts=out, registry=corpus.registry)


def claim_figure(claim: Claim, sheets: dict[str, FactSheet]) -> Figure | None:
    """The figure a claim of a figure conflict points to (None if its sheet or index is gone)."""
    sheet = sheets.get(claim.sheet)
    if sheet is None or not 0 <= claim.index < len(sheet.figures):
        return None
    return sheet.figures[claim.index]
