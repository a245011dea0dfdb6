"""Validation of fact-sheet YAML at the boundary: every problem, each with file, line and field.

    data/facts/kremlin.yaml:42: quotes[2].speaker: expected a string or null, got a list

:func:`sheet_data` is the one way the rest of the code reads a sheet file (render, validate,
extract's merge of hand edits; :func:`load_sheet` builds the :class:`~generator.model.FactSheet`
from it): the file is read by :func:`generator.sheets.yamlio.load_data` (safe loader, alias budget), then
validated against the JSON Schema and checked for what a schema cannot say (keys given twice,
numbers JSON cannot hold, spans inside the text, ids matching file names).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from generator.errors import SheetError
from generator.model import FactSheet
from generator.sheets import yamlio

_TYPE_NAMES = {"string": "a string", "null": "null", "array": "a list", "object": "a mapping",
               "integer": "a whole number", "number": "a number", "boolean": "true or false"}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The fact-sheet JSON Schema shipped with the package."""
    text = resources.files("generator.sheets").joinpath("schema/factsheet.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema())


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    """The schema compiled to Python by fastjsonschema (tens of times faster than jsonschema).

    It only says yes or no; for a sheet it refuses, jsonschema finds every problem and words it.
    The schema keeps to what draft 7 and 2020-12 read alike, so either draft's reading is the same.
    """
    import fastjsonschema

    return fastjsonschema.compile({**schema(), "$schema": "http://json-schema.org/draft-07/schema#"})


def _valid_fast(data: Any) -> bool:
    import fastjsonschema

    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _normalize(value: Any) -> Any:
    """Dates a person typed without quotes (YAML reads them as dates) count as ISO strings."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


def field_name(path: tuple) -> str:
    """A path into YAML data as a reader writes it: ``quotes[2].speaker``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(top level)"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _message(err: jsonschema.ValidationError) -> str:
    v = err.validator
    if v == "type":
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"expected {' or '.join(_TYPE_NAMES.get(w, w) for w in want)}, got {_kind(err.instance)}"
    if v == "required":
        missing = [k for k in err.validator_value if k not in (err.instance or {})]
        return f"missing field {', '.join(repr(k) for k in missing)}"
    if v == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = sorted(set(err.instance) - set(allowed))
        return f"unknown field {', '.join(repr(k) for k in extra)} (allowed: {', '.join(allowed)})"
    if v == "enum":
        allowed = ", ".join("null" if x is None else repr(x) for x in err.validator_value)
        return f"{err.instance!r} is not one of {allowed}"
    if v == "const":
        return f"expected {err.validator_value!r}, got {err.instance!r}"
    if v == "pattern":
        return f"{err.instance!r} is not in the expected form"
    if v == "minLength":
        return "must not be empty"
    if v in ("minItems", "maxItems"):
        return "a span is two numbers: [start, end]"
    if v == "oneOf":
        return f"expected a number, null or {{low, high}}, got {_kind(err.instance)}"
    return err.message


def duplicate_problems(where: str, duplicates: list[tuple[tuple, int]] | None) -> list[str]:
    """One line per key given twice in one mapping (YAML would keep only the last silently)."""
    return [f"{where}:{line}: {field_name(path)}: given twice; YAML keeps only the last one (delete one of them)"
            for path, line in duplicates or ()]


def non_finite(data: Any) -> list[tuple]:
    """The paths of the numbers JSON cannot hold (YAML's ``.nan``, ``.inf``, ``-.inf``).

    A schema's "number" takes them, but the JSON download and the page's JSON-LD would be
    invalid. A quick C-speed test first: almost every sheet has none.
    """
    try:
        json.dumps(data, allow_nan=False)
        return []
    except ValueError:
        pass
    except TypeError:
        return []  # not JSON data at all: the schema says what is wrong with it

    def walk(value: Any, at: tuple) -> Iterable[tuple]:
        if isinstance(value, float) and not math.isfinite(value):
            yield at
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, (*at, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, (*at, i))

    return list(walk(data, ()))


def check(data: Any, *, where: str, lines: dict[tuple, int] | None = None, stem: str | None = None,
          duplicates: list[tuple[tuple, int]] | None = None) -> list[str]:
    """Every problem with a sheet's data, as one-line messages ``where:line: field: problem``.

    ``duplicates``: keys written twice in one mapping (from :func:`generator.sheets.yamlio.load_document`).
    """
    lines = lines or {}
    dup_problems = duplicate_problems(where, duplicates)

    def at(path: tuple) -> str:
        line = yamlio.line_of(lines, path)
        return f"{where}:{line}" if line else where

    if not isinstance(data, dict):
        return [f"{at(())}: a fact sheet must be a YAML mapping (id: ..., title: ...), got {_kind(data)}"]
    problems = []
    normal = _normalize(data)
    errors = [] if _valid_fast(normal) else _validator().iter_errors(normal)
    for err in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(err.absolute_path)
        line_path = path
        if err.validator == "additionalProperties" and isinstance(err.instance, dict):
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            line_path = (*path, extra[0]) if extra else path  # point at the unknown field itself
        problems.append(f"{at(line_path)}: {field_name(path)}: {_message(err)}")
    problems += [f"{at(path)}: {field_name(path)}: not a finite number (.nan and .inf cannot be written as JSON; "
                 "write the number, or null when it is unknown)" for path in non_finite(normal)]
    problems = dup_problems + problems
    if problems:
        return problems
    if stem is not None and data.get("id") != stem:
        problems.append(f"{at(('id',))}: id: {data.get('id')!r} does not match the file name {stem!r}.yaml "
                        "(rename the file or fix the id)")
    for section in ("quotes", "figures", "dates", "facts"):
        for i, item in enumerate(data.get(section) or []):
            span = item.get("span")
            if span and span[0] > span[1]:
                problems.append(f"{at((section, i, 'span'))}: {section}[{i}].span: start is after end")
    return problems


def sheet_data(path: Path) -> Any:
    """The data of a sheet file that passes every check of :func:`check`, as YAML reads it.

    Raises SheetError listing every problem, each with its file, line and field. Fast for a
    valid sheet (libyaml, the compiled schema, no line numbers); only a sheet with a problem
    is read again with its lines, to say where each problem is.
    """
    data, duplicated = yamlio.load_data(path)
    if not duplicated and not check(data, where=str(path), stem=path.stem):
        return data
    data, lines, duplicates = yamlio.load_document(path)
    problems = check(data, where=str(path), lines=lines, stem=path.stem, duplicates=duplicates)
    raise SheetError(path, problems or [f"{path}: changed while being read; try again"])


def load_sheet(path: Path) -> FactSheet:
    """A validated FactSheet from a YAML file (read by :func:`sheet_data`); raises SheetError listing every problem."""
    return FactSheet.from_dict(_normalize(sheet_data(path)))


def validate_paths(paths: list[Path]) -> tuple[int, list[str]]:
    """(number of sheets checked, every problem found) for files and folders of sheets."""
    files: list[Path] = []
    problems: list[str] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")))
        elif p.is_file():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    for f in files:
        try:
            load_sheet(f)
        except SheetError as err:
            problems.extend(err.problems)
    return len(files), problems
