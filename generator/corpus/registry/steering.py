"""A person's edits steer the next build: names an entry lists join it, excluded names never do,
and a name stays in the entry an earlier run put it in unless a rule places it for sure.

This is step 1 of :func:`~generator.corpus.registry.build.build_registry`: members placed here
are not clustered again.
"""

from __future__ import annotations

from generator.corpus.names import fold, person_parts, same_person
from generator.corpus.registry.members import Member
from generator.corpus.registry.records import Entry, Registry, Role


def copy_entry(e: Entry) -> Entry:
    """An existing entry to build on: everything a person may have written, no sheet references."""
    return Entry(id=e.id, name=e.name, type=e.type, aliases=list(e.aliases),
                 roles=[Role(title=r.title, first=r.first, last=r.last, sheets=list(r.sheets)) for r in e.roles],
                 note=e.note, exclude=list(e.exclude), reviewed=e.reviewed, refs=[])


def entry_takes(entry: Entry, m: Member) -> bool:
    """True when the member's own name is one the entry lists (and a person has not excluded it)."""
    key = fold(m.name)
    if key in {fold(x) for x in entry.exclude}:
        return False
    if key in {fold(n) for n in entry.names()}:
        if m.group != "people" or len(person_parts(m.name)) >= 2:
            return True
        # a bare surname listed as an alias: only if the member's full name (if any) agrees
        full = m.full()
        return full is None or any(same_person(full, person_parts(n)) for n in entry.names())
    return False


def previous_places(existing: Registry | None) -> dict[tuple[str, str, str], int]:
    """Where each sheet's names went last time: (group, sheet id, name) -> index of the entry."""
    before: dict[tuple[str, str, str], int] = {}
    for i, e in enumerate(existing.entries if existing else []):
        for ref in e.refs:
            for n in ref.names:
                before.setdefault((e.group, ref.sheet, n), i)
    return before


def place_known(members: list[Member], entries: list[Entry], before: dict[tuple[str, str, str], int],
                assigned: dict[int, list[Member]]) -> list[Member]:
    """Put in ``assigned`` the members an entry lists (a person's aliases steer this), else the entry
    they were in last time; return the others, for the merging rules."""
    rest = []
    for m in members:
        hits = [i for i, e in enumerate(entries) if e.group == m.group and entry_takes(e, m)]
        last = before.get((m.group, m.sheet.id, m.name))
        if last is not None and fold(m.name) in {fold(x) for x in entries[last].exclude}:
            last = None
        if m.group == "people" and not m.full():
            # a bare name: a one-word alias on a full name is a person's edit (the machine adds none) and
            # wins; else the entry it was in last time; else a bare-name entry that lists it
            steered = [i for i in hits if len(person_parts(entries[i].name)) >= 2]
            hits = steered if steered else [last] if last is not None else hits
        elif len(hits) != 1 and last is not None:
            hits = [last]
        if len(hits) == 1:
            assigned[hits[0]].append(m)
        else:
            rest.append(m)
    return rest

