#!/usr/bin/env python
"""Benchmarks of the whole pipeline, measured in one run; prints numbers and ratios.

    python scripts/bench.py                       # everything (about 20-40 minutes on 2 cores)
    python scripts/bench.py --sizes 1000 --skip-site   # a shorter run

What it measures:

1. Extraction throughput on the shared corpus's real articles (polnear-dev, gum-news, the seed
   article): articles per second of a bare ``nlp.pipe`` (spaCy's pipeline as ``spacy.load`` gives it)
   over the texts, of ``extract_all`` in one
   process (same texts, pipeline already loaded, YAML written), and with 2 processes (workers
   started and their pipelines loaded inside the timing), plus ``nlp.pipe(n_process=2)``.
2. Scale: corpora of N articles (default 1,000 and 10,000) generated in the work folder from the
   corpus texts (each article: a title and three consecutive paragraphs of a corpus article, with
   a distinct id; corpus text is never written into the repository). For each N: the full run and
   a no-change run of ``factsheet extract`` as a user runs it, wall time and peak RSS (from
   ``/usr/bin/time -v``).
3. The site on top of the sheets of the first size (1,000): ``factsheet render`` + ``mkdocs build``, first and after
   no change.

The machine may be shared: every figure is a wall-clock time of this run, and ratios compare
measurements taken minutes apart.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def corpus_texts(shared: Path) -> list[dict]:
    """The real articles of the shared corpus: id, title, text, published."""
    out = []
    for name in ("polnear-dev", "gum-news"):
        with (shared / "corpus" / name / "articles.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    out.append({k: rec.get(k) for k in ("id", "title", "text", "published")})
    for path in sorted((shared / "corpus" / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append({"id": path.stem, "title": text.split("\n", 1)[0], "text": text, "published": None})
    return out


def make_corpus(texts: list[dict], n: int, path: Path) -> Path:
    """N articles with distinct ids: article i is three consecutive paragraphs of corpus article i mod len."""
    paragraphs = [[p.strip() for p in re.split(r"\n\s*\n", t["text"]) if p.strip()] for t in texts]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            k = i % len(texts)
            paras = paragraphs[k]
            start = (i // len(texts)) % max(1, len(paras) - 2)
            body = "\n\n".join(paras[start:start + 3])
            title = f"{texts[k]['title'] or paras[0][:80]} ({i})"
            fh.write(json.dumps({"id": f"bench-{i:05d}", "title": title, "text": f"{title}\n\n{body}\n",
                                 "published": texts[k]["published"]}) + "\n")
    return path


def timed(cmd: list[str], *, env: dict | None = None) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MiB, stderr) of a command, by /usr/bin/time -v."""
    full = ["/usr/bin/time", "-v", *cmd]
    start = time.perf_counter()
    done = subprocess.run(full, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return wall, int(m.group(1)) // 1024 if m else -1, done.stderr


def factsheet(*args: str) -> list[str]:
    return [PY, "-m", "generator", *args]


THROUGHPUT = r"""
import json, sys, time, tempfile
from pathlib import Path
from generator.model import Article, Source
from generator.pipeline.nlp import available, load
mode, path = sys.argv[1], sys.argv[2]
recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
if mode.startswith("bare"):
    import spacy
    nlp = spacy.load(available())  # a bare nlp.pipe: spaCy's pipeline, nothing of ours
else:
    nlp = load()
if mode.startswith("bare"):
    n_process = 2 if mode == "bare2" else 1
    t = time.perf_counter()
    for _ in nlp.pipe((r["text"] for r in recs), batch_size=16, n_process=n_process):
        pass
else:
    from generator.pipeline.run import extract_all
    arts = [Article(id=r["id"], title=r["title"] or "", text=r["text"],
                    source=Source(published=r.get("published"))) for r in recs]
    out = Path(tempfile.mkdtemp(prefix="factsheet-bench-"))
    t = time.perf_counter()
    report = extract_all(arts, out, jobs=int(mode[-1]))
    assert report.ok and len(report.written) == len(arts), report.errors[:3]
print(time.perf_counter() - t)
"""


def throughput(texts: list[dict], work: Path) -> dict[str, float]:
    path = work / "real.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for t in texts:
            fh.write(json.dumps(t) + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    seconds = {}
    for mode in ("bare", "extract1", "extract2", "bare2"):
        done = subprocess.run([PY, "-c", THROUGHPUT, mode, str(path)], capture_output=True, text=True, env=env,
                              cwd=ROOT, check=False)
        if done.returncode:
            sys.exit(f"{mode} failed:\n{done.stderr[-2000:]}")
        seconds[mode] = float(done.stdout.strip().splitlines()[-1])
        print(f"  {mode:9} {seconds[mode]:8.1f} s  {len(texts) / seconds[mode]:6.2f} articles/s", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("FACTSHEET_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--work", type=Path, default=Path("/tmp/factsheet-bench"))
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes for the scale runs")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the scale runs (peak RSS is then "
                        "that of the largest process)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-site", action="store_true")
    args = parser.parse_args()

    if not (args.shared / "corpus").is_dir():
        sys.exit(f"no shared corpus at {args.shared}: give --shared PATH or set FACTSHEET_SHARED")
    texts = corpus_texts(args.shared)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    results: list[tuple[str, str]] = []
    print(f"work folder {args.work}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}", flush=True)

    if not args.skip_throughput:
        print(f"throughput on {len(texts)} corpus articles:", flush=True)
        s = throughput(texts, args.work)
        n = len(texts)
        results += [
            ("bare nlp.pipe, 1 process", f"{n / s['bare']:.2f} articles/s"),
            ("extract, 1 process", f"{n / s['extract1']:.2f} articles/s = {s['bare'] / s['extract1']:.2f} x bare"),
            ("extract, 2 processes", f"{n / s['extract2']:.2f} articles/s = {s['extract1'] / s['extract2']:.2f} x "
                                     "1 process (incl. worker start-up)"),
            ("bare nlp.pipe, n_process=2", f"{n / s['bare2']:.2f} articles/s = {s['bare'] / s['bare2']:.2f} x bare"),
        ]

    facts_1k = None
    for size in [int(x) for x in args.sizes.split(",") if x]:
        src = make_corpus(texts, size, args.work / f"bench-{size}.jsonl")
        out = args.work / f"facts-{size}"
        print(f"{size} articles: full run ...", flush=True)
        full, rss, _ = timed(factsheet("extract", str(src), "--out", str(out), "-q", "--jobs", str(args.jobs)))
        print(f"  full {full:.1f} s, peak RSS {rss} MiB; no-change run ...", flush=True)
        noop, rss_noop, _ = timed(factsheet("extract", str(src), "--out", str(out), "-q"))
        print(f"  no change {noop:.2f} s, peak RSS {rss_noop} MiB", flush=True)
        results += [
            (f"{size:,} articles: full run, {args.jobs} process(es)",
             f"{full:.1f} s ({size / full:.2f} articles/s), peak RSS {rss} MiB"),
            (f"{size:,} articles: no-change run", f"{noop:.2f} s = {100 * noop / full:.1f}% of the full run, "
                                                  f"peak RSS {rss_noop} MiB"),
        ]
        if facts_1k is None:  # the site is built from the first (smallest) corpus
            facts_1k, site_size = out, size

    if facts_1k is not None and not args.skip_site:
        from bench_site import project  # the same project folder as the site benchmark's

        site = project(args.work, site_size)
        for label in ("first build", "after no change"):
            render, _, _ = timed(factsheet("render", "--facts", str(facts_1k), "--docs", str(site / "docs"), "-q"))
            build, rss, _ = timed([PY, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site / "mkdocs.yml"),
                                   "-d", str(args.work / "site")])
            print(f"  site, {label}: render {render:.1f} s, mkdocs build {build:.1f} s", flush=True)
            results.append((f"site of {site_size:,} sheets, {label}",
                            f"render {render:.1f} s + mkdocs build {build:.1f} s (peak RSS {rss} MiB)"))

    print("\nresults")
    width = max(len(k) for k, _ in results)
    for key, value in results:
        print(f"  {key:<{width}}  {value}")


if __name__ == "__main__":
    main()
