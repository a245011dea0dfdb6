"""The learned pronoun model (issue 13): who "she said", "they said" stands for; its weights, training and labels.

Every sentence here is written for the test; none comes from the evaluation corpus.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import yaml

from generator.extract.entities.entities import extract_entities
from generator.extract.quotes import pronouns, train_pronouns
from generator.extract.quotes.quotes import extract_quotes

# (class of wrong speaker the rules gave, text, quoted words, canonical speaker wanted: None = nobody named)
FIXES = [
    ("a possessive in the reported clause is talked about; the speaker is the subject two sentences back",
     "Pat Morgan met the mayor on Monday. Morgan said Sarah Quinn's plan would fail. \u201cIt cannot work,\u201d "
     "she said.", "It cannot work", "Pat Morgan"),
    ("a first name of no clear gender still speaks: the owner of the proposal in her clause does not",
     "Senator Dana Cole said Anna Berg's proposal went too far. \u201cWe have to be careful,\u201d she said.",
     "We have to be careful", "Dana Cole"),
    ("the subject named in apposition speaks, not the owner of the speech she spoke after",
     "The minister, Kim Lowe, spoke after Laura Price's speech. \u201cWe will act,\u201d she said.",
     "We will act", "Kim Lowe"),
    ("'they' of people the text never names is not the company whose warehouse they reached",
     "Police officers arrived at the Acme Corp. warehouse on Tuesday morning. \u201cWe found nothing inside,\u201d "
     "they said.", "We found nothing inside", None),
]


def _speaker(nlp, text: str, fragment: str) -> tuple[str | None, str | None]:
    doc = nlp(text)
    q = next((q for q in extract_quotes(doc, extract_entities(doc)) if fragment in q.text), None)
    assert q is not None, f"no quote with {fragment!r}"
    return q.speaker_mention, q.speaker


@pytest.mark.parametrize(("what", "text", "fragment", "speaker"), FIXES, ids=[r[0] for r in FIXES])
def test_pronoun_model_fixes(nlp, what, text, fragment, speaker):
    mention, got = _speaker(nlp, text, fragment)
    assert mention.lower() in pronouns.MALE | pronouns.FEMALE | pronouns.PLURAL | pronouns.THING
    assert got == speaker


def test_rules_alone_get_these_wrong(nlp, monkeypatch):
    """The rows above are the model's doing: with it off, the hand-set weights choose otherwise."""
    monkeypatch.setattr(pronouns, "load_weights", lambda *_args: pronouns.RULES_ONLY)
    for _, text, fragment, speaker in FIXES:
        assert _speaker(nlp, text, fragment)[1] != speaker, text


@pytest.mark.parametrize(("text", "fragment", "speaker"), [
    # the constraints stay rules: he/she never an organisation nor a person of the other gender shown
    ("Maria Grant joined Northfield Bank in 2019. \u201cWe lend to farmers,\u201d she said.", "We lend", "Maria Grant"),
    ("Tom Hale spoke after Maria Grant. She thanked him. \u201cIt was a fair vote,\u201d he said.", "fair vote",
     "Tom Hale"),
    ("Northfield Bank cut its rates on Monday. \u201cWe had no choice,\u201d it said.", "no choice", "Northfield Bank"),
])
def test_hard_constraints_hold(nlp, text, fragment, speaker):
    assert _speaker(nlp, text, fragment)[1] == speaker


def test_first_person_is_not_resolved(nlp):
    doc = nlp("Tom Hale spoke first. \u201cWe will win,\u201d I said.")
    rec: list = []
    with pronouns.recording(rec):
        extract_quotes(doc, extract_entities(doc))
    assert all(p.lower_ != "i" for p, *_ in rec)
    assert pronouns.kind_of("I") is None and pronouns.kind_of("They") == "they"


def test_nobody_is_always_a_candidate_and_last(nlp):
    doc = nlp("Tom Hale and Anna Berg spoke. \u201cIt was fair,\u201d he said.")
    rec: list = []
    with pronouns.recording(rec):
        extract_quotes(doc, extract_entities(doc))
    _, ctx, cands, _ = rec[0]
    assert cands[-1].entity is None and all(c.entity is not None for c in cands[:-1])
    assert ctx.kind == "m"
    assert len({len(pronouns.features(c, ctx)) for c in cands}) == 1


def test_a_source_named_by_according_to_is_the_last_speaker(nlp):
    """Even when the sentence gives no clause of its own to report ("The report, according to X, shows ...")."""
    doc = nlp("Tom Brix said the harbour was safe. The report, according to engineer Paul Hale, shows how worn the "
              "wall is. He said the repairs would take months.")
    index = extract_entities(doc)
    rec: list = []
    with pronouns.recording(rec):
        extract_quotes(doc, index)
    ((_, _, cands, _),) = [r for r in rec if r[0].text == "He"]
    (last,) = [c for c in cands if c.last_speaker]
    assert index.entities[last.entity].name == "Paul Hale"


# -- weights ------------------------------------------------------------------------------------

def test_shipped_weights_fit_the_features():
    model = pronouns.load_weights(pronouns.WEIGHTS)
    assert model.enabled and model.weights.shape == (len(pronouns.FEATURES),)
    assert np.isfinite(model.weights).all()


@pytest.mark.parametrize(("what", "content", "message"), [
    ("not JSON", "{", "can't read"),
    ("other features", json.dumps({"features": ["rule"], "weights": [1.0]}), "other features"),
    ("weights not numbers", json.dumps({"features": list(pronouns.FEATURE_NAMES),
                                        "weights": ["x"] * len(pronouns.FEATURE_NAMES)}), "'weights'"),
    ("too few weights", json.dumps({"features": list(pronouns.FEATURE_NAMES), "weights": [1.0]}), "'weights'"),
])
def test_bad_weights_file_is_refused(tmp_path, what, content, message):
    path = tmp_path / "w.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(pronouns.PronounModelError, match=message):
        pronouns.load_weights(path)


def test_weights_round_trip(tmp_path):
    w = np.arange(len(pronouns.FEATURES), dtype=float) / 10
    path = tmp_path / "w.json"
    pronouns.save_weights(w, path, labels="toy")
    assert np.allclose(pronouns.load_weights(path).weights, w)


# -- labels and training ------------------------------------------------------------------------

def test_labels_are_well_formed_and_hold_no_article_text():
    labels = train_pronouns.read_labels(train_pronouns.LABELS)
    assert len(labels) >= 500
    corpora = {d["corpus"] for d in labels}
    assert corpora == {"cnn-train", "polnear-train", "polnear-dev"}
    for d in labels:
        assert set(d) == {"corpus", "id", "span", "pronoun", "referent"}, d
        assert isinstance(d["span"], list) and len(d["span"]) == 2 and d["span"][0] < d["span"][1]
        assert pronouns.kind_of(d["pronoun"]) is not None
        assert d["referent"] is None or len(d["referent"]) < 80


@pytest.mark.parametrize(("name", "referent", "right"), [
    ("Joe Paterno", "Paterno", True),
    ("Paterno", "Joe Paterno", True),
    ("Hillary Clinton", "Mrs. Clinton", True),
    ("Donald Trump", "Ivanka Trump", False),
    (None, None, True),
    ("Acme Corp.", None, False),
    (None, "Tom Hale", False),
])
def test_a_candidate_is_right_by_the_words_it_shares(name, referent, right):
    assert train_pronouns.is_right(name, referent) is right


def test_bad_label_line_names_its_line(tmp_path):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"corpus": "x", "id": "a", "span": [1, 2], "pronoun": "he", "referent": null}\n{"id": 1}\n',
                    encoding="utf-8")
    with pytest.raises(SystemExit, match=r"labels.jsonl:2: missing field\(s\) corpus, span, pronoun, referent"):
        train_pronouns.read_labels(path)


def test_sheet_accuracy_reads_the_speaker_of_the_overlapping_quote(tmp_path):
    sheet = {"quotes": [{"text": "a", "span": [0, 10], "speaker": "Tom Hale"},
                        {"text": "b", "span": [50, 80], "speaker": None}]}
    (tmp_path / "art-1.yaml").write_text(yaml.safe_dump(sheet), encoding="utf-8")
    labels = [{"corpus": "c", "id": "art-1", "span": [2, 12], "pronoun": "he", "referent": "Hale"},
              {"corpus": "c", "id": "art-1", "span": [50, 79], "pronoun": "they", "referent": None},
              {"corpus": "c", "id": "art-1", "span": [20, 30], "pronoun": "she", "referent": "Anna Berg"},
              {"corpus": "c", "id": "art-2", "span": [0, 5], "pronoun": "he", "referent": "Tom Hale"},
              {"corpus": "other", "id": "art-1", "span": [0, 5], "pronoun": "he", "referent": "Tom Hale"}]
    assert train_pronouns.sheet_accuracy(labels, "c", tmp_path) == (2, 4)


def test_training_reproduces_the_shipped_weights(shared, tmp_path, capsys):
    """`make train-pronouns` gives the weights the package ships, and the model beats the rules on held-out text."""
    out = tmp_path / "w.json"
    assert train_pronouns.main(["--shared", str(shared), "--out", str(out), "--cache", str(tmp_path / "cache")]) == 0
    got = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(pronouns.WEIGHTS.read_text(encoding="utf-8"))
    assert got["features"] == shipped["features"]
    assert np.allclose(got["weights"], shipped["weights"], atol=1e-4)
    held = re.search(r"held out .* rules right ([0-9.]+)  model right ([0-9.]+)", capsys.readouterr().out)
    assert held and float(held[2]) > float(held[1])
