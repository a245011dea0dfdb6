"""One article per sheet: a sheet is never replaced by another article that makes the same id, and its
hand edits are never grafted onto that other article; the same article re-extracted keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli, one_line
from generator.errors import ID_TAKEN
from generator.inputs.files import iter_articles
from generator.model import Source
from generator.pipeline.run import extract_all, numbered_id
from generator.sheets import yamlio
from generator.sheets.sameness import same_article

A = "Report on the harbour\n\nThe harbour in Port Calloway will be dredged next year, the council said.\n"
B = "Report on the schools\n\nTwo schools in Eastvale will merge in September, the education board said.\n"


@pytest.mark.parametrize(("recorded", "source", "same"), [
    # nothing recorded to tell by: the same (as before)
    (None, Source(file="a/report.txt"), True),
    ({"file": None, "url": None}, Source(file="a/report.txt"), True),
    ({"file": "a/report.txt"}, Source(), True),
    # files
    ({"file": "a/report.txt"}, Source(file="a/report.txt"), True),
    ({"file": "a/report.txt"}, Source(file="./a/report.txt"), True),
    ({"file": "a/report.txt"}, Source(file="b/report.txt"), False),
    ({"file": "news.jsonl:3"}, Source(file="news.jsonl:7"), True),  # a line inserted above it
    ({"file": "news.jsonl:3"}, Source(file="other.jsonl:3"), False),
    # URLs: the page is the article
    ({"file": "https://n.example/a", "url": "https://n.example/a"}, Source(file="https://n.example/a",
                                                                             url="https://n.example/a"), True),
    ({"file": "list.urls:1", "url": "https://n.example/a"}, Source(file="list.urls:1", url="https://n.example/b"),
     False),
    ({"file": "list.urls:1", "url": "https://n.example/a"}, Source(file="list.urls:4", url="https://n.example/a"),
     True),
    ({"file": "saved/a.html", "url": "https://n.example/a"}, Source(file="saved/a.html", url="https://n.example/a2"),
     True),  # the file is the same; its page's address was corrected
    ({"file": "a/report.txt"}, Source(file="https://n.example/report", url="https://n.example/report"), False),
])
def test_same_article(recorded, source, same):
    assert same_article(recorded, source) is same


def test_a_file_recorded_from_another_working_folder_is_the_same(tmp_path, monkeypatch):
    (tmp_path / "data" / "articles").mkdir(parents=True)
    (tmp_path / "data" / "articles" / "a.txt").write_text(A, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "data")
    assert same_article({"file": "data/articles/a.txt"}, Source(file="articles/a.txt"))
    assert same_article({"file": str(tmp_path / "data/articles/a.txt")}, Source(file="articles/a.txt"))
    assert not same_article({"file": "data/other/a.txt"}, Source(file="articles/a.txt"))


def test_numbered_ids_stay_ids():
    assert [numbered_id("report", n) for n in (1, 2, 10)] == ["report", "report-2", "report-10"]
    assert numbered_id("x" * 80, 2) == "x" * 78 + "-2"


def edit_summary(path: Path, summary: str) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = summary
    path.write_text(yamlio.dump(data), encoding="utf-8")


def test_another_article_with_the_same_id_gets_a_sheet_of_its_own(tmp_path, nlp):
    for folder, text in (("a", A), ("b", B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "facts"
    assert extract_all(iter_articles([tmp_path / "a"]), out).written == ["report"]
    edit_summary(out / "report.yaml", "The harbour will be dredged (written by a person).")
    first = (out / "report.yaml").read_bytes()

    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "b"), "--out", str(out), "-q"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path}/b/report.txt: its id is taken by the sheet of another article ({tmp_path}/a/report.txt);"
        " this one is written as report-2.yaml (give it an id of its own)"]
    assert (out / "report.yaml").read_bytes() == first  # the first article's sheet, hand edit and all, untouched
    second = yaml.safe_load((out / "report-2.yaml").read_text(encoding="utf-8"))
    assert second["id"] == "report-2" and second["source"]["file"] == f"{tmp_path}/b/report.txt"
    assert "person" not in second["summary"] and "schools" in second["summary"]

    # run after run, each article finds its own sheet: nothing to do, nothing said
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "b"), "--out", str(out)])
    assert result.exit_code == 0 and result.stderr.splitlines() == [
        "unchanged: report-2", f"0 sheets written, 1 unchanged, 0 articles failed, 0 warnings -> {out}"]
    # and the first article, its text edited, is the same article: re-extracted with its edit kept
    (tmp_path / "a" / "report.txt").write_text(A.replace("next year", "in the spring"), encoding="utf-8")
    report = extract_all(iter_articles([tmp_path / "a"]), out)
    assert report.written == ["report"] and [w for w in report.warnings if w.kind == ID_TAKEN] == []
    data = yaml.safe_load((out / "report.yaml").read_text(encoding="utf-8"))
    assert data["summary"] == "The harbour will be dredged (written by a person)."
    assert "in the spring" in (out / "report.yaml").read_text(encoding="utf-8")


def test_two_inputs_of_one_run_with_the_same_id_do_not_overwrite_each_other(tmp_path, nlp):
    for folder, text in (("a", A), ("b", B)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "facts"
    report = extract_all(iter_articles([tmp_path / "a", tmp_path / "b"]), out)
    assert report.written == ["report"]
    assert [*map(one_line, report.errors)] == [
        f"{tmp_path}/b/report.txt: duplicate article id 'report' (also {tmp_path}/a/report.txt)"
        " (rename one of the files or change its id)"]
    assert "harbour" in (out / "report.yaml").read_text(encoding="utf-8")


def test_an_id_given_out_in_this_run_is_not_given_twice(tmp_path, nlp):
    """``report`` taken by another article, ``b/report.txt`` becomes ``report-2``; a file whose own id
    is ``report-2``, read in the same run, then takes ``report-2-2`` and does not overwrite it."""
    for folder, name, text in (("a", "report.txt", A), ("b", "report.txt", B),
                               ("b", "report-2.txt", A.replace("harbour", "airport"))):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "facts"
    extract_all(iter_articles([tmp_path / "a"]), out)
    report = extract_all(iter_articles([tmp_path / "b" / "report.txt", tmp_path / "b" / "report-2.txt"]), out)
    assert sorted(report.written) == ["report-2", "report-2-2"]
    assert "schools" in (out / "report-2.yaml").read_text(encoding="utf-8")
    assert "airport" in (out / "report-2-2.yaml").read_text(encoding="utf-8")
    assert "harbour" in (out / "report.yaml").read_text(encoding="utf-8")
