"""Weekdays: "Friday", "next Tuesday", "Monday of next week", "Mon 13th", "Friday, May 3"."""

from __future__ import annotations

import datetime as dt
import re

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY
from generator.extract.dates.grammar.absolute import numeric_month_day
from generator.extract.dates.grammar.core import REJECT, Ctx, Groups, Result, Rule, parse_atom, relative_period, step_of
from generator.extract.dates.grammar.words import (
    DAY_NUMBER,
    MONTH,
    ORDINAL_WORD,
    WEEKDAY,
    WEEKDAY_FULL,
    WEEKDAY_SHORT,
    YEAR4,
    day_number,
)
from generator.extract.lexicon import WEEKDAY_STEMS, weekday_number


def _weekday(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    return cal.day(_weekday_date(ctx, weekday_number(m["wd"]), (m["rel"] or "").lower()))


def _weekday_date(ctx: Ctx, wd: int, rel: str) -> dt.date:
    ref = ctx.ref
    this_week = ref - ref.weekday() * DAY
    rel = re.sub(r"\s+", " ", rel)
    if rel in ("next", "following"):
        return this_week + (7 + wd) * DAY
    if rel in ("last", "previous"):
        return this_week + (wd - 7) * DAY
    if rel == "this":
        return this_week + wd * DAY
    if rel in ("this past", "past"):
        return ref - ((ref.weekday() - wd - 1) % 7 + 1) * DAY
    if rel in ("this upcoming", "upcoming", "this coming"):
        return ref + ((wd - ref.weekday() - 1) % 7 + 1) * DAY
    if rel == "coming":
        return ref + ((wd - ref.weekday() - 1) % 7 + 1) * DAY
    return cal.weekday_near(ref, wd, future=ctx.future)


def _weekday_of_week(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    wd = weekday_number(m["wd"] or m["wd2"])
    week = relative_period(ctx, "week", step_of(m["rel"] or m["rel2"]))
    return cal.day(week.start + wd * DAY)


def _weekday_date_num(m: Groups, ctx: Ctx) -> Result:
    """"Monday 21", "Mon 13th", "tuesday the eleventh": the nearest such weekday falling on that day."""
    if ctx.ref is None:
        return None
    wd, d = weekday_number(m["wd"]), day_number(m["d"])
    if not d:
        return None
    ref = ctx.ref
    best = None
    for k in range(0, 14):
        for sign in (1, -1):
            y, mo = divmod(ref.year * 12 + ref.month - 1 + sign * k, 12)
            try:
                cand = dt.date(y, mo + 1, d)
            except ValueError:
                continue
            if cand.weekday() == wd and (best is None or abs((cand - ref).days) < abs((best - ref).days)):
                best = cand
        if best:
            return cal.day(best)
    return None


def _weekday_full(m: Groups, ctx: Ctx) -> Result:
    v = parse_atom(m["rest"], ctx)
    if v is None and not re.search(r"[a-z]", m["rest"], re.I):
        v = numeric_month_day(m["rest"])
    return v if v is not None else REJECT


RULES: tuple[Rule, ...] = (
    Rule("weekday",
         rf"(?:(?P<rel>this\s+(?:past|upcoming|coming)|this|last|next|previous|past|coming|following|"
         rf"upcoming)\s+)?(?P<wd>{WEEKDAY_FULL}|{WEEKDAY_SHORT}\.?(?=\s+\d))"
         rf"(?:\s+(?:morning|afternoon|evening|night))?",
         _weekday, WEEKDAY_STEMS),
    # "Mon or Tue", "Tue/Wed": a short form alone is a weekday only next to another weekday (the scanner checks)
    Rule("weekday-listed", rf"(?P<wd>{WEEKDAY_SHORT})\.?", _weekday, WEEKDAY_STEMS),
    Rule("weekday-of-week",
         rf"(?:on\s+)?(?P<wd>{WEEKDAY})\s+(?:of\s+)?(?:the\s+)?(?P<rel>this|last|next|previous|"
         rf"following|coming)\s+week|(?P<rel2>this|last|next|previous|following)\s+week\s*[-,]?\s*"
         rf"(?:on\s+)?(?P<wd2>{WEEKDAY})",
         _weekday_of_week, ("week",)),
    Rule("weekday-date",
         rf"(?:(?:this|next|last)\s+)?(?P<wd>{WEEKDAY})(?:\s+|\s*,\s*(?=the\b|\d+(?:st|nd|rd|th)))"
         rf"(?:the\s+)?(?P<d>{DAY_NUMBER}|{ORDINAL_WORD})(?!\s*(?:{MONTH}|[/.-]\d|:|am|pm|\d|%))",
         _weekday_date_num, WEEKDAY_STEMS),
    Rule("weekday-full-date",
         rf"(?:(?:this|next|last)\s+)?(?P<wd>{WEEKDAY})\s*[,(-]?\s*(?P<rest>(?:{MONTH})\s*[-/ ]?\s*"
         rf"{DAY_NUMBER}(?:\s*,?\s*{YEAR4})?|{DAY_NUMBER}\s+(?:{MONTH})(?:\s*,?\s*{YEAR4})?|"
         rf"\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{1,4}})?)\)?(?!\s*%)",
         _weekday_full, WEEKDAY_STEMS),
)
