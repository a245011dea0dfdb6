#!/usr/bin/env python3
"""Measure how long the site takes to render and build for 100 and 1,000 fact sheets.

Two ways to make the sheets. ``--near-duplicates BASE``: copies of the few real sheets in BASE
(a facts folder, e.g. data/facts), each with its own id, outlet and date and a figure or a name
varied, as syndicated wire copy is (the same article with small changes: the normal case for a
news archive, and the worst for grouping stories, since every copy is alike to many others). No
spaCy: 10,000 sheets are made in seconds. Otherwise the sheets are made with the real pipeline
from the shared evaluation corpus (polnear-dev, gum-news and the seed article), repeated with
distinct ids and shifted publication dates until there are enough; nothing from the corpus is
written anywhere but the work folder (default under /tmp). Extraction is cached in the work
folder (sheets are only re-made when their article changes), so a second run measures the site
alone.

    python scripts/bench_site.py                      # 100 and 1,000 sheets
    python scripts/bench_site.py --sizes 100 --json   # machine-readable
    python scripts/bench_site.py --near-duplicates data/facts --sizes 250 1000   # no extraction

Prints, per size: sheets, pages, render seconds, mkdocs build seconds (Pagefind included: the hooks
run it), total, seconds per hundred sheets, the peak memory of the render and of the build (each
runs in its own process; ru_maxrss), the size of the built site and of its search bundle with its
largest file; then the ratios of each size's render and total time to the smallest size's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
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
from generator.render import GENERATED_DIRS, GENERATED_FILES  # noqa: E402
from generator.sheets import yamlio  # noqa: E402

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


OUTLETS = ["Wire Service", "Coastal Courier", "Evening Herald", "Daily Record", "Morning Post", "City Times",
           "Valley Gazette", "Harbour News"]


def near_duplicates(base: Path, n: int, work: Path, seed: int = 16, spread: int = 2) -> tuple[Path, list[str]]:
    """``n`` sheets in ``work/facts-near``: copy ``k`` of each base sheet has its own id, an outlet, a date
    ``spread`` days after the copy before (2: each copy is within a story's ten days of a few others, as a
    story is retold over a week; 0: a burst, every copy the same day), and, by turns, one figure's value
    changed or one person's name given a middle initial."""
    from generator.sheets.store import load_sheets

    sheets, _, problems = load_sheets(base)
    if problems or not sheets:
        raise SystemExit(f"{base}: {len(problems)} sheets cannot be read and {len(sheets)} can; need readable sheets")
    rng = random.Random(seed)
    facts = work / "facts-near"
    if facts.exists():
        shutil.rmtree(facts)
    facts.mkdir(parents=True)
    ids = []
    for i in range(n):
        data = sheets[i % len(sheets)].to_dict()
        k = i // len(sheets)
        data["id"] = slugify(f"{data['id'][:60]}-d{k}")
        source = data["source"]
        source["name"] = OUTLETS[(i + k) % len(OUTLETS)]
        start = _day(source.get("published")) or dt.date(2020, 1, 1)
        source["published"] = (start + dt.timedelta(days=spread * k)).isoformat()
        if k % 3 == 1:
            _vary_figure(data, rng)
        elif k % 3 == 2:
            _vary_name(data, rng)
        (facts / f"{data['id']}.yaml").write_text(yamlio.dump(data), encoding="utf-8")
        ids.append(data["id"])
    return facts, ids


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "")[:10])
    except ValueError:
        return None


def _vary_figure(data: dict, rng: random.Random) -> None:
    """One whole-number figure gets another value, in its text and sentence too when written plainly."""
    figures = [f for f in data.get("figures", []) if isinstance(f.get("value"), int) and f["value"] > 1]
    if not figures:
        return
    fig = rng.choice(figures)
    old, new = fig["value"], fig["value"] + rng.randint(1, max(1, fig["value"] // 5))
    for written in (f"{old:,}", str(old)):
        if written in fig["text"]:
            fig["text"] = fig["text"].replace(written, f"{new:,}" if "," in written else str(new))
            fig["sentence"] = fig["sentence"].replace(written, f"{new:,}" if "," in written else str(new))
            break
    fig["value"] = new


def _vary_name(data: dict, rng: random.Random) -> None:
    """One person's name, wherever the sheet gives it, gets a middle initial ("Helen Strand" -> "Helen K. Strand")."""
    people = [e["name"] for e in data.get("entities", []) if e.get("type") == "PERSON" and len(e["name"].split()) == 2]
    if not people:
        return
    old = rng.choice(people)
    first, last = old.split()
    new = f"{first} {chr(ord('A') + rng.randrange(26))}. {last}"
    pattern = re.compile(rf"\b{re.escape(old)}\b")
    for section in ("entities", "quotes", "facts"):
        for item in data.get(section, []):
            for key in ("name", "speaker", "attributed_to"):
                if isinstance(item.get(key), str):
                    item[key] = pattern.sub(new, item[key])


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


RENDER = """
import json, sys, time
from pathlib import Path
from generator.render import render_site
start = time.perf_counter()
site, _ = render_site(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"render_s": time.perf_counter() - start, "sheets": len(site.sheets)}))
"""


def child(cmd: list[str], cwd: Path, what: str) -> tuple[str, float, float, int]:
    """Run ``cmd``: (its output, wall seconds, CPU seconds, peak memory in MB), from the child's own rusage."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with open(cwd / f"{what}.out", "w+b") as out, open(cwd / f"{what}.err", "w+b") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"{what} failed in {cwd}:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return stdout, seconds, usage.ru_utime + usage.ru_stime, round(usage.ru_maxrss / 1024)


def measure(facts: Path, ids: list[str], size: int, work: Path) -> dict:
    """Render and build a site of the first ``size`` sheets (distinct articles first), each in its own process."""
    root = project(work, size)
    subset = root / "facts"
    subset.mkdir()
    for sheet_id in ids[:size]:
        path = facts / f"{sheet_id}.yaml"
        if path.is_file():
            (subset / path.name).symlink_to(path.resolve())
    out, _, render_cpu, render_mb = child([sys.executable, "-c", RENDER, str(subset), str(root / "docs")], root,
                                          "render")
    rendered = json.loads(out.strip().splitlines()[-1])
    render_s = rendered["render_s"]
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    _, build_s, build_cpu, build_mb = child([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d",
                                             str(root / "site")], root, "build")
    site_bytes = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    bundle = [p for p in (root / "site" / "pagefind").rglob("*") if p.is_file()]
    largest = max(bundle, key=lambda p: p.stat().st_size) if bundle else None
    total, total_cpu = render_s + build_s, render_cpu + build_cpu
    n = max(rendered["sheets"], 1)
    return {"sheets": rendered["sheets"], "pages": pages, "render_s": round(render_s, 2), "build_s": round(build_s, 2),
            "total_s": round(total, 2), "s_per_100_sheets": round(100 * total / n, 2),
            "cpu_s": round(total_cpu, 2), "cpu_s_per_100_sheets": round(100 * total_cpu / n, 2),
            "render_peak_mb": render_mb, "build_peak_mb": build_mb,
            "site_mb": round(site_bytes / 1e6, 1), "search_mb": round(sum(p.stat().st_size for p in bundle) / 1e6, 2),
            "largest_search_kb": round(largest.stat().st_size / 1e3, 1) if largest else None,
            "largest_search_file": largest.relative_to(root / "site").as_posix() if largest else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_SHARED / "corpus")
    parser.add_argument("--work", type=Path, default=Path("/tmp/factsheet-bench"))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--near-duplicates", type=Path, metavar="BASE",
                        help="copies of the sheets in this facts folder with small changes, instead of extraction")
    parser.add_argument("--spread", type=int, default=2,
                        help="with --near-duplicates: days between one copy of a sheet and the next (0: all one day)")
    args = parser.parse_args(argv)

    args.work.mkdir(parents=True, exist_ok=True)
    if args.near_duplicates:
        start = time.perf_counter()
        facts, ids = near_duplicates(args.near_duplicates, max(args.sizes), args.work, spread=args.spread)
        extract_s, made = time.perf_counter() - start, len(ids)
    else:
        records = corpus_articles(args.corpus)
        facts, ids, extract_s, made = extract(records, max(args.sizes), args.work)
    rows = [measure(facts, ids, size, args.work) for size in sorted(args.sizes)]
    smallest = rows[0]
    ratios = {f"{r['sheets']}/{smallest['sheets']}": {
        "sheets": round(r["sheets"] / max(smallest["sheets"], 1), 2),
        "render": round(r["render_s"] / max(smallest["render_s"], 1e-9), 2),
        "total": round(r["total_s"] / max(smallest["total_s"], 1e-9), 2)} for r in rows[1:]}
    if args.json:
        print(json.dumps({"extract_s": round(extract_s, 1), "extracted": made, "sizes": rows, "ratios": ratios},
                         indent=2))
        return 0
    how = "copied from " + str(args.near_duplicates) if args.near_duplicates else "made (the rest were current)"
    print(f"sheets: {made} {how} in {extract_s:.1f} s")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(wall-clock times grow with it; CPU times much less)")
    print(f"{'sheets':>7} {'pages':>6} {'render s':>9} {'mkdocs s':>9} {'total s':>8} {'s/100':>6} "
          f"{'CPU s':>6} {'CPU s/100':>9} {'render MB':>9} {'build MB':>8} {'site MB':>8} {'search MB':>9} "
          f"{'largest search KB':>17}")
    for r in rows:
        print(f"{r['sheets']:>7} {r['pages']:>6} {r['render_s']:>9.2f} {r['build_s']:>9.2f} {r['total_s']:>8.2f} "
              f"{r['s_per_100_sheets']:>6.2f} {r['cpu_s']:>6.1f} {r['cpu_s_per_100_sheets']:>9.2f} "
              f"{r['render_peak_mb']:>9} {r['build_peak_mb']:>8} {r['site_mb']:>8.1f} {r['search_mb']:>9.2f} "
              f"{r['largest_search_kb'] or 0:>17.1f}")
    for name, r in ratios.items():
        print(f"ratio {name}: sheets x{r['sheets']}, render x{r['render']}, total x{r['total']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
