"""Shared word lists: the names of the months and weekdays, written once, and the forms derived from them;
the dashes that set words off.

The date grammar, the figure filters, the page-furniture patterns and the key facts all need to
know "Sept." is September and "Thurs" is Thursday; they take the words (or a regular expression
built from them) from here, so a form added here is known everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
#: Short forms of month names, as news text writes them ("Jan.", "Sept"), with the month's number.
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
#: Every written form of a month (lower case) and its number, 1 to 12.
MONTHS = {**{name: k for k, name in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}

#: dashes written as a token of their own: what sets off a dateline ("WASHINGTON —") or ends a title in front of a name
DASHES = frozenset({"\u2014", "\u2013", "--", "-"})

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Short forms of weekday names ("Tues", "Thurs."), with the weekday's number (0 is Monday, as in ``datetime``).
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                         "sat": 5, "sun": 6}
#: Every written form of a weekday (lower case) and its number, 0 (Monday) to 6.
WEEKDAYS = {**{name: k for k, name in enumerate(WEEKDAY_NAMES)}, **WEEKDAY_ABBREVIATIONS}

#: How every form of a month starts (its first three letters): a text without one names no month.
MONTH_STEMS = tuple(sorted({form[:3] for form in MONTHS}))
#: How every form of a weekday starts: a text without one names no weekday.
WEEKDAY_STEMS = tuple(sorted({form[:3] for form in WEEKDAYS}))


def forms_pattern(forms: Mapping[str, int]) -> str:
    """A regular expression matching any of the forms (plain letters), grouped by what they name, in that order.

    The forms of one thing each begin the next and are written as optional endings: {"sep": 9, "sept": 9,
    "september": 9, "oct": 10} gives ``sep(?:t(?:ember)?)?|oct``. (Where a regular expression may match a
    longer or a shorter form, the longer one is tried first.)"""
    by_number: dict[int, list[str]] = {}
    for form, n in forms.items():
        by_number.setdefault(n, []).append(form)
    return "|".join(_chain(by_number[n]) for n in sorted(by_number))


def _chain(forms: list[str]) -> str:
    chain = sorted(set(forms), key=len)
    if any(not longer.startswith(shorter) for shorter, longer in pairwise(chain)):
        raise ValueError(f"{chain}: each form must begin the next")
    tail = ""
    for shorter, longer in reversed(list(pairwise(chain))):
        rest = longer[len(shorter):] + tail
        tail = f"{rest}?" if len(rest) == 1 else f"(?:{rest})?"
    return chain[0] + tail


def month_number(word: str) -> int:
    """The month a written form names (any case, a trailing full stop allowed): "Sept." is 9.

    A longer word is read by its first three letters ("Decem" is 12); KeyError if it names no month."""
    t = word.lower().rstrip(".")
    return MONTHS[t if t in MONTHS else t[:3]]


def weekday_number(word: str) -> int:
    """The weekday a written form names (any case, a full stop or a plural "s" allowed): "Thurs." and "Fridays"."""
    t = word.lower().rstrip(".")
    t = t[:-1] if t.endswith("s") and t[:-1] in WEEKDAYS else t
    return WEEKDAYS[t]
