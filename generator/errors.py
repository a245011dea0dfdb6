"""Exceptions the library raises. Each message is one line that names the file and says the fix.

Only the CLI turns them into output and an exit code; a traceback is shown only for
exceptions that are not :class:`FactsheetError` (those are bugs).
"""

from __future__ import annotations

from pathlib import Path


class FactsheetError(Exception):
    """Base class: ``str(err)`` is a complete one-line message for a user."""


class InputError(FactsheetError):
    """An input article that cannot be read."""

    def __init__(self, path: str | Path, message: str, *, line: int | None = None, hint: str | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}" + (f" ({hint})" if hint else ""))


class SheetError(FactsheetError):
    """A fact-sheet YAML file that is not valid; carries every problem found."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        first = problems[0] if problems else "invalid"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class PipelineError(FactsheetError):
    """The spaCy pipeline cannot be loaded."""


class ConfigError(FactsheetError):
    """A bad option or a missing folder."""


class SkippedInputError(InputError):
    """An input deliberately not read (a symbolic link met while walking a folder): a warning, not a failure."""


class OutputError(FactsheetError):
    """A folder or file that cannot be written: no permission, a full disk, a file in the way, a busy folder."""

    def __init__(self, path: str | Path, message: str, *, hint: str | None = None):
        self.path = str(path)
        self.message = message
        self.hint = hint
        super().__init__(f"{self.path}: {message}" + (f" ({hint})" if hint else ""))
