"""Extraction runs: articles in, one YAML fact sheet per article out, streamed through spaCy.

Documents flow through ``nlp.pipe`` one batch at a time and each sheet is written (atomically)
as soon as its article is analysed, so memory does not grow with the number of articles and
an interrupted run leaves every sheet either old or new. An article that fails is reported
and the others go on.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator import yamlio
from generator.errors import FactsheetError, InputError
from generator.extract import TOOL, analyse, content_hash
from generator.model import Article, FactSheet
from generator.nlp import load, pipeline_name

log = logging.getLogger(__name__)

BATCH_SIZE = 16


@dataclass
class RunReport:
    """What a run did: sheets written, skipped as unchanged, and errors (one line each)."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def sheet_path(out_dir: Path, article_id: str) -> Path:
    """Where an article's sheet goes; ids are slugs, so this never leaves ``out_dir``."""
    path = (out_dir / f"{article_id}.yaml").resolve()
    if path.parent != out_dir.resolve():
        raise FactsheetError(f"article id {article_id!r} is not a safe file name")
    return path


def is_current(path: Path, article: Article, pipeline: str) -> bool:
    """True when the sheet at ``path`` was made from this very text by this tool and pipeline."""
    try:
        data, _ = yamlio.load_with_lines(path)
    except FactsheetError:
        return False
    gen = (data or {}).get("generated") if isinstance(data, dict) else None
    return isinstance(gen, dict) and gen.get("content_hash") == content_hash(article) \
        and gen.get("tool") == TOOL and gen.get("pipeline") == pipeline


def extract_all(
    items: Iterable[Article | InputError],
    out_dir: Path,
    *,
    model: str | None = None,
    force: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str, str], None] | None = None,
) -> RunReport:
    """Analyse every article and write its sheet to ``out_dir``; return what happened."""
    report = RunReport()
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = load(model)
    pipe_name = pipeline_name(nlp)

    def todo() -> Iterator[tuple[str, Article]]:
        for item in items:
            if isinstance(item, InputError):
                report.errors.append(str(item))
                if progress:
                    progress("error", str(item))
                continue
            if not force and is_current(sheet_path(out_dir, item.id), item, pipe_name):
                report.unchanged.append(item.id)
                if progress:
                    progress("unchanged", item.id)
                continue
            yield item.text, item

    for doc, article in nlp.pipe(todo(), as_tuples=True, batch_size=batch_size):
        try:
            sheet = analyse(doc, article, pipeline=pipe_name, now=_now())
            write_sheet(sheet, sheet_path(out_dir, article.id))
        except FactsheetError as exc:
            report.errors.append(f"{article.source.file or article.id}: {exc}")
            continue
        except Exception as exc:  # a bug in an extractor must not stop the other articles
            log.debug("%s", traceback.format_exc())
            report.errors.append(f"{article.source.file or article.id}: internal error "
                                 f"({type(exc).__name__}: {exc}); please report it")
            continue
        report.written.append(article.id)
        report.warnings += len(sheet.warnings)
        if progress:
            progress("written", article.id)
    return report


def write_sheet(sheet: FactSheet, path: Path) -> bool:
    return yamlio.atomic_write(path, yamlio.dump(sheet.to_dict()))


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
