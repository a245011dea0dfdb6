"""Parts of periods, and seasons: "early next month", "the end of 2019", "YTD", "this summer"."""

from __future__ import annotations

import datetime as dt

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY, Period
from generator.extract.dates.grammar.core import (
    REJECT,
    Cal,
    Ctx,
    Groups,
    Result,
    Rule,
    relative_period,
    resolve,
    step_of,
)
from generator.extract.dates.grammar.words import MONTH, SEASONS, YEAR4
from generator.extract.lexicon import month_number


def _earlier_later(m: Groups, ctx: Ctx) -> Result:
    ref = ctx.ref
    if ref is None:
        return None
    when, unit = m["when"].lower(), m["unit"].lower()
    rel = (m["rel"] or "this").lower()
    p = relative_period(ctx, unit, step_of(rel))
    if p is None:
        return None
    current = step_of(rel) == 0
    if when in ("earlier", "early"):
        if unit == "week":
            return cal.span(p.start, p.start + 2 * DAY)
        if unit == "month":
            return cal.span(p.start, p.start.replace(day=15))
        return cal.span(p.start, ref - DAY) if current and when == "earlier" else cal.span(p.start, p.start.replace(
            month=4, day=30))
    if unit == "week":
        start = max(ref, p.start + 3 * DAY) if current else p.start + 3 * DAY
        return cal.span(start, p.end)
    if unit == "month":
        return cal.span(max(ref, p.start) if current else p.start.replace(day=16), p.end)
    return cal.span(p.start.replace(month=7), p.end)


def _part_of(m: Groups, ctx: Ctx) -> Result:
    part = m["part"].lower()
    what = m["what"].lower()
    if m["y"]:
        base = cal.year(int(m["y"]))
        return _part_year(base, part, numbered=True)
    if m["mon"]:
        base = resolve(Cal(None, month_number(m["mon"])), ctx)
        return _part_month(base, part) if base else None
    unit = what.split()[-1]
    rel = what.split()[0] if len(what.split()) > 1 else "this"
    p = relative_period(ctx, unit, step_of(rel))
    if p is None:
        return None
    if part in ("remaining", "rest", "remainder"):
        return cal.span(ctx.ref, p.end)
    if unit == "week":
        return cal.span(p.start + 3 * DAY, p.end) if part == "end" else cal.span(p.start, p.start + 2 * DAY)
    if unit == "month":
        return _part_month(p, part)
    return _part_year(p, part, numbered=False)


def _part_year(p: Period, part: str, *, numbered: bool) -> Period:
    y = p.start.year
    if part == "end":
        return cal.span(dt.date(y, 9 if numbered else 7, 1), p.end)
    if part in ("beginning", "start"):
        return cal.span(p.start, dt.date(y, 4, 30) if numbered else dt.date(y, 6, 30))
    return cal.span(dt.date(y, 5, 1), dt.date(y, 8, 31))


def _part_month(p: Period, part: str) -> Period:
    if part == "end":
        return cal.span(p.start.replace(day=16), p.end)
    if part in ("beginning", "start"):
        return cal.span(p.start, p.start.replace(day=15))
    return cal.span(p.start.replace(day=10), p.start.replace(day=20))


def _eoy(m: Groups, ctx: Ctx) -> Result:
    ref = ctx.ref
    if ref is None:
        return None
    w = m["w"].lower().replace("-", " ")
    if w == "eoy":
        return cal.span(dt.date(ref.year, 7, 1), dt.date(ref.year, 12, 31))
    if w == "eom":
        return cal.span(ref.replace(day=16), cal.month_end(ref.year, ref.month))
    if w == "eow":
        return relative_period(ctx, "week", 0)
    if w in ("ytd", "year to date"):
        return cal.span(dt.date(ref.year, 1, 1), ref)
    return cal.span(ref.replace(day=1), ref)


def _year_earlier(_m: Groups, ctx: Ctx) -> Result:
    """"The year-earlier period", "year-ago results": business news compares the period it reports, the last
    quarter to end before publication, with the same one a year before; its year is the one named."""
    ref = ctx.ref
    if ref is None:
        return None
    reported = cal.add_months(ref.replace(day=1), -3)  # a day of the last quarter to have ended
    return cal.year(reported.year - 1)


def _year_end(_m: Groups, ctx: Ctx) -> Result:
    """"By year-end", "at year's end": the year that ends then, the current one; a simple past looks back to
    the last one ("closed at year-end")."""
    if ctx.ref is None:
        return None
    return cal.year(ctx.ref.year - (1 if ctx.future is False and ctx.firm else 0))


def _season(m: Groups, ctx: Ctx) -> Result:
    s = m["s"].lower()
    if not (m["rel"] or m["y"]):
        return REJECT  # "a summer job": a season is a date only with "this", "last", "in the", a year
    a, b = SEASONS[s]
    if m["y"]:
        y = int(m["y"])
    elif ctx.ref is None:
        return None
    else:
        y = ctx.ref.year + step_of(m["rel"])
        if (m["rel"] or "").lower() not in ("this", "next", "last") and ctx.future is not True \
                and dt.date(y, a, 1) > ctx.ref:
            y -= 1
    start = dt.date(y, a, 1)
    end = cal.month_end(y + (b < a), b)
    return cal.span(start, end)


RULES: tuple[Rule, ...] = (
    Rule("earlier-later",
         r"(?P<when>earlier|later|early|late)\s+(?:(?P<rel>this|last|next|in the|the)\s+)?"
         r"(?P<unit>week|month|year)",
         _earlier_later, ("week", "month", "year")),
    Rule("part-of",
         r"(?:at\s+)?(?:the\s+)?(?P<part>end|beginning|start|middle|mid|remaining|rest|remainder)"
         r"\s*(?:of\s+|-)?(?P<what>(?:the|this|next|last)\s+(?:week|month|year)|month|year|week|(?:the\s+)?(?P<y>"
         + YEAR4 + r")|(?P<mon>" + MONTH + r"))",
         _part_of, ("end", "beginning", "start", "mid", "remain", "rest")),
    Rule("eoy", r"(?P<w>eoy|eom|eow|ytd|year[- ]to[- ]date|month[- ]to[- ]date)",
         _eoy, ("eoy", "eom", "eow", "ytd", "to date", "to-date")),
    Rule("year-earlier", r"(?<![\w-])year[- ](?:earlier|ago)(?=\s+[a-z])", _year_earlier, ("year-earlier", "year-ago",
                                                                                     "year earlier", "year ago")),
    Rule("year-end", r"(?:(?<=by )|(?<=at )|(?<=until )|(?<=till )|(?<=before )|(?<=through ))"
                     r"(?:the\s+)?(?:year[- ]end|year['’]s\s+end)(?![\w-])", _year_end, ("year-end", "year end",
                                                                                       "year's end", "year’s end")),
    Rule("season",
         rf"(?:(?P<rel>this|last|next|the|early|late|in|during|over the|this past)\s+)?"
         rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{YEAR4}))?"
         rf"(?!\s+(?:of\s+(?!{YEAR4})|\w+ing\b|collection|term|session|associate|intern|school|camp|games))",
         _season, tuple(SEASONS)),
)
