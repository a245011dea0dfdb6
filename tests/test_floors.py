"""The quality floors CI gates on never sink below what the issues set as done."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "quality" / "floors.yaml"

# the minimums from the issues: a floor may rise above these, never fall below
MINIMUMS = {
    "seed": {"quotes.e2e_f1": 0.95, "reported.e2e_f1": 0.8, "figures.f1": 1.0, "dates.f1": 0.9,
             "PERSON.f1": 0.9, "ORG.f1": 0.9, "PLACE.f1": 0.9, "PERSON.role_acc": 0.8},
    "polnear": {"quotes.f1": 0.6, "quotes.e2e_f1": 0.6, "reported.e2e_f1": 0.43},  # reported: stop 25
    "polnear-train": {"quotes.f1": 0.6, "quotes.e2e_f1": 0.6},  # issue 13: a fixed sample gated in CI
    # issue 13: PolNeAR's targets (0.85 / 0.80), met on dev when an utterance's pieces are scored as one quotation
    "polnear-utterances": {"quotes.f1": 0.85, "quotes.e2e_f1": 0.8},
    "polnear-train-utterances": {"quotes.f1": 0.85, "quotes.e2e_f1": 0.8},
    "pronouns": {"dev.speaker_acc": 0.85},  # issue 13: the rules alone gave 0.815 on these; 0.85 at stop 24
    "speakers": {"cnn.speaker_acc": 0.8, "dev.speaker_acc": 0.8},  # issue 13: 0.865 and 0.816 at stop 20
    # issue 13: quotations readers marked in cnn-train articles, no lower than at the start of stop 26
    "cnn-quotes": {"quotes.f1": 0.95, "quotes.e2e_f1": 0.815, "reported.f1": 0.82, "reported.e2e_f1": 0.69},
    "cnn-quotes-heldout": {"quotes.f1": 0.935, "quotes.e2e_f1": 0.735, "reported.f1": 0.775, "reported.e2e_f1": 0.615},
    "newsquant": {"value": 0.95, "value+unit": 0.9, "value+change": 0.9, "value+concept": 0.85},
    "dates": {"rate": 0.57},  # Microsoft's own Python port passes 57%
    "timebank": {"value_f1": 0.767},  # issue 15: TimeBank dates no lower than the 0.767 it found
    "keyfacts": {"rouge1": 0.439, "rouge2": 0.223},  # lead-3 on GUM: 43.9 / 22.3
    "keyfacts-cnn": {"rouge1": 0.333, "rouge2": 0.129},  # issue 14: above lead-3 on cnn-train's dev split
}


def test_every_minimum_is_gated_and_no_floor_is_below_it():
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))
    for group, measures in MINIMUMS.items():
        for key, minimum in measures.items():
            assert key in floors.get(group, {}), f"{group} {key} is not gated"
            assert floors[group][key] >= minimum, f"{group} {key} floor {floors[group][key]} < {minimum}"


def _gates():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gates", ROOT / "scripts" / "gates.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_speaker_gate_reads_the_speaker_of_the_overlapping_quote(tmp_path):
    import yaml

    gates = _gates()
    sheet = {"quotes": [{"span": [0, 10], "speaker": "Tom Hale"}, {"span": [20, 30], "speaker": "police"},
                        {"span": [40, 50], "speaker": "Anna Berg"}],
             "entities": [{"name": "Tom Hale"}, {"name": "Anna Berg"}]}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(sheet), encoding="utf-8")
    labels = [{"corpus": "c", "id": "a", "span": [1, 9], "speech": True, "speaker": "Hale"},
              {"corpus": "c", "id": "a", "span": [20, 29], "speech": True, "speaker": None},  # a body: right
              {"corpus": "c", "id": "a", "span": [41, 49], "speech": True, "speaker": None},  # a named person: wrong
              {"corpus": "c", "id": "a", "span": [60, 70], "speech": True, "speaker": "Tom Hale"},  # lost: wrong
              {"corpus": "c", "id": "a", "span": [0, 10], "speech": False, "speaker": None},  # not counted
              {"corpus": "d", "id": "a", "span": [0, 10], "speech": True, "speaker": "Tom Hale"}]
    assert gates.speaker_accuracy(labels, "c", tmp_path) == (2, 4)


def test_speaker_labels_hold_no_article_text():
    import json

    rows = [json.loads(line) for line in (ROOT / "quality" / "labels" / "speakers.jsonl").read_text().splitlines()]
    assert len(rows) > 250 and {r["corpus"] for r in rows} == {"cnn-train", "polnear-dev"}
    for r in rows:
        assert set(r) == {"corpus", "id", "span", "speech", "speaker"}, r
        assert r["speaker"] is None or len(r["speaker"]) < 80


def test_cnn_quote_labels_hold_spans_not_text():
    import json

    rows = [json.loads(line) for line in (ROOT / "quality" / "labels" / "cnn_quotes.jsonl").read_text().splitlines()]
    assert len(rows) == 120 and {r["split"] for r in rows} == {"tune", "held-out"}
    assert len({r["id"] for r in rows}) == 120
    for r in rows:
        assert set(r) == {"corpus", "id", "split", "quotes", "reported"}, r
        for it in r["quotes"] + r["reported"]:
            assert set(it) <= {"span", "speaker", "said_by", "mixed"}, it
            a, b = it["span"]
            assert 0 <= a < b
            assert it["speaker"] is None or len(it["speaker"]) < 100
            assert it["speaker"] is not None or it.get("said_by"), it  # an unnamed source keeps its words


def test_cnn_quote_gold_cuts_the_texts_at_the_spans(tmp_path, monkeypatch):
    import json

    gates = _gates()
    text = 'Hale said the bridge would reopen. "It is safe," he said. Berg said it was "a disgrace."'
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"corpus": "c", "id": "a1", "split": "tune", "quotes": [
        {"span": [36, 47], "speaker": "Tom Hale"}, {"span": [76, 87], "speaker": "Anna Berg"}], "reported": [
        {"span": [10, 33], "speaker": "Tom Hale"}, {"span": [68, 89], "speaker": "Anna Berg", "mixed": True},
        {"span": [0, 4], "speaker": None, "said_by": "someone"}]}) + "\n", encoding="utf-8")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "articles.jsonl").write_text(json.dumps({"id": "a1", "text": text}) + "\n"
                                           + json.dumps({"id": "a2", "text": "Other."}) + "\n", encoding="utf-8")
    monkeypatch.setattr(gates, "CNN_QUOTES", labels)
    articles, gold = gates.cnn_quote_gold(folder, tmp_path / "out", "tune")
    assert [json.loads(line)["id"] for line in articles.read_text().splitlines()] == ["a1"]
    doc = yaml.safe_load((gold / "a1.yaml").read_text())
    assert doc["article"] == "a1.txt"
    assert [q["text"] for q in doc["quotes"]] == ["It is safe,", "a disgrace."]
    # the statement holding a quotation is left to the quotation; an unnamed source keeps its words
    assert doc["reported"] == [{"text": "the bridge would reopen", "speaker": "Tom Hale"},
                               {"text": "Hale", "speaker": None, "said_by": "someone"}]
    assert gates.cnn_quote_gold(folder, tmp_path / "none", "held-out")[0].read_text() == ""


def test_pieces_of_one_utterance_are_scored_as_one_quotation():
    gates = _gates()
    quotes = [{"text": "We will rebuild,", "speaker": "Ann Lee", "kind": "direct", "utterance": 1},
              {"text": "the mayor said the town would pay", "speaker": "Ann Lee", "kind": "reported", "utterance": 1},
              {"text": "Not this year.", "speaker": "Bo Park", "kind": "direct"},
              {"text": "It starts in May.", "speaker": None, "kind": "direct", "utterance": 1},
              {"text": "Soon", "speaker": "Bo Park", "kind": "direct", "utterance": 2}]
    joined = gates.utterances_as_one(quotes)
    assert [q["text"] for q in joined] == ["We will rebuild, It starts in May.", "the mayor said the town would pay",
                                           "Not this year.", "Soon"]
    assert joined[0]["speaker"] == "Ann Lee"  # the first piece's speaker
    assert quotes[0]["text"] == "We will rebuild,"  # the sheet's own items are left as they were
