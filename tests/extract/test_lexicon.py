"""The shared word lists: month and weekday names written once, and every form derived from them."""

from __future__ import annotations

import re

import pytest

from generator.extract import doc, keyfacts
from generator.extract.dates.grammar import words
from generator.extract.figures import figures
from generator.extract.lexicon import (
    MONTH_NAMES,
    MONTH_STEMS,
    MONTHS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAY_STEMS,
    WEEKDAYS,
    forms_pattern,
    month_number,
    weekday_number,
)


@pytest.mark.parametrize(("word", "number"), [
    ("January", 1), ("jan", 1), ("Sept.", 9), ("sep", 9), ("SEPTEMBER", 9), ("May", 5), ("Decem", 12), ("jun", 6),
])
def test_month_number(word, number):
    assert month_number(word) == number


@pytest.mark.parametrize(("word", "number"), [
    ("Monday", 0), ("Tues", 1), ("tue.", 1), ("Wed", 2), ("Thurs.", 3), ("thur", 3), ("Fridays", 4), ("sun", 6),
])
def test_weekday_number(word, number):
    assert weekday_number(word) == number


def test_every_form_has_its_number():
    assert [MONTHS[name] for name in MONTH_NAMES] == list(range(1, 13))
    assert [WEEKDAYS[name] for name in WEEKDAY_NAMES] == list(range(7))
    assert all(MONTHS[a] == MONTHS[MONTH_NAMES[MONTHS[a] - 1]] and MONTH_NAMES[MONTHS[a] - 1].startswith(a)
               for a in MONTHS)
    assert all(WEEKDAY_NAMES[n].startswith(a) for a, n in WEEKDAY_ABBREVIATIONS.items())
    assert all(form[:3] in MONTH_STEMS for form in MONTHS) and all(form[:3] in WEEKDAY_STEMS for form in WEEKDAYS)


@pytest.mark.parametrize(("forms", "pattern"), [
    ({"sep": 9, "sept": 9, "september": 9, "oct": 10}, "sep(?:t(?:ember)?)?|oct"),
    ({"june": 6, "jun": 6}, "june?"),
    ({"thu": 3, "thurs": 3, "thur": 3, "mon": 0}, "mon|thu(?:rs?)?"),  # in the order of the numbers
    ({"may": 5}, "may"),
])
def test_forms_pattern(forms, pattern):
    assert forms_pattern(forms) == pattern


def test_forms_pattern_needs_each_form_to_begin_the_next():
    with pytest.raises(ValueError, match="begin the next"):
        forms_pattern({"tue": 1, "thu": 1})


def test_the_month_pattern_reads_every_form_and_only_those():
    rx = re.compile(words.MONTH, re.I)
    for form in MONTHS:
        assert rx.fullmatch(form) and rx.fullmatch(form.capitalize() + ".")
    for other in ("ja", "janu", "sepember", "mayday", "junes", "marc", "dece", "octobe"):
        assert not rx.fullmatch(other), other


def test_the_weekday_patterns_read_every_form_and_only_those():
    for form in WEEKDAYS:
        assert re.fullmatch(words.WEEKDAY, form + ".", re.I)
    assert all(re.fullmatch(words.WEEKDAY_FULL, name + "s", re.I) for name in WEEKDAY_NAMES)
    assert not any(re.fullmatch(words.WEEKDAY_FULL, a, re.I) for a in WEEKDAY_ABBREVIATIONS)
    read = {w for w in ("mo", "tu", "tues", "wedn", "thursd", "frid") if re.fullmatch(words.WEEKDAY, w, re.I)}
    assert read == {"tues"}


def test_the_page_furniture_patterns_take_their_words_from_the_lexicon():
    """A date line reads "Wednes." and "Satur" as pages print them, and every form of a month."""
    stamp = re.compile(doc.DATE_STAMP.pattern, re.I)
    for text in ("Wednes. Sept 12, 2015", "Satur 12 Jan 2015", "Thursday, 9 June 2016", "Tue, March 3, 2014"):
        assert stamp.fullmatch(text), text


def test_the_other_lists_are_derived():
    assert set(MONTHS) | set(WEEKDAY_NAMES) == figures._CALENDAR_WORDS
    assert tuple(name.title() for name in MONTH_NAMES) == keyfacts._MONTH_TITLES
    assert keyfacts._MONTH_TITLES[8] == "September"
