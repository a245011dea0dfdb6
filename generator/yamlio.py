"""Reading and writing fact-sheet YAML: safe dumper, atomic writes, line numbers for errors."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SheetError


class _Dumper(yaml.SafeDumper):
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
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def load_with_lines(path: Path) -> tuple[Any, dict[tuple, int]]:
    """The data in a YAML file and, for each path to a value (keys and list indexes), its line (1-based).

    Raises SheetError for unreadable or malformed YAML, naming the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SheetError(path, [f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"]) from None
    except OSError as exc:
        raise SheetError(path, [f"{path}: cannot read ({exc.strerror or exc})"]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise SheetError(path, [f"{where}: YAML syntax: {problem}"]) from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, at: tuple, lines: dict[tuple, int]) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            lines[(*at, k)] = key.start_mark.line + 1
            _walk(value, (*at, k), lines)
            lines[(*at, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*at, i), lines)


def line_of(lines: dict[tuple, int], at: tuple) -> int | None:
    """The line of the nearest existing ancestor of a path."""
    while at not in lines and at:
        at = at[:-1]
    return lines.get(at)
