"""Time expressions and their values, resolved against the article's publication date.

:func:`scan` finds every time expression in a text with the grammar of
:mod:`generator.extract.dates.grammar` (absolute dates, months, years, quarters, weeks, weekdays,
holidays, relative expressions such as "last week" or "three days ago", and ranges of these),
keeps the longest where they overlap, and resolves each against a reference date.
:func:`extract_dates` runs it over a parsed article with the publication date as the reference and
each sentence's tense deciding between the last and the next "Friday"; with no publication date,
only expressions that name their own year resolve, and the rest keep their text with a null value.
Today's date is never used.

Values are ISO 8601: a day ``2021-11-12``, a month ``2021-11``, a year ``2021``, a week
``2021-W45``, or a period ``start/end`` with both days included. Ranges follow the
Recognizers-Text convention: "from 2014 to 2018" ends when 2018 starts (``2014-01-01/2017-12-31``),
"from March 3 to March 9" ends on March 9.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import Period
from generator.extract.dates.grammar import RULES
from generator.extract.dates.grammar.core import REJECT, Ctx, Groups, Role, Rule, resolve
from generator.extract.dates.grammar.durations import apply_durations, durations
from generator.extract.dates.grammar.words import CARDINAL_WORD, MONTH, ORDINAL_WORD, WEEKDAY, WEEKDAY_FULL
from generator.extract.doc import doc_text, sentence_text
from generator.extract.figures.numbers import lex
from generator.extract.figures.units import unit_after
from generator.extract.lexicon import MONTH_NAMES, MONTHS, WEEKDAY_NAMES, forms_pattern
from generator.model import DateMention

__all__ = ["Ctx", "Found", "counts_a_noun", "date_spans", "doc_date_spans", "extract_dates", "scan"]

# ---------------------------------------------------------------- scanning


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int
    value: Period | None
    calendar: bool
    rule: str


_NOT_MONTH_AFTER = re.compile(r"^\s*(?:i|we|you|he|she|it|they|be|have|not|also|still|well|need|want|never|"
                              r"only|soon|even|already|just|yet|the|a|an|this|that|these|those|on|to|in|against|"
                              r"through|into|toward|towards|past|down|up|across|over)\b", re.I)


#: Words before a month name that make it a month: "in May", "since March", "early June".
_MONTH_CUE_RX = re.compile(r"\b(?:in|of|since|until|till|from|to|through|by|during|before|after|early|late|mid|"
                           r"this|next|last|between|starting|end|beginning|middle|on)\s*-?\s*$", re.I)
#: Month names that are also everyday words, and abbreviations that are also names ("Jan", "Sun").
_WORDLIKE_MONTHS = {"may", "march"}


def _month_ok(text: str, m: Groups, r: Rule) -> bool:
    """Rule out month names that are words here: "may be", "March on", "Theresa May", "Jan Smith"."""
    word = m["mon"].rstrip(".")
    low = word.lower()
    if low not in _WORDLIKE_MONTHS and not (len(low) <= 4 and low not in ("june", "july")):
        return True
    before = text[max(0, m.start() - 16):m.start()]
    after = text[m.end():m.end() + 20]
    cue = bool(_MONTH_CUE_RX.search(before)) or bool(m["mod"])
    if re.match(r"[a-z]+\d", m.group(0), re.I) or r.name in ("ymd-name", "myd-name", "dmy-name", "mdy-name"):
        return True  # "mar3", "14 nov 2023", "2019/aug/01": numbers around it
    if not word[0].isupper():
        return cue
    if r.name != "month":
        return True  # "May 9", "Mar. 3, 2014": a day follows
    if low in _WORDLIKE_MONTHS:
        prev = re.search(r"([A-Za-z]+)\W*$", before)
        if _NOT_MONTH_AFTER.match(after) and not cue:
            return False  # "May I", "March on"
        if prev and prev.group(1)[0].isupper() and not cue and prev.group(1).lower() not in _MONTHS_AND_DAYS:
            return False  # "Theresa May"
        return cue or not (m.start() == 0 or text[m.start() - 1] in ".!?\n\"“" or not after.strip())
    return cue  # "Jan", "Dec" alone need "in", "since"...


_MONTHS_AND_DAYS = {*MONTH_NAMES, *WEEKDAY_NAMES, "early", "late", "mid", "last", "next", "this"}


_HOLIDAY_BEFORE = {"merry", "happy", "on", "by", "before", "after", "until", "since", "this", "last", "next", "of",
                   "at", "over", "during", "for", "from", "a", "the"}


#: A superlative just before (at most two words between) makes "in a year" the stretch it is measured over:
#: "the smallest gain in a year", "the first time in five years", "its highest level in a decade".
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:\w{2,}est|first|most|least|only|best|worst)(?:\s+[\w'’-]+){0,2}\s*,?\s*$",
                                 re.I)

#: A month's full name, a full stop and the next sentence: "April. One", "May. 3 people" (but "Jan. 5").
_SENTENCE_AFTER_MONTH = re.compile(rf"\b(?:{'|'.join(MONTH_NAMES)})\.\s+\S", re.I)

#: A weekday in a list of weekdays, before or after a short form: "Mon or Tue", "Tue, Wed".
_LISTED_WEEKDAY_BEFORE = re.compile(rf"\b{WEEKDAY}\s*(?:,|/|or|and|&)\s*$", re.I)
_LISTED_WEEKDAY_AFTER = re.compile(rf"\s*(?:,|/|or|and|&)\s*{WEEKDAY}(?!\w)", re.I)


def _owns_a_noun(text: str, m: Groups) -> bool:
    """"A revision Friday to December's figures": a range's end that owns a noun is no end of a range, unless
    "from" or "between" opens it ("from May to July's end")."""
    return not m["from"] and re.match(r"['’]s\b", text[m.end():]) is not None


def _plausible(text: str, m: Groups, r: Rule) -> bool:
    """Rule out matches that are not dates here: months and weekdays that are words, prices, idioms."""
    s = m.group(0)
    if s[:1].isdigit() and re.search(r"[$£€¥]\s*$", text[:m.start()]):
        return False  # "$12 December 27": the 12 is a price
    if m["mon"] and not _month_ok(text, m, r):
        return False
    if r.name == "holiday" and not m["rel"] and s[:1].isupper():
        prev = re.search(r"([A-Za-z]+)\W*$", text[max(0, m.start() - 20):m.start()])
        if prev and prev.group(1)[0].isupper() and prev.group(1).lower() not in _HOLIDAY_BEFORE \
                and not re.search(r"[.!?]\s*$", text[max(0, m.start() - 20):m.start()]):
            return False  # "Johnnie Christmas": a surname
    if r.name == "md" and not re.search(r"\b(?:on|from|to|between|and|until|till|by|since|before|after|date|"
                                        r"dated|is|of|the)\s*$|^\s*$|[,?]\s*$", text[:m.start()][-15:], re.I):
        return False
    if r.name == "md" and re.match(r"\s*(?:of|th|st|nd|rd|%|\d)", text[m.end():]):
        return False
    if r.name in ("in-a-unit", "in-dur") and (_SUPERLATIVE_BEFORE.search(text[max(0, m.start() - 60):m.start()])
                                              or re.match(r"\s+(?:that|which|when|where|in which)\b", text[m.end():])):
        return False  # "the smallest gain in a year", "in a quarter that produced a loss": a stretch, no date ahead
    if re.match(r"(?:This|Next|Last)\s+(?:Week|Month|Year)\b", s) and re.search(r"[\"“]\s*$", text[:m.start()]):
        return False  # ABC's "This Week": a quoted title
    if _SENTENCE_AFTER_MONTH.search(s):
        return False  # "in April. One of them": a month's full name ends a sentence, the next one's words follow
    if r.name == "weekday-listed" and not _LISTED_WEEKDAY_BEFORE.search(text[max(0, m.start() - 20):m.start()]) \
            and not _LISTED_WEEKDAY_AFTER.match(text[m.end():m.end() + 20]):
        return False
    if r.name == "year" and not _year_context(text, m):
        return False
    if r.name in ("the-period", "part-of") and re.match(r".*\bend of the day\b", text[max(0, m.start() - 8):m.end()],
                                                        re.I):
        return False  # "at the end of the day": an idiom
    # "sun", "sat", "wed" in lower case are words, not weekdays
    return not (r.name in ("weekday", "weekday-date") and s[:1].islower() and len(m["wd"]) <= 4
                and re.match(r"(?:sun|sat|wed|mon|fri)\b", s, re.I))


#: Words before a number that make it a year: "in 2014", "since 1990", "early 2019", "©2021".
_YEAR_CUE = re.compile(r"(?:\b(?:in|since|by|until|till|during|before|after|through|due|early|late|mid|circa|c\.|"
                       r"spring|summer|autumn|fall|winter|year|years|season|class|end|start|beginning|middle|"
                       rf"q[1-4]|h[12]|fy|cy|the|{forms_pattern(MONTHS)})\.?"
                       r"|[©=('’]|mid-)\s*$", re.I)
#: Words before a number that make it a year unless it counts something: "of 2014" but "of 2000 people".
_WEAK_YEAR_CUE = re.compile(r"(?:\b(?:of|from|to|and|or|between|around|about|for|at|than|on)|[,-])\s*$", re.I)
#: Nouns a year is often followed by: "2016 elections", "2019 sales".
_YEAR_NOUNS = {"years", "days", "months", "weeks", "elections", "sales", "results", "games", "olympics", "levels",
               "figures", "rates", "prices", "earnings", "budgets", "estimates", "forecasts", "accounts", "reports",
               "profits", "losses", "revenues", "models", "standards", "campaigns", "championships", "finals",
               "series", "playoffs", "awards", "rankings", "statistics", "midterms", "polls"}
#: Words ending in "s" that are not plural nouns.
_NOT_PLURAL = {"this", "thus", "always", "perhaps", "across", "unless", "whereas", "towards", "afterwards", "besides",
               "was", "has", "is", "does", "goes", "says", "its", "his", "as", "us", "yes", "less", "plus", "minus",
               "bus", "news", "gas", "ourselves", "themselves", "nevertheless", "regardless"}


def _year_context(text: str, m: Groups) -> bool:
    """Whether a four-digit number reads as a year here: a cue before it, and nothing after it that it counts."""
    before = text[max(0, m.start() - 14):m.start()]
    after = text[m.end():m.end() + 25]
    if not m.group(0)[0].isdigit():
        return True  # spelled years ("nineteen ninety six") are rarely anything else
    if unit_after(lex(after), 0) is not None and not re.match(r"\s*['’]s", after):
        return False  # "1520 sq m", "1112 p"
    if re.match(r"\s*(?:%|[a-z]*[.,]?\d)", after, re.I) or re.search(r"[$£€¥#]\s*$|\bno\.?\s*$|\bnumber\s*$",
                                                                  before, re.I):
        return False
    word = re.match(r"\s+([A-Za-z]+)", after)
    nxt = word.group(1).lower() if word else ""
    counts = nxt.endswith("s") and len(nxt) > 3 and nxt not in _YEAR_NOUNS and nxt not in _NOT_PLURAL \
        and not nxt.endswith("ss")
    if _YEAR_CUE.search(before):
        return True
    if _WEAK_YEAR_CUE.search(before):
        return not counts
    if re.match(r"\s*(?:-|–|to|and)\s*(?:1\d|20)\d\d", after):
        return True
    if _MODERN_YEAR.fullmatch(m.group(0)) and word is not None and nxt.isalpha() and nxt[:1].islower() \
            and not nxt.endswith("s") and nxt not in _NOT_A_NOUN and nxt not in _PLURALS_WITHOUT_S:
        return True  # "his unsuccessful 1996 campaign", "its 1990 invasion": a count would take a plural noun
    return bool(re.match(r"\s*(?:['’]s|s\b|,|\.|;|\)|:|$)", after)) or (
        nxt in _YEAR_NOUNS or (word is not None and word.group(1)[:1].isupper() and not counts))


#: Four-digit numbers that read as a year before a singular noun ("its 1990 invasion"): those of the last two
#: centuries (a count of 1,500 things would take a plural: "1500 word" is rare in news).
_MODERN_YEAR = re.compile(r"(?:19|20)\d\d")
#: Plural nouns that do not end in "s": "2000 people" counts them.
_PLURALS_WITHOUT_S = {"people", "children", "men", "women", "police", "staff", "personnel", "feet", "teeth", "mice",
                      "geese", "cattle", "sheep", "fish", "deer", "livestock", "troops", "crew", "data", "media",
                      "workforce", "households", "head", "strong"}
#: Words after a number that are not the noun it modifies: "1990 and", "2000 or more".
_NOT_A_NOUN = {"and", "or", "to", "of", "in", "on", "at", "for", "by", "with", "from", "than", "more", "less", "per",
               "but", "that", "which", "when", "while", "the", "a", "an", "were", "are", "had", "have", "will",
               "would", "could", "should", "did", "do", "can", "may", "might", "must", "each", "apiece",
               "million", "billion", "thousand", "hundred", "trillion", "percent", "pct", "year", "am", "pm"}


_JOIN = re.compile(r"\b(?:to|till|until|til|through|thru|and)\b|[-–—~]")  # in the folded text, as _TRIGGER
_TRIGGER_WORDS = (rf"{MONTH}|{WEEKDAY}|{ORDINAL_WORD}|{CARDINAL_WORD}|today|tonight|tomorrow|tmrw|tmr|yesterday|now|"
                  r"otd|eo[ymw]|ytd|date|days?|weeks?|weekends?|workweek|fortnights?|months?|years?|quarters?|"
                  r"decades?|centur(?:y|ies)|spring|summer|autumn|fall|winter|ago|later|earlier|morning|"
                  r"afternoon|evening|night|q[1-4]|h[12]|cy|fy")
_TIES = r"\w+ties"  # "the seventies" (and any word so ending)
_HOLIDAY_STARTS = r"w/[cb]|" + "|".join(sorted({h.split()[0].replace("'", "['’]?") for h in cal.HOLIDAYS}))
#: A digit, or a word that may be part of a date: every date holds one. (Every word here starts with a letter
#: or digit, so it starts where no letter or digit is before it: a ``\b`` there would also try word ends.)
#: Matched against the folded text (:func:`_fold`), so without ``re.I``: the same spots, found 3x faster
#: (ignoring case makes the engine compare each of these many words letter by letter in both cases).
_TRIGGER = re.compile(rf"\d|(?<!\w)(?:{_TRIGGER_WORDS}|{_TIES}|{_HOLIDAY_STARTS})\b")
_DATEISH = re.compile(rf"\d|(?<!\w)(?:{MONTH}|{WEEKDAY_FULL}|{ORDINAL_WORD}|now|today|tomorrow|yesterday|date|"
                      r"q[1-4]|nineteen|twenty|two thousand|end|start|beginning|middle|mid)\b")  # folded text

#: Every pattern the scanner looks for, in the grammar's order (its rank: the earlier wins a tie).
_PATTERNS = [(r, rx) for r in RULES if r.role is not Role.SIDE for rx in r.rxs]


def folded_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without ``re.I``, to look for in the folded text (:func:`_fold`): the rules' letters are all
    in lower case, so it matches where and as the pattern matches in the text, a third faster. A match found
    so is then read in the text itself (``rx.match`` at its start), so that its groups keep their letters."""
    return re.compile(rx.pattern, rx.flags & ~re.I)


#: The patterns that read one date, and those that read two (a range), with their ranks and folded twins.
_SCANNED = [(rank, r, rx, folded_twin(rx)) for rank, (r, rx) in enumerate(_PATTERNS) if r.role is Role.ATOM]
_RANGES = [(rank, r, rx, folded_twin(rx)) for rank, (r, rx) in enumerate(_PATTERNS) if r.role is Role.RANGE]


@lru_cache(maxsize=64)
def _candidates(text: str) -> tuple[tuple[int, int, Rule, Groups], ...]:
    """Every plausible match of every rule, longest first (the same for any reference date, so kept)."""
    cands: list[tuple[int, int, int, Rule, Groups]] = []
    # every date holds a digit or a date word: look only around those
    n = len(text)
    folded = _fold(text)
    spots = _merge([(max(0, a - 40), min(n, b + 60)) for a, b in trigger_spots(folded)])
    holding = _Holding(folded, [(lo, hi, min(n, hi + 40)) for lo, hi in spots])
    seen: set[tuple[int, int, str]] = set()
    for rank, r, rx, fx in _SCANNED:
        for lo, hi, end in holding.windows_with(r.triggers):
            for f in fx.finditer(folded, lo, end):
                m = rx.match(text, f.start(), end)  # the same match, read in the text
                if m.start() >= hi or (m.end() > hi + 20 and end < n):
                    continue  # past the window, or perhaps cut short by its end: the next window has it
                key = (m.start(), m.end(), r.name)
                if m.end() > m.start() and key not in seen and _plausible(text, Groups(m), r):
                    seen.add(key)
                    cands.append((m.start(), m.end(), rank, r, Groups(m)))
    # ranges join two dates: look for them only around a "to", "-", "and"... with something datelike on each side
    windows: list[tuple[int, int]] = []
    for c in _JOIN.finditer(folded):
        a, b = c.start(), c.end()
        if _DATEISH.search(folded, max(0, a - 45), a) and _DATEISH.search(folded, b, min(len(text), b + 45)):
            windows.append((max(0, a - 70), min(len(text), b + 90)))
    holding = _Holding(folded, [(lo, hi, hi) for lo, hi in _merge(sorted(windows))])
    for rank, r, rx, fx in _RANGES:
        for lo, hi, _ in holding.windows_with(r.triggers):
            for f in fx.finditer(folded, lo, hi):
                m = rx.match(text, f.start(), hi)  # the same match, read in the text
                key = (m.start(), m.end(), r.name)
                if m.end() > m.start() and key not in seen and not _owns_a_noun(text, Groups(m)):
                    seen.add(key)
                    cands.append((m.start(), m.end(), rank, r, Groups(m)))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
    return tuple((a, b, r, m) for a, b, _, r, m in cands)


def trigger_spots(folded: str) -> list[tuple[int, int]]:
    """Where the digits and date words are in a text folded by :func:`_fold` (the same offsets as in the text):
    what ``_TRIGGER`` with ``re.I`` finds in the text itself, since its words are all in lower case."""
    return [m.span() for m in _TRIGGER.finditer(folded)]


#: Letters other than ASCII ones that ``re.IGNORECASE`` matches with an ASCII letter (and ``str.lower`` does
#: not make ASCII): "ſ" is an "s" to the rules, so the triggers must find "ſince" where they find "since".
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _fold(text: str) -> str:
    """The text in lower case, as the rules' triggers are, with the same length (so offsets stay)."""
    return text.translate(_FOLD).lower()


class _Holding:
    """Which windows ``(lo, hi, end)`` of a text hold one of some strings in their folded text ``[lo, end)``:
    a rule runs only on the windows that hold one of its triggers, which finds the same matches faster.

    Worked out once per string, by jumping from one occurrence to the next, since rules share their
    triggers and most strings occur in few windows."""

    def __init__(self, folded: str, windows: list[tuple[int, int, int]]):
        self.folded = folded
        self.windows = windows
        self.masks: dict[str, int] = {}  # string -> bit k set when window k holds it

    def windows_with(self, need: tuple[str, ...] | None) -> list[tuple[int, int, int]]:
        if need is None:
            return self.windows
        mask = 0
        for s in need:
            if s not in self.masks:
                self.masks[s] = self._mask(s)
            mask |= self.masks[s]
        return [w for k, w in enumerate(self.windows) if mask >> k & 1]

    def _mask(self, s: str) -> int:
        windows, size, mask, k = self.windows, len(s), 0, 0
        while k < len(windows):
            pos = self.folded.find(s, windows[k][0])  # the first occurrence from window k on
            if pos < 0:
                break
            while k < len(windows) and windows[k][2] < pos + size:
                k += 1  # windows that end before it does hold no occurrence
            if k < len(windows) and windows[k][0] <= pos:
                mask |= 1 << k
                k += 1
        return mask


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in spans:
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def scan(text: str, ctx: Ctx | None = None, *,
         tense: Callable[[int, int], tuple[bool | None, bool]] | None = None) -> list[Found]:
    """Every time expression in a text, longest first where they overlap, resolved against ctx; ``tense``
    gives the tense of the clause that holds the characters [a, b) and whether it is firm (:class:`Ctx`)."""
    ctx = ctx or Ctx(None)
    cands = _candidates(text)
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for a, b, r, m in cands:
        if any(s < b and a < e for s, e in taken):
            continue
        local = Ctx(ctx.ref, *tense(*_trim(text, a, b))) if tense else ctx
        v = r.handle(m, local)
        if v is REJECT:
            continue
        period = resolve(v, local)
        a2, b2 = _trim(text, a, b)
        taken.append((a, b))
        out.append(Found(a2, b2, period, r.calendar, r.name))
    out.sort(key=lambda f: f.start)
    return _anchor_reference(text, _anchor_narrative(text, out))


_LATER = re.compile(r"\b(later|earlier|after|afterwards|before)\s*$", re.I)
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def _anchor_narrative(text: str, found: list[Found]) -> list[Found]:
    """"In 2007 ... two years later": a bare "later" or "earlier" counts from the last dated event in the text
    when there is one close before it, not from the publication date."""
    out = list(found)
    anchored: set[int] = set()
    for k, f in enumerate(out):
        phrase = text[f.start:f.end]
        m = _LATER.search(phrase)
        if f.rule not in ("ago", "a-unit-later") or not m:
            continue
        prev_k = next((j for j in range(k - 1, -1, -1) if out[j].value is not None), None)
        if prev_k is None or f.start - out[prev_k].end > 400:
            continue
        prev = out[prev_k]
        if prev_k not in anchored and not _HAS_YEAR.search(text[prev.start:prev.end]):
            continue  # "last month ... three weeks later": both count from the publication date
        durs = durations(phrase[:m.start()])
        if not durs:
            continue
        anchored.add(k)
        sign = -1 if m.group(1).lower() in ("earlier", "before") else 1
        d = apply_durations(prev.value.start, durs, sign)
        units = {u for _, u in durs}
        coarse = prev.value.grain in ("year", "decade", "century", "month", "quarter", "half", "span", "week")
        if prev.value.grain in ("year", "decade", "century") and units <= {"year", "decade", "century"}:
            value = cal.year(d.year)
        elif prev.value.grain == "month" and units <= {"year", "month", "quarter", "decade"}:
            value = cal.month(d.year, d.month)
        elif coarse:
            value = None  # "in 2009 ... a month later": no day can be named
        else:
            value = cal.day(d)
        out[k] = Found(f.start, f.end, value, f.calendar, f.rule)
    return out


#: Expressions that name a period by pointing back at one the story gave: "that day", "the same month",
#: "later that year", "the following month" (with "the": "following month" alone counts from today).
_ANAPHOR = re.compile(r"(?:(?:later|earlier)\s+(?:in\s+)?)?(?P<det>that(?:\s+same)?|the\s+same|same|"
                      r"(?:the\s+)?(?:following|next|previous|preceding))\s+(?P<unit>day|week|month|year)", re.I)
_ANAPHOR_STEP = {"following": 1, "next": 1, "previous": -1, "preceding": -1}
#: How far back (in characters) "until then" looks for the date it means: the sentence before, not the story.
_THEN_REACH = 250
#: How fine each grain names a date: an anchor must be at least as fine as the period pointed at.
_FINENESS = {"day": 0, "week": 1, "month": 2, "quarter": 3, "half": 3, "year": 4}


def _anchor_reference(text: str, found: list[Found]) -> list[Found]:
    """"On March 3, 2015 ... later that year", "... the same month", "the following month": such a period counts
    from the last date the story gave before it (in text order), not from the publication date; with none
    before it, from the publication date (as resolved already). "The following day" after "in 2015" has no
    day to count from: no value."""
    out = list(found)
    for k, f in enumerate(out):
        if f.rule == "until-then":
            prev = next((out[j] for j in range(k - 1, -1, -1) if out[j].value is not None), None)
            if prev is not None and prev.value.grain in _FINENESS and f.start - prev.end < _THEN_REACH:
                out[k] = Found(f.start, f.end, prev.value, f.calendar, f.rule)  # "on Nov. 30. Until then"
            continue
        m = _ANAPHOR.fullmatch(text[f.start:f.end])
        if not m:
            continue
        det = re.sub(r"\s+", " ", m["det"].lower()).removeprefix("the ")
        if det in _ANAPHOR_STEP and not (m["det"].lower().startswith("the")
                                         or re.search(r"\bthe\s*$", text[max(0, f.start - 5):f.start], re.I)):
            continue  # "following month", "next year": counted from today
        prev = next((out[j] for j in range(k - 1, -1, -1) if out[j].value is not None), None)
        if prev is None:
            continue
        unit = m["unit"].lower()
        grain = prev.value.grain if prev.value.grain in _FINENESS else "span"
        value = None
        if grain != "span" and _FINENESS[grain] <= _FINENESS[unit]:
            base = cal.shift(prev.value.start, _ANAPHOR_STEP.get(det, 0), unit)
            value = {"day": cal.day, "week": cal.week_of}[unit](base) if unit in ("day", "week") else (
                cal.month(base.year, base.month) if unit == "month" else cal.year(base.year))
        out[k] = Found(f.start, f.end, value, f.calendar, f.rule)
    return out


_LEAD = re.compile(r"^(?:(?:on|in|at|from|during|since|by|until|till|for|of|throughout|all|over)\s+)", re.I)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Leave out a leading preposition ("2014" rather than "in 2014") and trailing punctuation."""
    s = text[a:b]
    m = _LEAD.match(s)
    if m and not re.match(r"(?:from|between|within)\b|in\s+(?:an?|one|\d|two|three|four|five|six|seven|eight|"
                          r"nine|ten)\b|for\s+\S+\s+(?:days?|weeks?)", s, re.I):
        a += m.end()
    while b > a and text[b - 1] in " ,.;:)":
        if text[b - 1] == "." and re.search(r"\b[A-Za-z]{2,4}\.$", text[a:b]) and re.search(
                rf"\b(?:{MONTH})$", text[a:b], re.I):
            break  # "Jan.", "Sept."
        b -= 1
    return a, b


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where calendar dates and years are written: numbers there are not figures."""
    return [(f.start, f.end) for f in scan(text) if f.calendar]


def doc_date_spans(doc: Doc) -> list[tuple[int, int]]:
    """:func:`date_spans`, less the "years" the parse shows count something: "a survey of 1709 schoolchildren"."""
    return [(f.start, f.end) for f in scan(doc_text(doc)) if f.calendar and not _counts_a_noun(doc, f)]


def _counts_a_noun(doc: Doc, f: Found) -> bool:
    """A bare four-digit "year" that the parse makes the number of a plural noun: "1709 schoolchildren"."""
    if f.rule != "year":
        return False
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    return counts_a_noun(span[0])


_STRONG_YEAR_CUES = {"in", "since", "by", "until", "till", "during", "before", "after", "from", "circa"}


def counts_a_noun(tok: Token) -> bool:
    """"1709 schoolchildren", "2000 people": a four-digit number right before the plural noun it counts
    (but "the 2016 elections", "in 2014 troops arrived")."""
    prev = tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i == tok.i + 1 \
        and tok.head.lower_ not in _YEAR_NOUNS and prev not in _STRONG_YEAR_CUES


# ---------------------------------------------------------------- over a parsed article

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}


def _tense_of(tok: Token) -> tuple[bool | None, bool]:
    """(True for an expression in a clause about the future, False for the past, None when the parse can't say;
    whether that tense is firm: the simple past or future of the verb the expression hangs from).

    A date that qualifies a noun ("a June agreement") or that an adjective governs ("effective Feb. 1",
    "payable Dec. 15") names a time of its own: the clause's tense does not place it. A weekday that qualifies
    a noun ("Thursday's closing price") is a day of the story's week: the last one unless the clause looks
    ahead."""
    modifier = tok.dep_ in ("compound", "poss") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i \
        and not tok.head.like_num
    if modifier and tok.lower_ not in _WEEKDAYS:
        return None, False
    verb, direct, deadline = tok, True, False
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("aux", "auxpass"):
            break
        if verb.pos_ == "ADJ" and verb is not tok:
            return None, False
        if verb.head.i == verb.i:
            break
        verb = verb.head
        deadline = deadline or verb.lower_ in _DEADLINE
        direct = direct and (verb.pos_ in ("ADP", "VERB", "AUX") or verb.head.i == verb.i)
    if verb.pos_ not in ("VERB", "AUX"):
        return (False if modifier else None), False
    future = _verb_tense(verb)
    if modifier:
        # "Thursday's closing price": a day of the story's week, ahead only in a clause about the future
        return (future if future is not None else False), False
    if deadline:
        # "gave Merieux until mid-November", "has extended loans through January": a deadline may lie ahead
        # of a past clause; a present perfect one runs on to it
        return (future if verb.tag_ == "VBD" or future else None), False
    kids = [k for k in verb.children if k.dep_ in ("aux", "auxpass")]
    if future is None and direct and verb.tag_ in ("VBZ", "VBP") and not kids \
            and verb.lemma_.lower() not in _NOT_SCHEDULED and verb.lower_ not in _SAME_IN_THE_PAST:
        return True, False  # "Netanyahu and Arafat meet separately Monday": a present with a date is a timetable
    simple_past = future is False and verb.tag_ == "VBD" and not kids
    will = future is True and any(k.lower_ in _FUTURE_AUX or k.lemma_ in ("will", "shall") for k in kids)
    firm = direct and (simple_past or will)
    return future, firm


_WEEKDAYS = {name.lower() for name in WEEKDAY_NAMES}

#: Present-tense verbs that do not schedule what the date names: "officials say Monday", "is", "has".
_NOT_SCHEDULED = {"be", "have", "say", "tell", "report", "state", "claim", "add", "note", "remain", "stand", "show",
                  "seem", "appear", "mean", "know", "think", "believe", "hope", "want", "need", "like"}

#: Verbs whose simple past is their present: "stocks hurt the index on Friday" is as likely the past.
_SAME_IN_THE_PAST = {"hurt", "cut", "put", "set", "hit", "cost", "let", "shut", "spread", "cast", "beat", "bid",
                     "quit", "split", "upset", "burst", "read", "broadcast", "forecast", "bet", "rid", "shed"}

#: Prepositions that make a date a deadline: "until mid-November", "through January".
_DEADLINE = {"until", "till", "til", "through", "thru", "by", "before"}

#: Words that put what follows them ahead: "is due to", "plans to", "is expected to", "is scheduled".
_AHEAD = {"plan", "expect", "intend", "aim", "schedule", "hope", "want", "seek", "prepare", "set", "due", "poise",
          "propose", "promise", "threaten", "vow", "pledge", "agree", "decide", "try", "need", "have"}


def _verb_tense(verb: Token, depth: int = 0) -> bool | None:
    kids = [k for k in verb.children if k.dep_ in ("aux", "auxpass")]
    if any(k.lower_ in _FUTURE_AUX or k.lemma_ in ("will", "shall") for k in kids):
        return True
    if verb.lower_ == "going" and any(k.lower_ == "to" for k in verb.children):
        return True
    if any(k.tag_ == "MD" for k in kids) and (verb.tag_ == "VB" or (verb.tag_ == "VBN" and any(
            k.dep_ == "auxpass" and k.tag_ == "VB" for k in kids))):
        return True  # "would", "could", "may" ... with a plain verb, "would be paid": not yet
    if verb.tag_ == "VB" and any(k.tag_ == "TO" for k in kids) and verb.head.i != verb.i and depth < 3:
        # "plans to vote on Friday", "is due to meet": an infinitive looks ahead of the verb it hangs from
        head = verb.head
        if head.lemma_.lower() in _AHEAD and head.tag_ != "VBD" \
                and not any(k.dep_ in ("aux", "auxpass") and k.lower_ in ("had", "'d", "’d") for k in head.children):
            return True  # "talks set to resume Monday", "is expected to close Friday"
        head_tense = _verb_tense(head, depth + 1)
        if head_tense is False:
            return False  # "had wanted to vote on Tuesday", "planned to vote on Tuesday"
        return True if head.lemma_.lower() in _AHEAD or head.tag_ in ("VBZ", "VBP") else head_tense
    present_be = any(k.lemma_ == "be" and k.tag_ in ("VBZ", "VBP") for k in kids)
    if verb.tag_ == "VBG" and present_be:
        return True  # "is meeting on Friday"
    if verb.tag_ == "VBN" and present_be and verb.lemma_.lower() in _AHEAD:
        return True  # "is scheduled for Friday"
    if verb.tag_ == "VBN" and verb.dep_ == "xcomp" and depth < 3 and verb.head.i != verb.i \
            and all(k.lower_ in ("get", "getting", "be", "being") for k in kids):
        return _verb_tense(verb.head, depth + 1)  # "is going to start getting beat up in the spring"
    if verb.tag_ in ("VBD", "VBN") or any(k.tag_ == "VBD" for k in kids):
        return False
    if verb.tag_ == "VBG" and not kids and verb.dep_ in ("advcl", "acl", "xcomp", "conj") and depth < 3 \
            and verb.head.i != verb.i:
        return _verb_tense(verb.head, depth + 1)  # "has fluctuated, rising ... from $29.75 in March"
    return None


def extract_dates(doc: Doc, published: dt.date | None) -> list[DateMention]:
    """Every time expression in the document, with its ISO value where the text and the publication date allow."""
    text = doc_text(doc)

    def tense(a: int, b: int) -> tuple[bool | None, bool]:
        span = doc.char_span(a, max(b, a + 1), alignment_mode="expand")
        return _tense_of(span.root) if span is not None and len(span) else (None, False)

    out = []
    for f in scan(text, Ctx(published), tense=tense):
        if _counts_a_noun(doc, f):
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        sent = span.sent if span is not None and len(span) else None
        out.append(DateMention(text=text[f.start:f.end], value=f.value.iso() if f.value else None,
                               sentence=sentence_text(sent) if sent is not None else "", span=(f.start, f.end)))
    return out
