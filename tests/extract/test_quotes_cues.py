"""Attribution cues the lexicon misses (issue 13, cues): one row per pattern, through the real pipeline.

Every sentence here is made up for the test. The lexicon of speech verbs cannot list every verb a writer
uses ("blurted out", "shot back", "exhorted"), and the small parser often hangs a colon lead-in on the
quotation; the shape of the sentence still shows who speaks. A row gives the article, words of the
quotation, the words the speaker must be named by (``speaker_mention`` or the canonical name) and the cue.
"""

from __future__ import annotations

import pytest

# (pattern, article text, words in the quote, speaker words, cue or None)
FOUND = [
    ("frame after the quotation: name, verb and particle",
     "\u201cWe lost the cup but not our pride,\u201d Coburn blurted out on his partner\u2019s behalf.",
     "We lost the cup", "Coburn", "blurted"),
    ("frame after the quotation: pronoun and a verb of memory",
     "Maria Ortiz ran the bakery on Elm Street for thirty years.\n\n"
     "\u201cTrade was slow and the banks were laying staff off, so nobody felt safe,\u201d she remembers.",
     "Trade was slow", "Maria Ortiz", "remembers"),
    ("frame after the quotation: verb first, then the name",
     "\u201cAnalysts told her not to buy the mill, and she proved them wrong,\u201d remembered Roy Dalton, "
     "the firm\u2019s former spokesman.",
     "Analysts told her", "Roy Dalton", "remembered"),
    ("frame after a question: verb, particle and a manner phrase",
     "\u201cWhy would we stop now?\u201d Coach Hendricks shot back with a grin.",
     "Why would we stop now?", "Hendricks", "shot"),
    ("frame after an exclamation",
     "\u201cThis is the best night of my life!\u201d beamed Donald Harker of Mobile, Alabama.",
     "This is the best night", "Donald Harker", "beamed"),
    ("inverted frame whose noun phrase the parse takes for an object",
     "\u201cIt is about time that a woman ran this county,\u201d exhorted the mayor\u2019s host, "
     "actress Jane Morrow.",
     "It is about time", "Jane Morrow", "exhorted"),
    ("frame after a question: a verb of saying that names its listener",
     "The host pressed the candidate on the slogan.\n\n"
     "\u201cDid you know who said it first?\u201d Todd asked the real estate developer.",
     "Did you know who said it first?", "Todd", "asked"),
    ("frame whose verb the parse took for a participle of the noun phrase before it",
     "\u201cIs the mayor going to say the words at last? If he does not he should resign!\u201d the "
     "presumptive Republican nominee, Donald Trump, tweeted Sunday after the attack.",
     "Is the mayor going to say", "Donald Trump", "tweeted"),
    ("signature on a line of its own under the quotation",
     "The senator spoke to voters in Ames on Monday.\n\n\u201cI will look into it. I do not know the "
     "status, but I will certainly look into it.\u201d\n\n- Hillary Clinton.\n\nShe has been looking into it "
     "for a long time.",
     "I will look into it", "Hillary Clinton", None),
    ("colon lead-in the parse hung on the quotation",
     "The Adler campaign, in a note on the budget, worded it even more carefully: \u201cThe mayor never used "
     "the fund for travel, and every receipt is public.\u201d",
     "The mayor never used", "Adler campaign", "worded"),
    ("a name alone before the colon",
     "Ruth Adler: \u201cOur goal is to finish the bridge, not to delay it.\u201d",
     "Our goal is to finish", "Ruth Adler", None),
    ("a name with title and party before the colon",
     "Rep. Tom Baxter (R-Ohio): \u201cI have never heard anyone other than you cite that figure.\u201d",
     "I have never heard", "Tom Baxter", None),
    ("a name after a dash before the colon",
     "Ohio is closer than it looks - Karen Lowe: \u201cThe state has not been this close in twenty "
     "years, and both campaigns know it.\u201d",
     "The state has not been", "Karen Lowe", None),
    ("a present-tense verb after a bare surname that the tagger took for a plural noun",
     "Josh Kadrow was a ferry pilot for years. \u201cIf I said I did not want to talk about it, we did not talk "
     "about it,\u201d Kadrow remembers.",
     "If I said I did not want", "Josh Kadrow", "remembers"),
]


def _quote(sheet, words: str):
    hits = [q for q in sheet.quotes if words in q.text and q.kind != "reported"]
    assert hits, f"no quotation with {words!r} in {[(q.kind, q.text) for q in sheet.quotes]}"
    return hits[0]


@pytest.mark.parametrize(("pattern", "text", "words", "speaker", "cue"), FOUND, ids=[r[0] for r in FOUND])
def test_speaker_found_without_a_lexicon_cue(sheet_of, pattern, text, words, speaker, cue):
    q = _quote(sheet_of(text), words)
    named = f"{q.speaker_mention or ''} | {q.speaker or ''}"
    assert speaker in named, f"{pattern}: speaker {named!r}, cue {q.cue!r}"
    assert q.cue == cue
    assert text[q.span[0]:q.span[1]] == q.text


# (pattern, article text, words in the quote): shapes that look like a frame but show no speaker
NO_SPEAKER = [
    ("a partial quotation whose sentence goes on in the writer's words",
     "Though the growers\u2019 union is \u201csure that the minister will stand by the farmers,\u201d "
     "she may still break with her party.",
     "sure that the minister"),
    ("the verb after the quotation does something to something",
     "\u201cThe road is closed until the spring and nobody can use it,\u201d Hendricks signed the order "
     "on Monday.",
     "The road is closed"),
    ("a colon lead-in whose verb has things, not words, for object",
     "She has also published two books: \u201cMy Life Had Stood a Loaded Gun,\u201d a memoir about teaching "
     "in a prison, and a novel.",
     "My Life Had Stood"),
    ("a credit line under a quotation is no signature",
     "\u201cThe road is closed until the spring and nobody can use it.\u201d\n\n"
     "- Hillary Clinton contributed reporting from Ames.",
     "The road is closed"),
]


@pytest.mark.parametrize(("pattern", "text", "words"), NO_SPEAKER, ids=[r[0] for r in NO_SPEAKER])
def test_no_speaker_where_the_syntax_shows_none(sheet_of, pattern, text, words):
    hits = [q for q in sheet_of(text).quotes if words in q.text and q.kind != "reported"]
    assert all(not q.speaker_mention and not q.speaker for q in hits), \
        f"{pattern}: {[(q.text, q.speaker_mention, q.cue) for q in hits]}"
