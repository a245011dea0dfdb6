"""What the registry is built from: each sheet's entities (members), and what a group of them is called."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.corpus.names import fold, person_parts
from generator.corpus.registry.records import TYPE_GROUPS
from generator.model import FactSheet


@dataclass
class Member:
    """One entity of one sheet: its name there, type, aliases and roles."""

    sheet: FactSheet
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]

    @property
    def group(self) -> str:
        return TYPE_GROUPS[self.type]

    def name_keys(self) -> set[str]:
        return {fold(n) for n in (self.name, *self.aliases)} - {""}

    def full(self) -> list[str] | None:
        """The longest person name of this member with at least a first name and a surname."""
        best = None
        for n in (self.name, *self.aliases):
            parts = person_parts(n)
            if len(parts) >= 2 and (best is None or len(parts) > len(best)):
                best = parts
        return best

    def surname(self) -> str | None:
        full = self.full()
        if full:
            return full[-1]
        parts = person_parts(self.name)
        return parts[-1] if parts else None


def members_of(sheets: Iterable[FactSheet]) -> list[Member]:
    """Every person, organisation and place of the sheets, in the sheets' order."""
    out = []
    for sheet in sheets:
        for ent in sheet.entities:
            if ent.type in TYPE_GROUPS and fold(ent.name):
                out.append(Member(sheet, ent.name, ent.type, tuple(ent.aliases), tuple(ent.roles)))
    return out


def canonical(members: list[Member]) -> str:
    """The name to show: for people the full name most articles use, else the most used name."""
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[m.name] += 1
    if members and members[0].group == "people":  # a full name, the one most articles use
        return max(counts, key=lambda n: (n[:1].isupper(), len(person_parts(n)) >= 2, counts[n],
                                          len(person_parts(n)), -len(n), n))
    return max(counts, key=lambda n: (counts[n], len(n), n))


def type_of(members: list[Member]) -> str:
    """The type most members have (a tie goes to the type that sorts last)."""
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[m.type] += 1
    return max(counts, key=lambda t: (counts[t], t))
