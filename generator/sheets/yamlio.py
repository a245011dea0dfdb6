"""Reading and writing fact-sheet YAML: safe dumper, atomic writes, line numbers for errors."""

from __future__ import annotations

import io
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


_ODD_BREAKS = re.compile("[\r\x85\u2028\u2029]")  # line breaks YAML would fold: written escaped instead
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _str_style(value: str) -> str | None:
    if _ODD_BREAKS.search(value):
        return '"'
    if "\n" in value and not value.endswith((" ", "\t")) and "\n " not in value:
        return "|"  # multi-line text stays readable for people editing it
    return None


def _numbers(value: list | tuple) -> bool:
    """A list of numbers is written on one line: ``[1, 2]``."""
    return bool(value) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)


def _small(value: dict) -> bool:
    return set(value) == {"low", "high"}  # a range: {low: 252, high: 287}


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar(_STR, value, style=_str_style(value))


def _list_representer(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    return dumper.represent_sequence(_SEQ, value, flow_style=_numbers(value))


def _dict_representer(dumper: yaml.SafeDumper, value: dict) -> yaml.Node:
    return dumper.represent_mapping(_MAP, value.items(), flow_style=_small(value))


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(list, _list_representer)
_Dumper.add_representer(tuple, _list_representer)
_Dumper.add_representer(dict, _dict_representer)


def _node(dumper: _Dumper, value: Any) -> yaml.Node:
    """The node the representers above make for ``value``, built directly for strings, lists and mappings.

    PyYAML's generic ``represent_data`` (type lookups, alias bookkeeping) cost as much as emitting the text;
    other values (numbers, None, booleans, anything unexpected) still go through it.
    """
    kind = type(value)
    if kind is str:
        return yaml.ScalarNode(_STR, value, style=_str_style(value))
    if kind is dict:
        return yaml.MappingNode(_MAP, [(_node(dumper, k), _node(dumper, v)) for k, v in value.items()],
                                flow_style=_small(value))
    if kind is list or kind is tuple:
        return yaml.SequenceNode(_SEQ, [_node(dumper, v) for v in value], flow_style=_numbers(value))
    return dumper.represent_data(value)


def dump(data: dict[str, Any]) -> str:
    """YAML text for a mapping; ``yaml.safe_load(dump(d)) == d`` for any str/int/float/bool/None tree.

    The same text as ``yaml.dump(data, Dumper=_Dumper, ...)`` with these options, made faster (see :func:`_node`).
    """
    stream = io.StringIO()
    dumper = _Dumper(stream, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    try:
        dumper.open()
        dumper.serialize(_node(dumper, data))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


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
        data = load_fast(chunk)
    except yaml.YAMLError:
        return None
    return data.get(key) if isinstance(data, dict) else None


#: how much larger than written aliases may make a YAML text, in nodes plus characters of text.
#: A person may reuse an ``&anchor`` a few times; aliases of aliases ("billion laughs") would
#: make a 1 KB file take gigabytes once the data is walked, copied or written out.
ALIAS_BUDGET = 100_000


class _Loader(_LOADER):
    """The safe loader (libyaml's when available), noting whether some mapping gives a key twice."""

    duplicated = False

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            self.duplicated = True
        return mapping


#: how deep a YAML text may nest lists and mappings: a sheet nests a few levels, the registry five;
#: libyaml's composer recurses in C (a 200 KB file of ``[`` crashes the interpreter) and the
#: validators in Python
MAX_DEPTH = 100


class LimitError(yaml.MarkedYAMLError):
    """A YAML text past a limit that keeps hostile files from taking the machine down."""


class AliasError(LimitError):
    """Aliases that expand a YAML text past :data:`ALIAS_BUDGET`, or an anchor holding itself."""


class DepthError(LimitError):
    """Lists and mappings nested deeper than :data:`MAX_DEPTH`."""


def check_limits(text: str, budget: int = ALIAS_BUDGET, max_depth: int = MAX_DEPTH) -> None:
    """Raise a :class:`LimitError` (marked where it happens) for aliases past ``budget`` or nesting past ``max_depth``.

    Works on the parser's events (libyaml's parser keeps a stack, it does not recurse), before
    anything is built: each anchored node's size is known when it ends (nodes plus characters,
    its own aliases expanded), and each alias adds the size of its anchor. An alias inside its
    own anchor would make a value that holds itself.
    """
    sizes: dict[str, int] = {}
    open_anchors: set[str] = set()
    stack: list[list] = [[None, 0]]  # per open collection: [its anchor, its size so far]
    extra = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise AliasError(None, None, f"the alias *{event.anchor} is inside its own anchor "
                                 f"&{event.anchor} (a value cannot hold itself)", event.start_mark)
            size = sizes.get(event.anchor, 0)  # an undefined alias is reported by the composer
            extra += size
            if extra > budget:
                raise AliasError(None, None, f"aliases (*{event.anchor} and others) repeat more than "
                                 f"{budget:,} characters of the file; write the values out instead of "
                                 "using & and *", event.start_mark)
            stack[-1][1] += size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1 + len(event.value)
            if event.anchor:
                sizes[event.anchor] = size
            stack[-1][1] += size
        elif isinstance(event, yaml.CollectionStartEvent):
            if len(stack) > max_depth:
                raise DepthError(None, None, f"lists and mappings nested more than {max_depth} deep (check the "
                                 "brackets and the indentation)", event.start_mark)
            stack.append([event.anchor, 1])
            if event.anchor:
                open_anchors.add(event.anchor)
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor:
                sizes[anchor] = size
                open_anchors.discard(anchor)
            stack[-1][1] += size


_FLOW = re.compile(r"[\[\]{}]")


def _may_exceed_limits(text: str, max_depth: int = MAX_DEPTH) -> bool:
    """False when ``text`` surely has no anchor and nests less than ``max_depth``: a quick look, no parse.

    A node's depth is at most the flow brackets open around it plus, in block style, its line's
    indentation and the compact ``- ``/``? ``/``: `` indicators on it; each of the three is
    bounded here, counting brackets inside quotes too (which only errs on the careful side).
    """
    if "&" in text:
        return True
    depth = deepest = 0
    for m in _FLOW.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    quarter = max_depth // 4
    return (deepest >= max_depth // 2 or re.search(rf"^ {{{quarter},}}", text, re.M) is not None
            or re.search(rf"(?:[-?:][ \t]+){{{quarter},}}", text) is not None)


def _bad_scalar(node: yaml.Node) -> yaml.Node | None:
    """The first scalar (say ``!!int abc``) that its tag's constructor cannot read."""
    loader = _Loader("")
    seen: set[int] = set()
    todo = [node]
    try:
        while todo:
            n = todo.pop()
            if id(n) in seen:
                continue
            seen.add(id(n))
            if isinstance(n, yaml.ScalarNode):
                constructor = loader.yaml_constructors.get(n.tag)
                try:
                    if constructor is not None:
                        constructor(loader, n)
                except Exception:
                    return n
            elif isinstance(n, yaml.SequenceNode):
                todo.extend(reversed(n.value))
            elif isinstance(n, yaml.MappingNode):
                todo.extend(x for pair in reversed(n.value) for x in reversed(pair))
    finally:
        loader.dispose()
    return None


def _load(text: str) -> tuple[yaml.Node | None, Any, bool]:
    """(nodes, data, some key given twice) of a YAML text, read safely; every failure a YAMLError.

    The limits (:func:`check_limits`) are checked only when a quick look cannot rule them out.
    A value its tag cannot read (``!!int abc``, ``!!timestamp 2024-13-45``) raises a marked
    ConstructorError rather than the ValueError or KeyError PyYAML lets out.
    """
    if _may_exceed_limits(text):
        check_limits(text)
    loader = _Loader(text)
    node = None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return node, data, loader.duplicated
    except (ValueError, KeyError, TypeError, OverflowError) as exc:
        bad = _bad_scalar(node) if node is not None else None
        mark = bad.start_mark if bad is not None else None
        tag = (bad.tag if bad is not None else "").replace("tag:yaml.org,2002:", "!!")
        value = bad.value if bad is not None else ""
        raise yaml.constructor.ConstructorError(
            None, None, f"{value!r} cannot be read as {tag} ({exc}); remove the tag or fix the value",
            mark) from None
    finally:
        loader.dispose()


def load_fast(text: str) -> Any:
    """The data of a YAML text with the fastest safe loader available (libyaml's), aliases checked.

    Raises yaml.YAMLError for any text that cannot be read (including aliases past the budget).
    """
    return _load(text)[1]


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


def read_text(path: Path) -> str:
    """A YAML file's text; SheetError (one line) when it cannot be read or is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SheetError(path, [f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"]) from None
    except OSError as exc:
        raise SheetError(path, [f"{path}: cannot read ({exc.strerror or exc})"]) from None


def _parse(path: Path) -> tuple[yaml.Node | None, Any, bool]:
    """:func:`_load` of a file, every failure a one-line SheetError naming the file and line."""
    text = read_text(path)
    try:
        return _load(text)
    except yaml.YAMLError as exc:
        raise SheetError(path, [load_error(path, text, exc)]) from None


def load_data(path: Path) -> tuple[Any, bool]:
    """The data in a YAML file, fast (no line numbers), and whether some mapping gives a key twice.

    The same reading as :func:`load_document` (same safe loader, alias budget, errors), for
    callers that work out the lines only when something is wrong.
    """
    _, data, duplicated = _parse(path)
    return data, duplicated


def load_document(path: Path) -> tuple[Any, dict[tuple, int], list[tuple[tuple, int]]]:
    """:func:`load_with_lines`, plus the keys given twice in one mapping, as (path, line) pairs.

    YAML keeps only the last of two equal keys; in a hand-edited file that is a mistake to report.
    Every YAML file of the project (sheets, snapshots, the registry) is read through here or
    :func:`load_data`: a safe loader, aliases within :data:`ALIAS_BUDGET`, nesting within
    :data:`MAX_DEPTH`, and one-line errors with the line for bad syntax, tags (``!!python/object``)
    and values a tag cannot read.
    """
    node, data, _ = _parse(path)
    lines: dict[tuple, int] = {}
    duplicates: list[tuple[tuple, int]] = []
    if node is not None:
        _walk(node, (), lines, duplicates)
    return data, lines, duplicates


_UNKNOWN_TAG = re.compile(r"could not determine a constructor for the tag '([^']*)'")


def load_error(path: Path, text: str, exc: yaml.YAMLError) -> str:
    """The one-line message for a YAML text that cannot be read: file, line, problem and a hint."""
    mark = getattr(exc, "problem_mark", None)
    if not isinstance(exc, LimitError | yaml.constructor.ConstructorError):
        return syntax_error(path, text)
    where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    tag = _UNKNOWN_TAG.search(problem)
    if tag:
        name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
        problem = (f"the tag {name} is not allowed (a YAML file here holds only text, numbers, true/false, "
                   "lists and mappings; remove the tag)")
    return f"{where}: YAML: {problem}"


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
