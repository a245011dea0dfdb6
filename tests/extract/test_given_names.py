"""Given names' genders learned from the shared corpora (issue 13: pronouns need a gender to go by).

Every sentence here is written for the test; none comes from the evaluation corpus.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from generator.extract.entities import names, train_names
from generator.extract.entities.entities import extract_entities


@pytest.mark.parametrize(("counts", "kept"), [
    (Counter(m=3), "m"),
    (Counter(f=4), "f"),
    (Counter(m=2), None),  # two people are too little evidence about the name
    (Counter(m=2, f=1), None),  # bearers disagree
    (Counter(m=9, f=1), "m"),  # nine in ten agree
    (Counter(f=8, m=1), None),  # 0.89: below the share
])
def test_a_name_is_kept_when_its_bearers_agree(counts, kept):
    assert train_names.choose({"lee": counts}).get("lee") == kept


def test_the_hand_list_comes_first_and_the_learned_list_fills_in(tmp_path, monkeypatch):
    path = tmp_path / "names.json"
    path.write_text(json.dumps({"m": ["zorvan", "anna"], "f": []}), encoding="utf-8")
    read = names.learned.__wrapped__
    monkeypatch.setattr(names, "learned", lambda *_a: read(path))
    assert names.name_gender("Zorvan") == "m"
    assert names.name_gender("Anna") == "f"  # the hand list decides
    assert names.name_gender("Qwerty") is None
    with names.learned_off():
        assert names.name_gender("Zorvan") is None
    assert names.name_gender("Zorvan") == "m"


def test_a_name_of_either_sex_by_language_gives_no_gender(tmp_path, monkeypatch):
    # Andrea is a man's name in Italian and a woman's in English: neither list may give it a gender
    path = tmp_path / "names.json"
    path.write_text(json.dumps({"m": [], "f": ["andrea", "nicola"]}), encoding="utf-8")
    read = names.learned.__wrapped__
    monkeypatch.setattr(names, "learned", lambda *_a: read(path))
    assert names.name_gender("Andrea") is None and names.name_gender("Nicola") is None
    assert names.name_gender("Jean") is None and names.name_gender("Jeanne") == "f"
    assert train_names.choose({"andrea": Counter(f=9)}) == {}


@pytest.mark.parametrize(("content", "message"), [
    ("{", "can't read the learned given names"),
    (json.dumps({"m": []}), "can't read the learned given names"),
])
def test_a_bad_names_file_is_refused(tmp_path, content, message):
    path = tmp_path / "names.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(names.NamesError, match=message):
        names.learned.__wrapped__(path)


def test_shipped_names_are_lower_case_words_outside_the_hand_list():
    data = json.loads(names.LEARNED.read_text(encoding="utf-8"))
    both = data["m"] + data["f"]
    assert len(both) > 50 and not set(data["m"]) & set(data["f"])
    assert all(n.isalpha() and n == n.lower() and names.hand_gender(n) is None for n in both)
    assert data["about"]["corpora"] == ["cnn-train", "polnear-train"]  # never polnear-dev


def test_votes_count_people_by_the_gender_their_article_shows(nlp):
    docs = [nlp("Corey Hale spoke on Monday. He said the bridge would reopen."),
            nlp("Corey Berg, a spokesman for the council, said the vote was close."),
            nlp("Ms. Malala Stone said the plan was fair.")]
    counts, surnames = train_names.votes(docs)
    assert counts["corey"] == Counter(m=2)
    assert counts["malala"] == Counter(f=1)
    assert surnames["hale"] == 1 and surnames["corey"] == 0


def test_titles_and_surnames_are_not_given_names():
    counts = {"pope": Counter(m=5), "holmes": Counter(f=3), "zorvan": Counter(m=3)}
    assert train_names.choose(counts, Counter(holmes=7, zorvan=1)) == {"zorvan": "m"}


def test_a_learned_name_gives_a_person_a_gender(nlp, monkeypatch):
    monkeypatch.setattr(names, "learned", lambda *_a: {"corey": "m"})
    index = extract_entities(nlp("Corey Hale spoke on Monday."))
    k = next(k for k, e in enumerate(index.entities) if e.name == "Corey Hale")
    assert index.genders.get(k) == "m"
    monkeypatch.setattr(names, "learned", lambda *_a: {})
    index = extract_entities(nlp("Corey Hale spoke on Monday."))
    assert index.genders.get(k) is None


def test_training_on_a_tiny_sample_is_deterministic(shared, tmp_path):
    args = ["--shared", str(shared), "--limit", "5", "--cache", str(tmp_path / "cache")]
    assert train_names.main([*args, "--out", str(tmp_path / "a.json")]) == 0
    assert train_names.main([*args, "--out", str(tmp_path / "b.json")]) == 0  # from the parse cache
    a, b = ((tmp_path / n).read_text(encoding="utf-8") for n in ("a.json", "b.json"))
    assert a == b and set(json.loads(a)) == {"about", "m", "f"}
