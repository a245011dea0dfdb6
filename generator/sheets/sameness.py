"""Whether an existing sheet belongs to the article being extracted, or to another one with the same id.

An id is made from a file name, a front-matter or JSON ``id``, or a URL, so two different articles
can make the same one: ``2023/report.txt`` and ``2024/report.txt`` both make ``report``. Replaying
one article's hand edits over another's output would put a person's summary on the wrong story,
so a run asks :func:`same_article` before it touches a sheet, with the ``source`` block the sheet
records. The rules, in order:

* nothing recorded to tell by (a sheet made by hand, or a library call with no source): the same;
* equal URLs: the same (one web page is one article, whichever file it was read from);
* an article that was fetched (the input was a URL, or a line of a ``.urls`` list): the same only
  when the URL given is the same; a list's line number says nothing, another URL is another page;
* an article from a file: the same file, as written, as resolved here, or as the sheet recorded it
  relative to another working folder (``data/articles/a.txt`` read as ``articles/a.txt`` from
  ``data/``); the line of a JSON-lines file does not count (inserting a line moves the others).

A folder of articles moved elsewhere is therefore "another article": its sheets get new ids
(with a warning) and the old ones, hand edits included, are left as they were. That errs on the
side that loses nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from generator.inputs.fetch import is_url
from generator.model import Source

_LINE = re.compile(r"^(?P<file>.+\.(?:jsonl|urls)):\d+$", re.I)


def _without_line(label: str) -> str:
    m = _LINE.match(label)
    return m.group("file") if m else label


def _fetched(label: str | None) -> bool:
    return bool(label) and (is_url(label) or _without_line(label).lower().endswith(".urls"))


def same_file(recorded: str, label: str) -> bool:
    """Whether the file a sheet recorded (``recorded``) is the file just read (``label``)."""
    old, new = _without_line(recorded), _without_line(label)
    if old == new:
        return True
    new_real = Path(os.path.realpath(new))
    old_real = Path(os.path.realpath(old))
    if old_real == new_real:
        return True
    if Path(old).is_absolute() or old_real.exists():
        return False  # the recorded file is there, and it is another one
    parts = tuple(p for p in Path(os.path.normpath(old)).parts if p not in ("..", "."))
    return bool(parts) and new_real.parts[-len(parts):] == parts


def same_article(recorded: Mapping[str, object] | None, source: Source) -> bool:
    """Whether a sheet whose ``source`` block is ``recorded`` is the sheet of the article read from ``source``."""
    if not isinstance(recorded, Mapping):
        return True
    old_file = recorded.get("file") if isinstance(recorded.get("file"), str) else None
    old_url = recorded.get("url") if isinstance(recorded.get("url"), str) else None
    if not (old_file or old_url) or not (source.file or source.url):
        return True  # nothing to tell by
    if old_url and source.url and old_url == source.url:
        return True
    if _fetched(source.file) or _fetched(old_file):
        return bool(old_file) and old_file == source.file and is_url(old_file)
    return bool(old_file and source.file) and same_file(old_file, source.file)
