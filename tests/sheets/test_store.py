"""Reading a sheet file (generator.sheets.store): one loader, every problem with its line, any file kind."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import Field

from generator.errors import FactsheetError, SheetError
from generator.model import Fact, FactSheet, Generated, Quote, QuoteKind, Record, Source
from generator.sheets import yamlio
from generator.sheets.store import load_model, load_sheet, read_sheet

GEN = Generated(tool="factsheet test", pipeline="test", content_hash="sha256:" + "1" * 64, at="2024-01-02T03:04:05Z")


def sheet_text() -> str:
    sheet = FactSheet(id="t", title="Town hall to close", source=Source(name="Gazette", published="2024-01-02"),
                      generated=GEN, facts=(Fact(text="It closes.", sentence="It closes in May."),),
                      quotes=(Quote(text="We will reopen", speaker="Jo Park", kind="partial"),))
    return yamlio.dump(sheet.to_dict())


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


# (case, the edit, the text on the line named, the message)
REFUSED = [
    ("binary", ("title: Town hall to close", "title: !!binary aGVsbG8="), "title:",
     "title: bytes cannot be written as JSON"),
    ("set", ("tags: []", "tags: !!set {a, b}"), "tags:", "tags: set cannot be written as JSON"),
    ("date-as-key", ("tags: []", "tags: []\n2024-01-02: x"), "2024-01-02: x", "a key must be text (put it in quotes)"),
    ("number-as-key", ("  cue: null", "  cue: null\n  1: x"), "  1: x", "quotes[0]: unknown field '1'"),
    ("string-for-a-number", ("  score: 0.5", "  score: '0.5'"), "score:",
     "facts[0].score: expected a number or null, got a string"),
    ("float-for-a-whole-number", ("  span: null", "  span: [0, 2.5]"), "span:",
     "quotes[0].span[1]: expected a whole number, got a number"),
    ("not-a-mapping", ("schema_version: 1", "- schema_version: 1"), "schema_version",
     "expected a YAML mapping (id: ..., title: ...), got a list"),
]


@pytest.mark.parametrize(("case", "edit", "on_line", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_sheet_is_refused_naming_line_and_field(tmp_path, case, edit, on_line, message):
    good = sheet_text()
    if case == "string-for-a-number":
        good = good.replace("  attributed_to: null", "  score: 0.5\n  attributed_to: null")
    text = good.replace(*edit, 1)
    if case == "not-a-mapping":
        text = "\n".join(("  " + line if i else line) for i, line in enumerate(text.splitlines()))
    assert text != good
    path = write(tmp_path, text)
    with pytest.raises(SheetError) as err:
        load_sheet(path)
    first = err.value.problems[0]
    assert first.startswith(f"{path}:{line_of(text, on_line)}: "), first
    assert message in first, first


def test_every_problem_is_listed_each_on_its_line(tmp_path):
    text = (sheet_text().replace("title: Town hall to close", "title: ''")
            .replace("kind: partial", "kind: shouted").replace("  name: Gazette", "  name: Gazette\n  colour: red"))
    path = write(tmp_path, text)
    with pytest.raises(SheetError) as err:
        load_sheet(path)
    assert err.value.problems == [  # in the order of the file
        f"{path}:{line_of(text, 'title:')}: title: must not be empty",
        f"{path}:{line_of(text, 'colour')}: source: unknown field 'colour' (allowed: author, file, name, "
        "published, url)",
        f"{path}:{line_of(text, 'kind: shouted')}: quotes[0].kind: 'shouted' is not one of 'direct', 'partial', "
        "'reported'",
    ]


@pytest.mark.parametrize(("edit", "read"), [
    (("published: '2024-01-02'", "published: 2024-01-02"), lambda s: s.source.published == "2024-01-02"),
    (("  kind: partial\n", ""), lambda s: s.quotes[0].kind is QuoteKind.DIRECT),
    (("  sentence: It closes in May.\n", ""), lambda s: s.facts[0].sentence == "It closes."),
    (("schema_version: 1\n", ""), lambda s: s.schema_version == 1),
], ids=["unquoted-date", "quote-without-kind", "fact-without-sentence", "no-schema-version"])
def test_what_a_person_may_leave_out_or_leave_unquoted(tmp_path, edit, read):
    text = sheet_text()
    assert edit[0] in text
    sheet, data = read_sheet(write(tmp_path, text.replace(*edit, 1)))
    assert read(sheet)
    assert isinstance(data, dict) and data["id"] == "t"  # the data as written, for the merge of hand edits


# -- any file kind the model describes: how the registry (or any new file) reads through the same loader ----

@dataclass(frozen=True, slots=True, kw_only=True)
class Pet(Record):
    name: Annotated[str, Field(min_length=1)]
    legs: Annotated[int, Field(ge=0)] = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class PetFile(Record):
    schema_version: int = 1
    pets: tuple[Pet, ...] = ()


class PetError(FactsheetError):
    def __init__(self, path: Path, problems: list[str]):
        self.path, self.problems = path, problems
        super().__init__(problems[0])


def test_any_file_kind_loads_through_the_same_reader_with_its_own_error_and_checks(tmp_path):
    path = tmp_path / "pets.yaml"
    path.write_text("pets:\n- name: Rex\n- name: Tom\n  legs: 3\n", encoding="utf-8")
    pets, data = load_model(path, PetFile)
    assert pets == PetFile(pets=(Pet(name="Rex"), Pet(name="Tom", legs=3))) and data["pets"][0] == {"name": "Rex"}

    def unique(value: PetFile, at) -> list[str]:
        names = [p.name for p in value.pets]
        return [f"{at(('pets', i, 'name'))}: pets[{i}].name: given before" for i, n in enumerate(names)
                if n in names[:i]]

    path.write_text("pets:\n- name: Rex\n- name: Rex\n", encoding="utf-8")
    with pytest.raises(PetError) as err:
        load_model(path, PetFile, checks=unique, error=PetError)
    assert err.value.problems == [f"{path}:3: pets[1].name: given before"]
    path.write_text("pets:\n- name: ''\n  legs: -1\n  tail: yes\n- name: Tom\n  name: Tim\n", encoding="utf-8")
    with pytest.raises(PetError) as err:
        load_model(path, PetFile, error=PetError)
    assert err.value.problems == [
        f"{path}:6: pets[1].name: given twice; YAML keeps only the last one (delete one of them)",
        f"{path}:2: pets[0].name: must not be empty",
        f"{path}:3: pets[0].legs: -1 is less than the minimum of 0",
        f"{path}:4: pets[0]: unknown field 'tail' (allowed: legs, name)",
    ]
    path.write_text("# no pets yet\n", encoding="utf-8")
    assert load_model(path, PetFile, if_empty=PetFile) == (PetFile(), None)
    with pytest.raises(PetError, match=r"pets\.yaml: expected a YAML mapping, got null"):
        load_model(path, PetFile, error=PetError)
    path.write_text("pets: [\n", encoding="utf-8")
    with pytest.raises(PetError, match=r"pets\.yaml:2: YAML syntax"):
        load_model(path, PetFile, error=PetError)
