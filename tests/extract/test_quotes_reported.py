"""Reported speech (issue 13): where a reported clause starts and ends, and which cues report at all.

Patterns found by classifying a random sample of the misses and extras of reported speech on PolNeAR train
(each checked on the whole of train, confirmed on dev); every sentence here is made up for the test. A row
gives the article text, the reported clause expected word for word (None: no reported speech at all), the
source mention expected, and words no other reported clause may hold.
"""

from __future__ import annotations

import pytest

# (pattern, article text, the reported clause (None: none), its source mention, words no other clause holds)
ROWS = [
    ("said that A and that B: one clause, one cue",
     "Anna Berg said that the pier would close in June and that ferries would use the north quay.",
     "the pier would close in June and that ferries would use the north quay", "Anna Berg", None),
    ("demanded that A or that B: one clause",
     "The letter demanded that the mill pay the fine or that the council close it.",
     "the mill pay the fine or that the council close it", "The letter", None),
    ("a report inside another's clause is the outer speaker's words",
     "Anna Berg said that two fishermen told her the nets had been cut overnight.",
     "two fishermen told her the nets had been cut overnight", "Anna Berg", "the nets had been cut overnight"),
    ("a belief inside a reported clause is the outer speaker's words",
     "Tom Hale said he hoped that the ferry would run again by spring.",
     "he hoped that the ferry would run again by spring", "Tom Hale", "the ferry would run again by spring"),
    ("it turns out that: no one speaks",
     "It turns out that the tunnel was never inspected after the flood.", None, None,
     "the tunnel was never inspected"),
    ("now that: a time, not a content",
     "Tom Hale is spending more freely now that donors are contributing to his campaign.", None, None,
     "donors are contributing"),
    ("an appositive the writer adds after the content",
     "The company announced it would cut 300 jobs, a third of its workforce.",
     "it would cut 300 jobs", "The company", "a third of its workforce"),
    ("a concession the writer adds after the content: despite",
     "Tom Hale said the ferry was safe, despite two accidents on the crossing last year.",
     "the ferry was safe", "Tom Hale", "two accidents"),
    ("a concession the writer adds after the content: even though",
     "Anna Berg said she would vote for the plan, even though her party opposed it in May.",
     "she would vote for the plan", "Anna Berg", "her party opposed it"),
    ("a contrast the writer adds after the content: while",
     "Most farmers say the new rules came too late, while a few want them scrapped.",
     "the new rules came too late", "Most farmers", "a few want them scrapped"),
    ("a non-restrictive relative clause on the last noun",
     "Tom Hale said he backed the new budget, which adds funds for the harbour wall.",
     "he backed the new budget", "Tom Hale", "adds funds for the harbour"),
    ("as X reported, CLAUSE: the main clause is what X reported",
     "As the Harlow Post reported, the mayor was also accused of breaking the rules.",
     "the mayor was also accused of breaking the rules", "Harlow Post", None),
    ("as reported by X, CLAUSE: the by-agent reported it",
     "As reported by the Harlow Post, there are 150 seats at stake on Tuesday.",
     "there are 150 seats at stake on Tuesday", "Harlow Post", None),
    ("CLAUSE, as X noted: the attribution at the end",
     "The ferry will run at night from May, as Anna Berg noted on Monday.",
     "The ferry will run at night from May", "Anna Berg", None),
    ("as X said this: a time, not an attribution",
     "As Anna Berg said this, the crowd began to cheer.", None, None, "the crowd began to cheer"),
    ("a verb of saying with its particle: points out that",
     "The company denies any wrongdoing and points out that the council signed the same agreement.",
     "the council signed the same agreement", "The company", None),
    ("a restrictive relative clause stays in the content",
     "Tom Hale said he backed the budget that the council passed on Monday.",
     "he backed the budget that the council passed on Monday", "Tom Hale", None),
    # stop 22: patterns from a reading of the misses on cnn-train articles readers annotated (quality/labels/
    # cnn_quotes.jsonl, the "tune" half), each held on polnear-train and the held-out half
    ("a person noun no role list holds can report: the woman said",
     "The woman said the referee was not breathing when the ambulance came.",
     "the referee was not breathing when the ambulance came", "The woman", None),
    ("a side in court can report: the defense has said",
     "The defense has said it will ask for a new trial in the spring.",
     "it will ask for a new trial in the spring", "The defense", None),
    ("any noun that says something reports: the jury, saying",
     "A county jury awarded the families $4 million, saying the state was negligent.",
     "the state was negligent", "A county jury", None),
    ("a tag inside the sentence: the content before it",
     "The driver suffered a broken arm, she said, and never lost consciousness.",
     "The driver suffered a broken arm", "she", "never lost consciousness"),
    ("a tag inside the sentence: the content after it",
     "Once at the camp, Tom Hale said, he slept on the floor of a shed for a month.",
     "he slept on the floor of a shed for a month", "Tom Hale", None),
    ("a tag at the end that names who was told",
     "The market is no longer hostage to a few buyers, the head of the auction house told reporters.",
     "The market is no longer hostage to a few buyers", "the head of the auction house", None),
    ("an adverbial clause the parse took for the content: none",
     "Anna Berg said when she answered a call from her daughter, \u201cI could not understand a word she was "
     "saying.\u201d", None, None, "when she answered"),
    ("a clause cut short by a quotation is no content of its own",
     "Anna Berg says the plan is, \u201ca gift to the developers of the harbour.\u201d", None, None, None),
    ("a day the parse put at the front of the clause belongs to the telling: said on Monday it would",
     "A group of fishermen said on Monday it would sue the council over the harbour fees.",
     "it would sue the council over the harbour fees", "A group of fishermen", None),
    ("a clause ending on an auxiliary before a trailing quotation keeps its content",
     "The mayor said the pier was not closing and never will - \u201cunless the sea rises\u201d.",
     "the pier was not closing and never will", "The mayor", None),
    ("a cue after a quotation attributes the quotation, not the narration before it",
     "The statement also described the harm the closure would do: \u201cThe pier is the town's heart,\u201d the "
     "union wrote.", None, None, "The statement also described"),
    ("the clause's subject the parse took for the object of said, a dash phrase inside",
     "He said even the region that is the focus of the relief effort -- eastern Harlow province -- has special "
     "meaning for the Dover-Harlow relationship.",
     "even the region that is the focus of the relief effort -- eastern Harlow province -- has special meaning "
     "for the Dover-Harlow relationship", "He", None),
    ("a sentence the parse hung on the cue at its end: the sentence up to the comma before the speaker",
     "The patient, an elderly man, traveled on June 2 from Madrid to Paris, then to Chicago, and took a bus to "
     "Ohio, officials said.",
     "The patient, an elderly man, traveled on June 2 from Madrid to Paris, then to Chicago, and took a bus to "
     "Ohio", "officials", None),
    ("a scene before the attribution at the end of a sentence is no content",
     "Asked whether the pier would close, the mayor said.", None, None, "the pier would close"),
    ("a name between commas after a role, parsed as a second subject: the person named",
     "A French epidemiologist, Dr. Renaud Okafor, suggested in December that the sailors were the source of "
     "the outbreak.", "the sailors were the source of the outbreak", "Dr. Renaud Okafor", None),
    ("a report by a court paper names who made it: according to a council report",
     "The pier will close in June, according to a Harlow council report.",
     "The pier will close in June", "a Harlow council report", None),
    ("according to X, with the parse running the source on past its comma",
     "According to the new Harlow study, close to 17% of children aged 2 to 19 were obese in 2012.",
     "close to 17% of children aged 2 to 19 were obese in 2012", "the new Harlow study", None),
    ("according to X, with a report's title in quotation marks",
     "Ten cities are planning towers taller than 500 meters, according to the \"2012 Skyscraper Report\" by "
     "the Harlow Institute.",
     "Ten cities are planning towers taller than 500 meters", None, None),
    ("a that-clause the parse hung on a participle describing the medium",
     "Anna Berg revealed in a message posted to her blog last month that she had sold the mill.",
     "she had sold the mill", "Anna Berg", None),
    # what was charged, urged or undertaken, through the verb's object and complement
    ("accused X of Y: the object and the charge",
     "Anna Berg accused the harbour board of hiding the survey from the public.",
     "the harbour board of hiding the survey from the public", "Anna Berg", None),
    ("urged X to Y: the object and the to-clause",
     "The council urged residents to boil their water until Friday.",
     "residents to boil their water until Friday", "The council", None),
    ("called on X to Y",
     "Tom Hale called on the ferry company to refund every ticket sold in May.",
     "the ferry company to refund every ticket sold in May", "Tom Hale", None),
    ("vowed to Y: the to-clause",
     "Anna Berg vowed to keep the library open through the winter.",
     "to keep the library open through the winter", "Anna Berg", None),
    ("a participle after the speaker's verb: what the subject urged",
     "The mayor spoke on Monday, urging residents to stay home until the storm passes.",
     "residents to stay home until the storm passes", "The mayor", None),
    ("was urged to: the one urged is no speaker", "Tom Hale was urged to leave the harbour by noon.", None, None,
     None),
    ("did not vow to: nothing undertaken", "Anna Berg did not vow to keep the library open.", None, None, None),
    ("promised to be: a thing that promises says nothing",
     "The final promised to be the closest match of the season.", None, None, None),
]


@pytest.mark.parametrize(("pattern", "text", "clause", "mention", "never"), ROWS, ids=[r[0] for r in ROWS])
def test_reported_clause(sheet_of, pattern, text, clause, mention, never):
    reported = [q for q in sheet_of(text).quotes if q.kind == "reported"]
    assert all(text[q.span[0]:q.span[1]] == q.text for q in reported), pattern
    if never is not None:
        assert not [q.text for q in reported if never in q.text and q.text != clause], pattern
    if clause is None:
        assert reported == [], f"{pattern}: {[q.text for q in reported]}"
        return
    hits = [q for q in reported if q.text == clause]
    assert hits, f"{pattern}: {[q.text for q in reported]}"
    assert hits[0].speaker_mention == mention, pattern
