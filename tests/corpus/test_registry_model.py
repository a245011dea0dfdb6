"""The registry file through the model: what a person may write, what is refused, the schema, byte-identical writes."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.corpus.registry import (
    TYPE_GROUPS,
    RegistryError,
    RegistryFile,
    build_registry,
    dump_registry,
    load_registry,
    write_registry,
)
from generator.corpus.registry.records import Entry, RegistryType
from generator.errors import SheetError
from generator.model import Entity, FactSheet, Generated, Source
from generator.sheets import yamlio
from generator.sheets.schema import REGISTRY

GEN = Generated(tool="test", pipeline="test", content_hash="sha256:0")
HEAD = "entities:\n- id: x\n  name: X\n  type: PERSON\n"


def sheet(sid: str, published: str, *entities: tuple) -> FactSheet:
    ents = tuple(Entity(name=e[0], type=e[1], aliases=tuple(e[2:])) for e in entities)
    return FactSheet(id=sid, title=sid, source=Source(published=published), generated=GEN, entities=ents)


SHEETS = [sheet("a", "2024-01-02", ("Dmitry Peskov", "PERSON", "Peskov"), ("Kremlin", "ORG")),
          sheet("b", "2024-02-03", ("Peskov", "PERSON"), ("Moscow", "GPE"))]


def write(tmp_path, text: str):
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# (case, the file, what the entry reads as)
READ = [
    ("lists-left-empty", HEAD + "  aliases:\n  roles:\n  exclude:\n  sheets:\n",
     lambda e: e.aliases == e.roles == e.exclude == e.refs == []),
    ("role-as-its-title", HEAD + "  roles: [' mayor ']\n", lambda e: [(r.title, r.first) for r in e.roles] == [
        ("mayor", None)]),
    ("unquoted-date", HEAD + "  roles:\n  - role: mayor\n    first: 2024-01-02\n",
     lambda e: e.roles[0].first == "2024-01-02"),
    ("spaces-around-the-name", "entities:\n- id: x\n  name: '  X  '\n  type: PERSON\n", lambda e: e.name == "X"),
    ("sheet-refs-read", HEAD + "  sheets:\n  - sheet: a\n    names: [X]\n",
     lambda e: e.sheets == ["a"] and e.refs[0].names == ["X"]),
]


@pytest.mark.parametrize(("case", "text", "read"), READ, ids=[c[0] for c in READ])
def test_what_a_person_may_write(tmp_path, case, text, read):
    (entry,) = load_registry(write(tmp_path, text)).entries
    assert read(entry), entry


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "schema_version: 1\n", "entities:\n"])
def test_a_file_with_no_entries_is_an_empty_registry(tmp_path, text):
    assert load_registry(write(tmp_path, text)).entries == []


# (case, the file, the line named, the message): what the hand-written validator let through unread
REFUSED = [
    ("unknown-key-in-a-sheet-ref", HEAD + "  sheets:\n  - sheet: a\n    colour: red\n", 7,
     "entities[0].sheets[0]: unknown field 'colour' (allowed: date, figures, names, quotes, sheet)"),
    ("unknown-key-in-a-role", HEAD + "  roles:\n  - role: mayor\n    since: 2020\n", 7,
     "entities[0].roles[0]: unknown field 'since' (allowed: first, last, role, sheets)"),
    ("negative-quote-index", HEAD + "  sheets:\n  - sheet: a\n    quotes: [-1]\n", 7,
     "entities[0].sheets[0].quotes[0]: -1 is less than the minimum of 0"),
]


@pytest.mark.parametrize(("case", "text", "line", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_every_part_of_the_file_is_checked(tmp_path, case, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert err.value.problems == [f"{path}:{line}: {message}"]


def test_a_registry_error_is_a_sheet_error_with_its_own_kind(tmp_path):
    """The CLI and the failure records treat it as any invalid YAML file; the records say which kind."""
    path = write(tmp_path, "entities: 3\n")
    with pytest.raises(SheetError) as err:
        load_registry(path)
    assert isinstance(err.value, RegistryError)
    assert [p.kind for p in err.value.records()] == ["registry"]


def test_the_types_are_the_groups():
    assert tuple(TYPE_GROUPS) == RegistryType.__args__


def test_the_written_registry_is_what_its_schema_describes(tmp_path):
    path = tmp_path / "entities.yaml"
    write_registry(build_registry(SHEETS), path)
    schema = json.loads(REGISTRY.path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yamlio.load_document(path)[0]
    jsonschema.validate(data, schema)
    assert list(data) == list(schema["properties"])
    entry = data["entities"][0]
    assert list(entry) == list(schema["$defs"]["entry"]["properties"])  # every key written, in the model's order
    assert list(entry["sheets"][0]) == list(schema["$defs"]["sheet_ref"]["properties"])


EDITS = [
    ("rename", ("name: Dmitry Peskov", "name: Dmitry S. Peskov")),
    ("alias", ("Peskov\n  type: PERSON\n  aliases: []", "Peskov\n  type: PERSON\n  aliases:\n  - Mr Peskov")),
    ("note", ("note: null", "note: the Kremlin's spokesman")),
    ("reviewed", ("reviewed: false", "reviewed: true")),
]


@pytest.mark.parametrize(("case", "edit"), EDITS, ids=[c[0] for c in EDITS])
def test_a_hand_edited_registry_is_written_back_byte_for_byte(tmp_path, case, edit):
    path = tmp_path / "entities.yaml"
    write_registry(build_registry(SHEETS), path)
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    edited = text.replace(*edit, 1)
    path.write_text(edited, encoding="utf-8")
    assert dump_registry(load_registry(path)) == edited
    assert RegistryFile.from_dict(RegistryFile(entities=load_registry(path).entries).to_dict()).entities == \
        load_registry(path).entries


def test_an_entry_is_built_and_written_by_its_field_names():
    entry = Entry(id="x", name="X", type="PERSON")
    assert entry.to_dict() == {"id": "x", "name": "X", "type": "PERSON", "aliases": [], "roles": [], "note": None,
                               "exclude": [], "reviewed": False, "sheets": []}
