"""The grammar of time expressions: words, patterns and the rules that resolve them.

Each rule is a regular expression (or a few) with a handler that turns a match into a value
against a :class:`Ctx` (the reference date and the sentence's tense): a :class:`Cal` when the
text leaves the year open ("March 3", "May"), a :class:`~generator.extract.dates.calendar.Period` when
it names the days ("last week", "Q3 2019"), None when it cannot be resolved (no reference date),
or ``"reject"`` when the match turns out not to be a date at all. :mod:`generator.extract.dates.dates`
finds the matches in a text and picks among them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY, Period
from generator.extract.figures.numbers import ONES, TENS, lex, read_number

# ---------------------------------------------------------------- words

MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
          "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
          "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
WEEKDAYS = {"monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2, "thursday": 3,
            "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "thirtieth": 30, "last": -1, "final": -1}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
         "fortnight": "fortnight", "fortnights": "fortnight", "month": "month", "months": "month", "year": "year",
         "years": "year", "yr": "year", "yrs": "year", "decade": "decade", "decades": "decade",
         "quarter": "quarter", "quarters": "quarter", "century": "century", "centuries": "century"}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)" \
      r"(?![a-z])\.?"
_WDFULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?![a-z])"
_ORDW = r"(?:(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" \
        r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|" \
        r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
_CARDW = r"(?:(?:twenty|thirty)[- ]?(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|" \
         r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|" \
         r"nineteen|twenty|thirty)"
_DNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
_DAY = rf"(?:{_DNUM}|{_ORDW}|{_CARDW})"
_Y4 = r"(?:1[0-9]\d\d|20\d\d|21\d\d)(?![\d])"
_YW = r"(?:(?:nineteen|eighteen|seventeen|sixteen|twenty)(?:[- ]hundred)?(?:[- ](?:and[- ])?" \
      r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|" \
      r"seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" \
      r"(?:oh[- ])?(?:one|two|three|four|five|six|seven|eight|nine)))|two thousand(?:[- ](?:and[- ])?" \
      r"(?:(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|" \
      r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|" \
      r"eight|nine))?)"
_YEAR = rf"(?:{_Y4}|{_YW})"
_NUMW = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|" \
        r"forty|fifty|sixty|ninety|a couple of|a couple|couple of|couple|a few|few|several)"
_UNIT = r"(?:(?:business|working) days?|days?|weeks?|fortnights?|months?|years?|decades?|quarters?|centur(?:y|ies))"
_REL = r"(?:this|last|next|previous|past|coming|following|current|upcoming|the same|same|that|the)"

_FEW = {"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3,
        "several": 3}


def _num(text: str) -> int | None:
    t = text.lower().strip()
    if t in _FEW:
        return _FEW[t]
    if t.isdigit():
        return int(t)
    got = read_number(lex(t.replace("-", " ")), 0)
    if got and not isinstance(got.value, tuple) and float(got.value).is_integer():
        return int(got.value)
    return None


def _day_num(text: str) -> int | None:
    t = re.sub(r"(?<=\d)(?:st|nd|rd|th)$", "", text.lower().strip())
    if t.isdigit():
        return int(t)
    t = t.replace("-", " ")
    parts = t.split()
    if len(parts) == 2 and parts[0] in ("twenty", "thirty"):
        base = 20 if parts[0] == "twenty" else 30
        last = ORDINALS.get(parts[1]) or ONES.get(parts[1])
        return base + last if last and 0 < last < 10 else None
    if t in ORDINALS:
        return ORDINALS[t] if ORDINALS[t] > 0 else None
    return ONES.get(t) or TENS.get(t)


def _year_num(text: str) -> int | None:
    t = text.lower().strip().lstrip("'’")
    if t.isdigit():
        y = int(t)
        if len(t) == 2:
            return 2000 + y if y < 40 else 1900 + y
        return y
    t = t.replace("-", " ").replace(" and ", " ")
    words = t.split()
    full = read_number(lex(t), 0)
    if full and not isinstance(full.value, tuple) and full.end == len(lex(t)) and full.value >= 1000:
        return int(full.value)
    # "nineteen ninety six", "nineteen hundred ninety three", "twenty oh five"
    for cut in range(1, len(words)):
        a = read_number(lex(" ".join(words[:cut])), 0)
        rest = [w for w in words[cut:] if w != "oh"]
        b = read_number(lex(" ".join(rest)), 0) if rest else None
        if a and b and a.end == cut and b.end == len(rest) and not isinstance(a.value, tuple) \
                and not isinstance(b.value, tuple):
            hi, lo = a.value, b.value
            if hi == 100 or words[cut - 1] == "hundred":
                return int(hi + lo) if hi >= 1000 else None
            if 10 <= hi < 100 and lo < 100:
                return int(hi * 100 + lo)
    return None


def _month_num(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")[:3] if text.lower().rstrip(".") not in MONTHS else text.lower().rstrip(".")]


def _wd_num(text: str) -> int:
    t = text.lower().rstrip(".")
    t = t[:-1] if t.endswith("s") and t[:-1] in WEEKDAYS else t
    return WEEKDAYS[t]


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


Value = Period | Cal | None


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
    if direction == "future" and p.end < ref:
        return _cal_period(v, ref.year + 1)
    if direction == "past" and p.start > ref:
        return _cal_period(v, ref.year - 1)
    return p


# ---------------------------------------------------------------- rules

Handler = Callable[[re.Match, Ctx], Value]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    rx: re.Pattern
    handle: Handler
    calendar: bool  # its numbers are calendar parts (days, years), never figures


RULES: list[Rule] = []
SIDE_RULES: list[Rule] = []
_ATOM_SOURCES: list[str] = []


class _M:
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


def rule(name: str, *patterns: str, calendar: bool = True, atom: bool = True, scan: bool = True,
         flags: int = re.I):
    """Register a handler for one or more patterns; atoms may also stand on either side of a range.

    ``scan=False`` rules only read one side of a range ("now" in "between May and now")."""
    def wrap(fn: Handler) -> Handler:
        for pattern in patterns:
            rx = re.compile(rf"(?<![\w/])(?<!\d-)(?:{pattern})(?![\w]|/\d|-\d)", flags)
            if scan:
                RULES.append(Rule(name, rx, fn, calendar))
            else:
                SIDE_RULES.append(Rule(name, rx, fn, calendar))
            if atom:
                _ATOM_SOURCES.append(re.sub(r"\(\?P=\w+\)", "[-/.]", re.sub(r"\(\?P<\w+>", "(?:", pattern)))
        return fn
    return wrap


def _g(m: re.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _y(m: re.Match, name: str = "y") -> int | None:
    s = _g(m, name)
    return _year_num(s) if s else None


def _valid(y: int | None, mo: int, d: int) -> bool:
    try:
        dt.date(y or 2000, mo, d)
        return True
    except ValueError:
        return False


# numeric dates ---------------------------------------------------------------

@rule("iso", r"(?P<y>1\d{3}|20\d\d)(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)")
def _iso(m, _ctx):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return Cal(y, mo, d) if _valid(y, mo, d) else None


@rule("iso-spaced", r"(?P<y>1[89]\d\d|20\d\d) (?P<m>0?[1-9]|1[0-2]) (?P<d>0?[1-9]|[12]\d|3[01])(?!\d)")
def _iso_spaced(m, _ctx):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return Cal(y, mo, d) if _valid(y, mo, d) else None


@rule("compact", r"(?P<y>19[5-9]\d|20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])")
def _compact(m, _ctx):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return Cal(y, mo, d) if _valid(y, mo, d) else None


@rule("mdy", r"(?P<a>0?[1-9]|[12]\d|3[01])(?P<s>[/.-])(?P<b>0?[1-9]|[12]\d|3[01])(?P=s)(?P<y>\d{4}|\d{2})(?![\d])")
def _mdy(m, _ctx):
    a, b, y = int(m["a"]), int(m["b"]), _year_num(m["y"])
    if m["s"] == "." and len(m["y"]) == 2:
        return None
    mo, d = (a, b) if a <= 12 else (b, a)
    return Cal(y, mo, d) if _valid(y, mo, d) else None


@rule("md", r"(?P<a>0?[1-9]|1[0-2]|1[3-9]|2\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])(?![\d/])")
def _md(m, _ctx):
    a, b = int(m["a"]), int(m["b"])
    mo, d = (a, b) if a <= 12 else (b, a)
    if not _valid(None, mo, d) or mo > 12:
        return None
    return Cal(None, mo, d)


@rule("ym", r"(?P<y>1[89]\d\d|20\d\d)[-/](?P<m>0?[1-9]|1[0-2])(?![\d/-])")
def _ym(m, _ctx):
    return Cal(int(m["y"]), int(m["m"]))


@rule("my", r"(?P<m>0?[1-9]|1[0-2])[-/](?P<y>1[89]\d\d|20\d\d)(?![\d/-])")
def _my(m, _ctx):
    return Cal(int(m["y"]), int(m["m"]))


# month names -------------------------------------------------------------------

_SEP = r"(?:\s*[,/-]\s*|\s+|(?<=\.)\s*|(?<=[a-z])(?=\d))"


@rule("mdy-name", rf"(?P<mon>{_MON}){_SEP}(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?(?:\s*,\s*|\s+|\s*[-/]\s*)"
                  rf"(?:in\s+|of\s+)?(?P<y>{_YEAR}|'\d\d|(?<=, )\d\d(?!\d)|(?<=of )\d\d(?!\d))")
def _mdy_name(m, _ctx):
    d, mo, y = _day_num(m["d"]), _month_num(m["mon"]), _y(m)
    return Cal(y, mo, d) if d and _valid(y, mo, d) else None


@rule("dmy-name", rf"(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?(?:\s+|\s*[-/]\s*)(?P<mon>{_MON})(?:\s*,\s*|\s+|\s*[-/]\s*)"
                  rf"(?:of\s+|in\s+)?(?P<y>{_YEAR}|'\d\d|(?<=of )\d\d(?!\d))")
def _dmy_name(m, _ctx):
    d, mo, y = _day_num(m["d"]), _month_num(m["mon"]), _y(m)
    return Cal(y, mo, d) if d and _valid(y, mo, d) else None


@rule("ymd-name", rf"(?P<y>{_Y4})\s*[-/]\s*(?:(?P<mon>{_MON})\s*[-/]\s*(?P<d>{_DNUM})|(?P<d2>{_DNUM})\s*[-/]\s*"
                  rf"(?P<mon2>{_MON}))")
def _ymd_name(m, _ctx):
    mon, d = (m["mon"], m["d"]) if m["mon"] else (m["mon2"], m["d2"])
    y, mo, dd = int(m["y"]), _month_num(mon), _day_num(d)
    return Cal(y, mo, dd) if dd and _valid(y, mo, dd) else None


@rule("myd-name", rf"(?:(?P<mon>{_MON})-(?P<y>{_Y4})-(?P<d>{_DNUM})|(?P<d2>{_DNUM})-(?P<y2>{_Y4})-(?P<mon2>{_MON}))")
def _myd_name(m, _ctx):
    mon, d, y = (m["mon"], m["d"], m["y"]) if m["mon"] else (m["mon2"], m["d2"], m["y2"])
    mo, dd = _month_num(mon), _day_num(d)
    return Cal(int(y), mo, dd) if dd and _valid(int(y), mo, dd) else None


@rule("md-name", rf"(?P<mon>{_MON})(?:\s*[/-]\s*|\s+|(?<=\.)|(?<=[a-z])|\s*,\s*(?=\d{{1,2}}(?:st|nd|rd|th)))(?:the\s+)?"
                 rf"(?P<d>{_DAY})(?!\s*(?:%|per|:\d|\.\d))")
def _md_name(m, _ctx):
    d, mo = _day_num(m["d"]), _month_num(m["mon"])
    return Cal(None, mo, d) if d and _valid(None, mo, d) else None


@rule("dm-name", rf"(?:the\s+)?(?P<d>{_DAY})(?:\s+of\s+|\s+|\s*[-/]\s*)(?P<mon>{_MON})")
def _dm_name(m, _ctx):
    d, mo = _day_num(m["d"]), _month_num(m["mon"])
    return Cal(None, mo, d) if d and _valid(None, mo, d) else None


@rule("my-name", rf"(?P<mon>{_MON})(?:\s*[,/-]\s*|\s+)(?:of\s+|in\s+)?(?P<y>{_YEAR}|'\d\d|(?<=of )\d\d(?!\d))")
def _my_name(m, _ctx):
    return Cal(_y(m), _month_num(m["mon"]))


@rule("ym-name", rf"(?P<y>{_Y4})\s+(?P<mon>{_MON})")
def _ym_name(m, _ctx):
    return Cal(_y(m), _month_num(m["mon"]))


_MONTH_CUE = r"(?:in|of|since|until|till|from|to|through|by|during|before|after|early|late|mid|mid-|" \
             r"this|next|last|that|the|between|and|for|or|starting|start|end|beginning|middle)"


@rule("month", rf"(?:(?P<mod>this|last|next|previous|past|coming|the|early|late|mid|mid-|earlier this|later this)"
               rf"\s*)?(?P<mon>{_MON})(?!\.?\s*\d)")
def _month(m, ctx):
    mo = _month_num(m["mon"])
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


@rule("rel-date", rf"(?P<rel>this|next|last)\s+(?P<rest>\d{{1,2}}/\d{{1,2}}|(?:the\s+)?{_DAY}\s+of\s+(?:{_MON})|"
                  rf"{_DNUM}\s+(?:{_MON})|(?:{_MON})\s+{_DNUM})")
def _rel_date(m, ctx):
    """"next 5/12", "this 6th of April": that day this year, or next year's."""
    v = parse_atom(m["rest"], ctx) if "/" not in m["rest"] else _numeric_md(m["rest"])
    if not isinstance(v, Cal) or v.year is not None or ctx.ref is None:
        return v if not isinstance(v, str) else "reject"
    return Cal(ctx.ref.year + _step(m["rel"]), v.month, v.day)


@rule("md-dot", r"(?<=\bon )(?P<a>0?[1-9]|1[0-2])\.(?P<b>0?[1-9]|[12]\d|3[01])(?![\d.])")
def _md_dot(m, _ctx):
    """"on 5.12": a month and day written with a dot, only after "on"."""
    mo, d = int(m["a"]), int(m["b"])
    return Cal(None, mo, d) if _valid(None, mo, d) else "reject"


# years, decades, centuries, quarters --------------------------------------------

@rule("year-cue", rf"(?P<pre>(?:in|since|by|until|till|during|before|after|from|through|of|circa|c\.)\s+(?:the\s+)?"
                  rf"(?:(?:calendar|fiscal|financial)\s+)?year\s+(?:of\s+)?|(?:calendar|fiscal|financial)\s+year\s+|"
                  rf"the\s+year\s+(?:of\s+)?|year\s+|cy\s*|fy\s*|=)(?P<y>{_YEAR}|\d\d)")
def _year_cue(m, _ctx):
    y = _y(m)
    return cal.year(y) if y else None


@rule("year", rf"(?P<y>{_Y4}|{_YW})", atom=True)
def _year(m, _ctx):
    y = _y(m)
    return Cal(y) if y else None


@rule("decade", r"(?:the\s+)?(?:(?P<y>1[0-9]\d0|20\d0)\s?'?s|'(?P<yy>\d0)\s?s|(?P<y2>[1-9]0)\s?'?s"
                r"|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w])")
def _decade(m, _ctx):
    words = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
             "eighties": 80, "nineties": 90}
    if m["y"]:
        return cal.decade(int(m["y"]))
    yy = int(m["yy"] or m["y2"] or words[m["w"].lower()])
    return cal.decade(1900 + yy)


@rule("century", rf"(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_ORDW})[\s-]+century")
def _century(m, _ctx):
    n = _day_num(m["n"])
    return cal.century(n) if n else None


_Q = r"(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter)"
_H = r"(?:h(?P<h>[12])|(?P<hw>first|second|1st|2nd)\s+half)"


@rule("quarter", rf"(?:(?:the\s+)?{_Q}(?:\s+of|\s*[-,]?)\s*(?:(?P<y>{_Y4})|(?P<rel>this|last|next|the)\s+year)"
                 rf"|(?P<y2>{_Y4})\s*[-\s]\s*q(?P<q2>[1-4]))")
def _quarter(m, ctx):
    q = _quarter_num(m["q"] or m["q2"], m["qw"])
    y = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else _rel_year(ctx, m["rel"])
    return cal.quarter(y, q) if y else None


def _quarter_num(digit: str | None, word: str | None) -> int:
    if digit:
        return int(digit)
    w = word.lower()
    return {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(w, 4)


def _rel_year(ctx: Ctx, rel: str | None) -> int | None:
    if ctx.ref is None:
        return None
    return ctx.ref.year + {"last": -1, "next": 1}.get((rel or "").lower(), 0)


@rule("half", rf"(?:(?:the\s+)?{_H}(?:\s+of|\s*[-,]?)\s*(?:(?P<y>{_Y4})|(?P<rel>this|last|next|the)\s+year)"
              rf"|(?P<y2>{_Y4})\s*[-\s]\s*h(?P<h2>[12]))")
def _half(m, ctx):
    h = int(m["h"] or m["h2"]) if (m["h"] or m["h2"]) else (1 if m["hw"].lower() in ("first", "1st") else 2)
    y = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else _rel_year(ctx, m["rel"])
    return cal.half(y, h) if y else None


@rule("rel-quarter", r"(?P<rel>this|last|next|previous|past|coming|following|current|the)\s+quarter")
def _rel_quarter(m, ctx):
    if ctx.ref is None:
        return None
    q = (ctx.ref.month - 1) // 3
    step = _step(m["rel"])
    y, q = divmod(4 * ctx.ref.year + q + step, 4)
    return cal.quarter(y, q + 1)


@rule("quarter-alone", rf"(?:the\s+)?(?:{_Q})(?!\s+(?:of|to|results|earnings))", calendar=True)
def _quarter_alone(m, ctx):
    if (m["qw"] or "").lower() in ("last", "final"):
        return "reject"
    if ctx.ref is None:
        return None
    q = _quarter_num(m["q"], m["qw"])
    return resolve(Cal(None), ctx) and _quarter_in_year(ctx, q)


def _quarter_in_year(ctx: Ctx, q: int) -> Period:
    p = cal.quarter(ctx.ref.year, q)
    if ctx.future and p.end < ctx.ref:
        return cal.quarter(ctx.ref.year + 1, q)
    return p


# relative days ----------------------------------------------------------------

_DAYWORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "now": 0,
             "tomorrow": 1, "tmrw": 1, "tmr": 1, "tomorrow morning": 1, "tomorrow night": 1,
             "tomorrow afternoon": 1, "tomorrow evening": 1, "yesterday": -1, "last night": -1,
             "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1,
             "the day before yesterday": -2, "the day after tomorrow": 2, "day before yesterday": -2,
             "day after tomorrow": 2, "otd": 0, "current date": 0, "the current date": 0, "to date": 0,
             "date": 0, "this day": 0, "the day before": -1, "the day after": 1, "the previous day": -1,
             "the next day": 1, "the following day": 1, "overnight": 0, "earlier today": 0, "later today": 0}


@rule("dayword", r"(?P<w>the day (?:before yesterday|after tomorrow)|day (?:before yesterday|after tomorrow)|"
                 r"(?:earlier|later) today|today|tonight|this (?:morning|afternoon|evening)|tomorrow(?: "
                 r"(?:morning|night|afternoon|evening))?|tmrw|yesterday(?: (?:morning|afternoon|evening))?|"
                 r"last night|otd|(?:the )?current date|the day (?:before|after)(?=\s*(?:[.,;:!?)]|$))|"
                 r"the (?:previous|next|following) day)")
def _dayword(m, ctx):
    if ctx.ref is None:
        return None
    return cal.day(ctx.ref + _DAYWORDS[re.sub(r"\s+", " ", m["w"].lower())] * DAY)


@rule("now", r"now", scan=False)
def _now(_m, ctx):
    return cal.day(ctx.ref) if ctx.ref else None


# weekdays ----------------------------------------------------------------------

@rule("weekday", rf"(?:(?P<rel>this\s+(?:past|upcoming|coming)|this|last|next|previous|past|coming|following|"
                 rf"upcoming)\s+)?(?P<wd>{_WDFULL}|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?(?=\s+\d))"
                 rf"(?:\s+(?:morning|afternoon|evening|night))?", flags=re.I)
def _weekday(m, ctx):
    if ctx.ref is None:
        return None
    return cal.day(_weekday_date(ctx, _wd_num(m["wd"]), (m["rel"] or "").lower()))


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


@rule("weekday-of-week", rf"(?:on\s+)?(?P<wd>{_WD})\s+(?:of\s+)?(?:the\s+)?(?P<rel>this|last|next|previous|"
                         rf"following|coming)\s+week|(?P<rel2>this|last|next|previous|following)\s+week\s*[-,]?\s*"
                         rf"(?:on\s+)?(?P<wd2>{_WD})")
def _weekday_of_week(m, ctx):
    if ctx.ref is None:
        return None
    wd = _wd_num(m["wd"] or m["wd2"])
    week = _rel_period(ctx, "week", _step(m["rel"] or m["rel2"]))
    return cal.day(week.start + wd * DAY)


@rule("weekday-date", rf"(?:(?:this|next|last)\s+)?(?P<wd>{_WD})(?:\s+|\s*,\s*(?=the\b|\d+(?:st|nd|rd|th)))"
                      rf"(?:the\s+)?(?P<d>{_DNUM}|{_ORDW})(?!\s*(?:{_MON}|[/.-]\d|:|am|pm|\d|%))")
def _weekday_date_num(m, ctx):
    """"Monday 21", "Mon 13th", "tuesday the eleventh": the nearest such weekday falling on that day."""
    if ctx.ref is None:
        return None
    wd, d = _wd_num(m["wd"]), _day_num(m["d"])
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


@rule("weekday-full-date", rf"(?:(?:this|next|last)\s+)?(?P<wd>{_WD})\s*[,(-]?\s*(?P<rest>(?:{_MON})\s*[-/ ]?\s*"
                           rf"{_DNUM}(?:\s*,?\s*{_Y4})?|{_DNUM}\s+(?:{_MON})(?:\s*,?\s*{_Y4})?|"
                           rf"\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{1,4}})?)\)?(?!\s*%)")
def _weekday_full(m, ctx):
    v = parse_atom(m["rest"], ctx)
    if v is None and not re.search(r"[a-z]", m["rest"], re.I):
        v = _numeric_md(m["rest"])
    return v if v is not None else "reject"


def _numeric_md(text: str) -> Value:
    """"7.6", "7-6", "5/12" after a weekday: month and day."""
    parts = re.split(r"[/.-]", text)
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    a, b = int(parts[0]), int(parts[1])
    mo, d = (a, b) if a <= 12 else (b, a)
    return Cal(None, mo, d) if _valid(None, mo, d) else None


# relative periods ---------------------------------------------------------------

def _step(rel: str | None) -> int:
    r = (rel or "").lower()
    if r in ("last", "previous", "past"):
        return -1
    if r in ("next", "coming", "following", "upcoming"):
        return 1
    return 0


def _rel_period(ctx: Ctx, unit: str, step: int) -> Period | None:
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


_PUNITS = r"(?P<unit>day|week(?:end)?|fortnight|month|quarter|year|decade|century)"


@rule("rel-period", rf"(?P<rel>this|last|next|previous|past|coming|following|current|upcoming|the same|same|that)"
                    rf"\s+(?:calendar\s+)?{_PUNITS}(?!\s+(?:of|to\s+date|ago|later|earlier))")
def _rel_unit(m, ctx):
    unit = m["unit"].lower()
    rel = m["rel"].lower()
    if unit == "day" and rel in ("this", "that", "same", "the same"):
        return cal.day(ctx.ref) if ctx.ref else None
    return _rel_period(ctx, unit, _step(rel))


@rule("the-period", r"(?:for|of|in|during|throughout|all)\s+the (?P<unit>day|week|month|year|weekend|fortnight)"
                    r"(?!\s+(?:of|when|that|in|before|after|ago|earlier|later|which|to\b|\d))")
def _the_period(m, ctx):
    return _rel_period(ctx, m["unit"].lower(), 0)


@rule("weekend", r"(?:(?P<rel>this|last|next|that|the|over the|coming|past)\s+)?weekend(?!\s+of)")
def _weekend(m, ctx):
    rel = (m["rel"] or "").lower()
    return _rel_period(ctx, "weekend", _step(rel) if rel not in ("over the", "the", "that", "") else (
        -1 if ctx.future is False and ctx.ref and ctx.ref.weekday() < 5 else 0))


@rule("week-after-next", r"the (?P<unit>week|month|year) after next")
def _after_next(m, ctx):
    return _rel_period(ctx, m["unit"].lower(), 2)


@rule("working-week", r"(?P<rel>this|next|last|the)\s+(?:working\s+week|work\s*week|business\s+week)")
def _working_week(m, ctx):
    w = _rel_period(ctx, "week", _step(m["rel"]))
    return cal.span(w.start, w.start + 4 * DAY) if w else None


@rule("earlier-later", r"(?P<when>earlier|later|early|late)\s+(?:(?P<rel>this|last|next|in the|the)\s+)?"
                       r"(?P<unit>week|month|year)")
def _earlier_later(m, ctx):
    ref = ctx.ref
    if ref is None:
        return None
    when, unit = m["when"].lower(), m["unit"].lower()
    rel = (m["rel"] or "this").lower()
    p = _rel_period(ctx, unit, _step(rel))
    if p is None:
        return None
    current = _step(rel) == 0
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


@rule("part-of", r"(?:at\s+)?(?:the\s+)?(?P<part>end|beginning|start|middle|mid|remaining|rest|remainder)"
                 r"\s*(?:of\s+|-)?(?P<what>(?:the|this|next|last)\s+(?:week|month|year)|month|year|week|(?:the\s+)?(?P<y>"
                 + _Y4 + r")|(?P<mon>" + _MON + r"))")
def _part_of(m, ctx):
    part = m["part"].lower()
    what = m["what"].lower()
    if m["y"]:
        base = cal.year(int(m["y"]))
        return _part_year(base, part, numbered=True)
    if m["mon"]:
        base = resolve(Cal(None, _month_num(m["mon"])), ctx)
        return _part_month(base, part) if base else None
    unit = what.split()[-1]
    rel = what.split()[0] if len(what.split()) > 1 else "this"
    p = _rel_period(ctx, unit, _step(rel))
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


@rule("eoy", r"(?P<w>eoy|eom|eow|ytd|year[- ]to[- ]date|month[- ]to[- ]date)")
def _eoy(m, ctx):
    ref = ctx.ref
    if ref is None:
        return None
    w = m["w"].lower().replace("-", " ")
    if w == "eoy":
        return cal.span(dt.date(ref.year, 7, 1), dt.date(ref.year, 12, 31))
    if w == "eom":
        return cal.span(ref.replace(day=16), cal.month_end(ref.year, ref.month))
    if w == "eow":
        return _rel_period(ctx, "week", 0)
    if w in ("ytd", "year to date"):
        return cal.span(dt.date(ref.year, 1, 1), ref)
    return cal.span(ref.replace(day=1), ref)


@rule("season", rf"(?:(?P<rel>this|last|next|the|early|late|in|during|over the|this past)\s+)?"
                rf"(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>{_Y4}))?"
                rf"(?!\s+(?:of\s+(?!{_Y4})|\w+ing\b|collection|term|session|associate|intern|school|camp|games))")
def _season(m, ctx):
    s = m["s"].lower()
    if not (m["rel"] or m["y"]):
        return "reject"  # "a summer job": a season is a date only with "this", "last", "in the", a year
    a, b = SEASONS[s]
    if m["y"]:
        y = int(m["y"])
    elif ctx.ref is None:
        return None
    else:
        y = ctx.ref.year + _step(m["rel"])
        if (m["rel"] or "").lower() not in ("this", "next", "last") and ctx.future is not True \
                and dt.date(y, a, 1) > ctx.ref:
            y -= 1
    start = dt.date(y, a, 1)
    end = cal.month_end(y + (b < a), b)
    return cal.span(start, end)


# weeks and months counted within a period ---------------------------------------

@rule("week-number", rf"(?:the\s+)?week\s+(?P<n>\d{{1,2}})(?:\s+of\s+(?:(?P<y>{_Y4})|(?P<rel>this|last|next)\s+year))?")
def _week_number(m, ctx):
    y = int(m["y"]) if m["y"] else _rel_year(ctx, m["rel"])
    return cal.iso_week(y, int(m["n"])) if y else None


_NTH = rf"(?:the\s+)?(?P<nth>{_ORDW}|\d{{1,2}}(?:st|nd|rd|th)|last|final)"
_OF = rf"(?:(?P<y>{_Y4})|(?P<rel>this|last|next|the)\s+(?P<unit>year|month)|(?P<mon>{_MON})(?:\s+(?P<y2>{_Y4}))?)"


def _nth(text: str) -> int | None:
    t = text.lower()
    if t in ("last", "final"):
        return -1
    return _day_num(t)


def _base_of(m: re.Match, ctx: Ctx) -> Period | None:
    if m["y"]:
        return cal.year(int(m["y"]))
    if m["mon"]:
        y = int(m["y2"]) if m["y2"] else None
        return resolve(Cal(y, _month_num(m["mon"])), ctx)
    if ctx.ref is None:
        return None
    return _rel_period(ctx, m["unit"].lower(), _step(m["rel"]))


@rule("nth-week-of", rf"{_NTH}\s+week\s+of\s+{_OF}(?:\s+on\s+(?P<wd>{_WD}))?")
def _nth_week_of(m, ctx):
    base, n = _base_of(m, ctx), _nth(m["nth"])
    if base is None or not n:
        return None
    if base.grain == "year":
        y = base.start.year
        w = cal.iso_week(y, n if n > 0 else dt.date(y, 12, 28).isocalendar()[1])  # Dec 28 is in the last week
    else:
        w = cal.week_in_month(base.start.year, base.start.month, n)
    if w and m["wd"]:
        return cal.day(w.start + _wd_num(m["wd"]) * DAY)
    return w


@rule("nth-month-of", rf"{_NTH}\s+month\s+of\s+{_OF}")
def _nth_month_of(m, ctx):
    base, n = _base_of(m, ctx), _nth(m["nth"])
    if base is None or not n or base.grain != "year":
        return None
    mo = n if n > 0 else 12
    return cal.month(base.start.year, mo) if 1 <= mo <= 12 else None


@rule("nth-day-of", rf"{_NTH}\s+day\s+of\s+{_OF}")
def _nth_day_of(m, ctx):
    base, n = _base_of(m, ctx), _nth(m["nth"])
    if base is None or not n:
        return None
    d = base.start + (n - 1) * DAY if n > 0 else base.end
    return cal.day(d) if d <= base.end else None


@rule("first-n-of", rf"(?:the\s+)?(?P<fl>first|last)\s+(?P<n>{_NUMW})\s+(?P<u>days|weeks|months)\s+of\s+{_OF}")
def _first_n_of(m, ctx):
    base, n = _base_of(m, ctx), _num(m["n"])
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


@rule("bare-day", rf"(?:the\s+)?{_ORDW}|the\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)", scan=False)
def _bare_day(m, ctx):
    """"the third" as the end of a range ("from April 27th to the third"); the range sets its month."""
    d = _day_num(re.sub(r"^the\s+", "", m.group(0).strip(), flags=re.I))
    if not d or ctx.ref is None:
        return None
    try:
        return cal.day(ctx.ref.replace(day=d))
    except ValueError:
        return None


@rule("the-nth", r"the\s+(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))"
                 r"(?=\s*(?:[.,;:!?)]|$|(?:this|next|last)\s+month|(?:and|or|to|through|at|from|until|till)\b))"
                 r"(?:\s+(?P<rel>this|next|last)\s+month)?")
def _the_nth(m, ctx):
    d = _day_num(m["d"])
    if not d or ctx.ref is None or not 1 <= d <= 31:
        return None if d and 1 <= d <= 31 else "reject"
    month_p = _rel_period(ctx, "month", _step(m["rel"]))
    try:
        return cal.day(month_p.start.replace(day=d))
    except ValueError:
        return None


@rule("week-of", rf"(?:the\s+)?(?:week\s+(?:of|beginning|starting(?:\s+on)?|commencing)|w/c|w/b)\s+(?P<rest>(?:the\s+)?"
                 rf"(?:{_MON})\s*\.?\s*{_DAY}(?:\s*,?\s*{_Y4})?|(?:the\s+)?{_DAY}(?:\s+of)?\s+(?:{_MON})(?:\s*,?\s*{_Y4})?"
                 rf"|the\s+{_DNUM}|{_ORDW})")
def _week_of(m, ctx):
    v = parse_atom(m["rest"], ctx) or (_the_nth_value(m["rest"], ctx))
    p = resolve(v, ctx) if not isinstance(v, str) else None
    return cal.week_of(p.start) if p else None


def _the_nth_value(text: str, ctx: Ctx):
    d = _day_num(re.sub(r"^the\s+", "", text.strip(), flags=re.I))
    if not d or ctx.ref is None:
        return None
    try:
        return cal.day(ctx.ref.replace(day=d))
    except ValueError:
        return None


# holidays ----------------------------------------------------------------------

_HOL = "|".join(sorted((re.escape(h).replace(r"\ ", r"\s+").replace("'", "['’]?") for h in cal.HOLIDAYS),
                       key=len, reverse=True))


@rule("holiday", rf"(?:(?P<rel>this|last|next|previous|following|coming)\s+)?(?P<h>{_HOL})(?:\s+(?:of\s+)?"
                 rf"(?:(?P<y>{_Y4})|(?P<yrel>this|last|next)\s+year))?")
def _holiday(m, ctx):
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
        return cal.day(fn(ref.year + _step(yrel)))
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


@rule("holiday-weekend", rf"(?:(?:the\s+)?weekend\s+of\s+(?P<h>{_HOL})(?:\s+(?P<y>{_Y4}))?"
                         rf"|(?P<h2>{_HOL})(?:\s+(?P<y2>{_Y4}))?\s+weekend(?:\s+(?P<y3>{_Y4}))?)")
def _holiday_weekend(m, ctx):
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


# durations anchored at the reference date or at another date ---------------------

_DUR = rf"(?P<dur>{_NUMW}\s+{_UNIT}(?:\s*,?\s*(?:and\s+)?{_NUMW}\s+{_UNIT})*)"
_DUR2 = rf"(?:{_NUMW}\s+{_UNIT}(?:\s*,?\s*(?:and\s+)?{_NUMW}\s+{_UNIT})*)"


def _durations(text: str) -> list[tuple[int, str]] | None:
    out = []
    for mm in re.finditer(rf"(?P<n>{_NUMW})\s+(?P<u>{_UNIT})", text, re.I):
        n = _num(mm["n"])
        u = mm["u"].lower()
        if n is None:
            return None
        if "business" in u or "working" in u:
            out.append((n, "bday"))
        else:
            out.append((n, UNITS[u.split()[-1]]))
    return out or None


def _apply(d: dt.date, durs: list[tuple[int, str]], sign: int) -> dt.date:
    for n, unit in durs:
        d = cal.shift(d, sign * n, unit if unit != "bday" else "day")
    return d


@rule("ago", rf"{_DUR}\s+(?P<w>ago|earlier|before|later|after|hence|from\s+now|since)(?!\s+\w)",
      rf"{_DUR}\s+(?P<w2>ago|later|from\s+now|hence)", calendar=False)
def _ago(m, ctx):
    if ctx.ref is None:
        return None
    durs = _durations(m["dur"])
    w = (m["w"] or m["w2"]).lower()
    if not durs:
        return None
    sign = -1 if w in ("ago", "earlier", "before") else 1
    return cal.day(_apply(ctx.ref, durs, sign))


@rule("in-dur", rf"(?:in|within)\s+(?P<a>a|an|the)?\s*{_DUR}(?:'s|’s)?(?:\s+time)?(?!\s+(?:of|since))", calendar=False)
def _in_dur(m, ctx):
    if ctx.ref is None:
        return None
    durs = _durations(m["dur"])
    if not durs:
        return None
    if m.group(0).lower().startswith("within"):
        return cal.span(ctx.ref, _apply(ctx.ref, durs, 1))
    return cal.day(_apply(ctx.ref, durs, 1))


@rule("in-a-unit", r"in\s+(?:a|an|one)\s+(?P<u>day|week|fortnight|month|year)(?:'s|’s)?(?:\s+time)?(?!\s+(?:of|or))",
      calendar=False)
def _in_a_unit(m, ctx):
    return cal.day(cal.shift(ctx.ref, 1, UNITS[m["u"].lower()])) if ctx.ref else None


@rule("a-unit-later", r"(?P<a>a|an|one)\s+(?P<u>day|week|fortnight|month|year)\s+(?P<w>later|ago|earlier)",
      calendar=False)
def _a_unit_later(m, ctx):
    if ctx.ref is None:
        return None
    sign = 1 if m["w"].lower() == "later" else -1
    return cal.day(cal.shift(ctx.ref, sign, UNITS[m["u"].lower()]))


@rule("within-next", rf"within\s+(?:the\s+)?(?P<rel>next|coming|last|past)\s+{_DUR}", calendar=False)
def _within_next(m, ctx):
    if ctx.ref is None:
        return None
    durs = _durations(m["dur"])
    if not durs:
        return None
    if _step(m["rel"]) > 0:
        return cal.span(ctx.ref, _apply(ctx.ref, durs, 1))
    return cal.span(_apply(ctx.ref, durs, -1), ctx.ref)


@rule("next-n", rf"(?:the\s+)?(?P<rel>next|coming|following|upcoming|last|past|previous)\s+{_DUR}"
                rf"(?!\s+(?:ago|later|earlier|before|after|from|since|of)\b)"
                rf"|(?:the\s+)?(?P<dur2>{_NUMW}\s+(?:next|upcoming|coming|past|previous|last)\s+(?:(?:business|working)"
                rf"\s+days|days|weeks|months|years|quarters|decades|day|week|month|year|quarter|decade))",
      calendar=False)
def _next_n(m, ctx):
    if ctx.ref is None:
        return None
    if m["dur2"]:
        parts = m["dur2"].split()
        rel = parts[1]
        if _num(parts[0]) != 1 and not parts[-1].lower().endswith("s"):
            return "reject"  # "only 3 next week"
        durs = _durations(f"{parts[0]} {' '.join(parts[2:])}")
    else:
        rel = m["rel"]
        durs = _durations(m["dur"])
    if not durs:
        return None
    step = _step(rel)
    ref = ctx.ref
    (n, unit), rest = durs[0], durs[1:]
    if unit == "bday":
        return cal.business_days(ref, n * step)
    if unit in ("quarter", "decade") and not rest:
        cur = _rel_period(ctx, unit, 0)
        if step > 0:
            end = _rel_period(ctx, unit, n)
            return cal.span(cur.end + DAY, end.end)
        start = _rel_period(ctx, unit, -n)
        return cal.span(start.start, cur.start - DAY)
    if step > 0:
        return cal.span(ref + DAY, _apply(ref + DAY, durs, 1) - DAY)
    return cal.span(_apply(ref, durs, -1), ref - DAY)


@rule("next-couple", r"(?:the\s+)?(?P<rel>next|coming|last|past)\s+(?P<n>couple(?:\s+of)?|few)\s+"
                     r"(?P<u>days|weeks|months|years)", calendar=False)
def _next_couple(m, ctx):
    if ctx.ref is None:
        return None
    n = 2 if m["n"].lower().startswith("couple") else 3
    unit = UNITS[m["u"].lower()]
    if _step(m["rel"]) > 0:
        return cal.span(ctx.ref + DAY, cal.shift(ctx.ref + DAY, n, unit) - DAY)
    return cal.span(cal.shift(ctx.ref, -n, unit), ctx.ref - DAY)


@rule("the-next-decade", r"the\s+(?P<rel>next|last|previous|past|coming)\s+(?:(?P<n>two|three|four|five|\d)\s+)?"
                         r"(?P<u>decades?|centur(?:y|ies))", calendar=False)
def _next_decade(m, ctx):
    if ctx.ref is None:
        return None
    unit = "decade" if m["u"].lower().startswith("decade") else "century"
    n = _num(m["n"]) if m["n"] else 1
    step = _step(m["rel"])
    a = _rel_period(ctx, unit, step)
    b = _rel_period(ctx, unit, step * n)
    return cal.span(min(a.start, b.start), max(a.end, b.end))


_ANCHOR = rf"(?P<anchor>today|tomorrow|tmrw|yesterday|now|(?:next|last|this)\s+{_WDFULL}|{_WDFULL}|(?:{_HOL})" \
          rf"(?:\s+{_Y4})?|(?:{_MON})\s*\.?\s*{_DNUM}(?:\s*,?\s*{_Y4})?|{_DNUM}\s+(?:{_MON})(?:\s*,?\s*{_Y4})?|" \
          rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|the\s+year\s+{_Y4}|{_Y4})"


@rule("dur-from", rf"{_DUR}\s+(?P<w>from|after|before|since)\s+{_ANCHOR}(?:\s+on\s+(?P<wd>{_WD}))?", calendar=False)
def _dur_from(m, ctx):
    durs = _durations(m["dur"])
    base = _anchor(m["anchor"], Ctx(ctx.ref, True))
    if not durs or base is None:
        return None
    sign = -1 if m["w"].lower() == "before" else 1
    d = _apply(base.start, durs, sign)
    if m["wd"]:
        d = d - d.weekday() * DAY + _wd_num(m["wd"]) * DAY
    return cal.day(d)


@rule("in-dur-since", rf"in\s+{_DUR}\s+since\s+{_ANCHOR}", calendar=False)
def _in_dur_since(m, ctx):
    durs = _durations(m["dur"])
    base = _anchor(m["anchor"], ctx)
    return cal.day(_apply(base.start, durs, 1)) if durs and base else None


def _anchor(text: str, ctx: Ctx) -> Period | None:
    v = parse_atom(text, ctx)
    return resolve(v, ctx) if not isinstance(v, str) else None


@rule("wd-dur-from-now", rf"(?P<wd>{_WDFULL})\s*,?\s+{_DUR}\s+(?:from\s+now|after\s+{_ANCHOR})",
      rf"{_DUR}\s+from\s+(?P<a2>now|today)\s+on\s+(?P<wd2>{_WDFULL})",
      rf"in\s+{_DUR}\s+on\s+(?P<wd3>{_WDFULL})", calendar=False)
def _wd_dur(m, ctx):
    if ctx.ref is None:
        return None
    durs = _durations(m["dur"])
    if not durs:
        return None
    base = ctx.ref
    if m["anchor"]:
        p = _anchor(m["anchor"], Ctx(ctx.ref, True))
        if p is None:
            return None
        base = p.start
    d = _apply(base, durs, 1)
    wd = _wd_num(m["wd"] or m["wd2"] or m["wd3"])
    return cal.day(d - d.weekday() * DAY + wd * DAY)


@rule("for-dur-from", rf"(?:for\s+)?{_DUR}\s*,?\s*(?:from|starting(?:\s+from)?|beginning)\s+{_ANCHOR}",
      rf"(?:for\s+)?{_DUR}\s*,\s*from\s+(?P<rest>the\s+{_DNUM}\s+of\s+{_MON}|{_DNUM}\s+{_MON}|"
      rf"{_MON}\s+{_DNUM})", calendar=False)
def _for_dur_from(m, ctx):
    durs = _durations(m["dur"])
    text = m["anchor"] or m["rest"]
    base = _anchor(text, Ctx(ctx.ref, True))
    if not durs or base is None:
        return None
    return cal.span(base.start, _apply(base.start, durs, 1))


# ---------------------------------------------------------------- ranges

_ATOM = "|".join(f"(?:{s})" for s in sorted(_ATOM_SOURCES, key=len, reverse=True))
_BARE_DAY = rf"(?:the\s+)?{_DAY}"


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
        if isinstance(b, Cal) and b.year is None and pa is not None and pb is not None and pb.start < pa.start:
            pb = resolve(Cal(pa.start.year + 1, b.month, b.day), ctx)
    if pa is None or pb is None:
        return None
    if re.fullmatch(rf"\s*(?:the\s+)?(?:{_DNUM}|{_ORDW}|(?:twenty|thirty)[- ]?(?:{_ORDW}))\s*", b_text, re.I) \
            and pa.start == pa.end:
        d = _day_num(re.sub(r"^\s*the\s+", "", b_text.strip(), flags=re.I))
        if d:  # "from April 27th to the third": the third of the month after
            first = pa.start.replace(day=1) if d >= pa.start.day else cal.add_months(pa.start.replace(day=1), 1)
            try:
                pb = cal.day(first.replace(day=d))
            except ValueError:
                return None
    if re.fullmatch(rf"\s*{_WDFULL}\s*", b_text, re.I):
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


def _middle(p: Period) -> dt.date:
    """The day a period is half over, as a range end: the 16th of a month, July 2 of a year."""
    if p.grain == "month" or (p.start.day == 1 and p.end == cal.month_end(p.start.year, p.start.month)):
        return p.start.replace(day=16)
    return p.start + ((p.end - p.start).days // 2) * DAY


@rule("day-range-month", rf"(?:(?P<from>from|between)\s+)?(?P<d1>{_BARE_DAY})(?:\s+of\s+(?P<m1>{_MON}))?"
                         rf"(?P<sep>{_TO}|\s+and\s+)(?P<d2>{_BARE_DAY})(?:\s+of)?\s+(?P<mon>{_MON})"
                         rf"(?:\s*,?\s*(?:in\s+|of\s+)?(?P<y>{_Y4}))?", atom=False)
def _day_range_month(m, ctx):
    if m["sep"].strip().lower() == "and" and (m["from"] or "").lower() != "between":
        return "reject"
    d1, d2 = (_day_num(re.sub(r"^the\s+", "", m[g], flags=re.I)) for g in ("d1", "d2"))
    mo = _month_num(m["mon"])
    mo1 = _month_num(m["m1"]) if m["m1"] else mo
    if not d1 or not d2:
        return None
    y = int(m["y"]) if m["y"] else None
    a, b = Cal(y, mo1, d1), Cal(y, mo, d2)
    if not m["m1"] and d1 > d2:  # "from the twenty-seventh to the third of April": the month before
        a = Cal(y, (mo - 2) % 12 + 1, d1)
    return _range_value(a, b, ctx)


@rule("month-day-range", rf"(?:(?P<from>from|between)\s+)?(?P<mon>{_MON})\s*(?:the\s+)?(?P<d1>{_DAY})"
                         rf"(?P<sep>{_TO}|\s+and\s+)(?:the\s+)?(?P<d2>{_DAY})(?![\w/])(?:\s*,?\s*(?P<y>{_Y4}))?",
      atom=False)
def _month_day_range(m, ctx):
    if m["sep"].strip().lower() == "and" and (m["from"] or "").lower() != "between":
        return "reject"
    d1, d2 = _day_num(m["d1"]), _day_num(m["d2"])
    if not d1 or not d2 or d2 <= d1:
        return "reject"
    y = int(m["y"]) if m["y"] else None
    mo = _month_num(m["mon"])
    return _range_value(Cal(y, mo, d1), Cal(y, mo, d2), ctx)


@rule("md-range", rf"(?:(?P<from>from|between)\s+)?(?P<a>\d{{1,2}}/\d{{1,2}})\s*(?:-|to|and|–)\s*"
                  rf"(?P<b>\d{{1,2}}/\d{{1,2}})(?:(?:\s*,\s*|/)(?P<y>{_Y4}))?", atom=False)
def _md_range(m, ctx):
    y = int(m["y"]) if m["y"] else None
    a, b = _md_parse(m["a"]), _md_parse(m["b"])
    if not a or not b:
        return "reject"
    return _range_value(Cal(y, *a), Cal(y, *b), ctx)


def _md_parse(text: str) -> tuple[int, int] | None:
    x, y = (int(p) for p in text.split("/"))
    mo, d = (x, y) if x <= 12 else (y, x)
    return (mo, d) if _valid(None, mo, d) else None


@rule("dashed-range", r"(?:from\s+)?(?P<a>\d{1,2}-\d{1,2}-\d{4})-(?P<b>\d{1,2}-\d{1,2}-\d{4})", atom=False)
def _dashed_range(m, ctx):
    a, b = parse_atom(m["a"], ctx), parse_atom(m["b"], ctx)
    if not isinstance(a, Cal) or not isinstance(b, Cal):
        return "reject"
    return _range_value(a, b, ctx)


@rule("in-next-month", rf"from\s+(?P<d1>{_DNUM})\s*-\s*(?P<d2>{_DNUM})\s+(?:in|of)\s+(?P<rel>this|next|last)\s+month",
      atom=False)
def _in_next_month(m, ctx):
    p = _rel_period(ctx, "month", _step(m["rel"]))
    if p is None:
        return None
    try:
        return cal.span(p.start.replace(day=_day_num(m["d1"])), p.start.replace(day=_day_num(m["d2"])))
    except (ValueError, TypeError):
        return None


@rule("since-to-date", rf"from\s+(?P<a>{_ATOM})\s+(?:to|till|until)\s+(?:date|current date|now|today)", atom=False)
def _since_to_date(m, ctx):
    a = parse_atom(m["a"], ctx)
    if a is None or isinstance(a, str) or ctx.ref is None:
        return None
    pa = resolve(a, Ctx(ctx.ref, False))
    return cal.span(pa.start, ctx.ref) if pa else None


_EDGE = rf"(?:{_ATOM}|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:{_ATOM}))"


@rule("range", rf"(?:(?P<from>from|between)\s+)?(?P<a>{_EDGE})(?P<sep>{_TO}|\s+and\s+)(?P<b>{_EDGE})", atom=False)
def _range(m, ctx):
    sep = m["sep"].strip().lower()
    if sep == "and" and (m["from"] or "").lower() != "between":
        return "reject"
    if sep in ("-", "–") and not m["from"] and re.fullmatch(r"\d+", m["a"].strip()) and re.fullmatch(
            r"\d+", m["b"].strip()) and not (len(m["a"].strip()) == 4 and len(m["b"].strip()) == 4):
        return "reject"
    a, b = _side(m["a"], ctx), _side(m["b"], ctx)
    if a is None and b is None:
        return "reject"
    if isinstance(a, str) or isinstance(b, str):
        return "reject"
    return _range_value(a, b, ctx, a_text=m["a"], b_text=m["b"])


def _side(text: str, ctx: Ctx) -> Value | str:
    """One side of a range: a date expression, or "the end/start/middle of" one (the side's edge is set later)."""
    inner = re.sub(r"^(?:the\s+)?(?:end|start|beginning|middle|mid)\s+of\s+", "", text.strip(), flags=re.I)
    return parse_atom(inner, ctx)



# ---------------------------------------------------------------- one expression

#: Rules that read two dates; the others read one, and may stand on either side of a range.
RANGE_RULES = {"range", "day-range-month", "month-day-range", "md-range", "dashed-range", "in-next-month",
               "since-to-date"}
_ATOM_RULES = [r for r in RULES if r.name not in RANGE_RULES] + SIDE_RULES


def parse_atom(text: str, ctx: Ctx) -> Value | str:
    """The value of a text that is one date expression, or None."""
    t = text.strip().strip(",()")
    for r in _ATOM_RULES:
        m = r.rx.fullmatch(t)
        if m:
            v = r.handle(_M(m), ctx)
            if v is not None and v != "reject":
                return v
    return None
