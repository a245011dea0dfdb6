"""Incremental and crash-safe runs: only changed articles are extracted; a killed run resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from runs import ROOT, corpus, factsheet, without_time

from generator.inputs.files import iter_articles
from generator.pipeline.run import extract_all, is_current, snapshot_path
from generator.sheets import yamlio
from generator.sheets.validate import validate_paths


def test_only_changed_articles_are_extracted(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 4)
    out = tmp_path / "facts"
    assert extract_all(iter_articles([src]), out).written == ["story-000", "story-001", "story-002", "story-003"]
    lines = src.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[2])
    changed["text"] = changed["text"].replace("last week", "on Monday")
    lines[2] = json.dumps(changed)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = extract_all(iter_articles([src]), out)
    assert report.written == ["story-002"]
    assert report.unchanged == ["story-000", "story-001", "story-003"]


def test_a_hand_edited_sheet_is_still_current(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 1)
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    path = out / "story-000.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = "Written by a person."
    data["quotes"][0]["speaker"] = "Someone Else"
    path.write_text(yamlio.dump(data), encoding="utf-8")
    [art] = list(iter_articles([src]))
    from generator.sheets.provenance import pipeline_name

    assert is_current(out, art, pipeline_name())
    assert extract_all(iter_articles([src]), out).unchanged == ["story-000"]
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["summary"] == "Written by a person."


def test_a_new_tool_version_re_extracts_everything(tmp_path, nlp, monkeypatch):
    src = corpus(tmp_path / "a.jsonl", 2)
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    import generator.extract
    import generator.pipeline.run

    monkeypatch.setattr(generator.pipeline.run, "TOOL", "factsheet 9.9.9")
    monkeypatch.setattr(generator.extract, "TOOL", "factsheet 9.9.9")
    assert len(extract_all(iter_articles([src]), out).written) == 2
    assert len(extract_all(iter_articles([src]), out).unchanged) == 2


def test_a_missing_snapshot_is_rebuilt_and_the_edits_kept(tmp_path, nlp):
    """Sheets made before snapshots existed (or with .machine/ deleted) get one on the next run."""
    src = corpus(tmp_path / "a.jsonl", 1)
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    path = out / "story-000.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = "Written by a person."
    path.write_text(yamlio.dump(data), encoding="utf-8")
    snapshot_path(out, "story-000").unlink()
    report = extract_all(iter_articles([src]), out)
    assert report.written == ["story-000"] and report.notes == []
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["summary"] == "Written by a person."
    assert snapshot_path(out, "story-000").exists()


def test_a_run_with_nothing_to_do_never_loads_spacy(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 3)
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    code = ("import sys; from pathlib import Path; from generator.inputs.files import iter_articles; "
            "from generator.pipeline.run import extract_all; "
            f"r = extract_all(iter_articles([{str(src)!r}]), Path({str(out)!r})); "
            "print(len(r.unchanged), 'spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["3", "False"]


@pytest.mark.slow
def test_a_run_killed_with_sigkill_leaves_whole_files_and_the_next_run_resumes(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 40)
    out = tmp_path / "facts"
    proc = factsheet("extract", str(src), "--out", str(out), "-q")
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.yaml"))) < 5:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no sheets were written"
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = sorted(p.name for p in out.glob("*.yaml"))
    assert 5 <= len(written) < 40
    # every file there is whole: it parses and validates
    checked, problems = validate_paths([out, out / ".machine"])
    assert problems == [] and checked >= len(written)
    # the next run skips what is done and finishes the rest
    proc = factsheet("extract", str(src), "--out", str(out))
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    done = sorted(p.name for p in out.glob("*.yaml"))
    assert len(done) == 40
    assert int(err.strip().splitlines()[-1].split(" unchanged")[0].split(", ")[-1]) >= len(written) - 1
    assert list(out.glob(".*.tmp")) == [] and list((out / ".machine").glob(".*.tmp")) == []
    # and the result is what one uninterrupted run gives
    clean = tmp_path / "clean"
    assert extract_all(iter_articles([src]), clean).ok
    assert without_time(out) == without_time(clean)


@pytest.mark.slow
@pytest.mark.parametrize("presses", [1, 2], ids=["once: stops after the article in hand", "twice: stops at once"])
def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path, nlp, presses):
    # (enough articles that a loaded machine cannot finish them all between the second sheet and the signal: 400
    # were once all written while two test suites shared the machine and starved this loop)
    src = corpus(tmp_path / "a.jsonl", 4000)
    out = tmp_path / "facts"
    proc = factsheet("extract", str(src), "--out", str(out), "-q")
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.yaml"))) < 2:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    for _ in range(presses):
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted" in err and "run the same command again to resume" in err
    assert "Traceback" not in err
    assert validate_paths([out])[1] == []


def test_a_stop_asked_lands_between_two_sheets_and_the_next_run_resumes(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 6)
    out = tmp_path / "facts"
    written: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        extract_all(iter_articles([src]), out, stop_asked=lambda: len(written) >= 2,
                    progress=lambda event, detail: event == "written" and written.append(detail))
    assert written == ["story-000", "story-001"]
    assert sorted(p.name for p in out.glob("*.yaml")) == ["story-000.yaml", "story-001.yaml"]
    assert validate_paths([out])[1] == []
    report = extract_all(iter_articles([src]), out)
    assert report.unchanged == ["story-000", "story-001"]
    assert report.written == ["story-002", "story-003", "story-004", "story-005"]


def test_the_pipeline_name_known_without_spacy_is_the_loaded_ones(nlp):
    from generator.pipeline import nlp as nlp_module
    from generator.sheets.provenance import pipeline_name

    assert pipeline_name() == nlp_module.pipeline_name(nlp)


def test_an_unknown_pipeline_is_a_clear_error(tmp_path):
    from generator.errors import PipelineError

    src = corpus(tmp_path / "a.jsonl", 1)
    with pytest.raises(PipelineError, match="can't find spaCy pipeline 'no_such_pipeline'"):
        extract_all(iter_articles([src]), tmp_path / "facts", model="no_such_pipeline")


@pytest.mark.parametrize(("block", "expected"), [
    ("generated:\n  tool: factsheet 0.1.0\n  at: '2026-01-01T00:00:00Z'\n  n: null\ntags: []\n",
     {"tool": "factsheet 0.1.0", "at": "2026-01-01T00:00:00Z", "n": None}),
    ("generated:\n  tool: 'it''s'\n  pipeline: \"en \\u00e9\"\n", {"tool": "it's", "pipeline": "en \u00e9"}),
    ("generated:\n  tool: x # a comment\n", {"tool": "x"}),
    ("generated:\n  tool: [a, b]\n", {"tool": ["a", "b"]}),
    ("title: t\n", None),
])
def test_the_generated_block_is_read_without_parsing_the_sheet(block, expected):
    text = "schema_version: 1\nid: t\n" + block + "facts: []\n"
    assert yamlio.read_block(text, "generated") == expected
    if expected is not None:
        assert yamlio.read_block(text, "generated") == yaml.safe_load(text)["generated"]


def test_a_forced_run_that_changes_nothing_rewrites_nothing(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 2)
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.yaml")}
    time.sleep(1.1)  # a new extraction time would show in generated.at
    report = extract_all(iter_articles([src]), out, force=True)
    assert len(report.written) == 2
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*.yaml")} == before
    assert extract_all(iter_articles([src]), out).unchanged == ["story-000", "story-001"]


def test_tool_names_the_version_and_a_hash_of_the_extraction_rules():
    import hashlib

    import generator
    from generator.sheets.provenance import TOOL

    folder = Path(generator.__file__).parent / "extract"
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.py")):  # every module, the task folders' too
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    assert f"factsheet {generator.__version__}+rules.{h.hexdigest()[:10]}" == TOOL


@pytest.mark.parametrize(("text", "expected"), [
    ("id: t\ngenerated:\n  tool: x\n  at: '2026-01-01T00:00:00Z'\ntags: []\n",
     "id: t\ngenerated:\n  tool: x\ntags: []\n"),
    # only the generated block's time: an "at" key elsewhere is content
    ("source:\n  at: home\ngenerated:\n  tool: x\n  at: '1'\n", "source:\n  at: home\ngenerated:\n  tool: x\n"),
    ("id: t\ngenerated:\n  tool: x\n", "id: t\ngenerated:\n  tool: x\n"),
    ("id: t\n", "id: t\n"),
])
def test_a_sheet_compared_without_its_extraction_time(text, expected):
    from generator.pipeline.run import _without_time

    assert _without_time(text) == expected


def test_an_untouched_sheet_is_rewritten_when_the_machine_says_something_new(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 1)
    out = tmp_path / "facts"
    extract_all(iter_articles([src]), out)
    sheet = next(out.glob("*.yaml"))
    from generator.pipeline.run import snapshot_path

    snap = snapshot_path(out, sheet.stem)
    old = sheet.read_text(encoding="utf-8").replace("title: ", "title: Old ", 1)
    sheet.write_text(old, encoding="utf-8")
    snap.write_text(old, encoding="utf-8")  # as if the machine had written it: no person's edit
    extract_all(iter_articles([src]), out, force=True)
    assert sheet.read_text(encoding="utf-8") != old
    assert snap.read_bytes() == sheet.read_bytes()
