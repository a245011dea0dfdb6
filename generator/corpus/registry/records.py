"""The registry's model: the records of ``data/entities.yaml`` (:class:`RegistryFile`, :class:`Entry`,
:class:`Role`, :class:`SheetRef`) and :class:`Registry`, the entries with their look-ups.

The records are :class:`generator.model.Record` classes like the fact sheet's, so the registry
file gets the same contract: the file is read and validated by
:func:`generator.sheets.store.load_model` (every problem as ``file:line: field: problem``), it is
written from the model (:meth:`~generator.model.Record.to_dict`: the key order is the field
order, each key under its name in the file), and its JSON Schema,
``generator/sheets/schema/registry.schema.json``, is generated from these classes
(``python -m generator.sheets.schema``). Unlike a sheet's records they are mutable: the build
adds aliases, roles and sheet references to the entries it starts from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, NonNegativeInt, StringConstraints

from generator.errors import SheetError
from generator.model import Record, Slug, doc
from generator.sheets.validate import Locate

REGISTRY_VERSION = 1
#: the entity types the registry keeps (spaCy's labels for people, organisations and places)
RegistryType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC"]
#: spaCy entity types -> the groups of the registry and of the site (its people / organisations / places pages)
TYPE_GROUPS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places", "FAC": "places"}
#: the groups, in the order the site lists them
GROUPS = ("people", "organisations", "places")
AUTO_NOTE = "kept apart:"  # notes the builder writes start so; a person's own notes never disappear


class RegistryError(SheetError):
    """A registry file that is not valid; carries every problem found, each ``file:line: field: message``."""

    kind = "registry"


#: the registry's records: no key the model does not know; written under each key's name in the file
_FILE_KEYS = ConfigDict(extra="forbid", serialize_by_alias=True)

#: a name as a person writes it: some text, not only spaces (kept as written)
Name = Annotated[str, Field(pattern=r"\S")]
#: a name read without the spaces around it
Stripped = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"\S")]
#: an index into a sheet's quotes[] or figures[]
Index = NonNegativeInt
#: an ISO date, month or year (a date written without quotes is read as one)
IsoDate = Annotated[str | None, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


def _none_is_empty(value: Any) -> Any:
    """A list a person left empty (``aliases:``) is read as an empty list, as the file was always read."""
    return [] if value is None else value


def _listed(item: type) -> Any:
    """A list field that may be written empty (null) in the file."""
    return BeforeValidator(_none_is_empty, json_schema_input_type=list[item] | None)


def _role_as_mapping(value: Any) -> Any:
    """A role a person wrote as just its title (``- mayor``) is that role, with no dates."""
    return {"role": value} if isinstance(value, str) else value


@dataclass(kw_only=True)
class Role(Record):
    """A role an entry was given, and the dates of the first and last article that gave it."""

    __pydantic_config__ = _FILE_KEYS

    title: Annotated[Stripped, Field(alias="role"), doc('The role: "Kremlin spokesman".')]
    first: Annotated[IsoDate, doc("ISO date of the earliest article that gives it (null: undated).")] = None
    last: Annotated[IsoDate, doc("ISO date of the latest article that gives it.")] = None
    sheets: Annotated[list[str], _listed(str), doc("The sheets that give it.")] = field(default_factory=list)


#: a role as read from the file: a mapping, or only its title
ReadRole = Annotated[Role, BeforeValidator(_role_as_mapping, json_schema_input_type=Stripped | Role)]


@dataclass(kw_only=True)
class SheetRef(Record):
    """How one sheet refers to an entry: the names it uses, and which of its quotes and figures concern it."""

    __pydantic_config__ = _FILE_KEYS

    sheet: Annotated[str, doc("The sheet's id.")]
    date: Annotated[str | None, doc("The article's publication date.")] = None
    names: Annotated[list[str], _listed(str), doc("The names the sheet uses for the entry.")] = field(
        default_factory=list)
    quotes: Annotated[list[Index], _listed(Index), doc("Indexes into the sheet's quotes[]: what the entry said.")] = \
        field(default_factory=list)
    figures: Annotated[list[Index], _listed(Index), doc("Indexes into the sheet's figures[] whose sentence names the "
                                                        "entry.")] = field(default_factory=list)


@dataclass(kw_only=True)
class Entry(Record):
    """One person, organisation or place across all sheets."""

    __pydantic_config__ = _FILE_KEYS

    id: Annotated[Slug, doc("Stable: never changes once written; the entry's page name (e.g. antony-blinken).")]
    name: Annotated[Stripped, doc("The canonical name.")]
    type: Annotated[RegistryType, doc("PERSON, ORG, or a place: GPE, LOC, FAC.")]
    aliases: Annotated[list[Name], _listed(Name), doc("Other names for it; a name listed here joins the entry.")] = \
        field(default_factory=list)
    roles: Annotated[list[ReadRole], _listed(Stripped | Role), doc("Roles it was given, with when.")] = field(
        default_factory=list)
    note: Annotated[str | None, doc("Why an entry was kept apart, or a person's remark.")] = None
    exclude: Annotated[list[Name], _listed(Name), doc("Names a person said are not this entry.")] = field(
        default_factory=list)
    reviewed: Annotated[bool, doc("Set by a person: a rebuild keeps the entry as written (only its sheet "
                                  "references are refreshed).")] = False
    refs: Annotated[list[SheetRef], Field(alias="sheets"), _listed(SheetRef),
                    doc("The sheets that name it (rebuilt from the fact sheets; you may delete it).")] = field(
        default_factory=list)

    @property
    def group(self) -> str:
        return TYPE_GROUPS.get(self.type, "places")

    @property
    def sheets(self) -> list[str]:
        return [r.sheet for r in self.refs]

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass(kw_only=True)
class RegistryFile(Record):
    """The registry file, data/entities.yaml, as written by `factsheet registry` (a person may edit it)."""

    __pydantic_config__ = _FILE_KEYS

    schema_version: Annotated[Literal[1], doc("The version of this layout.")] = REGISTRY_VERSION
    entities: Annotated[list[Entry], _listed(Entry), doc("One entry per person, organisation or place.")] = field(
        default_factory=list)


def unique_ids(file: RegistryFile, at: Locate) -> list[str]:
    """What the types cannot say of a valid registry file: each entry's id is its own."""
    seen: dict[str, int] = {}
    problems = []
    for i, entry in enumerate(file.entities):
        if entry.id in seen:
            problems.append(f"{at(('entities', i, 'id'))}: entities[{i}].id: duplicate id {entry.id!r} "
                            f"(also entities[{seen[entry.id]}])")
        else:
            seen[entry.id] = i
    return problems


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
