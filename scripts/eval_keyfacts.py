#!/usr/bin/env python3
"""Key facts against human summaries: the ranker and the lead-3 baseline, scored in the same run.

    PYTHONPATH=. python scripts/eval_keyfacts.py ../shared/corpus/gum-news/articles.jsonl \\
        --gold ../shared/corpus/gum-news/gold --out /tmp/keyfacts-eval [--min rouge1=0.43]

Parses every article once with the real pipeline, writes two sets of fact sheets (``OUT/ranked``:
:func:`generator.extract.keyfacts.rank_facts`; ``OUT/lead3``: the first three sentences that are not
the headline or page furniture) and scores both with the shared ``tools/keyfacts.py`` (ROUGE of the
top 3 facts). ``--min`` is passed to the scorer for the ranked sheets, so this doubles as a gate.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FACTSHEET_SHARED", ROOT.parent / "shared"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+", help="articles: files or folders the extract command accepts")
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True, help="folder for the two sets of sheets")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "keyfacts.py")
    ap.add_argument("--min", action="append", default=[], metavar="MEASURE=F1")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from generator.errors import InputError
    from generator.extract import analyse
    from generator.extract.keyfacts import lead_facts, summary_of
    from generator.inputs.files import iter_articles
    from generator.pipeline.nlp import load, pipeline_name
    from generator.pipeline.run import sheet_path
    from generator.sheets.yamlio import dump

    def write_sheet(sheet, path: Path) -> None:
        path.write_text(dump(sheet.to_dict()), encoding="utf-8")

    nlp = load()
    name = pipeline_name(nlp)
    dirs = {mode: args.out / mode for mode in ("ranked", "lead3")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    articles = [a for a in iter_articles(args.inputs) if not isinstance(a, InputError)]
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=16):
        sheet = analyse(doc, article, pipeline=name)
        write_sheet(sheet, sheet_path(dirs["ranked"], article.id))
        lead = lead_facts(doc, title=article.title)
        write_sheet(sheet.replace(facts=tuple(lead), summary=summary_of(lead)), sheet_path(dirs["lead3"], article.id))
    status = 0
    for mode, d in (("lead-3", dirs["lead3"]), ("ranked", dirs["ranked"])):
        cmd = [sys.executable, str(args.scorer), "--pred", str(d), "--gold", str(args.gold)]
        if mode == "ranked":
            cmd += [f"--min={m}" for m in args.min]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        print(f"{mode:7} {out.stdout.strip()} {out.stderr.strip()}".rstrip())
        status = status or (out.returncode if mode == "ranked" else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
