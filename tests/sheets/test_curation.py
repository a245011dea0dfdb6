"""Curation: every kind of hand edit survives regeneration (three-way merge over the machine snapshot)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import one_line
from generator.inputs.files import iter_articles
from generator.pipeline.run import extract_all, snapshot_path
from generator.sheets import yamlio
from generator.sheets.curation import changes, merge

GEN = {"tool": "factsheet 0.1.0", "pipeline": "en_core_web_sm 3.8.0", "content_hash": "sha256:" + "0" * 64,
       "at": "2026-01-01T00:00:00Z"}


def quote(text, speaker, *, cue="said", span=None, role=None):
    return {"text": text, "speaker": speaker, "speaker_role": role, "speaker_mention": None, "cue": cue,
            "kind": "direct", "sentence": f'"{text}," {speaker} {cue}.', "span": span or [0, len(text)]}


def figure(text, value, *, counts=None, span=None):
    return {"text": text, "value": value, "unit": None, "approx": None, "counts": counts, "sentence": text,
            "span": span or [0, len(text)]}


def fact(text, score):
    return {"text": text, "sentence": text, "span": [0, len(text)], "score": score, "attributed_to": None}


def entity(name, type_="PERSON", roles=()):
    return {"name": name, "type": type_, "aliases": [], "roles": list(roles), "mentions": 1}


def sheet(**parts):
    base = {"schema_version": 1, "id": "t", "title": "Ferry terminal approved", "summary": "The council voted.",
            "source": {"name": None, "url": None, "published": None, "author": None, "file": "t.txt"},
            "generated": dict(GEN), "tags": [],
            "facts": [fact("The council voted on Tuesday.", 1.0), fact("The terminal will cost 42 million euros.", 0.5),
                      fact("Work begins in the autumn.", 0.33)],
            "quotes": [quote("We have waited long enough", "Tomas Vidal"),
                       quote("It is a waste of money", "Ana Ruiz", cue="complained")],
            "figures": [figure("42 million euros", 42000000), figure("1.3 million passengers", 1300000),
                        figure("four years", 4)],
            "dates": [], "entities": [entity("Tomas Vidal", roles=["councillor"]), entity("Ana Ruiz")],
            "warnings": []}
    base.update(parts)
    return base


BASE = sheet()


def machine_v2():
    """New machine output after a rule change: a cue renamed, a figure gained, the 'counts' filled in."""
    m = copy.deepcopy(BASE)
    m["generated"] = {**GEN, "tool": "factsheet 0.2.0", "at": "2026-02-01T00:00:00Z"}
    m["quotes"][1]["cue"] = "said"
    m["figures"][0]["counts"] = "cost"
    m["figures"].insert(2, figure("3,000 signatures", 3000, counts="signatures"))
    m["summary"] = "The council voted on Tuesday."
    return m


def edited(fn):
    person = copy.deepcopy(BASE)
    fn(person)
    return person


# -- one row per kind of edit: (edit, check on the merged sheet) --------------------------------------

def fix_speaker(p):
    p["quotes"][1]["speaker"] = "Ana Ruiz-Ortega"


def delete_figure(p):
    del p["figures"][2]


def add_quote(p):
    p["quotes"].insert(1, quote("Work starts in the autumn", "Tomas Vidal", cue="added", span=[500, 525]))


def write_summary(p):
    p["summary"] = "Calloway gets its ferry terminal after four years of dispute."


def edit_entity(p):
    p["entities"][1]["name"] = "Ana Ruiz-Ortega"
    p["entities"][1]["roles"] = ["resident"]


def clear_field(p):
    p["quotes"][0]["speaker_role"] = None
    p["quotes"][0]["speaker_mention"] = "councillor Vidal"


def fix_quote_words(p):
    p["quotes"][0]["text"] = "We have waited long enough for this"


def mark_reviewed(p):
    p["figures"][1]["reviewed"] = True
    p["figures"][1]["counts"] = "passengers a year"


def reorder_facts(p):
    p["facts"] = [p["facts"][2], p["facts"][0], p["facts"][1]]


def tag_and_source(p):
    p["tags"] = ["transport"]
    p["source"]["author"] = "Priya Ramaswamy"


def delete_and_add_fact(p):
    del p["facts"][1]
    p["facts"].append({"text": "Residents collected 3,000 signatures against the plan.", "reviewed": True})


def check_fix_speaker(m):
    q = m["quotes"][1]
    assert (q["speaker"], q["cue"]) == ("Ana Ruiz-Ortega", "said")  # the person's speaker, the machine's new cue


def check_delete_figure(m):
    assert [f["text"] for f in m["figures"]] == ["42 million euros", "1.3 million passengers", "3,000 signatures"]


def check_add_quote(m):
    assert [q["text"] for q in m["quotes"]] == ["We have waited long enough", "Work starts in the autumn",
                                                "It is a waste of money"]
    assert m["quotes"][2]["cue"] == "said"


def check_write_summary(m):
    assert m["summary"] == "Calloway gets its ferry terminal after four years of dispute."


def check_edit_entity(m):
    assert m["entities"][1] == {**entity("Ana Ruiz-Ortega"), "roles": ["resident"]}


def check_clear_field(m):
    assert m["quotes"][0]["speaker_role"] is None and m["quotes"][0]["speaker_mention"] == "councillor Vidal"


def check_fix_quote_words(m):
    assert [q["text"] for q in m["quotes"]] == ["We have waited long enough for this", "It is a waste of money"]


def check_mark_reviewed(m):
    f = m["figures"][1]
    assert f["reviewed"] is True and f["counts"] == "passengers a year"


def check_reorder_facts(m):
    assert [f["text"][:8] for f in m["facts"]] == ["Work beg", "The coun", "The term"]


def check_tag_and_source(m):
    assert m["tags"] == ["transport"] and m["source"]["author"] == "Priya Ramaswamy"


def check_delete_and_add_fact(m):
    assert [f["text"][:8] for f in m["facts"]] == ["The coun", "Work beg", "Resident"]


EDITS = [
    ("fix a speaker", fix_speaker, check_fix_speaker),
    ("delete a wrong figure", delete_figure, check_delete_figure),
    ("add a missed quote", add_quote, check_add_quote),
    ("write a summary", write_summary, check_write_summary),
    ("edit an entity", edit_entity, check_edit_entity),
    ("clear and fill fields", clear_field, check_clear_field),
    ("fix a quote's words", fix_quote_words, check_fix_quote_words),
    ("mark reviewed", mark_reviewed, check_mark_reviewed),
    ("reorder facts", reorder_facts, check_reorder_facts),
    ("tag and source", tag_and_source, check_tag_and_source),
    ("delete and add facts", delete_and_add_fact, check_delete_and_add_fact),
]


@pytest.mark.parametrize(("edit", "check"), [pytest.param(e, c, id=name) for name, e, c in EDITS])
def test_an_edit_survives_a_rule_change(edit, check):
    person = edited(edit)
    result = merge(BASE, person, machine_v2())
    check(result.sheet)
    assert result.edits >= 1
    assert result.sheet["generated"]["tool"] == "factsheet 0.2.0"
    # the machine's own changes still come through where nobody edited
    assert "3,000 signatures" in [f["text"] for f in result.sheet["figures"]]
    assert result.sheet["figures"][0]["counts"] == "cost"


@pytest.mark.parametrize(("edit", "check"), [pytest.param(e, c, id=name) for name, e, c in EDITS])
def test_a_second_regeneration_changes_nothing(edit, check):
    """Regenerating again (base = last machine output) leaves the person's sheet exactly as it is."""
    first = merge(BASE, edited(edit), machine_v2()).sheet
    again = merge(machine_v2(), first, machine_v2()).sheet
    assert again == first
    check(again)


def test_untouched_sheets_follow_the_machine():
    assert merge(BASE, copy.deepcopy(BASE), machine_v2()).sheet == machine_v2()


def test_an_untouched_item_the_machine_drops_goes_but_an_edited_one_stays():
    person = edited(fix_speaker)
    m = machine_v2()
    m["quotes"] = []
    result = merge(BASE, person, m)
    assert [q["speaker"] for q in result.sheet["quotes"]] == ["Ana Ruiz-Ortega"]
    assert "kept your edited quote" in result.notes[0]


def test_a_quote_the_person_added_and_the_machine_now_finds_appears_once():
    person = edited(add_quote)
    m = machine_v2()
    m["quotes"].append(quote("Work starts in the autumn", "Vidal", cue="said"))
    texts = [q["text"] for q in merge(BASE, person, m).sheet["quotes"]]
    assert texts.count("Work starts in the autumn") == 1
    assert next(q for q in merge(BASE, person, m).sheet["quotes"] if q["text"].startswith("Work"))["cue"] == "added"


def test_without_a_snapshot_only_reviewed_items_are_kept():
    person = edited(lambda p: (mark_reviewed(p), fix_speaker(p)))
    result = merge(None, person, machine_v2())
    assert result.sheet["figures"][1]["counts"] == "passengers a year"
    assert result.sheet["quotes"][1]["speaker"] == "Ana Ruiz"
    assert "no machine snapshot" in result.notes[0]


def test_spans_of_a_persons_items_follow_the_text():
    text = "Intro.\n\nWork starts in the autumn, he added. We have waited long enough, he said."
    person = edited(add_quote)
    result = merge(BASE, person, machine_v2(), text=text)
    added = next(q for q in result.sheet["quotes"] if q["text"] == "Work starts in the autumn")
    assert text[added["span"][0]:added["span"][1]] == "Work starts in the autumn"
    gone = merge(BASE, edited(fix_quote_words), machine_v2(), text="No such words here.").sheet["quotes"][0]
    assert gone["span"] is None


def test_changes_lists_what_a_regeneration_would_do():
    lines = changes(BASE, machine_v2())
    assert "generated.tool: \u201cfactsheet 0.1.0\u201d -> \u201cfactsheet 0.2.0\u201d" in lines
    assert "figures: + figure \u201c3,000 signatures\u201d" in lines
    assert "quotes[\u201cIt is a waste of money\u201d].cue: \u201ccomplained\u201d -> \u201csaid\u201d" in lines
    assert not any("generated.at" in line for line in lines)
    assert changes(None, BASE) == ["new sheet: 3 facts, 2 quotes, 3 figures, 0 dates, 2 entities"]


# -- properties over random edits --------------------------------------------------------------------

WORDS = st.text(alphabet="abcdefghij ", min_size=3, max_size=20).map(lambda s: " ".join(s.split()) or "x")


@st.composite
def edit_scripts(draw):
    texts = draw(st.lists(WORDS, min_size=0, max_size=6, unique_by=lambda t: t.casefold()))
    base = sheet(quotes=[quote(t, f"Speaker {i}", span=[i * 100, i * 100 + len(t)]) for i, t in enumerate(texts)])
    person = copy.deepcopy(base)
    for op in draw(st.lists(st.sampled_from(["delete", "edit", "add", "summary"]), max_size=4)):
        quotes = person["quotes"]
        if op == "delete" and quotes:
            del quotes[draw(st.integers(0, len(quotes) - 1))]
        elif op == "edit" and quotes:
            quotes[draw(st.integers(0, len(quotes) - 1))]["speaker"] = draw(WORDS)
        elif op == "add":
            new = draw(WORDS.filter(lambda t, q=quotes: t.casefold() not in {x["text"].casefold() for x in q}))
            quotes.insert(draw(st.integers(0, len(quotes))), quote("added " + new, "Someone", span=[9000, 9001]))
        elif op == "summary":
            person["summary"] = draw(WORDS)
    return base, person


@settings(max_examples=150, deadline=None)
@given(edit_scripts())
def test_with_no_machine_change_a_regeneration_keeps_the_sheet_as_the_person_left_it(script):
    base, person = script
    assert merge(base, person, copy.deepcopy(base)).sheet == person


@settings(max_examples=150, deadline=None)
@given(edit_scripts())
def test_merging_is_stable(script):
    base, person = script
    m = copy.deepcopy(base)
    m["quotes"] = [dict(q, cue="stated") for q in m["quotes"]] + [quote("brand new words", "X", span=[5, 8])]
    first = merge(base, person, m).sheet
    assert merge(m, first, m).sheet == first


# -- end to end, with the real pipeline ---------------------------------------------------------------

ARTICLE = (
    "Harbour council approves ferry terminal\n\n"
    "The harbour council in Port Calloway voted on Tuesday to build a ferry terminal on the east quay, ending a "
    "dispute that has lasted almost four years.\n\n"
    '"We have waited long enough for this," said councillor Tomas Vidal, who chairs the transport committee. '
    "He said work would begin in the autumn.\n\n"
    "The terminal will cost about 42 million euros and handle up to 1.3 million passengers a year, according to "
    "the council.\n\n"
    '"It is a waste of public money," said Ana Ruiz, who lives on the quay. A petition against the plan gathered '
    "more than 3,000 signatures.\n"
)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def save(path: Path, data: dict) -> None:
    path.write_text(yamlio.dump(data), encoding="utf-8")


@pytest.fixture()
def curated(tmp_path, nlp):
    """A sheet extracted from a small article, then edited by hand in every way."""
    art = tmp_path / "in" / "ferry.txt"
    art.parent.mkdir()
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "facts"
    assert extract_all(iter_articles([art]), out).ok
    path = out / "ferry.yaml"
    data = load(path)
    ruiz = next(q for q in data["quotes"] if "waste" in q["text"])
    ruiz["speaker"] = "Ana Ruiz-Ortega"  # fix a speaker
    ruiz["speaker_role"] = "resident of the east quay"
    wrong = next(f for f in data["figures"] if "four years" in f["text"] or "3,000" in f["text"])
    data["figures"].remove(wrong)  # delete a figure
    data["quotes"].append({"text": "work would begin in the autumn", "speaker": "Tomas Vidal", "kind": "reported",
                           "cue": "said", "sentence": "He said work would begin in the autumn.", "span": [0, 1]})
    data["summary"] = "Port Calloway will get its ferry terminal."
    data["entities"].append({"name": "Calloway Transport Committee", "type": "ORG", "aliases": [], "roles": [],
                             "mentions": 1, "reviewed": True})
    save(path, data)
    return art, out, path, wrong["text"]


def check_edits(data: dict, art_text: str, dropped: str) -> None:
    assert data["summary"] == "Port Calloway will get its ferry terminal."
    ruiz = next(q for q in data["quotes"] if "waste" in q["text"])
    assert (ruiz["speaker"], ruiz["speaker_role"]) == ("Ana Ruiz-Ortega", "resident of the east quay")
    assert dropped not in [f["text"] for f in data["figures"]]
    added = next(q for q in data["quotes"] if q["text"] == "work would begin in the autumn")
    assert art_text[added["span"][0]:added["span"][1]] == "work would begin in the autumn"
    assert any(e["name"] == "Calloway Transport Committee" for e in data["entities"])


def test_edits_survive_a_change_of_the_article_text(curated):
    art, out, path, dropped = curated
    new_text = ARTICLE.replace("Harbour council approves ferry terminal\n\n",
                               "Harbour council approves ferry terminal\n\nAn update was added at the top.\n\n")
    art.write_text(new_text, encoding="utf-8")
    report = extract_all(iter_articles([art]), out)
    assert report.written == ["ferry"] and report.edits_kept >= 5
    data = load(path)
    check_edits(data, new_text, dropped)
    assert load(snapshot_path(out, "ferry"))["generated"] == data["generated"]
    # and once more with nothing changed: nothing to do, the file is untouched
    before = path.read_bytes()
    assert extract_all(iter_articles([art]), out).unchanged == ["ferry"]
    assert path.read_bytes() == before


def test_edits_survive_a_rule_change(curated, monkeypatch):
    from generator.extract.figures import figures as extract
    from generator.model import Figure

    art, out, path, dropped = curated
    real = extract.extract_figures

    def new_rules(doc):  # a "new rule": what figures count is now upper case, and one more figure is found
        found = [f.__class__(**{**{s: getattr(f, s) for s in f.__slots__}, "counts": (f.counts or "").upper()})
                 for f in real(doc)]
        return [*found, Figure(text="east quay", value=None, counts="PLACE", sentence="", span=None)]

    monkeypatch.setattr(extract, "extract_figures", new_rules)
    report = extract_all(iter_articles([art]), out, force=True)
    assert report.written == ["ferry"], report.errors
    data = load(path)
    check_edits(data, ARTICLE, dropped)
    assert all(f["counts"] == f["counts"].upper() for f in data["figures"])  # the machine's change came through
    assert "east quay" in [f["text"] for f in data["figures"]]


def test_a_broken_hand_edit_is_reported_and_not_overwritten(curated):
    art, out, path, _ = curated
    path.write_text(path.read_text(encoding="utf-8").replace("summary: Port", "summary: [Port"), encoding="utf-8")
    broken = path.read_bytes()
    report = extract_all(iter_articles([art]), out, force=True)
    assert report.written == [] and len(report.errors) == 1
    assert one_line(report.errors[0]).startswith(f"{path}:")
    assert "not regenerated so that no hand edit is lost" in report.errors[0].message
    assert path.read_bytes() == broken


def test_dry_run_shows_changes_and_writes_nothing(curated):
    art, out, _, _ = curated
    art.write_text(ARTICLE.replace("42 million euros", "45 million euros"), encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*.yaml")}
    report = extract_all(iter_articles([art]), out, dry_run=True)
    assert {p: p.read_bytes() for p in out.rglob("*.yaml")} == before
    lines = report.changes["ferry"]
    assert "figures[\u201cabout 45 million euros\u201d].text: \u201cabout 42 million euros\u201d -> " \
           "\u201cabout 45 million euros\u201d" in lines, lines
    assert not any("Ruiz-Ortega" in line or "summary" in line for line in lines), lines  # hand edits stay


# -- `factsheet validate` catches broken hand edits, with file, line and field -------------------------

@pytest.mark.parametrize(("before", "after", "message"), [
    ("speaker: Ana Ruiz\n", "speaker: Ana Ruiz: resident\n",
     "YAML syntax: mapping values are not allowed here (put the value in quotes if it contains ': ')"),
    ("  speaker: Ana Ruiz\n", " speaker: Ana Ruiz\n", "YAML syntax: expected <block end>"),
    ("  cue: complained\n", "\tcue: complained\n", "YAML syntax: found character '\\t' that cannot start any token"),
    ("  cue: complained\n", "  cue: [complained\n", "YAML syntax: expected ',' or ']'"),
    ("  value: 42000000\n", "  value: 42,000,000\n",
     "figures[0].value: expected a number, null, {low, high} or [number, number]"),
    ("  kind: direct\n", "  kind: Direct\n", "quotes[0].kind: 'Direct' is not one of 'direct', 'partial', 'reported'"),
    ("  cue: complained\n", "  cue: complained\n  cue: said\n", "quotes[1].cue: given twice"),
    ("  cue: complained\n", "  cue: complained\n  note: checked\n", "quotes[1]: unknown field 'note'"),
    ("  cue: complained\n", "  cue: complained\n  reviewed: yes please\n",
     "quotes[1].reviewed: expected true or false, got a string"),
    ("- text: It is a waste of money\n", "- txt: It is a waste of money\n", "quotes[1]: missing field 'text'"),
    ("  speaker: Ana Ruiz\n", "  speaker:\n  - Ana\n  - Ruiz\n", "quotes[1].speaker: expected a string or null"),
    ("id: t\n", "id: T 1\n", "id: 'T 1' is not in the expected form"),
    ("- name: Ana Ruiz\n  type: PERSON\n", "- name: Ana Ruiz\n  type: Person\n", "entities[1].type: 'Person'"),
])
def test_validate_names_file_line_and_field_of_a_broken_edit(tmp_path, before, after, message):
    from click.testing import CliRunner

    from generator.cli import cli

    text = yamlio.dump(BASE)
    assert before in text
    broken = text.replace(before, after, 1) if "speaker: Ana" not in before else _replace_last(text, before, after)
    path = tmp_path / "t.yaml"
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    line = first.removeprefix(f"{path}:").split(":")[0]
    assert line.isdigit(), first
    assert message in first, first
    changed = next(i for i, (a, b) in enumerate(zip(text.splitlines(), broken.splitlines(), strict=False)) if a != b)
    assert abs(int(line) - (changed + 1)) <= 1, (first, changed + 1)


def _replace_last(text: str, old: str, new: str) -> str:
    head, _, tail = text.rpartition(old)
    return head + new + tail
