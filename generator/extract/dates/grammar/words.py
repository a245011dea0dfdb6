"""The words of the date grammar and the pattern pieces its rules share: month and weekday names (from
:mod:`generator.extract.lexicon`), day numbers, years, counts and units, and the readers of their values."""

from __future__ import annotations

import re

from generator.extract.figures.numbers import ONES, TENS, lex, read_number
from generator.extract.lexicon import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES, forms_pattern

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20, "thirtieth": 30, "last": -1, "final": -1}
UNITS = {"day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
         "fortnight": "fortnight", "fortnights": "fortnight", "month": "month", "months": "month", "year": "year",
         "years": "year", "yr": "year", "yrs": "year", "decade": "decade", "decades": "decade",
         "quarter": "quarter", "quarters": "quarter", "century": "century", "centuries": "century"}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

#: A month's name or short form, perhaps with a full stop: "March", "Sept.".
MONTH = rf"(?:{forms_pattern(MONTHS)})(?![a-z])\.?"
#: A weekday's name or short form, perhaps with a full stop: "Tuesday", "Thurs.".
WEEKDAY = rf"(?:{'|'.join(WEEKDAY_NAMES)}|{forms_pattern(WEEKDAY_ABBREVIATIONS)})(?![a-z])\.?"
#: A weekday's full name, perhaps plural: "Friday", "Fridays".
WEEKDAY_FULL = rf"(?:{'|'.join(WEEKDAY_NAMES)})s?(?![a-z])"
#: A weekday's short form: "Tues", "Sat".
WEEKDAY_SHORT = f"(?:{forms_pattern(WEEKDAY_ABBREVIATIONS)})"
ORDINAL_WORD = r"(?:(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|" \
               r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|" \
               r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
CARDINAL_WORD = r"(?:(?:twenty|thirty)[- ]?(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|" \
                r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|" \
                r"nineteen|twenty|thirty)"
DAY_NUMBER = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
DAY_OF_MONTH = rf"(?:{DAY_NUMBER}|{ORDINAL_WORD}|{CARDINAL_WORD})"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d|21\d\d)(?![\d])"
YEAR_WORDS = (r"(?:(?:nineteen|eighteen|seventeen|sixteen|twenty)(?:[- ]hundred)?(?:[- ](?:and[- ])?"
              r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
              r"seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
              r"(?:oh[- ])?(?:one|two|three|four|five|six|seven|eight|nine)))|two thousand(?:[- ](?:and[- ])?"
              r"(?:(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|"
              r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|"
              r"seven|eight|nine))?)")
YEAR = rf"(?:{YEAR4}|{YEAR_WORDS})"
COUNT = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|" \
        r"forty|fifty|sixty|ninety|a couple of|a couple|couple of|couple|a few|few|several)"
UNIT = r"(?:(?:business|working) days?|days?|weeks?|fortnights?|months?|years?|decades?|quarters?|centur(?:y|ies))"

#: Cheap tests (see :class:`~generator.extract.dates.grammar.core.Rule`): how every unit and quarter is written.
UNIT_WORDS = ("day", "week", "fortnight", "month", "year", "decade", "quarter", "centur")
QUARTER_WORDS = ("q1", "q2", "q3", "q4", "quarter")

_FEW = {"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "couple": 2, "a few": 3, "few": 3,
        "several": 3}


def number(text: str) -> int | None:
    t = text.lower().strip()
    if t in _FEW:
        return _FEW[t]
    if t.isdigit():
        return int(t)
    got = read_number(lex(t.replace("-", " ")), 0)
    if got and not isinstance(got.value, tuple) and float(got.value).is_integer():
        return int(got.value)
    return None


def day_number(text: str) -> int | None:
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


def year_number(text: str) -> int | None:
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
            if 10 <= hi < 100 and lo < 100 and (lo >= 10 or "oh" in words[cut:]):
                return int(hi * 100 + lo)  # "nineteen ninety six", "twenty oh five"; "twenty six" is 26
    return None


