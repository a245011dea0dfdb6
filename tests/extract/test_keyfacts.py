"""Key facts: furniture stripping, ranking features, claims, attribution, and the ROUGE gate on GUM."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from generator.extract import keyfacts as kf
from generator.extract.doc import furniture, leading_furniture

# --- page furniture: one row per pattern ------------------------------------------------------------

FURNITURE = [
    ("By Jane Smith", "byline"),
    ("By JANE SMITH, Political Editor", "byline"),
    ("By . Daily Mail Reporter .", "byline"),
    ("Story by Ana Ruiz", "byline"),
    ("PUBLISHED: . 14:43 EST, 17 October 2013 . | . UPDATED: . 15:02 EST, 17 October 2013 .", "time stamp"),
    ("Last updated at 11:07 AM on 9th January 2012", "time stamp"),
    ("Friday, July 21, 2017", "time stamp"),
    ("21 July 2017 14:03 GMT", "time stamp"),
    ("The new bridge at dusk. Image: City Council.", "credit"),
    ("Photo: Reuters", "credit"),
    ("Satellite image ©2021 Maxar", "credit"),
    ("Protesters outside the court (Getty Images)", "credit"),
    ("Pictured: the mayor with volunteers", "caption"),
    ("The mayor (left) and her deputy (right).", "caption"),
    ("Scroll down for video", "call to action"),
    ("Click here to read the full report", "call to action"),
    ("Follow us on social media", "call to action"),
    ("Editor's note: this article was updated with new figures.", "notice"),
    ("Maria Lopez contributed to this report.", "notice"),
    ("All rights reserved.", "notice"),
    # story sentences that look a little like furniture
    ("By the end of the year, prices had risen by a third.", None),
    ("By Monday, the river had fallen below the flood mark.", None),
    ("The photo showed the minister leaving the building.", None),
    ("Police said they would follow every lead.", None),
    ("The source of the leak was never found.", None),
]


@pytest.mark.parametrize(("text", "reason"), FURNITURE, ids=[t for t, _ in FURNITURE])
def test_furniture(text, reason):
    assert furniture(text) == reason


LEADING = [
    ("(CNN) -- A man was found safe on Sunday.", "A man was found safe on Sunday."),
    ("(CNN)A man was found safe on Sunday.", "A man was found safe on Sunday."),
    ("LONDON, England (CNN) -- A man was found.", "A man was found."),
    ("NEW YORK (Reuters) - Stocks fell on Monday.", "Stocks fell on Monday."),
    ("WASHINGTON — The Senate voted on Tuesday.", "The Senate voted on Tuesday."),
    ("HEMPSTEAD, N.Y., Sept. 26 — The candidate was escorted out.", "The candidate was escorted out."),
    ("EASTPORT, July 19 (UPI) — The council voted.", "The council voted."),
    ("By . Jane Doe . PUBLISHED: . 14:43 EST, 17 October 2013 . | . UPDATED: . 14:43 EST, 17 October 2013 . "
     "A dog was rescued.", "A dog was rescued."),
    ("Last updated at 11:07 AM on 9th January 2012 . A dog was rescued.", "A dog was rescued."),
    ("Thursday, May 7, 2015 On Tuesday, the council voted.", "On Tuesday, the council voted."),
    # no furniture in front
    ("The US (and China) - said the report - agreed.", "The US (and China) - said the report - agreed."),
    ("With development of the browser almost complete (IE9), the firm spoke.",
     "With development of the browser almost complete (IE9), the firm spoke."),
]


@pytest.mark.parametrize(("text", "rest"), LEADING, ids=[t[:40] for t, _ in LEADING])
def test_leading_furniture(text, rest):
    assert text[leading_furniture(text):] == rest


WIRE = """Bridge reopens after repairs

By Ana Ruiz

PUBLISHED: 09:15 EST, 4 March 2024

KINGSPORT (Reuters) - The Elm Street bridge reopened to traffic on Monday after eight months of repairs \
that cost the city $12 million.

The bridge at dusk. Image: City of Kingsport.

Repair crews replaced 40 steel beams and the whole deck, the city's transport department said.

Scroll down for video

"It is good to have our bridge back," said Mayor Lena Ortiz, who cut the ribbon.

Local shops said trade had fallen by a quarter while the bridge was closed.
"""


def test_story_sentences_drop_furniture(nlp):
    cands = kf.story_sentences(nlp(WIRE), "Bridge reopens after repairs")
    texts = [c.span.text for c in cands]
    assert texts[0].startswith("The Elm Street bridge reopened")
    assert not any("Ruiz" in t or "PUBLISHED" in t or "Image" in t or "Scroll" in t or "dusk" in t for t in texts)
    assert len(texts) == 4


def test_headline_repeated_as_first_line_is_skipped(nlp):
    text = "Council approves new park.\n\nThe city council approved a new park on the east bank on Tuesday.\n"
    cands = kf.story_sentences(nlp(text), "Council approves new park")
    assert cands[0].span.text.startswith("The city council")


def test_lead_sentence_standing_in_for_a_title_is_kept(nlp):
    text = "The city council approved a new park on Tuesday.\n\nWork will start in May and end next year.\n"
    cands = kf.story_sentences(nlp(text), "The city council approved a new park on Tuesday.")
    assert len(cands) == 2


# --- claims: one row per aside that is dropped (or kept) --------------------------------------------

CLAIMS = [
    ("The team, which consists entirely of students, won the national robotics prize on Friday.",
     "The team won the national robotics prize on Friday."),
    ("The river rose two metres overnight, forcing hundreds of families from their homes.",
     "The river rose two metres overnight."),
    ("The agency (known as the NTA) fined the airline for late refunds to its passengers.",
     "The agency fined the airline for late refunds to its passengers."),
    ("Prior to the ruling, the group was banned from meeting in public parks.",
     "The group was banned from meeting in public parks."),
    # kept: dates, attribution, restrictive clauses
    ("On Friday, the council approved the budget for the new library.",
     "On Friday, the council approved the budget for the new library."),
    ("According to the coast guard, four fishermen were rescued near the harbour.",
     "According to the coast guard, four fishermen were rescued near the harbour."),
    ("The ministry said 300 schools would close until the end of the month.",
     "The ministry said 300 schools would close until the end of the month."),
    ("Students who missed the exam can sit it again in June.",
     "Students who missed the exam can sit it again in June."),
]


@pytest.mark.parametrize(("sentence", "claim"), CLAIMS, ids=[c for _, c in CLAIMS])
def test_claim_text(nlp, sentence, claim):
    doc = nlp(sentence)
    assert kf.claim_text(doc[:]) == claim


RELATIVE = [
    (["yesterday"], dt.date(2015, 9, 12), dt.date(2015, 9, 11)),
    (["today"], dt.date(2015, 9, 12), dt.date(2015, 9, 12)),
    (["tomorrow"], dt.date(2015, 9, 12), dt.date(2015, 9, 13)),
    (["tuesday"], dt.date(2011, 4, 13), dt.date(2011, 4, 12)),  # a Wednesday story: the day before
    (["wednesday"], dt.date(2011, 4, 13), dt.date(2011, 4, 13)),  # the same day
    (["last", "friday"], dt.date(2024, 3, 8), dt.date(2024, 3, 1)),  # a Friday story: a week ago
    (["next", "friday"], dt.date(2024, 3, 8), dt.date(2024, 3, 15)),
    (["next", "monday"], dt.date(2024, 3, 8), dt.date(2024, 3, 11)),
    (["last", "monday"], dt.date(2024, 3, 8), dt.date(2024, 3, 4)),
    (["this", "monday"], dt.date(2024, 3, 8), dt.date(2024, 3, 4)),
    (["last", "week"], dt.date(2024, 3, 8), None),  # a week, not a day: not resolved here
    (["early", "friday"], dt.date(2024, 3, 8), None),
]


@pytest.mark.parametrize(("words", "anchor", "day"), RELATIVE, ids=[" ".join(w) for w, _, _ in RELATIVE])
def test_relative_day(words, anchor, day):
    assert kf._relative_day(words, anchor) == day


AHEAD = [
    (["tuesday"], dt.date(2011, 4, 13), dt.date(2011, 4, 19)),  # a sentence about what is ahead: the next one
    (["wednesday"], dt.date(2011, 4, 13), dt.date(2011, 4, 13)),  # or the same day
    (["this", "monday"], dt.date(2024, 3, 8), dt.date(2024, 3, 11)),
    (["last", "friday"], dt.date(2024, 3, 8), dt.date(2024, 3, 1)),  # "last" looks back whatever the tense
    (["next", "friday"], dt.date(2024, 3, 8), dt.date(2024, 3, 15)),
]


@pytest.mark.parametrize(("words", "anchor", "day"), AHEAD, ids=[" ".join(w) for w, _, _ in AHEAD])
def test_relative_day_ahead(words, anchor, day):
    assert kf._relative_day(words, anchor, future=True) == day


@pytest.mark.parametrize(("sentence", "day"), [
    ("Investigators will examine the site on Tuesday.", "June 4, 2024"),  # a Monday story: the next Tuesday
    ("Ms Strand said investigators would examine the site on Tuesday.", "June 4, 2024"),
    ("Investigators examined the site on Tuesday and found nothing.", "May 28, 2024"),
    ("The council plans to vote on Friday on the new budget.", "June 7, 2024"),
])
def test_weekday_direction_follows_tense(sheet_of, sentence, day):
    sheet = sheet_of(f"Headline here\n\n{sentence}\n", published="2024-06-03")
    assert day in sheet.facts[0].text


def test_relative_days_made_absolute_in_facts(sheet_of):
    text = ("Storm damages pier\n\nA storm yesterday tore a 30-metre hole in the pier at Saltby, the harbour "
            "master said.\n\nRepairs will begin on Monday, the council said.\n")
    sheet = sheet_of(text, published="2023-10-19")  # a Thursday
    assert sheet.facts[0].text.startswith("A storm on October 18, 2023 tore")
    assert any("on Monday, October 23, 2023" in f.text for f in sheet.facts)  # "will begin": the next Monday
    assert sheet.facts[0].sentence.startswith("A storm yesterday tore")


def test_date_line_wins_over_metadata(nlp):
    doc = nlp("Friday, July 21, 2017\n\nThe team was honoured on Tuesday.\n")
    assert kf.story_date(doc, dt.date(2017, 7, 18)) == kf.StoryDate(dt.date(2017, 7, 21), month_first=True)
    doc = nlp("The team was honoured on Tuesday, 18 July.\n")
    assert kf.story_date(doc, dt.date(2017, 7, 18)) == kf.StoryDate(dt.date(2017, 7, 18), month_first=False)


# --- attribution: one row per way an article attributes a claim -------------------------------------

ATTRIBUTION = [
    ("Three ships were damaged, according to the Ukrainian Defence Ministry.", "Ukrainian Defence Ministry"),
    ("According to police, the driver was not hurt.", "police"),
    ("The company said on Monday it would build a new plant in Ohio.", "company"),
    ("Prices will rise again next year, economists warn.", "economists"),
    ("Mayor Lena Ortiz said the bridge would reopen in March.", "Lena Ortiz"),
    ("The bridge reopened on Monday after eight months of repairs.", None),
    # a denial of something, not a claim the company makes
    ("The company denied the charges brought by the regulator last year.", None),
]


@pytest.mark.parametrize(("sentence", "who"), ATTRIBUTION, ids=[s for s, _ in ATTRIBUTION])
def test_attribution(sheet_of, sentence, who):
    sheet = sheet_of(f"Headline here\n\n{sentence}\n")
    fact = sheet.facts[0]
    assert fact.attributed_to is None if who is None else who in (fact.attributed_to or "")


# --- ranking ---------------------------------------------------------------------------------------------


def test_novelty_no_two_facts_say_the_same(sheet_of):
    text = ("Port strike ends\n\nDock workers in Harwell ended a two-week strike on Friday after a pay deal.\n\n"
            "The two-week strike by Harwell dock workers ended on Friday after a pay deal.\n\n"
            "The deal gives workers a 6% rise this year and 4% next year.\n\n"
            "Shipping firms said the backlog of containers would take a month to clear.\n")
    facts = sheet_of(text).facts
    assert sum("strike" in f.sentence and "ended" in f.sentence for f in facts) == 1
    assert len(facts) == 3


def test_features_headline_and_information(nlp):
    text = ("The council met on Tuesday in the town hall.\n\n"
            "Kingsport will spend $12 million on 40 new buses for its routes, Mayor Lena Ortiz said.\n")
    doc = nlp(text)
    from generator.extract.dates.dates import extract_dates
    from generator.extract.entities.entities import extract_entities
    from generator.extract.figures.figures import extract_figures

    index = extract_entities(doc)
    cands = kf.story_sentences(doc, "Kingsport buys new buses")
    feats = kf.features(cands, title="Kingsport buys new buses", figures=extract_figures(doc),
                       dates=extract_dates(doc, None), entities=index)
    assert feats[1].headline > feats[0].headline
    assert feats[1].information > feats[0].information
    assert feats[0].order == 0 and feats[1].order == 1


@pytest.mark.parametrize("title", ["", "   "])
def test_an_article_without_a_title_still_has_facts(nlp, title):
    """A title of no words (an Article made in code may have one) shares no words with the sentences."""
    from generator.extract import analyse
    from generator.model import Article, Source

    text = "Kingsport will spend $12 million on 40 new buses, Mayor Lena Ortiz said on Tuesday."
    sheet = analyse(nlp(text), Article(id="t", title=title, text=text, source=Source()), pipeline="test")
    assert sheet.facts and sheet.facts[0].text.startswith("Kingsport will spend")


@pytest.mark.parametrize(("sentence", "quoted", "personal"), [
    ('"We will not give up," the coach said after the match.', 0.4, False),
    ("We will not give up, the coach told the players.", 0.0, True),
    ("The coach said the team would not give up.", 0.0, False),
])
def test_quoted_and_personal(nlp, sentence, quoted, personal):
    span = nlp(sentence)[:]
    assert kf._quoted_share(span) >= quoted and (quoted or kf._quoted_share(span) == 0)
    assert kf._personal(span) is personal


def test_summary_is_one_line(sheet_of):
    sheet = sheet_of(WIRE, title="Bridge reopens after repairs")
    assert sheet.summary and "\n" not in sheet.summary
    assert sheet.summary.startswith("The Elm Street bridge reopened")


def test_compress_cuts_at_a_clause():
    long = ("The council approved the plan on Monday; " + "it will cost more than expected and take years " * 4)
    assert kf.compress(long, limit=20) == "The council approved the plan on Monday."


def test_lead_baseline(sheet_of, nlp):
    facts = kf.lead_facts(nlp(WIRE), title="Bridge reopens after repairs")
    assert len(facts) == 3
    assert [f.text[:20] for f in facts] == ["The Elm Street bridg", "Repair crews replace", "\"It is good to have "]


# --- the gate: ROUGE on Wikinews (GUM) against the lead-3 baseline, in the same run --------------------

GUM_FLOORS = {"rouge1": 0.440, "rouge2": 0.222}


@pytest.mark.slow
def test_gum_rouge_beats_lead(shared, nlp):
    pytest.importorskip("rouge_score")
    import yaml
    from rouge_score import rouge_scorer

    from generator.extract import analyse
    from generator.model import Article, Source

    corpus = shared / "corpus" / "gum-news"
    rows = [json.loads(line) for line in (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    totals = {("ranked", m): 0.0 for m in GUM_FLOORS} | {("lead", m): 0.0 for m in GUM_FLOORS}
    articles = [Article(id=r["id"], title=r["title"], text=r["text"], source=Source(published=r.get("published")))
                for r in rows]
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        gold = yaml.safe_load((corpus / "gold" / f"{article.id}.yaml").read_text(encoding="utf-8"))["summary"]
        ranked = analyse(doc, article, pipeline="test").facts[:3]
        lead = kf.lead_facts(doc, title=article.title)
        for name, facts in (("ranked", ranked), ("lead", lead)):
            s = scorer.score("\n".join(gold), "\n".join(f.text for f in facts))
            for m in GUM_FLOORS:
                totals[(name, m)] += s[m].fmeasure / len(rows)
    for m, floor in GUM_FLOORS.items():
        assert totals[("ranked", m)] >= floor, f"{m} {totals[('ranked', m)]:.4f} < floor {floor}"
        assert totals[("ranked", m)] > totals[("lead", m)]


@pytest.mark.parametrize(("word", "expected"), [
    ("president", True), ("U.S.", True), ("3.5%", True), ("'s", True), ("Zürich", True), ("٣", True),
    ("—", False), ("...", False), ("''", False), ("", False), ("%", False),
])
def test_a_content_word_has_a_letter_or_digit(word, expected):
    """The fast test (``isalnum`` first) says what looking at every character says."""
    from generator.extract.keyfacts import _has_alnum

    assert _has_alnum(word) is expected
    assert _has_alnum(word) == any(c.isalnum() for c in word)
