#!/usr/bin/env python3
"""Measure how long the site takes to render and build for 100 and 1,000 fact sheets.

The sheets are made with the real pipeline from the shared evaluation corpus (polnear-dev, gum-news
and the seed article), repeated with distinct ids and shifted publication dates until there are
enough; nothing from the corpus is written anywhere but the work folder (default under /tmp).
Extraction is cached in the work folder (sheets are only re-made when their article changes), so
a second run measures the site alone.

    python scripts/bench_site.py                      # 100 and 1,000 sheets
    python scripts/bench_site.py --sizes 100 --json   # machine-readable

Prints, per size: sheets, pages, render seconds, mkdocs build seconds, total, seconds per hundred
sheets, and the size of the built site.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import one_line  # noqa: E402
from generator.inputs.files import iter_articles  # noqa: E402
from generator.inputs.ids import slugify  # noqa: E402 - after the path is set, so the script runs from a checkout
from generator.pipeline.run import extract_all  # noqa: E402
from generator.render import GENERATED_DIRS, GENERATED_FILES, render_site  # noqa: E402

DEFAULT_SHARED = Path(os.environ.get("FACTSHEET_SHARED", ROOT.parent / "shared"))


def corpus_articles(corpus: Path) -> list[dict]:
    """Every article of the shared corpus as a JSON-lines record."""
    records: list[dict] = []
    for name in ("polnear-dev", "gum-news"):
        path = corpus / name / "articles.jsonl"
        if path.is_file():
            records.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    for path in sorted((corpus / "articles").glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        records.append({"id": path.stem, "title": title.strip(), "text": text.strip()})
    if not records:
        raise SystemExit(f"no articles found under {corpus}")
    return records


def repeated(records: list[dict], n: int) -> Iterator[dict]:
    """``n`` articles: the corpus over and over, each copy with its own id and a later date."""
    for i in range(n):
        base = records[i % len(records)]
        copy = i // len(records)
        published = base.get("published") or "2020-01-01"
        try:
            date = dt.date.fromisoformat(published[:10]) + dt.timedelta(days=30 * copy)
        except ValueError:
            date = dt.date(2020, 1, 1)
        yield {**base, "id": slugify(f"{base['id'][:60]}-r{copy}"), "published": date.isoformat()}


def extract(records: list[dict], n: int, work: Path) -> tuple[Path, list[str], float, int]:
    """Sheets for ``n`` articles in ``work/facts`` (cached): the folder, the ids in corpus order (every
    article once before any copy), the seconds extraction took and the number of sheets made."""
    inputs = work / "inputs.jsonl"
    facts = work / "facts"
    ids = []
    with inputs.open("w", encoding="utf-8") as fh:
        for record in repeated(records, n):
            ids.append(record["id"])
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    start = time.perf_counter()
    report = extract_all(iter_articles([inputs]), facts)
    seconds = time.perf_counter() - start
    if report.errors:
        print(f"warning: {len(report.errors)} articles failed, e.g. {one_line(report.errors[0])}", file=sys.stderr)
    return facts, ids, seconds, len(report.written)


def project(work: Path, size: int) -> Path:
    """A fresh project folder for one size: config, theme overrides, hooks, hand-written pages."""
    root = work / f"site-{size}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES))
    return root


def measure(facts: Path, ids: list[str], size: int, work: Path) -> dict:
    """Render and build a site of the first ``size`` sheets (distinct articles first)."""
    root = project(work, size)
    subset = root / "facts"
    subset.mkdir()
    for sheet_id in ids[:size]:
        path = facts / f"{sheet_id}.yaml"
        if path.is_file():
            (subset / path.name).symlink_to(path.resolve())
    start, cpu = time.perf_counter(), time.process_time()
    site, _ = render_site(subset, root / "docs")
    render_s, render_cpu = time.perf_counter() - start, time.process_time() - cpu
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start, children = time.perf_counter(), _children_cpu()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(root / "site")],
                            cwd=root, env=env, capture_output=True, text=True, check=False)
    build_s, build_cpu = time.perf_counter() - start, _children_cpu() - children
    if result.returncode:
        raise SystemExit(f"mkdocs build failed for {size} sheets:\n{result.stdout}\n{result.stderr}")
    site_bytes = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    total, total_cpu = render_s + build_s, render_cpu + build_cpu
    n = max(len(site.sheets), 1)
    return {"sheets": len(site.sheets), "pages": pages, "render_s": round(render_s, 2), "build_s": round(build_s, 2),
            "total_s": round(total, 2), "s_per_100_sheets": round(100 * total / n, 2),
            "cpu_s": round(total_cpu, 2), "cpu_s_per_100_sheets": round(100 * total_cpu / n, 2),
            "site_mb": round(site_bytes / 1e6, 1)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SHARED / "corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/factsheet-bench"))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    records = corpus_articles(args.corpus)
    facts, ids, extract_s, made = extract(records, max(args.sizes), args.work)
    rows = [measure(facts, ids, size, args.work) for size in sorted(args.sizes)]
    if args.json:
        print(json.dumps({"extract_s": round(extract_s, 1), "extracted": made, "sizes": rows}, indent=2))
        return 0
    print(f"extraction: {made} sheets made in {extract_s:.1f} s (the rest were current)")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(wall-clock times grow with it; CPU times much less)")
    print(f"{'sheets':>7} {'pages':>6} {'render s':>9} {'mkdocs s':>9} {'total s':>8} {'s/100':>6} "
          f"{'CPU s':>6} {'CPU s/100':>9} {'site MB':>8}")
    for r in rows:
        print(f"{r['sheets']:>7} {r['pages']:>6} {r['render_s']:>9.2f} {r['build_s']:>9.2f} {r['total_s']:>8.2f} "
              f"{r['s_per_100_sheets']:>6.2f} {r['cpu_s']:>6.1f} {r['cpu_s_per_100_sheets']:>9.2f} "
              f"{r['site_mb']:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
