#!/usr/bin/env python3
"""Quality gates: extract the shared annotated corpora, score them, and fail below the floors.

    python scripts/gates.py --shared ../shared               # what CI runs
    python scripts/gates.py --shared ../shared --raise-floors  # after an improvement: lift the floors

Floors live in quality/floors.yaml. They only go up: ``--raise-floors`` sets each floor to the
measured value (rounded down to 0.005) when that is higher and never lowers one; lowering a
floor takes a hand edit that tests/test_floors.py checks against the minimums the issues set.
The scorers are the team's own, in SHARED/tools; nothing here reimplements them.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / "quality" / "floors.yaml"
SPEAKER_LABELS = ROOT / "quality" / "labels" / "speakers.jsonl"
CNN_QUOTES = ROOT / "quality" / "labels" / "cnn_quotes.jsonl"


def run(cmd: list[str], *, capture: bool = True) -> str:
    res = subprocess.run(cmd, capture_output=capture, text=True, check=False)
    if res.returncode not in (0, 1):  # the scorers exit 1 only for an unmet --min, which we don't pass
        sys.stderr.write(res.stderr or "")
        raise SystemExit(f"gates: command failed ({res.returncode}): {' '.join(cmd)}")
    return res.stdout


def extract(inputs: list[str], out: Path) -> float:
    """Extract sheets with the project's own CLI; returns seconds taken."""
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "generator", "extract", *inputs, "--out", str(out), "--quiet",
                          "--force"], capture_output=True, text=True, check=False)
    if res.returncode not in (0, 1):
        sys.stderr.write(res.stderr)
        raise SystemExit(f"gates: extraction failed for {inputs}")
    return time.perf_counter() - t0


def measure(shared: Path, work: Path) -> dict[str, dict[str, float]]:
    tools, corpus = shared / "tools", shared / "corpus"
    py = sys.executable
    got: dict[str, dict[str, float]] = {}

    extract([str(corpus / "articles")], work / "seed")
    res = json.loads(run([py, str(tools / "score.py"), "--pred", str(work / "seed"), "--gold", str(corpus / "gold"),
                          "--json"]))
    got["seed"] = _flatten(res["overall"])
    # role accuracy is reported per article only: pool it over the articles that have roles in gold
    roles = [a["entities"]["PERSON"]["role_acc"] for a in res["articles"] if "PERSON" in a.get("entities", {})]
    got["seed"]["PERSON.role_acc"] = round(sum(roles) / len(roles), 4) if roles else 0.0

    extract([str(corpus / "polnear-dev" / "articles.jsonl")], work / "polnear")
    res = json.loads(run([py, str(tools / "score.py"), "--pred", str(work / "polnear"),
                          "--gold", str(corpus / "polnear-dev" / "gold"), "--json"]))["overall"]
    got["polnear"] = {k: v for k, v in _flatten(res).items() if k.startswith(("quotes.", "reported."))}
    got["polnear-utterances"] = _utterance_scores(py, tools, work / "polnear", corpus / "polnear-dev" / "gold")

    # speaking pronouns a reader resolved (quality/labels/pronouns.jsonl): the canonical speaker the sheets give
    # the held-out ones of polnear-dev, which the pronoun model never saw
    from generator.extract.quotes.train_pronouns import LABELS, read_labels, sheet_accuracy

    right, n = sheet_accuracy(read_labels(LABELS), "polnear-dev", work / "polnear")
    got["pronouns"] = {"dev.speaker_acc": round(right / n, 4) if n else 0.0}

    # the canonical speaker of quotations a reader attributed (quality/labels/speakers.jsonl): every kind of
    # attribution, on polnear-dev and on the cnn-train articles the reader read (no model was fitted on these)
    speakers = [json.loads(line) for line in SPEAKER_LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    cnn_ids = {d["id"] for d in speakers if d["corpus"] == "cnn-train"}
    lines = (corpus / "cnn-train" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    keep = {i for i, line in enumerate(lines) if line.strip() and json.loads(line)["id"] in cnn_ids}
    sample_in, _ = _sample(corpus / "cnn-train", work / "cnn-speakers", keep.__contains__)
    extract([str(sample_in)], work / "cnn-speakers")
    got["speakers"] = {}
    for name, corpus_name, sheets in (("cnn", "cnn-train", work / "cnn-speakers"), ("dev", "polnear-dev",
                                                                                   work / "polnear")):
        right, n = speaker_accuracy(speakers, corpus_name, sheets)
        got["speakers"][f"{name}.speaker_acc"] = round(right / n, 4) if n else 0.0

    # every quotation and reported statement readers marked in 80 cnn-train articles (quality/labels/
    # cnn_quotes.jsonl), with the speaker's full name: another outlet and the canonical name, scored by score.py;
    # "tune" is what rules were looked at against, "held-out" only ever measured
    for split, name in (("tune", "cnn-quotes"), ("held-out", "cnn-quotes-heldout")):
        sample_in, sample_gold = cnn_quote_gold(corpus / "cnn-train", work / name, split)
        extract([str(sample_in)], work / name)
        res = json.loads(run([py, str(tools / "score.py"), "--pred", str(work / name), "--gold", str(sample_gold),
                              "--json"]))["overall"]
        got[name] = {k: v for k, v in _flatten(res).items() if k.startswith(("quotes.", "reported."))}

    # a fixed sample of PolNeAR train (its first articles), to keep CI time modest; the note reports the whole
    sample_in, sample_gold = _sample(corpus / "polnear-train", work / "polnear-train-sample",
                                     lambda i: i < POLNEAR_TRAIN_SAMPLE)
    extract([str(sample_in)], work / "polnear-train")
    res = json.loads(run([py, str(tools / "score.py"), "--pred", str(work / "polnear-train"),
                          "--gold", str(sample_gold), "--json"]))["overall"]
    got["polnear-train"] = {k: v for k, v in _flatten(res).items() if k.startswith(("quotes.", "reported."))}
    got["polnear-train-utterances"] = _utterance_scores(py, tools, work / "polnear-train", sample_gold)

    nq_in = work / "newsquant.jsonl"
    nq_data = corpus / "newsquant" / "dev.json"
    run([py, str(tools / "newsquant.py"), "input", "--data", str(nq_data), "--out", str(nq_in)])
    extract([str(nq_in)], work / "newsquant")
    res = json.loads(run([py, str(tools / "newsquant.py"), "score", "--data", str(nq_data),
                          "--pred", str(work / "newsquant"), "--json"]))
    got["newsquant"] = {k: res[k]["f1"] for k in ("value", "value+unit", "value+change", "value+concept")}

    spec = corpus / "recognizers" / "DateTime_English_DateTimeModel.json"
    dt_in = work / "dates.jsonl"
    run([py, str(tools / "dates.py"), "input", "--spec", str(spec), "--out", str(dt_in)])
    extract([str(dt_in)], work / "dates")
    res = json.loads(run([py, str(tools / "dates.py"), "score", "--spec", str(spec), "--pred", str(work / "dates"),
                          "--json"]))
    got["dates"] = {"rate": res["rate"]}

    # dates on real wire news: TimeBank (TimeML, human annotated), values resolved against each article's date
    extract([str(corpus / "timebank" / "articles.jsonl")], work / "timebank")
    got["timebank"] = {"value_f1": _timeml_f1(run([py, str(tools / "timeml.py"), str(corpus / "timebank"),
                                                   str(work / "timebank")]))}

    extract([str(corpus / "gum-news" / "articles.jsonl")], work / "gum")
    res = json.loads(run([py, str(tools / "keyfacts.py"), "--pred", str(work / "gum"),
                          "--gold", str(corpus / "gum-news" / "gold"), "--json"]))["overall"]
    got["keyfacts"] = {k: res[k] for k in ("rouge1", "rouge2", "rougeLsum")}

    # key facts against CNN's story highlights: the development split of cnn-train (every fifth article),
    # which the key-fact scorer's weights never saw (generator/extract/keyfacts/train.py fits the rest)
    sample_in, sample_gold = _sample(corpus / "cnn-train", work / "cnn-dev", lambda i: i % 5 == 4)
    extract([str(sample_in)], work / "cnn")
    res = json.loads(run([py, str(tools / "keyfacts.py"), "--pred", str(work / "cnn"),
                          "--gold", str(sample_gold), "--json"]))["overall"]
    got["keyfacts-cnn"] = {k: res[k] for k in ("rouge1", "rouge2", "rougeLsum")}
    return got


POLNEAR_TRAIN_SAMPLE = 200  # articles of polnear-train gated in CI (the first ones of articles.jsonl)


def _utterance_scores(py: str, tools: Path, sheets: Path, gold: Path) -> dict[str, float]:
    """Direct quotes scored with the pieces of one utterance as one item. PolNeAR annotates ``"A," X said. "B."``
    as one quotation; a sheet gives its pieces as separate items sharing an ``utterance`` id, and score.py's
    one-to-one pairing counts every piece after the first as an extra. The same sheets, their pieces joined,
    go to the same scorer."""
    joined = sheets.with_name(sheets.name + "-utterances")
    joined.mkdir(parents=True, exist_ok=True)
    for path in sorted(sheets.glob("*.yaml")):
        sheet = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        sheet["quotes"] = utterances_as_one(sheet.get("quotes") or [])
        (joined / path.name).write_text(yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False), encoding="utf-8")
    res = json.loads(run([py, str(tools / "score.py"), "--pred", str(joined), "--gold", str(gold), "--json"]))
    return {k: v for k, v in _flatten(res["overall"]).items() if k.startswith("quotes.")}


def utterances_as_one(quotes: list[dict]) -> list[dict]:
    """The quote items of a sheet with the quoted pieces of each utterance joined into the first piece's item
    (its speaker, kind and clause), in order; reported statements and lone quotations as they are."""
    out: list[dict] = []
    first: dict[int, dict] = {}
    for q in quotes:
        u = q.get("utterance")
        if u is None or str(q.get("kind", "")).lower() in ("indirect", "reported"):
            out.append(q)
        elif u in first:
            first[u]["text"] = f"{first[u]['text']} {q.get('text', '')}"
        else:
            first[u] = {**q}
            out.append(first[u])
    return out


def _sample(folder: Path, out: Path, keep) -> tuple[Path, Path]:
    """The articles of ``folder/articles.jsonl`` whose index passes ``keep``, as a JSON-lines file, and a
    folder with their gold files."""
    lines = [line for i, line in enumerate((folder / "articles.jsonl").read_text(encoding="utf-8").splitlines())
             if keep(i)]
    articles, gold = out.with_suffix(".jsonl"), out.with_name(out.name + "-gold")
    articles.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    gold.mkdir(parents=True, exist_ok=True)
    for line in lines:
        art_id = json.loads(line)["id"]
        (gold / f"{art_id}.yaml").write_bytes((folder / "gold" / f"{art_id}.yaml").read_bytes())
    return articles, gold


def cnn_quote_gold(folder: Path, out: Path, split: str) -> tuple[Path, Path]:
    """The articles of one split of quality/labels/cnn_quotes.jsonl as a JSON-lines file, and a folder of gold
    files in score.py's format, their texts cut from the articles at the readers' spans. A reported statement
    holding a quotation ("said the plan was "dead"") is left out: the readers marked its quoted words as a
    quotation too, and a sheet files the pair as one partial quotation whose clause is that statement."""
    labels = [json.loads(line) for line in CNN_QUOTES.read_text(encoding="utf-8").splitlines() if line.strip()]
    labels = {d["id"]: d for d in labels if d["split"] == split}
    lines = [line for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["id"] in labels]
    articles, gold = out.with_suffix(".jsonl"), out.with_name(out.name + "-gold")
    articles.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    gold.mkdir(parents=True, exist_ok=True)
    for line in lines:
        art = json.loads(line)
        doc = {"article": f"{art['id']}.txt",
               **{kind: _gold_items(labels[art["id"]][kind], art["text"]) for kind in ("quotes", "reported")}}
        (gold / f"{art['id']}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                                                encoding="utf-8")
    return articles, gold


def _gold_items(items: list[dict], text: str) -> list[dict]:
    """Gold quotations in score.py's format from labelled spans, less the statements that hold a quotation."""
    out = []
    for it in items:
        if it.get("mixed"):
            continue
        a, b = it["span"]
        out.append({"text": text[a:b], "speaker": it["speaker"], **({"said_by": it["said_by"]} if it.get("said_by")
                                                                    else {})})
    return out


def speaker_accuracy(labels: list[dict], corpus: str, sheets: Path) -> tuple[int, int]:
    """(quotations whose sheet gives the speaker a reader named, quotations a reader judged speech) for the
    labels of ``corpus`` (quality/labels/speakers.jsonl). A reader's null is a speaker the article never names:
    right when the sheet names nobody or only a body's words ("police"), never a person or organisation."""
    from generator.extract.quotes.train_pronouns import is_right, quote_at, read_sheets

    mine = [d for d in labels if d["corpus"] == corpus and d["speech"]]
    read = read_sheets(sheets, {d["id"] for d in mine})
    right = 0
    for label in mine:
        sheet = read[label["id"]]
        q = quote_at(sheet.get("quotes") or [], label["span"])
        if q is None:
            continue
        said = q.get("speaker")
        if label["speaker"] is None:
            right += said is None or said not in {ent.get("name") for ent in sheet.get("entities") or []}
        else:
            right += is_right(said, label["speaker"])
    return right, len(mine)


def _timeml_f1(report: str) -> float:
    """The value F1 from timeml.py's summary line ("value P 0.824 R 0.829 F1 0.826; ...")."""
    match = re.search(r"value P [0-9.]+ R [0-9.]+ F1 ([0-9.]+)", report)
    if not match:
        raise SystemExit(f"gates: no value F1 in timeml.py's output: {report[:200]!r}")
    return float(match[1])


def _flatten(overall: dict) -> dict[str, float]:
    out = {}
    for group, vals in overall.items():
        for k in ("p", "r", "f1", "e2e_f1"):
            if k in vals:
                out[f"{group}.{k}"] = vals[k]
    return out


def floor_of(value: float) -> float:
    return math.floor(value * 200) / 200  # round down to 0.005


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared corpus and tools")
    ap.add_argument("--raise-floors", action="store_true", help="lift floors to the measured values (never lowers)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the extracted sheets in this folder")
    args = ap.parse_args(argv)
    if not (args.shared / "tools" / "score.py").is_file():
        print(f"gates: no scorers under {args.shared}/tools (give --shared)", file=sys.stderr)
        return 2
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="factsheet-gates-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        got = measure(args.shared.resolve(), work)
    failed = []
    print(f"{'set':<14} {'measure':<18} {'value':>7} {'floor':>7}")
    for group, values in got.items():
        for key, value in values.items():
            floor = (floors.get(group) or {}).get(key)
            mark = ""
            if floor is not None and value + 1e-9 < floor:
                mark = "  BELOW FLOOR"
                failed.append(f"{group} {key} {value} < {floor}")
            print(f"{group:<14} {key:<18} {value:>7.4f} {'' if floor is None else f'{floor:>7.3f}'}{mark}")
    if args.raise_floors:
        changed = False
        for group, values in floors.items():
            for key, floor in values.items():
                new = floor_of(got.get(group, {}).get(key, 0.0))
                if new > floor:
                    values[key] = new
                    changed = True
        if changed:
            header = "".join(line + "\n" for line in FLOORS.read_text(encoding="utf-8").splitlines()
                             if line.startswith("#"))
            FLOORS.write_text(header + yaml.safe_dump(floors, sort_keys=False), encoding="utf-8")
            print(f"floors raised in {FLOORS.relative_to(ROOT)}")
    if failed:
        print("below floor: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
