"""The folder a run writes: one run at a time, only its own temporary files removed, and one line
(no traceback) when it can't be written: no permission, a full disk, a file in the way."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from runs import ROOT, corpus, factsheet

from generator.cli import cli
from generator.inputs.files import iter_articles
from generator.pipeline.run import SheetStore, extract_all
from generator.sheets import yamlio
from generator.sheets.outdir import FolderLock
from generator.sheets.validate import validate_paths


def dead_pid() -> int:
    """The pid of a process that has finished (so nobody is writing under it)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_run_removes_only_its_own_kind_of_temporary_file_and_only_a_dead_writers(tmp_path):
    out = tmp_path / "facts"
    (out / ".machine").mkdir(parents=True)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = [out / ".notes.tmp", out / ".draft.yaml.tmp",  # a person's files
                out / f".a.yaml.factsheet-{sleeper.pid}-abcd1234.tmp",  # another run, writing right now
                out / ".machine" / f".a.yaml.factsheet-{sleeper.pid}-abcd1234.tmp"]
        stale = [out / f".b.yaml.factsheet-{dead_pid()}-x1y2z3w4.tmp",  # a killed run's leftovers
                 out / ".machine" / f".b.yaml.factsheet-{dead_pid()}-x1y2z3w4.tmp"]
        for path in kept + stale:
            path.write_text("half a sheet", encoding="utf-8")
        SheetStore(out).close()
        assert [p for p in kept if not p.exists()] == []
        assert [p for p in stale if p.exists()] == []
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_second_run_on_a_locked_folder_fails_in_one_line_naming_the_first(tmp_path):
    src = corpus(tmp_path / "a.jsonl", 1)
    out = tmp_path / "facts"
    out.mkdir()
    with FolderLock(out):  # as a run in another process would hold it
        result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {out}: another factsheet extract is writing to this folder (pid {os.getpid()}); "
        "wait for it or use another --out"]
    assert list(out.glob("*.yaml")) == []


@pytest.mark.slow
def test_two_runs_on_one_folder_at_once_do_not_crash(tmp_path, nlp):
    """Started together: one writes every sheet, the other writes (after it) or stops in one line."""
    src = corpus(tmp_path / "a.jsonl", 6)
    out = tmp_path / "facts"
    runs = [factsheet("extract", str(src), "--out", str(out), "-q") for _ in range(2)]
    results = [(run.wait(timeout=600), run.communicate()[1]) for run in runs]
    for (code, err), other in zip(results, reversed(runs), strict=True):
        assert "Traceback" not in err, err
        assert (code, err) == (0, "") or (code, err.splitlines()) == (1, [
            f"error: {out}: another factsheet extract is writing to this folder (pid {other.pid}); "
            "wait for it or use another --out"])
    assert 0 in [code for code, _ in results]
    assert len(list(out.glob("*.yaml"))) == 6
    assert validate_paths([out, out / ".machine"])[1] == []
    assert list(out.rglob("*.tmp")) == []


@pytest.mark.parametrize(("out", "blocker"), [("README.md/facts", "README.md"),
                                              ("README.md/deeper/facts", "README.md")])
def test_an_out_folder_under_a_file_is_one_line(tmp_path, out, blocker):
    """(``--out README.md`` itself is refused by the option's own check, also in one line.)"""
    src = corpus(tmp_path / "a.jsonl", 1)
    (tmp_path / "README.md").write_text("# a file, not a folder\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(tmp_path / out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {tmp_path / out}: cannot make this folder: {tmp_path / blocker} "
                                          "is a file, not a folder (choose another --out)"]


@contextlib.contextmanager
def without_root() -> None:
    """Permissions as an ordinary user meets them: root (as in CI containers) writes anywhere, so
    the effective user is set to nobody meanwhile (and back: the saved user id stays root)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_a_read_only_out_folder_is_one_line(nlp):
    # a folder everyone can reach (pytest's tmp_path is root's alone), read-only for all
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        root.chmod(0o755)
        src = corpus(root / "a.jsonl", 1)
        out = root / "facts"
        out.mkdir(mode=0o555)
        out.chmod(0o555)
        try:
            with without_root():
                result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out)])
        finally:
            out.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {out}/.factsheet.lock: cannot write (Permission denied) (no permission to write there; make it "
        "writable or choose another --out)"]


def test_a_full_disk_fails_each_article_it_hits_in_one_line_and_leaves_the_files_whole(tmp_path, nlp, monkeypatch):
    """The disk fills up after the first article's two files. This one case is simulated: a real
    full file system needs a mount (root, and not in CI); ``os.write``, through which every
    sheet goes down, answers ENOSPC as the kernel would (for the run's temporary files only)."""
    src = corpus(tmp_path / "a.jsonl", 3)
    out = tmp_path / "facts"
    assert extract_all(iter_articles([src]), out).ok
    before = {p.name: p.read_bytes() for p in out.glob("*.yaml")}
    src.write_text(src.read_text(encoding="utf-8").replace("last week", "on Monday"), encoding="utf-8")

    real_write = os.write
    seen: list[str] = []

    def write(fd: int, data: bytes) -> int:
        name = str(Path(f"/proc/self/fd/{fd}").readlink())
        if not name.startswith(str(out)) or not name.endswith(yamlio.TEMP_SUFFIX):
            return real_write(fd, data)
        seen.append(Path(name).name)
        if len(seen) > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out), "-q"])
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {out}/story-{i:03d}.yaml: cannot write (No space left on device) (the disk is full: free some "
        "space and run again; the file was left as it was)" for i in (1, 2)]
    # the temporary files were named for this process, and none is left
    assert len(seen) == 4 and all(re.fullmatch(rf"\.story-00\d\.yaml\.factsheet-{os.getpid()}-\w+\.tmp", name)
                                  for name in seen), seen
    assert list(out.rglob("*.tmp")) == []
    # the first article's sheet is new; the two others are as they were, whole
    assert (out / "story-000.yaml").read_bytes() != before["story-000.yaml"]
    assert {n: (out / n).read_bytes() for n in ("story-001.yaml", "story-002.yaml")} == {
        n: before[n] for n in ("story-001.yaml", "story-002.yaml")}
    assert validate_paths([out, out / ".machine"])[1] == []
    # and with room again, the next run finishes the job
    assert extract_all(iter_articles([src]), out).written == ["story-001", "story-002"]


def test_the_lock_file_is_not_a_sheet(tmp_path, nlp):
    src = corpus(tmp_path / "a.jsonl", 1)
    out = tmp_path / "facts"
    assert extract_all(iter_articles([src]), out).ok
    assert (out / ".factsheet.lock").exists()
    assert validate_paths([out])[1] == []
    assert ROOT.joinpath(".gitignore").read_text(encoding="utf-8").count(".factsheet.lock") == 1


def test_a_run_blocked_just_as_another_starts_still_names_its_pid(tmp_path):
    """The holder writes its pid right after it takes the lock; a run that looks in between waits for it."""
    import fcntl
    import threading

    from generator.errors import OutputError
    from generator.sheets import outdir

    fd = os.open(tmp_path / outdir.LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held, pid not written yet
    timer = threading.Timer(0.2, lambda: os.write(fd, b"4242\n"))
    timer.start()
    try:
        with pytest.raises(OutputError, match=r"\(pid 4242\)"):
            outdir.FolderLock(tmp_path).acquire()
    finally:
        timer.join()
        os.close(fd)
