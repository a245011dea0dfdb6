"""The registry's records (:class:`Registry`, :class:`Entry`, :class:`Role`, :class:`SheetRef`) and their validator.

:func:`registry_from` checks a parsed ``entities.yaml`` field by field and reports every problem
as ``file:line: field: message``; reading the file is :mod:`.file`'s. (The sheet is getting a
typed model from which its schema and validator are made; the registry is to adopt it, and this
hand-written validator then goes.)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import FactsheetError
from generator.inputs.ids import is_safe_id
from generator.sheets import yamlio
from generator.sheets.validate import duplicate_problems, field_name

REGISTRY_VERSION = 1
#: spaCy entity types -> the groups of the registry and of the site (its people / organisations / places pages)
TYPE_GROUPS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places", "FAC": "places"}
#: the groups, in the order the site lists them
GROUPS = ("people", "organisations", "places")
AUTO_NOTE = "kept apart:"  # notes the builder writes start so; a person's own notes never disappear


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
        return TYPE_GROUPS.get(self.type, "places")

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


# --- the validator --------------------------------------------------------------------------------------


def registry_from(data: Any, path: str | Path, lines: Any, duplicates: Any) -> Registry:
    """The registry a parsed ``entities.yaml`` holds (``None``: an empty file), checked field by field.

    ``lines`` and ``duplicates`` are what :func:`generator.sheets.yamlio.load_document` found, to
    name the line of each problem. Raises :class:`RegistryError` with every problem.
    """
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
    if etype not in TYPE_GROUPS:
        bad((*at, "type"), f"expected one of {', '.join(TYPE_GROUPS)}, got {etype!r}")
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


