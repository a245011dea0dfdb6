"""Building the registry: the entities of every sheet merged into entries, starting from the file.

:func:`build_registry` places first what a person's edits (and the previous run) decide
(:mod:`.steering`), then groups the rest by the merging rules (:mod:`.cluster`), and last
refreshes every entry's sheet references, names and roles from its members. It never loses what
a person wrote: ids and names stay, aliases and roles are only ever added (a name listed under
``exclude`` is never added again), notes stay, and an entry marked ``reviewed: true`` is left
exactly as written except for its references to sheets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from generator.corpus.names import fold, person_parts
from generator.corpus.registry.cluster import cluster
from generator.corpus.registry.members import Member, canonical, members_of, type_of
from generator.corpus.registry.records import AUTO_NOTE, Entry, Registry, Role, SheetRef
from generator.corpus.registry.steering import copy_entry, place_known, previous_places
from generator.inputs.ids import slugify
from generator.model import FactSheet


def build_registry(sheets: Iterable[FactSheet], existing: Registry | None = None) -> Registry:
    """Merge the entities of every sheet into registry entries, starting from ``existing`` (kept intact)."""
    sheets = list(sheets)
    members = members_of(sheets)
    entries = [copy_entry(e) for e in (existing.entries if existing else [])]
    warnings: list[str] = []
    assigned: dict[int, list[Member]] = defaultdict(list)  # index into entries -> members

    # 1. names a registry entry already lists (a person's aliases steer this), else where they were last time
    rest = place_known(members, entries, previous_places(existing), assigned)
    clusters = cluster(rest, entries, assigned, warnings)  # 2. the others, by the merging rules
    used_ids = {e.id for e in entries}
    # an existing entry left with no members and the same name takes the cluster back: ids (and so the
    # addresses of person pages) stay the same from one run to the next
    idle = {(e.group, fold(e.name)): i for i, e in enumerate(entries) if not assigned.get(i) and not e.reviewed}
    for group, note in clusters:
        i = idle.pop((group[0].group, fold(canonical(group))), None)
        if i is not None:
            entries[i].type = type_of(group)
            assigned[i].extend(group)
            if entries[i].note is None or entries[i].note.startswith(AUTO_NOTE):
                entries[i].note = note
            continue
        entry = Entry(id=_new_id(canonical(group), used_ids), name=canonical(group), type=type_of(group),
                      note=note)
        used_ids.add(entry.id)
        entries.append(entry)
        assigned[len(entries) - 1].extend(group)

    out = []
    for i, entry in enumerate(entries):
        _refresh(entry, assigned.get(i, []))
        if entry.refs or entry.reviewed or entry.exclude or (entry.note and not entry.note.startswith(AUTO_NOTE)):
            out.append(entry)
    out.sort(key=lambda e: (e.group, e.name.lower(), e.id))
    return Registry(entries=out, warnings=warnings)


def _new_id(name: str, used: set[str]) -> str:
    base = slugify(name)[:60].rstrip("-_") or slugify(name)
    out, n = base, 2
    while out in used:
        out, n = f"{base}-{n}", n + 1
    return out


def _refresh(entry: Entry, members: list[Member]) -> None:
    """Rebuild an entry's sheet references from its members; add names and roles unless it is reviewed."""
    refs: dict[str, SheetRef] = {}
    roles: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    excluded = {fold(x) for x in entry.exclude}
    for m in members:
        sheet = m.sheet
        ref = refs.setdefault(sheet.id, SheetRef(sheet=sheet.id, date=_date(sheet)))
        for n in (m.name, *m.aliases):
            if n not in ref.names:
                ref.names.append(n)
        said = {m.name, *m.aliases}
        for i, q in enumerate(sheet.quotes):
            if q.speaker in said and i not in ref.quotes:
                ref.quotes.append(i)
                if q.speaker_role:
                    roles[q.speaker_role].append((ref.date, sheet.id))
        named = _name_pattern(said)
        for i, f in enumerate(sheet.figures):
            if i not in ref.figures and named is not None and named.search(f.sentence) is not None:
                ref.figures.append(i)
        for r in m.roles:
            roles[r].append((ref.date, sheet.id))
    entry.refs = sorted(refs.values(), key=lambda r: (r.date or "", r.sheet))
    for ref in entry.refs:
        ref.quotes.sort()
        ref.figures.sort()
    if entry.reviewed:
        return
    have = {fold(n) for n in entry.names()}
    # a person with a full name gets no one-word aliases ("Blinken", "Secretary Blinken") from the machine:
    # listed, a one-word name draws every bare mention of it to this entry on the next run (see steering.entry_takes),
    # which only a person's edit should do. The sheet references keep the names each article used.
    full_person = entry.group == "people" and len(person_parts(entry.name)) >= 2
    for m in members:
        for n in (m.name, *m.aliases):
            if full_person and len(person_parts(n)) < 2:
                continue
            if fold(n) not in have and fold(n) not in excluded:
                entry.aliases.append(n)
                have.add(fold(n))
    by_title = {fold(r.title): r for r in entry.roles}
    for title, seen in roles.items():
        role = by_title.get(fold(title))
        if role is None:
            role = Role(title=title)
            entry.roles.append(role)
            by_title[fold(title)] = role
        dates = sorted(d for d, _ in seen if d)
        role.sheets = sorted({s for _, s in seen})
        role.first = dates[0] if dates else role.first
        role.last = dates[-1] if dates else role.last
    entry.roles.sort(key=lambda r: (r.first or "9999", r.title))


def _name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """A regex that finds any of the names as whole words (None for no name)."""
    names = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w)") if names else None


def _date(sheet: FactSheet) -> str | None:
    value = sheet.source.published
    return value[:10] if value else None
