"""Weeks, months and days counted within a period: "week 12", "the second week of May", "the 21st"."""

from __future__ import annotations

import datetime as dt
import re

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY, Period
from generator.extract.dates.grammar.core import (
    REJECT,
    Cal,
    Ctx,
    Groups,
    Result,
    Role,
    Rule,
    parse_atom,
    relative_period,
    relative_year,
    resolve,
    step_of,
)
from generator.extract.dates.grammar.words import (
    COUNT,
    DAY_NUMBER,
    DAY_OF_MONTH,
    MONTH,
    ORDINAL_WORD,
    WEEKDAY,
    YEAR4,
    day_number,
    number,
)
from generator.extract.lexicon import month_number, weekday_number


def _week_number(m: Groups, ctx: Ctx) -> Result:
    y = int(m["y"]) if m["y"] else relative_year(ctx, m["rel"])
    return cal.iso_week(y, int(m["n"])) if y else None


_NTH = rf"(?:the\s+)?(?P<nth>{ORDINAL_WORD}|\d{{1,2}}(?:st|nd|rd|th)|last|final)"
_OF = rf"(?:(?P<y>{YEAR4})|(?P<rel>this|last|next|the)\s+(?P<unit>year|month)|(?P<mon>{MONTH})(?:\s+(?P<y2>{YEAR4}))?)"


def _nth(text: str) -> int | None:
    t = text.lower()
    if t in ("last", "final"):
        return -1
    return day_number(t)


def _base_of(m: Groups, ctx: Ctx) -> Period | None:
    if m["y"]:
        return cal.year(int(m["y"]))
    if m["mon"]:
        y = int(m["y2"]) if m["y2"] else None
        return resolve(Cal(y, month_number(m["mon"])), ctx)
    if ctx.ref is None:
        return None
    return relative_period(ctx, m["unit"].lower(), step_of(m["rel"]))


def _nth_week_of(m: Groups, ctx: Ctx) -> Result:
    base, n = _base_of(m, ctx), _nth(m["nth"])
    if base is None or not n:
        return None
    if base.grain == "year":
        y = base.start.year
        w = cal.iso_week(y, n if n > 0 else dt.date(y, 12, 28).isocalendar()[1])  # Dec 28 is in the last week
    else:
        w = cal.week_in_month(base.start.year, base.start.month, n)
    if w and m["wd"]:
        return cal.day(w.start + weekday_number(m["wd"]) * DAY)
    return w


def _nth_month_of(m: Groups, ctx: Ctx) -> Result:
    base, n = _base_of(m, ctx), _nth(m["nth"])
    if base is None or not n or base.grain != "year":
        return None
    mo = n if n > 0 else 12
    return cal.month(base.start.year, mo) if 1 <= mo <= 12 else None


def _nth_day_of(m: Groups, ctx: Ctx) -> Result:
    base, n = _base_of(m, ctx), _nth(m["nth"])
    if base is None or not n:
        return None
    d = base.start + (n - 1) * DAY if n > 0 else base.end
    return cal.day(d) if d <= base.end else None


def _first_n_of(m: Groups, ctx: Ctx) -> Result:
    base, n = _base_of(m, ctx), number(m["n"])
    if base is None or not n:
        return None
    u = m["u"].lower()[:-1]
    first = m["fl"].lower() == "first"
    if u == "day":
        return cal.span(base.start, base.start + (n - 1) * DAY) if first else cal.span(base.end - (n - 1) * DAY,
                                                                                         base.end)
    if u == "month":
        if first:
            return cal.span(base.start, cal.shift(base.start, n, "month") - DAY)
        return cal.span(cal.shift(base.end + DAY, -n, "month"), base.end)
    y = base.start.year
    if base.grain == "year":
        if first:
            a, b = cal.iso_week(y, 1), cal.iso_week(y, n)
        else:
            last = dt.date(y, 12, 28).isocalendar()[1]
            a, b = cal.iso_week(y, last - n + 1), cal.iso_week(y, last)
        return cal.span(a.start, b.end) if a and b else None
    return None


def _bare_day(m: Groups, ctx: Ctx) -> Result:
    """"the third" as the end of a range ("from April 27th to the third"); the range sets its month."""
    return _the_nth_value(m.group(0), ctx)


def _the_nth(m: Groups, ctx: Ctx) -> Result:
    d = day_number(m["d"])
    if not d or ctx.ref is None or not 1 <= d <= 31:
        return None if d and 1 <= d <= 31 else REJECT
    month_p = relative_period(ctx, "month", step_of(m["rel"]))
    try:
        return cal.day(month_p.start.replace(day=d))
    except ValueError:
        return None


def _week_of(m: Groups, ctx: Ctx) -> Result:
    p = resolve(parse_atom(m["rest"], ctx) or _the_nth_value(m["rest"], ctx), ctx)
    return cal.week_of(p.start) if p else None


def _the_nth_value(text: str, ctx: Ctx) -> Period | None:
    """"the third": that day of the reference date's month."""
    d = day_number(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
    if not d or ctx.ref is None:
        return None
    try:
        return cal.day(ctx.ref.replace(day=d))
    except ValueError:
        return None


RULES: tuple[Rule, ...] = (
    Rule("week-number",
         rf"(?:the\s+)?week\s+(?P<n>\d{{1,2}})(?:\s+of\s+(?:(?P<y>{YEAR4})|(?P<rel>this|last|next)\s+year))?",
         _week_number, ("week",)),
    Rule("nth-week-of", rf"{_NTH}\s+week\s+of\s+{_OF}(?:\s+on\s+(?P<wd>{WEEKDAY}))?", _nth_week_of, ("week",)),
    Rule("nth-month-of", rf"{_NTH}\s+month\s+of\s+{_OF}", _nth_month_of, ("month",)),
    Rule("nth-day-of", rf"{_NTH}\s+day\s+of\s+{_OF}", _nth_day_of, ("day",)),
    Rule("first-n-of", rf"(?:the\s+)?(?P<fl>first|last)\s+(?P<n>{COUNT})\s+(?P<u>days|weeks|months)\s+of\s+{_OF}",
         _first_n_of, ("first", "last")),
    Rule("bare-day", rf"(?:the\s+)?{ORDINAL_WORD}|the\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)",
         _bare_day, None, role=Role.SIDE),
    Rule("the-nth",
         r"the\s+(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))"
         r"(?=\s*(?:[.,;:!?)]|$|(?:this|next|last)\s+month|(?:and|or|to|through|at|from|until|till)\b))"
         r"(?:\s+(?P<rel>this|next|last)\s+month)?",
         _the_nth, ("the",)),
    Rule("week-of",
         rf"(?:the\s+)?(?:week\s+(?:of|beginning|starting(?:\s+on)?|commencing)|w/c|w/b)\s+(?P<rest>(?:the\s+)?"
         rf"(?:{MONTH})\s*\.?\s*{DAY_OF_MONTH}(?:\s*,?\s*{YEAR4})?"
         rf"|(?:the\s+)?{DAY_OF_MONTH}(?:\s+of)?\s+(?:{MONTH})(?:\s*,?\s*{YEAR4})?"
         rf"|the\s+{DAY_NUMBER}|{ORDINAL_WORD})",
         _week_of, ("week", "w/c", "w/b")),
)
