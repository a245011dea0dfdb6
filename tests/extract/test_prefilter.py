"""The regex prefilters: the strings they derive must be in every match, and folding must keep offsets."""

from __future__ import annotations

import re
import sys

import pytest

from generator.extract.dates import dates
from generator.extract.dates.rules import RULES
from generator.extract.prefilter import first_strings, fold, needed_strings, starts_pattern


def test_fold_covers_every_letter_that_ignorecase_matches_with_an_ascii_one():
    chars = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for m in re.finditer("[a-z]", chars, re.I):
        letters = [x for x in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(x, m.group(), re.I)]
        assert [fold(m.group())] == letters, hex(ord(m.group()))


def test_caseless_symbols_match_only_themselves_ignoring_case():
    from generator.extract.prefilter import _plain

    chars = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    plain = [c for c in chars if _plain(c)]
    assert set("©’–—") <= set(plain)
    # ignoring case, re matches x to c when their lower cases agree: no other character lowers to a plain one
    lowered = {x.lower() for x in chars if x.lower() != x}
    assert not lowered & set(plain)
    # and the regex engine agrees, for the symbols the date rules use and a spread of the others
    for c in ["©", "’", "–", "—", *plain[::4999]]:
        assert re.findall(re.escape(c), chars, re.I) == [c], hex(ord(c))


def test_fold_keeps_the_length():
    chars = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert len(fold(chars)) == len(chars)


@pytest.mark.parametrize(("pattern", "flags", "need"), [
    (r"ago", re.I, ("ago",)),
    (r"(?:jan|feb)(?:uary)?\s+\d+", re.I, ("feb", "jan")),
    (r"days?|weeks?", re.I, ("day", "week")),
    (r"q[1-4]", re.I, ("q1", "q2", "q3", "q4")),
    (r"(?<!\w)on\s+(?:monday|friday)", 0, ("friday", "monday")),  # the longest known run wins
    (r"\d+", 0, None),  # no literal at all
    (r"(?:ago)?\d", 0, None),  # an optional word is not needed
    (r"[a-z]+ties", re.I, ("ties",)),
    (r"May", 0, ("may",)),  # a case-sensitive pattern: the folded text holds it too
])
def test_needed_strings(pattern, flags, need):
    assert needed_strings(re.compile(pattern, flags)) == need


@pytest.mark.parametrize(("pattern", "starts"), [
    (r"jan(?:uary)?|q[1-4]", {"ja", "q1", "q2", "q3", "q4"}),
    (r"st.|a?b", {"st", "ab", "b"}),  # what follows the first two letters does not matter
    (r"\w+ties", None),
])
def test_first_strings(pattern, starts):
    got = first_strings(re.compile(pattern, re.I), 2)
    assert (None if got is None else set(got)) == starts


SAMPLES = [
    "On March 3, 2014, two weeks ago, the twenty-first of Jan. and Q4 2019, since the seventies.",
    "St.Louis w/c 4th of July: Valentine’s Day; İN 2016 the partIes of ſeptember; 1990ties, H1 fy2020",
    "Nothing here but words, words and parties, difficulties and more words.",
]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_match_holds_a_needed_string(rule):
    need = needed_strings(rule.rx)
    if need is None:
        pytest.skip("no prefilter for this rule")
    for text in SAMPLES:
        for m in rule.rx.finditer(text):
            if m.end() > m.start():
                assert any(s in fold(m.group()) for s in need), m.group()


@pytest.mark.parametrize("text", [*SAMPLES, "", "7", "a", "x 1 twenty one Jan.5 parties TIES"])
def test_triggers_are_those_of_finditer(text):
    assert dates._triggers(text) == [m.span() for m in dates._TRIGGER.finditer(text)]


ALT_SAMPLES = [
    "Call 555-123-4567 or +44 20 7946 0958 at 10:30 a.m. GMT, see www.example.org/a_b or mail a@b.co.",
    "At three o’clock the file report_2019.pdf from 192.168.0.1 reached SW1A 1AA; (020) 7946 0958.",
    "No codes, times or numbers in this one.",
]


@pytest.mark.parametrize("name", ["_TIME", "_PHONE", "_CODE"])
@pytest.mark.parametrize("text", ALT_SAMPLES)
def test_alternatives_find_what_the_whole_expression_finds(name, text):
    from generator.extract.figures import quantities

    alts = getattr(quantities, name)
    assert [m.span() for m in alts.finditer(text)] == [m.span() for m in alts.rx.finditer(text)]


@pytest.mark.parametrize("strings", [{"ago", "apr", "may", "ma"}, {"x"}, {""}, {"w/c", "4th", "st"}])
def test_starts_pattern(strings):
    rx = re.compile(starts_pattern(strings), re.I)
    for text in ["ago", "Mayor", "APRIL", "w/c", "4th", "stop", "x", "", "nothing", "bma"]:
        assert bool(rx.match(text)) == any(fold(text).startswith(s) for s in strings), text


@pytest.mark.parametrize("text", [*SAMPLES, "and then", "x to y", "in mid-2019 to", "midnight", "2", "Jan"])
def test_dateish_is_the_expression(text):
    for a in range(len(text) + 1):
        for b in range(a, min(len(text), a + 12) + 1):
            assert dates._dateish(text, a, b) == bool(dates._DATEISH.search(text, a, b)), (a, b)
