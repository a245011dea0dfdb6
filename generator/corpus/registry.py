"""People, organisations and places across articles: one registry entry per real-world referent.

Each fact sheet lists the entities of one article (already merged within it: "Dmitry Peskov",
"Peskov" and "Mr Peskov" are one entity there). :func:`build_registry` merges them across
sheets into :class:`Entry` records: the same person named "Antony Blinken" in one article and
"Secretary Blinken" or "Blinken" in another is one entry; people who share a surname but not a
first name are kept apart; a bare surname that could be more than one known person is kept
apart too, with a note that says so. Each entry records the roles it was given and when
(the article's date), and for each sheet the names used there and the quotes and figures that
concern it, which is what person, organisation and place pages are built from.

The registry lives in ``data/entities.yaml``, which people may edit. :func:`load_registry`
validates it and reports every problem as ``file:line: field: message``. A rebuild
(:func:`update_registry`) starts from the file and never loses what a person wrote: ids and
names stay, aliases and roles are only ever added (a name listed under ``exclude`` is never
added again), notes stay, and an entry marked ``reviewed: true`` is left exactly as written
except for its references to sheets.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import FactsheetError
from generator.inputs.ids import is_safe_id, slugify
from generator.model import FactSheet
from generator.sheets import yamlio
from generator.sheets.validate import duplicate_problems, field_name

log = logging.getLogger(__name__)

REGISTRY_VERSION = 1
DEFAULT_PATH = Path("data/entities.yaml")

#: spaCy entity types -> the registry's groups (the site's people / organisations / places pages)
GROUPS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places", "FAC": "places"}
#: words in front of a name that are not part of it
TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "president",
    "vice", "secretary", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "mayor", "minister", "prime", "chancellor", "general", "gen", "col", "colonel", "judge",
    "justice", "pope", "king", "queen", "prince", "princess", "rev", "reverend", "former", "state", "chief",
    "ambassador", "commissioner", "director", "speaker", "leader", "candidate", "nominee", "the", "sheriff",
    "attorney", "officer", "captain", "capt", "lt", "sgt", "deputy", "defence", "defense", "foreign",
}
AUTO_NOTE = "kept apart:"  # notes the builder writes start so; a person's own notes never disappear
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
HEADER = ("# People, organisations and places across all fact sheets (see docs: the registry).\n"
          "# You may edit name, aliases, roles, note, exclude and reviewed; a rebuild keeps your edits.\n"
          "# reviewed: true freezes an entry (only its sheet references are refreshed).\n")


class RegistryError(FactsheetError):
    """A registry file that is not valid; carries every problem found, each ``file:line: field: message``."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0] if problems else 'invalid registry'}{more}")


@dataclass
class Role:
    """A role an entry was given, and the dates of the first and last article that gave it."""

    title: str
    first: str | None = None  # ISO date of the earliest article that says so (None: undated)
    last: str | None = None
    sheets: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.title, "first": self.first, "last": self.last, "sheets": list(self.sheets)}


@dataclass
class SheetRef:
    """How one sheet refers to an entry: the names it uses, and which of its quotes and figures concern it."""

    sheet: str
    names: list[str] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)  # indexes into the sheet's quotes[] (said by the entry)
    figures: list[int] = field(default_factory=list)  # indexes into figures[] whose sentence names the entry
    date: str | None = None  # the article's publication date

    def to_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "date": self.date, "names": list(self.names), "quotes": list(self.quotes),
                "figures": list(self.figures)}


@dataclass
class Entry:
    """One person, organisation or place across all sheets."""

    id: str  # stable: never changes once written, safe as a file name
    name: str
    type: str  # PERSON, ORG, GPE, LOC, FAC
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    note: str | None = None  # why an entry was kept apart, or a person's remark
    exclude: list[str] = field(default_factory=list)  # names a person said are not this entry
    reviewed: bool = False
    refs: list[SheetRef] = field(default_factory=list)

    @property
    def group(self) -> str:
        return GROUPS.get(self.type, "places")

    @property
    def sheets(self) -> list[str]:
        return [r.sheet for r in self.refs]

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases),
                "roles": [r.to_dict() for r in self.roles], "note": self.note, "exclude": list(self.exclude),
                "reviewed": self.reviewed, "sheets": [r.to_dict() for r in self.refs]}


@dataclass
class Registry:
    """Every entry, with look-ups by id and by (sheet, name)."""

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._reindex()

    def _reindex(self) -> None:
        self._by_id = {e.id: e for e in self.entries}
        self._by_sheet_name: dict[tuple[str, str], Entry] = {}
        for e in self.entries:
            for ref in e.refs:
                for n in ref.names:
                    self._by_sheet_name[(ref.sheet, n)] = e

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def find(self, sheet_id: str, name: str) -> Entry | None:
        """The entry a sheet's entity (by its name in that sheet) belongs to."""
        return self._by_sheet_name.get((sheet_id, name))

    def group(self, group: str) -> list[Entry]:
        """The entries of one group ("people", "organisations", "places"), by name."""
        return sorted((e for e in self.entries if e.group == group), key=lambda e: e.name.lower())

    def for_sheet(self, sheet_id: str) -> list[Entry]:
        return [e for e in self.entries if sheet_id in e.sheets]

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": REGISTRY_VERSION, "entities": [e.to_dict() for e in self.entries]}


# --- names --------------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)  # the same few thousand names are compared again and again across sheets
def fold(text: str) -> str:
    """A name folded for comparison: no accents, case, dots, possessive, "the", or punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text).replace(".", "").replace("&", " and ")
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def person_parts(name: str) -> list[str]:
    """A person's name without titles and suffixes: "Secretary of State Antony J. Blinken" -> [antony, j, blinken]."""
    name = re.sub(r"^(?:[a-z][\w'’-]*\s+)+(?=[A-Z])", "", name.strip())  # "a Mitt Romney", "pro-Clinton"
    words = fold(name).split()
    while words and (words[0] in TITLES or words[0] == "of"):
        words = words[1:]
    while words and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def _first_names_agree(a: str, b: str) -> bool:
    """"Antony" and "Antony", or an initial and the name it starts ("A" and "Antony")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


# --- members: one sheet's entity ------------------------------------------------------------------------


@dataclass
class _Member:
    sheet: FactSheet
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]

    @property
    def group(self) -> str:
        return GROUPS[self.type]

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


def _members(sheets: Iterable[FactSheet]) -> list[_Member]:
    out = []
    for sheet in sheets:
        for ent in sheet.entities:
            if ent.type in GROUPS and fold(ent.name):
                out.append(_Member(sheet, ent.name, ent.type, tuple(ent.aliases), tuple(ent.roles)))
    return out


# --- building -------------------------------------------------------------------------------------------


def build_registry(sheets: Iterable[FactSheet], existing: Registry | None = None) -> Registry:
    """Merge the entities of every sheet into registry entries, starting from ``existing`` (kept intact)."""
    sheets = list(sheets)
    members = _members(sheets)
    entries = [_copy_entry(e) for e in (existing.entries if existing else [])]
    warnings: list[str] = []
    assigned: dict[int, list[_Member]] = defaultdict(list)  # index into entries -> members

    # where each sheet's names went last time: a name no rule below places for sure stays where it was
    before: dict[tuple[str, str, str], int] = {}
    for i, e in enumerate(existing.entries if existing else []):
        for ref in e.refs:
            for n in ref.names:
                before.setdefault((e.group, ref.sheet, n), i)

    rest = []
    for m in members:  # 1. names a registry entry already lists (a person's aliases steer this), else where it was
        hits = [i for i, e in enumerate(entries) if e.group == m.group and _entry_takes(e, m)]
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

    clusters = _cluster(rest, entries, assigned, warnings)  # 2. the others, by the merging rules
    used_ids = {e.id for e in entries}
    # an existing entry left with no members and the same name takes the cluster back: ids (and so the
    # addresses of person pages) stay the same from one run to the next
    idle = {(e.group, fold(e.name)): i for i, e in enumerate(entries) if not assigned.get(i) and not e.reviewed}
    for cluster, note in clusters:
        i = idle.pop((cluster[0].group, fold(_canonical(cluster))), None)
        if i is not None:
            entries[i].type = _type_of(cluster)
            assigned[i].extend(cluster)
            if entries[i].note is None or entries[i].note.startswith(AUTO_NOTE):
                entries[i].note = note
            continue
        entry = Entry(id=_new_id(_canonical(cluster), used_ids), name=_canonical(cluster), type=_type_of(cluster),
                      note=note)
        used_ids.add(entry.id)
        entries.append(entry)
        assigned[len(entries) - 1].extend(cluster)

    out = []
    for i, entry in enumerate(entries):
        _refresh(entry, assigned.get(i, []))
        if entry.refs or entry.reviewed or entry.exclude or (entry.note and not entry.note.startswith(AUTO_NOTE)):
            out.append(entry)
    out.sort(key=lambda e: (e.group, e.name.lower(), e.id))
    return Registry(entries=out, warnings=warnings)


def _copy_entry(e: Entry) -> Entry:
    return Entry(id=e.id, name=e.name, type=e.type, aliases=list(e.aliases),
                 roles=[Role(r.title, r.first, r.last, list(r.sheets)) for r in e.roles], note=e.note,
                 exclude=list(e.exclude), reviewed=e.reviewed, refs=[])


def _entry_takes(entry: Entry, m: _Member) -> bool:
    """True when the member's own name is one the entry lists (and a person has not excluded it)."""
    key = fold(m.name)
    if key in {fold(x) for x in entry.exclude}:
        return False
    if key in {fold(n) for n in entry.names()}:
        if m.group != "people" or len(person_parts(m.name)) >= 2:
            return True
        # a bare surname listed as an alias: only if the member's full name (if any) agrees
        full = m.full()
        return full is None or any(_same_person(full, person_parts(n)) for n in entry.names())
    return False


def _same_person(a: list[str], b: list[str]) -> bool:
    return len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1] and _first_names_agree(a[0], b[0])


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _cluster(members: list[_Member], entries: list[Entry], assigned: dict[int, list[_Member]],
             warnings: list[str]) -> list[tuple[list[_Member], str | None]]:
    """Group members into new entries; members that join an existing entry go to ``assigned``."""
    people = [m for m in members if m.group == "people"]
    others = [m for m in members if m.group != "people"]
    out: list[tuple[list[_Member], str | None]] = []
    out.extend(_cluster_people(people, entries, assigned, warnings))
    out.extend(_cluster_names(others))
    return out


def _cluster_names(members: list[_Member]) -> list[tuple[list[_Member], str | None]]:
    """Organisations and places: the same folded name or alias is one entry.

    An acronym joins its full name only where an article itself uses both for one entity (then
    they are aliases of each other): initials alone are too often shared ("NBC")."""
    uf = _UnionFind(len(members))
    by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(members):
        for k in m.name_keys():
            j = by_key.setdefault((m.group, k), i)
            uf.union(i, j)
    groups: dict[int, list[_Member]] = defaultdict(list)
    for i, m in enumerate(members):
        groups[uf.find(i)].append(m)
    return [(g, None) for g in groups.values()]


def _cluster_people(members: list[_Member], entries: list[Entry], assigned: dict[int, list[_Member]],
                    warnings: list[str]) -> list[tuple[list[_Member], str | None]]:
    """People: full names merge on surname and first name; a bare surname joins the one person it can be."""
    full = [m for m in members if m.full()]
    bare = [m for m in members if not m.full()]

    # full names: same surname and agreeing first names; an initial joins only an unambiguous first name
    by_surname: dict[str, list[_Member]] = defaultdict(list)
    for m in full:
        by_surname[m.full()[-1]].append(m)
    people: list[list[_Member]] = []
    for group in by_surname.values():
        counts = Counter(m.full()[0] for m in group)
        whole = sorted((f for f in counts if len(f) > 1), key=len, reverse=True)
        clusters: dict[str, list[_Member]] = defaultdict(list)
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
    new_people: list[list[_Member]] = []
    for cluster in people:
        parts = cluster[0].full()
        hits = [i for i, e in enumerate(entries) if e.group == "people"
                and any(_same_person(parts, person_parts(n)) for n in e.names())
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
            name = _canonical(fits[0])
            if fold(name) != fold(e.name):
                e.aliases.append(e.name)
                e.name = name

    # bare surnames: the one known person with that surname, else apart (and say why)
    known: dict[str, list[tuple[str, object]]] = defaultdict(list)  # surname -> [(full name, target)]
    for c in new_people:
        known[c[0].full()[-1]].append((_canonical(c), c))
    for i, e in enumerate(entries):
        if e.group == "people" and len(person_parts(e.name)) >= 2:
            known[person_parts(e.name)[-1]].append((e.name, i))
    leftovers: dict[str, list[_Member]] = defaultdict(list)
    notes: dict[str, str] = {}
    by_first: dict[str, list[tuple[str, object]]] = defaultdict(list)  # "Hillary" alone: a first name
    for c in new_people:
        by_first[c[0].full()[0]].append((_canonical(c), c))
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
    out: list[tuple[list[_Member], str | None]] = [(c, None) for c in new_people]
    out.extend((ms, notes.get(k)) for k, ms in leftovers.items())
    return out


def _pick(m: _Member, options: list[tuple[str, object]], entries: list[Entry],
          assigned: dict[int, list[_Member]]) -> object | None:
    """The one option a bare surname can be. With several: the one its own article also names in
    full; else the one whose roles or articles it shares; else one so much more often in the news
    than all the others together (four times, in three articles or more) that a reader would assume
    it; else None (kept apart)."""
    if len(options) == 1:
        return options[0][1]

    def members_of(target: object) -> list[_Member]:
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


def _canonical(members: list[_Member]) -> str:
    """The name to show: for people the full name most articles use, else the most used name."""
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[m.name] += 1
    if members and members[0].group == "people":  # a full name, the one most articles use
        return max(counts, key=lambda n: (n[:1].isupper(), len(person_parts(n)) >= 2, counts[n],
                                          len(person_parts(n)), -len(n), n))
    return max(counts, key=lambda n: (counts[n], len(n), n))


def _type_of(members: list[_Member]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[m.type] += 1
    return max(counts, key=lambda t: (counts[t], t))


def _new_id(name: str, used: set[str]) -> str:
    base = slugify(name)[:60].rstrip("-_") or slugify(name)
    out, n = base, 2
    while out in used:
        out, n = f"{base}-{n}", n + 1
    return out


def _refresh(entry: Entry, members: list[_Member]) -> None:
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
    # listed, a one-word name draws every bare mention of it to this entry on the next run (see _entry_takes),
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


# --- the file -------------------------------------------------------------------------------------------


def load_registry(path: Path) -> Registry:
    """The registry in ``path`` (an empty one if the file does not exist), validated.

    Raises :class:`RegistryError` with every problem, each ``file:line: field: message``.
    """
    if not path.exists():
        return Registry()
    try:
        data, lines, duplicates = yamlio.load_document(path)  # the reading every YAML file of the project gets
    except FactsheetError as exc:
        raise RegistryError(path, getattr(exc, "problems", [str(exc)])) from None
    problems: list[str] = duplicate_problems(str(path), duplicates)

    def bad(at: tuple, message: str) -> None:
        line = yamlio.line_of(lines, at)
        where = f"{path}:{line}" if line else str(path)
        problems.append(f"{where}: {field_name(at)}: {message}")

    if data is None:
        return Registry()
    if not isinstance(data, dict):
        bad((), "expected a mapping with an 'entities' list")
        raise RegistryError(path, problems)
    version = data.get("schema_version", REGISTRY_VERSION)
    if version != REGISTRY_VERSION:
        bad(("schema_version",), f"expected {REGISTRY_VERSION}, got {version!r}")
    for key in data:
        if key not in ("schema_version", "entities"):
            bad((key,), "unknown field (expected schema_version, entities)")
    raw = data.get("entities") or []
    if not isinstance(raw, list):
        bad(("entities",), "expected a list of entries")
        raise RegistryError(path, problems)
    entries = []
    seen: dict[str, int] = {}
    for i, item in enumerate(raw):
        entry = _entry_from(item, ("entities", i), bad)
        if entry is None:
            continue
        if entry.id in seen:
            bad(("entities", i, "id"), f"duplicate id {entry.id!r} (also entities[{seen[entry.id]}])")
            continue
        seen[entry.id] = i
        entries.append(entry)
    if problems:
        raise RegistryError(path, problems)
    return Registry(entries=entries)


_ENTRY_FIELDS = ("id", "name", "type", "aliases", "roles", "note", "exclude", "reviewed", "sheets")


def _entry_from(item: Any, at: tuple, bad) -> Entry | None:
    if not isinstance(item, dict):
        bad(at, "expected a mapping (id, name, type, ...)")
        return None
    ok = True
    for key in item:
        if key not in _ENTRY_FIELDS:
            bad((*at, key), f"unknown field (expected one of {', '.join(_ENTRY_FIELDS)})")
            ok = False
    eid, name, etype = item.get("id"), item.get("name"), item.get("type")
    if not isinstance(eid, str) or not is_safe_id(eid):
        bad((*at, "id"), "expected an id of lower-case letters, digits, '-' and '_' (e.g. antony-blinken)")
        ok = False
    if not isinstance(name, str) or not name.strip():
        bad((*at, "name"), "expected a non-empty string")
        ok = False
    if etype not in GROUPS:
        bad((*at, "type"), f"expected one of {', '.join(GROUPS)}, got {etype!r}")
        ok = False
    lists = {}
    for key in ("aliases", "exclude"):
        value = item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            bad((*at, key), "expected a list of names")
            ok = False
            value = []
        lists[key] = [str(v) for v in value]
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        bad((*at, "note"), "expected a string or null")
        ok = False
    reviewed = item.get("reviewed", False)
    if not isinstance(reviewed, bool):
        bad((*at, "reviewed"), "expected true or false")
        ok = False
    roles = []
    raw_roles = item.get("roles") or []
    if not isinstance(raw_roles, list):
        bad((*at, "roles"), "expected a list of {role, first, last}")
        raw_roles, ok = [], False
    for j, r in enumerate(raw_roles):
        here = (*at, "roles", j)
        if isinstance(r, str) and r.strip():  # a person may write just the role
            roles.append(Role(title=r.strip()))
            continue
        if not isinstance(r, dict) or not isinstance(r.get("role"), str) or not r["role"].strip():
            bad(here, "expected a role: a string, or a mapping with 'role' (and first, last)")
            ok = False
            continue
        dates = {}
        for k in ("first", "last"):
            v = r.get(k)
            if isinstance(v, dt.date):
                v = v.isoformat()
            if v is not None and (not isinstance(v, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v)):
                bad((*here, k), f"expected an ISO date (YYYY-MM-DD) or null, got {v!r}")
                ok = False
                v = None
            dates[k] = v
        sheets = r.get("sheets") or []
        if not isinstance(sheets, list) or not all(isinstance(s, str) for s in sheets):
            bad((*here, "sheets"), "expected a list of sheet ids")
            ok, sheets = False, []
        roles.append(Role(title=r["role"].strip(), first=dates["first"], last=dates["last"], sheets=list(sheets)))
    if item.get("sheets") is not None and not isinstance(item.get("sheets"), list):
        bad((*at, "sheets"), "expected a list (it is rebuilt from the fact sheets; you may delete it)")
        ok = False
    if not ok:
        return None
    # the sheet references are rebuilt on every run; the names they list are read to keep a name where it was
    refs = [SheetRef(sheet=r["sheet"], names=[n for n in r.get("names") or [] if isinstance(n, str)])
            for r in item.get("sheets") or []
            if isinstance(r, dict) and isinstance(r.get("sheet"), str) and isinstance(r.get("names") or [], list)]
    return Entry(id=eid, name=name.strip(), type=etype, aliases=lists["aliases"], roles=roles, note=note,
                 exclude=lists["exclude"], reviewed=reviewed, refs=refs)


def dump_registry(registry: Registry) -> str:
    return HEADER + yamlio.dump(registry.to_dict())


def write_registry(registry: Registry, path: Path) -> bool:
    """Write the registry atomically; False when the file already said exactly this."""
    return yamlio.atomic_write(path, dump_registry(registry))


def update_registry(sheets: Iterable[FactSheet], path: Path = DEFAULT_PATH) -> Registry:
    """Load the registry file (keeping every edit in it), merge in the sheets, write it back."""
    registry = build_registry(sheets, existing=load_registry(path))
    write_registry(registry, path)
    for w in registry.warnings:
        log.info("registry: %s", w)
    return registry
