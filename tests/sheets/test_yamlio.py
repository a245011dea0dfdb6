"""YAML round-trips: whatever text an article holds, a sheet reads back exactly as written."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import (
    APPROX_VOCAB,
    DateMention,
    Entity,
    Fact,
    FactSheet,
    Figure,
    Generated,
    Quote,
    Source,
)
from generator.sheets import yamlio
from generator.sheets.validate import check

# any text a file can hold: no lone surrogates (they are not UTF-8)
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
nonempty = text.filter(lambda s: s != "")
awkward = st.sampled_from(["yes", "no", "null", "~", "true", "1e3", "0x10", "2021-11-12", ": colon", "# hash",
                           "'lead quote", '"double', "{{ x }}", "{% if %}", "- dash", "a\nb", "trailing ", "\ttab",
                           "| pipe", "> gt", "&anchor", "*alias", "!tag", "@at", "`tick`", "\u2028", "\x85", "\r\n"])
word = st.one_of(nonempty, awkward)
span = st.one_of(st.none(), st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(lambda t: (min(t), max(t))))
number = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False, width=64))
value = st.one_of(st.none(), number, st.builds(lambda a, b: {"low": a, "high": b}, number, number))
opt = st.one_of(st.none(), word)

sheets = st.builds(
    FactSheet,
    id=st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True),
    title=word,
    summary=opt,
    source=st.builds(Source, name=opt, url=opt, published=st.none() | st.just("2021-11-12"), author=opt, file=opt),
    generated=st.builds(Generated, tool=word, pipeline=word, content_hash=st.just("sha256:" + "0" * 64), at=opt),
    tags=st.lists(word, max_size=3).map(tuple),
    facts=st.lists(st.builds(Fact, text=word, sentence=word, span=span,
                             score=st.none() | st.floats(0, 1), attributed_to=opt, reviewed=st.booleans()),
                   max_size=3).map(tuple),
    quotes=st.lists(st.builds(Quote, text=word, speaker=opt, kind=st.sampled_from(["direct", "partial", "reported"]),
                              speaker_role=opt, speaker_mention=opt, cue=opt, sentence=text, span=span,
                              reviewed=st.booleans()), max_size=3).map(tuple),
    figures=st.lists(st.builds(Figure, text=word, value=value, unit=opt,
                               approx=st.none() | st.sampled_from(APPROX_VOCAB), counts=opt, sentence=text, span=span),
                     max_size=3).map(tuple),
    dates=st.lists(st.builds(DateMention, text=word, value=st.none() | st.just("2021-W45"), sentence=text, span=span),
                   max_size=3).map(tuple),
    entities=st.lists(st.builds(Entity, name=word, type=st.sampled_from(["PERSON", "ORG", "GPE"]),
                                aliases=st.lists(word, max_size=2).map(tuple),
                                roles=st.lists(word, max_size=2).map(tuple),
                                mentions=st.integers(0, 50)), max_size=3).map(tuple),
    warnings=st.lists(word, max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets)
def test_sheet_round_trips_through_yaml(sheet):
    text = yamlio.dump(sheet.to_dict())
    data = yaml.safe_load(text)
    assert data == sheet.to_dict()
    assert FactSheet.from_dict(data) == sheet


@settings(max_examples=100, deadline=None)
@given(sheets)
def test_what_the_model_writes_the_schema_accepts(sheet):
    data = yaml.safe_load(yamlio.dump(sheet.to_dict()))
    blank = [(s, i) for s in ("facts", "quotes", "figures", "dates", "entities") for i, x in enumerate(data[s])
             if not (x.get("text") or x.get("name"))]
    problems = check(data, where="t.yaml")
    # the schema refuses empty text and empty names (a person deleting words should delete the item)
    assert bool(problems) == bool(blank or not data["title"]), problems


def _through_the_representers(data: dict) -> str:
    """What PyYAML's own representing makes with the module's dumper (the text :func:`yamlio.dump` must equal)."""
    return yaml.dump(data, Dumper=yamlio._Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets)
def test_dump_builds_the_text_the_representers_make(sheet):
    """:func:`yamlio.dump` builds the nodes itself (faster): the text is byte for byte PyYAML's."""
    data = sheet.to_dict()
    assert yamlio.dump(data) == _through_the_representers(data)


@pytest.mark.parametrize("data", [
    {"figures": [{"value": {"low": 252, "high": 287}, "span": [3, 9]}]},  # flow style: a range, a list of numbers
    {"a": [1, 2.5, -3], "b": [True, 1], "c": [], "d": {}, "e": [[1, 2], ["x"]], "f": (1, 2)},
    {"multi": "line one\nline two", "odd": "a\u2028b", "crlf": "a\r\nb", "trailing": "a\nb ", "indent": "a\n b"},
    {"n": None, "t": True, "f": False, "i": 10**20, "x": 1e17, "y": -0.0, "s": "yes", "z": "0x10", "w": "2021-11-12"},
])
def test_dump_equals_the_representers_on_every_kind_of_value(data):
    assert yamlio.dump(data) == _through_the_representers(data)
    assert yaml.safe_load(yamlio.dump(data)) == {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def test_dump_refuses_what_the_safe_dumper_refuses():
    with pytest.raises(yaml.representer.RepresenterError):
        yamlio.dump({"x": object()})


@given(st.dictionaries(st.text(max_size=8), st.one_of(word, number, st.booleans(), st.none()), max_size=6))
def test_any_flat_mapping_round_trips(d):
    assert yaml.safe_load(yamlio.dump(d)) == d


def test_atomic_write_replaces_whole_file_and_reports_no_change(tmp_path):
    path = tmp_path / "a.yaml"
    assert yamlio.atomic_write(path, "one: 1\n") is True
    assert yamlio.atomic_write(path, "one: 1\n") is False
    assert yamlio.atomic_write(path, "two: 2\n") is True
    assert path.read_text(encoding="utf-8") == "two: 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary files left behind
