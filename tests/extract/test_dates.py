"""Dates: every time expression, resolved against a reference (publication) date, never today's.

The grammar is pure text (:func:`scan`), so most rows need no parse; the rows about tense and
publication dates run the real pipeline. Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from generator.extract.dates.calendar import Period, add_months, easter, month_end, nth_weekday, shift, week_in_month
from generator.extract.dates.dates import Ctx, date_spans, extract_dates, scan

# Friday 12 November 2021
REF = dt.date(2021, 11, 12)


def resolve(text: str, *, ref: dt.date | None = REF, future: bool | None = None) -> list[tuple[str, str | None]]:
    return [(text[f.start:f.end], f.value.iso() if f.value else None) for f in scan(text, Ctx(ref, future))]


def only(text: str, **kw) -> tuple[str, str | None]:
    got = resolve(text, **kw)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize("text, found, value", [
    ("The minister resigned yesterday.", "yesterday", "2021-11-11"),
    ("The vote is tomorrow.", "tomorrow", "2021-11-13"),
    ("Talks resume today.", "today", "2021-11-12"),
    ("The results came out last week.", "last week", "2021-W44"),
    ("Officials met this week.", "this week", "2021-W45"),
    ("Prices rose this month.", "this month", "2021-11"),
    ("Sales fell last month.", "last month", "2021-10"),
    ("The law changes next year.", "next year", "2022"),
    ("Inflation peaked last year.", "last year", "2020"),
    ("The treaty was signed in 2014.", "2014", "2014"),
    ("The troops left three days ago.", "three days ago", "2021-11-09"),
    ("The plant will reopen in two weeks.", "in two weeks", "2021-11-26"),
    ("Figures for the last quarter were weak.", "last quarter", "2021-07-01/2021-09-30"),
    ("The firm grew in the first half of 2020.", "first half of 2020", "2020-01-01/2020-06-30"),
    ("Shares rose in Q3 2019.", "Q3 2019", "2019-07-01/2019-09-30"),
    ("Growth slowed in the 1990s.", "1990s", "1990-01-01/1999-12-31"),
    ("Castles were built in the 15th century.", "15th century", "1400-01-01/1499-12-31"),
    ("Rents have risen over the next three months.", "next three months", "2021-11-13/2022-02-12"),
    ("We spoke earlier this month.", "earlier this month", "2021-11-01/2021-11-15"),
    ("Shops close over the weekend.", "weekend", "2021-11-13/2021-11-14"),
    ("Markets rallied in early September.", "early September", "2021-09-01/2021-09-10"),
    ("Sales slumped over the summer.", "the summer", "2021-06-01/2021-08-31"),
    ("Talks resumed on June 11: both sides attended.", "June 11", "2021-06-11"),
])
def test_relative_dates_with_a_reference_date(text, found, value):
    got_text, got_value = only(text)
    assert found in got_text and got_value == value


@pytest.mark.parametrize("text, value", [
    ("The strike began on March 3, 2014.", "2014-03-03"),
    ("The strike began on 3 March 2014.", "2014-03-03"),
    ("The strike began on the 3rd of March 2014.", "2014-03-03"),
    ("The report is dated 2019-08-01.", "2019-08-01"),
    ("The form was filed on 01/22/2016.", "2016-01-22"),
    ("The form was filed on 22/01/2016.", "2016-01-22"),
    ("The plan was agreed in April 2017.", "2017-04"),
    ("They married on Christmas Day 2010.", "2010-12-25"),
    ("The race is held on Easter Sunday 2024.", "2024-03-31"),
])
def test_absolute_dates(text, value):
    assert only(text)[1] == value


@pytest.mark.parametrize("text, future, value", [
    ("The spokesman spoke on Friday.", False, "2021-11-12"),
    ("The court ruled on Tuesday.", False, "2021-11-09"),
    ("The court will rule on Tuesday.", True, "2021-11-16"),
    ("They met last Wednesday.", None, "2021-11-03"),
    ("They meet next Monday.", None, "2021-11-15"),
    ("The deal was signed on March 3.", False, "2021-03-03"),
    ("Elections are due on March 3.", True, "2022-03-03"),
])
def test_weekdays_and_yearless_dates_follow_the_tense(text, future, value):
    assert only(text, future=future)[1] == value


@pytest.mark.parametrize("text, value", [
    ("The fair runs from November 3 to November 9.", "2021-11-03/2021-11-09"),
    ("The fair runs from 2014 to 2018.", "2014-01-01/2017-12-31"),
    ("The offer runs between May and August.", "2021-05-01/2021-07-31"),
    ("The show is on November 18-19.", "2021-11-18/2021-11-19"),
    ("The festival runs 9 to 12 June.", "2021-06-09/2021-06-12"),
    ("Exports grew from January to April 2015.", "2015-01-01/2015-03-31"),
])
def test_ranges(text, value):
    assert only(text)[1] == value


@pytest.mark.parametrize("text", [
    "The minister resigned yesterday.",
    "The results came out last week.",
    "The court ruled on Tuesday.",
    "The deal was signed on March 3.",
])
def test_without_a_reference_date_relative_dates_keep_their_text(text):
    got_text, got_value = only(text, ref=None)
    assert got_text and got_value is None


@pytest.mark.parametrize("text, value", [
    ("The treaty was signed in 2014.", "2014"),
    ("The strike began on March 3, 2014.", "2014-03-03"),
])
def test_without_a_reference_date_absolute_dates_resolve(text, value):
    assert only(text, ref=None)[1] == value


def test_a_weekday_then_a_duration():
    assert resolve("It reopened on Tuesday, three weeks after the fire.") == [("Tuesday", "2021-11-09")]


def test_later_counts_from_the_last_dated_event():
    got = resolve("The mine opened in 2007. Two years later it closed.")
    assert got == [("2007", "2007"), ("Two years later", "2009")]


@pytest.mark.parametrize("text", [
    "I may be late.",
    "Protesters march on the capital.",
    "It was the first time they met.",
    "The sun rose over the hills.",
    "Shares rose 5.5% to $84.",
    "The firm employs 2000 people.",
    "The day after the vote, he resigned.",
    "The update fixes a bug in version 2.3 of the app.",
    "Prime Minister Theresa May spoke first.",
    "Gas may surpass coal as the top fuel.",
    "She worked as a summer associate at the firm.",
    "At the end of the day, voters decide.",
    "He wrote a column the day before the debate.",
    "The comic is drawn by Johnnie Christmas.",
    "She spent the last five months of her life in hospital.",
])
def test_not_dates(text):
    assert resolve(text) == []


def test_date_numbers_are_blocked_for_figures():
    text = "On March 29 the firm sold 300 cars."
    spans = date_spans(text)
    assert [text[a:b] for a, b in spans] == ["March 29"]


def test_calendar_helpers():
    assert easter(2019) == dt.date(2019, 4, 21)
    assert easter(2024) == dt.date(2024, 3, 31)
    assert easter(1818) == dt.date(1818, 3, 22) and easter(2038) == dt.date(2038, 4, 25)  # the earliest, the latest
    assert week_in_month(2016, 7, -1) == Period(dt.date(2016, 7, 25), dt.date(2016, 7, 31), "week")
    assert Period(dt.date(2021, 11, 8), dt.date(2021, 11, 14), "week").iso() == "2021-W45"


@pytest.mark.parametrize(("got", "day"), [
    (add_months(dt.date(2019, 1, 31), 1), dt.date(2019, 2, 28)),  # the month is shorter: its last day
    (add_months(dt.date(2020, 1, 31), 1), dt.date(2020, 2, 29)),
    (add_months(dt.date(2019, 3, 31), -13), dt.date(2018, 2, 28)),
    (shift(dt.date(2016, 2, 29), 1, "year"), dt.date(2017, 2, 28)),
    (shift(dt.date(2016, 2, 29), -1, "century"), dt.date(1916, 2, 29)),
    (shift(dt.date(2021, 11, 12), 2, "fortnight"), dt.date(2021, 12, 10)),
    (shift(dt.date(2021, 11, 30), 1, "quarter"), dt.date(2022, 2, 28)),
    (month_end(2024, 2), dt.date(2024, 2, 29)),
    (month_end(9999, 12), dt.date(9999, 12, 31)),  # the last month there is
    (nth_weekday(2024, 11, 3, 4), dt.date(2024, 11, 28)),  # Thanksgiving: the fourth Thursday
    (nth_weekday(2024, 5, 0, -1), dt.date(2024, 5, 27)),  # Memorial Day: the last Monday
    (nth_weekday(2024, 9, 0, 1), dt.date(2024, 9, 2)),  # Labor Day: the first Monday, the month's second day
])
def test_month_arithmetic(got, day):
    assert got == day


def test_shift_names_its_units():
    with pytest.raises(ValueError, match="hour"):
        shift(dt.date(2021, 11, 12), 1, "hour")


@pytest.mark.parametrize("text, value", [
    ("The Kremlin dismissed the reports on Tuesday.", "2021-11-09"),
    ("The Kremlin will answer the reports on Tuesday.", "2021-11-16"),
    ("The council plans to vote on Tuesday.", "2021-11-16"),
    ("The minister is meeting union leaders on Tuesday.", "2021-11-16"),
    ("The hearing is scheduled for Tuesday.", "2021-11-16"),
    ("Officials said they had wanted to vote on Tuesday.", "2021-11-09"),
])
def test_tense_from_the_parse(nlp, text, value):
    """A weekday is the last one in a clause about the past, the next one in a clause about what is ahead
    (published on Friday 12 November 2021)."""
    assert [d.value for d in extract_dates(nlp(text), dt.date(2021, 11, 12))] == [value]


def test_extract_dates_spans_and_sentences(nlp):
    text = "Talks began last week. They resume on Friday."
    got = extract_dates(nlp(text), dt.date(2021, 11, 10))
    assert [(d.text, d.value) for d in got] == [("last week", "2021-W44"), ("Friday", "2021-11-12")]
    for d in got:
        assert text[d.span[0]:d.span[1]] == d.text and d.text in d.sentence


def test_seed_article_dates(sheet_of, shared):
    sys.path.insert(0, str(shared / "tools"))
    import score

    article = shared / "corpus" / "articles" / "kremlin-troops-border.txt"
    gold = score.load_yaml(shared / "corpus" / "gold" / "kremlin-troops-border.yaml")
    sheet = sheet_of(article.read_text(encoding="utf-8"))
    res = score.score_dates([d.to_dict() for d in sheet.dates], gold)
    assert res["f1"] >= 0.9, (res["misses"], res["extra"])
