"""The registry across articles: merging the same referent, keeping different ones apart, keeping edits."""

from __future__ import annotations

import pytest

from generator.corpus.names import fold, person_parts, same_person
from generator.corpus.registry import (
    Registry,
    RegistryError,
    build_registry,
    dump_registry,
    load_registry,
    update_registry,
)
from generator.model import Entity, FactSheet, Generated, Quote, Source

GEN = Generated(tool="test", pipeline="test", content_hash="sha256:0")


def sheet(sid: str, *entities: tuple, published: str | None = None, quotes: tuple[Quote, ...] = ()) -> FactSheet:
    """A sheet with entities given as (name, type, aliases, roles)."""
    ents = tuple(Entity(name=e[0], type=e[1], aliases=tuple(e[2]) if len(e) > 2 else (),
                        roles=tuple(e[3]) if len(e) > 3 else ()) for e in entities)
    return FactSheet(id=sid, title=sid, source=Source(published=published), generated=GEN, entities=ents,
                     quotes=quotes)


def groups(reg: Registry, group: str = "people") -> list[set[tuple[str, str]]]:
    """Each entry of a group as the set of (sheet, name) it collected."""
    return [{(r.sheet, n) for r in e.refs for n in r.names[:1]} for e in reg.group(group)]


@pytest.mark.parametrize(("name", "parts"), [
    ("Antony Blinken", ["antony", "blinken"]),
    ("Secretary of State Antony J. Blinken", ["antony", "j", "blinken"]),
    ("Mr. Peskov", ["peskov"]),
    ("Martin Luther King Jr.", ["martin", "luther", "king"]),
    ("President Biden's", ["biden"]),
])
def test_person_parts(name, parts):
    assert person_parts(name) == parts


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Antony Blinken", "A. Blinken", True), ("Antony J. Blinken", "Antony Blinken", True),
    ("Bill Clinton", "Hillary Clinton", False), ("Blinken", "Antony Blinken", False),  # a bare surname is not a name
])
def test_same_person(a, b, same):
    assert same_person(person_parts(a), person_parts(b)) is same


@pytest.mark.parametrize(("a", "b"), [("U.S.", "US"), ("the Kremlin", "Kremlin"), ("Médecins", "medecins"),
                                      ("AT&T", "at and t")])
def test_fold_equal(a, b):
    assert fold(a) == fold(b)


# each row: the sheets' person entities, and which (sheet, name) pairs must end in one entry
MERGE = [
    pytest.param([("a", "Antony Blinken"), ("b", "Secretary Blinken"), ("c", "Blinken")],
                 [{("a", "Antony Blinken"), ("b", "Secretary Blinken"), ("c", "Blinken")}], id="full-title-surname"),
    pytest.param([("a", "Dmitry Peskov"), ("b", "Dmitry S. Peskov")],
                 [{("a", "Dmitry Peskov"), ("b", "Dmitry S. Peskov")}], id="middle-initial"),
    pytest.param([("a", "J. Smith"), ("b", "Jane Smith")], [{("a", "J. Smith"), ("b", "Jane Smith")}],
                 id="initial-unambiguous"),
    pytest.param([("a", "Hillary Clinton"), ("b", "Bill Clinton")],
                 [{("a", "Hillary Clinton")}, {("b", "Bill Clinton")}], id="same-surname-different-first"),
    pytest.param([("a", "Hillary Clinton"), ("b", "Bill Clinton"), ("c", "Clinton")],
                 [{("a", "Hillary Clinton")}, {("b", "Bill Clinton")}, {("c", "Clinton")}],
                 id="bare-surname-ambiguous-kept-apart"),
    pytest.param([("a", "J. Smith"), ("b", "Jane Smith"), ("c", "John Smith")],
                 [{("a", "J. Smith")}, {("b", "Jane Smith")}, {("c", "John Smith")}], id="initial-ambiguous"),
    pytest.param([("a", "Mr Peskov"), ("b", "Peskov")], [{("a", "Mr Peskov"), ("b", "Peskov")}],
                 id="surname-only-everywhere"),
    pytest.param([("a", "Jürgen Müller"), ("b", "Jurgen Muller")], [{("a", "Jürgen Müller"), ("b", "Jurgen Muller")}],
                 id="accents"),
]


@pytest.mark.parametrize(("people", "expected"), MERGE)
def test_people_merge_or_stay_apart(people, expected):
    reg = build_registry([sheet(sid, (name, "PERSON")) for sid, name in people])
    assert sorted(map(sorted, groups(reg))) == sorted(map(sorted, expected))


def test_ambiguous_surname_is_noted():
    reg = build_registry([sheet("a", ("Hillary Clinton", "PERSON")), sheet("b", ("Bill Clinton", "PERSON")),
                          sheet("c", ("Clinton", "PERSON"))])
    bare = next(e for e in reg.entries if e.name == "Clinton")
    assert "Bill Clinton" in bare.note and "Hillary Clinton" in bare.note
    assert any("could be" in w for w in reg.warnings)


def test_a_rebuild_from_its_own_output_changes_nothing(tmp_path):
    # an ambiguous bare surname (its entry keeps its id, so its page keeps its address), a surname that is also
    # a full name by capital letter ("Bin Laden"), a surname an article also names in full
    sheets = [sheet("a", ("Keith Lamont Scott", "PERSON", ("Scott",))), sheet("b", ("Tim Scott", "PERSON")),
              sheet("c", ("Scott", "PERSON")), sheet("d", ("Scott", "ORG")),
              sheet("e", ("bin Laden", "PERSON", ("Bin Laden",))), sheet("f", ("Osama bin Laden", "PERSON"))]
    path = tmp_path / "entities.yaml"
    first = dump_registry(update_registry(sheets, path))
    second = dump_registry(update_registry(sheets, path))
    assert second == first
    assert dump_registry(build_registry(sheets)) == first  # and the same as a fresh build


def test_role_breaks_a_surname_tie():
    sheets = [sheet("a", ("Hillary Clinton", "PERSON", (), ("Secretary of State",))),
              sheet("b", ("Bill Clinton", "PERSON", (), ("former president",))),
              sheet("c", ("Secretary Clinton", "PERSON"))]
    reg = build_registry(sheets)
    hillary = next(e for e in reg.entries if e.name == "Hillary Clinton")
    assert hillary.sheets == ["a", "c"]


@pytest.mark.parametrize(("group", "entities", "expected_entries"), [
    pytest.param("organisations", [("a", "the Kremlin", "ORG"), ("b", "Kremlin", "ORG")], 1, id="the-prefix"),
    pytest.param("organisations", [("a", "Federal Bureau of Investigation", "ORG"), ("b", "FBI", "ORG")], 2,
                 id="acronym-alone-kept-apart"),
    pytest.param("organisations", [("a", "National Broadcasting Company", "ORG", ("NBC",)), ("b", "NBC", "ORG")], 1,
                 id="acronym-an-article-pairs"),
    pytest.param("organisations", [("a", "Ford", "ORG"), ("b", "Ford Foundation", "ORG")], 2, id="prefix-not-enough"),
    pytest.param("places", [("a", "U.S.", "GPE"), ("b", "US", "GPE")], 1, id="dots"),
    pytest.param("places", [("a", "Georgia", "GPE"), ("b", "Georgia", "GPE")], 1, id="same-name"),
])
def test_organisations_and_places(group, entities, expected_entries):
    reg = build_registry([sheet(e[0], (e[1], e[2], *e[3:])) for e in entities])
    assert len(reg.group(group)) == expected_entries


def test_aliases_link_names_across_sheets():
    sheets = [sheet("a", ("United States", "GPE", ("US", "America"))), sheet("b", ("America", "GPE"))]
    reg = build_registry(sheets)
    assert [e.sheets for e in reg.group("places")] == [["a", "b"]]


def test_roles_over_time_and_references():
    q = Quote(text="We will talk.", speaker="Antony Blinken", speaker_role="Secretary of State")
    sheets = [sheet("a", ("Antony Blinken", "PERSON", (), ("senior adviser",)), published="2019-05-01"),
              sheet("b", ("Antony Blinken", "PERSON", ("Blinken",), ()), published="2021-11-12", quotes=(q,)),
              sheet("c", ("Blinken", "PERSON", (), ("Secretary of State",)), published="2022-01-20")]
    reg = build_registry(sheets)
    (entry,) = reg.group("people")
    assert [(r.title, r.first, r.last) for r in entry.roles] == [
        ("senior adviser", "2019-05-01", "2019-05-01"), ("Secretary of State", "2021-11-12", "2022-01-20")]
    assert entry.sheets == ["a", "b", "c"]
    assert next(r for r in entry.refs if r.sheet == "b").quotes == [0]
    assert reg.find("c", "Blinken") is entry


def test_edits_survive_a_rebuild(tmp_path):
    path = tmp_path / "entities.yaml"
    sheets = [sheet("a", ("Antony Blinken", "PERSON")), sheet("b", ("Blinken", "PERSON"))]
    update_registry(sheets, path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Antony Blinken", "name: Antony J. Blinken")
    text = text.replace("note: null", "note: checked by the desk", 1)
    path.write_text(text, encoding="utf-8")
    reg = update_registry([*sheets, sheet("c", ("Tony Blinken", "PERSON"))], path)
    people = reg.group("people")
    edited = next(e for e in people if e.name == "Antony J. Blinken")
    assert edited.id == "antony-blinken" and edited.note == "checked by the desk"
    assert {"a", "b"} <= set(edited.sheets)
    assert path.read_text(encoding="utf-8") == dump_registry(reg)


def test_person_alias_and_exclude_steer_merging(tmp_path):
    path = tmp_path / "entities.yaml"
    sheets = [sheet("a", ("Hillary Clinton", "PERSON")), sheet("b", ("Bill Clinton", "PERSON")),
              sheet("c", ("Clinton", "PERSON"))]
    update_registry(sheets, path)
    text = path.read_text(encoding="utf-8")
    # a person decides the bare "Clinton" of sheet c is Hillary Clinton: add it as her alias
    text = text.replace("name: Hillary Clinton\n  type: PERSON\n  aliases: []",
                        "name: Hillary Clinton\n  type: PERSON\n  aliases: [Clinton]")
    path.write_text(text, encoding="utf-8")
    reg = update_registry(sheets, path)
    assert next(e for e in reg.entries if e.name == "Hillary Clinton").sheets == ["a", "c"]
    assert not any(e.name == "Clinton" for e in reg.entries)


def test_reviewed_entry_is_frozen(tmp_path):
    path = tmp_path / "entities.yaml"
    update_registry([sheet("a", ("Dmitry Peskov", "PERSON"))], path)
    text = path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true")
    path.write_text(text, encoding="utf-8")
    reg = update_registry([sheet("a", ("Dmitry Peskov", "PERSON", ("Mr Peskov",), ("spokesman",)))], path)
    (entry,) = reg.entries
    assert entry.aliases == [] and entry.roles == [] and entry.sheets == ["a"]


@pytest.mark.parametrize(("text", "message"), [
    ("entities: 3\n", "entities: expected a list"),
    ("entities:\n- name: X\n  type: PERSON\n", ":2: entities[0]: missing field 'id'"),
    ("entities:\n- id: X Y\n  name: X\n  type: PERSON\n", ":2: entities[0].id: 'X Y' is not in the expected form"),
    ("entities:\n- id: x\n  name: X\n  type: ROBOT\n", ":4: entities[0].type: 'ROBOT' is not one of 'PERSON', "),
    ("entities:\n- id: x\n  name: X\n  type: PERSON\n  roles:\n  - role: mayor\n    first: last year\n",
     ":7: entities[0].roles[0].first: 'last year' is not in the expected form"),
    ("entities:\n- id: x\n  name: X\n  type: PERSON\n- id: x\n  name: Y\n  type: PERSON\n",
     ":5: entities[1].id: duplicate id 'x' (also entities[0])"),
    ("entities:\n- id: x\n  name: X\n  type: PERSON\n  colour: red\n", ":5: entities[0]: unknown field 'colour'"),
    ("entities: [\n", "YAML syntax"),
])
def test_load_reports_file_line_field(tmp_path, text, message):
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert message in "\n".join(err.value.problems)
    assert str(path) in err.value.problems[0]


def test_missing_file_is_an_empty_registry(tmp_path):
    assert load_registry(tmp_path / "none.yaml").entries == []


def test_real_pipeline_sheets_merge(sheet_of):
    """Two articles parsed for real: the surname-only mention joins the full name from the other article."""
    one = sheet_of("Talks resume\n\nThe foreign minister, Daniel Okafor, said on Monday the talks would resume.\n",
                   published="2024-03-04").replace(id="one")
    two = sheet_of("Talks stall\n\nThe next round has no date yet, Mr Okafor said on Friday.\n",
                   published="2024-03-09").replace(id="two")
    reg = build_registry([one, two])
    okafor = [e for e in reg.group("people") if "okafor" in fold(e.name)]
    assert len(okafor) == 1 and okafor[0].sheets == ["one", "two"]
    assert okafor[0].name == "Daniel Okafor"
