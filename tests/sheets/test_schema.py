"""The JSON Schema, the data model and the docs describe one layout."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import jsonschema
import pytest

from generator import model
from generator.sheets.validate import schema

ROOT = Path(__file__).resolve().parents[2]
RECORDS = {"fact": model.Fact, "quote": model.Quote, "figure": model.Figure, "date": model.DateMention,
           "entity": model.Entity}


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(schema())


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_record_field_is_in_the_schema_and_back(name):
    record = RECORDS[name]
    fields = {f.name for f in dataclasses.fields(record)}
    props = set(schema()["$defs"][name]["properties"])
    assert fields == props, f"model.{record.__name__} and $defs.{name} differ: {fields ^ props}"


def test_top_level_fields_match():
    fields = {f.name for f in dataclasses.fields(model.FactSheet)}
    assert fields == set(schema()["properties"])


def test_approx_vocabulary_is_the_same_in_model_schema_and_docs():
    enum = [v for v in schema()["$defs"]["figure"]["properties"]["approx"]["enum"] if v is not None]
    assert enum == list(model.APPROX_VOCAB)
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z ]+)` \|", docs, flags=re.M)
    assert [d for d in documented if d in enum] == enum


def test_quote_kinds_agree():
    assert schema()["$defs"]["quote"]["properties"]["kind"]["enum"] == list(model.QUOTE_KINDS)


def test_docs_list_every_top_level_field():
    docs = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    for name in schema()["properties"]:
        if name != "tags":
            assert f"`{name}" in docs, f"docs/schema.md does not describe `{name}`"


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
        {**base, "quotes": [{**quote, "colour": "red"}]},
        {**base, "quotes": [{**quote, "kind": "partial", "clause": "we said We will", "clause_span": [0, 15],
                             "utterance": 2}]},
        {**base, "quotes": [{**quote, "utterance": 0}]},
        {**base, "quotes": [{**quote, "clause_span": [3]}]},
        {**base, "quotes": [{**quote, "speaker_type": "ORG", "speaker_org": "Acme Ltd"}]},
        {**base, "quotes": [{**quote, "speaker_type": "BODY"}]},
        {**base, "figures": [figure]},
        {**base, "figures": [{**figure, "value": {"low": 1, "high": 2}}]},
        {**base, "figures": [{**figure, "value": {"low": 1}}]},
        {**base, "figures": [{**figure, "value": "ninety"}]},
        {**base, "figures": [{**figure, "approx": "roughly"}]},
        {**base, "dates": [{"text": "last week", "value": "2021-W45"}]},
        {**base, "dates": [{"text": "last week", "value": "last week"}]},
        {**base, "id": "../x"},
        {**base, "schema_version": 2},
        {**base, "generated": {"tool": "x"}},
        {**base, "entities": [{"name": "A", "type": "PERSON", "mentions": -1}]},
        {**base, "entities": [{"name": "A", "type": "ALIEN"}]},
        {**base, "facts": [{"text": "x", "score": "high"}]},
        {k: v for k, v in base.items() if k != "title"},
    ]
    return cases


@pytest.mark.parametrize("data", _mutations())
def test_fast_and_full_validators_agree(data):
    from generator.sheets.validate import _valid_fast, _validator

    full = not list(_validator().iter_errors(data))
    assert _valid_fast(data) == full


def test_quote_clause_and_utterance_round_trip_and_validate():
    """The fields of a verbatim quote (issue 13) survive to_dict/from_dict and pass the schema; a quote
    without them writes neither, so sheets with none keep their layout."""
    q = model.Quote(text="secure.", speaker="Tom Hale", kind="partial", span=(40, 47),
                    clause="the funding is \u201csecure.\u201d", clause_span=(24, 48), utterance=3)
    d = q.to_dict()
    assert (d["clause"], d["clause_span"], d["utterance"]) == (q.clause, [24, 48], 3)
    assert model.Quote.from_dict(d) == q
    sheet = {"schema_version": 1, "id": "a", "title": "T", "source": {}, "quotes": [d],
             "generated": {"tool": "factsheet", "pipeline": "p", "content_hash": "sha256:" + "0" * 64}}
    jsonschema.validate(sheet, schema())
    plain = model.Quote(text="We will", speaker=None).to_dict()
    assert not {"clause", "clause_span", "utterance"} & set(plain)


def test_quote_speaker_type_and_org_round_trip_and_validate():
    """An organisation as speaker ("police said") and the organisation a relative role points to survive
    to_dict/from_dict and pass the schema; a person's quote writes neither."""
    q = model.Quote(text="The driver was not hurt.", speaker="police", speaker_type="ORG", speaker_org="Acme Ltd")
    d = q.to_dict()
    assert (d["speaker_type"], d["speaker_org"]) == ("ORG", "Acme Ltd")
    assert model.Quote.from_dict(d) == q
    sheet = {"schema_version": 1, "id": "a", "title": "T", "source": {}, "quotes": [d],
             "generated": {"tool": "factsheet", "pipeline": "p", "content_hash": "sha256:" + "0" * 64}}
    jsonschema.validate(sheet, schema())
    assert not {"speaker_type", "speaker_org"} & set(model.Quote(text="We will", speaker="Tom Hale").to_dict())
