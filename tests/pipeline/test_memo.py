"""The remembering attribute ruler and lemmatizer give every token what spaCy's own components give it."""

from __future__ import annotations

import json

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from generator.pipeline.memo import RememberedLemmatizer, RememberedRuler, remember

COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]

#: Texts with the words and shapes the ruler's patterns single out (two-word forms, pronouns by their role,
#: auxiliaries, "there is", determiners standing alone, spaces), in sentences we wrote.
TEXTS = [
    "I gotta go, y'all. We're gonna win, ain't we? Let's see. C'mon, you know it.",
    "There is a bridge here and there are two more. It was built by them; I saw it. They told me and you.",
    "Did she have the keys? She did. He has had enough, but he does what he has to do.",
    "That is true. Which is yours? These were sold. The mayor, who had left, said that this was all.",
    "  Two  spaces.\n\nA new paragraph\nwith a break, then\ttabs.   \n",
    "It's 5 p.m. on Jan. 3, 2021; the U.S. Senate voted 51-49. Ms. Lee's dogs weren't barking.",
    "But but BUT. I I I. You, you and YOU! it It IT. Gon na got ta y' all let 's c'm on ai n't",
]


@pytest.fixture(scope="module")
def spacy_own():
    from generator.pipeline.nlp import load

    return load(remembering=False)


def test_the_pipeline_remembers_both(nlp, spacy_own):
    assert "factsheet_attribute_ruler" in nlp.pipe_names and "factsheet_lemmatizer" in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert "attribute_ruler" in spacy_own.pipe_names and "lemmatizer" in spacy_own.pipe_names
    assert nlp.get_pipe("factsheet_attribute_ruler").handled


@pytest.mark.parametrize("text", TEXTS)
def test_every_token_gets_what_spacy_gives_it(nlp, spacy_own, text):
    ours, theirs = nlp(text), spacy_own(text)
    assert ours.to_array(COLUMNS).tolist() == theirs.to_array(COLUMNS).tolist()
    assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def test_every_token_of_real_news_gets_what_spacy_gives_it(nlp, spacy_own, shared):
    lines = (shared / "corpus" / "polnear-dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines[:30]]
    for ours, theirs in zip(nlp.pipe(texts), spacy_own.pipe(texts), strict=True):
        assert ours.to_array(COLUMNS).tolist() == theirs.to_array(COLUMNS).tolist()


def test_a_ruler_pattern_of_another_kind_keeps_spacys_own_component():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "fine"}, index=-1)
    assert not RememberedRuler(ruler).handled
    remember(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert nlp("very very good")[2].lemma_ == "fine"


def test_a_ruler_remembers_later_rules_over_earlier_ones():
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "bank"}]], {"LEMMA": "first", "NORM": "one"})
    ruler.add([[{"LOWER": {"IN": ["bank", "shore"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": "river"}, {"LOWER": {"REGEX": "^bank$"}}]], {"LEMMA": "third"}, index=1)
    remember(nlp)
    assert nlp.pipe_names == ["factsheet_attribute_ruler"]
    doc = nlp("bank shore river bank")
    assert [t.lemma_ for t in doc] == ["second", "second", "", "third"]
    assert [t.norm_ for t in doc] == ["one", "shore", "river", "one"]


def test_the_lemmatizer_leaves_lemmas_already_set(nlp, spacy_own):
    theirs = spacy_own.get_pipe("lemmatizer")
    ours = RememberedLemmatizer(theirs)
    done = []
    for lemmatize in (ours, theirs):
        doc = nlp.make_doc("The dogs were running")
        for tok, pos in zip(doc, ["DET", "NOUN", "AUX", "VERB"], strict=True):
            tok.pos_ = pos
        doc[3].lemma_ = "sprint"
        done.append([t.lemma_ for t in lemmatize(doc)])
    assert done[0] == done[1]
    assert done[0][1:2] + done[0][3:] == ["dog", "sprint"]


def test_what_is_remembered_stays_bounded(nlp, spacy_own, monkeypatch):
    from generator.pipeline import memo

    monkeypatch.setattr(memo, "REMEMBERED_WORDS", 5)
    ruler, lemmatizer = nlp.get_pipe("factsheet_attribute_ruler"), nlp.get_pipe("factsheet_lemmatizer")
    text = "Seven swift foxes jumped over nine lazy dogs while three owls watched them closely."
    ours, theirs = nlp(text), spacy_own(text)
    assert ours.to_array(COLUMNS).tolist() == theirs.to_array(COLUMNS).tolist()
    assert len(ruler._word_of) <= 5 and len(lemmatizer._lemma) <= 5
