#!/usr/bin/env python3
"""Extraction speed on the NewsQuant dev sentences: figures and dates against a bare ``nlp.pipe``.

    PYTHONPATH=. python scripts/bench_figures.py [--data ../shared/corpus/newsquant/dev.json] [--repeat 5]

Without --data it reads $FACTSHEET_SHARED/corpus/newsquant/dev.json (default: ../shared beside the
repository). Prints sentences per second for the bare pipeline, for the pipeline plus
:func:`extract_figures` and :func:`extract_dates`, and for the two extractors alone over already
parsed sentences, and the ratio of the full run's time to the bare pipeline's. Each timing is the
best of ``--repeat`` rounds, the three runs taking turns within a round so that other load on the
machine falls on all of them alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import time
from pathlib import Path

from generator.extract.dates.dates import extract_dates
from generator.extract.figures.figures import extract_figures
from generator.pipeline.nlp import load, pipeline_name

ROOT = Path(__file__).resolve().parents[1]
# the shared corpus sits beside the repository, as for the tests (set FACTSHEET_SHARED to move it)
SHARED = Path(os.environ.get("FACTSHEET_SHARED", ROOT.parent / "shared"))
DEFAULT = SHARED / "corpus" / "newsquant" / "dev.json"
REFERENCE = dt.date(2020, 1, 1)  # any publication date: relative dates then resolve, as in a real sheet


def best_of(repeat: int, *fns) -> list[float]:
    """The best time of each function over ``repeat`` rounds, run in turn so that load on the machine
    falls on all of them alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for k, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            best[k] = min(best[k], time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    texts = [rec["text"] for rec in json.loads(args.data.read_text(encoding="utf-8"))]
    nlp = load()
    list(nlp.pipe(texts[:20]))  # warm up

    def bare():
        for _ in nlp.pipe(texts, batch_size=64):
            pass

    def full():
        for doc in nlp.pipe(texts, batch_size=64):
            extract_figures(doc)
            extract_dates(doc, REFERENCE)

    docs = list(nlp.pipe(texts, batch_size=64))

    def extractors_only():
        for doc in docs:
            extract_figures(doc)
            extract_dates(doc, REFERENCE)

    n = len(texts)
    t_bare, t_full, t_only = best_of(args.repeat, bare, full, extractors_only)
    print(f"{n} sentences, pipeline {pipeline_name(nlp)}")
    print(f"bare nlp.pipe               {n / t_bare:8.1f} sentences/s  ({t_bare:.2f} s)")
    print(f"nlp.pipe + figures + dates  {n / t_full:8.1f} sentences/s  ({t_full:.2f} s)")
    print(f"figures + dates alone       {n / t_only:8.1f} sentences/s  ({t_only:.2f} s)")
    print(f"ratio full / bare time      {t_full / t_bare:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
