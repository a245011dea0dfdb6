"""Numbers that count or measure something: value, unit, how exact, which way, and what is counted.

:func:`extract_figures` reads numbers off the text itself (see :mod:`generator.extract.numbers`
and :mod:`generator.extract.units`), so "$1.2bn", "14k" and "half a million" read the same however
the tokenizer cut them, and uses the parse only where syntax decides: what a number counts
("90,000 troops", "5% of its workforce", "Tesla shares ... up 57%"), whether a verb makes it a
change ("rose 3%", "fell by 200"), and whether it is part of a name ("Model 3", "787 Dreamliner").

Not figures: years and dates (those are :mod:`generator.extract.dates`), times of day, ordinals
("41st army"), phone numbers, page and other reference numbers ("page 4", "category 4", "No. 1"),
sports scores ("2-0"), and numbers inside names, codes, file names and addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from generator.extract.dates import date_spans
from generator.extract.numbers import FRACTIONS, ORDINAL_SUFFIX, Lex, Number, lex, read_number, tidy
from generator.extract.text import sentence_text
from generator.extract.units import PREFIX_STARTS, TIME_UNITS, Unit, currency_before, unit_after
from generator.model import Figure

# ---------------------------------------------------------------- approximators and changes

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

#: Verbs that move a figure whatever it measures: "rose 3%", "fell 200", "jumped by a third".
UP_VERBS = {"rise", "increase", "grow", "gain", "jump", "climb", "surge", "soar", "advance", "rally", "rebound",
            "spike", "leap", "rocket", "skyrocket", "balloon", "accelerate", "swell", "mushroom", "escalate"}
DOWN_VERBS = {"fall", "drop", "decline", "decrease", "slide", "slip", "plunge", "tumble", "sink", "shrink", "dip",
              "plummet", "sag", "slump", "crash", "dive", "retreat", "tank", "crater", "nosedive", "collapse"}
#: Verbs that move a figure only when it is a rate or a price move: "lost 2.7%", "added 15 sen to RM23.50"
#: (but "lost 3 games", "raised $280m").
WEAK_UP = {"add", "raise", "lift", "boost", "expand", "widen", "improve", "firm", "edge", "hike", "double", "tick",
           "inch", "push", "bump", "up"}
WEAK_DOWN = {"lose", "cut", "reduce", "lower", "trim", "slash", "shed", "narrow", "ease", "weaken", "contract", "erode",
             "drift", "slow", "shave", "pare", "down", "dent"}
_IRREGULAR = {"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
              "slid": "slide", "lost": "lose", "sank": "sink", "sunk": "sink", "shrank": "shrink", "shrunk": "shrink",
              "dove": "dive", "leapt": "leap", "upped": "up", "downed": "down"}
#: Verbs whose "up"/"down" particle is no direction: "gave up 517 yards", "picked up 3 points".
_PHRASAL = {"give", "pick", "set", "put", "take", "make", "turn", "break", "sign", "line", "back", "shut", "show",
            "wind", "bring", "build", "step", "wake", "look", "round", "call", "hold", "rack", "clock", "sum",
            "tot", "add", "split", "mark", "write", "ramp", "scale", "beef", "shore", "gear", "sell", "hand",
            "bottle", "bump", "cough", "fork", "pony", "chalk", "run", "snap", "buy", "open", "cover", "tie"}


def _direction(tok: Token) -> tuple[str | None, bool]:
    """The direction a verb moves a figure ("up"/"down"/None) and whether it is a weak mover."""
    lemma = _IRREGULAR.get(tok.lower_, tok.lemma_.lower())
    if lemma in UP_VERBS:
        return "up", False
    if lemma in DOWN_VERBS:
        return "down", False
    if lemma in WEAK_UP:
        return "up", True
    if lemma in WEAK_DOWN:
        return "down", True
    return None, False


# ---------------------------------------------------------------- what is not a figure

#: Nouns that label a thing by number rather than count it: "page 4", "category 4", "No. 1".
LABEL_NOUNS = {
    "page", "pages", "p.", "pp.", "pp", "no", "no.", "nos", "number", "#", "chapter", "section", "article",
    "paragraph", "clause", "verse", "line", "lines", "flight", "route", "highway", "interstate", "road", "level",
    "grade", "phase", "stage", "room", "gate", "platform", "terminal", "row", "seat", "track", "volume", "vol",
    "vol.", "issue", "version", "v", "type", "class", "size", "figure", "fig", "fig.", "table", "tier", "category",
    "cat", "season", "episode", "ep", "round", "game", "match", "act", "scene", "exit", "bus", "apartment", "apt",
    "suite", "box", "division", "group", "ward", "district", "zone", "pier", "hole", "lane", "channel", "series",
    "part", "step", "item", "question", "rule", "amendment", "proposition", "prop", "bill", "resolution",
    "unit", "block", "floor", "building", "lot", "plot", "court", "studio", "hall", "station", "week", "day",
    "month", "year", "ranked", "rank", "number", "model", "mark", "mk", "generation", "gen", "covid",
    "windows", "ios", "android", "iphone", "ipad", "galaxy", "pixel", "ps", "xbox", "vision", "formula",
    "area", "tranche", "batch", "lap", "stage", "leg", "heat", "jersey", "shirt", "pick", "seed", "spot",
    "sector", "quadrant", "region", "precinct", "camp", "sol", "patient", "subject", "case", "phase", "covid-",
}
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "last", "next", "final"}

_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\b\.?)?|\b\d{1,2}\.\d{2}\s*[ap]\.?\s?m\b\.?"
                   r"|\b\d{1,2}\s*[ap]\.?m\b\.?|\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                   r"twelve)\s*o['’]clock\b|\b\d{3,4}\s*(?:GMT|BST|UTC|ET|EST|EDT|PT|PST|PDT)\b"
                   r"|\b\d{1,2}\s*(?:GMT|BST|UTC|EST|EDT|PST|PDT|CET)\b", re.I)
_PHONE = re.compile(r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)\d{2,5}(?:[\s.-]\d{2,5}){1,3}(?![\w,])"
                    r"|(?<![\w.,$£€])\+\d{1,3}[\s.-]?\d{1,5}(?:[\s.-]\d{2,5}){1,4}(?![\w,])"
                    r"|(?<![\w.,$£€-])\d{3}[-.]\d{3}[-.]\d{4}(?![\w,])"
                    r"|(?<![\w.,$£€])0\d{2,4}\s\d{3,4}\s?\d{3,4}(?![\w,.])"
                    r"|\b(?:call|phone|tel|telephone|fax|hotline|ring|text|dial)\.?:?\s+\d[\d\s.-]{5,}\d", re.I)
_CODE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:com|org|net|html?|pdf|xlsx?|docx?|csv|jpe?g|png)\b"
                   r"|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b|\S*\d+\S*_\S*|\b\d{1,3}(?:\.\d{1,3}){3}\b")


@dataclass(frozen=True, slots=True)
class _Raw:
    """A figure read from lexes ``[start, end)``, before the parse is consulted."""

    start: int
    end: int
    num_start: int  # lex index where the (first) number starts
    num_end: int  # lex index where the (last) number ends
    value: float | int | tuple
    kind: str
    unit: Unit | None = None
    unit_text: str | None = None
    unit_start: int = -1  # lex index of the unit, when written after the number
    currency_first: bool = False  # "$5": the currency is written before the number
    approx: str | None = None
    change: str | None = None
    scaled: bool = False
    is_range: bool = False
    year_like: bool = False


def _text(lexes: list[Lex], text: str, a: int, b: int) -> str:
    return text[lexes[a].start:lexes[b - 1].end]


def _low(lexes: list[Lex], i: int) -> str:
    return lexes[i].low if 0 <= i < len(lexes) else ""


def _blocked(text: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for rx in (_TIME, _PHONE, _CODE) for m in rx.finditer(text)]
    spans.extend(date_spans(text))
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


def _unit_text(text: str, lexes: list[Lex], a: int, b: int) -> str:
    return _text(lexes, text, a, b)


def _read_one(text: str, lexes: list[Lex], i: int) -> _Raw | None:
    """One number with its currency and unit, starting at lex i (the currency may start there)."""
    cur = None
    k = i
    # a currency written first: "$", "US$", "HK $", "£", "USD"
    for size in (3, 2, 1) if lexes[i].low in PREFIX_STARTS else ():
        if i + size < len(lexes):
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
    """"one out of three", "9 out of 10": a share."""
    j = num.end
    if _low(lexes, j) != "out" or _low(lexes, j + 1) != "of" or isinstance(num.value, tuple):
        return num
    den = read_number(lexes, j + 2)
    if den is None or isinstance(den.value, tuple) or not den.value or den.value < num.value:
        return num
    return replace(num, value=tidy(num.value / den.value), end=den.end, kind="share")


def _complete(text: str, lexes: list[Lex], num: Number, cur) -> _Raw:
    j = num.end
    unit: Unit | None = None
    unit_text = None
    unit_start = -1
    start = cur.start if cur else num.start
    if cur:
        unit = cur.unit
        unit_text = _text(lexes, text, cur.start, cur.end)
        # "$76 US", "$75 U.S.": the dollar is American
        if unit.name == "dollar" and _low(lexes, j) in ("us", "u") and not _low(lexes, j + 1).isalpha():
            after = 3 if _low(lexes, j) == "u" and _low(lexes, j + 1) == "." else 1
            if after == 1 or _low(lexes, j + 3) == ".":
                unit = replace(unit, name="US dollar")
                j += after + (1 if after == 3 else 0)
    else:
        m = unit_after(lexes, j, scaled=num.scaled)
        if m:
            unit = m.unit
            unit_text = _text(lexes, text, m.start, m.end)
            unit_start = m.start
            j = m.end
    return _Raw(start=start, end=j, num_start=num.start, num_end=num.end, value=num.value, kind=num.kind,
                unit=unit, unit_text=unit_text, unit_start=unit_start, currency_first=cur is not None,
                scaled=num.scaled)


def _per_unit(text: str, lexes: list[Lex], raw: _Raw) -> _Raw:
    """Compound units: "$58.24 per barrel", "$3500 a month", "cents per share", "tests per day"."""
    j = raw.end
    w = _low(lexes, j)
    if raw.unit is None or w not in ("per", "a", "an", "/", "each", "every"):
        return raw
    if w == "/" and not lexes[j].tight:
        return raw
    nxt = j + 1
    m = unit_after(lexes, nxt)
    if m and (w != "a" or m.unit.kind == "time" or m.unit.kind in ("mass", "volume", "length", "area")):
        name = f"{raw.unit.name} per {m.unit.name}"
        end = m.end
    elif w in ("per", "/", "a", "an", "each", "every") and nxt < len(lexes) and lexes[nxt].text.isalpha() \
            and lexes[nxt].low in _PER_NOUNS:
        name = f"{raw.unit.name} per {_PER_NOUNS[lexes[nxt].low]}"
        end = nxt + 1
    else:
        return raw
    unit = replace(raw.unit, name=name)
    unit_text = _text(lexes, text, raw.unit_start if raw.unit_start >= 0 else raw.start, end) \
        if not raw.currency_first else f"{raw.unit_text} {_text(lexes, text, j, end)}"
    return replace(raw, unit=unit, unit_text=unit_text, end=end)


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


def _read_range(text: str, lexes: list[Lex], first: _Raw, blocked: list[tuple[int, int]] = ()) -> _Raw:
    """Join "X to Y", "X-Y", "between X and Y", "from X to Y", "X or Y" into one figure with a {low, high} value."""
    j = first.end
    w = _low(lexes, j)
    before = _low(lexes, first.start - 1)
    if (before == "by" or before in _CHANGE_FORMS) and first.unit is not None:
        return first  # "increased by $43.6bn to $419.2bn": a change, then a level
    if before == "from" and w in ("in", "at", "on", "last", "this") and j + 1 < len(lexes):
        # "from $36,040 at 10.45pm last night to $34,935": skip a time adjunct
        k = j + (w in ("in", "at", "on"))
        end = next((e for s_, e in blocked if s_ <= lexes[k].start < e), None)
        if end is not None:
            while j < len(lexes) and lexes[j].start < end:
                j += 1
            while _low(lexes, j) in ("last", "night", "this", "morning", "evening", "afternoon", "at", "in", "on"):
                if _low(lexes, j) in ("at", "in", "on"):
                    nxt_end = next((e for s_, e in blocked if j + 1 < len(lexes) and s_ <= lexes[j + 1].start < e),
                                   None)
                    if nxt_end is None:
                        break
                    while j < len(lexes) and lexes[j].start < nxt_end:
                        j += 1
                    continue
                j += 1
            w = _low(lexes, j)
    if w == "and" and before != "between":
        return first
    if w not in ("to", "-", "–", "—", "and", "through", "thru", "till", "until", "or", "~"):
        return first
    if w in ("-", "–", "~") and first.unit is not None and not first.currency_first and lexes[j].tight \
            and first.unit.kind != "percent":
        pass
    if w == "or" and not (isinstance(first.value, int) and first.kind == "words"):
        return first
    if w in ("till", "until", "through", "thru") and before != "from":
        return first
    second = _read_one(text, lexes, j + 1)
    if second is None or isinstance(second.value, tuple) or isinstance(first.value, tuple):
        return first
    if w == "-" and not (lexes[j].tight and lexes[j + 1].tight) and not (w == "-" and before in ("from", "between")):
        return first
    if w == "or" and not (second.kind == "words" and isinstance(second.value, int) and second.value > first.value):
        return first
    # units must agree, or one side leaves its unit to the other: "5-10W", "$62 and $68", "1 to 2 thousand"
    u1, u2 = first.unit, second.unit
    if u1 and u2 and u1.name != u2.name and not (u1.kind == u2.kind == "currency" and second.currency_first
                                                 and first.currency_first):
        return first
    if u1 and u2 is None and not first.currency_first and before not in ("from", "between"):
        return first  # "rose 8% to 3.65": the second number is not a percentage
    if second.currency_first and not first.currency_first and u1 is None and w != "-":
        return first  # "10.4 cents to US $2.24"
    lo, hi = first.value, second.value
    if first.unit is None and second.unit is not None and second.unit.kind == "time" and w == "to":
        pass
    # a scale written once covers both: "$89 to $93 billion", "1 to 2 thousand"
    if second.scaled and not first.scaled and lo < _unscaled(text, lexes, second):
        lo = tidy(lo * (hi / _unscaled(text, lexes, second)))
    if before not in ("from", "between") and not lo < hi:
        return first
    if lo == hi:
        return first
    low, high = (lo, hi) if lo <= hi else (hi, lo)
    unit = u1 or u2
    unit_text = first.unit_text if u1 else second.unit_text
    return replace(second, start=first.start, num_start=first.num_start, value=(low, high), unit=unit,
                   unit_text=unit_text, currency_first=first.currency_first or second.currency_first,
                   approx=first.approx, is_range=True, kind=first.kind)


def _unscaled(text: str, lexes: list[Lex], raw: _Raw) -> float:
    got = read_number(lexes, raw.num_start)
    lx = lexes[raw.num_start]
    if lx.is_digits:
        return float(lx.text.replace(",", ""))
    return got.value if got and not isinstance(got.value, tuple) else 1.0


def _scan(text: str) -> tuple[list[Lex], list[_Raw]]:
    """Every number in the text with its currency, unit, range and approximator (no parse needed)."""
    lexes = lex(text)
    blocked = _blocked(text)
    out: list[_Raw] = []
    i, n = 0, len(lexes)
    while i < n:
        raw = _read_one(text, lexes, i)
        if raw is None:
            i += 1
            continue
        raw = _per_unit(text, lexes, raw)
        raw = _read_range(text, lexes, raw, blocked)
        raw = _per_unit(text, lexes, raw)
        a, b = lexes[raw.num_start].start, lexes[raw.num_end - 1].end
        if _in_blocked(blocked, a, b):
            i = raw.end
            continue
        raw = _modifiers(lexes, raw)
        out.append(raw)
        i = max(raw.end, i + 1)
    return lexes, out


def _modifiers(lexes: list[Lex], raw: _Raw) -> _Raw:
    """Approximators, signs and written directions around a figure: "about", "minus", "+0.2%", "up 3%"."""
    start = raw.start
    value = raw.value
    change = None
    # sign: "minus 5", "minus-5", "-5" (not a range dash), "+0.2%"
    w = _low(lexes, start - 1)
    if w in ("-", "−") and _low(lexes, start - 2) in ("minus", "negative") and lexes[start].tight:
        value, start = _negate(value), start - 2
    elif w in ("minus", "negative"):
        value, start = _negate(value), start - 1
    elif w in ("-", "−") and lexes[start].tight and (start < 2 or not lexes[start - 1].tight):
        value, start = _negate(value), start - 1
    elif w == "+" and lexes[start].tight:
        change = "up"
        start -= 1
    approx = None
    got = _approx_before(lexes, start)
    if got:
        approx, start = got
        # "some" and "over" need care: "some of", "over the" never reach here; "over 5 years" stays
    after = _approx_after(lexes, raw.end)
    end = raw.end
    if after and approx is None:
        approx, end = after
    return replace(raw, start=start, end=end, value=value, approx=approx, change=change)


_CHANGE_FORMS = {"rose", "rise", "rises", "risen", "rising", "increased", "increase", "increases", "grew", "grow",
                 "grown", "gained", "gain", "gains", "jumped", "climbed", "surged", "soared", "advanced", "added",
                 "fell", "fall", "falls", "fallen", "dropped", "drop", "drops", "declined", "decreased", "slid",
                 "slipped", "lost", "plunged", "tumbled", "sank", "cut", "shed", "dipped", "plummeted", "eased",
                 "raised", "lowered", "reduced", "trimmed", "slashed", "boosted", "lifted", "up", "down"}


def _negate(v):
    if isinstance(v, tuple):
        return (-v[1], -v[0])
    return -v


# ---------------------------------------------------------------- the parse: names, years, counts, changes


def _tokens(doc: Doc, a: int, b: int) -> Span | None:
    return doc.char_span(a, b, alignment_mode="expand")


def _is_year(raw: _Raw, lexes: list[Lex], doc: Doc, span: Span) -> bool:
    v = raw.value
    if raw.unit is not None or raw.approx is not None or raw.kind != "digits" or raw.scaled:
        return False
    lx = lexes[raw.num_start].text
    values = v if isinstance(v, tuple) else (v,)
    if not all(isinstance(x, int) and 1000 <= x <= 2100 for x in values) or "," in lx or "." in lx:
        return False
    if any(t.ent_type_ == "DATE" for t in span):
        return True
    last = span[-1]
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    # "2000 people", "1500 jobs": a plural noun counted by the number
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and last.dep_ == "nummod" and last.head == nxt \
            and not (values[0] >= 1900 and nxt.lower_ in ("elections", "sales", "results", "figures", "levels")):
        return False
    return True


def _part_of_name(raw: _Raw, lexes: list[Lex], doc: Doc, span: Span) -> bool:
    """"Model 3", "Game 7", "FTSE 100", "TA-35", "COVID-19", "787 Dreamliner", "575 Wilbraham Road", "page 4"."""
    if raw.currency_first:
        return False
    first = lexes[raw.num_start]
    prev = lexes[raw.num_start - 1] if raw.num_start > 0 else None
    # glued to letters: "X-Pro3", "V10", "TA-35", "COVID-19"
    if prev is not None and first.tight and raw.start == raw.num_start and raw.unit is None:
        if prev.text == "-" and prev.tight and raw.num_start >= 2 and lexes[raw.num_start - 2].text[0].isalpha():
            return True
        if prev.text[0].isalpha() or prev.text in ("#", "_"):
            return True
    # letters glued after: "5G", "4B", "2018s", "3s"
    nxt = lexes[raw.num_end] if raw.num_end < len(lexes) else None
    if nxt is not None and nxt.tight and nxt.text[0].isalpha() and raw.unit is None and raw.kind == "digits" \
            and not ORDINAL_SUFFIX.match(nxt.text):
        return True
    # a label noun before: "page 4", "category 4", "No. 1", "Game 7"
    if span.start > 0 and raw.unit is None and raw.approx is None:
        tb = doc[span.start - 1]
        low = tb.lower_
        if low in LABEL_NOUNS or tb.text in ("No.", "no.", "#", "Nos.", "pp.", "p."):
            if low in ("year", "month", "week", "day", "pick", "seed", "spot"):
                return tb.i > 0 and doc[tb.i - 1].pos_ in ("DET",) and doc[tb.i - 1].lower_ == "the" \
                    and low not in ("pick", "seed", "spot")
            return True
    if raw.unit is not None or raw.approx is not None or raw.kind not in ("digits", "words"):
        return False
    # a capitalized word before it: "Model 3", "iPhone 11", "the Big 12", "Channel 5", "Formula One"
    if span.start > 0:
        tb = doc[span.start - 1]
        if tb.text[:1].isalpha() and any(c.isupper() for c in tb.text[:2]) and not tb.is_sent_start \
                and tb.ent_type_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY") \
                and tb.lower_ not in _NOT_NAME_BEFORE and tb.lower_.rstrip(".") not in _CALENDAR_WORDS:
            return True
    plain_int = raw.kind == "digits" and first.text.isdigit()
    # a proper name after it: "787 Dreamliner", "90049 ZIP Code", "575 Wilbraham Road", "9 E 71st St"
    end = span.end
    if end < len(doc) and plain_int:
        ta = doc[end]
        if ta.text[:1].isupper() and ta.is_alpha and ta.ent_type_ not in ("NORP", "GPE") \
                and ta.lower_ not in _CALENDAR_WORDS:
            k = end
            while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].like_num) and doc[k].tag_ != "NNPS":
                k += 1
            if not (k < len(doc) and doc[k].tag_ == "NNS") and not (k < len(doc) and doc[k].tag_ == "NNPS"):
                return True
        # "two new 737 Max jets": a second number before the noun is a model
        k = span.start - 1
        while k >= 0 and doc[k].pos_ == "ADJ" and span.start - k <= 2:
            k -= 1
        if k >= 0 and k < span.start - 1 and doc[k].like_num:
            return True
    return False


_CALENDAR_WORDS = {"january", "jan", "february", "feb", "march", "mar", "april", "apr", "may", "june", "jun", "july",
                   "jul", "august", "aug", "september", "sept", "sep", "october", "oct", "november", "nov",
                   "december", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NOT_NAME_BEFORE = {"the", "a", "an", "about", "around", "some", "over", "under", "nearly", "almost", "just", "only",
                    "than", "and", "or", "of", "at", "to", "by", "in", "on", "for", "with", "from", "between", "top",
                    "up", "down", "all", "its", "his", "her", "their", "our", "i", "we", "they", "he", "she", "it"}


def _ordinal(raw: _Raw, lexes: list[Lex]) -> bool:
    nxt = lexes[raw.num_end] if raw.num_end < len(lexes) else None
    if nxt is not None and nxt.tight and ORDINAL_SUFFIX.match(nxt.text) and raw.unit is None:
        return True
    # "96th-minute" reads 96 then "th": covered above; "one-off", "one-time" are not counts
    return False


_SKIP_WORD_PHRASES = {("one", "another"), ("one", "of", "them"), ("no", "one"), ("one", "day"),
                      ("one", "time"), ("one", "-", "off"), ("one", "-", "time"), ("one", "-", "on"),
                      ("one", "-", "way"), ("one", "-", "sided"), ("one", "-", "party"), ("one", "-", "man")}


def _word_noise(raw: _Raw, lexes: list[Lex], doc: Doc, span: Span) -> bool:
    """Number words that are not figures: "one another", "the one", "one day", "a third term", "half-time"."""
    if raw.kind not in ("words", "fraction") or raw.currency_first or raw.unit is not None or raw.is_range:
        return False
    first = lexes[raw.num_start].low
    nxt = _low(lexes, raw.num_end)
    if raw.kind == "fraction" and not lexes[raw.num_start].is_digits:
        # "a third of", "two-thirds of", "almost half", "half the"; not "a third term", "half-time", "second half"
        if nxt == "-" or (raw.num_end < len(lexes) and lexes[raw.num_end].tight and nxt.isalpha()):
            return True
        prev = _low(lexes, raw.num_start - 1)
        if prev in ORDINAL_WORDS or prev in ("the", "other", "this", "that", "his", "her", "its", "their"):
            return True
        if nxt not in ("of", "the", "a", "an", "their", "its", "his", "her", "our", "all", "") \
                and lexes[raw.num_end].text.isalpha() and raw.approx is None:
            return True
        return False
    tok = span[0]
    # "the bottom three", "the top two": a rank, not a count, when nothing is counted
    if raw.kind == "words" and tok.i > 0 and doc[tok.i - 1].lower_ in ("top", "bottom", "last", "first", "final",
                                                                       "remaining", "other", "big") \
            and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "ADJ")):
        return True
    # "one 52,000 barrel-a-day refinery": a determiner before another number
    if raw.kind == "words" and raw.num_end < len(lexes) and lexes[raw.num_end].is_digits:
        return True
    # "one" as a pronoun or in fixed phrases
    key3 = tuple(_low(lexes, raw.num_start + k) for k in range(3))
    if (key3[:2] in _SKIP_WORD_PHRASES) or key3 in _SKIP_WORD_PHRASES:
        return True
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if first == "one":
        if prev is not None and prev.lower_ in ("the", "this", "that", "no", "any", "every", "each", "which",
                                                "some", "someone", "anyone", "no-one", "little", "young", "loved",
                                                "last", "only", "another", "one", "big", "right", "wrong", "same"):
            return True
        if tok.dep_ in ("nsubj", "nsubjpass") and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of"):
            return True
    if first in ("a", "an"):
        return False
    return False


_SUBJ = ("nsubj", "nsubjpass", "csubj", "expl")
_NP_MODS = {"compound", "amod", "nmod", "poss", "npadvmod", "quantmod"}
_PRONOUNS = {"it", "they", "this", "that", "which", "who", "he", "she", "we", "i", "you", "these", "those", "there",
             "what", "its", "one", "some", "all", "many", "most", "others", "both", "each", "them"}


def _np(tok: Token) -> str | None:
    """A noun phrase's words as written, determiners, numbers and clauses left out: "Tesla shares"."""
    if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON" or tok.like_num:
        return None
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss") and _np_word(c)]
    words = []
    for c in left:
        words.extend(x for x in c.subtree if _np_word(x))
    words.append(tok)
    # "shares of Urban Outfitters", "price of gold"
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            obj = [x for x in c.children if x.dep_ == "pobj"]
            if obj and not obj[0].like_num and obj[0].pos_ in ("NOUN", "PROPN"):
                words.extend(x for x in obj[0].subtree if x.i <= obj[0].i and x.pos_ in ("NOUN", "PROPN", "ADJ"))
    words = sorted(set(words), key=lambda t: t.i)
    text = " ".join(t.text for t in words).strip()
    return text or None


def _np_word(x: Token) -> bool:
    """A word worth keeping in a counted thing's name: not a number, unit, symbol or function word."""
    return x.pos_ not in ("DET", "PUNCT", "NUM", "PRON", "PART", "SYM", "ADP", "CCONJ") and not x.like_num \
        and x.tag_ != "$" and x.lower_ not in _UNIT_WORDS and x.lower_ not in _PRONOUNS


_UNIT_WORDS = {"percent", "%", "cent", "per", "pc", "pct", "year", "old", "-"}


def _governor(tok: Token) -> Token:
    """The verb or noun a figure hangs from, through number-phrase and preposition links."""
    t = tok
    for _ in range(6):
        if t.dep_ in ("nummod", "quantmod", "compound", "pobj", "prep", "npadvmod", "advmod", "amod", "appos",
                      "conj", "cc", "dobj", "attr", "nmod", "acomp", "oprd", "dep") and t.head is not t:
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        else:
            break
    return t


def _subject(verb: Token) -> Token | None:
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            if subj[0].lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                return verb.head  # "bank stocks, which were up 2.8%"
            return subj[0]
        if verb.dep_ in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp") and verb.head is not verb:
            if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return verb.head
            verb = verb.head
            if verb.pos_ == "ADP" and verb.head is not verb:  # "after plummeting 65%"
                verb = verb.head
        else:
            break
    return None


def _counts(doc: Doc, span: Span, raw: _Raw) -> tuple[str | None, Token | None]:
    """What the figure counts or measures, and the token of the counted noun when it follows the number."""
    # the last token of the number (or of its unit)
    unit_tok = span[-1]
    num_tok = next((doc[k] for k in range(span.end - 1, span.start - 1, -1) if doc[k].like_num or doc[k].pos_ == "NUM"),
                   unit_tok)
    after = doc[span.end] if span.end < len(doc) else None

    # vague plurals and fractions: "thousands of troops", "a third of voters", "one of the best"
    if after is not None and after.lower_ == "of" and raw.unit is None:
        obj = [c for c in after.children if c.dep_ == "pobj"]
        if not obj and span.end + 1 < len(doc):
            k = span.end + 1
            while k < len(doc) and doc[k].pos_ in ("DET", "ADJ", "PRON", "ADV", "NUM") and doc[k].tag_ != "PRP":
                k += 1
            obj = [doc[k]] if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") else []
        if obj:
            return _np(obj[0]), obj[0]
    if raw.unit is None:
        # a bare count: the noun it counts, "90,000 troops", "more than 14,000 dead"
        for t in (num_tok, unit_tok):
            h = t.head
            if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and h.i > t.i \
                    and h.pos_ in ("NOUN", "PROPN") and h.i - span.end <= 4:
                if not h.like_num:
                    return _np_count(h), h
        if after is not None and after.pos_ in ("NOUN",) and not after.like_num and after.tag_ in ("NNS", "NN"):
            return _np_count(after), after
        if after is not None and after.pos_ == "ADJ" and after.lower_ in _STATE_ADJ:
            return after.text, after
        if after is not None and after.pos_ == "ADJ" and span.end + 1 < len(doc) \
                and doc[span.end + 1].pos_ == "NOUN" and doc[span.end + 1].tag_ == "NNS":
            return _np_count(doc[span.end + 1]), doc[span.end + 1]
        if after is not None and after.pos_ == "PROPN" and after.tag_ == "NNPS":
            return after.text, after
    # an age: the person or thing that old, "a 50-year-old man", "the 2,900 year-old site"
    if raw.unit is not None and raw.unit.kind == "age":
        for t in list(span) + ([after] if after is not None else []):
            h = t.head
            if t.lower_ in ("old", "-old") and h.pos_ in ("NOUN", "PROPN") and h.i >= span.end:
                return _np(h), None
        if after is not None and after.pos_ in ("NOUN", "PROPN"):
            return _np(after), None
        return None, None
    # a measure: the thing it belongs to
    head = unit_tok.head
    # "a 25% tax", "$150,000 contract", "6kW electric motor"
    if head.i > unit_tok.i and head.pos_ in ("NOUN", "PROPN") and unit_tok.dep_ in (
            "nummod", "compound", "amod", "nmod", "quantmod") and head.i - span.end <= 3:
        return _np(head), None
    # "60 per cent of its revenue", "$1 billion in gains"
    if after is not None and after.lower_ in ("of", "in") and raw.unit is not None:
        k = span.end + 1
        while k < len(doc) and doc[k].pos_ in ("DET", "ADJ", "PRON", "ADV") and doc[k].pos_ != "PRON" or (
                k < len(doc) and doc[k].tag_ == "PRP$"):
            k += 1
        if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") and not doc[k].like_num:
            if after.lower_ == "of" or raw.unit.kind == "currency":
                return _np(doc[k]), None
    # "a fine of $3 billion", "a speed of 15 mph", "an interest rate of 1.38pc"
    tok = span.root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return _np(tok.head.head), None
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].pos_ == "NOUN":
        return _np(doc[span.start - 2]), None
    # "Blackmores up 9.4 per cent", "Dow +0.2%": the name just before the direction
    k = span.start - 1
    if k >= 0 and (doc[k].lower_ in ("up", "down") or span[0].text == "+"):
        k = k - 1 if doc[k].lower_ in ("up", "down") else k
        if k >= 0 and doc[k].pos_ in ("NOUN", "PROPN") and not doc[k].like_num:
            return _np(doc[k]) or doc[k].text, None
        if k >= 0 and doc[k].like_num and k > 0 and doc[k - 1].pos_ == "PROPN":
            return f"{doc[k - 1].text} {doc[k].text}", None  # "S&P 500 +0.3%"
    # "47.6% from the field": a share taken from something
    if after is not None and after.lower_ == "from" and raw.unit is not None and raw.unit.kind == "percent":
        obj = [c for c in after.children if c.dep_ == "pobj"]
        if obj and obj[0].ent_type_ not in ("DATE", "TIME") and obj[0].pos_ == "NOUN":
            return _np(obj[0]), None
    # "Dell laid off ... 5% of its workforce", "Tesla jumped 8.5%": the subject
    verb = _governor(tok)
    if verb.pos_ in ("VERB", "AUX"):
        subj = _subject(verb)
        if subj is not None:
            return _np(subj), None
        near = _noun_before(verb)
        if near is not None:
            return _np(near) or near.text, None
    elif verb.pos_ == "ADJ":
        # "a grant worth up to $8 million", "shares valued at $5": the thing that is worth it
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        target = subj[0] if subj else (verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None)
        if target is not None:
            return _np(target), None
    elif verb.pos_ in ("NOUN", "PROPN") and verb is not tok and verb.i not in range(span.start, span.end):
        return _np(verb), None
    return None, None


def _noun_before(verb: Token) -> Token | None:
    """The nearest noun before a subjectless verb, when the parse missed its subject: "this year's MSRP is $5"."""
    for k in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        t = verb.doc[k]
        if t.pos_ in ("NOUN", "PROPN") or (t.is_upper and t.is_alpha and len(t) > 1):
            return t
        if t.pos_ in ("PUNCT", "ADP", "SCONJ", "CCONJ"):
            return None
    return None


_STATE_ADJ = {"dead", "injured", "wounded", "missing", "homeless", "displaced", "unemployed", "killed", "hurt",
              "infected", "hospitalised", "hospitalized", "arrested", "detained", "evacuated", "stranded",
              "affected", "employed", "jobless", "sick", "ill", "unaccounted", "confirmed", "new", "active"}


def _np_count(tok: Token) -> str:
    left = [c for c in tok.lefts if c.dep_ == "compound" and not c.like_num]
    words = sorted({x for c in left for x in c.subtree if not x.like_num and x.pos_ != "PUNCT"} | {tok},
                   key=lambda t: t.i)
    return " ".join(t.text for t in words)


def _change(doc: Doc, span: Span, raw: _Raw) -> str | None:
    """up / down when the text moves the figure: "rose 3%", "fell by 200", "up 19 cents", "+0.2%"."""
    if raw.change:
        return raw.change
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is None or prev.lower_ in ("to", "from", "at", "of", "than"):
        return None
    # "was up 19 cents", "shares down 9.2%", "ended down 1%" (but "gave up 517 yards")
    if prev.lower_ in ("up", "down"):
        before = doc[prev.i - 1] if prev.i > 0 else None
        if before is not None and _IRREGULAR.get(before.lower_, before.lemma_.lower()) in _PHRASAL:
            return None
        return prev.lower_
    if prev.lower_ == "by":
        before = doc[prev.i - 1] if prev.i > 0 else None
        if before is not None and before.lower_ in ("upward", "upwards", "higher"):
            return "up"
        if before is not None and before.lower_ in ("downward", "downwards", "lower"):
            return "down"
        for cand in (before, prev.head):
            if cand is not None:
                way, _ = _direction(cand)
                if way:
                    return way
        return None
    # "rose only 3%", "fell sharply 5%": the verb just before, past adverbs
    while prev.pos_ == "ADV" and prev.i > 0:
        prev = doc[prev.i - 1]
    if not (prev.pos_ in ("VERB", "AUX") or prev.tag_.startswith("VB")):
        return None
    way, weak = _direction(prev)
    if way and weak:
        to_level = span.end + 1 < len(doc) and doc[span.end].lower_ == "to" and doc[span.end + 1].like_num or (
            span.end + 2 < len(doc) and doc[span.end].lower_ == "to" and doc[span.end + 2].like_num)
        if not ((raw.unit is not None and raw.unit.kind == "percent") or to_level):
            return None
    return way


def _noun_range_tail(doc: Doc, span: Span, counted: Token | None) -> int:
    """Where the figure's text ends: after the counted noun when it follows the number closely."""
    if counted is None or counted.i < span.end or counted.i - span.end > 3:
        return span.end_char
    return counted.idx + len(counted.text)


def _value_out(v):
    if isinstance(v, tuple):
        return {"low": v[0], "high": v[1]}
    return v


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in the document, in text order."""
    text = doc.text
    lexes, raws = _scan(text)
    out: list[Figure] = []
    for raw in raws:
        a, b = lexes[raw.num_start].start, lexes[raw.num_end - 1].end
        num_span = _tokens(doc, a, b)
        whole = _tokens(doc, lexes[raw.start].start, lexes[raw.end - 1].end)
        if num_span is None or whole is None:
            continue
        if _ordinal(raw, lexes) or _is_year(raw, lexes, doc, num_span) or _part_of_name(raw, lexes, doc, num_span) \
                or _word_noise(raw, lexes, doc, num_span) or _score_like(raw, lexes):
            continue
        if _adjectival_duration(raw, lexes) or _age_after_name(num_span):
            continue
        counts, counted = _counts(doc, whole, raw)
        change = _change(doc, whole, raw)
        approx = raw.approx or change
        unit_text = raw.unit_text
        if raw.unit is None and counted is not None and counted.i >= whole.end:
            unit_text = counted.text
        end_char = _noun_range_tail(doc, whole, counted)
        start_char = lexes[raw.start].start
        sent = whole.sent
        out.append(Figure(
            text=text[start_char:end_char], value=_value_out(raw.value),
            unit=raw.unit.name if raw.unit else None, unit_text=unit_text, approx=approx, counts=counts,
            sentence=sentence_text(sent), span=(start_char, end_char)))
    return _equivalents(text, out)


_EQUIV_GAP = re.compile(r"\s*[(/\[]\s*(?:(?:about|around|some|roughly|approximately|or|c\.|ca\.)\s+)?")


def _equivalents(text: str, figures: list[Figure]) -> list[Figure]:
    """"more than 7.5m crowns (US $1.1m)", "296 hp (224 kW / 300 PS)": a conversion in brackets says the same
    thing in another unit, so it shares the first figure's approximator and what it counts."""
    out: list[Figure] = []
    for f in figures:
        if out and f.span and out[-1].span and _EQUIV_GAP.fullmatch(text[out[-1].span[1]:f.span[0]]):
            prev = out[-1]
            f = replace(f, approx=f.approx or prev.approx, counts=prev.counts or f.counts)
        out.append(f)
    return out


def _score_like(raw: _Raw, lexes: list[Lex]) -> bool:
    """A sports score or tally "2-0", "89-89", "3-1 win": two small whole numbers joined by a dash."""
    if raw.is_range or raw.unit is not None:
        return False
    i = raw.num_start
    if i >= 2 and lexes[i - 1].text in ("-", "–") and lexes[i - 1].tight and lexes[i].tight \
            and lexes[i - 2].text.isdigit() and raw.start == i:
        return True  # the second half of "2-0" or "89-89"
    if raw.num_end + 1 >= len(lexes):
        return False
    dash = lexes[raw.num_end]
    other = lexes[raw.num_end + 1]
    return dash.text in ("-", "–") and dash.tight and other.tight and other.text.isdigit() \
        and isinstance(raw.value, int) and raw.value <= 200 and int(other.text) <= raw.value


def _age_after_name(span: Span) -> bool:
    """"Jamie Armstrong, 25, said": a person's age set off by commas after the name."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or len(span) != 1 or not span[0].like_num:
        return False
    before, after = doc[span.start - 1], doc[span.end]
    name = doc[span.start - 2]
    return before.text == "," and after.text == "," and name.pos_ == "PROPN" and span[0].text.isdigit() \
        and int(span[0].text) < 120


def _adjectival_duration(raw: _Raw, lexes: list[Lex]) -> bool:
    """"a five-year plan", "24-hour news": a duration that names a kind of thing, not a measurement."""
    if raw.unit is None or raw.unit.kind != "time" or raw.unit_start < 0:
        return False
    return lexes[raw.unit_start].text == "-" or (raw.unit_start > 0 and lexes[raw.unit_start - 1].text == "-"
                                                 and lexes[raw.unit_start].tight)


__all__ = ["extract_figures", "FRACTIONS", "TIME_UNITS"]
