"""The grammar of time expressions: its rules, by kind, and the one order in which they are tried.

Each module holds the rules of one kind of expression as a tuple of
:class:`~generator.extract.dates.grammar.core.Rule` records; :data:`RULES` puts them together.
Their order is the grammar's precedence: where two rules match the same text, the earlier one
wins (:mod:`generator.extract.dates.dates` keeps the longest match, then the earlier rule), a
lone expression is read by the first rule that can (:func:`~.core.parse_atom`), and a side of a
range tries the patterns longest first, the earlier rule first among equals.

- :mod:`.words`: month and weekday names, day numbers, years, counts, units (the shared pieces)
- :mod:`.core`: the rule record, what handlers return (:data:`~.core.REJECT`), resolving a value
- :mod:`.absolute`: calendar dates, in numbers or with a month's name: "2014-03-03", "March 3", "May"
- :mod:`.periods`: years, decades, centuries, quarters, halves: "2014", "the nineties", "Q3 2019"
- :mod:`.relative`: days and periods named from the reference date: "tomorrow", "last week"
- :mod:`.weekdays`: "Friday", "next Tuesday", "Monday of next week", "Friday, May 3"
- :mod:`.parts`: parts of periods, and seasons: "early next month", "the end of 2019", "this summer"
- :mod:`.counted`: weeks, months and days counted in a period: "week 12", "the second week of May"
- :mod:`.holidays`: "Christmas", "last Thanksgiving", "the Labor Day weekend"
- :mod:`.durations`: counted from a date: "three days ago", "in two weeks", "a month from Friday"
- :mod:`.ranges`: two dates joined: "from March 3 to 9", "between 2014 and 2018"
"""

from __future__ import annotations

from generator.extract.dates.grammar import (
    absolute,
    counted,
    durations,
    holidays,
    parts,
    periods,
    ranges,
    relative,
    weekdays,
)
from generator.extract.dates.grammar.core import Role, Rule

#: The rules that read one date, in order of precedence (and those that read only a side of a range).
ATOMS: tuple[Rule, ...] = (
    *absolute.RULES,
    *periods.RULES,
    *relative.DAYS,
    *weekdays.RULES,
    *relative.PERIODS,
    *parts.RULES,
    *counted.RULES,
    *holidays.RULES,
    *durations.RULES,
)
#: Every rule, in order of precedence: the atoms, then the ranges, whose sides are atoms.
RULES: tuple[Rule, ...] = (*ATOMS, *ranges.rules(ATOMS))
#: The order in which :func:`~.core.parse_atom` reads a lone expression: the atoms found in text, then the
#: rules that only read a side of a range ("now", "the third").
ATOMS_FIRST: tuple[Rule, ...] = (*(r for r in ATOMS if r.role is Role.ATOM),
                                 *(r for r in ATOMS if r.role is Role.SIDE))
