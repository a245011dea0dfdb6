#!/usr/bin/env python3
"""Time the whole extraction against a bare ``nlp.pipe`` over the same texts.

    PYTHONPATH=$PWD python scripts/bench_quotes.py [INPUT ...] [--repeat 2]

INPUT defaults to ``../shared/corpus/polnear-dev/articles.jsonl`` (next to the repository).
Prints the bare parse time (spaCy's pipeline as ``spacy.load`` gives it), the time of ``extract``
(parse + analyse + write, as the CLI does it), their ratio in wall-clock and in CPU time (the
latter is steadier when other jobs share the machine), and how the analysis time splits between
the extractors. Each measure is the best of ``--repeat`` runs, so a busy machine inflates the
numbers less; the rounds' own ratios and their median follow (the figure to quote: on a shared
machine the best of each measure may come from different spells). Our own parse (the pipeline
``extract`` runs: spaCy's, with the paragraph component and the remembering attribute ruler and
lemmatizer of generator.pipeline.memo) is timed too, and the extraction against it: what the
analysis and the writing add to a parse.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = Path(os.environ.get("FACTSHEET_SHARED", ROOT.parent / "shared")) / "corpus" / "polnear-dev" / "articles.jsonl"


def _articles(inputs: list[str]):
    from generator.inputs.files import iter_articles
    from generator.model import Article

    return [a for a in iter_articles(inputs) if isinstance(a, Article)]


def bare_pipe(nlp, texts: list[str]) -> tuple[float, float]:
    t, c = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - t, time.process_time() - c


def whole_extract(articles, out: Path) -> float:
    from generator.cli import one_line
    from generator.pipeline.run import extract_all

    t, c = time.perf_counter(), time.process_time()
    report = extract_all(articles, out, force=True)
    elapsed = time.perf_counter() - t, time.process_time() - c
    if report.errors:
        print("errors:", *map(one_line, report.errors), sep="\n  ", file=sys.stderr)
    return elapsed


def stage_times(nlp, articles) -> dict[str, float]:
    """Seconds spent in each extractor (the parse excluded)."""
    from generator.extract import analyse
    from generator.extract.entities.entities import extract_entities
    from generator.extract.quotes.quotes import extract_quotes

    times: dict[str, float] = defaultdict(float)
    for doc, art in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        t = time.perf_counter()
        index = extract_entities(doc)
        t1 = time.perf_counter()
        quotes = extract_quotes(doc, index)
        t2 = time.perf_counter()
        times["entities"] += t1 - t
        times["quotes"] += t2 - t1
        t3 = time.perf_counter()
        analyse(doc, art, pipeline="bench")
        times["analyse (all)"] += time.perf_counter() - t3
        del quotes
    return dict(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", default=[str(DEFAULT)])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)

    import spacy

    from generator.pipeline.nlp import available, load

    nlp = load()
    stock = spacy.load(available())  # a bare nlp.pipe: spaCy's pipeline, nothing of ours
    articles = _articles(args.inputs)
    texts = [a.text for a in articles]
    for pipeline in (nlp, stock):  # warm up
        for _ in pipeline.pipe(texts[:4]):
            pass
    # interleaved, so a burst of load on a shared machine hits all measures alike
    bares, ours, wholes = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-quotes-") as tmp:
        for _ in range(args.repeat):
            bares.append(bare_pipe(stock, texts))
            ours.append(bare_pipe(nlp, texts))
            wholes.append(whole_extract(articles, Path(tmp)))
    bare, whole = min(b for b, _ in bares), min(w for w, _ in wholes)
    bare_cpu, whole_cpu = min(c for _, c in bares), min(c for _, c in wholes)
    # each round's own ratio: a round's two measures run back to back, so a slow spell of a shared machine (its
    # speed here varies by a third from minute to minute) weighs on both; the median of rounds is the figure to quote
    paired = sorted(w[1] / b[1] for b, w in zip(bares, wholes, strict=True))
    own = min(c for _, c in ours)
    own_paired = sorted(w[1] / o[1] for o, w in zip(ours, wholes, strict=True))
    stages = stage_times(nlp, articles)
    print(f"articles        {len(articles)}")
    print(f"bare nlp.pipe   {bare:7.2f} s")
    print(f"whole extract   {whole:7.2f} s")
    print(f"ratio           {whole / bare:7.3f}   (wall clock)")
    print(f"bare, CPU time  {bare_cpu:7.2f} s")
    print(f"whole, CPU time {whole_cpu:7.2f} s")
    print(f"ratio           {whole_cpu / bare_cpu:7.3f}   (CPU time of this process: steadier on a busy machine)")
    print(f"rounds' ratios  {' '.join(f'{r:.3f}' for r in paired)}   (CPU time, each round's pair)")
    print(f"median ratio    {statistics.median(paired):7.3f}")
    print(f"our parse, CPU  {own:7.2f} s   ({own / bare_cpu:.3f} of the bare parse)")
    print(f"whole / ours    {whole_cpu / own:7.3f}   (CPU; rounds {' '.join(f'{r:.3f}' for r in own_paired)}: what "
          "analysing and writing add to our parse)")
    for name, sec in stages.items():
        print(f"  {name:<14}{sec:7.2f} s  ({sec / bare:.1%} of the parse)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
