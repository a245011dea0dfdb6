"""Reading and writing fact-sheet YAML: safe dumper, atomic writes, line numbers for errors."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SheetError


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter: ~6x faster, same YAML
    """The safe dumper, with block-style multi-line strings and no anchors/aliases."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - the signature is PyYAML's
        return True


_ODD_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks YAML would fold: written escaped instead


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if any(c in value for c in _ODD_BREAKS):
        style = '"'
    elif "\n" in value and not value.endswith((" ", "\t")) and "\n " not in value:
        style = "|"  # multi-line text stays readable for people editing it
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list_representer(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    numbers = bool(value) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=numbers)


def _dict_representer(dumper: yaml.SafeDumper, value: dict) -> yaml.Node:
    small = set(value) == {"low", "high"}  # a range: {low: 252, high: 287}
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=small)


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(list, _list_representer)
_Dumper.add_representer(tuple, _list_representer)
_Dumper.add_representer(dict, _dict_representer)


def dump(data: dict[str, Any]) -> str:
    """YAML text for a mapping; ``yaml.safe_load(dump(d)) == d`` for any str/int/float/bool/None tree."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


def atomic_write(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` through a temporary file and a rename; False when it was already so.

    A reader (or a crash at any moment) sees either the old file or the new one, never a mix.
    """
    return atomic_write_bytes(path, text.encode("utf-8"))


TEMP_SUFFIX = ".tmp"
TEMP_MARK = "factsheet-"  # .<name>.factsheet-<pid>-<random>.tmp: ours, and which process made it
_OUR_TEMP = re.compile(rf"\.(?P<name>.+)\.{TEMP_MARK}(?P<pid>\d+)-[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}")


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """:func:`atomic_write` for bytes: temporary file in the same folder, fsync, rename.

    The temporary file's name (``.<name>.factsheet-<pid>-<random>.tmp``) is unique and says which
    process made it, so that :func:`remove_stale_temporaries` can tell a killed writer's leftover
    from a file another run is writing right now, or from a person's own ``.notes.tmp``. The data
    goes down with :func:`os.write` (the lowest level; a full disk shows there) and on any failure
    the temporary file is removed: the old file stays as it was.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644  # mkstemp's 0600 would hide sheets and pages from a web server or a colleague
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_MARK}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def temporary_owner(name: str) -> int | None:
    """The process id in the name of a temporary file :func:`atomic_write_bytes` made, else None."""
    m = _OUR_TEMP.fullmatch(name)
    return int(m.group("pid")) if m else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files that a killed writer left in ``folder``; returns how many.

    Only files named as :func:`atomic_write_bytes` names them, and only when the process that
    made them is gone: another run's file in mid-write, and a person's own ``.notes.tmp``, stay.
    """
    removed = 0
    for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
        pid = temporary_owner(tmp.name)
        if pid is None or pid == os.getpid() or _alive(pid):
            continue
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:", re.M)


def read_block(text: str, key: str) -> Any:
    """The value of one top-level mapping key of a YAML text, without parsing the rest of it.

    Fast path for questions like "what made this sheet?" over thousands of sheets: it cuts out
    the lines from ``key:`` to the next top-level key and parses only those. Returns None when
    the key is not there or its block is not valid YAML (callers then parse the whole file).
    """
    m = re.search(rf"^{re.escape(key)}:[ \t]*(?:#.*)?$", text, re.M)
    if m is None:
        return None
    end = _TOP_KEY.search(text, m.end() + 1)
    chunk = text[m.start():end.start() if end else len(text)]
    try:
        data = yaml.load(chunk, Loader=_LOADER)  # a safe loader (libyaml's when available)
    except yaml.YAMLError:
        return None
    return data.get(key) if isinstance(data, dict) else None


_FLAT_LINE = re.compile(r"  ([A-Za-z_][\w-]*):(?: (.*))?")


def read_flat_block(text: str, key: str) -> dict[str, str | None] | None:
    """:func:`read_block` for a mapping of plain scalars (like ``generated``), without a YAML parser.

    Values come back as the strings they are (``null`` as None). Anything unusual (quotes with
    escapes, comments, nesting) is handed to :func:`read_block`.
    """
    m = re.search(rf"^{re.escape(key)}:[ \t]*$", text, re.M)
    if m is None:
        return None
    end = re.compile(r"^\S", re.M).search(text, m.end() + 1)
    out: dict[str, str | None] = {}
    for line in text[m.end() + 1:end.start() if end else len(text)].split("\n"):
        if not line.strip():
            continue
        lm = _FLAT_LINE.fullmatch(line.rstrip())
        if lm is None:
            return read_block(text, key)
        value: str | None = (lm.group(2) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1].replace("''", "'")
        elif value[:1] in ("", '"', "'", "[", "{", "|", ">", "&", "*", "!", "%", "@", "`") or " #" in value:
            if value in ("",):
                value = None
            else:
                return read_block(text, key)
        elif value in ("null", "~", "Null", "NULL"):
            value = None
        out[lm.group(1)] = value
    return out


def load_fast(text: str) -> Any:
    """The data of a YAML text with the fastest safe loader available (libyaml's)."""
    return yaml.load(text, Loader=_LOADER)


def load_with_lines(path: Path) -> tuple[Any, dict[tuple, int]]:
    """The data in a YAML file and, for each path to a value (keys and list indexes), its line (1-based).

    Raises SheetError for unreadable or malformed YAML, naming the line.
    """
    data, lines, _ = load_document(path)
    return data, lines


#: hints for the YAML mistakes people make when editing by hand
_YAML_HINTS = (
    ("mapping values are not allowed", "put the value in quotes if it contains ': '"),
    ("cannot start any token", "indent with spaces, not tabs; quote a value that starts with @ or `"),
    ("expected <block end>", "check the indentation of this line against the lines above"),
    ("could not find expected ':'", "each line of a mapping is 'field: value'; check the quotes on this line"),
    ("found undefined alias", "quote a value that starts with *"),
    ("while scanning a quoted scalar", "a quote is opened but not closed"),
)


def load_document(path: Path) -> tuple[Any, dict[tuple, int], list[tuple[tuple, int]]]:
    """:func:`load_with_lines`, plus the keys given twice in one mapping, as (path, line) pairs.

    YAML keeps only the last of two equal keys; in a hand-edited file that is a mistake to report.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SheetError(path, [f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"]) from None
    except OSError as exc:
        raise SheetError(path, [f"{path}: cannot read ({exc.strerror or exc})"]) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        parser = loader(text)  # a safe loader: one parse gives both the nodes (lines) and the data
        try:
            node = parser.get_single_node()
            data = parser.construct_document(node) if node is not None else None
        finally:
            parser.dispose()
    except yaml.YAMLError:
        raise SheetError(path, [syntax_error(path, text)]) from None
    lines: dict[tuple, int] = {}
    duplicates: list[tuple[tuple, int]] = []
    if node is not None:
        _walk(node, (), lines, duplicates)
    return data, lines, duplicates


def syntax_error(path: Path, text: str) -> str:
    """The one-line message for a YAML text that does not parse: line, problem and a hint.

    Messages come from PyYAML's pure-Python parser, whose wording is clearer than libyaml's.
    """
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        context = str(getattr(exc, "context", None) or "")
        opened = getattr(exc, "context_mark", None)
        hint = next((h for k, h in _YAML_HINTS if k in problem or k in context), None)
        if "flow" in context and opened is not None:
            hint = f"a [ or {{ opened on line {opened.line + 1} is not closed"
        return f"{where}: YAML syntax: {problem}" + (f" ({hint})" if hint else "")
    return f"{path}: YAML syntax error"


def _walk(node: yaml.Node, at: tuple, lines: dict[tuple, int], duplicates: list[tuple[tuple, int]]) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key, value in node.value:
            k = key.value
            if k in seen:
                duplicates.append(((*at, k), key.start_mark.line + 1))
            seen.add(k)
            _walk(value, (*at, k), lines, duplicates)
            lines[(*at, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*at, i), lines, duplicates)


def line_of(lines: dict[tuple, int], at: tuple) -> int | None:
    """The line of the nearest existing ancestor of a path."""
    while at not in lines and at:
        at = at[:-1]
    return lines.get(at)
