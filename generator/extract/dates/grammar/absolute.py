"""Calendar dates: numbers ("2014-03-03", "3/4/2014") and month names ("March 3, 2014", "May")."""

from __future__ import annotations

import re

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import Period
from generator.extract.dates.grammar.core import (
    REJECT,
    Cal,
    Ctx,
    Groups,
    Result,
    Rule,
    Value,
    parse_atom,
    resolve,
    step_of,
    valid_date,
    year_of,
)
from generator.extract.dates.grammar.words import DAY_NUMBER, DAY_OF_MONTH, MONTH, YEAR, YEAR4, day_number, year_number
from generator.extract.lexicon import MONTH_STEMS, month_number

# ---------------------------------------------------------------- numbers


def _ymd(m: Groups, _ctx: Ctx) -> Result:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return Cal(y, mo, d) if valid_date(y, mo, d) else None


def _mdy(m: Groups, _ctx: Ctx) -> Result:
    a, b, y = int(m["a"]), int(m["b"]), year_number(m["y"])
    if m["s"] == "." and len(m["y"]) == 2:
        return None
    mo, d = (a, b) if a <= 12 else (b, a)
    return Cal(y, mo, d) if valid_date(y, mo, d) else None


def _md(m: Groups, _ctx: Ctx) -> Result:
    a, b = int(m["a"]), int(m["b"])
    mo, d = (a, b) if a <= 12 else (b, a)
    if not valid_date(None, mo, d) or mo > 12:
        return None
    return Cal(None, mo, d)


def _ym(m: Groups, _ctx: Ctx) -> Result:
    return Cal(int(m["y"]), int(m["m"]))


# ---------------------------------------------------------------- month names

_SEP = r"(?:\s*[,/-]\s*|\s+|(?<=\.)\s*|(?<=[a-z])(?=\d))"


def _dmy_name(m: Groups, _ctx: Ctx) -> Result:
    d, mo, y = day_number(m["d"]), month_number(m["mon"]), year_of(m)
    return Cal(y, mo, d) if d and valid_date(y, mo, d) else None


def _ymd_name(m: Groups, _ctx: Ctx) -> Result:
    mon, d = (m["mon"], m["d"]) if m["mon"] else (m["mon2"], m["d2"])
    y, mo, dd = int(m["y"]), month_number(mon), day_number(d)
    return Cal(y, mo, dd) if dd and valid_date(y, mo, dd) else None


def _myd_name(m: Groups, _ctx: Ctx) -> Result:
    mon, d, y = (m["mon"], m["d"], m["y"]) if m["mon"] else (m["mon2"], m["d2"], m["y2"])
    mo, dd = month_number(mon), day_number(d)
    return Cal(int(y), mo, dd) if dd and valid_date(int(y), mo, dd) else None


def _dm_name(m: Groups, _ctx: Ctx) -> Result:
    d, mo = day_number(m["d"]), month_number(m["mon"])
    return Cal(None, mo, d) if d and valid_date(None, mo, d) else None


def _my_name(m: Groups, _ctx: Ctx) -> Result:
    return Cal(year_of(m), month_number(m["mon"]))


def _month(m: Groups, ctx: Ctx) -> Result:
    mo = month_number(m["mon"])
    mod = (m["mod"] or "").lower()
    c = Cal(None, mo)
    if mod in ("last", "previous", "past"):
        return _relative_month(ctx, mo, -1)
    if mod in ("next", "coming"):
        return _relative_month(ctx, mo, 1)
    if mod in ("mid", "mid-"):
        return _part_of_month(c, ctx, "mid")
    if mod in ("early", "late"):
        return _part_of_month(c, ctx, mod)
    if mod == "this":
        return Cal(ctx.ref.year, mo) if ctx.ref else c
    return c


def _relative_month(ctx: Ctx, mo: int, step: int) -> Value:
    if ctx.ref is None:
        return None
    y = ctx.ref.year
    if step < 0:
        return Cal(y if mo < ctx.ref.month else y - 1, mo)
    return Cal(y if mo > ctx.ref.month else y + 1, mo)


def _part_of_month(c: Cal, ctx: Ctx, part: str) -> Period | None:
    p = resolve(c, ctx)
    if p is None:
        return None
    s, e = p.start, p.end
    if part == "mid":
        return cal.span(s.replace(day=10), s.replace(day=20))
    if part == "early":
        return cal.span(s, s.replace(day=10))
    return cal.span(s.replace(day=21), e)


def _rel_date(m: Groups, ctx: Ctx) -> Result:
    """"next 5/12", "this 6th of April": that day this year, or next year's."""
    v = parse_atom(m["rest"], ctx) if "/" not in m["rest"] else numeric_month_day(m["rest"])
    if not isinstance(v, Cal) or v.year is not None or ctx.ref is None:
        return v
    return Cal(ctx.ref.year + step_of(m["rel"]), v.month, v.day)


def _md_dot(m: Groups, _ctx: Ctx) -> Result:
    """"on 5.12": a month and day written with a dot, only after "on"."""
    mo, d = int(m["a"]), int(m["b"])
    return Cal(None, mo, d) if valid_date(None, mo, d) else REJECT


def numeric_month_day(text: str) -> Value:
    """"7.6", "7-6", "5/12" after a weekday: month and day."""
    parts = re.split(r"[/.-]", text)
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    a, b = int(parts[0]), int(parts[1])
    mo, d = (a, b) if a <= 12 else (b, a)
    return Cal(None, mo, d) if valid_date(None, mo, d) else None


RULES: tuple[Rule, ...] = (
    Rule("iso", r"(?P<y>1\d{3}|20\d\d)(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)",
         _ymd, ("-", ".", "/")),
    Rule("iso-spaced", r"(?P<y>1[89]\d\d|20\d\d) (?P<m>0?[1-9]|1[0-2]) (?P<d>0?[1-9]|[12]\d|3[01])(?!\d)",
         _ymd, ("18", "19", "20")),
    Rule("compact", r"(?P<y>19[5-9]\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])", _ymd, ("19", "20")),
    Rule("mdy", r"(?P<a>0?[1-9]|[12]\d|3[01])(?P<s>[/.-])(?P<b>0?[1-9]|[12]\d|3[01])(?P=s)(?P<y>\d{4}|\d{2})(?![\d])",
         _mdy, ("-", ".", "/")),
    Rule("md", r"(?P<a>0?[1-9]|1[0-2]|1[3-9]|2\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])(?![\d/])", _md, ("/",)),
    Rule("ym", r"(?P<y>1[89]\d\d|20\d\d)[-/](?P<m>0?[1-9]|1[0-2])(?![\d/-])", _ym, ("-", "/")),
    Rule("my", r"(?P<m>0?[1-9]|1[0-2])[-/](?P<y>1[89]\d\d|20\d\d)(?![\d/-])", _ym, ("-", "/")),
    Rule("mdy-name",
         rf"(?P<mon>{MONTH}){_SEP}(?:the\s+)?(?P<d>{DAY_OF_MONTH})(?:\s+of)?(?:\s*,\s*|\s+|\s*[-/]\s*)"
         rf"(?:in\s+|of\s+)?(?P<y>{YEAR}|'\d\d|(?<=, )\d\d(?!\d)|(?<=of )\d\d(?!\d))",
         _dmy_name, MONTH_STEMS),
    Rule("dmy-name",
         rf"(?:the\s+)?(?P<d>{DAY_OF_MONTH})(?:\s+of)?(?:\s+|\s*[-/]\s*)(?P<mon>{MONTH})(?:\s*,\s*|\s+|\s*[-/]\s*)"
         rf"(?:of\s+|in\s+)?(?P<y>{YEAR}|'\d\d|(?<=of )\d\d(?!\d))",
         _dmy_name, MONTH_STEMS),
    Rule("ymd-name",
         rf"(?P<y>{YEAR4})\s*[-/]\s*(?:(?P<mon>{MONTH})\s*[-/]\s*(?P<d>{DAY_NUMBER})|(?P<d2>{DAY_NUMBER})\s*[-/]\s*"
         rf"(?P<mon2>{MONTH}))",
         _ymd_name, MONTH_STEMS),
    Rule("myd-name",
         rf"(?:(?P<mon>{MONTH})-(?P<y>{YEAR4})-(?P<d>{DAY_NUMBER})"
         rf"|(?P<d2>{DAY_NUMBER})-(?P<y2>{YEAR4})-(?P<mon2>{MONTH}))",
         _myd_name, MONTH_STEMS),
    Rule("md-name",
         rf"(?P<mon>{MONTH})(?:\s*[/-]\s*|\s+|(?<=\.)|(?<=[a-z])|\s*,\s*(?=\d{{1,2}}(?:st|nd|rd|th)))(?:the\s+)?"
         rf"(?P<d>{DAY_OF_MONTH})(?!\s*(?:%|per|:\d|\.\d))",
         _dm_name, MONTH_STEMS),
    Rule("dm-name", rf"(?:the\s+)?(?P<d>{DAY_OF_MONTH})(?:\s+of\s+|\s+|\s*[-/]\s*)(?P<mon>{MONTH})",
         _dm_name, MONTH_STEMS),
    Rule("my-name", rf"(?P<mon>{MONTH})(?:\s*[,/-]\s*|\s+)(?:of\s+|in\s+)?(?P<y>{YEAR}|'\d\d|(?<=of )\d\d(?!\d))",
         _my_name, MONTH_STEMS),
    Rule("ym-name", rf"(?P<y>{YEAR4})\s+(?P<mon>{MONTH})", _my_name, MONTH_STEMS),
    Rule("month",
         rf"(?:(?P<mod>this|last|next|previous|past|coming|the|early|late|mid|mid-|earlier this|later this)"
         rf"\s*)?(?P<mon>{MONTH})(?!\.?\s*\d)",
         _month, MONTH_STEMS),
    Rule("rel-date",
         rf"(?P<rel>this|next|last)\s+(?P<rest>\d{{1,2}}/\d{{1,2}}|(?:the\s+)?{DAY_OF_MONTH}\s+of\s+(?:{MONTH})|"
         rf"{DAY_NUMBER}\s+(?:{MONTH})|(?:{MONTH})\s+{DAY_NUMBER})",
         _rel_date, ("this", "next", "last")),
    Rule("md-dot", r"(?<=\bon )(?P<a>0?[1-9]|1[0-2])\.(?P<b>0?[1-9]|[12]\d|3[01])(?![\d.])", _md_dot, (".",)),
)
