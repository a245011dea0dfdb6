"""Hostile input: bad articles beside good ones. Every good one gets its sheet, in every backend, and
each bad one is one line (no traceback), the run exiting 1."""

from __future__ import annotations

import json
from concurrent.futures import Future
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli, one_line
from generator.inputs.files import iter_articles
from generator.model import Article, Source
from generator.pipeline.run import extract_all
from generator.sheets import yamlio

GOOD = {
    "ferry.txt": "Ferry service resumes\n\nThe ferry to Eastvale will run again from Monday, the operator said.\n",
    "bridge.md": "---\ntitle: Bridge closed\n---\nThe old bridge in Riverton is closed for repairs until May.\n",
}
GOOD_LINE = {"id": "library-opens", "title": "Library opens", "text": "A new library opened in Hillford on Friday.\n"}


def long_article(chars: int) -> str:
    """An article of plain paragraphs, ``chars`` characters long (built, not read: no corpus needed)."""
    paragraph = "The council met again on Tuesday and the meeting went on for a long time. " * 10 + "\n\n"
    return ("A very long report\n\n" + paragraph * (chars // len(paragraph) + 1))[:chars]


def hostile_folder(root: Path) -> tuple[Path, dict[str, str]]:
    """A folder of good articles and bad ones; returns it and, per bad input, what its one line says."""
    src = root / "in"
    src.mkdir()
    for name, text in GOOD.items():
        (src / name).write_text(text, encoding="utf-8")
    (src / "huge.txt").write_text(long_article(1_000_000), encoding="utf-8")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (src / "passwd.txt").symlink_to(outside / "secret.txt")
    (src / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "lines.jsonl").write_text(json.dumps(GOOD_LINE) + '\n{"id": "x", "title":\n', encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    expected = {
        "huge.txt": "error: {src}/huge.txt: the article is 1,000,001 characters long, over the limit of 200,000 "
                    "(split it into smaller articles, or raise the limit with --max-chars)",
        "passwd.txt": "warning: {src}/passwd.txt: a symbolic link (to {root}/outside/secret.txt) in a folder of "
                      "articles: not followed (give it as an INPUT of its own to read it)",
        "picture.txt": "error: {src}/picture.txt: this looks like a binary file",
        "lines.jsonl": "error: {src}/lines.jsonl:2: malformed JSON",
        "empty.txt": "error: {src}/empty.txt: the file is empty",
    }
    return src, {k: v.format(src=src, root=root) for k, v in expected.items()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_inputs_are_one_line_each_and_every_good_article_gets_its_sheet(tmp_path, nlp, jobs):
    """In this process and in a pool of two: the over-long article is refused before it is parsed
    (spaCy would stop the whole run at 1,000,000 characters, and take minutes and gigabytes below)."""
    src, expected = hostile_folder(tmp_path)
    out = tmp_path / "facts"
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out), "--jobs", jobs, "--quiet"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected), lines  # exactly one line per bad input, nothing else
    for name, start in expected.items():
        assert sum(line.startswith(start) for line in lines) == 1, (name, lines)
    assert sorted(p.name for p in out.glob("*.yaml")) == ["bridge.yaml", "ferry.yaml", "library-opens.yaml"]


def test_a_long_article_may_be_let_through_with_max_chars(tmp_path, nlp):
    """The limit is the user's to raise; 0 lifts it (here a small limit, to keep the test fast)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "ferry.txt").write_text(GOOD["ferry.txt"], encoding="utf-8")
    (src / "longer.txt").write_text(long_article(3_000), encoding="utf-8")
    out = tmp_path / "facts"
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out), "--max-chars", "2000", "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {src}/longer.txt: the article is 3,001 characters long, over the limit of 2,000 (split it into "
        "smaller articles, or raise the limit with --max-chars)"]
    assert [p.name for p in out.glob("*.yaml")] == ["ferry.yaml"]
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out), "--max-chars", "0", "-q"])
    assert result.exit_code == 0, result.stderr
    assert (out / "longer.yaml").is_file()


def test_an_article_spacy_refuses_fails_alone(tmp_path, monkeypatch):
    """Whatever makes spaCy fail on one text of a batch (here its own length limit, set low) fails
    that article only, in one line; the rest of the batch is parsed. A limit given to the run
    above spaCy's raises spaCy's (the caller has decided)."""
    from generator.pipeline.nlp import load

    nlp = load(None)  # the pipeline the run uses
    monkeypatch.setattr(nlp, "max_length", 1_000)
    articles = [Article(id=name, title=name, text=text, source=Source(file=f"{name}.txt"))
                for name, text in [("first", GOOD["ferry.txt"]), ("long", long_article(1_500)),
                                   ("last", GOOD["ferry.txt"].replace("Eastvale", "Westbrook"))]]
    report = extract_all(articles, tmp_path / "facts", max_chars=None)
    assert sorted(report.written) == ["first", "last"]
    [error] = map(one_line, report.errors)
    assert error.startswith("long.txt: internal error while parsing (ValueError: [E088] Text of length 1500")
    assert "\n" not in error
    report = extract_all(articles, tmp_path / "facts", max_chars=2_000)
    assert report.ok and report.written == ["long"] and nlp.max_length == 2_000


def test_a_pool_task_that_fails_as_a_whole_fails_each_article_in_one_line():
    from generator.pipeline.backends import _results

    batch = [Article(id=i, title=i, text="x", source=Source(file=f"{i}.txt")) for i in ("a", "b")]
    future: Future = Future()
    future.set_exception(ValueError("first line\nand a second one"))
    assert [(a.id, one_line(r)) for a, r in _results(batch, future)] == [
        ("a", "a.txt: extraction failed in a worker (ValueError: first line)"),
        ("b", "b.txt: extraction failed in a worker (ValueError: first line)")]


def test_a_worker_that_leaves_an_article_out_fails_that_article():
    from generator.pipeline.backends import Extracted, _pair

    batch = [Article(id=i, title=i, text="x", source=Source(file=f"{i}.txt")) for i in ("a", "b")]
    sheet = Extracted({"id": "b"})
    pairs = list(_pair(batch, [("b", sheet)]))
    assert [(a.id, r if r is sheet else one_line(r)) for a, r in pairs] == [
        ("a", "a.txt: the worker returned no result for this article; please report it"), ("b", sheet)]


def test_a_bug_while_merging_one_sheet_fails_that_article_only(tmp_path, nlp, monkeypatch):
    """An unexpected exception after extraction (merging hand edits, writing) is that article's failure."""
    from generator.sheets import curation

    src = tmp_path / "in"
    src.mkdir()
    for name, text in GOOD.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "facts"
    assert extract_all(iter_articles([src]), out).ok
    edited = out / "bridge.yaml"
    data = yaml.safe_load(edited.read_text(encoding="utf-8"))
    data["summary"] = "Written by a person."
    edited.write_text(yamlio.dump(data), encoding="utf-8")

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(curation, "merge", broken)
    report = extract_all(iter_articles([src]), out, force=True)
    assert report.written == ["ferry"]
    assert [*map(one_line, report.errors)] == [f"{src}/bridge.md: internal error (KeyError: 'a bug'); please report it"]


def test_an_id_that_is_no_file_name_fails_that_article_only(tmp_path, nlp):
    """Readers make slugs; a library caller may not. Its article fails alone, in one line."""
    articles = [Article(id="../escape", title="x", text=GOOD["ferry.txt"], source=Source(file="odd.txt")),
                Article(id="ferry", title="Ferry", text=GOOD["ferry.txt"], source=Source(file="ferry.txt"))]
    report = extract_all(articles, tmp_path / "facts")
    assert report.written == ["ferry"]
    assert [*map(one_line, report.errors)] == ["odd.txt: article id '../escape' is not a safe file name"]
    assert not (tmp_path / "escape.yaml").exists()
