"""Validation at the boundary, through the model: every problem, each with file, line and field.

    data/facts/kremlin.yaml:42: quotes[2].speaker: expected a string or null, got a list

:func:`validate` reads YAML data into a record class of :mod:`generator.model` with pydantic
(strict JSON semantics: what the published JSON Schema says) and turns pydantic's errors into
those lines: the union members pydantic names in a location are dropped, the problems of one
union are one line, missing and unknown fields are gathered per mapping, and each line is worded
from the schema the same model generates. :func:`check` adds what a type cannot say for a sheet
(keys given twice, the id matching the file name, spans in order); files are read by
:mod:`generator.sheets.store`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.errors import SheetError
from generator.model import FactSheet, adapter, as_json
from generator.sheets import yamlio

#: "file:line" for a path into the data (the file alone when the line is not known)
Locate = Callable[[tuple], str]

_TYPE_NAMES = {"string": "a string", "null": "null", "array": "a list", "object": "a mapping",
               "integer": "a whole number", "number": "a number", "boolean": "true or false"}
_FINITE = ("not a finite number (.nan and .inf cannot be written as JSON; write the number, or null when it is "
           "unknown)")
_SPAN = "a span is two numbers: [start, end]"
_MISSING = ("missing",)
_UNKNOWN = ("extra_forbidden", "unexpected_keyword_argument")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The fact-sheet JSON Schema shipped with the package (generated from the model: see :mod:`.schema`)."""
    text = resources.files("generator.sheets").joinpath("schema/factsheet.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _schema_of(kind: Any) -> dict[str, Any]:
    """The schema the model generates for ``kind``, which words the messages (worked out at the first problem)."""
    return adapter(kind).json_schema()


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


def locator(where: str, lines: dict[tuple, int] | None) -> Locate:
    """``where:line`` for a path, the line of its nearest ancestor that has one."""
    def at(path: tuple) -> str:
        line = yamlio.line_of(lines, path) if lines else None
        return f"{where}:{line}" if line else where
    return at


def duplicate_problems(where: str, duplicates: list[tuple[tuple, int]] | None) -> list[str]:
    """One line per key given twice in one mapping (YAML would keep only the last silently)."""
    return [f"{where}:{line}: {field_name(path)}: given twice; YAML keeps only the last one (delete one of them)"
            for path, line in duplicates or ()]


# -- from pydantic's errors to one line per problem ------------------------------------------------------


def _resolve(root: dict, node: dict) -> dict:
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _choices(root: dict, node: dict) -> list[dict]:
    """The alternatives a schema node allows (itself, or each of its ``anyOf``), references resolved."""
    node = _resolve(root, node)
    if "anyOf" in node:
        return [c for alt in node["anyOf"] for c in _choices(root, alt)]
    return [node]


def _schema_at(root: dict, path: tuple) -> dict:
    """The schema node for ``path`` into ``data``: at each step, the alternative that can hold the next key."""
    node: dict = root
    for part in path:
        alts = _choices(root, node)
        if isinstance(part, int):
            array = next((a for a in alts if a.get("type") == "array"), {})
            prefix = array.get("prefixItems") or []
            node = prefix[part] if part < len(prefix) else array.get("items", {})
        else:
            node = next((a["properties"][part] for a in alts if part in a.get("properties", {})), {})
    return node


def _expected(root: dict, node: dict) -> str:
    """``a string or null``, ``a number, null or {low, high}``: what a schema node allows, in words."""
    alts = _choices(root, node)
    words, shapes = [], []
    for a in alts:
        if a.get("type") == "object" and len(alts) > 1:
            shapes.append("{" + ", ".join(a.get("properties", {})) + "}")  # a range: {low, high}
        elif a.get("type") == "array" and a.get("prefixItems") and "enum" not in a and len(alts) > 2:
            # a move [from, to] beside a number and a range: "[number, number]"
            shapes.append("[" + ", ".join(_TYPE_NAMES.get(i.get("type", ""), "a value").removeprefix("a ")
                                          for i in a["prefixItems"]) + "]")
        elif "enum" in a or "const" in a:
            words.append("one of " + ", ".join(map(_literal, a.get("enum", [a.get("const")]))))
        else:
            words.append(_TYPE_NAMES.get(a.get("type", ""), a.get("type", "a value")))
    names = list(dict.fromkeys(words + shapes))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _literal(value: Any) -> str:
    return "null" if value is None else repr(value)


def _data_path(loc: tuple, data: Any, missing: bool) -> tuple[tuple, tuple | None]:
    """(the path into ``data`` a pydantic location names, the path of the union it went through or None).

    pydantic puts the union member it tried into the location (``value.int``, ``value.Range.low``);
    those are not keys of the data. For a missing field the last part is the key that is not there.
    """
    path: list = []
    union = None
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        found, child = _child(node, part)
        if found:
            node = child
        elif missing and last:
            pass
        else:
            if union is None:
                union = tuple(path)
            continue
        path.append(part)
    return tuple(path), union


def _child(node: Any, part: Any) -> tuple[bool, Any]:
    """(whether ``node`` has ``part``, the value there); a key YAML read as a number (``1:``) is found as "1"."""
    if isinstance(node, dict):
        if part in node:
            return True, node[part]
        return next(((True, v) for k, v in node.items() if not isinstance(k, str) and json.dumps(k) == part),
                    (False, None))
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _message(err: dict, root: dict, node: dict) -> str:
    kind, value, ctx = err["type"], err["input"], err.get("ctx") or {}
    if kind == "finite_number":
        return _FINITE
    if kind in ("literal_error", "enum"):
        alts = _choices(root, node)
        const = [a["const"] for a in alts if "const" in a]
        if const and len(alts) == 1:
            return f"expected {const[0]!r}, got {value!r}"
        allowed = [v for a in alts for v in a.get("enum", [a.get("const")] if "const" in a else [])]
        allowed += [None] * any(a.get("type") == "null" for a in alts)
        return f"{value!r} is not one of {', '.join(map(_literal, allowed))}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not in the expected form"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{value!r} is less than the minimum of {ctx.get('ge', ctx.get('gt'))}"
    if kind.endswith("_type") or kind in ("none_required", "int_from_float", "bool_parsing", "int_parsing"):
        return f"expected {_expected(root, node)}, got {_kind(value)}"
    return err["msg"]


def _problems(err: ValidationError, data: Any, root: dict) -> list[tuple[tuple, tuple, str]]:
    """(path named, path whose line is meant, problem) for each problem: one per field, union or mapping."""
    out: dict[tuple, tuple[tuple, tuple, str]] = {}  # by path: the first word about it
    missing: dict[tuple, list[str]] = {}
    unknown: dict[tuple, list[str]] = {}
    unions: dict[tuple, list[dict]] = {}
    for e in err.errors(include_url=False):
        kind = e["type"]
        path, union = _data_path(e["loc"], data, kind in _MISSING)
        if kind in _MISSING and isinstance(_data_value(data, path[:-1]), list):  # a span of one number
            kind, path = "too_short", path[:-1]
        if union is not None:
            unions.setdefault(union, []).append(e)
        elif kind in _MISSING:
            missing.setdefault(path[:-1], []).append(path[-1])
        elif kind in _UNKNOWN:
            unknown.setdefault(path[:-1], []).append(path[-1])
        elif kind in ("too_short", "too_long"):
            out.setdefault(path, (path, path, _SPAN if path[-1:] == ("span",) else e["msg"]))
        else:
            out.setdefault(path, (path, path, _message(e, root, _schema_at(root, path))))
    for path, errors in unions.items():
        value = _data_value(data, path)
        if any(e["type"] == "finite_number" for e in errors):
            words = _FINITE
        elif path[-1:] == ("span",) and isinstance(value, list):
            words = _SPAN
        else:
            words = f"expected {_expected(root, _schema_at(root, path))}, got {_kind(value)}"
        out.setdefault(path, (path, path, words))
    for path, keys in missing.items():
        order = list(_properties(root, path))  # the model's order: text, speaker, kind
        keys = sorted(keys, key=lambda k: order.index(k) if k in order else len(order))
        out[(*path, "?missing")] = (path, path, f"missing field {', '.join(repr(k) for k in keys)}")
    for path, keys in unknown.items():
        keys = sorted(keys, key=str)
        out[(*path, "?unknown")] = (path, (*path, keys[0]), f"unknown field {', '.join(repr(k) for k in keys)} "
                                                             f"(allowed: {', '.join(sorted(_properties(root, path)))})")
    return list(out.values())


def _properties(root: dict, path: tuple) -> dict[str, Any]:
    """The fields the mapping at ``path`` may have."""
    return next((a["properties"] for a in _choices(root, _schema_at(root, path)) if "properties" in a), {})


def _data_value(data: Any, path: tuple) -> Any:
    for p in path:
        data = _child(data, p)[1]
    return data


def _not_json(data: Any, at: tuple = ()) -> Iterable[tuple[tuple, Any]]:
    """The paths of values JSON (and so the schema) has no form for: binary data, sets, keys that are not text."""
    if isinstance(data, dict):
        for k, v in data.items():
            if not isinstance(k, str | int | float | bool) and k is not None:
                yield (*at, str(k)), "key"
            else:
                yield from _not_json(v, (*at, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _not_json(v, (*at, i))
    elif not isinstance(data, str | int | float | bool) and data is not None:
        try:
            as_json(data)
        except TypeError:
            yield at, data


def validate(kind: Any, data: Any, *, where: str, lines: dict[tuple, int] | None = None) -> tuple[Any, list[str]]:
    """(the record ``data`` describes, []) or (None, every problem as ``where:line: field: problem``, in file order).

    ``kind`` is a record class of :mod:`generator.model` (or any type pydantic reads); ``lines``
    (from :func:`generator.sheets.yamlio.load_document`) put each problem on its line.
    """
    at = locator(where, lines)
    try:
        text = as_json(data)
    except (TypeError, ValueError):
        return None, [f"{at(path)}: {field_name(path)}: " + (
            "a key must be text (put it in quotes)" if value == "key" else
            f"{type(value).__name__} cannot be written as JSON (a YAML file here holds only text, numbers, "
            "true/false, lists and mappings)") for path, value in _not_json(data)]
    try:
        return adapter(kind).validate_json(text, strict=True), []
    except ValidationError as err:
        root = _schema_of(kind)
        if root.get("type") == "object" and not isinstance(data, dict):
            keys = ", ".join(f"{k}: ..." for k in root.get("required", [])[:2])
            return None, [f"{at(())}: expected a YAML mapping{f' ({keys})' if keys else ''}, got {_kind(data)}"]
        problems = _problems(err, data, root)

    def order(problem: tuple[tuple, tuple, str]) -> tuple:  # as they come in the file, then by field
        return (yamlio.line_of(lines, problem[1]) or 0 if lines else 0, [(isinstance(p, str), p) for p in problem[0]])

    return None, [f"{at(line_path)}: {field_name(path)}: {words}"
                  for path, line_path, words in sorted(problems, key=order)]


def sheet_problems(sheet: FactSheet, at: Locate, stem: str | None) -> list[str]:
    """What the types cannot say of a valid sheet: the id is the file's name, each span starts before it ends."""
    problems = []
    if stem is not None and sheet.id != stem:
        problems.append(f"{at(('id',))}: id: {sheet.id!r} does not match the file name {stem!r}.yaml "
                        "(rename the file or fix the id)")
    for section in ("quotes", "figures", "dates", "facts"):
        for i, item in enumerate(getattr(sheet, section)):
            if item.span and item.span[0] > item.span[1]:
                problems.append(f"{at((section, i, 'span'))}: {section}[{i}].span: start is after end")
    return problems


def check(data: Any, *, where: str, lines: dict[tuple, int] | None = None, stem: str | None = None,
          duplicates: list[tuple[tuple, int]] | None = None) -> list[str]:
    """Every problem with a sheet's data, as one-line messages ``where:line: field: problem``.

    ``duplicates``: keys written twice in one mapping (from :func:`generator.sheets.yamlio.load_document`).
    """
    sheet, problems = validate(FactSheet, data, where=where, lines=lines)
    problems = duplicate_problems(where, duplicates) + problems
    return problems or sheet_problems(sheet, locator(where, lines), stem)


def validate_paths(paths: list[Path]) -> tuple[int, list[str]]:
    """(number of sheets checked, every problem found) for files and folders of sheets."""
    from generator.sheets.store import load_sheet

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
