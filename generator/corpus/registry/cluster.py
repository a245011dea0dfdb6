"""Step 2 of a build: the members no edit placed, grouped into entries by the merging rules.

People merge on surname and first name, and a bare surname joins the one known person it can be
(else it is kept apart, with a note saying who it could be); organisations and places merge on
the same folded name or alias.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from generator.corpus.names import TITLES, fold, person_parts, same_person
from generator.corpus.registry.members import Member, canonical
from generator.corpus.registry.records import AUTO_NOTE, Entry
from generator.corpus.unionfind import UnionFind

#: a cluster of members, and the note its entry gets (why it was kept apart) or None
Cluster = tuple[list[Member], str | None]


def cluster(members: list[Member], entries: list[Entry], assigned: dict[int, list[Member]],
             warnings: list[str]) -> list[Cluster]:
    """Group members into new entries; members that join an existing entry go to ``assigned``."""
    people = [m for m in members if m.group == "people"]
    others = [m for m in members if m.group != "people"]
    out: list[Cluster] = []
    out.extend(_cluster_people(people, entries, assigned, warnings))
    out.extend(_cluster_names(others))
    return out


def _cluster_names(members: list[Member]) -> list[Cluster]:
    """Organisations and places: the same folded name or alias is one entry.

    An acronym joins its full name only where an article itself uses both for one entity (then
    they are aliases of each other): initials alone are too often shared ("NBC")."""
    uf = UnionFind(len(members))
    by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(members):
        for k in m.name_keys():
            j = by_key.setdefault((m.group, k), i)
            uf.union(i, j)
    return [([members[i] for i in group], None) for group in uf.groups(range(len(members))).values()]


def _cluster_people(members: list[Member], entries: list[Entry], assigned: dict[int, list[Member]],
                    warnings: list[str]) -> list[Cluster]:
    """People: full names merge on surname and first name; a bare surname joins the one person it can be."""
    full = [m for m in members if m.full()]
    bare = [m for m in members if not m.full()]

    # full names: same surname and agreeing first names; an initial joins only an unambiguous first name
    by_surname: dict[str, list[Member]] = defaultdict(list)
    for m in full:
        by_surname[m.full()[-1]].append(m)
    people: list[list[Member]] = []
    for group in by_surname.values():
        counts = Counter(m.full()[0] for m in group)
        whole = sorted((f for f in counts if len(f) > 1), key=len, reverse=True)
        clusters: dict[str, list[Member]] = defaultdict(list)
        for m in group:
            parts = m.full()
            first = parts[0]
            if len(parts) >= 3 and counts[first] == 1 and counts.get(parts[1], 0) > 1:
                first = parts[1]  # "Crooked Hillary Clinton": a word in front of a known first name
            if len(first) == 1:
                fits = [w for w in whole if w.startswith(first)]
                first = fits[0] if len(fits) == 1 else first
            clusters[first].append(m)
        people.extend(clusters.values())

    # existing entries that are people: a new full-name cluster joins one that has the same person's name
    new_people: list[list[Member]] = []
    for cluster in people:
        parts = cluster[0].full()
        hits = [i for i, e in enumerate(entries) if e.group == "people"
                and any(same_person(parts, person_parts(n)) for n in e.names())
                and not {fold(m.name) for m in cluster} & {fold(x) for x in e.exclude}]
        if len(hits) == 1:
            assigned[hits[0]].extend(cluster)
        else:
            new_people.append(cluster)
    # a surname-only existing entry (not reviewed) is completed by the one full-name person with that surname
    for i, e in enumerate(entries):
        parts = person_parts(e.name)
        if e.group != "people" or e.reviewed or len(parts) != 1:
            continue
        fits = [c for c in new_people if c[0].full()[-1] == parts[0]]
        if len(fits) == 1:
            assigned[i].extend(fits[0])
            new_people.remove(fits[0])
            name = canonical(fits[0])
            if fold(name) != fold(e.name):
                e.aliases.append(e.name)
                e.name = name

    # bare surnames: the one known person with that surname, else apart (and say why)
    known: dict[str, list[tuple[str, object]]] = defaultdict(list)  # surname -> [(full name, target)]
    for c in new_people:
        known[c[0].full()[-1]].append((canonical(c), c))
    for i, e in enumerate(entries):
        if e.group == "people" and len(person_parts(e.name)) >= 2:
            known[person_parts(e.name)[-1]].append((e.name, i))
    leftovers: dict[str, list[Member]] = defaultdict(list)
    notes: dict[str, str] = {}
    by_first: dict[str, list[tuple[str, object]]] = defaultdict(list)  # "Hillary" alone: a first name
    for c in new_people:
        by_first[c[0].full()[0]].append((canonical(c), c))
    for m in bare:
        surname = m.surname()
        options = known.get(surname or "", []) or by_first.get(surname or "", [])
        target = _pick(m, options, entries, assigned) if options else None
        if target is None:
            leftovers[surname or fold(m.name)].append(m)
            if len(options) > 1:
                names = " or ".join(sorted({n for n, _ in options}))
                notes[surname or fold(m.name)] = f"{AUTO_NOTE} \u201c{m.name}\u201d could be {names}"
                warnings.append(f"{m.sheet.id}: \u201c{m.name}\u201d could be {names}; kept apart")
        elif isinstance(target, int):
            assigned[target].append(m)
        else:
            target.append(m)  # type: ignore[union-attr]
    out: list[Cluster] = [(c, None) for c in new_people]
    out.extend((ms, notes.get(k)) for k, ms in leftovers.items())
    return out


def _pick(m: Member, options: list[tuple[str, object]], entries: list[Entry],
          assigned: dict[int, list[Member]]) -> object | None:
    """The one option a bare surname can be. With several: the one its own article also names in
    full; else the one whose roles or articles it shares; else one so much more often in the news
    than all the others together (four times, in three articles or more) that a reader would assume
    it; else None (kept apart)."""
    if len(options) == 1:
        return options[0][1]

    def members_of(target: object) -> list[Member]:
        return assigned.get(target, []) if isinstance(target, int) else target  # type: ignore[return-value]

    here = [t for _, t in options if any(x.sheet.id == m.sheet.id for x in members_of(t))]
    if len(here) == 1:
        return here[0]
    reach = sorted(((len({x.sheet.id for x in members_of(t)}), t) for _, t in options), key=lambda r: -r[0])
    top, rest = reach[0][0], sum(r[0] for r in reach[1:])
    dominant = reach[0][1] if top >= 3 and top >= 4 * rest else None
    mine = _role_words(m.roles) | _role_words([m.name])
    others = {fold(e.name) for e in m.sheet.entities if e.name != m.name}
    scored = []
    for name, target in options:
        if isinstance(target, int):
            roles = [r.title for r in entries[target].roles]
            context: set[str] = set()
        else:
            roles = [r for x in target for r in x.roles]  # type: ignore[union-attr]
            context = {fold(e.name) for x in target for e in x.sheet.entities}  # type: ignore[union-attr]
        score = 2 * len(mine & _role_words(roles)) + min(2, len(others & context))
        scored.append((score, name, target))
    scored.sort(key=lambda s: -s[0])
    if scored[0][0] >= 2 and scored[0][0] >= 2 * scored[1][0] + 1:
        return scored[0][2]
    return dominant


def _role_words(texts: Iterable[str]) -> set[str]:
    skip = {"the", "of", "a", "an", "and", "for", "s", "former", "mr", "mrs", "ms"}
    return {w for t in texts for w in fold(t).split() if w not in skip and len(w) > 2} & (TITLES | _ROLE_NOUNS)


_ROLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "ceo", "executive",
               "founder", "manager", "coach", "owner", "analyst", "professor", "economist", "adviser", "advisor",
               "campaign", "candidate", "republican", "democrat", "democratic", "senator", "governor", "nominee"}
