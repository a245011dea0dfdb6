#!/usr/bin/env python3
"""Measure the site's search at size: a site of N made-up sheets, rendered, built, indexed by Pagefind.

The sheets are generated here (no spaCy, no corpus): words made of random syllables, so that the
index holds as many distinct words as a real archive, and each sheet its own quotes, figures,
dates and people. Prints, per size: render and build seconds (the build includes Pagefind, which
the hooks run), Pagefind's own seconds, the search bundle's size, its largest file and how many
files it has, the site's size and the peak memory of the build.

    python scripts/bench_search.py --sizes 1000
    python scripts/bench_search.py --sizes 250 1000 --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model import (  # noqa: E402 - after the path is set, so the script runs from a checkout
    DateMention,
    Entity,
    Fact,
    FactSheet,
    Figure,
    Generated,
    Quote,
    Source,
)
from generator.render import GENERATED_DIRS, GENERATED_FILES, render_site  # noqa: E402
from generator.sheets import yamlio  # noqa: E402

SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
GEN = Generated(tool="bench", pipeline="none", content_hash="sha256:" + "0" * 64)


class Words:
    """A made-up language: a vocabulary of distinct words, drawn with a long tail as real text is."""

    def __init__(self, rng: random.Random, size: int = 40_000):
        self.rng = rng
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = sorted(words)

    def some(self, n: int) -> str:
        picks = [self.words[min(int(self.rng.paretovariate(0.7)) - 1, len(self.words) - 1)] if self.rng.random() < 0.5
                 else self.rng.choice(self.words) for _ in range(n)]
        return " ".join(picks)

    def name(self) -> str:
        return f"{self.rng.choice(self.words[:3000]).title()} {self.rng.choice(self.words[3000:9000]).title()}"


def make_sheet(i: int, words: Words, rng: random.Random, people: list[str], places: list[str]) -> FactSheet:
    day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 3 * 365))
    speakers = rng.sample(people, 3)
    place = rng.choice(places)
    quotes = tuple(Quote(text=words.some(15), speaker=s, kind="direct", cue="said",
                         sentence=f"\u201c{words.some(15)},\u201d said {s}.") for s in speakers)
    figures = tuple(Figure(text=f"{n:,} {noun}", value=n, counts=noun,
                           sentence=f"In {place} {n:,} {noun} {words.some(9)}.")
                    for n, noun in ((rng.randint(2, 90_000), words.some(1)) for _ in range(4)))
    dates = tuple(DateMention(text="that day", value=(day - dt.timedelta(days=rng.randint(0, 40))).isoformat(),
                              sentence=words.some(12)) for _ in range(3))
    entities = (*(Entity(name=s, type="PERSON", mentions=rng.randint(1, 4)) for s in speakers),
                Entity(name=place, type="GPE", mentions=2), Entity(name=f"{words.some(1).title()} Council", type="ORG"))
    return FactSheet(
        id=f"sheet-{i:05d}", title=words.some(8).capitalize(), summary=words.some(30).capitalize() + ".",
        source=Source(name=f"{rng.choice(words.words[:40]).title()} News", published=day.isoformat(),
                      url=f"https://news.example.com/{i}"),
        generated=GEN, facts=tuple(Fact(text=words.some(20), sentence=words.some(24)) for _ in range(5)),
        quotes=quotes, figures=figures, dates=dates, entities=entities)


def write_sheets(n: int, facts: Path, seed: int = 16) -> None:
    rng = random.Random(seed)
    words = Words(rng)
    people = [words.name() for _ in range(max(n // 2, 10))]
    places = [words.some(1).title() for _ in range(max(n // 10, 5))]
    facts.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sheet = make_sheet(i, words, rng, people, places)
        (facts / f"{sheet.id}.yaml").write_text(yamlio.dump(sheet.to_dict()), encoding="utf-8")


def measure(n: int, work: Path) -> dict:
    root = work / f"site-{n}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("overrides", "hooks"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES))
    write_sheets(n, root / "facts")
    start = time.perf_counter()
    site, _ = render_site(root / "facts", root / "docs")
    render_s = time.perf_counter() - start
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(root / "site")],
                            cwd=root, env=env, capture_output=True, text=True, check=False)
    build_s = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"mkdocs build failed for {n} sheets:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    m = re.search(r"Pagefind search index made in ([\d.]+) s", result.stderr)
    bundle = [p for p in (root / "site" / "pagefind").rglob("*") if p.is_file()]
    largest = max(bundle, key=lambda p: p.stat().st_size)
    index_files = [p for p in bundle if p.parent.name in ("index", "fragment", "filter")]
    return {"sheets": len(site.sheets), "pages": sum(1 for _ in (root / "site").rglob("*.html")),
            "render_s": round(render_s, 1), "build_s": round(build_s, 1),
            "pagefind_s": float(m.group(1)) if m else None,
            "search_mb": round(sum(p.stat().st_size for p in bundle) / 1e6, 2),
            "largest_search_file": largest.relative_to(root / "site").as_posix(),
            "largest_search_kb": round(largest.stat().st_size / 1e3, 1),
            "largest_index_kb": round(max(p.stat().st_size for p in index_files) / 1e3, 1),
            "search_files": len(bundle),
            "site_mb": round(sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file()) / 1e6, 1),
            "peak_build_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/factsheet-bench-search"))
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    rows = [measure(n, args.work) for n in sorted(args.sizes)]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        print(" · ".join(f"{k} {v}" for k, v in r.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
