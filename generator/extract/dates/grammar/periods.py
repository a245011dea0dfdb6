"""Years, decades, centuries, quarters and halves: "2014", "the nineties", "Q3 2019", "H1"."""

from __future__ import annotations

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import Period
from generator.extract.dates.grammar.core import (
    REJECT,
    Cal,
    Ctx,
    Groups,
    Result,
    Rule,
    relative_year,
    resolve,
    step_of,
    year_of,
)
from generator.extract.dates.grammar.words import ORDINAL_WORD, QUARTER_WORDS, YEAR, YEAR4, YEAR_WORDS, day_number


def _year_cue(m: Groups, _ctx: Ctx) -> Result:
    y = year_of(m)
    return cal.year(y) if y else None


def _year(m: Groups, _ctx: Ctx) -> Result:
    y = year_of(m)
    return Cal(y) if y else REJECT  # "twenty six percent": words that read as no year are a number


def _decade(m: Groups, _ctx: Ctx) -> Result:
    words = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
             "eighties": 80, "nineties": 90}
    if m["y"]:
        return cal.decade(int(m["y"]))
    yy = int(m["yy"] or m["y2"] or words[m["w"].lower()])
    return cal.decade(1900 + yy)


def _century(m: Groups, _ctx: Ctx) -> Result:
    n = day_number(m["n"])
    return cal.century(n) if n else None


_Q = r"(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter)"
_H = r"(?:h(?P<h>[12])|(?P<hw>first|second|1st|2nd)\s+half)"


def _quarter(m: Groups, ctx: Ctx) -> Result:
    q = _quarter_num(m["q"] or m["q2"], m["qw"])
    y = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else relative_year(ctx, m["rel"])
    return cal.quarter(y, q) if y else None


def _quarter_num(digit: str | None, word: str | None) -> int:
    if digit:
        return int(digit)
    w = word.lower()
    return {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(w, 4)


def _half(m: Groups, ctx: Ctx) -> Result:
    h = int(m["h"] or m["h2"]) if (m["h"] or m["h2"]) else (1 if m["hw"].lower() in ("first", "1st") else 2)
    y = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else relative_year(ctx, m["rel"])
    return cal.half(y, h) if y else None


def _rel_quarter(m: Groups, ctx: Ctx) -> Result:
    if ctx.ref is None:
        return None
    q = (ctx.ref.month - 1) // 3
    step = step_of(m["rel"])
    y, q = divmod(4 * ctx.ref.year + q + step, 4)
    return cal.quarter(y, q + 1)


def _quarter_alone(m: Groups, ctx: Ctx) -> Result:
    if (m["qw"] or "").lower() in ("last", "final"):
        return REJECT
    if ctx.ref is None:
        return None
    q = _quarter_num(m["q"], m["qw"])
    return resolve(Cal(None), ctx) and _quarter_in_year(ctx, q)


def _quarter_in_year(ctx: Ctx, q: int) -> Period:
    p = cal.quarter(ctx.ref.year, q)
    if ctx.future and p.end < ctx.ref:
        return cal.quarter(ctx.ref.year + 1, q)
    return p


RULES: tuple[Rule, ...] = (
    Rule("year-cue",
         rf"(?P<pre>(?:in|since|by|until|till|during|before|after|from|through|of|circa|c\.)\s+(?:the\s+)?"
         rf"(?:(?:calendar|fiscal|financial)\s+)?year\s+(?:of\s+)?|(?:calendar|fiscal|financial)\s+year\s+|"
         rf"the\s+year\s+(?:of\s+)?|year\s+|cy\s*|fy\s*|=)(?P<y>{YEAR}|\d\d)",
         _year_cue, ("year", "cy", "fy", "=")),
    Rule("year", rf"(?P<y>{YEAR4}|{YEAR_WORDS})", _year, ("1", "2", "teen", "twenty", "thousand")),
    Rule("decade",
         r"(?:the\s+)?(?:(?P<y>1[0-9]\d0|20\d0)\s?'?s|'(?P<yy>\d0)\s?s|(?P<y2>[1-9]0)\s?'?s"
         r"|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?![\w])",
         _decade, ("0", "ties")),
    Rule("century", rf"(?:the\s+)?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD})[\s-]+century", _century, ("century",)),
    Rule("quarter",
         rf"(?:(?:the\s+)?{_Q}(?:\s+of|\s*[-,]?)\s*(?:(?P<y>{YEAR4})|(?P<rel>this|last|next|the)\s+year)"
         rf"|(?P<y2>{YEAR4})\s*[-\s]\s*q(?P<q2>[1-4]))",
         _quarter, QUARTER_WORDS),
    Rule("half",
         rf"(?:(?:the\s+)?{_H}(?:\s+of|\s*[-,]?)\s*(?:(?P<y>{YEAR4})|(?P<rel>this|last|next|the)\s+year)"
         rf"|(?P<y2>{YEAR4})\s*[-\s]\s*h(?P<h2>[12]))",
         _half, ("h1", "h2", "half")),
    Rule("rel-quarter", r"(?P<rel>this|last|next|previous|past|coming|following|current|the)\s+quarter",
         _rel_quarter, ("quarter",)),
    Rule("quarter-alone", rf"(?:the\s+)?(?:{_Q})(?!\s+(?:of|to|results|earnings))", _quarter_alone, QUARTER_WORDS),
)
