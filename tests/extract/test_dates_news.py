"""Dates as wire news writes them (issue 15): resolved against the article's date and the sentence's tense.

Every row is a general rule (the sentences are written for these tests): a yearless date is the nearest one
that fits the tense, counted periods keep their grain, "that day" and "the same month" point back at the
last date the story gave."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.dates.dates import Ctx, extract_dates, scan


def values(text: str, published: dt.date, future: bool | None = None) -> list[tuple[str, str | None]]:
    return [(text[f.start:f.end], f.value.iso() if f.value else None) for f in scan(text, Ctx(published, future))]


def value_of(text: str, found: str, published: dt.date, future: bool | None = None) -> str | None:
    got = dict(values(text, published, future))
    assert found in got, got
    return got[found]


@pytest.mark.parametrize("text, found, published, future, value", [
    # past tense: the last one; but a date a few weeks ahead stays ahead ("had been set to expire Nov. 6")
    ("The deal was signed on March 3.", "March 3", dt.date(2021, 11, 12), False, "2021-03-03"),
    ("Police made the arrests on Nov. 25.", "Nov. 25", dt.date(2022, 1, 20), False, "2021-11-25"),
    ("The offer had been set to expire Nov. 6.", "Nov. 6", dt.date(2021, 11, 2), False, "2021-11-06"),
    ("The board declared a dividend payable Dec. 15.", "Dec. 15", dt.date(2021, 10, 26), False, "2021-12-15"),
    # future tense: the next one
    ("The court will rule on Jan. 14.", "Jan. 14", dt.date(2022, 1, 6), True, "2022-01-14"),
    ("Elections will be held on March 3.", "March 3", dt.date(2021, 11, 12), True, "2022-03-03"),
    # no tense: the nearest one, in either direction
    ("The dividend is payable Jan. 2.", "Jan. 2", dt.date(2021, 11, 2), None, "2022-01-02"),
    ("The figures for Nov. 25 are in.", "Nov. 25", dt.date(2022, 1, 20), None, "2021-11-25"),
    ("Homes worth millions in October are worth half that now.", "October", dt.date(2022, 1, 8), None, "2021-10"),
    ("Loans run through January.", "January", dt.date(2021, 10, 30), None, "2022-01"),
    # the text itself says which: "last May" is never ahead
    ("Prices fell last May, analysts said.", "last May", dt.date(2021, 4, 10), None, "2020-05"),
])
def test_a_yearless_date_is_the_nearest_that_fits_the_tense(text, found, published, future, value):
    assert value_of(text, found, published, future) == value


@pytest.mark.parametrize("text, published, value", [
    # Thursday 11 November 2021: a weekday in a clause about the past is the last one, ahead the next one
    ("The minister resigned on Friday.", dt.date(2021, 11, 11), "2021-11-05"),
    ("The minister will resign on Friday.", dt.date(2021, 11, 11), "2021-11-12"),
    ("The peace process, set to resume Monday, faces new threats.", dt.date(2021, 11, 11), "2021-11-15"),
    ("Officials said they had wanted to vote on Tuesday.", dt.date(2021, 11, 11), "2021-11-09"),
    # a present with a weekday is a timetable: ahead (Wednesday 10 November)
    ("Netanyahu and Arafat meet separately Monday with the envoy.", dt.date(2021, 11, 10), "2021-11-15"),
    # ... but not a verb whose past reads the same
    ("Weak bank shares hurt the market on Friday.", dt.date(2021, 11, 8), "2021-11-05"),
    # a weekday that qualifies a noun is a day of the story's week: the last one (Monday 15 November)
    ("The bonds convert at a premium over Thursday's closing price.", dt.date(2021, 11, 15), "2021-11-11"),
    ("Thursday's meeting will settle the matter.", dt.date(2021, 11, 15), "2021-11-18"),
])
def test_a_weekday_follows_the_tense_of_its_clause(nlp, text, published, value):
    assert [d.value for d in extract_dates(nlp(text), published)] == [value]


@pytest.mark.parametrize("text, found, published, value", [
    ("Celebrations will mark the new year.", "new year", dt.date(2021, 12, 20), "2022-01-01"),
    ("Talks ended last week.", "last week", dt.date(2021, 11, 12), "2021-W44"),
    ("Talks continue this week.", "this week", dt.date(2021, 11, 12), "2021-W45"),
    ("Talks resume next week.", "next week", dt.date(2021, 11, 12), "2021-W46"),
    # counted periods keep their grain: a month, a year, not a day
    ("The storm hit two months ago.", "two months ago", dt.date(2021, 11, 12), "2021-09"),
    ("The firm was founded four years ago.", "four years ago", dt.date(2021, 11, 12), "2017"),
    ("Profit rose from 4 pence a year earlier.", "a year earlier", dt.date(2021, 11, 12), "2020"),
    ("The plant shut two years and three months ago.", "two years and three months ago", dt.date(2021, 11, 12),
     "2019-08"),
    ("The troops left three days ago.", "three days ago", dt.date(2021, 11, 12), "2021-11-09"),
    ("The troops left three weeks ago.", "three weeks ago", dt.date(2021, 11, 12), "2021-10-22"),
    # a four-digit year before the singular noun it dates
    ("He lost his unsuccessful 1996 campaign.", "1996", dt.date(2021, 11, 12), "1996"),
    ("Sanctions followed its 1990 invasion of Kuwait.", "1990", dt.date(2021, 11, 12), "1990"),
    # the year business news reports on
    ("Earnings will rise for the full year.", "the full year", dt.date(2021, 11, 12), "2021"),
    ("Sales in the current fiscal year will be flat.", "the current fiscal year", dt.date(2021, 11, 12), "2021"),
    # a short weekday beside another weekday
    ("Schedule a meeting on Thursday or Fri please.", "Fri", dt.date(2021, 11, 10), "2021-11-12"),
    # a range's yearless end is the next one from its start
    ("The sale runs between now and November 15th.", "between now and November 15th", dt.date(2019, 4, 23),
     "2019-04-23/2019-11-15"),
])
def test_news_expressions(text, found, published, value):
    assert value_of(text, found, published) == value


@pytest.mark.parametrize("text, found, value", [
    ("The plant opened on March 3, 2015. Later that year it closed.", "that year", "2015"),
    ("The plant opened on March 3, 2015. That day, workers cheered.", "That day", "2015-03-03"),
    ("The plant opened on March 3, 2015. The same month, it hired 200 people.", "The same month", "2015-03"),
    ("The plant opened on March 3, 2015. The following month it closed.", "following month", "2015-04"),
    ("The plant opened in 2015. That day, workers cheered.", "That day", None),  # no day to point at
    ("Workers cheered that day.", "that day", "2021-11-12"),  # no date before it: the publication date
    ("The plant opened in 2015. Next month it reopens.", "Next month", "2021-12"),  # counted from today
])
def test_that_day_points_back_at_the_last_date_given(text, found, value):
    assert value_of(text, found, dt.date(2021, 11, 12)) == value


@pytest.mark.parametrize("text, published, value", [
    # the date's own verb in the simple past: no slack for a month just ahead
    ("The company changed its fiscal year in December.", dt.date(2021, 10, 27), "2020-12"),
    ("In the year-ago quarter, which ended Oct. 31, the firm lost money.", dt.date(2021, 10, 27), "2020-10-31"),
    # ... but a past clause about something else leaves it free: the nearest
    ("The bank said it is trying to sell itself under a June agreement.", dt.date(2021, 10, 27), "2021-06"),
    ("The bank created a new office, effective Feb. 1.", dt.date(2021, 10, 26), "2022-02-01"),
    # a participle takes the tense of the clause it hangs from
    ("The stock has fluctuated sharply, rising to $42 in June from $29 in March.", dt.date(2021, 10, 30),
     "2021-03"),
    # a modal passive looks ahead
    ("The split would be paid on a date in January.", dt.date(2021, 10, 26), "2022-01"),
    # a deadline of a present perfect clause runs on to it
    ("Lenders have extended the loans through January.", dt.date(2021, 10, 30), "2022-01"),
    # a passive participle after "start getting" takes the tense of the clause: ahead
    ("The sector is going to start getting beat up in the spring.", dt.date(2022, 2, 6), "2022-03-01/2022-05-31"),
])
def test_the_clause_places_a_yearless_date(nlp, text, published, value):
    assert [d.value for d in extract_dates(nlp(text), published)][-1] == value


@pytest.mark.parametrize("text, found, published, future, value", [
    # business news compares the reported period with the same one a year before
    ("The year-earlier results were restated.", "year-earlier", dt.date(2021, 10, 26), None, "2020"),
    ("In the year-ago quarter it lost money.", "year-ago", dt.date(2021, 10, 26), None, "2020"),
    ("The year-ago results were restated.", "year-ago", dt.date(2022, 1, 20), None, "2020"),  # Q4 2021 reported
    # a deadline at the end of the year: the current one
    ("The deal will close by year-end.", "year-end", dt.date(2021, 11, 2), None, "2021"),
    ("Rules should be in place by year's end.", "year's end", dt.date(2021, 10, 26), None, "2021"),
    # "until then" is the date the sentence before gave
    ("Rights end on Nov. 30. Until then, the stock is convertible.", "then", dt.date(2021, 10, 30), None,
     "2021-11-30"),
    # a bond's maturity year; an approximate count back
    ("Holders get 13% bonds due 1993 and warrants.", "1993", dt.date(1989, 11, 2), None, "1993"),
    ("Then, a week or so ago, he chose a date.", "a week or so ago", dt.date(2021, 11, 12), None, "2021-11-05"),
    # a month's full name and a full stop end the sentence: the next word is no day
    ("Sales fell in April. One of the computers sold well.", "April", dt.date(2021, 11, 12), False, "2021-04"),
    # a second date that owns a noun ends no range: two dates (published on Friday 4 February)
    ("After a small revision Friday to December's figures, jobs grew.", "December", dt.date(2022, 2, 4), None,
     "2021-12"),
    ("After a small revision Friday to December's figures, jobs grew.", "Friday", dt.date(2022, 2, 4), None,
     "2022-02-04"),
    ("The latest plan takes effect in a month.", "in a month", dt.date(2021, 11, 12), None, "2021-12-12"),
    # "the year of" a price is the year, not "the year of the dragon"
    ("Shares rose to a high for the year of $42.875 in June.", "the year", dt.date(2021, 11, 12), None, "2021"),
])
def test_business_news_expressions(text, found, published, future, value):
    assert value_of(text, found, published, future) == value


@pytest.mark.parametrize("text", [
    "The currency lost twenty six percent of its value.",  # a count in words, not the year 2006
    "Only twenty two of them were women.",
    "Profit fell from the year-earlier $4.5 million.",  # "year-earlier" before a sum: no period named
    "Year-end net was lower.",  # an adjective, not a deadline
    # a superlative just before "in a year" makes it the stretch measured over, not a date ahead
    "Spending rose 0.2%, the smallest gain in a year.",
    "Shares hit their highest level in a decade.",
    "Taxes are minimal in a quarter that produced a loss.",  # any such quarter
    'Baker, speaking on ABC\'s "This Week," backed the plan.',  # a quoted title
    "It was among the great inventions of the past century.",  # the last hundred years, not the 1900s
    "Crime fell sharply in the past decade.",
])
def test_no_date_here(text):
    assert [v for v in values(text, dt.date(2021, 11, 12)) if v[1]] == []
