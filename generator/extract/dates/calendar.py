"""Calendar arithmetic for resolving time expressions: periods, weeks, months, holidays.

A :class:`Period` is a run of whole days with the grain it was named at ("day", "week",
"month", "year", ...); :meth:`Period.iso` writes it the way fact sheets store dates:
``2021-11-12``, ``2021-11``, ``2021``, ``2021-W45`` or ``start/end`` (both days included).
Months and years are counted, and Easter found, with python-dateutil.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as nth_of

DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive
    grain: str = "day"  # day, week, month, quarter, half, year, decade, century, span

    def iso(self) -> str:
        s, e = self.start, self.end
        if s == e:
            return s.isoformat()
        if s.day == 1 and e == month_end(s.year, s.month) and s.month == e.month and s.year == e.year:
            return f"{s.year:04d}-{s.month:02d}"
        if s == dt.date(s.year, 1, 1) and e == dt.date(s.year, 12, 31):
            return f"{s.year:04d}"
        if s.weekday() == 0 and e == s + 6 * DAY and self.grain == "week":
            y, w, _ = s.isocalendar()
            return f"{y:04d}-W{w:02d}"
        return f"{s.isoformat()}/{e.isoformat()}"


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1) + relativedelta(day=31)  # the day is capped at the month's last


def day(d: dt.date) -> Period:
    return Period(d, d, "day")


def month(year: int, mon: int) -> Period:
    return Period(dt.date(year, mon, 1), month_end(year, mon), "month")


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")


def quarter(y: int, q: int) -> Period:
    first = 3 * (q - 1) + 1
    return Period(dt.date(y, first, 1), month_end(y, first + 2), "quarter")


def half(y: int, h: int) -> Period:
    return Period(dt.date(y, 1 if h == 1 else 7, 1), dt.date(y, 6, 30) if h == 1 else dt.date(y, 12, 31), "half")


def week_of(d: dt.date) -> Period:
    start = d - d.weekday() * DAY
    return Period(start, start + 6 * DAY, "week")


def iso_week(y: int, w: int) -> Period | None:
    try:
        start = dt.date.fromisocalendar(y, w, 1)
    except ValueError:
        return None
    return Period(start, start + 6 * DAY, "week")


def decade(start_year: int) -> Period:
    return Period(dt.date(start_year, 1, 1), dt.date(start_year + 9, 12, 31), "decade")


def century(n: int) -> Period:
    s = (n - 1) * 100
    return Period(dt.date(max(s, 1), 1, 1), dt.date(s + 99, 12, 31), "century")


def span(a: dt.date, b: dt.date) -> Period:
    return Period(a, b, "span") if a <= b else Period(b, a, "span")


def add_months(d: dt.date, n: int) -> dt.date:
    """The same day n months later (earlier, when n < 0), or the month's last day if it is shorter: Jan 31 + 1 is
    Feb 28 (or 29)."""
    return d + relativedelta(months=n)


#: One of each unit :func:`shift` counts in.
_UNITS = {"day": relativedelta(days=1), "week": relativedelta(weeks=1), "fortnight": relativedelta(weeks=2),
          "month": relativedelta(months=1), "quarter": relativedelta(months=3), "year": relativedelta(years=1),
          "decade": relativedelta(years=10), "century": relativedelta(years=100)}


def shift(d: dt.date, n: int, unit: str) -> dt.date:
    """The day n units after d (before, when n is negative); unit is day, week, fortnight, month, year, ...

    Months and longer keep the day of the month where they can, as :func:`add_months` does."""
    if unit not in _UNITS:
        raise ValueError(unit)
    return d + n * _UNITS[unit]


def business_days(ref: dt.date, n: int) -> Period:
    """The next (n > 0) or previous (n < 0) |n| working days, Monday to Friday, not counting ref."""
    step = DAY if n > 0 else -DAY
    d, got = ref, []
    while len(got) < abs(n):
        d += step
        if d.weekday() < 5:
            got.append(d)
    return span(min(got), max(got))


def weekday_near(ref: dt.date, wd: int, *, future: bool | None) -> dt.date:
    """The weekday wd (0 = Monday) nearest ref: on or before it in the past, on or after it ahead,
    and whichever is closer when the tense does not say (the past one on a tie)."""
    back = (ref.weekday() - wd) % 7
    ahead = (wd - ref.weekday()) % 7
    if future or (future is None and ahead < back):
        return ref + ahead * DAY
    return ref - back * DAY


def weekday_in_week(week_start: dt.date, wd: int) -> dt.date:
    return week_start + wd * DAY


def nth_weekday(y: int, mon: int, wd: int, n: int) -> dt.date:
    """The nth (1-based; -1 for last) weekday wd (0 = Monday) of a month."""
    if n > 0:
        return dt.date(y, mon, 1) + relativedelta(weekday=nth_of(wd, n))
    return dt.date(y, mon, 1) + relativedelta(day=31, weekday=nth_of(wd, -1))


def week_in_month(y: int, mon: int, n: int) -> Period:
    """Week n of a month (-1 = the last): the week holding the month's nth Thursday, as ISO weeks do for years."""
    return week_of(nth_weekday(y, mon, 3, n))


def _fixed(mon: int, d: int):
    return lambda y: dt.date(y, mon, d)


#: Holidays by name: a function from a year to the day.
HOLIDAYS = {
    "christmas": _fixed(12, 25), "christmas day": _fixed(12, 25), "xmas": _fixed(12, 25),
    "christmas eve": _fixed(12, 24), "boxing day": _fixed(12, 26),
    "new year": _fixed(1, 1), "new year's": _fixed(1, 1), "new year's day": _fixed(1, 1),
    "new years day": _fixed(1, 1), "new year day": _fixed(1, 1), "new years": _fixed(1, 1),
    "new year's eve": _fixed(12, 31), "new years eve": _fixed(12, 31), "hogmanay": _fixed(12, 31),
    "halloween": _fixed(10, 31), "valentine's day": _fixed(2, 14), "valentines day": _fixed(2, 14),
    "valentine day": _fixed(2, 14), "independence day": _fixed(7, 4), "fourth of july": _fixed(7, 4),
    "4th of july": _fixed(7, 4), "july fourth": _fixed(7, 4), "bastille day": _fixed(7, 14),
    "earth day": _fixed(4, 22), "st patrick's day": _fixed(3, 17), "st. patrick's day": _fixed(3, 17),
    "saint patrick's day": _fixed(3, 17), "st patricks day": _fixed(3, 17), "saint patrick": _fixed(3, 17),
    "st patrick": _fixed(3, 17), "saint patricks day": _fixed(3, 17),
    "may day": _fixed(5, 1), "international workers' day": _fixed(5, 1), "international workers day": _fixed(5, 1),
    "labour day": _fixed(5, 1), "workers' day": _fixed(5, 1), "armistice day": _fixed(11, 11),
    "veterans day": _fixed(11, 11), "veterans' day": _fixed(11, 11), "remembrance day": _fixed(11, 11),
    "juneteenth": _fixed(6, 19), "australia day": _fixed(1, 26), "canada day": _fixed(7, 1),
    "guy fawkes night": _fixed(11, 5), "bonfire night": _fixed(11, 5), "all saints' day": _fixed(11, 1),
    "easter": easter, "easter sunday": easter, "easter day": easter,
    "good friday": lambda y: easter(y) - 2 * DAY, "easter monday": lambda y: easter(y) + DAY,
    "labor day": lambda y: nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
    "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4), "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
    "black friday": lambda y: nth_weekday(y, 11, 3, 4) + DAY,
    "cyber monday": lambda y: nth_weekday(y, 11, 3, 4) + 4 * DAY,
    "martin luther king day": lambda y: nth_weekday(y, 1, 0, 3), "mlk day": lambda y: nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: nth_weekday(y, 2, 0, 3), "presidents' day": lambda y: nth_weekday(y, 2, 0, 3),
    "mother's day": lambda y: nth_weekday(y, 5, 6, 2), "mothers day": lambda y: nth_weekday(y, 5, 6, 2),
    "father's day": lambda y: nth_weekday(y, 6, 6, 3), "fathers day": lambda y: nth_weekday(y, 6, 6, 3),
    "columbus day": lambda y: nth_weekday(y, 10, 0, 2),
}
