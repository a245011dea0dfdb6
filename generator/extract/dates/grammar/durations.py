"""Durations counted from the reference date or another date: "three days ago", "in two weeks", "the next 10 days",
"a month from Friday"."""

from __future__ import annotations

import datetime as dt
import re

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY, Period
from generator.extract.dates.grammar.core import (
    REJECT,
    Ctx,
    Groups,
    Result,
    Rule,
    parse_atom,
    relative_period,
    resolve,
    step_of,
)
from generator.extract.dates.grammar.holidays import HOLIDAY
from generator.extract.dates.grammar.words import (
    COUNT,
    DAY_NUMBER,
    MONTH,
    UNIT,
    UNIT_WORDS,
    UNITS,
    WEEKDAY,
    WEEKDAY_FULL,
    YEAR4,
    number,
)
from generator.extract.lexicon import WEEKDAY_NAMES, weekday_number

_DUR = rf"(?P<dur>{COUNT}\s+{UNIT}(?:\s*,?\s*(?:and\s+)?{COUNT}\s+{UNIT})*)"


def durations(text: str) -> list[tuple[int, str]] | None:
    """The counts and units of a duration: "two years and three months" is [(2, "year"), (3, "month")]."""
    out = []
    for mm in re.finditer(rf"(?P<n>{COUNT})\s+(?P<u>{UNIT})", text, re.I):
        n = number(mm["n"])
        u = mm["u"].lower()
        if n is None:
            return None
        if "business" in u or "working" in u:
            out.append((n, "bday"))
        else:
            out.append((n, UNITS[u.split()[-1]]))
    return out or None


def apply_durations(d: dt.date, durs: list[tuple[int, str]], sign: int) -> dt.date:
    """The day the durations after d (before it, when sign is -1); business days count as days here."""
    for n, unit in durs:
        d = cal.shift(d, sign * n, unit if unit != "bday" else "day")
    return d


def _ago(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    durs = durations(m["dur"])
    w = (m["w"] or m["w2"]).lower()
    if not durs:
        return None
    sign = -1 if w in ("ago", "earlier", "before") else 1
    return at_grain(apply_durations(ctx.ref, durs, sign), durs)


#: Units whose count names a whole period rather than a day: "four years ago" is a year, "two months ago" a
#: month (the date is known to that grain, no finer). Weeks and days count to a day.
_GRAIN_OF_UNIT = {"century": "year", "decade": "year", "year": "year", "half": "month", "quarter": "month",
                  "month": "month"}


def at_grain(d: dt.date, durs: list[tuple[int, str]]) -> Period:
    """The day d as the period the finest unit of the durations names: "two years and three months ago" is a
    month, "four years ago" a year, "three weeks ago" a day."""
    grains = [_GRAIN_OF_UNIT.get(unit, "day") for _, unit in durs]
    if "day" in grains:
        return cal.day(d)
    if "month" in grains:
        return cal.month(d.year, d.month)
    return cal.year(d.year)


def _in_dur(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    durs = durations(m["dur"])
    if not durs:
        return None
    if m.group(0).lower().startswith("within"):
        return cal.span(ctx.ref, apply_durations(ctx.ref, durs, 1))
    return cal.day(apply_durations(ctx.ref, durs, 1))


def _in_a_unit(m: Groups, ctx: Ctx) -> Result:
    return cal.day(cal.shift(ctx.ref, 1, UNITS[m["u"].lower()])) if ctx.ref else None


def _a_unit_later(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    sign = 1 if m["w"].lower() == "later" else -1
    unit = UNITS[m["u"].lower()]
    return at_grain(cal.shift(ctx.ref, sign, unit), [(1, unit)])


def _within_next(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    durs = durations(m["dur"])
    if not durs:
        return None
    if step_of(m["rel"]) > 0:
        return cal.span(ctx.ref, apply_durations(ctx.ref, durs, 1))
    return cal.span(apply_durations(ctx.ref, durs, -1), ctx.ref)


def _next_n(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    if m["dur2"]:
        parts = m["dur2"].split()
        rel = parts[1]
        if number(parts[0]) != 1 and not parts[-1].lower().endswith("s"):
            return REJECT  # "only 3 next week"
        durs = durations(f"{parts[0]} {' '.join(parts[2:])}")
    else:
        rel = m["rel"]
        durs = durations(m["dur"])
    if not durs:
        return None
    step = step_of(rel)
    ref = ctx.ref
    (n, unit), rest = durs[0], durs[1:]
    if unit == "bday":
        return cal.business_days(ref, n * step)
    if unit in ("quarter", "decade") and not rest:
        cur = relative_period(ctx, unit, 0)
        if step > 0:
            end = relative_period(ctx, unit, n)
            return cal.span(cur.end + DAY, end.end)
        start = relative_period(ctx, unit, -n)
        return cal.span(start.start, cur.start - DAY)
    if step > 0:
        return cal.span(ref + DAY, apply_durations(ref + DAY, durs, 1) - DAY)
    return cal.span(apply_durations(ref, durs, -1), ref - DAY)


def _next_couple(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    n = 2 if m["n"].lower().startswith("couple") else 3
    unit = UNITS[m["u"].lower()]
    if step_of(m["rel"]) > 0:
        return cal.span(ctx.ref + DAY, cal.shift(ctx.ref + DAY, n, unit) - DAY)
    return cal.span(cal.shift(ctx.ref, -n, unit), ctx.ref - DAY)


def _next_decade(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    if m["rel"].lower() == "past":
        return None  # "the past century", "the past two decades": the last hundred (twenty) years, no calendar span
    unit = "decade" if m["u"].lower().startswith("decade") else "century"
    n = number(m["n"]) if m["n"] else 1
    step = step_of(m["rel"])
    a = relative_period(ctx, unit, step)
    b = relative_period(ctx, unit, step * n)
    return cal.span(min(a.start, b.start), max(a.end, b.end))


#: The date a duration counts from: "a week from Friday", "ten days after Christmas", "two years since 2019".
_ANCHOR = rf"(?P<anchor>today|tomorrow|tmrw|yesterday|now|(?:next|last|this)\s+{WEEKDAY_FULL}|{WEEKDAY_FULL}" \
          rf"|(?:{HOLIDAY})(?:\s+{YEAR4})?|(?:{MONTH})\s*\.?\s*{DAY_NUMBER}(?:\s*,?\s*{YEAR4})?" \
          rf"|{DAY_NUMBER}\s+(?:{MONTH})(?:\s*,?\s*{YEAR4})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|the\s+year\s+{YEAR4}|{YEAR4})"


def _dur_from(m: Groups, ctx: Ctx) -> Result:
    durs = durations(m["dur"])
    base = _anchor(m["anchor"], Ctx(ctx.ref, True))
    if not durs or base is None:
        return None
    sign = -1 if m["w"].lower() == "before" else 1
    d = apply_durations(base.start, durs, sign)
    if m["wd"]:
        d = d - d.weekday() * DAY + weekday_number(m["wd"]) * DAY
    return cal.day(d)


def _in_dur_since(m: Groups, ctx: Ctx) -> Result:
    durs = durations(m["dur"])
    base = _anchor(m["anchor"], ctx)
    return cal.day(apply_durations(base.start, durs, 1)) if durs and base else None


def _anchor(text: str, ctx: Ctx) -> Period | None:
    return resolve(parse_atom(text, ctx), ctx)


def _wd_dur(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    durs = durations(m["dur"])
    if not durs:
        return None
    base = ctx.ref
    if m["anchor"]:
        p = _anchor(m["anchor"], Ctx(ctx.ref, True))
        if p is None:
            return None
        base = p.start
    d = apply_durations(base, durs, 1)
    wd = weekday_number(m["wd"] or m["wd2"] or m["wd3"])
    return cal.day(d - d.weekday() * DAY + wd * DAY)


def _for_dur_from(m: Groups, ctx: Ctx) -> Result:
    durs = durations(m["dur"])
    text = m["anchor"] or m["rest"]
    base = _anchor(text, Ctx(ctx.ref, True))
    if not durs or base is None:
        return None
    return cal.span(base.start, apply_durations(base.start, durs, 1))


RULES: tuple[Rule, ...] = (
    Rule("ago",
         (rf"{_DUR}\s+(?:or\s+so\s+)?(?P<w>ago|earlier|before|later|after|hence|from\s+now|since)(?!\s+\w)",
          rf"{_DUR}\s+(?:or\s+so\s+)?(?P<w2>ago|later|from\s+now|hence)"),
         _ago, ("ago", "earlier", "before", "later", "after", "hence", "from", "since"), calendar=False),
    Rule("in-dur", rf"(?:in|within)\s+(?P<a>a|an|the)?\s*{_DUR}(?:'s|’s)?(?:\s+time)?(?!\s+(?:of|since))",
         _in_dur, UNIT_WORDS, calendar=False),
    Rule("in-a-unit",
         r"in\s+(?:a|an|one)\s+(?P<u>day|week|fortnight|month|year)(?:'s|’s)?(?:\s+time)?(?!\s+(?:of|or))",
         _in_a_unit, UNIT_WORDS, calendar=False),
    Rule("a-unit-later", r"(?P<a>a|an|one)\s+(?P<u>day|week|fortnight|month|year)\s+(?:or\s+so\s+)?"
                         r"(?P<w>later|ago|earlier)",
         _a_unit_later, ("later", "ago", "earlier"), calendar=False),
    Rule("within-next", rf"within\s+(?:the\s+)?(?P<rel>next|coming|last|past)\s+{_DUR}",
         _within_next, ("within",), calendar=False),
    Rule("next-n",
         rf"(?:the\s+)?(?P<rel>next|coming|following|upcoming|last|past|previous)\s+{_DUR}"
         rf"(?!\s+(?:ago|later|earlier|before|after|from|since|of)\b)"
         rf"|(?:the\s+)?(?P<dur2>{COUNT}\s+(?:next|upcoming|coming|past|previous|last)\s+(?:(?:business|working)"
         rf"\s+days|days|weeks|months|years|quarters|decades|day|week|month|year|quarter|decade))",
         _next_n, ("next", "coming", "following", "last", "past", "previous"), calendar=False),
    Rule("next-couple",
         r"(?:the\s+)?(?P<rel>next|coming|last|past)\s+(?P<n>couple(?:\s+of)?|few)\s+"
         r"(?P<u>days|weeks|months|years)",
         _next_couple, ("next", "coming", "last", "past"), calendar=False),
    Rule("the-next-decade",
         r"the\s+(?P<rel>next|last|previous|past|coming)\s+(?:(?P<n>two|three|four|five|\d)\s+)?"
         r"(?P<u>decades?|centur(?:y|ies))",
         _next_decade, ("decade", "centur"), calendar=False),
    Rule("dur-from", rf"{_DUR}\s+(?P<w>from|after|before|since)\s+{_ANCHOR}(?:\s+on\s+(?P<wd>{WEEKDAY}))?",
         _dur_from, ("from", "after", "before", "since"), calendar=False),
    Rule("in-dur-since", rf"in\s+{_DUR}\s+since\s+{_ANCHOR}", _in_dur_since, ("since",), calendar=False),
    Rule("wd-dur-from-now",
         (rf"(?P<wd>{WEEKDAY_FULL})\s*,?\s+{_DUR}\s+(?:from\s+now|after\s+{_ANCHOR})",
          rf"{_DUR}\s+from\s+(?P<a2>now|today)\s+on\s+(?P<wd2>{WEEKDAY_FULL})",
          rf"in\s+{_DUR}\s+on\s+(?P<wd3>{WEEKDAY_FULL})"),
         _wd_dur, WEEKDAY_NAMES, calendar=False),
    Rule("for-dur-from",
         (rf"(?:for\s+)?{_DUR}\s*,?\s*(?:from|starting(?:\s+from)?|beginning)\s+{_ANCHOR}",
          rf"(?:for\s+)?{_DUR}\s*,\s*from\s+(?P<rest>the\s+{DAY_NUMBER}\s+of\s+{MONTH}|{DAY_NUMBER}\s+{MONTH}|"
          rf"{MONTH}\s+{DAY_NUMBER})"),
         _for_dur_from, ("from", "starting", "beginning"), calendar=False),
)
