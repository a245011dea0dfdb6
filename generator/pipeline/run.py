"""Extraction runs: articles in, one YAML fact sheet per article out; incremental, curated, resumable.

* **Incremental.** An article is extracted only when its sheet is missing or was made from
  another text, tool version or pipeline (the sheet's ``generated`` block says which). That check
  reads only the ``generated`` block of each sheet and never loads spaCy, so a run in which
  nothing changed takes a small fraction of a full one. Hand edits don't touch ``generated``, so
  an edited sheet stays current.
* **Curated.** Beside each sheet, ``.machine/<id>.yaml`` keeps the machine's own output. When an
  article is extracted again, the person's edits (sheet vs snapshot) are replayed over the new
  output (see :mod:`generator.sheets.curation`), and a sheet that is not valid YAML is left alone.
* **Streaming and parallel.** Articles flow through :func:`generator.pipeline.backends.run` (this process,
  a pool of processes, or Dask); each sheet is written as soon as its article is analysed.
* **Crash-safe.** Every file is written atomically (temporary file, fsync, rename); the sheet is
  written before its snapshot, and a snapshot whose ``generated`` block does not match its
  sheet's is not trusted: a run killed at any moment leaves every file old or new, and the next
  run redoes what is missing or inconsistent. A full disk fails the article it hits (one line),
  leaving its files as they were.
* **One bad article fails alone.** An article that can't be read, is too long (over
  ``max_chars``, refused before it is parsed), makes the extractor fail or can't be written is
  one error in the report (a :class:`~generator.errors.Problem`); the others go on. Warnings
  (a quote with no speaker, an id taken, a link not followed, a cache not written) are records
  too, counted by kind.
* **One run per folder, one article per sheet.** A run locks ``out_dir`` (see
  :mod:`generator.sheets.outdir`). A sheet that belongs to another article with the same id (another
  file, another URL: see :mod:`generator.sheets.sameness`) is left alone, and the newcomer's sheet
  takes the next free id (``report-2``) with a warning, so no hand edit is grafted onto another story.
"""

from __future__ import annotations

import itertools
import logging
import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from generator import paths
from generator.errors import ID_TAKEN, FactsheetError, InputError, OutputError, Problem, SheetError
from generator.inputs.ids import MAX_ID_LENGTH, is_safe_id
from generator.model import Article
from generator.sheets import curation, outdir, yamlio
from generator.sheets.provenance import TOOL, Provenance, content_hash, pipeline_name
from generator.sheets.sameness import same_article

log = logging.getLogger(__name__)

SNAPSHOT_DIR = paths.SNAPSHOTS
BATCH_SIZE = 16
#: the longest article extracted unless asked (``--max-chars``): 6x the longest of the evaluation
#: corpus (33,672). spaCy's parser needs memory and time in proportion (a 990,000-character article
#: took 264 s and 3.4 GB), and over 1,000,000 it refuses the text outright.
MAX_CHARS = 200_000


@dataclass
class RunReport:
    """What a run did: sheets written, skipped as unchanged, errors and warnings (records), notes on edits."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # one per article that got no sheet (or input not read)
    warnings: list[Problem] = field(default_factory=list)  # inputs (a link not followed, an id taken) and sheets
    notes: list[str] = field(default_factory=list)  # about hand edits: kept, orphaned, no snapshot
    changes: dict[str, list[str]] = field(default_factory=dict)  # dry run: id -> what would change
    edits_kept: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def warnings_by_kind(self) -> dict[str, int]:
        """How many warnings of each kind, the most frequent first (then by name, so the order is stable)."""
        counts = Counter(w.kind for w in self.warnings)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


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
    block = yamlio.read_block(text, "generated")
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
        """Make the folder and lock it for this run (see :mod:`generator.sheets.outdir`); then remove what
        killed runs left (their temporary files only). Call :meth:`close` at the end."""
        self.out_dir = out_dir
        self.dry_run = dry_run
        self._lock: outdir.FolderLock | None = None
        if not dry_run:
            outdir.make_folder(out_dir)
            self._lock = outdir.FolderLock(out_dir).acquire()
            yamlio.remove_stale_temporaries(out_dir)
            if (out_dir / SNAPSHOT_DIR).is_dir():
                yamlio.remove_stale_temporaries(out_dir / SNAPSHOT_DIR)

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def commit(self, article: Article, machine: dict[str, Any], report: RunReport) -> bool:
        """Merge the person's edits into the new machine output and write sheet then snapshot.

        Returns False (with an error in the report) when the person's sheet can't be read.
        """
        path = sheet_path(self.out_dir, article.id)
        snap = snapshot_path(self.out_dir, article.id)
        same = self._untouched_text(path, snap)
        if same is not None and not self.dry_run:
            # nobody edited it: compare texts, not data (no YAML parse on a re-run that changes nothing)
            text = yamlio.dump(machine)
            if _without_time(text) != _without_time(same):
                _write(path, text)
                _write(snap, text)
            return True
        untouched = _loaded(same) if same is not None else None
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
        _write(path, text)
        _write(snap, text if merged is machine else yamlio.dump(machine))  # no edits: one dump
        return True

    @staticmethod
    def _untouched_text(path: Path, snap: Path) -> str | None:
        """The sheet's text when it is byte for byte its snapshot (no person edited it), else None."""
        try:
            data = path.read_bytes()
            return data.decode("utf-8") if data == snap.read_bytes() else None
        except (OSError, UnicodeDecodeError):
            return None

    def _person(self, path: Path, report: RunReport) -> dict | bool | None:
        """The sheet as it is now (None: none yet); False when it is broken and must not be overwritten."""
        if not path.exists():
            return None
        from generator.sheets.store import read_sheet

        try:
            _, data = read_sheet(path)  # the checks render and validate make, in the same words
        except SheetError as err:
            first = err.records()[0]
            more = f" (and {len(err.problems) - 1} more; see `factsheet validate`)" if len(err.problems) > 1 else ""
            report.errors.append(replace(first, message=f"{first.message}{more}: not regenerated so that no hand "
                                                        "edit is lost (fix it, or delete the file)"))
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


def _write(path: Path, text: str) -> None:
    """:func:`yamlio.atomic_write`, a failure (full disk, no permission) as one line naming the file."""
    try:
        yamlio.atomic_write(path, text)
    except OSError as exc:
        raise outdir.write_problem(path, exc) from None


def _source_of(path: Path) -> dict | None:
    """The ``source`` block of a sheet, read without parsing the rest; None when there is no sheet."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    block = yamlio.read_block(text, "source")
    return block if isinstance(block, dict) else None


def numbered_id(base: str, n: int) -> str:
    """The ``n``-th id for articles that would all be ``base``: ``base``, ``base-2``, ``base-3``..."""
    if n == 1:
        return base
    suffix = f"-{n}"
    return base[:MAX_ID_LENGTH - len(suffix)] + suffix


class IdClaims:
    """Which id each article of a run writes to: its own, unless that sheet is another article's.

    A sheet is another article's when its recorded ``source`` names another file or URL
    (:func:`generator.sheets.sameness.same_article`); then the article takes the first of ``id-2``,
    ``id-3``... that is free or already its own, the same one run after run. Ids given out in
    this run are never given twice.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.taken: set[str] = set()

    def claim(self, article: Article) -> tuple[Article, str | None]:
        """The article with the id it writes to, and who holds its own id when that is not it (else None)."""
        holder = None
        for n in itertools.count(1):
            candidate = numbered_id(article.id, n)
            if candidate in self.taken:
                holder = holder or "another input of this run"
                continue
            recorded = _source_of(sheet_path(self.out_dir, candidate))
            if same_article(recorded, article.source):
                break
            holder = holder or str(recorded.get("file") or recorded.get("url"))  # type: ignore[union-attr]
        self.taken.add(candidate)
        return (article, None) if candidate == article.id else (replace(article, id=candidate), holder)


def too_long(article: Article, max_chars: int | None) -> InputError | None:
    """The error for an article over the limit (checked before parsing: the parse is what is costly)."""
    if not max_chars or len(article.text) <= max_chars:
        return None
    return InputError(article.source.file or article.id,
                      f"the article is {len(article.text):,} characters long, over the limit of {max_chars:,}",
                      hint="split it into smaller articles, or raise the limit with --max-chars")


def _loaded(text: str) -> dict | None:
    """An untouched sheet's data (the machine's own output: no validation or merge needed), or None."""
    try:
        loaded = yamlio.load_fast(text)
    except yaml.YAMLError:
        return None
    return _plain(loaded) if isinstance(loaded, dict) else None


_GENERATED = re.compile(r"^generated:\n((?:  .*\n)*)", re.M)  # the top-level block and its indented lines
_TIME_LINE = re.compile(r"^  at: .*\n", re.M)


def _without_time(text: str) -> str:
    """A sheet's text without the extraction time (the one line of ``generated`` that changes every run)."""
    m = _GENERATED.search(text)
    if m is None:
        return text
    return text[:m.start(1)] + _TIME_LINE.sub("", m.group(1), count=1) + text[m.end(1):]


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
    items: Iterable[Article | InputError | Problem],
    out_dir: Path,
    *,
    model: str | None = None,
    force: bool = False,
    jobs: int = 1,
    scheduler: str | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    max_chars: int | None = MAX_CHARS,
    progress: Callable[[str, Any], None] | None = None,
    stop_asked: Callable[[], bool] | None = None,
) -> RunReport:
    """Analyse every article whose sheet is not current and write its sheet to ``out_dir``.

    ``items``: articles, the errors of inputs that could not be read, and warnings met while reading
    (a :class:`~generator.errors.Problem`, or an InputError whose records are warnings).
    ``max_chars``: longer articles are refused before they are parsed (None: no limit).
    ``progress(event, detail)``: called as the run goes: ``"written"`` or ``"unchanged"`` with an
    article id, ``"error"`` or ``"warning"`` with a :class:`~generator.errors.Problem` (warnings of
    sheets are not told, only counted in the report).
    ``stop_asked()``: asked between articles; when it says yes, the run stops there by raising
    KeyboardInterrupt (the CLI's Ctrl-C sets it, so that the interrupt always lands between two sheets).
    Raises OutputError when ``out_dir`` can't be made or another run is writing to it.
    """
    from generator.pipeline import backends as parallel

    report = RunReport()
    store = SheetStore(out_dir, dry_run=dry_run)
    pipeline = pipeline_name(model)
    claims = IdClaims(out_dir)

    def tell(problem: Problem) -> None:
        (report.warnings if problem.severity == "warning" else report.errors).append(problem)
        if progress:
            progress(problem.severity, problem)

    def check_stop() -> None:
        if stop_asked is not None and stop_asked():
            raise KeyboardInterrupt

    def todo() -> Iterator[Article]:
        for item in items:
            check_stop()
            if isinstance(item, Problem | InputError):
                for problem in item.records() if isinstance(item, InputError) else [item]:
                    tell(problem)
                continue
            try:
                item, holder = claims.claim(item)
                current = not force and is_current(out_dir, item, pipeline)
            except FactsheetError as exc:  # an id that is no file name (from a library caller)
                tell(Problem(str(exc), path=parallel.where(item), kind=exc.kind))
                continue
            if current:
                report.unchanged.append(item.id)
                if progress:
                    progress("unchanged", item.id)
                continue
            if (refused := too_long(item, max_chars)) is not None:
                for problem in refused.records():
                    tell(problem)
                continue
            if holder is not None:
                tell(Problem(f"its id is taken by the sheet of another article ({holder}); this one is written "
                             f"as {item.id}.yaml (give it an id of its own)", path=parallel.where(item),
                             kind=ID_TAKEN, severity="warning"))
            yield item

    try:
        for article, result in parallel.run(todo(), model=model, jobs=jobs, scheduler=scheduler,
                                            batch_size=batch_size, max_chars=max_chars):
            check_stop()
            where = parallel.where(article)
            if isinstance(result, Problem):
                tell(result)
                continue
            try:
                ok = store.commit(article, result.data, report)
            except OutputError as exc:
                report.errors.extend(exc.records())
                ok = False
            except FactsheetError as exc:
                report.errors.append(Problem(str(exc), path=where, kind=exc.kind))
                ok = False
            except Exception as exc:  # a bug in merging or writing must not stop the other articles
                log.debug("%s", traceback.format_exc())
                report.errors.append(Problem(f"internal error ({type(exc).__name__}: {_first_line(exc)}); "
                                             "please report it", path=where, kind="internal"))
                ok = False
            if not ok:
                if progress:
                    progress("error", report.errors[-1])
                continue
            report.written.append(article.id)
            report.warnings.extend(result.warnings)
            if progress:
                progress("written", article.id)
    finally:
        store.close()
    return report


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else ""
