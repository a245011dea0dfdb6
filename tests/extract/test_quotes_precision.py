"""Precision of quotations (issue 13): who did not say it, and what is not a quotation.

Patterns found by classifying the extras and wrong source mentions on PolNeAR train; every sentence here is
made up for the test. A wrong speaker is worse than none, so the passive rows expect the by-agent or nobody.
"""

from __future__ import annotations

import pytest

# (pattern, article text, words in the quotation, expected speaker (None = no one), expected mention)
SPEAKERS = [
    ("passive cue with a by-agent: the agent asked",
     'Anna Berg was asked by host Tom Hale, "Will the bridge reopen before winter?"',
     "Will the bridge reopen", "Tom Hale", "host Tom Hale"),
    ("passive cue without an agent: no one, never who was asked",
     'At a town hall on Monday, Anna Berg was asked, "Will the bridge reopen before winter?"',
     "Will the bridge reopen", None, None),
]


@pytest.mark.parametrize(("pattern", "text", "words", "speaker", "mention"), SPEAKERS, ids=[r[0] for r in SPEAKERS])
def test_speaker_of_passive_cues(sheet_of, pattern, text, words, speaker, mention):
    hits = [q for q in sheet_of(text).quotes if words in q.text]
    assert hits, pattern
    assert (hits[0].speaker, hits[0].speaker_mention) == (speaker, mention), pattern


# (pattern, article text, words that must not be reported speech, words that must be, when any)
REPORTED = [
    ("those who were told something did not say it",
     "The ferry company sued on behalf of customers who were told they would learn to sail in a week.",
     "they would learn to sail", None),
]


@pytest.mark.parametrize(("pattern", "text", "wrong", "right"), REPORTED, ids=[r[0] for r in REPORTED])
def test_reported_clause_precision(sheet_of, pattern, text, wrong, right):
    reported = [q for q in sheet_of(text).quotes if q.kind == "reported"]
    assert not [q.text for q in reported if wrong in q.text], pattern
    if right is not None:
        assert [q.text for q in reported if right in q.text], pattern


# quoted words naming a work or programme, not anyone's words: (pattern, article text, the quoted words)
TITLES = [
    ("a programme whose name opens with an acronym",
     "Asked about the bridge during an appearance on \u201cBBC Morning Show,\u201d Anna Berg smiled.",
     "BBC Morning Show"),
]


@pytest.mark.parametrize(("pattern", "text", "words"), TITLES, ids=[r[0] for r in TITLES])
def test_titles_are_not_quotations(sheet_of, pattern, text, words):
    assert [q.text for q in sheet_of(text).quotes if q.kind != "reported" and words in q.text] == [], pattern


# what must not change: a passive whose subject still speaks
KEPT = [
    ("quoted as saying", '"The cables are sound," Tom Hale was quoted as saying.', "The cables are sound", "Tom Hale"),
    ("heard saying", 'Anna Berg was heard saying, "The bridge will reopen in May."', "The bridge will reopen",
     "Anna Berg"),
]


@pytest.mark.parametrize(("pattern", "text", "words", "speaker"), KEPT, ids=[r[0] for r in KEPT])
def test_passive_that_keeps_its_speaker(sheet_of, pattern, text, words, speaker):
    hits = [q for q in sheet_of(text).quotes if words in q.text]
    assert hits and hits[0].speaker == speaker, pattern



def _parsed(words, heads, deps, tags):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)


# misparses met on news text, written as the parser gives them: (pattern, words, heads, deps, the cue's index,
# the complements that remain)
COMPLEMENTS = [
    ("an adverbial clause hung on the cue as a complement is the scene",
     "After the mayor closed the bridge , Hale said she is sure .",
     [3, 2, 3, 8, 5, 3, 8, 8, 8, 10, 8, 10, 8],
     ["mark", "det", "nsubj", "ccomp", "det", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"],
     8, ["is"]),
    ("a clause before the cue's subject when a complement follows the cue",
     "The council closed the bridge , Hale said she is sure .",
     [1, 2, 7, 4, 2, 7, 7, 7, 9, 7, 9, 7],
     ["det", "nsubj", "ccomp", "det", "dobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"],
     7, ["is"]),
]


@pytest.mark.parametrize(("pattern", "text", "heads", "deps", "cue", "want"), COMPLEMENTS,
                         ids=[r[0] for r in COMPLEMENTS])
def test_complements_of_a_cue(pattern, text, heads, deps, cue, want):
    from generator.extract.quotes.quotes import _complements
    words = text.split()
    doc = _parsed(words, heads, deps, ["VBD" if i == cue else "NN" for i in range(len(words))])
    assert [c.text for c in _complements(doc[cue])] == want, pattern
