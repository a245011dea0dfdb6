"""Days and periods named from the reference date: "today", "tomorrow night", "last week", "this weekend"."""

from __future__ import annotations

import re

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY
from generator.extract.dates.grammar.core import Ctx, Groups, Result, Role, Rule, relative_period, step_of

# ---------------------------------------------------------------- days

_DAYWORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "now": 0,
             "tomorrow": 1, "tmrw": 1, "tmr": 1, "tomorrow morning": 1, "tomorrow night": 1,
             "tomorrow afternoon": 1, "tomorrow evening": 1, "yesterday": -1, "last night": -1,
             "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1,
             "the day before yesterday": -2, "the day after tomorrow": 2, "day before yesterday": -2,
             "day after tomorrow": 2, "otd": 0, "current date": 0, "the current date": 0, "to date": 0,
             "date": 0, "this day": 0, "the day before": -1, "the day after": 1, "the previous day": -1,
             "the next day": 1, "the following day": 1, "overnight": 0, "earlier today": 0, "later today": 0}


def _dayword(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    return cal.day(ctx.ref + _DAYWORDS[re.sub(r"\s+", " ", m["w"].lower())] * DAY)


def _now(_m: Groups, ctx: Ctx) -> Result:
    return cal.day(ctx.ref) if ctx.ref else None


# ---------------------------------------------------------------- periods

_PUNITS = r"(?P<unit>day|week(?:end)?|fortnight|month|quarter|year|decade|century)"


def _rel_unit(m: Groups, ctx: Ctx) -> Result:
    unit = m["unit"].lower()
    rel = m["rel"].lower()
    if unit == "day" and rel in ("this", "that", "same", "the same"):
        return cal.day(ctx.ref) if ctx.ref else None
    if rel == "past" and unit in ("decade", "century"):
        return None  # "past century": the last hundred years, no calendar century
    return relative_period(ctx, unit, step_of(rel))


def _the_period(m: Groups, ctx: Ctx) -> Result:
    return relative_period(ctx, m["unit"].lower(), 0)


def _the_year(_m: Groups, ctx: Ctx) -> Result:
    return relative_period(ctx, "year", 0)


def _weekend(m: Groups, ctx: Ctx) -> Result:
    rel = (m["rel"] or "").lower()
    return relative_period(ctx, "weekend", step_of(rel) if rel not in ("over the", "the", "that", "") else (
        -1 if ctx.future is False and ctx.ref and ctx.ref.weekday() < 5 else 0))


def _after_next(m: Groups, ctx: Ctx) -> Result:
    return relative_period(ctx, m["unit"].lower(), 2)


def _working_week(m: Groups, ctx: Ctx) -> Result:
    w = relative_period(ctx, "week", step_of(m["rel"]))
    return cal.span(w.start, w.start + 4 * DAY) if w else None


DAYS: tuple[Rule, ...] = (
    Rule("dayword",
         r"(?P<w>the day (?:before yesterday|after tomorrow)|day (?:before yesterday|after tomorrow)|"
         r"(?:earlier|later) today|today|tonight|this (?:morning|afternoon|evening)|tomorrow(?: "
         r"(?:morning|night|afternoon|evening))?|tmrw|yesterday(?: (?:morning|afternoon|evening))?|"
         r"last night|otd|(?:the )?current date|the day (?:before|after)(?=\s*(?:[.,;:!?)]|$))|"
         r"the (?:previous|next|following) day)",
         _dayword, ("day", "night", "this", "tomorrow", "tmrw", "otd", "date")),
    Rule("now", r"now", _now, None, role=Role.SIDE),
)

PERIODS: tuple[Rule, ...] = (
    # "until then", "by then": the last date the story gave (the scanner fills it in), else no value
    Rule("until-then", r"(?:(?<=until )|(?<=till )|(?<=by )|(?<=before ))then(?![\w-])", lambda _m, _ctx: None,
         ("then",), calendar=False),
    Rule("rel-period",
         rf"(?P<rel>this|last|next|previous|past|coming|following|current|upcoming|the same|same|that)"
         rf"\s+(?:calendar\s+)?{_PUNITS}(?!\s+(?:of|to\s+date|ago|later|earlier))",
         _rel_unit, ("this", "last", "next", "previous", "past", "coming", "following", "current", "same", "that")),
    Rule("the-period",
         r"(?:for|of|in|during|throughout|all)\s+the (?P<unit>day|week|month|year|weekend|fortnight)"
         r"(?![-\w]|\s+(?:of(?!\s*[$£€\d])|when|that|in|before|after|ago|earlier|later|which|to\b|\d))",
         _the_period, ("the day", "the week", "the month", "the year", "the fortnight")),
    # "the full year", "the current fiscal year": the year of the reference date, as business news means it
    Rule("the-whole-year", r"the\s+(?:full|whole|entire|current(?:\s+fiscal)?|fiscal|calendar)\s+year(?!\s+(?:of|\d))",
         _the_year, ("year",)),
    Rule("weekend", r"(?:(?P<rel>this|last|next|that|the|over the|coming|past)\s+)?weekend(?!\s+of)",
         _weekend, ("weekend",)),
    Rule("week-after-next", r"the (?P<unit>week|month|year) after next", _after_next, ("after next",)),
    Rule("working-week", r"(?P<rel>this|next|last|the)\s+(?:working\s+week|work\s*week|business\s+week)",
         _working_week, ("week",)),
)
