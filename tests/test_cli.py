"""The CLI, in-process: good and bad inputs side by side, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli, exit_code, one_line, warning_summary
from generator.errors import Problem

GOOD = "Town hall to close for repairs\n\nThe town hall will close for six weeks, the mayor, Jo Park, said on Monday.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


BAD_INPUTS = [
    # (file name, content, what the one-line error must say)
    ("empty.txt", "", "empty.txt: the file is empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
     "binary.txt: this looks like a binary file"),
    ("broken.jsonl", json.dumps({"id": "ok-line", "title": "T", "text": GOOD}) + '\n{"id": "x", "title":\n',
     "broken.jsonl:2: malformed JSON"),
    ("nofront.md", "---\ntitle: [unclosed\n---\nText of the story.\n", "nofront.md:2: front matter"),
    ("baddate.md", "---\ntitle: T\npublished: last tuesday\n---\nText of the story here.\n",
     "baddate.md:3: front matter: published"),
    ("missing.jsonl", '{"title": "no id or text"}\n', "missing.jsonl:1: missing field 'id', 'text'"),
    ("notes.docx", "whatever", "notes.docx: unknown kind of file"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_and_others_still_get_sheets(runner, tmp_path, name, content, message):
    src = tmp_path / "in"
    src.mkdir()
    write(src, "good.txt", GOOD)
    bad = write(src, name, content)
    out = tmp_path / "facts"
    result = runner.invoke(cli, ["extract", str(src), str(bad), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors, result.stderr
    assert any(message in line for line in errors), errors
    assert all("Traceback" not in line for line in result.stderr.splitlines())
    assert (out / "good.yaml").is_file()  # the good article still got its sheet
    if name == "broken.jsonl":
        assert (out / "ok-line.yaml").is_file()  # and so did the good line of the bad file


def test_extract_writes_valid_sheets_and_skips_current_ones(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    write(src, "a.txt", GOOD)
    write(src, "b.jsonl", json.dumps({"id": "B 2", "title": "Bee", "text": GOOD, "published": "2021-11-12"}) + "\n")
    out = tmp_path / "facts"
    first = runner.invoke(cli, ["extract", str(src), "--out", str(out)])
    assert first.exit_code == 0, first.stderr
    assert sorted(p.name for p in out.glob("*.yaml")) == ["a.yaml", "b-2.yaml"]
    sheet = yaml.safe_load((out / "b-2.yaml").read_text(encoding="utf-8"))
    assert sheet["id"] == "b-2" and sheet["source"]["published"] == "2021-11-12"
    assert sheet["generated"]["content_hash"].startswith("sha256:")
    second = runner.invoke(cli, ["extract", str(src), "--out", str(out)])
    assert second.exit_code == 0
    assert "0 sheets written, 2 unchanged" in second.stderr
    checked = runner.invoke(cli, ["validate", str(out)])
    assert checked.exit_code == 0, checked.stderr
    assert "2 sheets checked, 0 problems" in checked.stderr


def test_ids_from_hostile_names_stay_inside_the_output_folder(runner, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    write(src, "x.jsonl", "".join(json.dumps({"id": i, "title": "T", "text": GOOD}) + "\n"
                                  for i in ("../../escape", "/etc/passwd", "..", "a/b\\c", "CON")))
    out = tmp_path / "facts"
    result = runner.invoke(cli, ["extract", str(src), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.stderr
    sheets = [p for p in tmp_path.rglob("*.yaml") if p.parent.name != ".machine"]  # .machine/: snapshots
    written = sorted(p.name for p in sheets)
    assert all(p.parent == out for p in sheets)
    assert all(p.parent == out / ".machine" for p in tmp_path.rglob("*.yaml") if p not in sheets)
    assert len(written) == 5
    assert not (tmp_path.parent / "escape.yaml").exists()


def test_validate_reports_every_problem_with_file_line_and_field(runner, tmp_path):
    good = tmp_path / "facts"
    good.mkdir()
    runner.invoke(cli, ["extract", str(write(tmp_path, "s.txt", GOOD)), "--out", str(good), "--quiet"])
    path = good / "s.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["quotes"] = [{"text": "We will reopen", "speaker": ["Jo", "Park"], "kind": "direct"},
                      {"text": "", "speaker": None, "kind": "shouted"}]
    data["figures"] = [{"text": "six weeks", "value": "six"}]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = runner.invoke(cli, ["validate", str(good)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    problems = [line for line in lines if line.startswith(str(path))]
    assert len(problems) == 4, lines
    text = "\n".join(problems)
    assert "quotes[0].speaker: expected a string or null, got a list" in text
    assert "quotes[1].text: must not be empty" in text
    assert "quotes[1].kind: 'shouted' is not one of 'direct', 'partial', 'reported'" in text
    assert "figures[0].value: expected a number, null, {low, high} or [number, number], got a string" in text
    # each names its line: the line of the field it is about
    yaml_lines = path.read_text(encoding="utf-8").splitlines()
    for problem in problems:
        line_no = int(problem[len(str(path)) + 1:].split(":")[0])
        field = problem.split(": ")[1].split(".")[-1].split("[")[0]
        assert field in yaml_lines[line_no - 1], (problem, yaml_lines[line_no - 1])


def test_validate_names_a_yaml_syntax_error(runner, tmp_path):
    path = write(tmp_path, "broken.yaml", "id: broken\ntitle: [oops\n")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "YAML syntax" in result.stderr


def test_render_refuses_a_missing_folder(runner, tmp_path):
    result = runner.invoke(cli, ["render", "--facts", str(tmp_path / "nope"), "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no such folder of fact sheets" in result.stderr


def test_every_command_has_an_example_and_is_in_the_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert "Example" in (command.help or ""), f"`factsheet {name}` has no example in its help"
        assert f"factsheet {name}" in readme, f"`factsheet {name}` is not documented in README.md"


OTHER = "Pool reopens\n\nThe pool reopened on Friday, Mayor Jo Park said, after a year of repairs.\n"


def extracted(runner: CliRunner, tmp_path: Path, *texts: str) -> Path:
    """A project folder's data/facts with a sheet for each text."""
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        write(src, f"a{i}.txt", text)
    facts = tmp_path / "data" / "facts"
    assert runner.invoke(cli, ["extract", str(src), "--out", str(facts), "--quiet"]).exit_code == 0
    return facts


def pages(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def test_registry_writes_the_file_and_keeps_a_persons_edit(runner, tmp_path):
    facts = extracted(runner, tmp_path, GOOD)
    result = runner.invoke(cli, ["registry", "--facts", str(facts)])
    assert result.exit_code == 0, result.stderr
    registry = tmp_path / "data" / "entities.yaml"  # beside the facts folder
    assert f"-> {registry}" in result.stderr and "1 people" in result.stderr
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    (park,) = [e for e in data["entities"] if e["name"] == "Jo Park"]
    park["note"] = "checked by the desk"
    registry.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert runner.invoke(cli, ["registry", "--facts", str(facts), "--quiet"]).exit_code == 0
    again = yaml.safe_load(registry.read_text(encoding="utf-8"))
    assert [e.get("note") for e in again["entities"] if e["name"] == "Jo Park"] == ["checked by the desk"]


def test_render_only_reads_the_registry_and_makes_the_same_pages_with_or_without_it(runner, tmp_path):
    facts = extracted(runner, tmp_path, GOOD, OTHER)
    missing, kept = tmp_path / "none.yaml", tmp_path / "kept.yaml"
    alone = runner.invoke(cli, ["render", "--facts", str(facts), "--docs", str(tmp_path / "a"),
                                "--registry", str(missing)])
    assert alone.exit_code == 0, alone.stderr
    assert not missing.exists() and not (tmp_path / "data" / "entities.yaml").exists()  # render wrote none
    notes = [line for line in alone.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and str(missing) in notes[0] and "factsheet registry" in notes[0], alone.stderr
    assert runner.invoke(cli, ["registry", "--facts", str(facts), "--registry", str(kept)]).exit_code == 0
    before = kept.read_bytes()
    after = runner.invoke(cli, ["render", "--facts", str(facts), "--docs", str(tmp_path / "b"),
                                "--registry", str(kept)])
    assert after.exit_code == 0, after.stderr
    assert "note:" not in after.stderr  # the file is current
    assert kept.read_bytes() == before
    assert pages(tmp_path / "a") == pages(tmp_path / "b")


def test_render_says_when_the_registry_is_out_of_date_and_leaves_it(runner, tmp_path):
    facts = extracted(runner, tmp_path, GOOD)
    registry = tmp_path / "data" / "entities.yaml"
    assert runner.invoke(cli, ["registry", "--facts", str(facts), "-q"]).exit_code == 0
    before = registry.read_bytes()
    extracted(runner, tmp_path, GOOD, OTHER)  # a new sheet since
    result = runner.invoke(cli, ["render", "--facts", str(facts), "--docs", str(tmp_path / "docs")])
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "out of date" in notes[0] and "factsheet registry" in notes[0], result.stderr
    assert registry.read_bytes() == before
    # the pages already use the update: the new sheet is on the mayor's page
    assert "a1" in (tmp_path / "docs" / "people" / "jo-park.md").read_text(encoding="utf-8")


def test_registry_refuses_to_drop_the_entries_of_a_sheet_it_cannot_read(runner, tmp_path):
    facts = extracted(runner, tmp_path, GOOD)
    bad = write(facts, "broken.yaml", "id: broken\ntitle: [oops\n")
    result = runner.invoke(cli, ["registry", "--facts", str(facts)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any(str(bad) in e for e in errors) and "not updated" in errors[-1], errors
    assert not (tmp_path / "data" / "entities.yaml").exists()


@pytest.mark.parametrize("command", ["registry", "render"])
def test_a_broken_registry_is_listed_problem_by_problem(runner, tmp_path, command):
    facts = extracted(runner, tmp_path, GOOD)
    registry = tmp_path / "data" / "entities.yaml"
    text = "schema_version: 1\nentities:\n- id: x\n  name: 5\n  type: PERSON\n  colour: red\n"
    registry.write_text(text, encoding="utf-8")
    args = ["--docs", str(tmp_path / "docs")] if command == "render" else []
    result = runner.invoke(cli, [command, "--facts", str(facts), *args])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any(f"{registry}:4:" in e and "name" in e for e in errors), errors
    assert any(f"{registry}:6:" in e and "colour" in e for e in errors), errors
    assert "Traceback" not in result.stderr
    assert registry.read_text(encoding="utf-8") == text


def test_build_updates_the_registry_between_extract_and_render(runner, tmp_path):
    articles = tmp_path / "data" / "articles"
    articles.mkdir(parents=True)
    write(articles, "a.txt", GOOD)
    docs = tmp_path / "docs"
    docs.mkdir()
    write(docs, "how-to-read.md", "# How to read a sheet\n")  # the hand-written page the home page links to
    config = write(tmp_path, "mkdocs.yml", f"site_name: Test\ndocs_dir: {docs}\n")
    facts = tmp_path / "data" / "facts"
    result = runner.invoke(cli, ["build", "--articles", str(articles), "--facts", str(facts), "--docs", str(docs),
                                 "--config", str(config), "--site", str(tmp_path / "site")])
    assert result.exit_code == 0, result.stderr
    steps = [line for line in result.stderr.splitlines() if "->" in line]  # each step's summary, in order
    assert [s.split("->")[1].strip() for s in steps] == [str(facts), str(tmp_path / "data" / "entities.yaml"),
                                                        str(docs), str(tmp_path / "site")], steps
    registry = yaml.safe_load((tmp_path / "data" / "entities.yaml").read_text(encoding="utf-8"))
    assert [e["name"] for e in registry["entities"]] == ["Jo Park"]
    assert (tmp_path / "site" / "people" / "jo-park" / "index.html").is_file()


# -- failures as records: one line each, one exit code ---------------------------------------------

ONE_LINE = [
    # (the record, its one line)
    (Problem("the file is empty"), "the file is empty"),
    (Problem("the file is empty", path="in/a.txt"), "in/a.txt: the file is empty"),
    (Problem("malformed JSON", path="in/a.jsonl", line=2), "in/a.jsonl:2: malformed JSON"),
    (Problem("expected a string", path="f/a.yaml", line=9, field="quotes[0].speaker"),
     "f/a.yaml:9: quotes[0].speaker: expected a string"),
    (Problem("must not be empty", path="f/a.yaml", field="title"), "f/a.yaml: title: must not be empty"),
    (Problem("must not be empty", field="title"), "title: must not be empty"),
    (Problem("no line 0", path="a.txt", line=0), "a.txt: no line 0"),
    (Problem("quote 1: no speaker found for \u201cx\u201d", path="a.txt", kind="no speaker found",
             severity="warning"), "a.txt: quote 1: no speaker found for \u201cx\u201d"),
    (Problem("internal error (ValueError: first\nsecond); please report it", path="a.txt"),
     "a.txt: internal error (ValueError: first second); please report it"),  # never two lines
]


@pytest.mark.parametrize(("record", "line"), ONE_LINE, ids=[line for _, line in ONE_LINE])
def test_a_record_is_one_line(record, line):
    assert one_line(record) == line


@pytest.mark.parametrize(("errors", "warnings", "strict", "code"), [
    (0, 0, False, 0), (0, 3, False, 0), (0, 3, True, 1), (1, 0, False, 1), (2, 5, True, 1), (0, 0, True, 0)])
def test_the_exit_code(errors, warnings, strict, code):
    assert exit_code(errors, warnings, strict=strict) == code


@pytest.mark.parametrize(("by_kind", "text"), [
    ({}, "0 warnings"),
    ({"no speaker found": 2}, "2 warnings (2 no speaker found)"),
    ({"no speaker found": 2, "id taken by another article": 1},
     "3 warnings (2 no speaker found, 1 id taken by another article)"),
])
def test_the_warnings_of_a_run_are_counted_by_kind(by_kind, text):
    assert warning_summary(by_kind) == text


UNSAID = GOOD.replace("\n\nThe town", "\n\n\u201cThe bridge is unsafe and everybody knows it,\u201d he said. The town")


def test_strict_fails_a_run_with_warnings_and_the_summary_counts_them_by_kind(runner, tmp_path):
    """A quote nobody could be found to have said is a warning: a sheet is written, and the run
    succeeds unless --strict (as MkDocs' --strict fails a build on warnings)."""
    src = tmp_path / "in"
    src.mkdir()
    write(src, "unsaid.txt", UNSAID)
    (src / "link.txt").symlink_to(write(tmp_path, "elsewhere.txt", GOOD))
    out = tmp_path / "facts"
    result = runner.invoke(cli, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"1 sheets written, 0 unchanged, 0 articles failed, 2 warnings (1 no speaker found, "
        f"1 symbolic link not followed) -> {out}")
    assert yaml.safe_load((out / "unsaid.yaml").read_text(encoding="utf-8"))["warnings"] == [
        "quote 1: no speaker found for \u201cThe bridge is unsafe and everybody knows it,\u201d"]

    strict = runner.invoke(cli, ["extract", str(src), "--out", str(out), "--force", "--strict", "-q"])
    assert strict.exit_code == 1, strict.stderr
    assert strict.stderr.splitlines() == [
        f"warning: {src}/link.txt: a symbolic link (to {tmp_path}/elsewhere.txt) in a folder of articles: not "
        "followed (give it as an INPUT of its own to read it)",
        "error: --strict: 2 warnings (1 no speaker found, 1 symbolic link not followed) count as failures "
        "(a sheet lists its own under `warnings:`)"]
    assert (out / "unsaid.yaml").is_file()  # the sheets are written all the same

    (src / "link.txt").unlink()
    assert runner.invoke(cli, ["diff", str(src), "--out", str(out), "--force", "-q"]).exit_code == 0
    assert runner.invoke(cli, ["diff", str(src), "--out", str(out), "--force", "--strict", "-q"]).exit_code == 1
    write(src, "unsaid.txt", GOOD)  # the quote gone: nothing to warn about, --strict passes
    assert runner.invoke(cli, ["extract", str(src), "--out", str(out), "--strict", "-q"]).exit_code == 0


def test_commands_give_their_exit_code_to_click_and_never_exit_themselves(tmp_path, capsys):
    """Called as a library (``standalone_mode=False``), a command returns its code: nothing inside
    it called ``sys.exit``. A library error is still one line and 1."""
    broken = write(tmp_path, "broken.yaml", "id: broken\ntitle: [oops\n")
    assert cli.main(["validate", str(broken), "-q"], standalone_mode=False) == 1
    assert cli.main(["render", "--facts", str(tmp_path / "nope"), "--docs", str(tmp_path / "docs")],
                    standalone_mode=False) == 1
    capsys.readouterr()
    good = write(tmp_path, "a.txt", GOOD)
    assert cli.main(["extract", str(good), "--out", str(tmp_path / "facts"), "--scheduler", "mpi"],
                    standalone_mode=False) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: unknown scheduler 'mpi' (use processes, dask, or dask://host:port)"]


def test_the_registry_stage_reads_sheets_without_the_render_step(tmp_path):
    """`factsheet registry` is a corpus stage: it reads the folder through the sheet store, and never imports
    the render package (which it used to reach into for the folder reader)."""
    import shutil
    import subprocess
    import sys

    facts = tmp_path / "facts"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "facts", facts)
    script = ("import sys; from generator.cli import cli\n"
              f"try: cli(['registry', '--facts', {str(facts)!r}, '--quiet'])\n"
              "except SystemExit as e: code = e.code\n"
              "print(code, sorted(m for m in sys.modules if m.startswith('generator.render')))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.split(None, 1) == ["0", "[]\n"], out.stdout + out.stderr
    assert (tmp_path / "entities.yaml").is_file()
