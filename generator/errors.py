"""Exceptions the library raises, and :class:`Problem`, the record a failure or a warning travels as.

Each message is one line that names the file and says the fix. Only the CLI turns problems into
output and an exit code (:func:`generator.cli.one_line`); a traceback is shown only for
exceptions that are not :class:`FactsheetError` (those are bugs).

Why records and not strings: a worker process or a Dask worker sends back what went wrong with an
article, the run collects it, and the CLI prints it and picks the exit code; along the way the
file, line and field stay apart (a caller can sort or filter on them), and warnings can be counted
by kind (``3 warnings (2 no speaker found, 1 id taken by another article)``) and made fatal by
``extract --strict``. A record is a frozen dataclass of plain values, so it pickles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

# Kinds of warning: what the summary line counts them by. (Errors have kinds too, but are counted together.)
NO_SPEAKER = "no speaker found"
ID_TAKEN = "id taken by another article"
LINK_SKIPPED = "symbolic link not followed"
CACHE_NOT_WRITABLE = "page cache not writable"


@dataclass(frozen=True)
class Problem:
    """One thing that went wrong with one input: an error (the article got no sheet) or a warning
    (it did, or the run went on, but a person should know).

    ``path`` is the file or URL (``None`` when the message names its own place), ``line`` its line,
    ``field`` where in a sheet (``quotes[2].speaker``), ``message`` the rest of the one line, and
    ``kind`` what sort of problem it is (one of the constants above for warnings).
    """

    message: str
    path: str | None = None
    line: int | None = None
    field: str | None = None
    kind: str = "error"
    severity: Severity = "error"


def located(path: str | Path, text: str, *, kind: str = "error", severity: Severity = "error") -> Problem:
    """The record of a one-line message that starts with its file (``path:12: message`` or ``path: message``).

    Loaders that report problems as lines (sheets, the registry) name the file first; this takes
    the file and line back out, so that ``one_line`` of the record is the very same text. A line
    that does not start with ``path`` is kept whole as the message.
    """
    path = str(path)
    rest = text[len(path) + 1:] if text.startswith(path + ":") else None
    if rest is not None:
        if m := re.match(r"(\d+): ", rest):
            return Problem(rest[m.end():], path=path, line=int(m[1]), kind=kind, severity=severity)
        if rest.startswith(" "):
            return Problem(rest[1:], path=path, kind=kind, severity=severity)
    return Problem(text, kind=kind, severity=severity)


class FactsheetError(Exception):
    """Base class: ``str(err)`` is a complete one-line message for a user."""

    kind = "error"

    def records(self) -> list[Problem]:
        """What went wrong, as records (one for most errors; one per problem for a file with several)."""
        return [Problem(str(self), kind=self.kind)]


class InputError(FactsheetError):
    """An input article that cannot be read."""

    kind = "input"
    severity: Severity = "error"

    def __init__(self, path: str | Path, message: str, *, line: int | None = None, hint: str | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))

    def records(self) -> list[Problem]:
        message = self.message + (f" ({self.hint})" if self.hint else "")
        return [Problem(message, path=self.path, line=self.line or None, kind=self.kind, severity=self.severity)]


class SheetError(FactsheetError):
    """A fact-sheet YAML file that is not valid; carries every problem found."""

    kind = "sheet"

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        first = problems[0] if problems else "invalid"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")

    def records(self) -> list[Problem]:
        """One record per problem, each with its file and line."""
        return [located(self.path, p, kind=self.kind) for p in self.problems] or super().records()


class PipelineError(FactsheetError):
    """The spaCy pipeline cannot be loaded."""

    kind = "pipeline"


class ConfigError(FactsheetError):
    """A bad option or a missing folder."""

    kind = "config"


class SkippedInputError(InputError):
    """An input deliberately not read (a symbolic link met while walking a folder): a warning, not a failure."""

    kind = LINK_SKIPPED
    severity: Severity = "warning"


class OutputError(FactsheetError):
    """A folder or file that cannot be written: no permission, a full disk, a file in the way, a busy folder."""

    kind = "output"

    def __init__(self, path: str | Path, message: str, *, hint: str | None = None):
        self.path = str(path)
        self.message = message
        self.hint = hint
        super().__init__(f"{self.path}: {message}" + (f" ({hint})" if hint else ""))

    def records(self) -> list[Problem]:
        return [Problem(self.message + (f" ({self.hint})" if self.hint else ""), path=self.path, kind=self.kind)]
