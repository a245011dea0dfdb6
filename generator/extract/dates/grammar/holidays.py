"""Holidays: "Christmas", "last Thanksgiving", "Easter 2019", "the Labor Day weekend"."""

from __future__ import annotations

import re

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY, Period
from generator.extract.dates.grammar.core import Ctx, Groups, Result, Rule, step_of
from generator.extract.dates.grammar.words import YEAR4

#: A holiday's name, the longest first: spaces may be any, apostrophes straight, curly or left out.
HOLIDAY = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]?") for h in cal.HOLIDAYS),
                       key=len, reverse=True))
#: The longest word of each holiday's name (up to an apostrophe), which every way of writing the name holds.
HOLIDAY_WORDS = tuple(sorted({max(re.split(r"[ ']", h), key=len) for h in cal.HOLIDAYS}))


def _holiday(m: Groups, ctx: Ctx) -> Result:
    return _holiday_value(m["h"], m["rel"], m["y"], m["yrel"], ctx)


def _holiday_value(name: str, rel: str | None, y: str | None, yrel: str | None, ctx: Ctx) -> Period | None:
    key = re.sub(r"\s+", " ", name.lower()).replace("’", "'")
    fn = cal.HOLIDAYS.get(key) or cal.HOLIDAYS.get(key.replace("'", ""))
    if fn is None:
        return None
    if y:
        return cal.day(fn(int(y)))
    if ctx.ref is None:
        return None
    ref = ctx.ref
    if yrel:
        return cal.day(fn(ref.year + step_of(yrel)))
    r = (rel or "").lower()
    this = fn(ref.year)
    if r in ("last", "previous"):
        return cal.day(this if this < ref else fn(ref.year - 1))
    if r in ("next", "coming"):
        return cal.day(this if this > ref else fn(ref.year + 1))
    if r == "following":
        return cal.day(this if this > ref else fn(ref.year + 1))
    if ctx.future is False:
        return cal.day(this if this <= ref else fn(ref.year - 1))
    return cal.day(this if this >= ref or (ctx.future is None and (ref - this).days < 30) else fn(ref.year + 1))


def _holiday_weekend(m: Groups, ctx: Ctx) -> Result:
    p = _holiday_value(m["h"] or m["h2"], None, m["y"] or m["y2"] or m["y3"], None, Ctx(ctx.ref, True))
    if p is None:
        return None
    d = p.start
    if d.weekday() == 0:  # a Monday holiday: the weekend before it, and the day
        return cal.span(d - 2 * DAY, d)
    if d.weekday() == 3:  # Thanksgiving: Thursday to Sunday
        return cal.span(d, d + 3 * DAY)
    sat = d + (5 - d.weekday()) * DAY if d.weekday() < 5 else d - (d.weekday() - 5) * DAY
    return cal.span(sat, sat + DAY)


RULES: tuple[Rule, ...] = (
    Rule("holiday",
         rf"(?:(?P<rel>this|last|next|previous|following|coming)\s+)?(?P<h>{HOLIDAY})(?:\s+(?:of\s+)?"
         rf"(?:(?P<y>{YEAR4})|(?P<yrel>this|last|next)\s+year))?",
         _holiday, HOLIDAY_WORDS),
    Rule("holiday-weekend",
         rf"(?:(?:the\s+)?weekend\s+of\s+(?P<h>{HOLIDAY})(?:\s+(?P<y>{YEAR4}))?"
         rf"|(?P<h2>{HOLIDAY})(?:\s+(?P<y2>{YEAR4}))?\s+weekend(?:\s+(?P<y3>{YEAR4}))?)",
         _holiday_weekend, ("weekend",)),
)
