"""The date grammar as data: rule records in one explicit order, triggers that hold, a typed rejection."""

from __future__ import annotations

import datetime as dt
import re
import sys

import pytest

from generator.extract.dates import dates
from generator.extract.dates.dates import Ctx, scan
from generator.extract.dates.grammar import ATOMS, ATOMS_FIRST, RULES, absolute, ranges
from generator.extract.dates.grammar.core import REJECT, Groups, Reject, Role, Rule, parse_atom

#: One phrase each rule reads (every rule has one, so each trigger test below sees a real match).
EXAMPLES = {
    "iso": "2014-03-03", "iso-spaced": "2014 03 03", "compact": "20140303", "mdy": "3/4/2014", "md": "3/4",
    "ym": "2014-03", "my": "03/2014", "mdy-name": "March 3, 2014", "dmy-name": "3 March 2014",
    "ymd-name": "2014-Mar-03", "myd-name": "Mar-2014-03", "md-name": "March 3", "dm-name": "3 March",
    "my-name": "March 2014", "ym-name": "2014 March", "month": "in May", "rel-date": "next 5/12",
    "md-dot": "on 5.12", "year-cue": "fiscal year 2019", "year": "in 2014", "decade": "the nineties",
    "century": "the 19th century", "quarter": "Q3 2019", "half": "H1 2019", "rel-quarter": "last quarter",
    "quarter-alone": "the third quarter", "dayword": "the day after tomorrow", "now": "now",
    "weekday": "on Friday",
    "weekday-listed": "Mon or Tue", "weekday-of-week": "Monday of next week", "weekday-date": "Mon 13th",
    "weekday-full-date": "Friday, May 3", "rel-period": "last week", "the-period": "for the week",
    "the-whole-year": "the full year", "year-earlier": "year-earlier results", "year-end": "by year-end",
    "until-then": "until then",
    "weekend": "this weekend", "week-after-next": "the week after next", "working-week": "this working week",
    "earlier-later": "earlier this month", "part-of": "the end of 2019", "eoy": "year-to-date",
    "season": "this summer", "week-number": "week 12", "nth-week-of": "the second week of May",
    "nth-month-of": "the third month of 2019", "nth-day-of": "the first day of May",
    "first-n-of": "the first three months of 2019", "bare-day": "the third", "the-nth": "the 21st.",
    "week-of": "w/c 4th of July", "holiday": "St. Patrick’s Day", "holiday-weekend": "the Labor Day weekend",
    "ago": "three days ago", "in-dur": "in two weeks", "in-a-unit": "in a week's time",
    "a-unit-later": "a week later", "within-next": "within the next 10 days", "next-n": "the next 10 days",
    "next-couple": "the next couple of weeks", "the-next-decade": "the next two decades",
    "dur-from": "two weeks from Friday", "in-dur-since": "in three years since 2019",
    "wd-dur-from-now": "Friday, two weeks from now", "for-dur-from": "for two weeks from Monday",
    "day-range-month": "from the 3rd to the 9th of March", "month-day-range": "March 3 to 9",
    "md-range": "3/4 - 3/9", "dashed-range": "3-4-2014-3-9-2014", "in-next-month": "from 3-9 of next month",
    "since-to-date": "from 2014 to date", "range": "from 2014 to 2018",
}
#: Texts with letters that match ASCII ones only ignoring case ("İN", "ſeptember"), curly apostrophes, dashes.
HARD = [
    "On March 3, 2014, two weeks ago, the twenty-first of Jan. and Q4 2019, since the seventies.",
    "St.Louis w/c 4th of July: Valentine’s Day; İN 2016 the partIes of ſeptember; 1990ties, H1 fy2020",
    "From Christmas Eve to New Year’s Day – the ſummer of 2019 — Mon 13th, THURS. 5 and weekends.",
]


def test_every_rule_has_an_example_that_it_reads():
    assert set(EXAMPLES) == {r.name for r in RULES}
    for r in RULES:
        assert any(rx.search(EXAMPLES[r.name]) for rx in r.rxs), r.name


@pytest.mark.parametrize("rule", [r for r in RULES if r.triggers is not None], ids=lambda r: r.name)
def test_every_match_holds_a_trigger(rule):
    """The scanner skips the stretches of text without one of a rule's triggers: that is only safe if every
    match holds one (in the text as folded: "ſ" matches "s" ignoring case)."""
    seen = 0
    for text in [*EXAMPLES.values(), *HARD]:
        for rx in rule.rxs:
            for m in rx.finditer(text):
                seen += 1
                assert any(t in dates._fold(m.group()) for t in rule.triggers), (m.group(), rule.triggers)
    assert seen


def test_only_the_rules_read_as_a_side_of_a_range_have_no_triggers():
    assert {r.name for r in RULES if r.triggers is None} == {r.name for r in RULES if r.role is Role.SIDE}
    assert all(t == t.lower() and t for r in RULES for t in r.triggers or ())


def test_the_order_is_one_explicit_list():
    """The precedence: calendar dates first, ranges last; names are unique, each rule one record."""
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert names[:len(absolute.RULES)] == [r.name for r in absolute.RULES]
    assert [r.role for r in RULES[len(ATOMS):]] == [Role.RANGE] * len(RULES[len(ATOMS):])
    assert Role.RANGE not in {r.role for r in ATOMS}
    assert [r.name for r in ATOMS_FIRST][-2:] == ["now", "bare-day"]  # read only where nothing else does
    assert all(isinstance(r, Rule) for r in RULES) and isinstance(RULES, tuple)


def test_rules_are_frozen_records():
    with pytest.raises(AttributeError):
        RULES[0].name = "other"  # type: ignore[misc]


def test_building_the_ranges_again_changes_nothing():
    """No rule registers itself: building the range rules again gives equal rules, and RULES stays as it was."""
    before = [(r.name, r.patterns) for r in RULES]
    again = ranges.rules(ATOMS)
    assert [(r.name, r.patterns) for r in again] == before[len(ATOMS):]
    assert [(r.name, r.patterns) for r in RULES] == before


def test_reject_is_a_typed_singleton():
    assert isinstance(REJECT, Reject) and REJECT is Reject.REJECT and REJECT != "reject"


@pytest.mark.parametrize(("name", "text"), [
    ("season", "summer"),  # a season without "this", "in the" or a year is no date: "a summer job"
    ("month-day-range", "May 9 to 3"),  # a range that runs backwards
    ("quarter-alone", "the last quarter"),
])
def test_handlers_reject_with_the_sentinel(name, text):
    rule = next(r for r in RULES if r.name == name)
    m = next(m for rx in rule.rxs if (m := rx.fullmatch(text)))  # the whole text, as the scanner may find it
    assert rule.handle(Groups(m), Ctx(dt.date(2021, 11, 12))) is REJECT


def test_a_rejected_match_leaves_the_text_undated():
    assert scan("He took a summer job.", Ctx(dt.date(2021, 11, 12))) == []


def test_parse_atom_reads_one_expression():
    ctx = Ctx(dt.date(2021, 11, 12))
    assert parse_atom("the third", ctx).start == dt.date(2021, 11, 3)  # a side-of-range rule, tried last
    assert parse_atom("a summer job", ctx) is None


def test_fold_keeps_the_length_and_makes_ignorecase_letters_ascii():
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert len(dates._fold(chars)) == len(chars)
    for m in re.finditer("[a-z]", chars[0x80:], re.I):  # "İ", "ı", "ſ", "K": what ignoring case makes ASCII
        letters = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, m.group(), re.I)]
        assert [dates._fold(m.group())] == letters, hex(ord(m.group()))


#: Texts in every case, with the letters that match ASCII ones only ignoring case, for the trigger scan.
TRIGGER_TEXTS = [*EXAMPLES.values(), *HARD, "ON MONDAY, JANUARY 5TH, THE SEVENTIES ENDED A DECADE AGO",
                 "next Thursday's KICK-OFF; a ſummer weeK, İndependence Day, the fortıeth Anniversary, 3pm"]


@pytest.mark.parametrize("text", TRIGGER_TEXTS)
def test_trigger_spots_on_the_folded_text_are_those_ignoring_case(text):
    """The scanner looks for digits and date words in the folded text without ``re.I`` (3x faster): that finds
    exactly what the same pattern finds in the text ignoring case."""
    ignoring_case = re.compile(dates._TRIGGER.pattern, re.I)
    assert dates.trigger_spots(dates._fold(text)) == [m.span() for m in ignoring_case.finditer(text)]


def test_the_trigger_words_are_in_lower_case():
    """What makes the folded scan the same: no upper-case letter in the pattern (but in escapes: ``\\b``, ``\\w``)."""
    assert not dates._TRIGGER.flags & re.I
    assert not re.findall(r"[A-Z]", re.sub(r"\\.", "", dates._TRIGGER.pattern))


_SCANNED_PATTERNS = [(r.name, rx) for r in RULES if r.role is not Role.SIDE for rx in r.rxs]


def _letters_outside_syntax(pattern: str) -> str:
    """The pattern's letters that match letters: not those of escapes (``\\b``, ``\\S``) or group names."""
    return re.sub(r"\(\?P[<=]\w+>?", "", re.sub(r"\\.", "", pattern))


@pytest.mark.parametrize(("name", "rx"), [*_SCANNED_PATTERNS, ("join", dates._JOIN), ("dateish", dates._DATEISH)],
                         ids=lambda x: x if isinstance(x, str) else "")
def test_the_scanned_patterns_are_in_lower_case(name, rx):
    """What makes looking for them in the folded text without ``re.I`` the same as in the text ignoring case."""
    assert not re.findall(r"[A-Z]", _letters_outside_syntax(rx.pattern)), name
    assert all(not c.isalpha() or c.isascii() or c.lower() == c.upper() for c in rx.pattern), name


def test_fold_changes_no_class_of_character():
    """Folding keeps every character a word character, digit or space as it was (the patterns' classes and
    lookarounds read the folded text as they read the text)."""
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    folded = dates._fold(chars)
    for cls in (r"\w", r"\d", r"\s"):
        assert [m.start() for m in re.finditer(cls, folded)] == [m.start() for m in re.finditer(cls, chars)], cls


@pytest.mark.parametrize("text", TRIGGER_TEXTS)
def test_folded_twins_match_where_and_as_the_rules_do(text):
    """At every position, the twin in the folded text matches the same characters as the rule in the text."""
    folded = dates._fold(text)
    for name, rx in _SCANNED_PATTERNS:
        twin = dates.folded_twin(rx)
        for i in range(len(text)):
            got, want = twin.match(folded, i), rx.match(text, i)
            assert (got and got.span()) == (want and want.span()), (name, text[i:i + 30])
