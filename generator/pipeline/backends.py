"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Every backend turns a stream of articles into a stream of ``(article, result)`` pairs, where the
result is the machine's fact sheet (:class:`Extracted`: its YAML data and its warnings as records)
or a :class:`~generator.errors.Problem` saying why there is none. Both are plain dataclasses, so
they come back from worker processes and Dask workers as they are. They all call
:func:`analyse_batch`, so a sheet is the same whichever backend made it. Backends pull articles
lazily and keep a bounded number of them in flight, so memory does not grow with the number of
articles, and nothing loads spaCy until the first article that needs extracting arrives.

Writing sheets stays with the caller (in this process): workers only compute, so Dask workers
on other machines need the package and the spaCy pipeline installed, not the data folders.

One article never takes others down with it: an article spaCy refuses or chokes on, or one an
extractor fails on, gets an error of its own, and the rest of its batch is analysed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import logging
import os
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.errors import Problem
from generator.model import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Extracted:
    """An article's sheet as the machine made it: its data (what the YAML file holds) and its
    warnings as records (the data holds their messages only; the records say their kind)."""

    data: dict[str, Any]
    warnings: tuple[Problem, ...] = ()


Result = Extracted | Problem  # the sheet, or why there is none
BATCH_SIZE = 16  # documents per nlp.pipe batch
CHUNK = 8  # articles per task sent to a worker process or a Dask worker


def now() -> str:
    """The extraction time written to ``generated.at``: UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def where(article: Article) -> str:
    """How a record names an article: the file (or URL, or line of a JSON-lines file) it came from, else its id."""
    return article.source.file or article.id


def _sheet(doc: Any, article: Article, pipeline: str) -> Result:
    from generator.errors import FactsheetError
    from generator.extract import analyse, sheet_warnings

    try:
        sheet = analyse(doc, article, pipeline=pipeline, now=now())
        return Extracted(sheet.to_dict(), tuple(sheet_warnings(sheet.quotes, where=where(article))))
    except FactsheetError as exc:
        return Problem(str(exc), path=where(article), kind=exc.kind)
    except Exception as exc:  # a bug in an extractor must not stop the other articles
        return _internal(article, exc)


def _internal(article: Article, exc: Exception, doing: str = "") -> Problem:
    """The error for an unexpected exception (its traceback goes to the debug log)."""
    log.debug("%s", traceback.format_exc())
    lines = str(exc).strip().splitlines()
    return Problem(f"internal error{doing} ({type(exc).__name__}: {lines[0] if lines else ''}); please report it",
                   path=where(article), kind="internal")


def analyse_stream(articles: Iterable[Article], model: str | None = None, *, batch_size: int = BATCH_SIZE,
                   max_chars: int | None = None) -> Iterator[tuple[Article, Result]]:
    """The sheet of each article, streamed through ``nlp.pipe`` in this process.

    ``max_chars``: the longest text the caller lets through; spaCy's own limit (``nlp.max_length``)
    is raised to it when it is lower, since the caller has decided.
    """
    from generator.pipeline.nlp import load, pipeline_name

    nlp = load(model)
    if max_chars and max_chars > nlp.max_length:
        nlp.max_length = max_chars
    name = pipeline_name(nlp)
    stream = iter(articles)
    with _streaming_gc():
        while batch := list(itertools.islice(stream, batch_size)):
            yield from _analyse_batch(nlp, batch, name, batch_size)


def _analyse_batch(nlp: Any, batch: list[Article], name: str, batch_size: int) -> Iterator[tuple[Article, Result]]:
    """One ``nlp.pipe`` batch; if spaCy fails on it, the articles not yet done are parsed one by one, so
    that only the article at fault fails. (Batches are ``batch_size`` long, as ``nlp.pipe`` makes
    them, so the sheets are those of one ``nlp.pipe`` over the whole stream.)"""
    done = 0
    try:
        for doc, article in nlp.pipe(((a.text, a) for a in batch), as_tuples=True, batch_size=batch_size):
            done += 1
            yield article, _sheet(doc, article, name)
    except Exception:  # which article is at fault is found below
        log.debug("a batch failed; parsing its articles one by one: %s", traceback.format_exc())
        for article in batch[done:]:
            try:
                doc = nlp(article.text)
            except Exception as exc:  # spaCy refused this very text
                yield article, _internal(article, exc, " while parsing")
                continue
            yield article, _sheet(doc, article, name)


@contextlib.contextmanager
def _streaming_gc(first: int = 10_000) -> Iterator[None]:
    """The garbage collector set for a stream of articles, and set back after it.

    What is alive when the stream starts (the loaded pipeline's many objects) is left out of the
    collector's full passes, which would otherwise walk all of it again and again (~0.5 s per 84
    articles). And the youngest collection runs every ``first`` new objects instead of every 700:
    analysing an article makes many short-lived containers that reference counting frees anyway,
    and at the default threshold the collector still ran about 1,300 times over 84 articles (0.6 s,
    3% of the parse). Cycles are still collected, only in larger batches."""
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(first, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def analyse_batch(articles: list[Article], model: str | None = None,
                  max_chars: int | None = None) -> list[tuple[str, Result]]:
    """(id, sheet or error record) for each article: the unit of work of a worker process or a Dask task.

    The pipeline is loaded once per process (:func:`generator.pipeline.nlp.load` is cached).
    """
    return [(article.id, result) for article, result in analyse_stream(articles, model, max_chars=max_chars)]


def run(articles: Iterable[Article], *, model: str | None = None, jobs: int = 1, scheduler: str | None = None,
        batch_size: int = BATCH_SIZE, chunk: int = CHUNK, max_chars: int | None = None
        ) -> Iterator[tuple[Article, Result]]:
    """Analyse the articles with the backend asked for; spaCy is not loaded when there is nothing to do.

    ``scheduler``: None or "processes" (a pool of ``jobs`` processes; ``jobs=1`` runs here),
    "dask" (a local Dask cluster of ``jobs`` workers), or "dask://host:port" / "tcp://host:port"
    (an existing Dask scheduler). ``max_chars``: see :func:`analyse_stream`.
    """
    stream = iter(articles)
    first = next(stream, None)
    if first is None:
        return
    stream = itertools.chain([first], stream)
    kind = (scheduler or "processes").strip()
    if kind == "processes":
        if jobs <= 1:
            yield from analyse_stream(stream, model, batch_size=batch_size, max_chars=max_chars)
        else:
            yield from _processes(stream, model=model, jobs=jobs, chunk=chunk, max_chars=max_chars)
    elif kind == "dask" or kind.startswith(("dask://", "tcp://", "tls://")):
        yield from _dask(stream, model=model, jobs=jobs, address=None if kind == "dask" else kind, chunk=chunk,
                         max_chars=max_chars)
    else:
        from generator.errors import ConfigError

        raise ConfigError(f"unknown scheduler {scheduler!r} (use processes, dask, or dask://host:port)")


def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while batch := list(itertools.islice(articles, size)):
        yield batch


# -- a pool of processes -------------------------------------------------------------------------

def _init_worker(model: str | None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from generator.pipeline.nlp import load

    load(model)


def _processes(articles: Iterator[Article], *, model: str | None, jobs: int, chunk: int, max_chars: int | None
               ) -> Iterator[tuple[Article, Result]]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # spawn: workers start clean (no copy of the parent's threads or state) and load the pipeline once
    ctx = multiprocessing.get_context("spawn")
    window = 2 * jobs
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(model,))
    pending: dict[Any, list[Article]] = {}
    batches = _chunks(articles, chunk)
    try:
        for batch in itertools.islice(batches, window):
            pending[pool.submit(analyse_batch, batch, model, max_chars)] = batch
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                batch = pending.pop(future)
                yield from _results(batch, future)
                nxt = next(batches, None)
                if nxt is not None:
                    pending[pool.submit(analyse_batch, nxt, model, max_chars)] = nxt
    except BrokenProcessPool:
        from generator.errors import FactsheetError

        raise FactsheetError("a worker process died (out of memory?); the sheets written so far are kept: "
                             "run the same command again to go on") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _results(batch: list[Article], future: Any) -> Iterator[tuple[Article, Result]]:
    """The pairs of a finished task; a task that failed as a whole fails each of its articles."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        results = future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:
        log.debug("task failed: %s", traceback.format_exc())
        lines = str(exc).strip().splitlines()
        for article in batch:
            yield article, Problem(f"extraction failed in a worker ({type(exc).__name__}: {lines[0] if lines else ''})",
                                   path=where(article), kind="worker")
        return
    yield from _pair(batch, results)


def _pair(batch: list[Article], results: list[tuple[str, Result]]) -> Iterator[tuple[Article, Result]]:
    """Each article of a batch with its result, in order; an article a worker gave no result for fails."""
    by_id = dict(results)
    for article in batch:
        result = by_id.get(article.id)
        if result is None:
            result = Problem("the worker returned no result for this article; please report it", path=where(article),
                             kind="internal")
        yield article, result


# -- Dask ----------------------------------------------------------------------------------------

def _pipeline_plugin(model: str | None) -> Any:
    """A Dask worker plugin that loads the spaCy pipeline once, when each worker starts."""
    from distributed import WorkerPlugin

    class LoadPipeline(WorkerPlugin):  # defined here so that importing this module doesn't import Dask
        name = "factsheet-pipeline"

        def __init__(self, model: str | None):
            self.model = model

        def setup(self, worker: Any) -> None:  # noqa: ARG002 - Dask's signature
            from generator.pipeline.nlp import load

            load(self.model)

    return LoadPipeline(model)


def dask_client(address: str | None, jobs: int) -> Any:
    """A Dask client: to the scheduler at ``address``, or to a new local cluster of ``jobs`` processes."""
    from distributed import Client, LocalCluster

    if address:
        return Client(address.replace("dask://", "tcp://", 1), timeout="30s")
    cluster = LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster)


def _dask(articles: Iterator[Article], *, model: str | None, jobs: int, address: str | None, chunk: int,
          max_chars: int | None = None) -> Iterator[tuple[Article, Result]]:
    from distributed import as_completed

    client = dask_client(address, jobs)
    try:
        client.register_plugin(_pipeline_plugin(model))
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        window = 2 * workers
        batches = _chunks(articles, chunk)
        pending: dict[Any, list[Article]] = {}
        queue = as_completed()
        for batch in itertools.islice(batches, window):
            future = client.submit(analyse_batch, batch, model, max_chars, pure=False)
            pending[future] = batch
            queue.add(future)
        for future in queue:
            batch = pending.pop(future)
            yield from _results(batch, future)
            future.release()
            nxt = next(batches, None)
            if nxt is not None:
                new = client.submit(analyse_batch, nxt, model, max_chars, pure=False)
                pending[new] = nxt
                queue.add(new)
    finally:
        cluster = client.cluster if not address else None
        client.close()
        if cluster is not None:
            cluster.close()


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


__all__ = ["BATCH_SIZE", "CHUNK", "Extracted", "Result", "analyse_batch", "analyse_stream", "dask_client",
           "default_jobs", "now", "run", "where"]
