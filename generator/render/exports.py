"""A sheet's data in the forms a reader downloads or a machine reads: YAML, JSON, CSV and schema.org.

All pure functions of a :class:`~generator.model.FactSheet`; the page templates only link to
the files written from them.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from generator.model import FactSheet
from generator.sheets import yamlio

#: the columns of a sheet's CSV: one row per fact, quote, figure, date or entity
CSV_COLUMNS = ("record", "rank", "text", "speaker", "speaker_role", "cue", "kind", "value", "value_high",
               "unit", "approx", "change", "per", "counts", "date", "type", "mentions", "sentence", "start", "end")
# a cell starting with one of these is a formula to a spreadsheet program: prefix it with '
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_yaml(sheet: FactSheet) -> str:
    return yamlio.dump(sheet.to_dict())


def as_json(sheet: FactSheet) -> str:
    return json.dumps(sheet.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _span(span: tuple[int, int] | None) -> dict[str, Any]:
    return {"start": span[0], "end": span[1]} if span else {}


def csv_rows(sheet: FactSheet) -> list[dict[str, Any]]:
    """One mapping per record of the sheet, keyed by :data:`CSV_COLUMNS`."""
    rows: list[dict[str, Any]] = []
    for i, f in enumerate(sheet.facts, start=1):
        rows.append({"record": "fact", "rank": i, "text": f.text, "speaker": f.attributed_to,
                     "sentence": f.sentence, **_span(f.span)})
    for i, q in enumerate(sheet.quotes, start=1):
        rows.append({"record": "quote", "rank": i, "text": q.text, "speaker": q.speaker,
                     "speaker_role": q.speaker_role, "cue": q.cue, "kind": q.kind, "sentence": q.sentence,
                     **_span(q.span)})
    for i, g in enumerate(sheet.figures, start=1):
        # a range {low, high}, or a move [from, to] (value the from, value_high the to), or a number
        low, high = (g.value.get("low"), g.value.get("high")) if isinstance(g.value, dict) else \
            tuple(g.value) if isinstance(g.value, tuple) else (g.value, None)
        rows.append({"record": "figure", "rank": i, "text": g.text, "value": low, "value_high": high,
                     "unit": g.unit, "approx": g.approx, "change": g.change, "per": g.per, "counts": g.counts,
                     "sentence": g.sentence,
                     **_span(g.span)})
    for i, d in enumerate(sheet.dates, start=1):
        rows.append({"record": "date", "rank": i, "text": d.text, "date": d.value, "sentence": d.sentence,
                     **_span(d.span)})
    for i, e in enumerate(sheet.entities, start=1):
        rows.append({"record": "entity", "rank": i, "text": e.name, "type": e.type, "mentions": e.mentions,
                     "speaker_role": "; ".join(e.roles) or None})
    return rows


def as_csv(sheet: FactSheet) -> str:
    """The sheet as one CSV table (a ``record`` column says which kind each row is)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in csv_rows(sheet):
        writer.writerow({k: _cell(row.get(k)) for k in CSV_COLUMNS})
    return out.getvalue()


_SCHEMA_TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}


def json_ld(sheet: FactSheet, *, tool_url: str | None = None) -> dict[str, Any]:
    """schema.org metadata for the sheet's page: an Article with its quotes as Quotation parts.

    Values are the article's own strings; the template serialises them with HTML-safe JSON.
    """
    doc: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": sheet.title[:110],
        "name": sheet.title,
        "description": sheet.summary or sheet.title,
        "dateModified": sheet.generated.at,
        "identifier": sheet.id,
        "creator": {"@type": "SoftwareApplication", "name": sheet.generated.tool,
                    **({"url": tool_url} if tool_url else {})},
    }
    based_on: dict[str, Any] = {"@type": "NewsArticle", "headline": sheet.title}
    if sheet.source.url:
        based_on["url"] = sheet.source.url
    if sheet.source.published:
        based_on["datePublished"] = sheet.source.published
        doc["datePublished"] = sheet.source.published
    if sheet.source.author:
        based_on["author"] = {"@type": "Person", "name": sheet.source.author}
    if sheet.source.name:
        based_on["publisher"] = {"@type": "Organization", "name": sheet.source.name}
    doc["isBasedOn"] = based_on
    if sheet.tags:
        doc["keywords"] = list(sheet.tags)
    parts = []
    for q in sheet.quotes:
        part: dict[str, Any] = {"@type": "Quotation", "text": q.text}
        if q.speaker:
            kind = "Person" if q.speaker_type in (None, "PERSON") else _SCHEMA_TYPES.get(q.speaker_type, "Organization")
            person: dict[str, Any] = {"@type": kind, "name": q.speaker}
            if q.speaker_role:
                person["jobTitle"] = q.speaker_role
            part["creator"] = person
        parts.append(part)
    if parts:
        doc["hasPart"] = parts
    mentions = [{"@type": _SCHEMA_TYPES[e.type], "name": e.name} for e in sheet.entities if e.type in _SCHEMA_TYPES]
    if mentions:
        doc["mentions"] = mentions
    return doc


def citation(sheet: FactSheet) -> dict[str, str | None]:
    """The parts of a "cite this sheet" line; the page prints them, each escaped."""
    generated = (sheet.generated.at or "")[:10] or None
    return {
        "title": sheet.title,
        "publisher": sheet.source.name,
        "author": sheet.source.author,
        "published": (sheet.source.published or "")[:10] or None,
        "generated": generated,
        "tool": sheet.generated.tool,
    }
