"""Reading a sheet file: the one way, for render, validate, extract's merge of hand edits and the corpus.

:func:`load_sheet` reads the file with the safe YAML reader and its limits
(:func:`generator.sheets.yamlio.load_data`: libyaml, aliases and nesting bounded, tags refused),
validates it through the model (:mod:`generator.sheets.validate`) and returns the
:class:`~generator.model.FactSheet`, or raises :class:`~generator.errors.SheetError` listing
every problem as ``file:line: field: problem``.

Fast for a valid file (no line numbers are worked out); only a file with a problem is read again
with its lines (:func:`generator.sheets.yamlio.load_document`), to say where each problem is and
which keys are given twice. :func:`load_model` is the same reading for any file kind the model
describes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.errors import SheetError
from generator.inputs.ids import is_safe_id
from generator.model import FactSheet
from generator.sheets import validate, yamlio

T = TypeVar("T")

#: what a type cannot say of a valid file: (the record, file:line for a path) -> problems
Checks = Callable[[Any, validate.Locate], list[str]]


def load_model(path: Path, kind: type[T], *, checks: Checks | None = None,
               error: Callable[[Path, list[str]], Exception] = SheetError,
               if_empty: Callable[[], T] | None = None) -> tuple[T, Any]:
    """(the record the YAML file at ``path`` describes, its data as read): the file read safely and validated.

    ``kind`` is a record class of :mod:`generator.model`; ``checks`` adds what its types cannot
    say. Raises ``error(path, problems)`` (:class:`SheetError` unless told) with every problem:
    YAML that cannot be read (one line, with its line number), keys given twice, each field the
    model refuses, and then what ``checks`` finds. A file with no YAML document in it (empty, or
    only comments) is ``if_empty()`` when given, else an error like any other that is not a mapping.
    """
    try:
        data, duplicated = yamlio.load_data(path)
        if data is None and if_empty is not None:
            return if_empty(), data
        if not duplicated:
            value, problems = validate.validate(kind, data, where=str(path))
            if not problems and not (checks and checks(value, validate.locator(str(path), None))):
                return value, data
        data, lines, duplicates = yamlio.load_document(path)
    except SheetError as exc:
        if error is SheetError:
            raise
        raise error(path, exc.problems) from None
    value, problems = validate.validate(kind, data, where=str(path), lines=lines)
    problems = validate.duplicate_problems(str(path), duplicates) + problems
    if not problems and checks:
        problems = checks(value, validate.locator(str(path), lines))
    raise error(path, problems or [f"{path}: changed while being read; try again"])


def read_sheet(path: Path) -> tuple[FactSheet, dict[str, Any]]:
    """(the sheet, its data as written): :func:`load_sheet`, and the mapping the merge of hand edits works on."""
    def checks(sheet: FactSheet, at: validate.Locate) -> list[str]:
        return validate.sheet_problems(sheet, at, path.stem)

    return load_model(path, FactSheet, checks=checks)


def load_sheet(path: Path) -> FactSheet:
    """The validated sheet in a YAML file; SheetError listing every problem, each with file, line and field."""
    return read_sheet(path)[0]


def load_sheets(facts_dir: Path) -> tuple[list[FactSheet], dict[str, Path], list[str]]:
    """Every valid sheet under ``facts_dir``, the file of each, and every problem with the others (left out).

    Each is read by :func:`load_sheet`; a sheet whose id is not safe as a page name is a problem too.
    The render step and the corpus stage (``factsheet registry``) both read a folder this way.
    """
    sheets: list[FactSheet] = []
    files: dict[str, Path] = {}
    problems: list[str] = []
    for path in sorted(facts_dir.glob("*.yaml")):
        try:
            sheet = load_sheet(path)
        except SheetError as err:
            problems.extend(err.problems)
            continue
        if not is_safe_id(sheet.id):
            problems.append(f"{path}: id: {sheet.id!r} is not safe as a page name")
            continue
        sheets.append(sheet)
        files[sheet.id] = path
    return sheets, files, problems
