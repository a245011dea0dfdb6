#!/usr/bin/env python3
"""Score fact sheets against gold with the team's scorer, one row per outlet (the id before its first "_").

    python scripts/score_by_outlet.py --pred SHEETS --gold GOLD [--shared ../shared] [--joined]

For a corpus whose ids start with their outlet (PolNeAR: ``nyt_2016-01-30_…``). Each outlet's sheets and gold
files are copied to a temporary folder and scored there by ``SHARED/tools/score.py``; the measures are its own.
With ``--joined`` the quoted pieces of one utterance are joined first, as the ``polnear-utterances`` gate does
(:func:`gates.utterances_as_one`). Prints direct quotes (P, R, F1, e2e F1, gold count) and reported speech (F1,
e2e F1, gold count) for each outlet and for all.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gates import utterances_as_one


def outlet(stem: str) -> str:
    return stem.split("_", 1)[0] if "_" in stem else "(other)"


def score(scorer: Path, sheets: list[Path], gold: list[Path], joined: bool) -> dict:
    """score.py's overall result for these sheets against these gold files."""
    with tempfile.TemporaryDirectory() as tmp:
        pred_dir, gold_dir = Path(tmp) / "pred", Path(tmp) / "gold"
        pred_dir.mkdir()
        gold_dir.mkdir()
        for path in sheets:
            sheet = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            if joined:
                sheet["quotes"] = utterances_as_one(sheet.get("quotes") or [])
            (pred_dir / path.name).write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False),
                                              encoding="utf-8")
        for path in gold:
            (gold_dir / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        out = subprocess.run([sys.executable, str(scorer), "--pred", str(pred_dir), "--gold", str(gold_dir),
                              "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["overall"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pred", required=True, type=Path, help="a folder of fact sheets (ID.yaml)")
    ap.add_argument("--gold", required=True, type=Path, help="a folder of gold files (ID.yaml)")
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared",
                    help="the shared folder, with tools/score.py (default: ../shared beside the repository)")
    ap.add_argument("--joined", action="store_true", help="join the quoted pieces of one utterance first")
    args = ap.parse_args(argv)
    scorer = args.shared / "tools" / "score.py"
    if not scorer.is_file():
        print(f"score_by_outlet: no scorer at {scorer}: pass --shared", file=sys.stderr)
        return 2
    gold = sorted(args.gold.glob("*.yaml"))
    if not gold:
        print(f"score_by_outlet: no gold files in {args.gold}", file=sys.stderr)
        return 2
    groups: dict[str, list[Path]] = {}
    for path in gold:
        groups.setdefault(outlet(path.stem), []).append(path)
    groups["ALL"] = gold
    print(f"{'outlet':<14} {'direct P':>8} {'R':>6} {'F1':>6} {'e2e':>6} {'gold':>5}   "
          f"{'reported F1':>11} {'e2e':>6} {'gold':>5}")
    for name, members in groups.items():
        sheets = [args.pred / p.name for p in members if (args.pred / p.name).is_file()]
        res = score(scorer, sheets, members, args.joined)
        q, r = res["quotes"], res["reported"]
        print(f"{name:<14} {q['p']:>8.3f} {q['r']:>6.3f} {q['f1']:>6.3f} {q['e2e_f1']:>6.3f} {q['gold']:>5}   "
              f"{r['f1']:>11.3f} {r['e2e_f1']:>6.3f} {r['gold']:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
