"""One contract: the model's records; the JSON Schema is generated from them, and the docs describe them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import jsonschema
import pytest

from generator import model
from generator.sheets import yamlio
from generator.sheets.schema import FILES, SHEET, main
from generator.sheets.store import load_sheet
from generator.sheets.validate import schema, validate

ROOT = Path(__file__).resolve().parents[2]
RECORDS = {"fact": model.Fact, "quote": model.Quote, "figure": model.Figure, "date": model.DateMention,
           "entity": model.Entity, "source": model.Source, "generated": model.Generated}
#: docs/schema.md's row for each record, and the fields it leaves to docs/curation.md
DOC_ROWS = {"fact": "facts[]", "quote": "quotes[]", "figure": "figures[]", "date": "dates[]", "entity": "entities[]",
            "source": "source", "generated": "generated"}


def _enum(node: dict) -> list:
    """The values a schema node allows (``enum``, in an ``anyOf`` or behind a ``$ref``), null left out."""
    if "$ref" in node:
        return _enum(schema()["$defs"][node["$ref"].rsplit("/", 1)[1]])
    return [v for alt in node.get("anyOf", [node]) for v in (_enum(alt) if "$ref" in alt else alt.get("enum", []))
            if v is not None]


@pytest.mark.parametrize("schema_file", FILES, ids=lambda f: f.name)
def test_the_checked_in_schema_is_what_the_model_generates(schema_file):
    assert schema_file.path.read_text(encoding="utf-8") == schema_file.text(), \
        "run: python -m generator.sheets.schema"


def test_the_schema_command_checks_and_writes(tmp_path, monkeypatch, capsys):
    assert main(["--check"]) == 0
    stale = dataclasses.replace(SHEET, folder=tmp_path, name="stale.schema.json")
    stale.path.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr("generator.sheets.schema.FILES", (stale,))
    assert main(["--check"]) == 1
    assert "stale.schema.json: out of date" in capsys.readouterr().err
    assert main([]) == 0 and stale.path.read_text(encoding="utf-8") == SHEET.text()
    assert main(["--check"]) == 0


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_what_a_record_writes_is_what_the_schema_describes(name):
    """Every field written, and in the schema's order (the field order is the key order of the file)."""
    record = RECORDS[name]
    full = {f.name: f.default for f in dataclasses.fields(record)}
    example = {"text": "x", "speaker": "A", "kind": "direct", "value": 1, "name": "A", "type": "PERSON", "tool": "t",
               "pipeline": "p", "content_hash": "sha256:" + "0" * 64, "span": (0, 1), "score": 0.5, "reviewed": True,
               "clause": "x", "clause_span": (0, 1), "utterance": 1, "speaker_type": "ORG", "speaker_org": "A",
               "change": "up", "per": "day"}
    example = {**example, "value": "2021-11"} if record is model.DateMention else example
    written = record(**{k: example.get(k, v) for k, v in full.items()}).to_dict()
    assert list(written) == list(schema()["$defs"][name]["properties"])


def test_approx_vocabulary_is_the_same_in_model_schema_and_docs():
    enum = _enum(schema()["$defs"]["figure"]["properties"]["approx"])
    assert enum == list(model.APPROX_VOCAB)
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z ]+)` \|", docs, flags=re.M)
    assert [d for d in documented if d in enum] == enum


def test_quote_kinds_agree():
    assert _enum(schema()["$defs"]["quote"]["properties"]["kind"]) == list(model.QUOTE_KINDS)
    assert list(model.QuoteKind) == list(model.QUOTE_KINDS)


def test_docs_list_every_top_level_field():
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for name in schema()["properties"]:
        if name != "tags":
            assert f"`{name}" in docs, f"docs/schema.md does not describe `{name}`"


@pytest.mark.parametrize("name", sorted(DOC_ROWS))
def test_docs_describe_every_field_of_each_record(name):
    """docs/schema.md's table has a row per record naming each of its fields (``reviewed``: docs/curation.md)."""
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    row = next(line for line in docs.splitlines() if line.startswith(f"| `{DOC_ROWS[name]}` |"))
    missing = [f for f in schema()["$defs"][name]["properties"] if f != "reviewed" and f"`{f}`" not in row]
    assert not missing, f"docs/schema.md's {DOC_ROWS[name]} row does not name {missing}"


def _mutations():
    """Sheets broken (or not) in the ways people break them by hand."""
    base = {"schema_version": 1, "id": "a", "title": "T", "source": {}, "generated": {
        "tool": "factsheet", "pipeline": "p", "content_hash": "sha256:" + "0" * 64}}
    quote = {"text": "We will", "speaker": None, "kind": "direct"}
    figure = {"text": "90,000 troops", "value": 90000}
    cases = [
        base,
        {**base, "quotes": [quote]},
        {**base, "quotes": [{**quote, "speaker": ["A", "B"]}]},
        {**base, "quotes": [{**quote, "kind": "shouted"}]},
        {**base, "quotes": [{**quote, "text": ""}]},
        {**base, "quotes": [{**quote, "span": [1]}]},
        {**base, "quotes": [{**quote, "span": [1, 2, 3]}]},
        {**base, "quotes": [{**quote, "span": [1.5, 2]}]},
        {**base, "quotes": [{**quote, "colour": "red"}]},
        {**base, "quotes": [{k: v for k, v in quote.items() if k != "kind"}]},
        {**base, "figures": [figure]},
        {**base, "figures": [{**figure, "value": {"low": 1, "high": 2}}]},
        {**base, "figures": [{**figure, "value": {"low": 1}}]},
        {**base, "figures": [{**figure, "value": {"low": 1, "high": 2, "mid": 1.5}}]},
        {**base, "figures": [{**figure, "value": "ninety"}]},
        {**base, "figures": [{**figure, "value": True}]},
        {**base, "figures": [{**figure, "approx": "roughly"}]},
        {**base, "figures": [{**figure, "approx": None}]},
        {**base, "dates": [{"text": "last week", "value": "2021-W45"}]},
        {**base, "dates": [{"text": "last week", "value": "last week"}]},
        {**base, "id": "../x"},
        {**base, "schema_version": 2},
        {**base, "source": {"published": "12 May"}},
        {**base, "source": None},
        {**base, "generated": {"tool": "x"}},
        {**base, "entities": [{"name": "A", "type": "PERSON", "mentions": -1}]},
        {**base, "entities": [{"name": "A", "type": "ALIEN"}]},
        {**base, "entities": [{"name": "A", "type": "ORG", "aliases": "B"}]},
        {**base, "facts": [{"text": "x", "score": "high"}]},
        {**base, "facts": [{"text": "x", "score": "0.5"}]},
        {**base, "facts": [{"text": "x", "reviewed": 1}]},
        {**base, "tags": ["a", 1]},
        {k: v for k, v in base.items() if k != "title"},
    ]
    return cases


@pytest.mark.parametrize("data", _mutations())
def test_the_published_schema_and_the_model_agree(data):
    """What another tool's JSON Schema validator accepts is exactly what `factsheet validate` accepts."""
    by_schema = not list(jsonschema.Draft202012Validator(schema()).iter_errors(data))
    by_model = not validate(model.FactSheet, data, where="t.yaml")[1]
    assert by_schema == by_model


def test_quote_kind_is_a_quote_kind_as_built_and_as_read(tmp_path):
    quote = model.Quote(text="We will", speaker=None, kind="reported")
    assert quote.kind is model.QuoteKind.REPORTED and quote.kind == "reported"
    with pytest.raises(ValueError, match="shouted"):
        model.Quote(text="We will", speaker=None, kind="shouted")
    sheet = model.FactSheet(id="t", title="T", source=model.Source(), quotes=(quote,), generated=model.Generated(
        tool="t", pipeline="p", content_hash="sha256:" + "0" * 64))
    path = tmp_path / "t.yaml"
    path.write_text(yamlio.dump(sheet.to_dict()), encoding="utf-8")
    assert "kind: reported\n" in path.read_text(encoding="utf-8")
    assert load_sheet(path).quotes[0].kind is model.QuoteKind.REPORTED


@pytest.mark.parametrize("path", sorted((ROOT / "data" / "facts").rglob("*.yaml")), ids=lambda p: p.name)
def test_a_sheet_read_and_written_again_is_the_same_bytes(path):
    """The model writes what it read, key for key: the project's own sheets and snapshots, byte for byte."""
    assert yamlio.dump(load_sheet(path).to_dict()) == path.read_text(encoding="utf-8")


def test_quote_pieces_clauses_and_organisations_round_trip_and_validate():
    """A partial quote's clause, the utterance number of split pieces, an organisation as speaker and the
    organisation a relative role points to survive to_dict/from_dict and pass the published schema; a
    plain quote writes none of them (sheets without them keep their layout)."""
    q = model.Quote(text="was not hurt", speaker="police", kind="partial", span=(30, 42),
                    clause="the driver was not hurt", clause_span=(19, 42), utterance=2, speaker_type="ORG",
                    speaker_org="Acme Ltd")
    d = q.to_dict()
    assert list(d)[-5:] == ["clause", "clause_span", "utterance", "speaker_type", "speaker_org"]
    assert model.Quote.from_dict(d) == q
    sheet = {"schema_version": 1, "id": "a", "title": "T", "source": {}, "quotes": [d],
             "generated": {"tool": "factsheet", "pipeline": "p", "content_hash": "sha256:" + "0" * 64}}
    jsonschema.validate(sheet, schema())
    assert not {"clause", "clause_span", "utterance", "speaker_type", "speaker_org"} & set(
        model.Quote(text="We will", speaker="Tom Hale").to_dict())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**sheet, "quotes": [{**d, "speaker_type": "BODY"}]}, schema())
