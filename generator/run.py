"""Extraction runs: articles in, one YAML fact sheet per article out; incremental, curated, resumable.

* **Incremental.** An article is extracted only when its sheet is missing or was made from
  another text, tool version or pipeline (the sheet's ``generated`` block says which). That check
  reads only the ``generated`` block of each sheet and never loads spaCy, so a run in which
  nothing changed takes a small fraction of a full one. Hand edits don't touch ``generated``, so
  an edited sheet stays current.
* **Curated.** Beside each sheet, ``.machine/<id>.yaml`` keeps the machine's own output. When an
  article is extracted again, the person's edits (sheet vs snapshot) are replayed over the new
  output (see :mod:`generator.curation`), and a sheet that is not valid YAML is left alone.
* **Streaming and parallel.** Articles flow through :func:`generator.parallel.run` (this process,
  a pool of processes, or Dask); each sheet is written as soon as its article is analysed.
* **Crash-safe.** Every file is written atomically (temporary file, fsync, rename); the sheet is
  written before its snapshot, and a snapshot whose ``generated`` block does not match its
  sheet's is not trusted: a run killed at any moment leaves every file old or new, and the next
  run redoes what is missing or inconsistent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import curation, yamlio
from generator.errors import FactsheetError, InputError, SheetError
from generator.ids import is_safe_id
from generator.model import Article
from generator.provenance import TOOL, Provenance, content_hash, pipeline_name

log = logging.getLogger(__name__)

SNAPSHOT_DIR = ".machine"
BATCH_SIZE = 16


@dataclass
class RunReport:
    """What a run did: sheets written, skipped as unchanged, errors (one line each), notes on edits."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about hand edits: kept, orphaned, no snapshot
    changes: dict[str, list[str]] = field(default_factory=dict)  # dry run: id -> what would change
    warnings: int = 0
    edits_kept: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def sheet_path(out_dir: Path, article_id: str) -> Path:
    """Where an article's sheet goes; ids are slugs, so this never leaves ``out_dir``."""
    if not is_safe_id(article_id):
        raise FactsheetError(f"article id {article_id!r} is not a safe file name")
    return out_dir / f"{article_id}.yaml"


def snapshot_path(out_dir: Path, article_id: str) -> Path:
    """Where the machine's own output for an article is kept (the base of the three-way merge)."""
    return sheet_path(out_dir, article_id).parent / SNAPSHOT_DIR / f"{article_id}.yaml"


def _generated_of(path: Path) -> dict | None:
    """The ``generated`` block of a sheet, read without parsing the rest; None if there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    block = yamlio.read_flat_block(text, "generated")
    if block is None and "generated:" in text:  # laid out unusually: parse it all
        try:
            data = yamlio.load_fast(text)
        except Exception:  # any parse failure means "not current"
            return None
        block = data.get("generated") if isinstance(data, dict) else None
    return block if isinstance(block, dict) else None


def is_current(out_dir: Path, article: Article, pipeline: str) -> bool:
    """True when the article's sheet was made from this very text by this tool and pipeline,
    and its snapshot is the machine output it was made from."""
    gen = _generated_of(sheet_path(out_dir, article.id))
    if Provenance.of(gen) != Provenance(TOOL, pipeline, content_hash(article)):
        return False
    return _generated_of(snapshot_path(out_dir, article.id)) == gen


class SheetStore:
    """Reads and writes the sheets of one folder, replaying hand edits over new machine output."""

    def __init__(self, out_dir: Path, *, dry_run: bool = False):
        self.out_dir = out_dir
        self.dry_run = dry_run
        if not dry_run:
            out_dir.mkdir(parents=True, exist_ok=True)
            yamlio.remove_stale_temporaries(out_dir)
            if (out_dir / SNAPSHOT_DIR).is_dir():
                yamlio.remove_stale_temporaries(out_dir / SNAPSHOT_DIR)

    def commit(self, article: Article, machine: dict[str, Any], report: RunReport) -> bool:
        """Merge the person's edits into the new machine output and write sheet then snapshot.

        Returns False (with an error in the report) when the person's sheet can't be read.
        """
        path = sheet_path(self.out_dir, article.id)
        snap = snapshot_path(self.out_dir, article.id)
        untouched = self._untouched(path, snap)
        person = untouched if untouched is not None else self._person(path, report)
        if person is False:
            return False
        merged: dict[str, Any] = machine
        if untouched is not None:
            if _same_but_time(machine, untouched):
                return True  # nobody edited it and the machine says the same: leave both files alone
        elif person is not None:
            base = self._base(snap, person, machine)
            result = curation.merge(base, person, machine, text=article.text)
            merged = result.sheet
            report.edits_kept += result.edits
            report.notes.extend(f"{path}: {note}" for note in result.notes)
            if _same_but_time(merged, person):
                # nothing but the extraction time would change: keep the file as it is (no churn in
                # git, no page rebuilt), and give the snapshot the same time so that the two match
                at = person["generated"].get("at")
                merged = person
                machine = {**machine, "generated": {**machine["generated"], "at": at}}
        if self.dry_run:
            lines = curation.changes(person, merged)
            if lines:
                report.changes[article.id] = lines
            return True
        # the sheet first, then its snapshot: see the module docstring
        text = yamlio.dump(merged)
        yamlio.atomic_write(path, text)
        yamlio.atomic_write(snap, text if merged is machine else yamlio.dump(machine))  # no edits: one dump
        return True

    @staticmethod
    def _untouched(path: Path, snap: Path) -> dict | None:
        """The sheet's data when it is byte for byte its snapshot (no person edited it), else None.

        The common case, and a cheap one: no validation or merge is needed for the machine's own output.
        """
        try:
            data = path.read_bytes()
            if data != snap.read_bytes():
                return None
            loaded = yamlio.load_fast(data.decode("utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None
        return _plain(loaded) if isinstance(loaded, dict) else None

    def _person(self, path: Path, report: RunReport) -> dict | bool | None:
        """The sheet as it is now (None: none yet); False when it is broken and must not be overwritten."""
        if not path.exists():
            return None
        from generator.validate import sheet_data

        try:
            data = sheet_data(path)  # the checks render and validate make, in the same words
        except SheetError as err:
            more = f" (and {len(err.problems) - 1} more; see `factsheet validate`)" if len(err.problems) > 1 else ""
            report.errors.append(f"{err.problems[0]}{more}: not regenerated so that no hand edit is lost "
                                 "(fix it, or delete the file)")
            return False
        return _plain(data)

    def _base(self, snap: Path, person: dict, machine: dict) -> dict | None:
        """The machine output ``person`` was made from: the snapshot if it matches, else (same text,
        tool and pipeline) the new output itself, which is the same; else unknown."""
        gen = person.get("generated")
        try:
            base = _plain(yamlio.load_fast(snap.read_text(encoding="utf-8")))
        except Exception:  # a missing or damaged snapshot is no snapshot
            base = None
        if isinstance(base, dict) and base.get("generated") == gen:
            return base
        if Provenance.of(gen) is not None and Provenance.of(gen) == Provenance.of(machine.get("generated")):
            return machine
        return None


def _same_but_time(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ga, gb = a.get("generated"), b.get("generated")
    if not (isinstance(ga, dict) and isinstance(gb, dict)):
        return False
    return {**a, "generated": {**ga, "at": None}} == {**b, "generated": {**gb, "at": None}}


def _plain(data: Any) -> Any:
    """YAML data with dates a person typed unquoted as ISO strings (as the machine writes them)."""
    import datetime as dt

    if isinstance(data, dt.date | dt.datetime):
        return data.isoformat()
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def extract_all(
    items: Iterable[Article | InputError],
    out_dir: Path,
    *,
    model: str | None = None,
    force: bool = False,
    jobs: int = 1,
    scheduler: str | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Analyse every article whose sheet is not current and write its sheet to ``out_dir``."""
    from generator import parallel

    report = RunReport()
    store = SheetStore(out_dir, dry_run=dry_run)
    pipeline = pipeline_name(model)

    def todo() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                report.errors.append(str(item))
                if progress:
                    progress("error", str(item))
                continue
            if not force and is_current(out_dir, item, pipeline):
                report.unchanged.append(item.id)
                if progress:
                    progress("unchanged", item.id)
                continue
            yield item

    for article, result in parallel.run(todo(), model=model, jobs=jobs, scheduler=scheduler, batch_size=batch_size):
        if isinstance(result, str):
            message = f"{article.source.file or article.id}: {result}"
            report.errors.append(message)
            if progress:
                progress("error", message)
            continue
        try:
            ok = store.commit(article, result, report)
        except FactsheetError as exc:
            report.errors.append(f"{article.source.file or article.id}: {exc}")
            ok = False
        if not ok:
            if progress:
                progress("error", report.errors[-1])
            continue
        report.written.append(article.id)
        report.warnings += len(result.get("warnings") or ())
        if progress:
            progress("written", article.id)
    return report
