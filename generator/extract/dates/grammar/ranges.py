"""Ranges: two dates joined by "to", "-", "and": "from March 3 to 9", "between 2014 and 2018"."""

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
    Value,
    parse_atom,
    relative_period,
    resolve,
    step_of,
    valid_date,
)
from generator.extract.dates.grammar.words import (
    DAY_NUMBER,
    DAY_OF_MONTH,
    MONTH,
    ORDINAL_WORD,
    WEEKDAY_FULL,
    YEAR4,
    day_number,
)
from generator.extract.lexicon import MONTH_STEMS, month_number

_BARE_DAY = rf"(?:the\s+)?{DAY_OF_MONTH}"


def _range_value(a: Value, b: Value, ctx: Ctx, *, a_text: str = "", b_text: str = "") -> Period | None:
    """From a to b: years carry over from the side that names one; b ends at its start unless it is a day."""
    ctx = Ctx(ctx.ref, None)  # a range names its own order: no tense needed to place it
    if isinstance(a, Cal) and isinstance(b, Cal):
        if a.year is None and b.year is not None:
            a = Cal(b.year, a.month, a.day)
            if (a.month or 1, a.day or 1) > (b.month or 1, b.day or 1):
                a = Cal(b.year - 1, a.month, a.day)
        pa = resolve(a, ctx)
        if pa is None:
            return None
        if b.year is None:
            b = Cal(pa.start.year, b.month, b.day)
            if (b.month or 12, b.day or 31) < (pa.start.month, pa.start.day):
                b = Cal(pa.start.year + 1, b.month, b.day)
        pb = resolve(b, ctx)
    else:
        if isinstance(a, Cal) and a.year is None and isinstance(b, Period):
            a = Cal(b.start.year if (a.month or 1) <= b.start.month else b.start.year - 1, a.month, a.day)
        pa, pb = resolve(a, ctx), resolve(b, ctx)
        if isinstance(b, Cal) and b.year is None and pa is not None:
            pb = resolve(b, Ctx(pa.start, True))  # "between now and November 15th": the next one from the start
        if isinstance(b, Cal) and b.year is None and pa is not None and pb is not None and pb.start < pa.start:
            pb = resolve(Cal(pa.start.year + 1, b.month, b.day), ctx)
    if pa is None or pb is None:
        return None
    if re.fullmatch(_BARE_ORDINAL, b_text, re.I) and pa.start == pa.end:
        d = day_number(re.sub(r"^\s*the\s+", "", b_text.strip(), flags=re.I))
        if d:  # "from April 27th to the third": the third of the month after
            first = pa.start.replace(day=1) if d >= pa.start.day else cal.add_months(pa.start.replace(day=1), 1)
            try:
                pb = cal.day(first.replace(day=d))
            except ValueError:
                return None
    if re.fullmatch(rf"\s*{WEEKDAY_FULL}\s*", b_text, re.I):
        while pb.start < pa.start:  # "from next Monday to Friday"
            pb = cal.day(pb.start + 7 * DAY)
    if re.match(r"(?:the\s+)?end\s+of", a_text, re.I):
        pa = cal.day(pa.end + DAY)  # "between the end of 2007 and ..." starts when 2008 does
    elif re.match(r"(?:the\s+)?(?:middle|mid)\s+of", a_text, re.I):
        pa = cal.day(_middle(pa))
    if re.match(r"(?:the\s+)?(?:middle|mid)\s+of", b_text, re.I):
        pb = cal.day(_middle(pb))
    if re.match(r"(?:the\s+)?end\s+of", b_text, re.I):
        end = pb.end  # "... to the end of 2008": all of 2008
    elif pb.start == pb.end:
        end = pb.start  # "... to March 9": that day
    else:
        end = pb.start - DAY  # "... to 2018", "... to May": until it starts
    return cal.span(pa.start, end) if pa.start <= end else None


_TO = r"\s*(?:to|till|until|til|through|thru|-|–|—|~)\s*"
#: A range's end that is a day of the month alone: "the third", "27th".
_BARE_ORDINAL = rf"\s*(?:the\s+)?(?:{DAY_NUMBER}|{ORDINAL_WORD}|(?:twenty|thirty)[- ]?(?:{ORDINAL_WORD}))\s*"


def _middle(p: Period) -> dt.date:
    """The day a period is half over, as a range end: the 16th of a month, July 2 of a year."""
    if p.grain == "month" or (p.start.day == 1 and p.end == cal.month_end(p.start.year, p.start.month)):
        return p.start.replace(day=16)
    return p.start + ((p.end - p.start).days // 2) * DAY


def _day_range_month(m: Groups, ctx: Ctx) -> Result:
    if m["sep"].strip().lower() == "and" and (m["from"] or "").lower() != "between":
        return REJECT
    d1, d2 = (day_number(re.sub(r"^the\s+", "", m[g], flags=re.I)) for g in ("d1", "d2"))
    mo = month_number(m["mon"])
    mo1 = month_number(m["m1"]) if m["m1"] else mo
    if not d1 or not d2:
        return None
    y = int(m["y"]) if m["y"] else None
    a, b = Cal(y, mo1, d1), Cal(y, mo, d2)
    if not m["m1"] and d1 > d2:  # "from the twenty-seventh to the third of April": the month before
        a = Cal(y, (mo - 2) % 12 + 1, d1)
    return _range_value(a, b, ctx)


def _month_day_range(m: Groups, ctx: Ctx) -> Result:
    if m["sep"].strip().lower() == "and" and (m["from"] or "").lower() != "between":
        return REJECT
    d1, d2 = day_number(m["d1"]), day_number(m["d2"])
    if not d1 or not d2 or d2 <= d1:
        return REJECT
    y = int(m["y"]) if m["y"] else None
    mo = month_number(m["mon"])
    return _range_value(Cal(y, mo, d1), Cal(y, mo, d2), ctx)


def _md_range(m: Groups, ctx: Ctx) -> Result:
    y = int(m["y"]) if m["y"] else None
    a, b = _md_parse(m["a"]), _md_parse(m["b"])
    if not a or not b:
        return REJECT
    return _range_value(Cal(y, *a), Cal(y, *b), ctx)


def _md_parse(text: str) -> tuple[int, int] | None:
    x, y = (int(p) for p in text.split("/"))
    mo, d = (x, y) if x <= 12 else (y, x)
    return (mo, d) if valid_date(None, mo, d) else None


def _dashed_range(m: Groups, ctx: Ctx) -> Result:
    a, b = parse_atom(m["a"], ctx), parse_atom(m["b"], ctx)
    if not isinstance(a, Cal) or not isinstance(b, Cal):
        return REJECT
    return _range_value(a, b, ctx)


def _in_next_month(m: Groups, ctx: Ctx) -> Result:
    p = relative_period(ctx, "month", step_of(m["rel"]))
    if p is None:
        return None
    try:
        return cal.span(p.start.replace(day=day_number(m["d1"])), p.start.replace(day=day_number(m["d2"])))
    except (ValueError, TypeError):
        return None


def _since_to_date(m: Groups, ctx: Ctx) -> Result:
    a = parse_atom(m["a"], ctx)
    if a is None or ctx.ref is None:
        return None
    pa = resolve(a, Ctx(ctx.ref, False))
    return cal.span(pa.start, ctx.ref) if pa else None


def _range(m: Groups, ctx: Ctx) -> Result:
    sep = m["sep"].strip().lower()
    if sep == "and" and (m["from"] or "").lower() != "between":
        return REJECT
    if sep in ("-", "–") and not m["from"] and re.fullmatch(r"\d+", m["a"].strip()) and re.fullmatch(
            r"\d+", m["b"].strip()) and not (len(m["a"].strip()) == 4 and len(m["b"].strip()) == 4):
        return REJECT
    a, b = _side(m["a"], ctx), _side(m["b"], ctx)
    if a is None and b is None:
        return REJECT
    return _range_value(a, b, ctx, a_text=m["a"], b_text=m["b"])


def _side(text: str, ctx: Ctx) -> Value:
    """One side of a range: a date expression, or "the end/start/middle of" one (the side's edge is set later)."""
    inner = re.sub(r"^(?:the\s+)?(?:end|start|beginning|middle|mid)\s+of\s+", "", text.strip(), flags=re.I)
    return parse_atom(inner, ctx)


def rules(atoms: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The range rules, in order; a side of a range may be any of the atoms (tried longest pattern first)."""
    sides = sorted((source for r in atoms for source in r.atom_sources()), key=len, reverse=True)
    atom = "|".join(f"(?:{source})" for source in sides)
    edge = rf"(?:{atom}|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:{atom}))"
    return (
        Rule("day-range-month",
             rf"(?:(?P<from>from|between)\s+)?(?P<d1>{_BARE_DAY})(?:\s+of\s+(?P<m1>{MONTH}))?"
             rf"(?P<sep>{_TO}|\s+and\s+)(?P<d2>{_BARE_DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
             rf"(?:\s*,?\s*(?:in\s+|of\s+)?(?P<y>{YEAR4}))?",
             _day_range_month, MONTH_STEMS, role=Role.RANGE),
        Rule("month-day-range",
             rf"(?:(?P<from>from|between)\s+)?(?P<mon>{MONTH})\s*(?:the\s+)?(?P<d1>{DAY_OF_MONTH})"
             rf"(?P<sep>{_TO}|\s+and\s+)(?:the\s+)?(?P<d2>{DAY_OF_MONTH})(?![\w/])(?:\s*,?\s*(?P<y>{YEAR4}))?",
             _month_day_range, MONTH_STEMS, role=Role.RANGE),
        Rule("md-range",
             rf"(?:(?P<from>from|between)\s+)?(?P<a>\d{{1,2}}/\d{{1,2}})\s*(?:-|to|and|–)\s*"
             rf"(?P<b>\d{{1,2}}/\d{{1,2}})(?:(?:\s*,\s*|/)(?P<y>{YEAR4}))?",
             _md_range, ("/",), role=Role.RANGE),
        Rule("dashed-range", r"(?:from\s+)?(?P<a>\d{1,2}-\d{1,2}-\d{4})-(?P<b>\d{1,2}-\d{1,2}-\d{4})",
             _dashed_range, ("-",), role=Role.RANGE),
        Rule("in-next-month",
             rf"from\s+(?P<d1>{DAY_NUMBER})\s*-\s*(?P<d2>{DAY_NUMBER})\s+(?:in|of)\s+(?P<rel>this|next|last)\s+month",
             _in_next_month, ("month",), role=Role.RANGE),
        Rule("since-to-date", rf"from\s+(?P<a>{atom})\s+(?:to|till|until)\s+(?:date|current date|now|today)",
             _since_to_date, ("from",), role=Role.RANGE),
        Rule("range", rf"(?:(?P<from>from|between)\s+)?(?P<a>{edge})(?P<sep>{_TO}|\s+and\s+)(?P<b>{edge})",
             _range, ("to", "til", "through", "thru", "-", "–", "—", "~", "and"), role=Role.RANGE),
    )
