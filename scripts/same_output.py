#!/usr/bin/env python3
"""Check that the extraction still writes the same fact sheets (for refactorings and speed work).

    PYTHONPATH=$PWD python scripts/same_output.py --ref REF --make INPUT ...   # write the reference
    PYTHONPATH=$PWD python scripts/same_output.py --ref REF INPUT ...          # extract again, compare

Each INPUT (a file or folder, as ``factsheet extract`` takes them) is extracted with ``--force``
into its own subfolder, named after the input's folder and file name (``polnear-dev-articles``),
of REF (with ``--make``) or of OUT (``--out``, default a temporary folder). Then every sheet of
REF is compared with its namesake in OUT, ignoring only the ``generated.at`` and
``generated.tool`` lines (the tool string carries a hash of the extraction sources, so it
changes with any code change). Prints each differing, missing or extra sheet with the start of
its diff, and exits 1 if there is any. Pass the same INPUT strings as for the reference: the
sheets record the path they were read from. ``--compare-only`` compares an existing OUT.

The runs keep Python's random hash seed on purpose: the output must not depend on the order of a
set of strings (which changes from one process to the next), and a dependence shows here as a
difference between two runs of the same code.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import tempfile
from pathlib import Path

IGNORED = re.compile(r"^  (at|tool): ")  # the two lines of the `generated` block that may differ


def subfolder(inp: str) -> str:
    """A folder name for one input: its parent folder's name and its own stem."""
    p = Path(inp).resolve()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", f"{p.parent.name}-{p.stem}").strip("-")


def extract(inputs: list[str], root: Path) -> int:
    """Extract each input into its subfolder of ``root``; returns the number of errors."""
    from generator.cli import one_line
    from generator.inputs.files import iter_articles
    from generator.pipeline.run import extract_all

    errors = 0
    for inp in inputs:
        out = root / subfolder(inp)
        if out.exists() and any(out.glob("*.yaml")):
            sys.exit(f"{out}: not empty; extract into a fresh folder")
        report = extract_all(iter_articles([inp]), out, force=True)
        for err in report.errors:
            print(f"error: {one_line(err)}")
        errors += len(report.errors)
        print(f"{inp}: {len(report.written)} sheets -> {out}", file=sys.stderr)
    return errors


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    in_generated = False
    kept = []
    for line in text.splitlines(keepends=True):
        if not line.startswith(" "):
            in_generated = line.startswith("generated:")
        if in_generated and IGNORED.match(line):
            continue
        kept.append(line)
    return kept


def compare(ref: Path, out: Path, *, context: int = 12) -> list[str]:
    """The sheets (relative paths) that differ between ``ref`` and ``out``; prints their diffs."""
    ref_sheets = {p.relative_to(ref) for p in ref.glob("*/*.yaml")}
    out_sheets = {p.relative_to(out) for p in out.glob("*/*.yaml")}
    bad = []
    for rel in sorted(ref_sheets | out_sheets):
        if rel not in out_sheets:
            print(f"MISSING {rel}")
            bad.append(str(rel))
            continue
        if rel not in ref_sheets:
            print(f"EXTRA   {rel}")
            bad.append(str(rel))
            continue
        a, b = _lines(ref / rel), _lines(out / rel)
        if a != b:
            print(f"DIFFERS {rel}")
            diff = list(difflib.unified_diff(a, b, f"ref/{rel}", f"out/{rel}", n=1))
            sys.stdout.writelines(diff[:context])
            if len(diff) > context:
                print(f"  ... ({len(diff) - context} more diff lines)")
            bad.append(str(rel))
    print(f"{len(ref_sheets)} reference sheets, {len(out_sheets)} new, {len(bad)} differ")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--ref", type=Path, required=True, help="reference folder")
    ap.add_argument("--make", action="store_true", help="write the reference instead of comparing")
    ap.add_argument("--out", type=Path, help="where to extract (default: a temporary folder)")
    ap.add_argument("--compare-only", action="store_true", help="compare an existing --out, extract nothing")
    args = ap.parse_args(argv)
    if args.make:
        return 1 if extract(args.inputs, args.ref) else 0
    if args.compare_only:
        if args.out is None:
            ap.error("--compare-only needs --out")
        return 1 if compare(args.ref, args.out) else 0
    with tempfile.TemporaryDirectory(prefix="same-output-") as tmp:
        out = args.out or Path(tmp)
        errors = extract(args.inputs, out)
        bad = compare(args.ref, out)
    return 1 if bad or errors else 0


if __name__ == "__main__":
    sys.exit(main())
