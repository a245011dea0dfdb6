"""Failures as records: what each library error becomes, and that the one line of a record is the
line the error's message always was (so the words a user reads did not change)."""

from __future__ import annotations

import pickle

import pytest

from generator.cli import one_line
from generator.errors import (
    LINK_SKIPPED,
    ConfigError,
    FactsheetError,
    InputError,
    OutputError,
    Problem,
    SheetError,
    SkippedInputError,
    located,
)
from generator.pipeline.backends import Extracted

ERRORS = [
    # (the error, the one record it gives: (path, line, message, kind, severity))
    (InputError("in/a.jsonl", "malformed JSON", line=2),
     ("in/a.jsonl", 2, "malformed JSON", "input", "error")),
    (InputError("in/a.txt", "the file is empty", hint="write something"),
     ("in/a.txt", None, "the file is empty (write something)", "input", "error")),
    (SkippedInputError("in/link.txt", "a symbolic link (to /etc/passwd) in a folder of articles: not followed",
                       hint="give it as an INPUT of its own to read it"),
     ("in/link.txt", None, "a symbolic link (to /etc/passwd) in a folder of articles: not followed (give it as an "
      "INPUT of its own to read it)", LINK_SKIPPED, "warning")),
    (OutputError("facts/a.yaml", "cannot write (No space left on device)", hint="the disk is full"),
     ("facts/a.yaml", None, "cannot write (No space left on device) (the disk is full)", "output", "error")),
    (ConfigError("unknown scheduler 'mpi' (use processes, dask, or dask://host:port)"),
     (None, None, "unknown scheduler 'mpi' (use processes, dask, or dask://host:port)", "config", "error")),
    (FactsheetError("a worker process died (out of memory?)"),
     (None, None, "a worker process died (out of memory?)", "error", "error")),
]


@pytest.mark.parametrize(("err", "expected"), ERRORS, ids=[type(e).__name__ + str(i) for i, (e, _) in
                                                             enumerate(ERRORS)])
def test_an_error_gives_a_record_whose_line_is_its_message(err, expected):
    [record] = err.records()
    assert (record.path, record.line, record.message, record.kind, record.severity) == expected
    assert one_line(record) == str(err)


LOCATED = [
    # (the file, a loader's line about it, (path, line, message) of the record)
    ("f/s.yaml", "f/s.yaml:12: quotes[0].speaker: expected a string or null, got a list",
     ("f/s.yaml", 12, "quotes[0].speaker: expected a string or null, got a list")),
    ("f/s.yaml", "f/s.yaml: not UTF-8 text (byte 7); save it as UTF-8",
     ("f/s.yaml", None, "not UTF-8 text (byte 7); save it as UTF-8")),
    ("f/s.yaml", "f/s.yaml:3:7: odd", (None, None, "f/s.yaml:3:7: odd")),  # not the usual shape: kept whole
    ("f/s.yaml", "f/s.yamlx: other file", (None, None, "f/s.yamlx: other file")),
    ("f/s.yaml", "something else entirely", (None, None, "something else entirely")),
    ("C:/a: b.yaml", "C:/a: b.yaml:4: id: bad", ("C:/a: b.yaml", 4, "id: bad")),  # a colon in the file's name
]


@pytest.mark.parametrize(("path", "text", "expected"), LOCATED, ids=[t for _, t, _ in LOCATED])
def test_a_located_line_comes_apart_and_back_the_same(path, text, expected):
    record = located(path, text)
    assert (record.path, record.line, record.message) == expected
    assert one_line(record) == text


def test_a_sheet_error_gives_a_record_per_problem():
    err = SheetError("f/s.yaml", ["f/s.yaml:2: title: must not be empty", "f/s.yaml:9: figures[0].value: bad"])
    records = err.records()
    assert [(r.line, r.kind) for r in records] == [(2, "sheet"), (9, "sheet")]
    assert [one_line(r) for r in records] == err.problems


def test_records_come_back_from_another_process_as_they_went():
    """Workers (processes, Dask) send their results pickled."""
    sheet = Extracted({"id": "a", "warnings": ["quote 1: no speaker found for \u201cx\u201d"]},
                      (Problem("quote 1: no speaker found for \u201cx\u201d", path="a.txt", kind="no speaker found",
                               severity="warning"),))
    failure = Problem("internal error (KeyError: 'x'); please report it", path="b.txt", kind="internal")
    assert pickle.loads(pickle.dumps([sheet, failure])) == [sheet, failure]
