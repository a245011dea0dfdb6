"""Numbers as news text writes them: digits, words, suffixes, fractions and vague plurals.

Pure functions over text, no spaCy: :func:`lex` cuts a text into small pieces ("lexes") that
keep their character offsets and whether they touch the previous piece ("1.2bn" is ``1.2`` +
``bn`` touching; "1.2 bn" is the same with a space); :func:`read_number` reads the longest
number that starts at a lex. The figure extractor builds units, ranges and approximators on top.

    >>> value_of("half a million")
    500000
    >>> value_of("14k"), value_of("1.2bn"), value_of("two-thirds")
    (14000, 1200000000, 0.6667)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

_LEX = re.compile(
    r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?"  # 14,000 / 1,234.5
    r"|\d+(?:\.\d+)?"  # 3.5 / 2019
    r"|(?<![\w.])\.\d+"  # .001
    r"|[^\W\d_]+"  # a word (any script)
    r"|\S"  # any other single character
)


class Lex(NamedTuple):
    """A piece of text with its offsets; ``tight`` when no space separates it from the previous piece.

    A named tuple with the lower-case text kept: a text is cut into tens of thousands of these, and
    their lower case is read several times each."""

    text: str
    start: int
    end: int
    tight: bool
    low: str

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit() or (self.text[0] == "." and len(self.text) > 1)


def lex(text: str) -> list[Lex]:
    out: list[Lex] = []
    prev_end = -1
    for m in _LEX.finditer(text):
        word, start, end = m.group(0), m.start(), m.end()
        out.append(Lex(word, start, end, start == prev_end, word.lower()))
        prev_end = end
    return out


ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "lakh": 100_000, "crore": 10_000_000}
#: Abbreviated scales written after a number: 14k, $1.2bn, 3.4m, 4.3M, 2tn.
SUFFIXES = {"k": 1_000, "thousand": 1_000, "mn": 1_000_000, "mln": 1_000_000, "mil": 1_000_000,
            "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000,
            "b": 1_000_000_000, "billion": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
            "trillion": 1_000_000_000_000}
#: Suffixes that are also units or letters, read as a scale only after a currency: "$10m" but "37m".
AMBIGUOUS_SUFFIXES = {"m", "b"}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
             "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8,
             "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
#: Vague plurals: "thousands of", "dozens of" -> a range from one to ten of them.
VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000,
         "trillions": 1_000_000_000_000}
NEGATIVE = {"minus", "negative"}


@dataclass(frozen=True, slots=True)
class Number:
    """A number read from lexes ``[start, end)``: a value or a vague range, and how it was written."""

    value: float | int | tuple[float | int, float | int]
    start: int  # lex index
    end: int  # lex index, exclusive
    kind: str  # "digits", "words", "fraction", "vague"
    scaled: bool = False  # a scale word or suffix was applied: "1.2bn", "3 million"


def tidy(v: float) -> float | int:
    """An int when the value is whole, else a float rounded to 10 significant digits."""
    if isinstance(v, int):
        return v
    if abs(v) < 1e15 and float(v).is_integer():
        return int(v)
    return float(f"{v:.10g}")


def digits_value(text: str) -> float | int:
    v = float(text.replace(",", ""))
    return tidy(v)


def _word(lexes: list[Lex], i: int) -> str:
    return lexes[i].low if 0 <= i < len(lexes) else ""


def _read_words(lexes: list[Lex], i: int, *, one: bool = False) -> tuple[float, int] | None:
    """Number words from lex i: "two hundred and fifty thousand", "twenty-five"; ``one`` after "a" ("a million")."""
    total, current, j, seen, last = 0.0, (1.0 if one else 0.0), i, one, ("ones" if one else None)
    n = len(lexes)
    while j < n:
        w = lexes[j].low
        if w in ONES or w in TENS:
            if last in ("ones", "tens-ones") or (last == "tens" and w in TENS):
                break
            if last == "tens" and w in ONES and ONES[w] >= 10:
                break
            current += ONES.get(w, 0) + TENS.get(w, 0)
            last = "tens" if w in TENS else ("tens-ones" if last == "tens" else "ones")
            seen = True
            j += 1
        elif w in SCALES and seen:
            scale = SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            last = "scale"
            j += 1
        elif w == "dozen" and seen:
            current = (current or 1) * 12
            last = "scale"
            j += 1
        elif w == "-" and lexes[j].tight and last == "tens" and j + 1 < n and lexes[j + 1].low in ONES \
                and lexes[j + 1].tight:
            j += 1  # twenty-five
        elif w == "and" and seen and last == "scale" and j + 1 < n and (
                lexes[j + 1].low in ONES or lexes[j + 1].low in TENS):
            j += 1  # two hundred and fifty
        else:
            break
    if not seen:
        return None
    if lexes[j - 1].low in ("-", "and"):
        j -= 1
    return total + current, j


def read_number(lexes: list[Lex], i: int, *, after_currency: bool = False) -> Number | None:
    """The longest number starting at lex i, or None."""
    n = len(lexes)
    if i >= n:
        return None
    lx = lexes[i]
    w = lx.low
    # vague plurals: "tens of thousands", "hundreds of millions", "dozens", "thousands"
    if w in ("tens", "hundreds") and _word(lexes, i + 1) == "of" and _word(lexes, i + 2) in VAGUE \
            and VAGUE[_word(lexes, i + 2)] >= 1000:
        base = VAGUE[_word(lexes, i + 2)] * (10 if w == "tens" else 100)
        return Number((base, base * 10), i, i + 3, "vague")
    if w in VAGUE:
        base = VAGUE[w]
        return Number((base, base * 10), i, i + 1, "vague")
    if lx.text in VULGAR:
        return Number(tidy(VULGAR[lx.text]), i, i + 1, "fraction")
    if lx.is_digits:
        return _read_digits(lexes, i, after_currency=after_currency)
    # "a million", "a hundred", "a dozen", "a third", "a quarter", "half a million", "one and a half"
    if w in ("a", "an"):
        nxt = _word(lexes, i + 1)
        if nxt in SCALES or nxt == "dozen":
            got = _read_words(lexes, i + 1, one=True)
            if got:
                return Number(tidy(got[0]), i, got[1], "words", scaled=True)
        if nxt in FRACTIONS and not nxt.endswith("s") and nxt != "half":
            return Number(tidy(1 / FRACTIONS[nxt]), i, i + 2, "fraction")
        return None
    if w == "half":
        if _word(lexes, i + 1) in ("a", "an") and _word(lexes, i + 2) in SCALES:
            return Number(tidy(SCALES[_word(lexes, i + 2)] / 2), i, i + 3, "words", scaled=True)
        return Number(0.5, i, i + 1, "fraction")
    got = _read_words(lexes, i)
    if not got:
        return None
    value, j = got
    # fractions: "two-thirds", "three quarters", "one fifth"
    k = j + 1 if _word(lexes, j) == "-" and j + 1 < n and lexes[j + 1].tight else j
    if _word(lexes, k) in FRACTIONS and value < 20 and _word(lexes, k) != "half" and (
            value > 1 or not _word(lexes, k).endswith("s")):
        frac = FRACTIONS[_word(lexes, k)]
        if _word(lexes, k) in ("second", "seconds"):
            return None
        return Number(tidy(value / frac), i, k + 1, "fraction")
    # "one and a half", "two and a half million"
    if _word(lexes, j) == "and" and _word(lexes, j + 1) in ("a", "an") and _word(lexes, j + 2) == "half":
        value += 0.5
        j += 3
        if _word(lexes, j) in SCALES:
            value *= SCALES[_word(lexes, j)]
            j += 1
    scaled = any(lexes[x].low in SCALES or lexes[x].low == "dozen" for x in range(i, j))
    return Number(tidy(value), i, j, "words", scaled=scaled)


def _read_digits(lexes: list[Lex], i: int, *, after_currency: bool) -> Number:
    n = len(lexes)
    lx = lexes[i]
    # fractions: 1/16, 1⁄32 (not dates: the caller rules those out)
    if i + 2 < n and lexes[i + 1].text in ("/", "⁄") and lexes[i + 1].tight and lexes[i + 2].tight \
            and lexes[i + 2].is_digits and lx.text.isdigit() and lexes[i + 2].text.isdigit():
        den = float(lexes[i + 2].text)
        if den:
            return Number(tidy(float(lx.text) / den), i, i + 3, "fraction")
    value: float = float(lx.text.replace(",", ""))
    j = i + 1
    scaled = False
    # "1 1/2", "2½"
    if j < n and lexes[j].text in VULGAR and "." not in lx.text:
        value += VULGAR[lexes[j].text]
        j += 1
    # glued or spaced scale: 14k, 1.2bn, 3 million, 4 hundred million, 1.5 billion
    while j < n:
        w = lexes[j].low
        if w in SCALES and (w != "hundred" or not scaled):
            value *= SCALES[w]
            j += 1
            scaled = True
            continue
        if lexes[j].tight and w in SUFFIXES and not scaled and (
                w not in AMBIGUOUS_SUFFIXES or after_currency or lexes[j].text == "M" or _counts_next(lexes, j + 1)):
            # a suffix must end the word: "14k" but not "14kg"
            value *= SUFFIXES[w]
            j += 1
            scaled = True
            continue
        break
    return Number(tidy(value), i, j, "digits", scaled=scaled)


def _counts_next(lexes: list[Lex], j: int) -> bool:
    """A plural noun follows: "4.3m passengers" is millions, where "37m long" is metres."""
    if j >= len(lexes) or lexes[j].tight or not lexes[j].text.isalpha():
        return False
    w = lexes[j].low
    return w in ("people", "men", "women", "children") or (len(w) > 3 and w.endswith("s") and not w.endswith("ss"))


def value_of(text: str) -> float | int | tuple | None:
    """The value of a text that is one number: "half a million", "14k", "3.5", "two-thirds"."""
    lexes = lex(text)
    if not lexes:
        return None
    after_currency = lexes[0].text in ("$", "£", "€", "¥")
    start = 1 if after_currency else 0
    got = read_number(lexes, start, after_currency=after_currency)
    if not got or got.end != len(lexes):
        return None
    return got.value


def is_number_word(word: str) -> bool:
    w = word.lower()
    return w in ONES or w in TENS or w in SCALES or w in VAGUE or w == "dozen"


ORDINAL_SUFFIX = re.compile(r"^(?:st|nd|rd|th)$", re.I)
