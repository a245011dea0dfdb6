"""Cheap tests that a regular expression cannot match a stretch of text, derived from the expression.

Running dozens of regular expressions over every window of a text is slow; most of them need a
word that most windows lack ("ago", a month name, "weekend"). :func:`needed_strings` reads a
compiled expression and returns strings of which every match must contain one (lower case), or
None when it finds none. So a window whose :func:`fold`-ed text contains none of them holds no
match, and the expression need not run there: the result is the same, found faster.

The strings are derived from the expression's syntax tree (``re._parser``), never written by hand,
so they stay right when a pattern changes. Only ASCII literals and caseless symbols are used. Case: under
``re.IGNORECASE`` an ASCII letter also matches its other case and four non-ASCII letters (see
:data:`_FOLD`); :func:`fold` maps all of those to the lower-case letter, so a match's text always
folds to a string that contains the (lower-case) needed string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import product

try:
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - other Pythons: no prefilter, same results
    _parser = None

#: Non-ASCII letters that ``re.IGNORECASE`` matches with an ASCII letter, and that ``str.lower`` does not
#: map to it (checked over every code point by tests/test_prefilter.py).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_MAX_STRINGS = 64  # larger sets of alternatives are not tracked (no filter is still correct)
_MAX_REPEAT = 3


def fold(text: str) -> str:
    """The text in lower case, with the letters that match ASCII ones case-insensitively made ASCII.

    Same length as the text (U+0130 is the one character whose ``lower()`` is two long, and it is
    mapped first), so offsets into the text are offsets into its fold."""
    return text.translate(_FOLD).lower()


class Alternatives:
    """The regular expression ``part1|part2|...``, tried in each text with only the alternatives that can
    match there: one whose needed strings the text lacks matches nowhere in it, so leaving it out
    changes no match (their spans, that is: group numbers change)."""

    def __init__(self, parts: Sequence[str], flags: int = 0):
        self.parts = tuple(parts)
        self.flags = flags
        self.rx = re.compile("|".join(self.parts), flags)
        self.needs = tuple(needed_strings(re.compile(p, flags)) for p in self.parts)
        self._compiled: dict[tuple[bool, ...], re.Pattern] = {}

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match]:
        """``self.rx.finditer(text)``, faster; ``folded`` is :func:`fold` of the text, if known."""
        folded = fold(text) if folded is None else folded
        keep = tuple(need is None or any(s in folded for s in need) for need in self.needs)
        if not any(keep):
            return iter(())
        rx = self._compiled.get(keep)
        if rx is None:
            rx = self._compiled[keep] = re.compile("|".join(p for p, k in zip(self.parts, keep, strict=True) if k),
                                                   self.flags)
        return rx.finditer(text)


def _tree(rx: re.Pattern) -> list | None:
    """The items of the expression's syntax tree, or None where they cannot be read."""
    if _parser is None:
        return None
    try:
        return list(_parser.parse(rx.pattern, rx.flags))
    except Exception:  # pragma: no cover - an unusual pattern: no prefilter
        return None


def needed_strings(rx: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case strings one of which every non-empty match of ``rx`` contains; None if none are known."""
    tree = _tree(rx)
    if tree is None:
        return None
    need = _need_seq(tree)
    return None if need is None else tuple(sorted(_minimal(need)))


def first_strings(rx: re.Pattern, k: int = 2) -> frozenset[str] | None:
    """Lower-case strings, at most ``k`` long, one of which every match of ``rx`` starts with; None if not
    known. (A string is a match's first ``k`` characters, all of a shorter match, or the letters before
    the first item whose text is not known: ``st.`` gives ``st``.) A position where the :func:`fold`-ed
    text starts with none of them is no place for a match to start."""
    tree = _tree(rx)
    if tree is None:
        return None
    got = _starts_seq(tree, k)
    if got is None:
        return None
    out = got[0] | got[1]
    return None if "" in out or len(out) > _MAX_STARTS else frozenset(out)


_MAX_STARTS = 4096
_Starts = tuple[set[str], set[str]]  # (whole matches shorter than k, prefixes nothing more is added to)


def _starts(op, av, k: int) -> _Starts | None:
    """How what one item matches starts, or None when not known."""
    if op is _c.SUBPATTERN:
        return _starts_seq(list(av[-1]), k)
    if op is _c.BRANCH:
        whole: set[str] = set()
        done: set[str] = set()
        for branch in av[1]:
            got = _starts_seq(list(branch), k)
            if got is None:
                return None
            whole |= got[0]
            done |= got[1]
        return whole, done
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if hi > _MAX_REPEAT:
            return None
        whole, done = set(), set()
        for n in range(lo, hi + 1):  # n copies of the item in a row
            got = _starts_seq(list(sub) * n, k)
            if got is None:
                return None
            whole |= got[0]
            done |= got[1]
        return whole, done
    exact = _exact(op, av)
    if exact is None:
        return None
    return {e for e in exact if len(e) < k}, {e[:k] for e in exact if len(e) >= k}


def _starts_seq(items: list, k: int) -> _Starts | None:
    whole, done = {""}, set()
    for op, av in items:
        if not whole:
            break  # every start is known already: the rest does not matter
        got = _starts(op, av, k)
        if got is None:  # the text of this item is not known: what came before is all there is
            return None if "" in whole else (set(), done | whole)
        more = {s + t for s in whole for t in got[0]}
        done = done | {m[:k] for m in more if len(m) >= k} | {(s + t)[:k] for s in whole for t in got[1]}
        whole = {m for m in more if len(m) < k}
        if len(whole) + len(done) > _MAX_STARTS:
            return None
    return whole, done


def starts_pattern(strings: frozenset[str] | set[str]) -> str:
    """A regular expression that matches (the start of) a text that starts with one of the strings.

    Written as a trie ("a(?:go|pr)|d(?:ay|ec)"): Python's engine tries the alternatives of ``a|b|c`` one
    by one at every position, so a long flat list is slow where a trie fails at the first letter."""
    if "" in strings:
        return ""  # every text starts with it
    strings = {s for s in strings if not any(t != s and s.startswith(t) for t in strings)}  # "ma" covers "may"
    branches = []
    for first in sorted({s[0] for s in strings}):
        rest = {s[1:] for s in strings if s[0] == first}
        branches.append(re.escape(first) + (f"(?:{starts_pattern(rest)})" if rest != {""} else ""))
    return "|".join(branches)


def _minimal(strings: set[str]) -> set[str]:
    """Drop the strings that contain another one: containing that one is then enough."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def _plain(ch: str) -> bool:
    """A character whose matches :func:`fold` to its lower case: ASCII, or no letter and no case ("©", "’")."""
    return ch.isascii() or (not ch.isalpha() and ch.lower() == ch == ch.upper())


def _exact(op, av) -> set[str] | None:
    """Every string one item can match (a superset), when that is a small set of ASCII text."""
    if op is _c.LITERAL:
        ch = chr(av)
        return {ch.lower()} if _plain(ch) else None
    if op is _c.IN:
        chars = set()
        for o, a in av:
            if o is _c.LITERAL and _plain(chr(a)):
                chars.add(chr(a).lower())
            elif o is _c.RANGE and a[1] < 128 and a[1] - a[0] < _MAX_STRINGS:
                chars.update(chr(x).lower() for x in range(a[0], a[1] + 1))
            else:
                return None  # a category (\d, \w), a negated or a non-ASCII set
        return chars
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {""}  # zero width: adds no text
    if op is _c.SUBPATTERN:
        return _exact_seq(list(av[-1]))
    if op is _c.BRANCH:
        out = _either(av[1], _exact_seq)
        return out if out is not None and len(out) <= _MAX_STRINGS else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if hi > _MAX_REPEAT:
            return None
        one = _exact_seq(list(sub))
        if one is None:
            return None
        out = set()
        for k in range(lo, hi + 1):
            out |= {"".join(p) for p in product(one, repeat=k)}
            if len(out) > _MAX_STRINGS:
                return None
        return out
    return None


def _either(branches, of_seq) -> set[str] | None:
    """The strings of alternatives: those ``of_seq`` gives for each branch, together (None if any has none)."""
    out: set[str] = set()
    for branch in branches:
        got = of_seq(list(branch))
        if got is None:
            return None
        out |= got
    return out


def _exact_seq(items: list) -> set[str] | None:
    out = {""}
    for op, av in items:
        got = _exact(op, av)
        if got is None:
            return None
        out = {a + b for a in out for b in got}
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _need(op, av) -> set[str] | None:
    """Strings one of which every match of one item contains, or None."""
    if op is _c.SUBPATTERN:
        return _need_seq(list(av[-1]))
    if op is _c.BRANCH:
        return _either(av[1], _need_seq)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _need_seq(list(av[2]))
    return None


def _need_seq(items: list) -> set[str] | None:
    """The most selective need of a sequence: a run of items of known text, or one item's own need."""
    options: list[set[str]] = []
    run = {""}  # the strings the current run of known items can match
    for op, av in items:
        exact = _exact(op, av)
        if exact is not None:
            grown = {a + b for a in run for b in exact}
            if len(grown) <= _MAX_STRINGS:
                run = grown
                continue
            options.append(run)  # too many combinations: close the run, start another with this item
            run = exact
            continue
        options.append(run)
        run = {""}
        inner = _need(op, av)
        if inner is not None:
            options.append(inner)
    options.append(run)
    useful = [o for o in options if o and "" not in o]
    if not useful:
        return None
    return max(useful, key=lambda o: (min(len(s) for s in o), -len(o)))
