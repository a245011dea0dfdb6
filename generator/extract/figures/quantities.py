"""Quantities as the text writes them: a number with its currency or unit, range, sign and approximator.

:func:`scan_quantities` reads every quantity off a text without a parse, on top of
:mod:`generator.extract.figures.numbers` and :mod:`generator.extract.figures.units`, so "$1.2bn", "14k", "half a
million", "between 252 and 287 miles" and "more than 14,000" read the same however a tokenizer would
cut them. Times of day, phone numbers, web and file names, and calendar dates (see
:mod:`generator.extract.dates.dates`) are skipped here; what the parse must decide (names, years, what is
counted, changes) is left to :mod:`generator.extract.figures.figures`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from generator.extract.dates.dates import date_spans
from generator.extract.figures.numbers import ONES, TENS, VAGUE, VULGAR, Lex, Number, lex, read_number, tidy
from generator.extract.figures.units import PREFIX_STARTS, PREFIXES, Unit, UnitMatch, currency_before, unit_after

#: Words before a number, longest first, and the approx value they give (see model.APPROX_VOCAB).
APPROX_BEFORE: dict[tuple[str, ...], str] = {}
for _phrase, _approx in [
    ("about", "about"), ("around", "about"), ("round about", "about"), ("approximately", "about"),
    ("approx", "about"), ("approx .", "about"), ("roughly", "about"), ("some", "about"), ("circa", "about"),
    ("c .", "about"), ("an estimated", "about"), ("estimated", "about"), ("est .", "about"),
    ("more or less", "about"), ("~", "about"), ("≈", "about"), ("in the region of", "about"),
    ("somewhere around", "about"), ("give or take", "about"),
    ("almost", "almost"), ("nearly", "almost"), ("close to", "almost"), ("closer to", "almost"),
    ("not quite", "almost"), ("just shy of", "almost"), ("shy of", "almost"), ("approaching", "almost"),
    ("more than", "more than"), ("over", "more than"), ("above", "more than"), ("upwards of", "more than"),
    ("upward of", "more than"), ("in excess of", "more than"), ("just over", "more than"),
    ("well over", "more than"), ("greater than", "more than"), ("higher than", "more than"),
    ("exceeding", "more than"), ("north of", "more than"), (">", "more than"), ("just above", "more than"),
    ("well above", "more than"), ("over than", "more than"), ("more then", "more than"),
    ("less than", "less than"), ("fewer than", "less than"), ("under", "less than"), ("below", "less than"),
    ("just under", "less than"), ("just below", "less than"), ("well under", "less than"),
    ("well below", "less than"), ("lower than", "less than"), ("south of", "less than"), ("<", "less than"),
    ("less then", "less than"), ("sub", "less than"), ("sub -", "less than"),
    ("at least", "at least"), ("no fewer than", "at least"), ("no less than", "at least"),
    ("a minimum of", "at least"), ("minimum of", "at least"), ("at a minimum", "at least"), ("≥", "at least"),
    ("not less than", "at least"), ("as little as", "at least"), ("as few as", "at least"),
    ("up to", "up to"), ("at most", "up to"), ("as many as", "up to"), ("as much as", "up to"),
    ("no more than", "up to"), ("a maximum of", "up to"), ("maximum of", "up to"), ("≤", "up to"),
    ("not more than", "up to"), ("as high as", "up to"), ("at the most", "up to"),
]:
    APPROX_BEFORE[tuple(x.text for x in lex(_phrase))] = _approx
_MAX_APPROX = max(len(k) for k in APPROX_BEFORE)

#: Words after a number (and its unit) that make it approximate: "50 or more", "40-odd", "100-plus".
APPROX_AFTER: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least", ("or", "so"): "about", ("or", "over"): "at least", ("-", "odd"): "about",
    ("odd",): "about", ("-", "plus"): "more than", ("plus",): "more than", ("+",): "more than",
    ("or", "less"): "up to", ("or", "fewer"): "up to", ("or", "under"): "up to", ("and", "up"): "at least",
    ("and", "above"): "at least", ("and", "over"): "at least", ("and", "counting"): "at least",
    ("at", "most"): "up to", ("at", "least"): "at least", ("or", "thereabouts"): "about",
}

#: Not quantities: times of day ("10:30", "5pm", "three o'clock"), phone numbers, web and file names, postcodes.
_TIME_FORMS = [
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?", r"\b\d{1,2}\.\d{2}\s*[ap]\.?\s?m\b\.?",
    r"\b\d{1,2}\s*[ap]\.?m\b\.?",
    r"\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*o['’]clock\b",
    r"\b\d{3,4}\s*(?:GMT|BST|UTC|ET|EST|EDT|PT|PST|PDT)\b", r"\b\d{1,2}\s*(?:GMT|BST|UTC|EST|EDT|PST|PDT|CET)\b",
]
_PHONE_FORMS = [
    r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)\d{2,5}(?:[\s.-]\d{2,5}){1,3}(?![\w,])",
    r"(?<![\w.,$£€])\+\d{1,3}[\s.-]?\d{1,5}(?:[\s.-]\d{2,5}){1,4}(?![\w,])",
    r"(?<![\w.,$£€-])\d{3}[-.]\d{3}[-.]\d{4}(?![\w,])",
    r"(?<![\w.,$£€])0\d{2,4}\s\d{3,4}\s?\d{3,4}(?![\w,.])",
    r"\b(?:call|phone|tel|telephone|fax|hotline|ring|text|dial)\.?:?\s+\d[\d\s.-]{5,}\d",
]
_CODE_FORMS = [
    r"(?:https?://|www\.)\S+", r"\S+@\S+\.\w+", r"\S+\.(?:com|org|net|html?|pdf|xlsx?|docx?|csv|jpe?g|png)\b",
    r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b",
    # a run of non-spaces with a digit and, after it, an underscore: from here to the run's end, as
    # ``\S*\d+\S*_\S*`` matches, but found without backtracking over every split of a long word
    r"(?=[^\s\d]*+\d[^\s_]*+_)\S+",
    r"\b\d{1,3}(?:\.\d{1,3}){3}\b",
]


def _starting_with(first: str, forms: list[str], flags: int = 0) -> re.Pattern[str]:
    """The forms as one pattern, tried only where the next character is one of ``first`` (a character class
    holding every character a form can start with). The same matches, in half the time: the engine otherwise
    enters each form at every position of the text."""
    return re.compile(rf"(?={first})(?:{'|'.join(forms)})", flags)


_TIME = _starting_with(r"[\dotfsen]", _TIME_FORMS, re.I)  # a digit, or the number words one ... twelve
_PHONE = _starting_with(r"[+(\dcptfhrd]", _PHONE_FORMS, re.I)  # "+44", "(020)", digits, or "call", "phone"...
#: for each code form, what every match of it holds: a text without it can't match that form, which is then left
#: out of the pattern (the forms that can match, in the same order, match as all of them do)
_CODE_NEEDS = [re.compile(r"://|www\."), re.compile("@"),
               re.compile(r"\.(?:com|org|net|html?|pdf|xlsx?|docx?|csv|jpe?g|png)\b"), re.compile(_CODE_FORMS[3]),
               re.compile("_"), re.compile(_CODE_FORMS[5])]


@cache
def _code_pattern(forms: tuple[int, ...]) -> re.Pattern[str]:
    return re.compile("|".join(_CODE_FORMS[i] for i in forms))


def _codes(text: str) -> Iterator[re.Match[str]]:
    """The web addresses, e-mail addresses, file names, postcodes and identifiers in a text: a URL's digits are no
    figure. Most texts hold no code, and most of the others one kind: those are looked for alone."""
    forms = tuple(i for i, need in enumerate(_CODE_NEEDS) if need.search(text))
    return _code_pattern(forms).finditer(text) if forms else iter(())


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity read from lexes ``[start, end)`` (approximator and sign included), before any parse."""

    start: int
    end: int
    num_start: int  # lex index where the (first) number starts
    num_end: int  # lex index where the (last) number ends
    value: float | int | tuple  # a number, or (low, high)
    kind: str  # how the number is written: digits, words, fraction, share, vague (see numbers.Number)
    unit: Unit | None = None
    unit_text: str | None = None  # the unit as written
    unit_start: int = -1  # lex index of the unit, when written after the number
    currency_first: bool = False  # "$5": the currency is written before the number
    approx: str | None = None  # from model.APPROX_VOCAB
    change: str | None = None  # "up" for a written "+": "+0.2%"
    scaled: bool = False  # a scale word or suffix was applied: "1.2bn"
    is_range: bool = False
    move: bool = False  # "fell from 2,415 to 2,315": value is (from, to) in the text's order, not (low, high)
    per: str | None = None  # what a rate is per: "barrel" for "$58 a barrel"


def _text(lexes: list[Lex], text: str, a: int, b: int) -> str:
    return text[lexes[a].start:lexes[b - 1].end]


def _low(lexes: list[Lex], i: int) -> str:
    return lexes[i].low if 0 <= i < len(lexes) else ""


def _blocked(text: str, dates: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    spans = [m.span() for found in (_TIME.finditer(text), _PHONE.finditer(text), _codes(text)) for m in found]
    spans.extend(date_spans(text) if dates is None else dates)
    return sorted(spans)


def _in_blocked(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


def _approx_before(lexes: list[Lex], i: int) -> tuple[str, int] | None:
    for size in range(min(_MAX_APPROX, i), 0, -1):
        key = tuple(x.low for x in lexes[i - size:i])
        if key in APPROX_BEFORE:
            return APPROX_BEFORE[key], i - size
    return None


def _approx_after(lexes: list[Lex], j: int) -> tuple[str, int] | None:
    for size in (2, 1):
        key = tuple(x.low for x in lexes[j:j + size])
        if len(key) == size and key in APPROX_AFTER:
            if key[0] in ("-", "+") and not lexes[j].tight:
                continue
            if key == ("+",) and j + 1 < len(lexes) and lexes[j + 1].is_digits:
                continue
            return APPROX_AFTER[key], j + size
    return None


def _prefix_key(lexes: list[Lex], a: int, b: int) -> bool:
    """Whether lexes [a, b) are a key of the currency prefixes, as written or in lower case: only then can
    :func:`currency_before` of b find a currency that starts at a."""
    return tuple(x.text for x in lexes[a:b]) in PREFIXES or tuple(x.low for x in lexes[a:b]) in PREFIXES


def _read_one(text: str, lexes: list[Lex], i: int) -> Quantity | None:
    """One number with its currency and unit, starting at lex i (the currency may start there)."""
    cur = None
    k = i
    # a currency written first: "$", "US$", "HK $", "£", "USD"
    for size in (3, 2, 1) if lexes[i].low in PREFIX_STARTS else ():
        if i + size < len(lexes) and _prefix_key(lexes, i, i + size):  # else no currency starts at i: skip the call
            m = currency_before(lexes, i + size)
            if m and m.start == i:
                cur, k = m, i + size
                break
    negative = False
    if cur is not None and _low(lexes, k) in ("-", "−") and k + 1 < len(lexes) and lexes[k + 1].tight \
            and lexes[k + 1].is_digits:
        negative, k = True, k + 1  # "$-50.8bn"
    num = read_number(lexes, k, after_currency=cur is not None)
    if num is None:
        return None
    if negative:
        num = replace(num, value=-num.value) if not isinstance(num.value, tuple) else num
    num = _scientific(lexes, num) if cur is None else num
    num = _out_of(lexes, num) if cur is None else num
    if cur is not None and lexes[cur.start].text == "PS" and not (
            num.scaled or "," in lexes[k].text or "." in lexes[k].text):
        return None  # "PS5" is a games console, "PS2.7m" is £2.7m in ASCII-folded text
    return _complete(text, lexes, num, cur)


def _scientific(lexes: list[Lex], num: Number) -> Number:
    """"1.99×10−30", "6 x 10^23": a number in scientific notation."""
    j = num.end
    if num.kind != "digits" or _low(lexes, j) not in ("×", "x", "*") or _low(lexes, j + 1) != "10":
        return num
    k = j + 2
    sign = 1
    if _low(lexes, k) == "^":
        k += 1
    if _low(lexes, k) in ("-", "−"):
        sign, k = -1, k + 1
    if k < len(lexes) and lexes[k].text.isdigit() and lexes[k].tight and len(lexes[k].text) <= 3:
        return replace(num, value=tidy(float(num.value) * 10 ** (sign * int(lexes[k].text))), end=k + 1)
    return num


def _out_of(lexes: list[Lex], num: Number) -> Number:
    """"one out of three", "9 out of 10", "one in five voters": a share."""
    j = num.end
    if isinstance(num.value, tuple):
        return num
    if _low(lexes, j) == "out" and _low(lexes, j + 1) == "of":
        den = read_number(lexes, j + 2)
    elif _low(lexes, j) == "in" and num.kind in ("words", "digits") and isinstance(num.value, int):
        den = read_number(lexes, j + 1)
        if den is None or isinstance(den.value, tuple) or not isinstance(den.value, int) or den.value > 1000 \
                or den.kind not in ("words", "digits") or not _low(lexes, den.end).isalpha():
            return num  # "one in five voters", not "20 in 2019"
    else:
        return num
    if den is None or isinstance(den.value, tuple) or not den.value or den.value < num.value:
        return num
    return replace(num, value=tidy(num.value / den.value), end=den.end, kind="share")


def _complete(text: str, lexes: list[Lex], num: Number, cur: UnitMatch | None) -> Quantity:
    """A number with the currency before it or the unit after it."""
    j = num.end
    unit, unit_text, unit_start = None, None, -1
    if cur is not None:
        unit, unit_text = cur.unit, _text(lexes, text, cur.start, cur.end)
        if unit.name == "dollar":  # "$76 US", "$75 U.S.": the dollar is American
            written = [x.text for x in lexes[j:j + 4]]
            us = 1 if written[:1] == ["US"] else 4 if written == ["U", ".", "S", "."] else 0
            if us:
                unit, j = replace(unit, name="US dollar"), j + us
    else:
        m = unit_after(lexes, j, scaled=num.scaled)
        if m:
            unit, unit_text, unit_start, j = m.unit, _text(lexes, text, m.start, m.end), m.start, m.end
    return Quantity(start=cur.start if cur else num.start, end=j, num_start=num.start, num_end=num.end,
                    value=num.value, kind=num.kind, unit=unit, unit_text=unit_text, unit_start=unit_start,
                    currency_first=cur is not None, scaled=num.scaled)


def _per_unit(text: str, lexes: list[Lex], q: Quantity) -> Quantity:
    """Compound units: "$58.24 per barrel", "$3500 a month", "cents per share", "tests per day"."""
    j = q.end
    w = _low(lexes, j)
    if q.unit is None or w not in ("per", "a", "an", "/", "each", "every") or (w == "/" and not lexes[j].tight):
        return q
    m = unit_after(lexes, j + 1)
    if w in ("a", "an") and _low(lexes, (m.end if m else j + 2)) in _NOT_PER_AFTER:
        return q  # "4.5 per cent a year earlier": a date follows, not a rate
    if m and (w not in ("a", "an") or m.unit.kind in ("time", "mass", "volume", "length", "area")):
        per, end = m.unit.name, m.end
    elif j + 1 < len(lexes) and lexes[j + 1].low in _PER_NOUNS:
        per, end = _PER_NOUNS[lexes[j + 1].low], j + 2
    else:
        return q
    name = f"{q.unit.name} per {per}"
    if q.currency_first:
        unit_text = f"{q.unit_text} {_text(lexes, text, j, end)}"
    else:
        unit_text = _text(lexes, text, q.unit_start if q.unit_start >= 0 else q.start, end)
    return replace(q, unit=replace(q.unit, name=name), unit_text=unit_text, end=end, per=per)


_NOT_PER_AFTER = {"ago", "earlier", "later", "before", "after", "on", "from", "since", "or", "and"}
_PER_NOUNS = {"share": "share", "barrel": "barrel", "head": "head", "person": "person", "capita": "capita",
              "month": "month", "year": "year", "annum": "year", "day": "day", "week": "week", "hour": "hour",
              "night": "night", "ounce": "ounce", "oz": "ounce", "gallon": "gallon", "litre": "litre",
              "liter": "litre", "tonne": "tonne", "ton": "ton", "kg": "kilogram", "kilo": "kilogram",
              "pound": "pound", "lb": "pound", "gram": "gram", "unit": "unit", "seat": "seat", "ticket": "ticket",
              "household": "household", "student": "student", "employee": "employee", "mile": "mile",
              "km": "kilometre", "kilometre": "kilometre", "kwh": "kilowatt hour", "megawatt": "megawatt",
              "mmbtu": "million British thermal unit", "bushel": "bushel", "pack": "pack", "game": "game",
              "match": "match", "episode": "episode", "visit": "visit", "trip": "trip", "passenger": "passenger",
              "patient": "patient", "child": "child", "adult": "adult", "user": "user", "subscriber": "subscriber",
              "square": "square foot", "sq": "square metre", "tweet": "tweet", "post": "post", "copy": "copy",
              "vote": "vote", "dose": "dose", "serving": "serving", "bottle": "bottle", "can": "can"}


_JOINERS = {"to", "-", "–", "—", "and", "through", "thru", "till", "until", "or", "~"}


def _read_range(text: str, lexes: list[Lex], first: Quantity, blocked: list[tuple[int, int]] = ()) -> Quantity:
    """Join "X to Y", "X-Y", "between X and Y", "from X to Y", "X or Y" into one quantity with a (low, high) value."""
    if isinstance(first.value, tuple):
        return first
    before = _low(lexes, first.start - 1)
    opened = before in ("from", "between")
    if (before == "by" or before in _CHANGE_FORMS) and first.unit is not None:
        return first  # "increased by $43.6bn to $419.2bn": a change, then a level
    j = _skip_time_adjunct(lexes, first.end, blocked) if before == "from" else first.end
    if before == "from" and first.unit is not None:
        j = _skip_qualifier(lexes, j)
    if not _joins(lexes, j, first, before):
        return first
    w = _low(lexes, j)
    second = _read_one(text, lexes, j + 1)
    if second is None or isinstance(second.value, tuple) or not _compatible(first, second, w, opened):
        return first
    lo, hi = first.value, second.value
    if second.scaled and not first.scaled:  # a scale written once covers both: "$89 to $93 billion"
        base = _unscaled(lexes, second)
        if lo < base:
            lo = tidy(lo * hi / base)
    if lo == hi or (not opened and not lo < hi):
        return first
    move = before == "from" and (lo > hi or _moved_from(lexes, first.start - 1))
    return replace(second, start=first.start, num_start=first.num_start,
                   value=(lo, hi) if move else (min(lo, hi), max(lo, hi)),
                   unit=first.unit or second.unit, unit_text=first.unit_text if first.unit else second.unit_text,
                   currency_first=first.currency_first or second.currency_first, approx=first.approx,
                   is_range=True, kind=first.kind, move=move)


#: Word stems of verbs and nouns that move a level: "jumped from 240 to 273", "a rise from 3% to 4%".
_MOVE_STEM = re.compile(r"(?:ris|rose|increas|gr[eo]w|gain|jump|climb|surg|soar|advanc|fell|fall|drop|declin|decreas|"
                        r"slid|slip|lost|los|plung|plummet|tumbl|sank|sunk|cut|shed|dip|eas|rais|lower|reduc|trim|"
                        r"slash|boost|lift|shrank|shrink|swell|doubl|tripl|halv|went|go|mov|shift|chang|slow|"
                        r"accelerat|widen|narrow|expand|contract|up|down|revis)", re.I)


def _moved_from(lexes: list[Lex], k: int) -> bool:
    """Whether the "from" at lex k follows a verb or noun of change, past up to two adverbs: "rose sharply from"."""
    for j in range(k - 1, max(k - 4, -1), -1):
        w = lexes[j].low
        if _MOVE_STEM.match(w):
            return True
        if not (w.endswith("ly") or w in ("back", "again", "down", "up", "all", "way", "the")):
            return False
    return False


def _joins(lexes: list[Lex], j: int, first: Quantity, before: str) -> bool:
    """Whether lex j can join two numbers into a range, given the word before the first one."""
    w = _low(lexes, j)
    if w not in _JOINERS or j + 1 >= len(lexes):
        return False
    if w == "and":
        return before == "between"
    if w in ("till", "until", "through", "thru"):
        return before == "from"
    if w == "or":
        return isinstance(first.value, int) and first.kind == "words"  # "three or four years"
    if w == "-":
        return (lexes[j].tight and lexes[j + 1].tight) or before in ("from", "between")
    return True


def _compatible(first: Quantity, second: Quantity, joiner: str, opened: bool) -> bool:
    """Units must agree, or one side leaves its unit to the other: "5-10W", "$62 and $68", "1 to 2 thousand"."""
    if joiner == "or" and not (second.kind == "words" and isinstance(second.value, int)
                               and second.value > first.value):
        return False
    u1, u2 = first.unit, second.unit
    if u1 and u2 and u1.name != u2.name:
        return u1.kind == u2.kind == "currency" and first.currency_first and second.currency_first
    if u1 and u2 is None and not first.currency_first and not opened:
        return False  # "rose 8% to 3.65": the second number is not a percentage
    return not (second.currency_first and not first.currency_first and u1 is None and joiner != "-")


def _skip_time_adjunct(lexes: list[Lex], j: int, blocked: list[tuple[int, int]]) -> int:
    """"from $36,040 at 10.45pm last night to $34,935": step over times and dates between the two numbers."""
    while j < len(lexes):
        k = j + (_low(lexes, j) in ("at", "in", "on"))
        end = next((e for s_, e in blocked if k < len(lexes) and s_ <= lexes[k].start < e), None)
        if end is not None:
            while j < len(lexes) and lexes[j].start < end:
                j += 1
        elif _low(lexes, j) in ("last", "night", "this", "morning", "evening", "afternoon"):
            j += 1
        else:
            return j
    return j


def _skip_qualifier(lexes: list[Lex], j: int) -> int:
    """"from 21 mpg combined to 23", "from 208 pounds previously to 193": one or two plain words qualifying the
    first measure, when "to" and a number follow them (after a bare count the word is what it counts)."""
    for k in (j + 1, j + 2):
        if k + 1 < len(lexes) and lexes[k].low == "to" and lexes[k + 1].is_digits \
                and all(x.text.isalpha() and x.text.islower() and x.low not in ("and", "or", "but", "than")
                        for x in lexes[j:k]):
            return k
    return j


def _unscaled(lexes: list[Lex], q: Quantity) -> float:
    """The number as written before its scale: 93 in "$93 billion"."""
    lx = lexes[q.num_start]
    if lx.is_digits:
        return float(lx.text.replace(",", ""))
    got = read_number(lexes, q.num_start)
    return got.value if got and not isinstance(got.value, tuple) else 1.0


#: The lower-case words a quantity can start with (besides digits and vulgar fractions): a currency's first
#: piece, or a word :func:`~generator.extract.figures.numbers.read_number` can start with.
_STARTS = PREFIX_STARTS | ONES.keys() | TENS.keys() | VAGUE.keys() | {"tens", "hundreds", "a", "an", "half"}


def scan_quantities(text: str, dates: list[tuple[int, int]] | None = None) -> tuple[list[Lex], list[Quantity]]:
    """Every number in the text with its currency, unit, range and approximator (no parse needed).

    ``dates`` are the spans of calendar dates to skip; by default :func:`date_spans` of the text."""
    lexes = lex(text)
    blocked = _blocked(text, dates)
    out: list[Quantity] = []
    i, n = 0, len(lexes)
    while i < n:
        lx = lexes[i]
        if lx.low not in _STARTS and not lx.is_digits and lx.text not in VULGAR:
            i += 1  # nothing _read_one reads starts with this lex: skip the call
            continue
        q = _read_one(text, lexes, i)
        if q is None:
            i += 1
            continue
        q = _per_unit(text, lexes, _read_range(text, lexes, _per_unit(text, lexes, q), blocked))
        first, last = lexes[q.num_start], lexes[q.num_end - 1]
        if _in_blocked(blocked, first.start, first.end) or _in_blocked(blocked, last.start, last.end):
            i = q.end
            continue
        q = _modifiers(lexes, q)
        out.append(q)
        i = max(q.end, i + 1)
    return lexes, out


def _modifiers(lexes: list[Lex], q: Quantity) -> Quantity:
    """Signs and approximators around a quantity: "minus 5", "-5", "+0.2%", "about 300", "50 or more"."""
    start, value, change = q.start, q.value, None
    w = _low(lexes, start - 1)
    if w in ("-", "−") and _low(lexes, start - 2) in ("minus", "negative") and lexes[start].tight:
        value, start = _negate(value), start - 2  # "minus-130"
    elif w in ("minus", "negative") or (
            w in ("-", "−") and lexes[start].tight and (start < 2 or not lexes[start - 1].tight)):
        value, start = _negate(value), start - 1  # "minus 5", "-5" (not the dash of "5-10")
    elif w == "+" and lexes[start].tight:
        change, start = "up", start - 1  # "+0.2%"
    approx, end = None, q.end
    before = _approx_before(lexes, start)
    if before and not (lexes[before[1]].low == "over" and q.unit is not None and q.unit.kind == "time"):
        approx, start = before  # (but "over five years" is a span of time, not "more than")
    else:
        after = _approx_after(lexes, q.end)
        if after:
            approx, end = after
    return replace(q, start=start, end=end, value=value, approx=approx, change=change)


_CHANGE_FORMS = {"rose", "rise", "rises", "risen", "rising", "increased", "increase", "increases", "grew", "grow",
                 "grown", "gained", "gain", "gains", "jumped", "climbed", "surged", "soared", "advanced", "added",
                 "fell", "fall", "falls", "fallen", "dropped", "drop", "drops", "declined", "decreased", "slid",
                 "slipped", "lost", "plunged", "tumbled", "sank", "cut", "shed", "dipped", "plummeted", "eased",
                 "raised", "lowered", "reduced", "trimmed", "slashed", "boosted", "lifted", "up", "down"}


def _negate(v: float | int | tuple) -> float | int | tuple:
    return (-v[1], -v[0]) if isinstance(v, tuple) else -v
