"""What every rule of the grammar is made of: the record of a rule, what its handler returns, and resolution.

A rule is a regular expression (or a few) with a handler that turns a match into a value against
a :class:`Ctx` (the reference date and the sentence's tense): a :class:`Cal` when the text leaves
the year open ("March 3", "May"), a :class:`~generator.extract.dates.calendar.Period` when it
names the days ("last week", "Q3 2019"), None when it cannot be resolved (no reference date), or
:data:`REJECT` when the match turns out not to be a date at all ("a summer job").
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY, Period
from generator.extract.dates.grammar.words import year_number

# ---------------------------------------------------------------- partial dates and resolution


@dataclass(frozen=True, slots=True)
class Cal:
    """A calendar date, month or year that may leave the year out: "March 3", "May", "2014"."""

    year: int | None
    month: int | None = None
    day: int | None = None
    pin: str | None = None  # "past" / "future": which year a yearless date takes, when the text says


@dataclass(frozen=True, slots=True)
class Ctx:
    ref: dt.date | None
    future: bool | None = None  # the tense of the sentence: True ahead, False past, None unknown
    #: The tense is the date's own verb's, not one inferred through an infinitive or a participle: "changed
    #: its year-end in December" (simple past) leaves no slack for a December ahead.
    firm: bool = False


#: What a date expression means: the days it names, a date that leaves the year open, or None (unknown).
Value = Period | Cal | None


class Reject(enum.Enum):
    """The type of :data:`REJECT`."""

    REJECT = "reject"


#: A handler's answer when its match is not a date here ("a summer job", "only 3 next week"): the
#: scanner drops the match, and a shorter one at the same place may stand instead.
REJECT = Reject.REJECT

#: What a handler returns.
Result = Period | Cal | Reject | None


def _cal_period(c: Cal, y: int) -> Period | None:
    try:
        if c.month is None:
            return cal.year(y)
        if c.day is None:
            return cal.month(y, c.month)
        return cal.day(dt.date(y, c.month, c.day))
    except ValueError:
        return None


def resolve(v: Value, ctx: Ctx) -> Period | None:
    if v is None or isinstance(v, Period):
        return v
    if v.year is not None:
        return _cal_period(v, v.year)
    if ctx.ref is None:
        return None
    ref = ctx.ref
    p = _cal_period(v, ref.year)
    if p is None:  # Feb 29 in a common year: the nearest leap year in the tense's direction
        step = 1 if ctx.future or v.pin == "future" else -1
        for k in range(1, 8):
            p = _cal_period(v, ref.year + step * k)
            if p:
                return p
        return None
    direction = v.pin or ("future" if ctx.future else "past" if ctx.future is False else None)
    return _nearest_fitting(v, ref, direction, strict=v.pin is not None or ctx.firm) or p


#: How far a yearless date may lie on the other side of the publication date than its sentence's tense
#: points: "had been set to expire Nov. 6" (written on 2 November) is four days ahead, not a year back;
#: "the dividend is payable Dec. 15" in late October likewise. Beyond it the tense decides.
TENSE_SLACK = dt.timedelta(days=60)


def _nearest_fitting(v: Cal, ref: dt.date, direction: str | None, *, strict: bool) -> Period | None:
    """A yearless date or month in the year before, of, or after ref: the nearest one that fits the tense.

    Past tense takes the last one (on or before ref), the future the next one, no tense the nearest; a
    tense gives way to a date within :data:`TENSE_SLACK` on its other side, unless the text itself says
    which ("last May", ``strict``). Distance is to the nearest day of the period (0 when it holds ref)."""
    slack = dt.timedelta(0) if strict else TENSE_SLACK
    best: tuple[int, int, Period] | None = None
    for y in (ref.year, ref.year - 1, ref.year + 1):
        p = _cal_period(v, y)
        if p is None:
            continue
        if direction == "past" and p.start > ref + slack:
            continue
        if direction == "future" and p.end < ref - slack:
            continue
        gap = 0 if p.start <= ref <= p.end else min(abs((p.start - ref).days), abs((p.end - ref).days))
        key = (gap, abs(y - ref.year))
        if best is None or key < best[:2]:
            best = (*key, p)
    return best[2] if best else None


# ---------------------------------------------------------------- rules


class Groups:
    """A match whose missing groups read as None, so one handler serves several patterns."""

    __slots__ = ("m",)

    def __init__(self, m: re.Match):
        self.m = m

    def __getitem__(self, name: str) -> str | None:
        try:
            return self.m.group(name)
        except IndexError:
            return None

    def group(self, *a):
        return self.m.group(*a)

    def start(self) -> int:
        return self.m.start()

    def end(self) -> int:
        return self.m.end()


Handler = Callable[[Groups, Ctx], Result]


class Role(enum.Enum):
    """Where the scanner uses a rule."""

    ATOM = "atom"  # found in the text, and read on either side of a range ("from May to June")
    SIDE = "side"  # only read on one side of a range: "now" in "between May and now", "the third"
    RANGE = "range"  # reads two dates ("from March 3 to 9"); looked for only around a "to", "-", "and"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the grammar: its patterns (case ignored), what a match means, and a cheap test for it.

    ``triggers`` are lower-case strings of which every match holds one (None: no such test), so the
    scanner runs the patterns only on stretches of text that hold one; a test checks they do.
    ``calendar``: the numbers it reads are calendar parts (days, years), never figures."""

    name: str
    patterns: str | tuple[str, ...]
    handle: Handler
    triggers: tuple[str, ...] | None
    calendar: bool = True
    role: Role = Role.ATOM
    rxs: tuple[re.Pattern, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if isinstance(self.patterns, str):
            object.__setattr__(self, "patterns", (self.patterns,))
        # a date is a whole word or number: not inside one, not part of "1/2/3" or "3-4-5" it does not read
        object.__setattr__(self, "rxs", tuple(re.compile(rf"(?<![\w/])(?<!\d-)(?:{p})(?![\w]|/\d|-\d)", re.I)
                                              for p in self.patterns))

    def atom_sources(self) -> tuple[str, ...]:
        """Its patterns as parts of a larger one (a side of a range): no group names, no back references."""
        return tuple(re.sub(r"\(\?P=\w+\)", "[-/.]", re.sub(r"\(\?P<\w+>", "(?:", p)) for p in self.patterns)


def parse_atom(text: str, ctx: Ctx) -> Value:
    """The value of a text that is one date expression, or None: the first rule of the grammar that reads
    all of it and does not reject it (range rules aside, rules that read one side of a range last)."""
    # the grammar's rules use this function themselves: they are assembled once their modules are loaded
    from generator.extract.dates.grammar import ATOMS_FIRST

    t = text.strip().strip(",()")
    for r in ATOMS_FIRST:
        for rx in r.rxs:
            m = rx.fullmatch(t)
            if m:
                v = r.handle(Groups(m), ctx)
                if v is not None and v is not REJECT:
                    return v
    return None


def year_of(m: Groups, name: str = "y") -> int | None:
    s = m[name]
    return year_number(s) if s else None


def valid_date(y: int | None, mo: int, d: int) -> bool:
    try:
        dt.date(y or 2000, mo, d)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------- periods named from the reference date


def step_of(rel: str | None) -> int:
    """-1 for "last", "previous", "past"; 1 for "next", "coming", ...; 0 for "this" and the rest."""
    r = (rel or "").lower()
    if r in ("last", "previous", "past"):
        return -1
    if r in ("next", "coming", "following", "upcoming"):
        return 1
    return 0


def relative_year(ctx: Ctx, rel: str | None) -> int | None:
    if ctx.ref is None:
        return None
    return ctx.ref.year + {"last": -1, "next": 1}.get((rel or "").lower(), 0)


def relative_period(ctx: Ctx, unit: str, step: int) -> Period | None:
    """The unit (day, week, month, ...) holding the reference date, or ``step`` units before or after it."""
    ref = ctx.ref
    if ref is None:
        return None
    if unit == "day":
        return cal.day(ref + step * DAY)
    if unit == "week":
        return cal.week_of(ref + 7 * step * DAY)
    if unit == "weekend":
        sat = ref - ref.weekday() * DAY + 5 * DAY + 7 * step * DAY
        return cal.span(sat, sat + DAY)
    if unit == "fortnight":
        start = ref - ref.weekday() * DAY + 14 * step * DAY
        return cal.span(start, start + 13 * DAY)
    if unit == "month":
        d = cal.add_months(ref.replace(day=1), step)
        return cal.month(d.year, d.month)
    if unit == "quarter":
        y, q = divmod(4 * ref.year + (ref.month - 1) // 3 + step, 4)
        return cal.quarter(y, q + 1)
    if unit == "year":
        return cal.year(ref.year + step)
    if unit == "decade":
        return cal.decade((ref.year // 10 + step) * 10)
    if unit == "century":
        return cal.century(ref.year // 100 + 1 + step)
    return None
