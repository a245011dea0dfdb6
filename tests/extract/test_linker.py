"""The learned speaker linker (issue 13): its features, its weights, its training, and what it fixes.

Every sentence here is written for the test; none comes from the evaluation corpus.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from generator.extract.doc import DocTable
from generator.extract.entities.entities import extract_entities
from generator.extract.quotes import linker, train
from generator.extract.quotes.quotes import extract_quotes


def _choices(nlp, text: str):
    doc = nlp(text)
    seen: list = []
    with linker.recording(seen):
        extract_quotes(doc, extract_entities(doc))
    return doc, seen


def _candidate(nlp, text: str, fragment: str, word: str, nth: int = 0):
    """The recorded candidate ``word`` (its ``nth`` occurrence as a token) of the quotation holding ``fragment``."""
    doc, seen = _choices(nlp, text)
    choice = next((c for (s, e), c in seen if fragment in text[s:e]), None)
    assert choice is not None, f"no linked quotation with {fragment!r}: {[text[s:e] for (s, e), _ in seen]}"
    toks = [t.i for t in doc if t.text == word]
    assert len(toks) > nth, f"{word!r} occurs {len(toks)} times"
    cand = next((c for c in choice.candidates if c.token == toks[nth]), None)
    assert cand is not None, f"{word!r} is no candidate: {[doc[c.token].text for c in choice.candidates]}"
    return cand, choice


TWO_QUOTES = ("\u201cWe will rebuild,\u201d Anna Berg said. Tom Hale was there too. "
              "\u201cIt will take a year,\u201d Berg added.")

# (what, text, quoted words, candidate word, its occurrence, feature, value)
FEATURE_ROWS = [
    ("subject of the cue after the quotation", "\u201cWe will win,\u201d the senator said on Monday.",
     "We will win", "senator", 0, "subject_of_cue", 1.0),
    ("the rules pick the cue's subject", "\u201cWe will win,\u201d the senator said on Monday.",
     "We will win", "senator", 0, "rule", 1.0),
    ("a role noun", "\u201cWe will win,\u201d the senator said on Monday.",
     "We will win", "senator", 0, "role_noun", 1.0),
    ("right beside the verb of saying", "\u201cWe will win,\u201d said the senator from Ohio.",
     "We will win", "senator", 0, "adjacent_cue", 1.0),
    ("after the quotation is not before it", "\u201cWe will win,\u201d the senator said on Monday.",
     "We will win", "senator", 0, "before", 0.0),
    ("the speaker leads a colon quotation", "Anna Berg told Tom Hale: \u201cThe bridge is safe.\u201d",
     "The bridge is safe", "Berg", 0, "before", 1.0),
    ("the one told is an object", "Anna Berg told Tom Hale: \u201cThe bridge is safe.\u201d",
     "The bridge is safe", "Hale", 0, "object", 1.0),
    ("the one told is not the cue's subject", "Anna Berg told Tom Hale: \u201cThe bridge is safe.\u201d",
     "The bridge is safe", "Hale", 0, "subject_of_cue", 0.0),
    ("a name in the sentence before",
     "Tom Hale met Anna Berg on Monday. \u201cThe cables are sound,\u201d she said.",
     "The cables are sound", "Hale", 0, "sentence_before", 1.0),
    ("a third-person pronoun", "Tom Hale met Anna Berg on Monday. \u201cThe cables are sound,\u201d she said.",
     "The cables are sound", "she", 0, "third_pronoun", 1.0),
    ("a person's name", "Tom Hale met Anna Berg on Monday. \u201cThe cables are sound,\u201d she said.",
     "The cables are sound", "Hale", 0, "person", 1.0),
    ("a name in the sentence after",
     "\u201cThe cables are sound,\u201d the engineer said. Anna Berg did not agree with him.",
     "The cables are sound", "Berg", 0, "sentence_after", 1.0),
    ("a body with no name", "\u201cThe driver was very drunk,\u201d the police said on Monday.",
     "The driver was very drunk", "police", 0, "source_noun", 1.0),
    ("a first-person pronoun inside the quotation", "\u201cI will not resign,\u201d Tom Hale said on Friday.",
     "I will not resign", "I", 0, "inside_quote", 1.0),
    ("a first-person pronoun", "\u201cI will not resign,\u201d Tom Hale said on Friday.",
     "I will not resign", "I", 0, "first_pronoun", 1.0),
    ("the speaker is outside the quotation", "\u201cI will not resign,\u201d Tom Hale said on Friday.",
     "I will not resign", "Hale", 0, "inside_quote", 0.0),
    ("a possessive owns the statement",
     "Tom Hale spoke on Friday. His statement called the plan \u201ca disaster for the town.\u201d",
     "a disaster for the town", "His", 0, "possessive", 1.0),
    ("the last speaker, named again",
     TWO_QUOTES,
     "It will take a year", "Berg", 1, "last_speaker", 1.0),
    ("the rules' entity named earlier",
     TWO_QUOTES,
     "It will take a year", "Berg", 0, "same_entity_as_rule", 1.0),
    ("a verb of saying in the candidate's sentence",
     TWO_QUOTES,
     "It will take a year", "Hale", 0, "cue_in_sentence", 0.0),
    ("same paragraph", "Tom Hale spoke first.\n\n\u201cWe will rebuild,\u201d Anna Berg said on Monday.",
     "We will rebuild", "Hale", 0, "same_paragraph", 0.0),
]


@pytest.mark.parametrize(("what", "text", "fragment", "word", "nth", "feature", "value"), FEATURE_ROWS,
                         ids=[r[0] for r in FEATURE_ROWS])
def test_feature(nlp, what, text, fragment, word, nth, feature, value):
    cand, _ = _candidate(nlp, text, fragment, word, nth)
    assert cand.features[linker.FEATURE_NAMES.index(feature)] == value


def test_agent_of_cue_is_the_object_of_according_to(nlp):
    """(Computed on its own: a quotation with a named "according to" source keeps it, so the linker is not asked.)"""
    text = "According to the police, the driver was \u201cvery drunk\u201d at the time."
    doc = nlp(text)
    ents = extract_entities(doc)
    lk = linker.Lookups(doc, ents, DocTable(doc), [-1] * len(doc))
    acc, police, drunk = (next(t.i for t in doc if t.text == w) for w in ("According", "police", "very"))
    q = linker.Quotation(drunk, drunk + 2, acc, police, (0, len(text)), None)
    agent = linker.FEATURE_NAMES.index("agent_of_cue")
    assert linker.features(lk, police, q)[agent] == 1.0
    assert linker.features(lk, next(t.i for t in doc if t.text == "driver"), q)[agent] == 0.0


def test_distance_is_log_tokens(nlp):
    text = "\u201cWe will win,\u201d the senator said on Monday."
    cand, _ = _candidate(nlp, text, "We will win", "senator")
    # the senator is two tokens after the quotation's last word (the comma and the closing mark between)
    assert cand.features[linker.FEATURE_NAMES.index("distance")] == pytest.approx(math.log1p(3) / 3)


def test_rule_pick_is_always_a_candidate(nlp):
    _, choice = _candidate(nlp, "\u201cWe will win,\u201d the senator said on Monday.", "We will win", "senator")
    assert choice.rule is not None and choice.candidates[choice.rule].features[0] == 1.0


# -- weights ------------------------------------------------------------------------------------

def test_shipped_weights_fit_the_features():
    model = linker.load_weights(linker.WEIGHTS)
    assert model.weights.shape == (len(linker.FEATURES),)
    assert np.isfinite(model.weights).all()


@pytest.mark.parametrize(("what", "content", "message"), [
    ("not JSON", "{", "can't read"),
    ("other features", json.dumps({"features": ["rule"], "weights": [1.0]}), "other features"),
    ("weights not numbers", json.dumps({"features": list(linker.FEATURE_NAMES),
                                        "weights": ["x"] * len(linker.FEATURE_NAMES)}), "'weights'"),
    ("too few weights", json.dumps({"features": list(linker.FEATURE_NAMES), "weights": [1.0]}), "'weights'"),
])
def test_bad_weights_file_is_refused(tmp_path, what, content, message):
    path = tmp_path / "w.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(linker.LinkerError, match=message):
        linker.load_weights(path)


def test_weights_round_trip(tmp_path):
    w = np.arange(len(linker.FEATURES), dtype=float) / 10
    path = tmp_path / "w.json"
    linker.save_weights(w, path, corpus="toy")
    assert np.allclose(linker.load_weights(path).weights, w)


# -- training -----------------------------------------------------------------------------------

def _record(rows: list[tuple[float, ...]], right: int, rule: int = 0) -> dict:
    x = np.zeros((len(rows), len(linker.FEATURES)))
    x[:, : len(rows[0])] = rows
    y = np.zeros(len(rows), dtype=bool)
    y[right] = True
    return {"x": x, "y": y, "rule": rule, "id": "toy"}


def test_fit_learns_which_feature_marks_the_speaker():
    # feature 1 (subject of the cue) marks the right candidate; the rules' pick (feature 0) is wrong half the time
    records = [_record([(1, 0), (0, 1)], right=1), _record([(1, 1), (0, 0)], right=0)] * 10
    w = train.fit(records)
    assert w[1] > w[0]
    assert train.accuracy(records, w) == (20, 20)
    assert train.accuracy(records, None) == (10, 20)


def test_fit_is_deterministic():
    records = [_record([(1, 0), (0, 1), (0, 0)], right=1), _record([(1, 1), (0, 0), (1, 0)], right=0)] * 3
    assert np.array_equal(train.fit(records), train.fit(records))


def test_tuning_split_is_stable_and_about_a_fifth():
    ids = [f"article-{n}" for n in range(1000)]
    held = [i for i in ids if train.is_tuning(i)]
    assert held == [i for i in ids if train.is_tuning(i)]
    assert 150 < len(held) < 250


def test_training_reproduces_on_a_tiny_sample(shared, tmp_path):
    corpus = shared / "corpus" / "polnear-train"
    args = ["--corpus", str(corpus), "--limit", "6", "--cache", str(tmp_path / "cache"),
            "--scorer", str(shared / "tools" / "score.py")]
    assert train.main([*args, "--out", str(tmp_path / "a.json")]) == 0
    assert train.main([*args, "--out", str(tmp_path / "b.json")]) == 0  # from the parse cache this time
    a, b = (json.loads((tmp_path / n).read_text(encoding="utf-8")) for n in ("a.json", "b.json"))
    assert a == b
    assert a["features"] == list(linker.FEATURE_NAMES)
    assert any(x != 0 for x in a["weights"])
    assert list((tmp_path / "cache").glob("*.spacy"))


# -- what the linker fixes ----------------------------------------------------------------------

# (class of wrong speaker, text, quoted words, speaker_mention wanted, canonical speaker wanted)
FIXES = [
    ("a participle clause in front hid the subject from the rules",
     "Tom Hale met the mayor on Monday. Asked what he thought of the plan, he said, \u201cIt is the wrong plan for "
     "this town.\u201d", "It is the wrong plan", "he", "Tom Hale"),
    ("a second verb of saying shares the speaker, not the object clause's subject",
     "Tom Hale noted that Saturday would have been the founder\u2019s birthday and called the day \u201ca gift to the "
     "town.\u201d", "a gift to the town", "Tom Hale", "Tom Hale"),
]


@pytest.mark.parametrize(("what", "text", "fragment", "mention", "speaker"), FIXES, ids=[r[0] for r in FIXES])
def test_linker_fixes(nlp, what, text, fragment, mention, speaker):
    doc = nlp(text)
    quotes = [q for q in extract_quotes(doc, extract_entities(doc)) if fragment in q.text]
    assert quotes, f"no quote with {fragment!r}"
    assert (quotes[0].speaker_mention, quotes[0].speaker) == (mention, speaker)


def test_rules_alone_get_these_wrong(nlp, monkeypatch):
    """The rows above are the linker's doing: with the model off, the rules choose otherwise."""
    monkeypatch.setattr(linker, "load_weights", lambda *_args: linker.RULES_ONLY)
    for _, text, fragment, mention, speaker in FIXES:
        doc = nlp(text)
        q = next(q for q in extract_quotes(doc, extract_entities(doc)) if fragment in q.text)
        assert (q.speaker_mention, q.speaker) != (mention, speaker), text
